"""The editors' workspace. Every change is recorded (django-simple-history) and revertible."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.db import models, transaction
from django.db.models import Count, Q
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .forms import SetAreaForm
from .models import (
    PLACE_NAME,
    PROGRAM_PLACE_NAME,
    ErrorReport,
    Pledge,
    PolicyArea,
    PolicyAreaAlias,
    Program,
    SourceChange,
)
from .rendering import quote_in_paragraph

admin.site.site_header = _("Vallöften – redaktionen")
admin.site.site_title = _("Vallöften – redaktionen")
admin.site.index_title = _("Granska, rätta och publicera")

CONTENT_FIELDS = ("text", "details", "kind", "primary_area", "areas", "section")
# Addresses typed without a scheme are https (Django 6's default, chosen now).
URL_FIELDS = {models.URLField: {"assume_scheme": "https"}}


class PolicyAreaAliasInline(admin.TabularInline):
    model = PolicyAreaAlias
    extra = 0
    verbose_name_plural = _("tidigare adressnamn (leder hit)")


@admin.register(PolicyArea)
class PolicyAreaAdmin(SimpleHistoryAdmin):
    list_display = ["name", "slug", "parent", "cap_code", "order"]
    list_editable = ["order"]
    list_filter = [("parent", admin.EmptyFieldListFilter), "parent"]
    list_select_related = ["parent"]
    search_fields = ["name", "name_en", "slug", "description", "stems"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["parent"]
    inlines = [PolicyAreaAliasInline]


# --- programs ------------------------------------------------------------------------------


class PledgeInline(admin.TabularInline):
    model = Pledge
    fk_name = "program"
    fields = ["order", "pledge_link", "kind", "status", "primary_area", "confidence"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True
    ordering = ["order"]

    def has_add_permission(self, request, obj=None):
        return False

    @admin.display(description=_("löfte"))
    def pledge_link(self, obj):
        return obj.text


@admin.register(Program)
class ProgramAdmin(SimpleHistoryAdmin):
    list_display = [
        "title",
        "party",
        "place",
        "period",
        "is_public",
        "pledge_count",
        "retrieved",
    ]
    list_filter = ["is_public", "party", "municipality", "region", "period_start"]
    search_fields = [
        "title",
        "slug",
        "source_url",
        "municipality__name",
        "region__name",
        "party__name",
    ]
    list_select_related = ["party", "municipality", "region"]
    autocomplete_fields = ["party", "municipality", "region"]
    readonly_fields = ["slug", "original_text", "checksum", "file_name", "created_at", "updated_at"]
    inlines = [PledgeInline]
    formfield_overrides = URL_FIELDS
    actions = ["make_public", "make_draft"]
    change_list_template = "admin/pledges/program/change_list.html"

    def get_queryset(self, request):
        qs = super().get_queryset(request).annotate(n=Count("pledges"))
        return qs.order_by(*Program._meta.ordering)  # GROUP BY drops the default ordering

    @admin.display(description=_("antal löften"), ordering="n")
    def pledge_count(self, obj):
        return obj.n

    @admin.display(description=_("mandatperiod"), ordering="period_start")
    def period(self, obj):
        return obj.period or "–"

    @admin.display(description=_("kommun eller region"), ordering=PLACE_NAME)
    def place(self, obj):
        return obj.place.name

    @admin.action(description=_("Publicera valda program på webbplatsen"), permissions=["change"])
    def make_public(self, request, queryset):
        for program in queryset:
            program.is_public = True
            program.save()
        self.message_user(request, _("Programmen visas nu på webbplatsen."), messages.SUCCESS)

    @admin.action(description=_("Gör valda program till utkast (döljs)"), permissions=["change"])
    def make_draft(self, request, queryset):
        for program in queryset:
            program.is_public = False
            program.save()
        self.message_user(request, _("Programmen är nu utkast och döljs."), messages.SUCCESS)


# --- pledges -------------------------------------------------------------------------------


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


class SourceChangeColumns:
    """The source's wording before and after, for the inline and the conflict list."""

    @admin.display(description=_("tidigare i källan"))
    def before_text(self, obj):
        return obj.before.get("quote") or obj.before.get("text", "")

    @admin.display(description=_("nu i källan"))
    def after_text(self, obj):
        return obj.after.get("quote") or obj.after.get("text", "")


class SourceChangeInline(SourceChangeColumns, admin.TabularInline):
    model = SourceChange
    fields = ["status", "before_text", "after_text", "detected_at", "resolved_by"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True
    verbose_name_plural = _("ändringar i källan (godta eller avfärda under Ändringar i källan)")

    def has_add_permission(self, request, obj=None):
        return False


class ErrorReportInline(admin.TabularInline):
    model = ErrorReport
    fields = ["status", "message", "created_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False


def _formfield(field, **kwargs):
    return field.formfield(**{**URL_FIELDS.get(type(field), {}), **kwargs})


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
        formfield_callback = _formfield

    def clean(self):
        cleaned = super().clean()
        primary, areas = cleaned.get("primary_area"), cleaned.get("areas")
        if primary is not None and areas is not None and primary not in areas:
            cleaned["areas"] = [*areas, primary]  # the primary area is always one of them
        return cleaned


@admin.register(Pledge)
class PledgeAdmin(SimpleHistoryAdmin):
    form = PledgeAdminForm
    list_display = [
        "text",
        "party",
        "municipality",
        "primary_area",
        "kind",
        "status",
        "confidence",
        "fulfilment",
        "has_conflict",
    ]
    list_filter = [
        "status",
        "kind",
        "program__party",
        "program__municipality",
        "program__region",
        "primary_area",
        ConfidenceFilter,
        "fulfilment",
        ConflictFilter,
        "in_source",
        "locked",
        "program",
    ]
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

    @admin.display(description=_("parti"), ordering="program__party__order")
    def party(self, obj):
        return obj.program.party.short_name

    @admin.display(description=_("kommun eller region"), ordering=PROGRAM_PLACE_NAME)
    def municipality(self, obj):
        return obj.program.place.name

    @admin.display(description=_("konflikt"), boolean=True)
    def has_conflict(self, obj):
        return obj.open_conflicts > 0

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                open_conflicts=Count("source_changes", filter=Q(source_changes__status="open"))
            )
        )

    @admin.display(description=_("källan i sitt stycke"))
    def source_in_paragraph(self, obj):
        if obj.pk is None:
            return "–"
        return format_html(
            '<div style="white-space:pre-wrap;max-width:60em">{}</div>',
            quote_in_paragraph(obj.program.original_text, obj.start, obj.end),
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

    def save_model(self, request, obj, form, change):
        changed = set(form.changed_data)
        if change and changed & set(CONTENT_FIELDS):
            obj.locked = True  # an editor's words are never overwritten by an import
        if "status" in changed:
            {
                Pledge.Status.REVIEWED: obj.review,
                Pledge.Status.PUBLISHED: obj.publish,
                Pledge.Status.REJECTED: obj.reject,
            }.get(obj.status, lambda user: None)(request.user)
        if changed & {"fulfilment", "fulfilment_evidence", "fulfilment_date"}:
            obj.fulfilment_by = request.user
            if obj.fulfilment != Pledge.Fulfilment.NOT_RATED and obj.fulfilment_date is None:
                obj.fulfilment_date = timezone.localdate()
        super().save_model(request, obj, form, change)

    # --- bulk actions -------------------------------------------------------------------

    def _step(self, request, queryset, step, done):
        for pledge in queryset.select_related("program"):
            getattr(pledge, step)(request.user)
            pledge.save()
        self.message_user(request, done % {"n": queryset.count()}, messages.SUCCESS)

    @admin.action(description=_("Markera valda som granskade"), permissions=["change"])
    def review_selected(self, request, queryset):
        self._step(request, queryset, "review", _("%(n)d löften granskade."))

    @admin.action(description=_("Publicera valda"), permissions=["change"])
    def publish_selected(self, request, queryset):
        self._step(request, queryset, "publish", _("%(n)d löften publicerade."))

    @admin.action(description=_("Avvisa valda"), permissions=["change"])
    def reject_selected(self, request, queryset):
        self._step(request, queryset, "reject", _("%(n)d löften avvisade."))

    @admin.action(description=_("Sätt huvudområde för valda …"), permissions=["change"])
    def set_area(self, request, queryset):
        form = SetAreaForm(request.POST if "apply" in request.POST else None)
        if form.is_valid():
            area = form.cleaned_data["area"]
            for pledge in queryset:
                pledge.primary_area = area
                pledge.locked = True
                pledge.save()
                pledge.areas.add(area)
            self.message_user(
                request,
                _("%(n)d löften flyttade till %(area)s.") % {"n": queryset.count(), "area": area},
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
        pledges = list(queryset.select_related("program"))
        if len(pledges) < 2 or len({p.program_id for p in pledges}) != 1:
            self.message_user(
                request,
                _("Välj minst två löften ur samma program för att slå ihop dem."),
                messages.ERROR,
            )
            return
        rank = {"list_item": 0, "heading": 1, "stated": 2, "normative": 3}
        pledges.sort(key=lambda p: (rank[p.kind], p.start))
        kept, others = pledges[0], pledges[1:]
        with transaction.atomic():
            for other in others:
                kept.restatements = [
                    *kept.restatements,
                    [other.start, other.end],
                    *other.restatements,
                ]
                kept.areas.add(*other.areas.all())
                other.merged_into = kept
                other.reject(request.user)
                other.locked = True
                other.save()
            kept.locked = True
            kept.save()
        self.message_user(
            request,
            _("%(n)d löften slogs ihop med ”%(kept)s”.") % {"n": len(others), "kept": kept},
            messages.SUCCESS,
        )


# --- conflicts and reports -------------------------------------------------------------------


@admin.register(SourceChange)
class SourceChangeAdmin(SourceChangeColumns, admin.ModelAdmin):
    list_display = ["pledge", "before_text", "after_text", "status", "detected_at", "resolved_by"]
    list_filter = ["status"]
    search_fields = ["pledge__text"]
    list_select_related = ["pledge", "resolved_by"]
    readonly_fields = [
        "pledge",
        "before_text",
        "after_text",
        "editor_text",
        "status",
        "detected_at",
        "resolved_at",
        "resolved_by",
    ]
    fields = readonly_fields
    actions = ["accept", "dismiss"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("redaktörens text"))
    def editor_text(self, obj):
        return obj.pledge.text

    def _resolve(self, request, queryset, accept: bool):
        done = 0
        for change in queryset.filter(status=SourceChange.Status.OPEN).select_related("pledge"):
            pledge = change.pledge
            if accept:
                for name in ("text", "details", "kind"):
                    setattr(pledge, name, change.after[name])
            pledge.parsed = change.after  # the source version is now known: no new conflict
            pledge.save()
            change.status = (
                SourceChange.Status.ACCEPTED if accept else SourceChange.Status.DISMISSED
            )
            change.resolved_at, change.resolved_by = timezone.now(), request.user
            change.save()
            done += 1
        self.message_user(request, _("%(n)d ändringar avgjorda.") % {"n": done}, messages.SUCCESS)

    @admin.action(description=_("Godta: ta in källans nya lydelse"), permissions=["change"])
    def accept(self, request, queryset):
        self._resolve(request, queryset, accept=True)

    @admin.action(description=_("Avfärda: behåll redaktörens lydelse"), permissions=["change"])
    def dismiss(self, request, queryset):
        self._resolve(request, queryset, accept=False)


@admin.register(ErrorReport)
class ErrorReportAdmin(admin.ModelAdmin):
    list_display = ["message", "pledge", "status", "created_at", "handled_by"]
    list_filter = ["status"]
    search_fields = ["message", "pledge__text", "email"]
    list_select_related = ["pledge", "handled_by"]
    readonly_fields = ["pledge_link", "message", "email", "created_at", "handled_at", "handled_by"]
    fields = ["pledge_link", "message", "email", "status", "created_at", "handled_at", "handled_by"]
    actions = ["mark_handled", "mark_dismissed"]

    def has_add_permission(self, request):
        return False

    @admin.display(description=_("löfte"))
    def pledge_link(self, obj):
        url = reverse("admin:pledges_pledge_change", args=[obj.pledge_id])
        return format_html('<a href="{}">{}</a>', url, obj.pledge)

    def save_model(self, request, obj, form, change):
        if "status" in form.changed_data:
            obj.handled_at, obj.handled_by = timezone.now(), request.user
        super().save_model(request, obj, form, change)

    def _mark(self, request, queryset, status):
        n = queryset.update(status=status, handled_at=timezone.now(), handled_by=request.user)
        self.message_user(request, _("%(n)d rapporter uppdaterade.") % {"n": n}, messages.SUCCESS)

    @admin.action(description=_("Markera som åtgärdade"), permissions=["change"])
    def mark_handled(self, request, queryset):
        self._mark(request, queryset, ErrorReport.Status.HANDLED)

    @admin.action(description=_("Avfärda"), permissions=["change"])
    def mark_dismissed(self, request, queryset):
        self._mark(request, queryset, ErrorReport.Status.DISMISSED)
