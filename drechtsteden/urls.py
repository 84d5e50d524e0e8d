"""The portal's root URLs."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from transitie.urls_plan import financien_patterns, plan_patterns
from transitie.urls_regiekamer import besluiten_patterns, regiekamer_patterns
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
    path("brieven/", include("transitie.urls_brieven")),
    path("historie/", include("drechtsteden.historie.urls")),
    path("admin/", admin.site.urls),
]
