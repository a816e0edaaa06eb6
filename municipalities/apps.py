from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MunicipalitiesConfig(AppConfig):
    name = "municipalities"
    verbose_name = _("Kommuner och län")
    # Reference data this app owns, loaded by `load_data` (pledges/reference.py): official
    # lists, so they follow the fixture.
    reference_fixtures = [
        ("counties.json", "update", "län"),
        ("regions.json", "update", "regioner"),
        ("municipalities.json", "update", "kommuner"),
    ]
