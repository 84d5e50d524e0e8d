"""URLs of the transition plan, under /transitie/."""

from django.urls import path

from transitie.plan import views

plan_patterns = (
    [
        path("", views.plan, name="overzicht"),
        path("mijlpalen/nieuw/", views.mijlpaal_nieuw, name="mijlpaal_nieuw"),
        path(
            "mijlpalen/<id:pk>/bewerken/",
            views.mijlpaal_bewerken,
            name="mijlpaal_bewerken",
        ),
        path(
            "mijlpalen/<id:pk>/aftekenen/",
            views.mijlpaal_aftekenen,
            name="mijlpaal_aftekenen",
        ),
    ],
    "plan",
)
