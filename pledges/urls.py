from django.urls import path

from . import views

app_name = "pledges"

urlpatterns = [
    path("", views.PledgeIndexView.as_view(), name="index"),
]
