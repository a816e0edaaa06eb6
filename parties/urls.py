"""The party page. Its name lives in the public site's namespace, ``pledges`` (see
``config/urls.py``): ``reverse("pledges:party", args=[slug])``."""

from django.urls import path

from . import views

urlpatterns = [
    path("partier/", views.PartyIndexView.as_view(), name="parties"),
    path("partier/farger.css", views.party_colours, name="party-colours"),
    path("partier/<slug:slug>/", views.PartyDetailView.as_view(), name="party"),
]
