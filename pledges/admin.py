from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import Pledge, PolicyArea, Program, SourceChange


@admin.register(PolicyArea)
class PolicyAreaAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "order"]
    list_editable = ["order"]
    search_fields = ["name", "slug", "description", "stems"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Program)
class ProgramAdmin(admin.ModelAdmin):
    list_display = ["title", "party", "municipality", "period", "retrieved", "pledge_count"]
    list_filter = ["party", "municipality", "period_start"]
    search_fields = ["title", "slug", "source_url", "municipality__name", "party__name"]
    list_select_related = ["party", "municipality"]
    autocomplete_fields = ["party", "municipality"]
    readonly_fields = ["original_text", "checksum", "file_name", "created_at", "updated_at"]

    @admin.display(description=_("antal löften"))
    def pledge_count(self, obj):
        return obj.pledges.count()

    @admin.display(description=_("mandatperiod"), ordering="period_start")
    def period(self, obj):
        return obj.period or "–"


@admin.register(Pledge)
class PledgeAdmin(admin.ModelAdmin):
    list_display = [
        "text",
        "party",
        "municipality",
        "primary_area",
        "kind",
        "status",
        "confidence",
        "in_source",
        "locked",
    ]
    list_filter = [
        "status",
        "kind",
        "program__party",
        "program__municipality",
        "primary_area",
        "in_source",
        "locked",
    ]
    search_fields = ["text", "details", "section", "program__title"]
    list_select_related = ["program__party", "program__municipality", "primary_area"]
    autocomplete_fields = ["program", "areas", "primary_area"]
    readonly_fields = [
        "key",
        "start",
        "end",
        "restatements",
        "parsed",
        "in_source",
        "removed_from_source_at",
        "created_at",
        "updated_at",
    ]

    @admin.display(description=_("parti"), ordering="program__party__order")
    def party(self, obj):
        return obj.program.party.short_name

    @admin.display(description=_("kommun"), ordering="program__municipality__name")
    def municipality(self, obj):
        return obj.program.municipality.name

    def save_model(self, request, obj, form, change):
        # An editor's change is never overwritten by a later import.
        if change and form.changed_data:
            obj.locked = True
        super().save_model(request, obj, form, change)


@admin.register(SourceChange)
class SourceChangeAdmin(admin.ModelAdmin):
    list_display = ["pledge", "status", "detected_at", "resolved_by", "resolved_at"]
    list_filter = ["status"]
    search_fields = ["pledge__text"]
    list_select_related = ["pledge", "resolved_by"]
    readonly_fields = ["pledge", "before", "after", "digest", "detected_at"]
