"""The pledge pages. Their names live in the public site's namespace, ``pledges`` (see
``config/urls.py``), which the party, municipality and region pages share."""

from django.urls import path

from .views import browse, compare, exports

urlpatterns = [
    path("", browse.HomeView.as_view(), name="home"),
    path("loften/", browse.PledgeListView.as_view(), name="list"),
    path("loften/export.<str:fmt>", exports.pledge_export, name="list-export"),
    path("loften/<int:pk>/", browse.PledgeDetailView.as_view(), name="pledge"),
    path("loften/<int:pk>/rapportera/", browse.ErrorReportView.as_view(), name="report"),
    path("program/", browse.ProgramIndexView.as_view(), name="programs"),
    path("program/<slug:slug>/", browse.ProgramDetailView.as_view(), name="program"),
    path("kommuner/<slug:slug>/samstammighet/", compare.AgreementView.as_view(), name="agreement"),
    path(
        "regioner/<slug:slug>/samstammighet/",
        compare.RegionAgreementView.as_view(),
        name="region-agreement",
    ),
    path("omraden/", browse.AreaIndexView.as_view(), name="areas"),
    path("omraden/<slug:slug>/", browse.AreaDetailView.as_view(), name="area"),
    path("jamfor/", compare.CompareView.as_view(), name="compare"),
    path("jamfor/inbaddning/", compare.compare_embed, name="compare-embed"),
    path("jamfor/export.<str:fmt>", exports.compare_export, name="compare-export"),
    path("metod/", browse.MethodView.as_view(), name="method"),
    path("oppna-data/", exports.OpenDataView.as_view(), name="open-data"),
    path("oppna-data/api/", exports.ApiDocsView.as_view(), name="api-docs"),
]
