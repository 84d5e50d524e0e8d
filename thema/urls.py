"""URLs of the content layer, under /themas/."""

from django.urls import path

from thema import views

app_name = "thema"

urlpatterns = [
    path("", views.overzicht, name="overzicht"),
    path("export.csv", views.overzicht_export, {"formaat": "csv"}, name="export_csv"),
    path("export.xlsx", views.overzicht_export, {"formaat": "xlsx"}, name="export_xlsx"),
    path("<slug:slug>/", views.thema_detail, name="detail"),
    path("<slug:slug>/<slug:activiteit>/", views.activiteit_detail, name="activiteit"),
    path(
        "<slug:slug>/<slug:activiteit>/geschiedenis/",
        views.activiteit_geschiedenis,
        name="geschiedenis",
    ),
    path(
        "<slug:slug>/<slug:activiteit>/beoordeling/",
        views.beoordeling_bewerken,
        name="beoordelen",
    ),
    path(
        "<slug:slug>/<slug:activiteit>/beoordeling/indienen/",
        views.beoordeling_indienen,
        name="indienen",
    ),
]
