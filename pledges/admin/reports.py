"""What waits for an editor's decision: source changes on locked pledges, error reports."""

from __future__ import annotations

from django.contrib import admin, messages
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from .. import curation
from ..models import ErrorReport, SourceChange
from ..rendering import word_diff
from .history import HistoryAdmin


def clipped(text: str, length: int):
    """Long text cut for a list column, the whole of it in the title (shown on hover)."""
    text = " ".join(text.split())
    if not text:
        return "–"
    if len(text) <= length:
        return text
    return format_html('<span title="{}">{}…</span>', text, text[: length - 1].rstrip())


class SourceChangeColumns:
    """The source's wording before and after, and what changed, for the inline and the list."""

    @staticmethod
    def _words(snap: dict) -> str:
        return snap.get("quote") or snap.get("text", "")

    @admin.display(description=_("tidigare i källan"))
    def before_text(self, obj):
        return self._words(obj.before)

    @admin.display(description=_("nu i källan"))
    def after_text(self, obj):
        return self._words(obj.after)

    @admin.display(description=_("ändrat, ord för ord"))
    def changed_words(self, obj):
        pairs = [
            (self._words(obj.before), self._words(obj.after)),
            (obj.before.get("details", ""), obj.after.get("details", "")),
        ]
        parts = [word_diff(old, new) for old, new in pairs if old != new]
        return format_html_join(mark_safe("<br>"), "{}", ((p,) for p in parts)) or "–"


class SourceChangeInline(SourceChangeColumns, admin.TabularInline):
    model = SourceChange
    fields = ["status", "changed_words", "detected_at", "resolved_by"]
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


@admin.register(SourceChange)
class SourceChangeAdmin(SourceChangeColumns, admin.ModelAdmin):
    list_display = ["pledge", "changed_words", "status", "detected_at", "resolved_by"]
    list_filter = ["status"]
    search_fields = ["pledge__text"]
    list_select_related = ["pledge", "resolved_by"]
    readonly_fields = [
        "pledge",
        "changed_words",
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
        done = curation.resolve_open(queryset, accept, request.user)
        self.message_user(request, _("%(n)d ändringar avgjorda.") % {"n": done}, messages.SUCCESS)

    @admin.action(description=_("Godta: ta in källans nya lydelse"), permissions=["change"])
    def accept(self, request, queryset):
        self._resolve(request, queryset, accept=True)

    @admin.action(description=_("Avfärda: behåll redaktörens lydelse"), permissions=["change"])
    def dismiss(self, request, queryset):
        self._resolve(request, queryset, accept=False)


@admin.register(ErrorReport)
class ErrorReportAdmin(HistoryAdmin):
    """A reader's report: the editor notes what was checked, writes the outcome, and marks it
    handled or dismissed (ErrorReport.decide); every step is in the report's history."""

    list_display = [
        "short_message",
        "short_pledge",
        "status",
        "short_note",
        "short_reply",
        "created_at",
    ]
    list_filter = ["status"]
    search_fields = ["message", "note", "reply", "email"]
    list_select_related = ["pledge"]
    readonly_fields = ["pledge_link", "message", "email", "created_at", "handled_at", "handled_by"]
    fieldsets = [
        (None, {"fields": ["pledge_link", "message", "email", "created_at"]}),
        (
            _("Redaktionens hantering"),
            {"fields": ["status", "note", "reply", "handled_at", "handled_by"]},
        ),
    ]
    actions = ["mark_handled", "mark_dismissed"]

    def has_add_permission(self, request):
        return False

    @admin.display(description=_("vad är fel"), ordering="message")
    def short_message(self, obj):
        return clipped(obj.message, 90)

    @admin.display(description=_("löfte"))
    def short_pledge(self, obj):
        return clipped(obj.pledge.text, 70)

    @admin.display(description=_("intern anteckning"))
    def short_note(self, obj):
        return clipped(obj.note, 60)

    @admin.display(description=_("svar och utfall"))
    def short_reply(self, obj):
        return clipped(obj.reply, 60)

    @admin.display(description=_("löfte"))
    def pledge_link(self, obj):
        url = reverse("admin:pledges_pledge_change", args=[obj.pledge_id])
        return format_html('<a href="{}">{}</a>', url, obj.pledge)

    def save_model(self, request, obj, form, change):
        if "status" in form.changed_data:
            curation.sign_report(obj, request.user)
        super().save_model(request, obj, form, change)

    def _mark(self, request, queryset, status):
        n = curation.mark_reports(queryset, status, request.user)
        self.message_user(request, _("%(n)d rapporter uppdaterade.") % {"n": n}, messages.SUCCESS)

    @admin.action(description=_("Markera som åtgärdade"), permissions=["change"])
    def mark_handled(self, request, queryset):
        self._mark(request, queryset, ErrorReport.Status.HANDLED)

    @admin.action(description=_("Avfärda"), permissions=["change"])
    def mark_dismissed(self, request, queryset):
        self._mark(request, queryset, ErrorReport.Status.DISMISSED)
