"""The portal's own deployment checks, run by `manage.py check --deploy`."""

from django.conf import settings
from django.core.checks import Tags, Warning, register

DEMO_SECRET_KEY = "django-insecure-alleen-voor-de-lokale-demo"
DEMO_HISTORIE_SLEUTEL = "historie-sleutel-alleen-voor-de-lokale-demo"

ONVEILIGE_CSP_BRONNEN = {"'unsafe-inline'", "'unsafe-eval'", "*"}


@register(Tags.security, deploy=True)
def check_demo_secret_key(app_configs, **kwargs):
    if settings.SECRET_KEY == DEMO_SECRET_KEY:
        return [
            Warning(
                "SECRET_KEY is de sleutel van de lokale demo.",
                hint="Zet DJANGO_SECRET_KEY op een eigen, geheime, lange waarde.",
                id="drechtsteden.W001",
            )
        ]
    return []


@register(Tags.security, deploy=True)
def check_demo_historie_sleutel(app_configs, **kwargs):
    sleutel = getattr(settings, "HISTORIE_SLEUTEL", "")
    if sleutel == DEMO_HISTORIE_SLEUTEL or len(sleutel) < 32:
        return [
            Warning(
                "De sleutel van de historieketen is die van de demo of korter dan 32 tekens.",
                hint="Zet DJANGO_HISTORIE_SLEUTEL op een eigen, geheime, lange waarde.",
                id="drechtsteden.W005",
            )
        ]
    return []


@register(Tags.security, deploy=True)
def check_content_security_policy(app_configs, **kwargs):
    directives = getattr(settings, "CONTENT_SECURITY_POLICY", {}).get("DIRECTIVES", {})
    fouten = []
    if "csp.middleware.CSPMiddleware" not in settings.MIDDLEWARE:
        fouten.append(
            Warning(
                "De Content-Security-Policy-middleware staat niet in MIDDLEWARE.",
                id="drechtsteden.W002",
            )
        )
    for directive in ("default-src", "script-src", "style-src"):
        onveilig = ONVEILIGE_CSP_BRONNEN.intersection(directives.get(directive, ()))
        if onveilig or directive not in directives:
            fouten.append(
                Warning(
                    f"De Content-Security-Policy staat in {directive} te veel toe "
                    f"of mist die regel: {', '.join(sorted(onveilig)) or 'ontbreekt'}.",
                    hint="Geen inline script of stijl: zet ze in een bestand onder static/.",
                    id="drechtsteden.W003",
                )
            )
    return fouten


@register(Tags.security, deploy=True)
def check_login_blokkade(app_configs, **kwargs):
    if not getattr(settings, "AXES_ENABLED", True) or "axes" not in settings.INSTALLED_APPS:
        return [
            Warning(
                "De blokkade na mislukte inlogpogingen (django-axes) staat uit.",
                id="drechtsteden.W004",
            )
        ]
    return []
