from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartiesConfig(AppConfig):
    name = "parties"
    verbose_name = _("Partier")
    # Parties belong to the editors once created: the fixture only adds missing ones.
    reference_fixtures = [("parties.json", "keep", "partier")]
