"""The admin's country-sized change lists (pledges/admin/country.py writes their rows)."""

from django import template
from django.contrib.admin.templatetags.admin_list import result_headers, result_list

register = template.Library()


@register.inclusion_tag("admin/change_list_results.html")
def country_result_list(cl):
    """Django's ``result_list`` with the rows written by ``CountryChangeList.rows``."""
    rows = cl.rows()
    if rows is None:
        return result_list(cl)
    headers = list(result_headers(cl))
    return {
        "cl": cl,
        "result_hidden_fields": [],
        "result_headers": headers,
        "num_sorted_fields": sum(1 for h in headers if h["sortable"] and h["sorted"]),
        "results": rows,
    }
