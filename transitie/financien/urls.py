"""URLs of the Groeiagenda finance, under /financien/."""

from django.urls import path

from transitie.financien import views

financien_patterns = (
    [
        path("", views.financien, name="overzicht"),
        path("gemeente/<slug:slug>/", views.financien_gemeente, name="gemeente"),
        path("<int:jaar>/posten/nieuw/", views.post_nieuw, name="post_nieuw"),
        path("posten/<id:pk>/bewerken/", views.post_bewerken, name="post_bewerken"),
        path("<int:jaar>/bijdragen/nieuw/", views.bijdrage_nieuw, name="bijdrage_nieuw"),
        path(
            "bijdragen/<id:pk>/bewerken/",
            views.bijdrage_bewerken,
            name="bijdrage_bewerken",
        ),
        path(
            "kaderwijzigingen/nieuw/",
            views.kaderwijziging_nieuw,
            name="kaderwijziging_nieuw",
        ),
        path(
            "kaderwijzigingen/<id:pk>/raad/<slug:gemeente>/",
            views.raadsbesluit,
            name="raadsbesluit",
        ),
    ],
    "financien",
)
