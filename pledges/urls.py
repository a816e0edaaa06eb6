from django.urls import path

from . import views

app_name = "pledges"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("loften/", views.PledgeListView.as_view(), name="list"),
    path("loften/export.<str:fmt>", views.pledge_export, name="list-export"),
    path("loften/<int:pk>/", views.PledgeDetailView.as_view(), name="pledge"),
    path("program/<slug:slug>/", views.ProgramDetailView.as_view(), name="program"),
    path("partier/<slug:slug>/", views.PartyDetailView.as_view(), name="party"),
    path("kommuner/<slug:slug>/", views.MunicipalityDetailView.as_view(), name="municipality"),
    path("kommuner/<slug:slug>/samstammighet/", views.AgreementView.as_view(), name="agreement"),
    path("regioner/<slug:slug>/", views.RegionDetailView.as_view(), name="region"),
    path(
        "regioner/<slug:slug>/samstammighet/",
        views.RegionAgreementView.as_view(),
        name="region-agreement",
    ),
    path("omraden/<slug:slug>/", views.AreaDetailView.as_view(), name="area"),
    path("jamfor/", views.CompareView.as_view(), name="compare"),
    path("jamfor/inbaddning/", views.compare_embed, name="compare-embed"),
    path("jamfor/export.<str:fmt>", views.compare_export, name="compare-export"),
    path("oppna-data/", views.OpenDataView.as_view(), name="open-data"),
]
