"""Forms: the editors' program upload and set-area action, and the public error report."""

from __future__ import annotations

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from municipalities.models import Municipality, Region
from parties.models import Party

from .models import ErrorReport, PolicyArea
from .parsing import ProgramTextError, decode_program

MAX_UPLOAD_BYTES = 2 * 1024 * 1024
PERIOD_RE = re.compile(r"^(\d{4})\s*[-–]\s*(\d{4})$")


class ProgramUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Programtext"),
        help_text=_("En textfil i UTF-8, exakt som partiet publicerat den (högst 2 MB)."),
    )
    party = forms.ModelChoiceField(label=_("Parti"), queryset=Party.objects.all())
    municipality = forms.ModelChoiceField(
        label=_("Kommun"),
        queryset=Municipality.objects.all(),
        required=False,
        help_text=_("Kommunen programmet gäller; lämna tomt för ett regionprogram."),
    )
    region = forms.ModelChoiceField(
        label=_("Region"),
        queryset=Region.objects.all(),
        required=False,
        help_text=_("Endast för ett program inför regionvalet."),
    )
    title = forms.CharField(
        label=_("Titel"),
        max_length=300,
        required=False,
        help_text=_("Tomt: programmets första rad."),
    )
    period = forms.CharField(
        label=_("Mandatperiod"), required=False, help_text=_("t.ex. 2026–2030; tomt om okänd")
    )
    source_url = forms.URLField(label=_("Källadress"), required=False, assume_scheme="https")
    retrieved = forms.DateField(
        label=_("Hämtad"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("Filen är större än 2 MB."))
        try:
            self.text = decode_program(upload.read(), upload.name)
        except ProgramTextError as exc:
            raise forms.ValidationError(str(exc)) from None
        return upload

    def clean(self):
        cleaned = super().clean()
        municipality, region = cleaned.get("municipality"), cleaned.get("region")
        if "municipality" in cleaned and "region" in cleaned and bool(municipality) == bool(region):
            raise forms.ValidationError(_("Välj antingen en kommun eller en region."))
        cleaned["place"] = municipality or region
        return cleaned

    def clean_period(self):
        value = self.cleaned_data["period"].strip()
        if not value:
            return None
        m = PERIOD_RE.match(value)
        if not m or int(m.group(2)) - int(m.group(1)) != 4:
            raise forms.ValidationError(_("Skriv mandatperioden som t.ex. 2026–2030."))
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
