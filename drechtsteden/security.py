"""Hardening that spans the portal: client address, session lifetime, headers, security log."""

import logging
import time
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

logger = logging.getLogger("regieportaal.security")

SESSIE_BEGIN = "rp_sessie_begin"
SESSIE_LAATST = "rp_sessie_laatst"
# Writing the last activity on every request would write the session row on every request.
SESSIE_SCHRIJF_INTERVAL = 60

PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "camera",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    )
)


def client_ip(request: HttpRequest) -> str | None:
    """The client's address, trusting X-Forwarded-For only for the configured proxies.

    Each trusted proxy appends the address it saw; the entry that many places from the right was
    written by our outermost proxy. Anything left of it is the client's own claim and not trusted.
    """
    proxies = settings.DJANGO_TRUSTED_PROXY_COUNT
    if proxies > 0:
        forwarded = [
            adres.strip()
            for adres in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if adres.strip()
        ]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR")


def wie(request: HttpRequest) -> str:
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return user.get_username()
    return "anoniem"


def sessie_start(request: HttpRequest) -> None:
    nu = int(time.time())
    request.session[SESSIE_BEGIN] = nu
    request.session[SESSIE_LAATST] = nu


class SessieTijdslimietMiddleware:
    """Ends a session after 30 minutes without a request, and 12 hours after login at the latest.

    Runs after AuthenticationMiddleware and MessageMiddleware; LoginRequiredMiddleware's
    process_view then sends the logged-out user to the login page.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            self.controleer(request)
        return self.get_response(request)

    def controleer(self, request: HttpRequest) -> None:
        nu = int(time.time())
        session = request.session
        begin = session.get(SESSIE_BEGIN)
        laatst = session.get(SESSIE_LAATST)
        if begin is None or laatst is None:
            sessie_start(request)
            return
        inactief = nu - laatst > settings.SESSIE_INACTIEF_MAXIMUM
        te_oud = nu - begin > settings.SESSIE_MAXIMUM
        if inactief or te_oud:
            username = request.user.get_username()
            logout(request)
            logger.info(
                "sessie verlopen: gebruiker=%s reden=%s pad=%s",
                username,
                "inactief" if inactief else "maximale duur",
                request.path,
            )
            messages.info(request, _("Uw sessie is verlopen. Log opnieuw in om verder te gaan."))
            return
        if nu - laatst >= SESSIE_SCHRIJF_INTERVAL:
            session[SESSIE_LAATST] = nu


class BeveiligingsheadersMiddleware:
    """Headers Django's SecurityMiddleware does not set: Permissions-Policy."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response


class WeigeringLogMiddleware:
    """Logs every refused request (HTTP 403): who, what, when (the log record's time), and why.

    A middleware rather than only a 403 view, so that refusals that never raise PermissionDenied
    (a failed CSRF check, a view returning HttpResponseForbidden) are logged as well.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.status_code == 403:
            logger.warning(
                "toegang geweigerd: gebruiker=%s ip=%s methode=%s pad=%s reden=%s",
                wie(request),
                client_ip(request),
                request.method,
                request.get_full_path(),
                getattr(request, "rp_weigering", "") or "-",
            )
        return response

    def process_exception(self, request: HttpRequest, exception: Exception) -> None:
        if isinstance(exception, PermissionDenied):
            request.rp_weigering = str(exception)


def log_mislukte_login(sender, credentials: dict, request: HttpRequest | None = None, **kwargs):
    logger.warning(
        "inloggen mislukt: gebruikersnaam=%s ip=%s",
        credentials.get("username", "-"),
        client_ip(request) if request is not None else "-",
    )


def log_blokkade(sender, request: HttpRequest, username: str | None, ip_address: str, **kwargs):
    logger.warning(
        "inloggen geblokkeerd: gebruikersnaam=%s ip=%s na %s mislukte pogingen",
        username or "-",
        ip_address,
        settings.AXES_FAILURE_LIMIT,
    )


def start_sessie_bij_login(sender, request: HttpRequest | None, user, **kwargs) -> None:
    if request is not None and hasattr(request, "session"):
        sessie_start(request)


def blokkade_response(request: HttpRequest, credentials: dict | None, *args, **kwargs):
    """The lockout page django-axes shows: HTTP 429, in Dutch, with the wait in minutes."""
    return render(
        request,
        "registration/geblokkeerd.html",
        {
            "failure_limit": settings.AXES_FAILURE_LIMIT,
            "cooloff_minuten": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
        },
        status=429,
    )
