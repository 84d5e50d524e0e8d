"""URLs of the transition plan (/transitie/) and the Groeiagenda finance (/financien/)."""

from django.urls import path

from transitie import views_plan, views_registers

plan_patterns = (
    [
        path("", views_plan.plan, name="overzicht"),
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
