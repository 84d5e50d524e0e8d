"""Pages of the registers: framework changes and the councils' decisions (under /financien/),
and the letters' commitments to the councils (under /brieven/toezeggingen/).

Thin: check the permission, validate the form, call a service or a selector, render or redirect.
"""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from drechtsteden.forms import add_service_errors
from transitie.constants import RaadsbehandelingStatus
from transitie.forms_registers import (
    AfdoenForm,
    KaderwijzigingForm,
    RaadsbesluitForm,
    ToezeggingForm,
)
from transitie.models import Toezegging
from transitie.registers import (
    access_raadsbehandeling,
    kaderwijziging_create,
    raadsbehandeling_decide,
    toezegging_register,
    toezegging_settle,
    toezeggingen_per_gemeente,
)


@require_http_methods(["GET", "POST"])
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


@require_http_methods(["GET", "POST"])
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


@require_GET
@permission_required("transitie.view_toezegging", raise_exception=True)
def toezeggingen(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "transitie/brieven/toezeggingen.html",
        {
            "per_gemeente": toezeggingen_per_gemeente(),
            "mag_registreren": request.user.has_perm("transitie.add_toezegging"),
            "mag_afdoen": request.user.has_perm("transitie.afdoen_toezegging"),
        },
    )


@require_http_methods(["GET", "POST"])
@permission_required("transitie.add_toezegging", raise_exception=True)
def toezegging_nieuw(request: HttpRequest) -> HttpResponse:
    form = ToezeggingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            toezegging_register(acting_user=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("De toezegging is geregistreerd."))
            return redirect("brieven:toezeggingen")
    return render(request, "transitie/brieven/toezegging_form.html", {"form": form})


@require_http_methods(["GET", "POST"])
@permission_required("transitie.afdoen_toezegging", raise_exception=True)
def toezegging_afdoen(request: HttpRequest, pk: int) -> HttpResponse:
    toezegging = get_object_or_404(Toezegging.objects.select_related("brief", "gemeente"), pk=pk)
    form = AfdoenForm(request.POST or None, initial={"afgedaan_op": timezone.localdate()})
    if request.method == "POST" and toezegging.is_open and form.is_valid():
        try:
            toezegging_settle(acting_user=request.user, toezegging=toezegging, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("De toezegging is afgedaan."))
            return redirect("brieven:toezeggingen")
    return render(
        request,
        "transitie/brieven/toezegging_afdoen.html",
        {"toezegging": toezegging, "form": form},
        status=409 if not toezegging.is_open and request.method == "POST" else 200,
    )
