"""The municipality and region pages. Their names live in the public site's namespace,
``pledges`` (see ``config/urls.py``): ``reverse("pledges:municipality", args=[slug])``. The
agreement pages under these addresses are comparisons, in ``pledges/urls.py``."""

from django.urls import path

from . import views

urlpatterns = [
    path("kommuner/", views.PlaceIndexView.as_view(), name="municipalities"),
    path("regioner/", views.RegionIndexView.as_view(), name="regions"),
    path("kommuner/<slug:slug>/", views.MunicipalityDetailView.as_view(), name="municipality"),
    path("regioner/<slug:slug>/", views.RegionDetailView.as_view(), name="region"),
]
