"""QuickSelect writes what Django's Select writes, without a template per option."""

import pytest
from django import forms
from django.test.html import parse_html

from pledges.widgets import QuickSelect

CHOICES = [("", "Alla kommuner"), ("ale", "Ale (3)"), ("a&b", '<Å & Ö> "citat"')]


class Choose(forms.Form):
    plain = forms.ChoiceField(choices=CHOICES, required=False)
    quick = forms.ChoiceField(choices=CHOICES, required=False, widget=QuickSelect)


@pytest.mark.parametrize("value", [None, "", "ale", "a&b", "okänd"])
def test_quick_select_renders_as_djangos_select(value):
    form = Choose({"plain": value, "quick": value} if value is not None else None)
    plain, quick = str(form["plain"]), str(form["quick"])
    assert parse_html(quick) == parse_html(plain.replace("plain", "quick"))
    assert "&lt;Å &amp; Ö&gt; &quot;citat&quot;" in quick  # labels and values escaped
    assert quick.count(" selected") == (value in (None, "", "ale", "a&b"))
