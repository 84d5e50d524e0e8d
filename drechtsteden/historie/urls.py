"""URLs of the audit log, under /historie/."""

from django.urls import path

from drechtsteden.historie import views

app_name = "historie"

urlpatterns = [
    path("", views.lijst, name="lijst"),
    path("export.csv", views.export_csv, name="export_csv"),
]
