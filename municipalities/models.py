from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class CountyManager(models.Manager):
    def get_by_natural_key(self, code):
        return self.get(code=code)


class County(models.Model):
    """One of Sweden's 21 counties (län), by its official two-digit code."""

    code = models.CharField(
        _("länskod"),
        max_length=2,
        unique=True,
        validators=[RegexValidator(r"^\d{2}$", _("Länskoden är två siffror."))],
        help_text=_("SCB:s tvåsiffriga länskod, t.ex. 18 för Örebro län."),
    )
    name = models.CharField(_("namn"), max_length=100, unique=True)

    objects = CountyManager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("län")
        verbose_name_plural = _("län")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(code__regex=r"^[0-9][0-9]$"), name="county_code_two_digits"
            )
        ]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.code,)


class PlaceQuerySet(models.QuerySet):
    """Municipalities and regions: the places programs are written for."""

    def with_programs(self):
        return self.filter(programs__isnull=False).distinct()


class PlaceManager(models.Manager.from_queryset(PlaceQuerySet)):
    def get_by_natural_key(self, code):
        return self.get(code=code)


class Municipality(models.Model):
    """One of Sweden's 290 municipalities, by its official four-digit code."""

    code = models.CharField(
        _("kommunkod"),
        max_length=4,
        unique=True,
        validators=[RegexValidator(r"^\d{4}$", _("Kommunkoden är fyra siffror."))],
        help_text=_("SCB:s fyrsiffriga kommunkod, t.ex. 1880 för Örebro."),
    )
    name = models.CharField(_("namn"), max_length=100, unique=True)
    slug = models.SlugField(_("adressnamn"), max_length=100, unique=True)
    county = models.ForeignKey(
        County, on_delete=models.PROTECT, related_name="municipalities", verbose_name=_("län")
    )

    objects = PlaceManager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("kommun")
        verbose_name_plural = _("kommuner")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(code__regex=r"^[0-9][0-9][0-9][0-9]$"),
                name="municipality_code_four_digits",
            )
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("pledges:municipality", args=[self.slug])

    def natural_key(self):
        return (self.code,)

    natural_key.dependencies = ["municipalities.county"]


class Region(models.Model):
    """One of Sweden's 21 regions (the county councils), by its county's two-digit code."""

    code = models.CharField(
        _("regionkod"),
        max_length=2,
        unique=True,
        validators=[RegexValidator(r"^\d{2}$", _("Regionkoden är två siffror."))],
        help_text=_("Länets tvåsiffriga kod, t.ex. 12 för Region Skåne."),
    )
    name = models.CharField(_("namn"), max_length=100, unique=True)
    slug = models.SlugField(_("adressnamn"), max_length=100, unique=True)
    county = models.OneToOneField(
        County, on_delete=models.PROTECT, related_name="region", verbose_name=_("län")
    )
    name_forms = models.TextField(
        _("namnformer i text"),
        blank=True,
        help_text=_("En namnform per rad som en programtext använder, t.ex. Skåne."),
    )

    objects = PlaceManager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("region")
        verbose_name_plural = _("regioner")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(code__regex=r"^[0-9][0-9]$"), name="region_code_two_digits"
            )
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("pledges:region", args=[self.slug])

    def natural_key(self):
        return (self.code,)

    natural_key.dependencies = ["municipalities.county"]

    @property
    def forms(self) -> tuple[str, ...]:
        return tuple(f.strip() for f in self.name_forms.splitlines() if f.strip())
