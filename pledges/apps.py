from django.apps import AppConfig
from django.db.models.signals import (
    m2m_changed,
    post_delete,
    post_migrate,
    post_save,
    pre_delete,
    pre_save,
)
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
        # A pledge's first change writes its origin first (models.record_origins).
        pre_save.connect(_origin_before_save, sender=Pledge, dispatch_uid="origin-save")
        pre_delete.connect(_origin_before_delete, sender=Pledge, dispatch_uid="origin-delete")
        m2m_changed.connect(
            _origin_before_areas_change, sender=Pledge.areas.through, dispatch_uid="origin-areas"
        )


def _origins(pledge_ids):
    from .models import record_origins

    record_origins(pledge_ids)


def _origin_before_save(sender, instance, raw=False, **kwargs):
    if not raw and not instance._state.adding:
        _origins([instance.pk])


def _origin_before_delete(sender, instance, **kwargs):
    _origins([instance.pk])


def _origin_before_areas_change(sender, instance, action, reverse, pk_set, **kwargs):
    """Before a pledge's areas change (or an area's pledges, from the area's side)."""
    if action not in ("pre_add", "pre_remove", "pre_clear"):
        return
    if not reverse:
        _origins([instance.pk])
    elif pk_set is not None:
        _origins(pk_set)
    else:  # an area's pledges cleared
        _origins(sender.objects.filter(policyarea=instance).values_list("pledge_id", flat=True))
