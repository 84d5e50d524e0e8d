"""The portal's root URLs."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from transitie.financien.urls import financien_patterns
from transitie.plan.urls import plan_patterns
from transitie.regiekamer.urls import besluiten_patterns, regiekamer_patterns
from transitie.views import dashboard

urlpatterns = [
    path("", dashboard, name="dashboard"),
    path(
        "inloggen/",
        auth_views.LoginView.as_view(redirect_authenticated_user=True),
        name="login",
    ),
    path("uitloggen/", auth_views.LogoutView.as_view(), name="logout"),
    path("themas/", include("thema.urls")),
    path("regiekamer/", include(regiekamer_patterns)),
    path("besluiten/", include(besluiten_patterns)),
    path("transitie/", include(plan_patterns)),
    path("financien/", include(financien_patterns)),
    path("brieven/", include("transitie.brieven.urls")),
    path("historie/", include("drechtsteden.historie.urls")),
    path("meldingen/", include("drechtsteden.meldingen.urls")),
    path("admin/", admin.site.urls),
]
