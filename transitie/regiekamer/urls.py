"""URLs of the regiekamers (under /regiekamer/) and of the besluitenlijst (under /besluiten/)."""

from django.urls import path

from transitie.regiekamer import views

regiekamer_patterns = (
    [
        path("", views.overzicht, name="overzicht"),
        path("ambtelijk/", views.advies_wachtrij, name="wachtrij"),
        path("ambtelijk/<id:pk>/advies/", views.advies_form, name="advies"),
        path("bestuurlijk/", views.stemmen, name="stemmen"),
        path("bestuurlijk/<id:pk>/stem/", views.stem_uitbrengen, name="stem"),
    ],
    "regiekamer",
)


besluiten_patterns = (
    [
        path("", views.besluitenlijst, name="lijst"),
        path("export.csv", views.besluiten_export, {"formaat": "csv"}, name="export_csv"),
        path("export.xlsx", views.besluiten_export, {"formaat": "xlsx"}, name="export_xlsx"),
        path("<id:pk>/", views.besluit_detail, name="detail"),
    ],
    "besluiten",
)
