from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from pledges.api import api

# The public site: the pledge, party and municipality apps' pages under one URL namespace,
# "pledges" (the site's name for them since they were one app), e.g. "pledges:party".
public_site = [
    path("", include("pledges.urls")),
    path("", include("parties.urls")),
    path("", include("municipalities.urls")),
]

# Swedish at the plain addresses (whatever the browser prefers), English under /en/.
urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/", api.urls),  # django-ninja: the operations and /api/schema/ (OpenAPI)
    *i18n_patterns(path("", include((public_site, "pledges"))), prefix_default_language=False),
]

handler500 = "config.errors.server_error"
