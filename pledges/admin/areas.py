"""Policy areas (topics and sub-areas) and the old addresses that lead to them."""

from __future__ import annotations

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from ..models import PolicyArea, PolicyAreaAlias
from .history import HistoryAdmin


class PolicyAreaAliasInline(admin.TabularInline):
    model = PolicyAreaAlias
    extra = 0
    verbose_name_plural = _("tidigare adressnamn (leder hit)")


@admin.register(PolicyArea)
class PolicyAreaAdmin(HistoryAdmin):
    list_display = ["name", "slug", "parent", "cap_code", "order"]
    list_editable = ["order"]
    list_filter = [("parent", admin.EmptyFieldListFilter), "parent"]
    list_select_related = ["parent"]
    search_fields = ["name", "name_en", "slug", "description", "stems"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["parent"]
    inlines = [PolicyAreaAliasInline]
