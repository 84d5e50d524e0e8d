"""The portal's own deployment checks, run by `manage.py check --deploy`."""

from pathlib import Path

from cryptography.hazmat.primitives.serialization import pkcs12
from django.conf import settings
from django.core.checks import Error, Tags, Warning, register

DEMO_SECRET_KEY = "django-insecure-alleen-voor-de-lokale-demo"
DEMO_HISTORIE_SLEUTEL = "historie-sleutel-alleen-voor-de-lokale-demo"
DEMO_ONDERTEKENING_WACHTWOORD = "demo-ondertekening"
# The demo certificate's name says it is one (`maak_democertificaat`).
DEMO_CERTIFICAAT_NAAM = "Regieportaal Drechtsteden (demo)"

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


def _certificaat_naam(pad: str, wachtwoord: str) -> str:
    """The common name of the PKCS#12's certificate; ValueError when it cannot be opened."""
    _sleutel, certificaat, _ketting = pkcs12.load_key_and_certificates(
        Path(pad).read_bytes(), wachtwoord.encode() if wachtwoord else None
    )
    if certificaat is None or _sleutel is None:
        raise ValueError("geen sleutel en certificaat")
    namen = [a.value for a in certificaat.subject if a.oid.dotted_string == "2.5.4.3"]
    return str(namen[0]) if namen else certificaat.subject.rfc4514_string()


@register()
def check_ondertekening(app_configs, **kwargs):
    """Publishing signs every letter: without a usable certificate it would fail, so the portal
    says so at start. With DEBUG on, the demo certificate may still have to be made."""
    pad = settings.ONDERTEKENING_PKCS12
    soort = Warning if settings.DEBUG else Error
    hint = (
        "Maak het democertificaat met `python manage.py maak_democertificaat` (make seed)."
        if settings.DEBUG
        else "Zet DJANGO_ONDERTEKENING_PKCS12 op een PKCS#12-bestand en "
        "DJANGO_ONDERTEKENING_WACHTWOORD op zijn wachtwoord."
    )
    if not pad or not Path(pad).is_file():
        return [
            soort(
                "Er is geen certificaat om de gepubliceerde brieven te ondertekenen.",
                hint=hint,
                id="drechtsteden.E001" if soort is Error else "drechtsteden.W006",
            )
        ]
    try:
        _certificaat_naam(pad, settings.ONDERTEKENING_WACHTWOORD)
    except (OSError, ValueError):
        return [
            soort(
                "Het certificaat voor de ondertekening is niet te openen: een PKCS#12-bestand "
                "met sleutel en certificaat, en het juiste wachtwoord?",
                hint=hint,
                id="drechtsteden.E002" if soort is Error else "drechtsteden.W006",
            )
        ]
    return []


@register(Tags.security, deploy=True)
def check_demo_certificaat(app_configs, **kwargs):
    pad = settings.ONDERTEKENING_PKCS12
    try:
        naam = _certificaat_naam(pad, settings.ONDERTEKENING_WACHTWOORD)
    except (OSError, ValueError):
        return []  # check_ondertekening reports it
    if naam == DEMO_CERTIFICAAT_NAAM:
        return [
            Warning(
                "De brieven worden ondertekend met het democertificaat.",
                hint="Zet DJANGO_ONDERTEKENING_PKCS12 op het certificaat van de organisatie.",
                id="drechtsteden.W007",
            )
        ]
    return []
