"""A source: one program file or address as an editor or a batch brought it in, its original
kept, its canonical text stored, and where its import stands."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from municipalities.models import Municipality, Region
from parties.models import Party
from pledges.models import Program

from .reading import FORMATS


class State(models.TextChoices):
    QUEUED = "queued", _("i kö")
    READING = "reading", _("läses")
    REVIEW = "review", _("att bekräfta")
    PARSING = "parsing", _("tolkas")
    DONE = "done", _("klar")
    FAILED = "failed", _("misslyckades")


def original_path(source: Source, filename: str) -> str:
    return f"sources/{timezone.now():%Y/%m}/{filename}"


class Source(models.Model):
    """A program as received: the original file (through Django's storage API), its checksum,
    format and size, the canonical text the parser read (pledge offsets point into it), what
    the parser proposed, what the editor confirmed, and the state of its import."""

    url = models.URLField(_("adress"), max_length=500, blank=True)
    file = models.FileField(_("originalfil"), upload_to=original_path, blank=True, max_length=300)
    file_name = models.CharField(_("filnamn"), max_length=200, blank=True)
    sha256 = models.CharField(_("kontrollsumma (SHA-256)"), max_length=64, blank=True)
    format = models.CharField(_("format"), max_length=10, choices=list(FORMATS.items()), blank=True)
    size = models.PositiveBigIntegerField(_("storlek (byte)"), null=True, blank=True)
    text = models.TextField(
        _("läst text"),
        blank=True,
        help_text=_("Texten som tolkades; löftenas positioner pekar hit."),
    )
    pages = models.PositiveIntegerField(_("sidor"), null=True, blank=True)
    anchors = models.JSONField(_("element"), default=list, blank=True)
    detected = models.JSONField(_("upptäckt i texten"), default=dict, blank=True)

    party = models.ForeignKey(
        Party, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("parti")
    )
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("kommun")
    )
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("region")
    )
    period_start = models.PositiveSmallIntegerField(
        _("mandatperiodens första år"), null=True, blank=True
    )
    title = models.CharField(_("titel"), max_length=300, blank=True)
    retrieved = models.DateField(_("hämtad"), null=True, blank=True)
    confirmed = models.BooleanField(
        _("bekräftad"),
        default=False,
        help_text=_("Parti, kommun eller region, period och titel är bekräftade av en redaktör."),
    )

    state = models.CharField(
        _("läge"), max_length=10, choices=State.choices, default=State.QUEUED, db_index=True
    )
    error = models.TextField(_("orsak"), blank=True)
    program = models.ForeignKey(
        Program,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="sources",
        verbose_name=_("program"),
    )
    pledge_count = models.PositiveIntegerField(_("löften"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        verbose_name=_("inlagd av"),
    )
    created_at = models.DateTimeField(_("inlagd"), auto_now_add=True)
    updated_at = models.DateTimeField(_("ändrad"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["text", "anchors", "updated_at"])

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("inläsning")
        verbose_name_plural = _("inläsningar")
        constraints = [
            models.CheckConstraint(
                condition=~(models.Q(municipality__isnull=False) & models.Q(region__isnull=False)),
                name="source_municipality_or_region",
            )
        ]

    def __str__(self):
        return self.title or self.file_name or self.url or f"#{self.pk}"

    @property
    def place(self):
        return self.municipality or self.region

    @property
    def complete(self) -> bool:
        """Everything a program needs is known: a party and a place."""
        return bool(self.party_id and (self.municipality_id or self.region_id))
