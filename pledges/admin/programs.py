"""Programs: their source, their place and party, their pledges at a glance, publishing."""

from __future__ import annotations

from django.contrib import admin, messages
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from ..forms import URL_FIELDS
from ..models import PLACE_NAME, Pledge, Program
from .country import CountryList
from .filters import AutocompleteFilters, filter_for
from .history import HistoryAdmin


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
class ProgramAdmin(CountryList, AutocompleteFilters, HistoryAdmin):
    list_display = [
        "title",
        "party",
        "place",
        "period",
        "is_public",
        "pledge_count",
        "retrieved",
    ]
    list_fields = [
        "title",
        "period_start",
        "is_public",
        "retrieved",
        "party__name",
        "party__short_name",
        "municipality__name",
        "region__name",
    ]
    list_filter = [
        "is_public",
        filter_for("party", _("parti")),
        filter_for("municipality", _("kommun")),
        filter_for("region", _("region")),
        "period_start",
    ]
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

    show_full_result_count = False
    list_per_page = 50  # as the pledge list: a page an editor reads, not a hundred rows

    def get_queryset(self, request):
        # a count per program shown (a subquery), not a GROUP BY over every pledge
        per_program = (
            Pledge.objects.filter(program=OuterRef("pk"))
            .order_by()
            .values("program")
            .annotate(c=Count("pk"))
            .values("c")
        )
        qs = super().get_queryset(request).defer("original_text")
        return qs.annotate(n=Coalesce(Subquery(per_program), 0))

    @admin.display(description=_("antal löften"), ordering="n")
    def pledge_count(self, obj):
        return obj.n

    @admin.display(description=_("mandatperiod"), ordering="period_start")
    def period(self, obj):
        return obj.period or "–"

    def view_on_site(self, obj):
        """The "Visa på webbplats" button, only for a program the public can see (a draft's
        address is a 404 for readers)."""
        return obj.get_absolute_url() if obj.is_public else None

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
