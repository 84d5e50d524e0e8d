"""Pages of the Groeiagenda finance, under /financien/."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from drechtsteden.forms import add_service_errors
from transitie.constants import RaadsbehandelingStatus
from transitie.financien.forms import (
    BegrotingspostForm,
    BijdrageForm,
    KaderwijzigingForm,
    RaadsbesluitForm,
)
from transitie.financien.models import Begroting, Begrotingspost, Bijdrage
from transitie.financien.selectors import (
    access_raadsbehandeling,
    financien_overview,
    gemeente_financien,
    kaderwijzigingen_overview,
)
from transitie.financien.services import (
    begrotingspost_save,
    bijdrage_save,
    kaderwijziging_create,
    raadsbehandeling_decide,
)


@require_safe
@permission_required("transitie.view_begroting", raise_exception=True)
def financien(request: HttpRequest) -> HttpResponse:
    try:
        jaar = int(request.GET.get("jaar", ""))
    except ValueError:
        jaar = None
    overzicht = financien_overview(jaar=jaar, today=timezone.localdate())
    return render(
        request,
        "transitie/financien/financien.html",
        {
            "overzicht": overzicht,
            "kaders": kaderwijzigingen_overview(user=request.user),
            "mag_kaders_vastleggen": request.user.has_perm("transitie.add_kaderwijziging"),
            "mag_raadsbesluit_vastleggen": request.user.has_perm(
                "transitie.change_raadsbehandeling"
            ),
            "mag_post_toevoegen": request.user.has_perm("transitie.add_begrotingspost"),
            "mag_post_wijzigen": request.user.has_perm("transitie.change_begrotingspost"),
            "mag_bijdrage_toevoegen": request.user.has_perm("transitie.add_bijdrage"),
            "mag_bijdrage_wijzigen": request.user.has_perm("transitie.change_bijdrage"),
        },
    )


def _begroting_form(request: HttpRequest, form, opslaan, *, reden: str, pagina: dict):
    """Validate, save through the service (its refusal at the field), back to the year's page."""
    if request.method == "POST" and form.is_valid():
        try:
            opslaan(form.save(commit=False), form.cleaned_data["reden"] or reden)
        except ValidationError as fout:
            add_service_errors(form, fout)
        else:
            messages.success(request, pagina["gelukt"])
            jaar = form.instance.begroting.jaar
            return redirect(f"{reverse('financien:overzicht')}?jaar={jaar}#{pagina['anker']}")
    return render(
        request,
        "transitie/financien/begroting_form.html",
        {"form": form, "begroting": form.instance.begroting, **pagina},
    )


def _post_form(request: HttpRequest, post: Begrotingspost, *, reden: str, titel: str):
    form = BegrotingspostForm(request.POST or None, instance=post)
    return _begroting_form(
        request,
        form,
        lambda p, r: begrotingspost_save(post=p, acting_user=request.user, reden=r),
        reden=reden,
        pagina={
            "titel": titel,
            "gelukt": _("De begrotingspost is opgeslagen."),
            "anker": "posten-titel",
        },
    )


def _bijdrage_form(request: HttpRequest, bijdrage: Bijdrage, *, reden: str, titel: str):
    form = BijdrageForm(request.POST or None, instance=bijdrage)
    return _begroting_form(
        request,
        form,
        lambda b, r: bijdrage_save(bijdrage=b, acting_user=request.user, reden=r),
        reden=reden,
        pagina={
            "titel": titel,
            "gelukt": _("De bijdrage is opgeslagen."),
            "anker": "bronnen-titel",
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
@permission_required("transitie.add_begrotingspost", raise_exception=True)
def post_nieuw(request: HttpRequest, jaar: int) -> HttpResponse:
    begroting = get_object_or_404(Begroting, jaar=jaar)
    return _post_form(
        request,
        Begrotingspost(begroting=begroting),
        reden=_("Begrotingspost toegevoegd"),
        titel=_("Begrotingspost toevoegen"),
    )


@require_http_methods(["GET", "HEAD", "POST"])
@permission_required("transitie.change_begrotingspost", raise_exception=True)
def post_bewerken(request: HttpRequest, pk: int) -> HttpResponse:
    post = get_object_or_404(Begrotingspost.objects.select_related("begroting"), pk=pk)
    return _post_form(
        request,
        post,
        reden=_("Begrotingspost gewijzigd"),
        titel=_("Begrotingspost wijzigen"),
    )


@require_http_methods(["GET", "HEAD", "POST"])
@permission_required("transitie.add_bijdrage", raise_exception=True)
def bijdrage_nieuw(request: HttpRequest, jaar: int) -> HttpResponse:
    begroting = get_object_or_404(Begroting, jaar=jaar)
    return _bijdrage_form(
        request,
        Bijdrage(begroting=begroting),
        reden=_("Bijdrage vastgelegd"),
        titel=_("Bijdrage vastleggen"),
    )


@require_http_methods(["GET", "HEAD", "POST"])
@permission_required("transitie.change_bijdrage", raise_exception=True)
def bijdrage_bewerken(request: HttpRequest, pk: int) -> HttpResponse:
    bijdrage = get_object_or_404(Bijdrage.objects.select_related("begroting"), pk=pk)
    return _bijdrage_form(
        request,
        bijdrage,
        reden=_("Bijdrage gewijzigd"),
        titel=_("Bijdrage wijzigen"),
    )


@require_safe
@permission_required("transitie.view_begroting", raise_exception=True)
def financien_gemeente(request: HttpRequest, slug: str) -> HttpResponse:
    overzicht = gemeente_financien(gemeente_slug=slug)
    return render(
        request,
        "transitie/financien/gemeente.html",
        {
            "overzicht": overzicht,
            "mag_bijdrage_wijzigen": request.user.has_perm("transitie.change_bijdrage"),
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
@permission_required("transitie.add_kaderwijziging", raise_exception=True)
def kaderwijziging_nieuw(request: HttpRequest) -> HttpResponse:
    form = KaderwijzigingForm(request.POST or None, initial={"datum": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            wijziging = kaderwijziging_create(acting_user=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("%(titel)s is ter vaststelling voorgelegd aan de zeven gemeenteraden.")
                % {"titel": wijziging.titel},
            )
            return redirect(reverse("financien:overzicht") + "#kaderwijzigingen-titel")
    return render(request, "transitie/financien/kaderwijziging_form.html", {"form": form})


@require_http_methods(["GET", "HEAD", "POST"])
@permission_required("transitie.change_raadsbehandeling", raise_exception=True)
def raadsbesluit(request: HttpRequest, pk: int, gemeente: str) -> HttpResponse:
    behandeling = access_raadsbehandeling(
        user=request.user, kaderwijziging_id=pk, gemeente_slug=gemeente
    )
    besloten = behandeling.status != RaadsbehandelingStatus.VOORGELEGD
    form = RaadsbesluitForm(request.POST or None, initial={"datum": timezone.localdate()})
    if request.method == "POST" and not besloten and form.is_valid():
        try:
            raadsbehandeling_decide(
                acting_user=request.user, behandeling=behandeling, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("Het besluit van de gemeenteraad van %(gemeente)s is vastgelegd.")
                % {"gemeente": behandeling.gemeente.naam},
            )
            return redirect(reverse("financien:overzicht") + "#kaderwijzigingen-titel")
    return render(
        request,
        "transitie/financien/raadsbesluit.html",
        {"behandeling": behandeling, "form": form, "besloten": besloten},
        status=409 if besloten and request.method == "POST" else 200,
    )
