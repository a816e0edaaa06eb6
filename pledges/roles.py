"""The editors' group: exactly the permissions curating pledges needs, nothing on users.

Kept in step by a post_migrate hook, so every `migrate` (a fresh database included) leaves the
group with this list and no other permission.
"""

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
}


def ensure_editor_group(**kwargs) -> Group:
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
