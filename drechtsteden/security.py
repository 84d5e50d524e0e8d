"""Hardening that spans the portal: client address, session lifetime, headers, security log."""

import logging
import time
from collections.abc import Callable

from axes.handlers.database import AxesDatabaseHandler
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.core.exceptions import PermissionDenied
from django.db.models import Sum
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import render
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.csrf import csrf_failure as django_csrf_failure

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

    An object a user may not see is answered with 404, so that its existence is not given away
    (another council's letter, a draft): every Http404 a view raises is logged too, as "object
    geweigerd" with user, address, path (which names the object) and the exception's text. A 404
    for a URL that matches no view is not a refusal and is not logged.
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
        elif isinstance(exception, Http404) and getattr(request, "resolver_match", None):
            logger.warning(
                "object geweigerd: gebruiker=%s ip=%s methode=%s pad=%s reden=%s",
                wie(request),
                client_ip(request),
                request.method,
                request.get_full_path(),
                str(exception) or "niet gevonden of geen toegang",
            )


def csrf_failure(request: HttpRequest, reason: str = "", **kwargs) -> HttpResponse:
    """Django's CSRF refusal page (templates/403_csrf.html); Django's reason goes to the log."""
    request.rp_weigering = f"CSRF: {reason}" if reason else "CSRF"
    return django_csrf_failure(request, reason=reason, **kwargs)


class PrivateCacheMiddleware:
    """Cache-Control: private, no-store on every response to a logged-in user (pages and exports).

    Directives a view set already stay (patch_cache_control; "public" gives way to "private").
    Anonymous responses are left alone: the login page is no-store already (Django's LoginView is
    never_cache), static files (whitenoise answers them before this middleware) keep their
    long-lived caching, and a redirect to the login page holds nothing personal.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            patch_cache_control(response, private=True, no_store=True)
        return response


class MethodeNietToegestaanMiddleware:
    """A Dutch page for HTTP 405 (Django has no handler405), keeping the Allow header.

    require_GET, require_POST and View.http_method_not_allowed answer with an empty
    HttpResponseNotAllowed; this renders templates/405.html into it.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if isinstance(response, HttpResponseNotAllowed) and not response.content:
            pagina = render(
                request,
                "405.html",
                {"toegestaan": response.get("Allow", "")},
                status=405,
            )
            pagina["Allow"] = response.get("Allow", "")
            return pagina
        return response


class BlokkadeHandler(AxesDatabaseHandler):
    """django-axes's database handler with a second limit: failures per address across usernames.

    Axes compares one failure count with one limit (AXES_FAILURE_LIMIT, 5, for the pair username
    and address). Password spraying tries few passwords on many accounts, so it also counts the
    failures from one address across all usernames and locks that address out at
    AXES_ADRES_FAILURE_LIMIT (20) within the cool-off time (15 minutes). From then on the handler
    reports axes's own limit for every username from that address, so axes's own lockout, signal,
    log line and page do the rest.
    """

    def get_failures(self, request, credentials: dict | None = None) -> int:
        per_paar = super().get_failures(request, credentials)
        if adres_geblokkeerd(request.axes_ip_address):
            return max(per_paar, settings.AXES_FAILURE_LIMIT)
        return per_paar


def adres_geblokkeerd(ip_address: str | None) -> bool:
    """Whether this address reached the limit across usernames (failures within the cool-off)."""
    from axes.models import AccessAttempt

    fouten = (
        AccessAttempt.objects.filter(ip_address=ip_address).aggregate(
            n=Sum("failures_since_start")
        )["n"]
        or 0
    )
    return fouten >= settings.AXES_ADRES_FAILURE_LIMIT


def log_mislukte_login(sender, credentials: dict, request: HttpRequest | None = None, **kwargs):
    logger.warning(
        "inloggen mislukt: gebruikersnaam=%s ip=%s",
        credentials.get("username", "-"),
        client_ip(request) if request is not None else "-",
    )


def log_blokkade(sender, request: HttpRequest, username: str | None, ip_address: str, **kwargs):
    if adres_geblokkeerd(ip_address):
        reden = f"na {settings.AXES_ADRES_FAILURE_LIMIT} mislukte pogingen vanaf dit adres"
    else:
        reden = f"na {settings.AXES_FAILURE_LIMIT} mislukte pogingen"
    logger.warning(
        "inloggen geblokkeerd: gebruikersnaam=%s ip=%s %s", username or "-", ip_address, reden
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
            "adres_limiet": settings.AXES_ADRES_FAILURE_LIMIT,
            "adres_geblokkeerd": adres_geblokkeerd(client_ip(request)),
            "cooloff_minuten": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
        },
        status=429,
    )
