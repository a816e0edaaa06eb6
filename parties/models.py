import re

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from municipalities.models import Municipality, Region

COLOUR_RE = re.compile(r"#[0-9A-Fa-f]{6}")  # for fullmatch; the field's validator says the same


class PartyManager(models.Manager):
    def get_by_natural_key(self, abbreviation):
        return self.get(abbreviation=abbreviation)


class Party(models.Model):
    """A political party: one of the Riksdag parties, or a local party in one municipality or
    one region."""

    abbreviation = models.CharField(
        _("förkortning"),
        max_length=12,
        unique=True,
        help_text=_("Partiets vedertagna förkortning, t.ex. M, S eller MP. Används som nyckel."),
    )
    slug = models.SlugField(_("adressnamn"), max_length=50, unique=True)
    name = models.CharField(
        _("namn"),
        max_length=100,
        unique=True,
        help_text=_("Namnet partiet själv använder, t.ex. Moderaterna."),
    )
    official_name = models.CharField(
        _("officiellt namn"),
        max_length=150,
        blank=True,
        help_text=_("Registrerat partinamn, t.ex. Moderata samlingspartiet."),
    )
    short_name = models.CharField(_("kortnamn"), max_length=50)
    colour = models.CharField(
        _("partifärg"),
        max_length=7,
        validators=[RegexValidator(r"^#[0-9A-Fa-f]{6}$", _("Ange färgen som #RRGGBB."))],
        help_text=_("Partiets färg som #RRGGBB."),
    )
    name_stems = models.TextField(
        _("namnformer i text"),
        blank=True,
        help_text=_(
            "Ett ordled per rad som känner igen partiet i en programtext, även i "
            "sammansättningar (”moderat” hittar ”Västeråsmoderaterna”)."
        ),
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="local_parties",
        verbose_name=_("lokalt parti i"),
        help_text=_("Endast för lokala partier: den kommun partiet finns i."),
    )
    region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="local_parties",
        verbose_name=_("regionalt parti i"),
        help_text=_("Endast för regionala partier: den region partiet finns i."),
    )
    order = models.PositiveSmallIntegerField(_("ordning"), default=100)

    objects = PartyManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("parti")
        verbose_name_plural = _("partier")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(municipality__isnull=True) | models.Q(region__isnull=True),
                name="party_local_to_one_place",
            )
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("pledges:party", args=[self.slug])

    def natural_key(self):
        return (self.abbreviation,)

    @property
    def local_to(self):
        """The municipality or region a local party runs in; None for a national party."""
        return self.municipality or self.region

    def clean(self):
        if self.municipality_id and self.region_id:
            raise ValidationError(
                _("Ett lokalt parti finns i en kommun eller en region, inte båda.")
            )
