"""Pages of the transition plan (/transitie/) and the Groeiagenda finance (/financien/).

Thin: check the permission, call a selector or a service, render or redirect.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from drechtsteden.forms import add_service_errors
from drechtsteden.widgets import DatumInput
from transitie.financien import (
    begrotingspost_save,
    bijdrage_save,
    financien_overview,
    gemeente_financien,
)
from transitie.forms_plan import BegrotingspostForm, BijdrageForm, MijlpaalForm
from transitie.models import Begroting, Begrotingspost, Bijdrage, Mijlpaal
from transitie.planning import OPEN_STATUSSEN, mijlpaal_save, mijlpaal_sign_off, plan_overview
from transitie.registers import kaderwijzigingen_overview
from transitie.tijdlijn import tijdlijn_svg


@require_GET
@permission_required("transitie.view_mijlpaal", raise_exception=True)
def plan(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    overzicht = plan_overview(today=today)
    svg = (
        tijdlijn_svg(mijlpalen=overzicht.mijlpalen, plan_deadline=overzicht.deadline, today=today)
        if overzicht
        else ""
    )
    return render(
        request,
        "transitie/plan/plan.html",
        {
            "overzicht": overzicht,
            "tijdlijn": svg,
            "kan_aftekenen": request.user.has_perm("transitie.aftekenen_mijlpaal"),
            "kan_toevoegen": request.user.has_perm("transitie.add_mijlpaal"),
            "kan_bewerken": request.user.has_perm("transitie.change_mijlpaal"),
        },
    )


def _mijlpaal_form(request: HttpRequest, mijlpaal: Mijlpaal, *, reden: str) -> HttpResponse:
    """The milestone form, new or existing: saved through mijlpaal_save with its dependencies."""
    form = MijlpaalForm(request.POST or None, mijlpaal=mijlpaal)
    if request.method == "POST" and form.is_valid():
        try:
            mijlpaal_save(
                mijlpaal=form.apply(),
                acting_user=request.user,
                reden=form.cleaned_data["reden"] or reden,
                afhankelijk_van=form.cleaned_data["afhankelijk_van"],
            )
        except ValidationError as fout:
            add_service_errors(form, fout)
        else:
            messages.success(
                request, _("Mijlpaal %(titel)s is opgeslagen.") % {"titel": mijlpaal.titel}
            )
            return redirect(reverse("plan:overzicht") + "#aanbevelingen-titel")
    return render(request, "transitie/plan/mijlpaal_form.html", {"form": form})


@require_http_methods(["GET", "POST"])
@permission_required("transitie.add_mijlpaal", raise_exception=True)
def mijlpaal_nieuw(request: HttpRequest) -> HttpResponse:
    return _mijlpaal_form(request, Mijlpaal(), reden=_("Mijlpaal toegevoegd"))


@require_http_methods(["GET", "POST"])
@permission_required("transitie.change_mijlpaal", raise_exception=True)
def mijlpaal_bewerken(request: HttpRequest, pk: int) -> HttpResponse:
    mijlpaal = get_object_or_404(
        Mijlpaal.objects.select_related("aanbeveling__transitieplan").prefetch_related(
            "afhankelijk_van"
        ),
        pk=pk,
    )
    return _mijlpaal_form(request, mijlpaal, reden=_("Mijlpaal gewijzigd"))


class AftekenForm(forms.Form):
    gereed_op = forms.DateField(label=gettext_lazy("Gereed op"), widget=DatumInput())
    reden = forms.CharField(
        label=gettext_lazy("Toelichting bij de aftekening"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )


@require_http_methods(["GET", "POST"])
@permission_required("transitie.aftekenen_mijlpaal", raise_exception=True)
def mijlpaal_aftekenen(request: HttpRequest, pk: int) -> HttpResponse:
    mijlpaal = get_object_or_404(
        Mijlpaal.objects.select_related("aanbeveling"), pk=pk, status__in=OPEN_STATUSSEN
    )
    form = AftekenForm(request.POST or None, initial={"gereed_op": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            mijlpaal_sign_off(
                mijlpaal=mijlpaal,
                acting_user=request.user,
                reden=form.cleaned_data["reden"],
                gereed_op=form.cleaned_data["gereed_op"],
            )
        except ValidationError as fout:
            form.add_error(None, fout.messages)
        else:
            messages.success(
                request, _("%(titel)s is afgetekend als gereed.") % {"titel": mijlpaal.titel}
            )
            return redirect("plan:overzicht")
    return render(request, "transitie/plan/aftekenen.html", {"mijlpaal": mijlpaal, "form": form})


@require_GET
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


# Budget lines and contributions: kept by the ambtelijke regiekamer (and the beheerder), through
# transitie.financien's services, which refuse what breaks the ceiling.


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


@require_http_methods(["GET", "POST"])
@permission_required("transitie.add_begrotingspost", raise_exception=True)
def post_nieuw(request: HttpRequest, jaar: int) -> HttpResponse:
    begroting = get_object_or_404(Begroting, jaar=jaar)
    return _post_form(
        request,
        Begrotingspost(begroting=begroting),
        reden=_("Begrotingspost toegevoegd"),
        titel=_("Begrotingspost toevoegen"),
    )


@require_http_methods(["GET", "POST"])
@permission_required("transitie.change_begrotingspost", raise_exception=True)
def post_bewerken(request: HttpRequest, pk: int) -> HttpResponse:
    post = get_object_or_404(Begrotingspost.objects.select_related("begroting"), pk=pk)
    return _post_form(
        request,
        post,
        reden=_("Begrotingspost gewijzigd"),
        titel=_("Begrotingspost wijzigen"),
    )


@require_http_methods(["GET", "POST"])
@permission_required("transitie.add_bijdrage", raise_exception=True)
def bijdrage_nieuw(request: HttpRequest, jaar: int) -> HttpResponse:
    begroting = get_object_or_404(Begroting, jaar=jaar)
    return _bijdrage_form(
        request,
        Bijdrage(begroting=begroting),
        reden=_("Bijdrage vastgelegd"),
        titel=_("Bijdrage vastleggen"),
    )


@require_http_methods(["GET", "POST"])
@permission_required("transitie.change_bijdrage", raise_exception=True)
def bijdrage_bewerken(request: HttpRequest, pk: int) -> HttpResponse:
    bijdrage = get_object_or_404(Bijdrage.objects.select_related("begroting"), pk=pk)
    return _bijdrage_form(
        request,
        bijdrage,
        reden=_("Bijdrage gewijzigd"),
        titel=_("Bijdrage wijzigen"),
    )


@require_GET
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
