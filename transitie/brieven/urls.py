"""URLs of the raadsinformatiebrieven, under /brieven/; downloads carry the publication's UUID."""

from django.urls import path

from transitie.brieven import views

app_name = "brieven"


urlpatterns = [
    path("", views.lijst, name="lijst"),
    path("nieuw/", views.nieuw, name="nieuw"),
    path("toezeggingen/", views.toezeggingen, name="toezeggingen"),
    path("toezeggingen/nieuw/", views.toezegging_nieuw, name="toezegging_nieuw"),
    path(
        "toezeggingen/<id:pk>/afdoen/",
        views.toezegging_afdoen,
        name="toezegging_afdoen",
    ),
    path("<uuid:brief_id>/", views.detail, name="detail"),
    path("<uuid:brief_id>/bewerken/", views.bewerken, name="bewerken"),
    path("<uuid:brief_id>/publiceren/", views.publiceren, name="publiceren"),
    path("<uuid:brief_id>/voortgang/", views.voortgang, name="voortgang"),
    path("<uuid:brief_id>/corrigeren/", views.corrigeren, name="corrigeren"),
    path("<uuid:brief_id>/voorbeeld/<slug:gemeente>/", views.voorbeeld, name="voorbeeld"),
    path("<uuid:brief_id>/bijlagen/", views.bijlage_toevoegen, name="bijlage_toevoegen"),
    path(
        "bijlagen/<uuid:bijlage_id>/verwijderen/",
        views.bijlage_verwijderen,
        name="bijlage_verwijderen",
    ),
    path("bijlagen/<uuid:bijlage_id>.pdf", views.bijlage_download, name="bijlage_download"),
    path("publicaties/<uuid:publicatie_id>.pdf", views.download, name="download"),
    path(
        "publicaties/<uuid:publicatie_id>.json",
        views.open_data,
        {"formaat": "json"},
        name="open_data_json",
    ),
    path(
        "publicaties/<uuid:publicatie_id>.csv",
        views.open_data,
        {"formaat": "csv"},
        name="open_data_csv",
    ),
]
