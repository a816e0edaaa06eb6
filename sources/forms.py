"""The editors' form for bringing a program in: a file or an address, and what they know."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from pledges.forms import PeriodField, https_by_default

from .models import Source
from .reading import sniff


class SourceForm(forms.ModelForm):
    period_start = PeriodField(label=_("Mandatperiod"))

    class Meta:
        model = Source
        fields = [
            "file",
            "url",
            "party",
            "municipality",
            "region",
            "period_start",
            "title",
            "retrieved",
        ]
        formfield_callback = staticmethod(https_by_default)
        help_texts = {
            "url": _("Eller adressen till programmet (en PDF-fil eller en webbsida)."),
            "file": _("PDF, webbsida (HTML), Word (DOCX) eller text, som partiet publicerat."),
            "party": _("Tomt: föreslås ur texten."),
            "municipality": _("Tomt: föreslås ur texten. Ange kommun eller region."),
            "title": _("Tomt: dokumentets egen rubrik."),
        }
        widgets = {"retrieved": forms.DateInput(attrs={"type": "date"})}

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if not upload or not hasattr(upload, "content_type"):
            return upload  # nothing new uploaded
        limit = settings.FETCH_MAX_BYTES
        if upload.size > limit:
            raise forms.ValidationError(
                _("Filen är större än %(mb)d MB.") % {"mb": limit // (1024 * 1024)}
            )
        head = upload.read(8192)
        upload.seek(0)
        if not head.strip() or sniff(head) is None:
            raise forms.ValidationError(
                _("Okänd filtyp. Vallöften läser PDF, webbsidor (HTML), Word (DOCX) och text.")
            )
        return upload

    def clean(self):
        cleaned = super().clean()
        if not self.instance.pk and bool(cleaned.get("file")) == bool(cleaned.get("url")):
            raise forms.ValidationError(_("Ladda upp en fil eller ge en adress (en av dem)."))
        if cleaned.get("municipality") and cleaned.get("region"):
            raise forms.ValidationError(_("Välj antingen en kommun eller en region."))
        return cleaned
