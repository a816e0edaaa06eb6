"""A select for long lists of options, rendered by joining strings.

Django renders a select through one template per option: the pledge list's four selects (311
places, the parties, the topics) cost about 40 ms a page that way, most of the page's time at
national scale. ``QuickSelect`` writes the same HTML directly (flat choices, one value).
"""

from __future__ import annotations

from django import forms
from django.forms.utils import flatatt
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe


class QuickSelect(forms.Select):
    def render(self, name, value, attrs=None, renderer=None):
        final = {"name": name, **self.build_attrs(self.attrs, attrs)}
        chosen = {str(v) for v in self.format_value(value)}
        parts = [f"<select{flatatt(final)}>"]
        for v, label in self.choices:
            v = str(v)
            mark = " selected" if v in chosen else ""
            value, label = conditional_escape(v), conditional_escape(label)
            parts.append(f'<option value="{value}"{mark}>{label}</option>')
        parts.append("</select>")
        return mark_safe("".join(parts))  # every value and label escaped above
