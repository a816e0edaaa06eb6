from django.urls import path

from . import api

app_name = "api"

urlpatterns = [
    path("", api.api_index, name="index"),
    path("loften/", api.api_pledges, name="pledges"),
    path("program/", api.api_programs, name="programs"),
    path("partier/", api.api_parties, name="parties"),
    path("kommuner/", api.api_municipalities, name="municipalities"),
    path("regioner/", api.api_regions, name="regions"),
    path("omraden/", api.api_areas, name="areas"),
]
