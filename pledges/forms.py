"""Forms: the election period field, the set-area action, and the public error report."""

from __future__ import annotations

import re

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from .models import ErrorReport, PolicyArea

# Addresses typed without a scheme are https (Django 6's default, chosen now).
URL_FIELDS = {models.URLField: {"assume_scheme": "https"}}


def https_by_default(field, **kwargs):
    """A model form's field, with URL fields assuming https (for Meta.formfield_callback)."""
    return field.formfield(**{**URL_FIELDS.get(type(field), {}), **kwargs})


PERIOD_RE = re.compile(r"^(\d{4})\s*[-–]\s*(\d{4})$")


class PeriodField(forms.CharField):
    """An election period typed as "2026–2030", "2026-2030" or "2026"; its first year, or None."""

    default_error_messages = {"invalid": _("Skriv mandatperioden som t.ex. 2026–2030.")}

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("help_text", _("t.ex. 2026–2030; tomt om okänd"))
        super().__init__(**kwargs)

    def prepare_value(self, value):
        return f"{value}–{value + 4}" if isinstance(value, int) else value

    def to_python(self, value):
        value = super().to_python(value).strip()
        if not value:
            return None
        if re.fullmatch(r"(19|20)\d\d", value):
            return int(value)  # the election year alone
        m = PERIOD_RE.match(value)
        if not m or int(m.group(2)) - int(m.group(1)) != 4:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return int(m.group(1))


class SetAreaForm(forms.Form):
    area = forms.ModelChoiceField(label=_("Nytt huvudområde"), queryset=PolicyArea.objects.all())


class ErrorReportForm(forms.ModelForm):
    # Left empty by people; bots fill it in.
    website = forms.CharField(required=False, widget=forms.HiddenInput)

    class Meta:
        model = ErrorReport
        fields = ["message", "email"]
        widgets = {"message": forms.Textarea(attrs={"rows": 4, "maxlength": 2000})}
        labels = {"message": _("Vad är fel?"), "email": _("Din e-post (frivillig)")}
