"""History pages in Swedish: the admin base every recorded model's admin uses.

django-simple-history ships no Swedish, prints a value that was empty as "Deleted användare
(pk=None)", a time as UTC ISO text and a change without a user as "None". Its templates are
replaced under ``templates/simple_history/``; the values of a change are written here.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.admin.utils import unquote
from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404
from django.utils import formats, timezone
from django.utils.encoding import force_str
from django.utils.translation import gettext as _
from simple_history.admin import SimpleHistoryAdmin
from simple_history.models import DeletedObject
from simple_history.template_utils import HistoricalRecordContextHelper


def readable(value, field=None) -> str:
    """One value of a recorded change as an editor reads it: "–" for nothing, a choice's label,
    ja/nej, a time in Swedish local time, a removed object named as removed."""
    if isinstance(value, DeletedObject):
        if value.pk is None:
            return "–"
        return _("borttagen %(what)s") % {"what": value.model._meta.verbose_name}
    if value is None or value == "":
        return "–"
    if isinstance(value, list):
        return ", ".join(readable(v) for v in value) or "–"
    if field is not None and field.choices:
        return force_str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return _("ja") if value else _("nej")
    if isinstance(value, dt.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return formats.date_format(value, "DATETIME_FORMAT")
    if isinstance(value, dt.date):
        return formats.date_format(value, "DATE_FORMAT")
    return force_str(value)


class SwedishRecordHelper(HistoricalRecordContextHelper):
    def prepare_delta_change_value(self, change, value):
        field = self.model._meta.get_field(change.field)
        if isinstance(field, models.ManyToManyField):
            value = super().prepare_delta_change_value(change, value)
            return readable(value)
        return readable(value, field)


class HistoryAdmin(SimpleHistoryAdmin):
    """SimpleHistoryAdmin with the history and its versions in Swedish, times in local time."""

    def history_view(self, request, object_id, extra_context=None):
        self._valid_id(object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        self._valid_id(object_id)
        self._valid_id(version_id, "history_id")
        return super().history_form_view(request, object_id, version_id, extra_context)

    def _valid_id(self, value, field: str | None = None):
        """A malformed address ("…/1/change/history/") is a 404, not a server error."""
        model = self.model.history.model if field else self.model
        pk = model._meta.get_field(field) if field else model._meta.pk
        try:
            pk.to_python(unquote(str(value)))
        except ValidationError:
            raise Http404 from None

    def get_historical_record_context_helper(self, request, historical_record):
        return SwedishRecordHelper(self.model, historical_record)

    def history_view_title(self, request, obj):
        return _("Historik: %s") % force_str(obj)

    def history_form_view_title(self, request, obj):
        return _("Tidigare version: %s") % force_str(obj)
