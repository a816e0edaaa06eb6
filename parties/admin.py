from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from pledges.admin.history import HistoryAdmin

from .models import Party


@admin.register(Party)
class PartyAdmin(HistoryAdmin):
    list_display = [
        "abbreviation",
        "name",
        "official_name",
        "colour_swatch",
        "municipality",
        "region",
    ]
    list_filter = [
        ("municipality", admin.EmptyFieldListFilter),
        ("region", admin.EmptyFieldListFilter),
    ]
    search_fields = ["abbreviation", "name", "official_name", "short_name"]
    autocomplete_fields = ["municipality", "region"]
    prepopulated_fields = {"slug": ["abbreviation"]}
    list_select_related = ["municipality", "region"]

    @admin.display(description=_("färg"))
    def colour_swatch(self, obj):
        return format_html(
            '<span style="display:inline-block;width:1.5em;height:1em;background:{};'
            'border:1px solid #444;vertical-align:middle"></span> {}',
            obj.colour,
            obj.colour,
        )
