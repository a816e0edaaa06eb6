"""The editors' group: exactly the permissions curating pledges needs, nothing on users.

Kept in step by a post_migrate hook, so every `migrate` (a fresh database included) leaves the
group with this list and no other permission.
"""

from django.apps import apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission

EDITORS = "Redaktörer"

EDITOR_PERMISSIONS = {
    "pledges": {
        "pledge": ["view", "change"],
        "program": ["view", "add", "change"],
        "policyarea": ["view", "add", "change"],
        "policyareaalias": ["view", "add", "change"],
        "sourcechange": ["view", "change"],
        "errorreport": ["view", "change"],
    },
    "parties": {"party": ["view", "add", "change"]},
    "municipalities": {"municipality": ["view"], "county": ["view"], "region": ["view"]},
    "sources": {"source": ["view", "add", "change"]},
}


def ensure_editor_group(using="default", **kwargs) -> Group:
    # An app later in INSTALLED_APPS has not had its permissions made yet: make them now.
    for app in EDITOR_PERMISSIONS:
        create_permissions(apps.get_app_config(app), verbosity=0, using=using)
    group, _ = Group.objects.get_or_create(name=EDITORS)
    wanted = []
    for app, models in EDITOR_PERMISSIONS.items():
        for model, actions in models.items():
            for action in actions:
                wanted.append(
                    Permission.objects.get(
                        content_type__app_label=app, codename=f"{action}_{model}"
                    )
                )
    group.permissions.set(wanted)
    return group
