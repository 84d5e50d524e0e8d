"""URLs of the transition plan (/transitie/) and the Groeiagenda finance (/financien/)."""

from django.urls import path

from transitie import views_plan, views_registers

plan_patterns = (
    [
        path("", views_plan.plan, name="overzicht"),
        path("mijlpalen/nieuw/", views_plan.mijlpaal_nieuw, name="mijlpaal_nieuw"),
        path(
            "mijlpalen/<int:pk>/bewerken/",
            views_plan.mijlpaal_bewerken,
            name="mijlpaal_bewerken",
        ),
        path(
            "mijlpalen/<int:pk>/aftekenen/",
            views_plan.mijlpaal_aftekenen,
            name="mijlpaal_aftekenen",
        ),
    ],
    "plan",
)

financien_patterns = (
    [
        path("", views_plan.financien, name="overzicht"),
        path("gemeente/<slug:slug>/", views_plan.financien_gemeente, name="gemeente"),
        path("<int:jaar>/posten/nieuw/", views_plan.post_nieuw, name="post_nieuw"),
        path("posten/<int:pk>/bewerken/", views_plan.post_bewerken, name="post_bewerken"),
        path("<int:jaar>/bijdragen/nieuw/", views_plan.bijdrage_nieuw, name="bijdrage_nieuw"),
        path(
            "bijdragen/<int:pk>/bewerken/",
            views_plan.bijdrage_bewerken,
            name="bijdrage_bewerken",
        ),
        path(
            "kaderwijzigingen/nieuw/",
            views_registers.kaderwijziging_nieuw,
            name="kaderwijziging_nieuw",
        ),
        path(
            "kaderwijzigingen/<int:pk>/raad/<slug:gemeente>/",
            views_registers.raadsbesluit,
            name="raadsbesluit",
        ),
    ],
    "financien",
)
