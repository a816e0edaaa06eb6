from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save
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
        from municipalities.models import County, Municipality, Region
        from parties.models import Party

        from .freshness import data_changed
        from .models import Pledge, PolicyArea, PolicyAreaAlias, Program
        from .roles import ensure_editor_group

        post_migrate.connect(ensure_editor_group, sender=self)
        # What the public site shows: any change makes cached counts and pages stale.
        for model in (
            Pledge,
            Program,
            PolicyArea,
            PolicyAreaAlias,
            Party,
            Municipality,
            Region,
            County,
        ):
            post_save.connect(
                data_changed, sender=model, dispatch_uid=f"fresh-save-{model.__name__}"
            )
            post_delete.connect(
                data_changed, sender=model, dispatch_uid=f"fresh-del-{model.__name__}"
            )
        m2m_changed.connect(data_changed, sender=Pledge.areas.through, dispatch_uid="fresh-areas")
