from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

# Swedish at the plain addresses (whatever the browser prefers), English under /en/.
urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/", include("pledges.api_urls")),
    *i18n_patterns(path("", include("pledges.urls")), prefix_default_language=False),
]
