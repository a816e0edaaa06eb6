"""Programs (the source documents) and the pledges parsed from them, with exact provenance.

Longer than a module here should be: the seven models point at one another (areas, programs,
pledges and the records about a pledge), and much of the length is the editors' help texts.
The selections the public pages and the API share are ``PledgeQuerySet`` methods.
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Coalesce
from django.urls import get_script_prefix, reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from municipalities.models import Municipality, Region
from parties.models import Party

from . import ranking
from .parsing.lexicon import format_period
from .rendering import without_markup


def editor_stamp(verbose_name):
    """Who did a step: an editor, kept as null if the account is removed."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=verbose_name,
    )


class PolicyAreaQuerySet(models.QuerySet):
    def topics(self):
        """The top-level topics (the Comparative Agendas Project's major topics)."""
        return self.filter(parent__isnull=True)


class PolicyAreaManager(models.Manager.from_queryset(PolicyAreaQuerySet)):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class PolicyArea(models.Model):
    """A topic pledges are sorted under. Data, not code: editors may add and rename areas.

    Areas form a tree of two levels: top-level topics modelled on the Comparative Agendas
    Project (CAP) major topics, and sub-areas under one topic each. A pledge's primary area is
    always a topic; its areas list the sub-areas it touches as well.
    """

    FALLBACK_SLUG = "ovrigt"

    slug = models.SlugField(
        _("adressnamn"),
        max_length=50,
        unique=True,
        help_text=_("Stabil nyckel som används i adresser och data. Ändra inte i onödan."),
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("överordnat ämne"),
        help_text=_("Tomt för ett ämne på översta nivån; annars det ämne området hör till."),
    )
    cap_code = models.PositiveSmallIntegerField(
        _("CAP-kod"),
        null=True,
        blank=True,
        help_text=_("Huvudämnets kod i Comparative Agendas Project, t.ex. 13 för socialpolitik."),
    )
    name = models.CharField(_("namn"), max_length=100, unique=True)
    name_en = models.CharField(
        _("namn på engelska"),
        max_length=100,
        blank=True,
        help_text=_("Visas på den engelska webbplatsen; tomt: det svenska namnet."),
    )
    description = models.TextField(_("beskrivning"), blank=True)
    description_en = models.TextField(
        _("beskrivning på engelska"),
        blank=True,
        help_text=_("Visas på den engelska webbplatsen; tomt: den svenska beskrivningen."),
    )
    stems = models.TextField(
        _("ordled"),
        blank=True,
        help_text=_(
            "Ett ordled per rad som klassificeraren letar efter. Ett ordled träffar även inuti "
            "ord (”våld” hittar ”våldsutsatta”); ^ först kräver ordets "
            "början och $ sist ordets slut; mellanslag gör det till en fras."
        ),
    )
    order = models.PositiveSmallIntegerField(_("ordning"), default=100)

    objects = PolicyAreaManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("politikområde")
        verbose_name_plural = _("politikområden")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(parent=models.F("pk")), name="policy_area_not_own_parent"
            )
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("pledges:area", args=[self.slug])

    def natural_key(self):
        return (self.slug,)

    def display_name(self) -> str:
        """The name in the active language: English under /en/ when there is one."""
        return self._in_language(self.name, self.name_en)

    def display_description(self) -> str:
        """The description in the active language, as ``display_name``."""
        return self._in_language(self.description, self.description_en)

    @staticmethod
    def _in_language(swedish: str, english: str) -> str:
        if english and (get_language() or "").startswith("en"):
            return english
        return swedish

    def clean(self):
        if self.parent_id is not None:
            if self.parent_id == self.pk:
                raise ValidationError({"parent": _("Ett område kan inte ligga under sig självt.")})
            if self.parent.parent_id is not None:
                raise ValidationError(
                    {"parent": _("Välj ett ämne på översta nivån; områden har bara två nivåer.")}
                )
            if self.pk and self.children.exists():
                raise ValidationError(
                    {"parent": _("Området har egna underområden och måste vara ett ämne.")}
                )


class PolicyAreaAliasManager(models.Manager):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class PolicyAreaAlias(models.Model):
    """An old address of a renamed area: /omraden/<old slug>/ redirects to the area."""

    slug = models.SlugField(_("tidigare adressnamn"), max_length=50, unique=True)
    area = models.ForeignKey(
        PolicyArea, on_delete=models.CASCADE, related_name="aliases", verbose_name=_("område")
    )

    objects = PolicyAreaAliasManager()

    class Meta:
        ordering = ["slug"]
        verbose_name = _("tidigare adressnamn")
        verbose_name_plural = _("tidigare adressnamn")

    def __str__(self):
        return f"{self.slug} → {self.area.slug}"

    def natural_key(self):
        return (self.slug,)

    natural_key.dependencies = ["pledges.policyarea"]


# A program's place name, for ordering programs (and, prefixed, pledges) by place.
PLACE_NAME = Coalesce("municipality__name", "region__name").asc()
PROGRAM_PLACE_NAME = Coalesce("program__municipality__name", "program__region__name").asc()


class ProgramManager(models.Manager):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class Program(models.Model):
    """A party's program for a municipality or a region, kept exactly as received."""

    slug = models.SlugField(
        _("adressnamn"),
        max_length=120,
        unique=True,
        help_text=_("Stabil nyckel, tagen från filnamnet i manifestet."),
    )
    party = models.ForeignKey(
        Party, on_delete=models.PROTECT, related_name="programs", verbose_name=_("parti")
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="programs",
        verbose_name=_("kommun"),
        help_text=_("Kommunen programmet gäller. Ange kommun eller region, inte båda."),
    )
    region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="programs",
        verbose_name=_("region"),
        help_text=_("Regionen programmet gäller (regionval). Ange kommun eller region."),
    )
    title = models.CharField(_("titel"), max_length=300)
    period_start = models.PositiveSmallIntegerField(
        _("mandatperiodens första år"),
        null=True,
        blank=True,
        help_text=_("Valåret perioden börjar, t.ex. 2022 för 2022–2026. Tomt om okänt."),
    )
    source_url = models.URLField(
        _("källadress"), max_length=500, blank=True, help_text=_("Var texten hämtades.")
    )
    retrieved = models.DateField(_("hämtad"), null=True, blank=True)
    file_name = models.CharField(_("filnamn"), max_length=200, blank=True)
    original_text = models.TextField(
        _("originaltext"),
        help_text=_("Texten exakt som den togs emot. Löftenas teckenpositioner pekar hit."),
    )
    checksum = models.CharField(_("kontrollsumma (SHA-256)"), max_length=64)
    is_public = models.BooleanField(
        _("visas på webbplatsen"),
        default=True,
        help_text=_(
            "Ett program som laddats upp i administrationen är ett utkast tills en redaktör "
            "har granskat löftena och publicerar programmet."
        ),
    )
    rank = models.BigIntegerField(
        _("plats i listor"),
        default=0,
        editable=False,
        help_text=_("Räknas fram: ort i bokstavsordning, partiets ordning, programmet."),
    )
    loaded_digest = models.CharField(
        max_length=64,
        blank=True,
        editable=False,
        help_text=_("Vad senaste inläsningen av programmet bestod av (SHA-256)."),
    )
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)
    updated_at = models.DateTimeField(_("ändrad"), auto_now=True)

    objects = ProgramManager()
    history = HistoricalRecords(excluded_fields=["rank", "loaded_digest"])

    class Meta:
        ordering = [PLACE_NAME, "party__order", "title"]
        verbose_name = _("program")
        verbose_name_plural = _("program")
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(municipality__isnull=False) & models.Q(region__isnull=True))
                | (models.Q(municipality__isnull=True) & models.Q(region__isnull=False)),
                name="program_for_municipality_or_region",
            ),
            models.CheckConstraint(
                condition=models.Q(period_start__isnull=True)
                | models.Q(period_start__gte=1970, period_start__lte=2100),
                name="program_period_start_plausible",
            ),
        ]
        # the home page's latest programs, read from the index instead of sorting them all
        indexes = [models.Index(fields=["-created_at", "slug"], name="program_latest")]

    def __str__(self):
        return f"{self.party.short_name}, {self.place.name}: {self.title}"

    def save(self, *args, **kwargs):
        new = self._state.adding
        super().save(*args, **kwargs)
        rank = ranking.program_rank(self)
        if rank != self.rank:  # the pk is known only now; its pledges (if any yet) follow
            self.rank = rank
            Program.objects.filter(pk=self.pk).update(rank=rank)
            if not new:
                ranking.rank_pledges(Pledge.objects.filter(program=self))

    def get_absolute_url(self):
        return _address("pledges:program", self.slug)

    def natural_key(self):
        return (self.slug,)

    @property
    def place(self) -> Municipality | Region:
        """The municipality or the region the program is for (select_related both)."""
        return self.region if self.region_id else self.municipality

    def clean(self):
        if bool(self.municipality_id) == bool(self.region_id):
            raise ValidationError(_("Ange antingen en kommun eller en region."))

    @property
    def period(self) -> str | None:
        return format_period(self.period_start) if self.period_start else None

    @staticmethod
    def checksum_of(text: str) -> str:
        return hashlib.sha256(text.encode("utf-8")).hexdigest()


class PledgeKind(models.TextChoices):
    LIST_ITEM = "list_item", _("punkt i lista")
    HEADING = "heading", _("rubrik")
    STATED = "stated", _("uttalat (”Vi vill …”)")
    NORMATIVE = "normative", _("normativ kandidat (”ska”/”måste”)")


class PledgeStatus(models.TextChoices):
    IMPORTED = "imported", _("importerad")
    REVIEWED = "reviewed", _("granskad")
    PUBLISHED = "published", _("publicerad")
    REJECTED = "rejected", _("avvisad")


class Fulfilment(models.TextChoices):
    NOT_RATED = "not_rated", _("ej bedömt")
    KEPT = "kept", _("hållet")
    PARTLY = "partly", _("delvis hållet")
    BROKEN = "broken", _("brutet")


def public_q(prefix: str = "", in_source: bool = True) -> models.Q:
    """The rule of ``PledgeQuerySet.public()`` as a condition, also through a relation
    (``public_q("other__")`` on similar-pledge links): a join, not a subquery over every
    pledge. ``in_source=False`` lets pledges that left their source through as well."""
    shown = models.Q(**{f"{prefix}status": PledgeStatus.PUBLISHED}) | (
        models.Q(**{f"{prefix}status__in": [PledgeStatus.IMPORTED, PledgeStatus.REVIEWED]})
        & ~models.Q(**{f"{prefix}kind": PledgeKind.NORMATIVE})
    )
    condition = models.Q(**{f"{prefix}program__is_public": True}) & shown
    if in_source:
        condition &= models.Q(**{f"{prefix}in_source": True})
    return condition


class PledgeQuerySet(models.QuerySet):
    def in_source(self):
        return self.filter(in_source=True)

    def public(self):
        """What the public site shows, everywhere: pledges of public programs, still in their
        source, that are published, or explicit and not rejected (shown as not yet reviewed
        while imported). Normative candidates only once an editor publishes them; rejected
        and merged pledges never."""
        return self.filter(public_q())

    def public_or_gone(self):
        """The same, and those that have since left their source: a pledge's public address
        keeps working, with a notice ("finns inte längre i programmet"), never a bare 404."""
        return self.filter(public_q(in_source=False))

    def for_listing(self):
        """With what a pledge in a list or a download names in the same query: its program's
        party and place, and its primary area; not the program's whole text, which would come
        along with every row."""
        return self.select_related(
            "program__party", "program__municipality", "program__region", "primary_area"
        ).defer("program__original_text")

    def search(self, query: str):
        """Those matching every term of `query`, best first (pledges/search.py)."""
        from .search import apply  # search builds on this module's models

        return apply(self, query)

    def totals(self) -> dict:
        """How many pledges, programs, parties and municipalities, and the latest change."""
        return self.aggregate(
            pledges=models.Count("pk"),
            programs=models.Count("program", distinct=True),
            parties=models.Count("program__party", distinct=True),
            municipalities=models.Count("program__municipality", distinct=True),
            updated=models.Max("updated_at"),
        )

    def with_areas(self):
        """With all of each pledge's areas, in the areas' order, in one more query."""
        return self.prefetch_related(
            models.Prefetch("areas", queryset=PolicyArea.objects.order_by("order"))
        )


def topic_and_sub_areas(area: PolicyArea):
    """The area and the sub-areas under it: what a topic covers (its page, the list's filter)."""
    return PolicyArea.objects.filter(models.Q(pk=area.pk) | models.Q(parent=area.pk))


def touching(pledges, areas):
    """Those of ``pledges`` filed under any of ``areas`` (ids or a query of areas), found
    through the area rows' own index."""
    rows = Pledge.areas.through.objects.filter(policyarea__in=areas)
    return pledges.filter(pk__in=rows.values("pledge_id"))


def attached(pledges, programs, areas=None) -> list[Pledge]:
    """The pledges (a queryset without ``for_listing``), each given its program from
    ``programs`` (already fetched with their party and place) and its primary area from
    ``areas`` (id -> area; all areas when None): a page showing a few programs' pledges then
    builds one object a row, not six."""
    programs = {p.pk: p for p in programs}
    areas = PolicyArea.objects.in_bulk() if areas is None else areas
    out = list(pledges)
    for p in out:
        p.program = programs[p.program_id]
        p.primary_area = areas[p.primary_area_id]
    return out


def public_pledge_counts() -> dict[int, int]:
    """Public pledges per program id, for the whole country: one pass over the pledges, kept
    in the cache for the data version (party, place and API pages read it)."""
    from .freshness import cached

    def compute():
        rows = Pledge.objects.public().values_list("program").annotate(n=models.Count("pk"))
        return dict(rows.order_by())

    return cached("program-counts", compute)


def public_programs() -> list[tuple[int, int, int | None, int | None, int]]:
    """Every public program as (id, party id, municipality id, region id, public pledges): one
    query over the programs, with the cached counts; what the index pages' figures add up."""
    counts = public_pledge_counts()
    rows = Program.objects.filter(is_public=True).values_list(
        "pk", "party", "municipality", "region"
    )
    return [(pk, party, m, r, counts.get(pk, 0)) for pk, party, m, r in rows]


def touching_counts(pledges, *by: str) -> dict[tuple, int]:
    """How many of ``pledges`` touch each topic (a sub-area counting for its topic), keyed by
    (topic id, *values of the pledge fields ``by``): what the list filtered by that topic
    finds. One GROUP BY over the pledges' area rows."""
    rows = (
        Pledge.areas.through.objects.filter(pledge__in=pledges)
        .annotate(topic=Coalesce("policyarea__parent_id", "policyarea_id"))
        .values_list("topic", *(f"pledge__{field}" for field in by))
        .annotate(n=models.Count("pledge_id", distinct=True))
        .order_by()
    )
    return {tuple(row[:-1]): row[-1] for row in rows}


def counted_by_topic(pledges) -> list[PolicyArea]:
    """The topics ``pledges`` touch, in the taxonomy's order, each with ``n``: how many of them
    the list filtered by the topic shows (a pledge counts under every topic it touches)."""
    per = {key[0]: n for key, n in touching_counts(pledges).items()}
    found = list(PolicyArea.objects.filter(pk__in=per).order_by("order"))
    for area in found:
        area.n = per[area.pk]
    return found


def counted(pledges, field: str, objects) -> list:
    """The ``objects`` that ``pledges`` point to through ``field`` (e.g. "primary_area"), each
    with ``n``, how many of the pledges do: one GROUP BY and one query for the objects."""
    per = dict(pledges.values_list(field).annotate(n=models.Count("pk")).order_by())
    found = list(objects.filter(pk__in=per))
    for obj in found:
        obj.n = per[obj.pk]
    return found


def _address(view: str, key) -> str:
    """The address of ``view`` for ``key`` in the active language, formatted from the path
    reversed once: a list links hundreds of pledges and programs."""
    return f"{_address_before_key(view, get_language(), get_script_prefix())}{key}/"


@lru_cache(maxsize=32)
def _address_before_key(view: str, language: str | None, script_prefix: str) -> str:
    """What the address of ``view`` is but for its key ("/loften/", "/en/program/"), in
    ``language`` under ``script_prefix`` (both active when it is called: they are the cache's
    key), for pages that link hundreds of pledges or programs."""
    return reverse(view, args=["0"]).removesuffix("0/")


class PledgeManager(models.Manager.from_queryset(PledgeQuerySet)):
    def get_by_natural_key(self, program_slug, key):
        return self.get(program__slug=program_slug, key=key)


# A pledge's history: an import writes none (the parser's reading is the pledge's ``parsed``);
# the first change to a pledge writes its origin first (``record_origins``).
PLEDGE_HISTORY = HistoricalRecords(m2m_fields=["areas"], excluded_fields=["list_rank"])


class Pledge(models.Model):
    Kind = PledgeKind
    Status = PledgeStatus
    Fulfilment = Fulfilment

    program = models.ForeignKey(
        Program, on_delete=models.PROTECT, related_name="pledges", verbose_name=_("program")
    )
    key = models.SlugField(
        _("nyckel"),
        max_length=80,
        help_text=_("Stabil nyckel inom programmet; följer löftet mellan importer."),
    )
    text = models.TextField(
        _("löfte"), help_text=_("Löftet som webbplatsen visar det, i ren form.")
    )
    quote = models.TextField(
        _("citat"),
        blank=True,
        help_text=_("Källans ord, ordagrant (blanksteg normaliserade). Följer källan."),
    )
    page = models.PositiveIntegerField(
        _("sida"), null=True, blank=True, help_text=_("Sidan i källdokumentet, om den är känd.")
    )
    details = models.TextField(_("detaljer"), blank=True)
    kind = models.CharField(_("typ"), max_length=20, choices=Kind.choices)
    start = models.PositiveIntegerField(
        _("start"), help_text=_("Teckenposition i programmets originaltext där källan börjar.")
    )
    end = models.PositiveIntegerField(
        _("slut"), help_text=_("Teckenposition i originaltexten där källan slutar.")
    )
    section = models.CharField(_("avsnitt"), max_length=300, blank=True)
    order = models.PositiveIntegerField(_("ordning"), default=0)
    areas = models.ManyToManyField(
        PolicyArea, related_name="pledges", verbose_name=_("politikområden")
    )
    primary_area = models.ForeignKey(
        PolicyArea,
        on_delete=models.PROTECT,
        related_name="primary_pledges",
        verbose_name=_("huvudområde"),
        db_index=False,  # the index pledge_area_rank (primary_area, list_rank) serves lookups
    )
    confidence = models.FloatField(
        _("säkerhet"),
        help_text=_("Hur säker tolkaren är på att detta är ett löfte i rätt område (0–1)."),
    )
    restatements = models.JSONField(
        _("upprepningar"),
        default=list,
        blank=True,
        help_text=_("Andra ställen i texten som säger samma sak: [[start, slut], …]."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.IMPORTED
    )
    locked = models.BooleanField(
        _("låst av redaktör"),
        default=False,
        help_text=_(
            "Sätts när en redaktör ändrar löftet. En ny import skriver aldrig över ett låst "
            "löfte; ändringar i källan visas som konflikter att godta eller avfärda."
        ),
    )
    in_source = models.BooleanField(
        _("finns i källan"),
        default=True,
        help_text=_("Av när löftet inte längre finns i programtexten vid senaste import."),
    )
    removed_from_source_at = models.DateTimeField(_("försvann ur källan"), null=True, blank=True)
    parsed = models.JSONField(
        _("tolkarens senaste version"),
        default=dict,
        blank=True,
        help_text=_("Vad tolkaren läste ut vid senaste import; jämförs vid nästa."),
    )
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="merged",
        verbose_name=_("sammanslaget med"),
        help_text=_("Satt när löftet slagits ihop med ett annat som säger samma sak."),
    )
    reviewed_at = models.DateTimeField(_("granskat"), null=True, blank=True)
    reviewed_by = editor_stamp(_("granskat av"))
    published_at = models.DateTimeField(_("publicerat"), null=True, blank=True)
    published_by = editor_stamp(_("publicerat av"))
    rejected_at = models.DateTimeField(_("avvisat"), null=True, blank=True)
    rejected_by = editor_stamp(_("avvisat av"))
    fulfilment = models.CharField(
        _("uppfyllelse"), max_length=20, choices=Fulfilment.choices, default=Fulfilment.NOT_RATED
    )
    fulfilment_evidence = models.URLField(
        _("belägg"),
        max_length=500,
        blank=True,
        help_text=_("Länk till beslut, protokoll eller artikel som visar hur det gick."),
    )
    fulfilment_date = models.DateField(_("bedömningsdatum"), null=True, blank=True)
    fulfilment_by = editor_stamp(_("bedömt av"))
    list_rank = models.BigIntegerField(
        _("plats i listor"),
        default=0,
        editable=False,
        help_text=_("Programmets plats i listor, sedan löftets ordning: listornas sortering."),
    )
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)
    updated_at = models.DateTimeField(_("ändrad"), auto_now=True)

    objects = PledgeManager()
    history = PLEDGE_HISTORY

    class Meta:
        ordering = ["program", "order"]
        verbose_name = _("löfte")
        verbose_name_plural = _("löften")
        constraints = [
            models.UniqueConstraint(fields=["program", "key"], name="pledge_key_unique_in_program"),
            models.CheckConstraint(
                condition=models.Q(end__gt=models.F("start")), name="pledge_span_not_empty"
            ),
            models.CheckConstraint(
                condition=models.Q(confidence__gte=0) & models.Q(confidence__lte=1),
                name="pledge_confidence_0_to_1",
            ),
            models.CheckConstraint(
                condition=models.Q(kind__in=PledgeKind.values), name="pledge_kind_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=PledgeStatus.values),
                name="pledge_status_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(fulfilment__in=Fulfilment.values),
                name="pledge_fulfilment_valid",
            ),
            models.CheckConstraint(
                condition=~models.Q(merged_into=models.F("pk")), name="pledge_not_merged_into_self"
            ),
            models.CheckConstraint(
                condition=~models.Q(fulfilment="not_rated")
                | (models.Q(fulfilment_evidence="") & models.Q(fulfilment_date__isnull=True)),
                name="pledge_unrated_has_no_evidence",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "kind"], name="pledge_status_kind"),
            # the lists' order; the admin's (list_rank, -pk) too, read from the index alone
            models.Index(fields=["list_rank", "-id"], name="pledge_list_rank_id"),
            # "Senast ändrade" first: the list sorted so reads the index, not all the pledges
            models.Index(fields=["-updated_at", "id"], name="pledge_newest"),
            # the list sorted by party, and by topic (a topic at a time, ranking.py, paging.py)
            models.Index(ranking.PARTY_IN_RANK, "list_rank", name="pledge_party_rank"),
            models.Index(fields=["primary_area", "list_rank"], name="pledge_area_rank"),
            models.Index(fields=["program", "order"], name="pledge_program_order"),
        ]

    def __str__(self):
        return self.text if len(self.text) <= 80 else self.text[:79] + "…"

    def save(self, *args, **kwargs):
        self.list_rank = ranking.pledge_rank(self.program.rank, self.order)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return _address("pledges:pledge", self.pk)

    def natural_key(self):
        return (*self.program.natural_key(), self.key)

    natural_key.dependencies = ["pledges.program"]

    @property
    def source_span(self) -> str:
        return self.program.original_text[self.start : self.end]

    @property
    def shows_quote(self) -> bool:
        """Whether the source's words say more than the pledge as shown (beyond case, list
        marks and punctuation), so that the site quotes them under it."""

        def bare(value: str) -> str:  # a list item's leading "att" is dropped from the pledge
            return " ".join(re.findall(r"\w+", value.casefold())).removeprefix("att ")

        return bool(self.quote) and bare(self.quote) != bare(self.text)

    @property
    def editors_wording(self) -> bool:
        """Whether the pledge as shown is the editors' wording, not the parser's reading of
        the source (the site then says so, and quotes the source under it)."""
        return self.text != self.parsed.get("text", "")

    @property
    def shown_quote(self) -> str:
        """The source's words a list shows under the pledge, without layout marks: the quote
        where it says more than the pledge as shown (or the pledge is in the editors' words),
        and the paragraph under a pledge written as a heading; "" when the pledge says it all."""
        words = self.quote if self.shows_quote or self.editors_wording else ""
        if self.kind == PledgeKind.HEADING and self.details:
            words = f"{words} {self.details}".strip()
        return without_markup(words)

    # --- workflow: imported -> reviewed -> published, or rejected; who and when for each step

    def review(self, user):
        self.status = PledgeStatus.REVIEWED
        self.reviewed_at, self.reviewed_by = timezone.now(), user

    def publish(self, user):
        if self.reviewed_at is None:  # publishing is also a review
            self.reviewed_at, self.reviewed_by = timezone.now(), user
        self.status = PledgeStatus.PUBLISHED
        self.published_at, self.published_by = timezone.now(), user

    def reject(self, user):
        self.status = PledgeStatus.REJECTED
        self.rejected_at, self.rejected_by = timezone.now(), user

    def clean(self):
        if self.fulfilment != Fulfilment.NOT_RATED and not self.fulfilment_evidence:
            raise ValidationError(
                {"fulfilment_evidence": _("Ange en länk som belägger bedömningen.")}
            )
        if self.fulfilment == Fulfilment.NOT_RATED and (
            self.fulfilment_evidence or self.fulfilment_date
        ):
            raise ValidationError(
                {"fulfilment": _("Välj en bedömning, eller ta bort belägg och datum.")}
            )
        if self.start is not None and self.end is not None:
            if self.end <= self.start:
                raise ValidationError(_("Källans slut måste ligga efter dess start."))
            if self.program_id and self.end > len(self.program.original_text):
                raise ValidationError(_("Källan pekar utanför programmets text."))


class SourceChange(models.Model):
    """A re-import found the source of a locked pledge changed. The editor decides."""

    class Status(models.TextChoices):
        OPEN = "open", _("öppen")
        ACCEPTED = "accepted", _("godtagen")
        DISMISSED = "dismissed", _("avfärdad")

    pledge = models.ForeignKey(
        Pledge, on_delete=models.CASCADE, related_name="source_changes", verbose_name=_("löfte")
    )
    before = models.JSONField(_("tidigare tolkning"))
    after = models.JSONField(_("ny tolkning"))
    digest = models.CharField(max_length=64, help_text=_("Identifierar den nya tolkningen."))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.OPEN
    )
    detected_at = models.DateTimeField(_("upptäckt"), auto_now_add=True)
    resolved_at = models.DateTimeField(_("avgjord"), null=True, blank=True)
    resolved_by = editor_stamp(_("avgjord av"))

    class Meta:
        ordering = ["-detected_at"]
        verbose_name = _("ändring i källan")
        verbose_name_plural = _("ändringar i källan")
        indexes = [models.Index(fields=["status"], name="source_change_status")]
        constraints = [
            models.UniqueConstraint(
                fields=["pledge", "digest"], name="source_change_once_per_version"
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=["open", "accepted", "dismissed"]),
                name="source_change_status_valid",
            ),
        ]

    def __str__(self):
        return f"{self.pledge}: {self.get_status_display()}"


class PledgeSimilarity(models.Model):
    """A link from a pledge to a similar pledge in another program, computed at import."""

    pledge = models.ForeignKey(Pledge, on_delete=models.CASCADE, related_name="similarities")
    other = models.ForeignKey(Pledge, on_delete=models.CASCADE, related_name="+")
    score = models.FloatField(_("likhet"))

    class Meta:
        ordering = ["pledge", "-score"]
        verbose_name = _("liknande löfte")
        verbose_name_plural = _("liknande löften")
        constraints = [
            models.UniqueConstraint(fields=["pledge", "other"], name="similarity_once_per_pair"),
            models.CheckConstraint(
                condition=~models.Q(pledge=models.F("other")), name="similarity_not_self"
            ),
            models.CheckConstraint(
                condition=models.Q(score__gt=0) & models.Q(score__lte=1),
                name="similarity_score_range",
            ),
        ]

    def __str__(self):
        return f"{self.pledge} ~ {self.other} ({self.score:.2f})"


class SimilarityBlock(models.Model):
    """One topic's pledges as the vectors similarity compares (pledges/similarity.py), kept so
    that a changed program recomputes a few rows, not the whole topic. Derived data: a full
    run writes them again."""

    area = models.OneToOneField(PolicyArea, on_delete=models.CASCADE, related_name="+")
    vectors = models.BinaryField()
    saved_at = models.DateTimeField()

    class Meta:
        verbose_name = _("likhetsblock")
        verbose_name_plural = _("likhetsblock")

    def __str__(self):
        return str(self.area)


class ErrorReport(models.Model):
    """A visitor's report that a pledge is wrong, waiting in the editors' moderation queue."""

    class Status(models.TextChoices):
        NEW = "new", _("ny")
        HANDLED = "handled", _("åtgärdad")
        DISMISSED = "dismissed", _("avfärdad")

    pledge = models.ForeignKey(
        Pledge, on_delete=models.CASCADE, related_name="error_reports", verbose_name=_("löfte")
    )
    message = models.TextField(_("vad är fel"), max_length=2000)
    email = models.EmailField(_("e-post"), blank=True, help_text=_("Frivillig, för frågor."))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.NEW
    )
    note = models.TextField(
        _("intern anteckning"),
        blank=True,
        help_text=_("För redaktionen: vad som har kontrollerats, vem som tar det. Visas aldrig."),
    )
    reply = models.TextField(
        _("svar och utfall"),
        blank=True,
        help_text=_(
            "Vad som blev av rapporten (”löftet rättat”, ”står så i källan”), i ord som "
            "kan skickas till den som rapporterade."
        ),
    )
    created_at = models.DateTimeField(_("inskickad"), auto_now_add=True)
    handled_at = models.DateTimeField(_("hanterad"), null=True, blank=True)
    handled_by = editor_stamp(_("hanterad av"))

    # the reader's address stays in the report only: removing a report removes it entirely
    history = HistoricalRecords(excluded_fields=["email"])

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("felrapport")
        verbose_name_plural = _("felrapporter")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=["new", "handled", "dismissed"]),
                name="error_report_status_valid",
            )
        ]
        indexes = [models.Index(fields=["status"], name="error_report_status")]

    def __str__(self):
        return f"{self.pledge}: {self.message[:60]}"

    def decide(self, status: str, user, *, reply: str | None = None) -> None:
        """Mark the report handled or dismissed (or new again), signed and dated, with the
        outcome in words if given; saved, so the history records who did it."""
        if status not in self.Status.values:
            raise ValidationError({"status": _("Okänd status för en felrapport.")})
        self.status = status
        if reply is not None:
            self.reply = reply
        self.sign(user)
        self._history_user = user  # also outside a request (a command, a test)
        self.save()

    def sign(self, user) -> None:
        """Who changed the report's status, and when."""
        self.handled_at, self.handled_by = timezone.now(), user


class DataVersion(models.Model):
    """One row, changed with every change to what the public site shows (pledges, programs,
    areas, parties, places, similar-pledge links): the key under which computed counts and
    whole pages are cached, and the pages' ETag and Last-Modified (pledges/freshness.py).
    Kept in the database so that every process, the task worker included, sees a change."""

    number = models.PositiveBigIntegerField(default=1)
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("dataversion")
        verbose_name_plural = _("dataversion")

    def __str__(self):
        return f"{self.number} ({self.changed_at:%Y-%m-%d %H:%M})"


def record_origins(pledge_ids) -> None:
    """Write the first history record of those of these pledges that have none: the pledge as
    it is in the database (as imported), dated when it was created, by no user, its areas
    included. An import writes no history for the pledges it creates (hundreds of thousands of
    records that would say what ``parsed`` already says); the first change to a pledge, by an
    editor or a re-import, writes its origin just before (signals in ``apps.py``), so that its
    history shows what it changed from and can go back to it."""
    if not getattr(settings, "SIMPLE_HISTORY_ENABLED", True):
        return
    ids = {pk for pk in pledge_ids if pk is not None}
    if not ids:
        return
    recorded = set(
        Pledge.history.filter(id__in=ids).values_list("id", flat=True).order_by().distinct()
    )
    for pledge in Pledge.objects.filter(pk__in=ids - recorded):
        pledge._history_user = None
        pledge._history_date = pledge.created_at
        PLEDGE_HISTORY.create_historical_record(pledge, "+")
