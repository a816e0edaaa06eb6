"""Inläsningar in the admin: configuration, and calls into ``importing`` and ``tasks``."""

from __future__ import annotations

from datetime import timedelta

from django.contrib import admin, messages
from django.db.models import Q
from django.http import FileResponse, Http404
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from pledges.admin.history import HistoryAdmin
from pledges.forms import URL_FIELDS

from . import importing, tasks
from .forms import SourceForm
from .models import Source, State

CONFIRM = "_confirm"
STALE = timedelta(minutes=30)
TEXT_PREVIEW_CHARS = 4000


@admin.register(Source)
class SourceAdmin(HistoryAdmin):
    form = SourceForm
    list_display = [
        "__str__",
        "party",
        "place",
        "period",
        "state_label",
        "pledge_count",
        "program_link",
        "created_at",
    ]
    list_filter = ["state", "format"]
    list_select_related = ["party", "municipality", "region", "program"]
    search_fields = ["title", "file_name", "url", "program__slug"]
    autocomplete_fields = ["party", "municipality", "region"]
    change_form_template = "admin/sources/source/change_form.html"
    actions = ["read_again"]
    formfield_overrides = URL_FIELDS
    state_fields = ["state_label", "error", "notes", "program_link"]
    original_fields = [
        "original",
        "url",
        "format",
        "size",
        "pages",
        "sha256",
        "created_by",
        "created_at",
    ]
    meta_fields = ["party", "municipality", "region", "period_start", "title", "retrieved"]

    def get_fieldsets(self, request, obj=None):
        if obj is None:
            return [
                (_("Programmet"), {"fields": ["file", "url"]}),
                (_("Det du vet (annars föreslås det ur texten)"), {"fields": self.meta_fields}),
            ]
        return [
            (_("Läge"), {"fields": self.state_fields}),
            (_("Programmet"), {"fields": self.meta_fields}),
            (_("Originalet"), {"fields": self.original_fields}),
            (_("Läst text"), {"fields": ["text_preview"], "classes": ["collapse"]}),
        ]

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return []
        fixed = [*self.state_fields, *self.original_fields, "text_preview"]
        if obj.state in (State.QUEUED, State.READING, State.PARSING):
            return fixed + self.meta_fields  # work in progress: nothing to change yet
        return fixed

    @admin.display(description=_("mandatperiod"), ordering="period_start")
    def period(self, obj):
        return f"{obj.period_start}–{obj.period_start + 4}" if obj.period_start else "–"

    @admin.display(description=_("kommun eller region"))
    def place(self, obj):
        return obj.place or "–"

    @admin.display(description=_("läge"), ordering="state")
    def state_label(self, obj):
        return format_html(
            '<span class="source-state source-{}">{}</span>', obj.state, obj.get_state_display()
        )

    @admin.display(description=_("program"))
    def program_link(self, obj):
        if not obj.program_id:
            return "–"
        url = reverse("admin:pledges_pledge_changelist") + f"?program={obj.program_id}"
        return format_html('<a href="{}">{}</a>', url, obj.program)

    @admin.display(description=_("att kontrollera"))
    def notes(self, obj):
        notes = importing.disagreements(obj)
        if obj.state == State.REVIEW:
            notes.insert(
                0,
                _(
                    "Kontrollera parti, kommun eller region, period och titel, och "
                    "bekräfta. Sedan tolkas programmet och blir ett utkast."
                ),
            )
        return format_html_join("", "<p>{}</p>", ((n,) for n in notes)) or "–"

    @admin.display(description=_("originalfil"))
    def original(self, obj):
        if not obj.file:
            return "–"
        url = reverse("admin:sources_source_original", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, obj.file_name)

    def get_urls(self):
        view = self.admin_site.admin_view(self.original_view)
        return [
            path("<int:pk>/original/", view, name="sources_source_original"),
            *super().get_urls(),
        ]

    def original_view(self, request, pk):
        """The original as a download, for editors only (never served from the site's own
        origin as a page: a fetched web page could carry scripts)."""
        source = self.get_object(request, str(pk))
        if source is None or not source.file or not self.has_view_permission(request, source):
            raise Http404
        return FileResponse(source.file.open("rb"), as_attachment=True, filename=source.file_name)

    @admin.display(description=_("läst text"))
    def text_preview(self, obj):
        text = obj.text[:TEXT_PREVIEW_CHARS] + ("…" if len(obj.text) > TEXT_PREVIEW_CHARS else "")
        return format_html('<pre class="source-text">{}</pre>', text) if text else "–"

    def save_model(self, request, obj, form, change):
        if not change:
            importing.received(obj, form.cleaned_data.get("file"), request.user)
        confirm = CONFIRM in request.POST and obj.complete
        if confirm:
            obj.confirmed = True
        super().save_model(request, obj, form, change)
        if not change or confirm:
            tasks.enqueue(obj)

    def response_change(self, request, obj):
        if CONFIRM in request.POST and not obj.complete:
            self.message_user(
                request, _("Ange parti och kommun eller region innan du bekräftar."), messages.ERROR
            )
        return super().response_change(request, obj)

    @admin.action(description=_("Läs in valda igen"), permissions=["change"])
    def read_again(self, request, queryset):
        # Work in progress is left alone, unless it has not moved for STALE (a worker that
        # died, an import that was interrupted).
        busy = Q(state__in=[State.QUEUED, State.READING, State.PARSING])
        for source in queryset.exclude(busy & Q(updated_at__gt=timezone.now() - STALE)):
            if source.state == State.FAILED and not source.program_id:
                source.text = ""  # failed before loading: read the original again
                source.save(update_fields=["text"])
            tasks.enqueue(source)
        self.message_user(request, _("De valda inläsningarna står i kö."), messages.SUCCESS)
