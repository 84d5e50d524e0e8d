"""URLs of the audit log, under /historie/."""

from django.urls import path

from drechtsteden import views_historie as views

app_name = "historie"

urlpatterns = [
    path("", views.lijst, name="lijst"),
    path("export.csv", views.export_csv, name="export_csv"),
]
