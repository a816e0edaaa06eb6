from django.contrib import admin

from .models import County, Municipality, Region


class OfficialDataAdmin(admin.ModelAdmin):
    """Official SCB data, loaded from fixtures: read-only here so codes cannot drift."""

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(County)
class CountyAdmin(OfficialDataAdmin):
    list_display = ["code", "name"]
    search_fields = ["code", "name"]


@admin.register(Municipality)
class MunicipalityAdmin(OfficialDataAdmin):
    list_display = ["code", "name", "county"]
    list_filter = ["county"]
    search_fields = ["code", "name"]
    list_select_related = ["county"]


@admin.register(Region)
class RegionAdmin(OfficialDataAdmin):
    list_display = ["code", "name", "county"]
    search_fields = ["code", "name", "name_forms"]
    list_select_related = ["county"]
