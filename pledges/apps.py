from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class PledgesConfig(AppConfig):
    name = "pledges"
    verbose_name = _("Vallöften")
    # Policy areas follow the fixture until an editor has changed one.
    reference_fixtures = [
        ("policy_areas.json", "unedited", "politikområden"),
        ("policy_area_aliases.json", "update", "tidigare adressnamn"),
    ]

    def ready(self):
        from .roles import ensure_editor_group

        post_migrate.connect(ensure_editor_group, sender=self)
