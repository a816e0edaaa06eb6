"""Pledges: the editors' main list, its filters, the pledge form and the bulk actions. A little
over 300 lines: PledgeAdmin's configuration (fields, filters, actions) is most of it."""

from __future__ import annotations

from functools import lru_cache

from django import forms
from django.contrib import admin, messages
from django.db.models import Exists, OuterRef
from django.shortcuts import render
from django.utils.html import format_html
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .. import curation, search
from ..forms import URL_FIELDS, SetAreaForm, https_by_default
from ..models import PROGRAM_PLACE_NAME, Pledge, SourceChange
from ..rendering import quote_in_paragraph
from .country import CountryList
from .filters import (
    AutocompleteFilters,
    MunicipalityFilter,
    PartyFilter,
    ProgramFilter,
    RegionFilter,
)
from .history import HistoryAdmin
from .reports import ErrorReportInline, SourceChangeInline, clipped

TEXT_CHARS = 140
SHORT_KINDS = {
    Pledge.Kind.LIST_ITEM: _("punkt"),
    Pledge.Kind.HEADING: _("rubrik"),
    Pledge.Kind.STATED: _("uttalat"),
    Pledge.Kind.NORMATIVE: _("normativ"),
}


@lru_cache(maxsize=8)
def _kind_cells(language: str | None) -> dict[str, str]:
    """The list's kind column in ``language``: the word, with the kind's full name as its
    title (formatted once, not for every row)."""
    return {
        kind.value: format_html('<span title="{}">{}</span>', kind.label, SHORT_KINDS.get(kind, ""))
        for kind in Pledge.Kind
    }


class ConfidenceFilter(admin.SimpleListFilter):
    title = _("säkerhet")
    parameter_name = "sakerhet"

    def lookups(self, request, model_admin):
        return [
            ("lag", _("låg (under 0,5)")),
            ("medel", _("medel (0,5–0,8)")),
            ("hog", _("hög (över 0,8)")),
        ]

    def queryset(self, request, queryset):
        return {
            "lag": queryset.filter(confidence__lt=0.5),
            "medel": queryset.filter(confidence__gte=0.5, confidence__lte=0.8),
            "hog": queryset.filter(confidence__gt=0.8),
        }.get(self.value(), queryset)


class ConflictFilter(admin.SimpleListFilter):
    title = _("ändring i källan")
    parameter_name = "konflikt"

    def lookups(self, request, model_admin):
        return [("ja", _("väntar på beslut"))]

    def queryset(self, request, queryset):
        if self.value() == "ja":
            return queryset.filter(source_changes__status=SourceChange.Status.OPEN).distinct()
        return queryset


class PledgeAdminForm(forms.ModelForm):
    class Meta:
        model = Pledge
        fields = [
            "text",
            "details",
            "kind",
            "program",
            "primary_area",
            "areas",
            "section",
            "status",
            "fulfilment",
            "fulfilment_evidence",
            "fulfilment_date",
            "locked",
        ]
        formfield_callback = https_by_default

    def clean(self):
        cleaned = super().clean()
        primary, areas = cleaned.get("primary_area"), cleaned.get("areas")
        if primary is not None and areas is not None and primary not in areas:
            cleaned["areas"] = [*areas, primary]  # the primary area is always one of them
        return cleaned


@admin.register(Pledge)
class PledgeAdmin(CountryList, AutocompleteFilters, HistoryAdmin):
    form = PledgeAdminForm
    # Fits 1280 px beside the filters (static/css/admin.css): the pledge cut to a few lines
    # (whole in its title), the party as its abbreviation, the kind in one word.
    list_display = [
        "short_text",
        "party",
        "municipality",
        "primary_area",
        "short_kind",
        "status",
        "confidence",
        "fulfilment",
        "has_conflict",
    ]
    list_display_links = ["short_text"]
    list_fields = [
        "text",
        "kind",
        "status",
        "confidence",
        "fulfilment",
        "program__party__name",
        "program__party__abbreviation",
        "program__municipality__name",
        "program__region__name",
        "primary_area__name",
    ]
    list_filter = [
        "status",
        "kind",
        PartyFilter,
        MunicipalityFilter,
        RegionFilter,
        "primary_area",
        ConfidenceFilter,
        "fulfilment",
        ConflictFilter,
        "in_source",
        "locked",
        ProgramFilter,
    ]
    show_full_result_count = False  # one count of the selection, not also of all pledges
    ordering = ["list_rank"]  # place, party, program, order: read from an index (ranking.py)
    list_per_page = 50
    search_fields = ["text", "details", "section", "program__title"]
    list_select_related = [
        "program__party",
        "program__municipality",
        "program__region",
        "primary_area",
    ]
    autocomplete_fields = ["program", "areas", "primary_area"]
    actions = [
        "review_selected",
        "publish_selected",
        "reject_selected",
        "set_area",
        "merge_selected",
    ]
    inlines = [SourceChangeInline, ErrorReportInline]
    formfield_overrides = URL_FIELDS
    readonly_fields = [
        "source_in_paragraph",
        "public_page",
        "key",
        "start",
        "end",
        "restatements",
        "quote",
        "page",
        "parsed",
        "in_source",
        "removed_from_source_at",
        "merged_into",
        "reviewed_at",
        "reviewed_by",
        "published_at",
        "published_by",
        "rejected_at",
        "rejected_by",
        "fulfilment_by",
        "confidence",
        "created_at",
        "updated_at",
    ]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "text",
                    "details",
                    "kind",
                    "program",
                    "primary_area",
                    "areas",
                    "section",
                    "public_page",
                ]
            },
        ),
        (
            _("Källan"),
            {
                "fields": ["source_in_paragraph", "quote", "page", "start", "end", "restatements"],
                "description": _(
                    "Var löftet står i programmets originaltext. Källan ändras inte här."
                ),
            },
        ),
        (
            _("Arbetsflöde"),
            {
                "fields": [
                    "status",
                    "reviewed_at",
                    "reviewed_by",
                    "published_at",
                    "published_by",
                    "rejected_at",
                    "rejected_by",
                    "merged_into",
                ]
            },
        ),
        (
            _("Uppfyllelse"),
            {"fields": ["fulfilment", "fulfilment_evidence", "fulfilment_date", "fulfilment_by"]},
        ),
        (
            _("Import"),
            {
                "classes": ["collapse"],
                "fields": [
                    "key",
                    "confidence",
                    "locked",
                    "in_source",
                    "removed_from_source_at",
                    "parsed",
                    "created_at",
                    "updated_at",
                ],
            },
        ),
    ]

    @admin.display(description=_("löfte"), ordering="list_rank")
    def short_text(self, obj):
        return clipped(obj.text, TEXT_CHARS)

    @admin.display(description=_("parti"), ordering="program__party__order")
    def party(self, obj):
        party = obj.program.party
        return format_html('<abbr title="{}">{}</abbr>', party.name, party.abbreviation)

    @admin.display(description=_("typ"), ordering="kind")
    def short_kind(self, obj):
        return _kind_cells(get_language())[obj.kind]

    @admin.display(description=_("kommun eller region"), ordering=PROGRAM_PLACE_NAME)
    def municipality(self, obj):
        return obj.program.place.name

    @admin.display(description=_("konflikt"))
    def has_conflict(self, obj):
        """An open source change says so; nothing otherwise (a column of "no" icons hides
        the few that matter)."""
        if not obj.open_conflicts:
            return ""
        return format_html('<strong class="conflict">{}</strong>', _("väntar"))

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            # not the program's whole text with every row (the form's quote reads it when shown)
            .defer("program__original_text", "parsed", "restatements")
            # a subquery per row shown, not a GROUP BY over every pledge
            .annotate(
                open_conflicts=Exists(
                    SourceChange.objects.filter(
                        pledge=OuterRef("pk"), status=SourceChange.Status.OPEN
                    )
                )
            )
        )

    @admin.display(description=_("källan i sitt stycke"))
    def source_in_paragraph(self, obj):
        if obj.pk is None:
            return "–"
        return format_html(
            '<div style="white-space:pre-wrap;max-width:60em">{}</div>',
            quote_in_paragraph(
                obj.program.original_text,
                obj.start,
                obj.end,
                with_next=obj.kind == Pledge.Kind.HEADING,
            ),
        )

    def view_on_site(self, obj):
        """The "Visa på webbplats" button, only where the public can see the pledge."""
        return (
            obj.get_absolute_url() if Pledge.objects.public().filter(pk=obj.pk).exists() else None
        )

    @admin.display(description=_("på webbplatsen"))
    def public_page(self, obj):
        if obj.pk is None:
            return "–"
        if not Pledge.objects.public().filter(pk=obj.pk).exists():
            return _("Visas inte (%(status)s).") % {"status": obj.get_status_display()}
        return format_html(
            '<a href="{}">{}</a>', obj.get_absolute_url(), _("Visa den publika sidan")
        )

    def get_search_results(self, request, queryset, search_term):
        """Words in the pledge, through the site's Swedish full-text index (a program's
        pledges: the program filter, or the link on the program's page)."""
        if not search_term.strip():
            return queryset, False
        return search.matching(queryset, search_term), False

    def save_model(self, request, obj, form, change):
        curation.record_edit(
            obj,
            set(form.changed_data),
            request.user,
            existing=change,
            areas=form.cleaned_data.get("areas"),
        )
        super().save_model(request, obj, form, change)

    # --- bulk actions -------------------------------------------------------------------

    def _step(self, request, queryset, status, done):
        n = curation.step(queryset.select_related("program"), status, request.user)
        self.message_user(request, done % {"n": n}, messages.SUCCESS)

    @admin.action(description=_("Markera valda som granskade"), permissions=["change"])
    def review_selected(self, request, queryset):
        self._step(request, queryset, Pledge.Status.REVIEWED, _("%(n)d löften granskade."))

    @admin.action(description=_("Publicera valda"), permissions=["change"])
    def publish_selected(self, request, queryset):
        self._step(request, queryset, Pledge.Status.PUBLISHED, _("%(n)d löften publicerade."))

    @admin.action(description=_("Avvisa valda"), permissions=["change"])
    def reject_selected(self, request, queryset):
        self._step(request, queryset, Pledge.Status.REJECTED, _("%(n)d löften avvisade."))

    @admin.action(description=_("Sätt huvudområde för valda …"), permissions=["change"])
    def set_area(self, request, queryset):
        form = SetAreaForm(request.POST if "apply" in request.POST else None)
        if form.is_valid():
            area = form.cleaned_data["area"]
            n = curation.set_primary_area(queryset, area)
            self.message_user(
                request,
                _("%(n)d löften flyttade till %(area)s.") % {"n": n, "area": area},
                messages.SUCCESS,
            )
            return None
        return render(
            request,
            "admin/pledges/pledge/set_area.html",
            {
                **self.admin_site.each_context(request),
                "title": _("Sätt huvudområde"),
                "form": form,
                "pledges": queryset,
                "action": "set_area",
                "opts": self.model._meta,
            },
        )

    @admin.action(description=_("Slå ihop valda dubbletter"), permissions=["change"])
    def merge_selected(self, request, queryset):
        """Keep the most explicit pledge; the others become its restatements (rejected, linked)."""
        try:
            kept, others = curation.merge(list(queryset.select_related("program")), request.user)
        except curation.CurationError as exc:
            self.message_user(request, str(exc), messages.ERROR)
            return
        self.message_user(
            request,
            _("%(n)d löften slogs ihop med ”%(kept)s”.") % {"n": len(others), "kept": kept},
            messages.SUCCESS,
        )
