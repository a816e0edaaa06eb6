from django.urls import path

from . import views

app_name = "api"

urlpatterns = [
    path("", views.api_index, name="index"),
    path("loften/", views.api_pledges, name="pledges"),
    path("program/", views.api_programs, name="programs"),
    path("partier/", views.api_parties, name="parties"),
    path("kommuner/", views.api_municipalities, name="municipalities"),
    path("omraden/", views.api_areas, name="areas"),
]
