"""The editors' workspace, one module per family of pages. Every change is recorded
(django-simple-history) and revertible. The admin only configures and calls: the operations
themselves live in pledges/curation.py (and sources/importing.py for bringing programs in).

* ``areas``: policy areas and their old addresses
* ``programs``: programs and their pledges at a glance
* ``pledges``: the pledge list, filters and bulk actions (review, publish, merge …)
* ``reports``: source changes to decide and error reports from the public
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from . import areas, pledges, programs, reports  # noqa: F401 (they register the admins)

admin.site.site_header = _("Vallöften – redaktionen")
admin.site.site_title = _("Vallöften – redaktionen")
admin.site.index_title = _("Granska, rätta och publicera")
# The models are listed on the start page and reached through the breadcrumbs; the menu that
# repeats them beside every page would take a quarter of a 1280 px screen from the lists.
admin.site.enable_nav_sidebar = False
