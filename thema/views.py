"""Pages of the content layer: the themes, their activities and the team's review of each.

Thin: parse, call a selector or a service, render or redirect. Access is checked in the selectors
and services; LoginRequiredMiddleware keeps anonymous visitors out.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from drechtsteden.forms import add_service_errors
from thema import exports
from thema.draad import activiteit_draad
from thema.forms import BeoordelingForm, IndienenForm, OverzichtFilterForm, beoordeling_initial
from thema.selectors import (
    Filters,
    access_activiteit,
    access_open_beoordeling,
    access_thema,
    activiteit_beoordelingen,
    bedragen_per_jaar,
    beoordeling_versies,
    drechtsteden_list,
    open_beoordeling,
    require_themateam,
    review_actors,
    status_kolommen,
    thema_activiteiten,
    thema_overview,
)
from thema.services import (
    ActiviteitGestopt,
    BeoordelingConflict,
    beoordeling_ontbrekend,
    beoordeling_save,
    beoordeling_submit,
    invoer_van,
)
from thema.workflow import (
    Actie,
    Actor,
    is_bewerkbaar,
    is_gestopt,
    mag_bewerken,
    mag_schrijven,
    mag_stap,
)


def _filters(request: HttpRequest) -> tuple[OverzichtFilterForm, Filters]:
    form = OverzichtFilterForm(
        request.GET, kolommen=status_kolommen(request.user), gemeenten=drechtsteden_list()
    )
    if not form.is_valid():
        # An unknown value in a link is dropped, not an error page.
        return form, Filters(**{k: v for k, v in form.cleaned_data.items() if k not in form.errors})
    return form, Filters(**form.cleaned_data)


@require_safe
def overzicht(request: HttpRequest) -> HttpResponse:
    form, filters = _filters(request)
    overzicht = thema_overview(user=request.user, filters=filters)
    return render(
        request,
        "thema/overzicht.html",
        {"overzicht": overzicht, "form": form, "querystring": request.GET.urlencode()},
    )


@require_safe
def overzicht_export(request: HttpRequest, formaat: str) -> HttpResponse:
    _form, filters = _filters(request)
    overzicht = thema_overview(user=request.user, filters=filters)
    naam = f"themas-{timezone.localdate():%Y-%m-%d}"
    if formaat == "csv":
        return exports.overzicht_csv(overzicht, bestandsnaam=f"{naam}.csv")
    return exports.overzicht_xlsx(overzicht, bestandsnaam=f"{naam}.xlsx")


@require_safe
def thema_detail(request: HttpRequest, slug: str) -> HttpResponse:
    thema = access_thema(slug=slug)
    actoren = review_actors(user=request.user, thema=thema)
    activiteiten = thema_activiteiten(user=request.user, thema=thema)
    for activiteit in activiteiten:
        status = activiteit.huidige.status if activiteit.huidige else None
        activiteit.kan_schrijven = mag_schrijven(
            status, actoren, activiteit_status=activiteit.status
        )
        activiteit.schrijft_verder = status is not None and is_bewerkbaar(status)
        activiteit.gestopt = is_gestopt(activiteit.status)
    context = {
        "thema": thema,
        "activiteiten": activiteiten,
        "in_team": Actor.THEMATEAM in actoren,
    }
    return render(request, "thema/thema.html", context)


def _activiteit_context(request: HttpRequest, slug: str, activiteit_slug: str) -> dict:
    activiteit = access_activiteit(thema_slug=slug, activiteit_slug=activiteit_slug)
    actoren = review_actors(user=request.user, thema=activiteit.thema)
    beoordelingen = activiteit_beoordelingen(user=request.user, activiteit=activiteit)
    huidige = beoordelingen[0] if beoordelingen else None
    open_ = huidige if huidige is not None and not huidige.is_besloten else None
    draad = activiteit_draad(user=request.user, activiteit=activiteit)
    for beoordeling in beoordelingen:
        beoordeling.draad = draad.ronde(beoordeling.ronde) if draad else None
    return {
        "draad": draad,
        "activiteit": activiteit,
        "thema": activiteit.thema,
        "beoordelingen": beoordelingen,
        "huidige": huidige,
        "in_team": Actor.THEMATEAM in actoren,
        "mag_schrijven": mag_schrijven(
            huidige.status if huidige else None, actoren, activiteit_status=activiteit.status
        ),
        "mag_indienen": open_ is not None
        and not is_gestopt(activiteit.status)
        and mag_stap(Actie.INDIENEN, open_.status, actoren),
        "gestopt": is_gestopt(activiteit.status),
    }


@require_safe
def activiteit_detail(request: HttpRequest, slug: str, activiteit: str) -> HttpResponse:
    context = _activiteit_context(request, slug, activiteit)
    return render(request, "thema/activiteit.html", {**context, "tab": "beoordelingen"})


@require_safe
def activiteit_geschiedenis(request: HttpRequest, slug: str, activiteit: str) -> HttpResponse:
    context = _activiteit_context(request, slug, activiteit)
    draad = context["draad"]
    versies = [
        (versie, draad.ronde(versie.ronde) if draad else None)
        for versie in beoordeling_versies(user=request.user, activiteit=context["activiteit"])
    ]
    return render(
        request, "thema/activiteit.html", {**context, "tab": "geschiedenis", "versies": versies}
    )


def _gestopt(request: HttpRequest, activiteit) -> HttpResponse:
    messages.info(
        request,
        _("%(activiteit)s is gestopt; er komt geen nieuwe beoordeling meer.")
        % {"activiteit": activiteit.naam},
    )
    return redirect(activiteit)


@require_http_methods(["GET", "HEAD", "POST"])
def beoordeling_bewerken(request: HttpRequest, slug: str, activiteit: str) -> HttpResponse:
    activiteit = access_activiteit(thema_slug=slug, activiteit_slug=activiteit)
    actoren = require_themateam(user=request.user, thema=activiteit.thema)
    if is_gestopt(activiteit.status):
        return _gestopt(request, activiteit)
    beoordeling = open_beoordeling(activiteit=activiteit)
    if beoordeling is not None and not mag_bewerken(beoordeling.status, actoren):
        messages.info(
            request,
            _("Deze beoordeling is %(status)s en kan niet meer worden gewijzigd.")
            % {"status": beoordeling.get_status_display().lower()},
        )
        return redirect(activiteit)
    conflict = None
    status = 200
    if request.method == "POST":
        form = BeoordelingForm(request.POST, activiteit=activiteit)
        if form.is_valid():
            try:
                beoordeling_save(
                    activiteit=activiteit,
                    versie=form.cleaned_data["versie"],
                    invoer=form.invoer(),
                    acting_user=request.user,
                )
            except BeoordelingConflict as error:
                conflict = error
                # Keep what the person typed, and let the next save count against the version
                # he has now seen.
                data = request.POST.copy()
                data["versie"] = str(error.versie)
                form = BeoordelingForm(data, activiteit=activiteit)
                form.is_valid()
                status = 409
            except ActiviteitGestopt:
                # Stopped by a decision while the form was open.
                return _gestopt(request, activiteit)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("De beoordeling is opgeslagen."))
                return redirect(activiteit)
    else:
        form = BeoordelingForm(
            initial=beoordeling_initial(beoordeling),
            activiteit=activiteit,
        )
    context = {
        "activiteit": activiteit,
        "thema": activiteit.thema,
        "beoordeling": beoordeling,
        "form": form,
        "conflict": conflict,
    }
    return render(request, "thema/beoordeling_form.html", context, status=status)


@require_http_methods(["GET", "HEAD", "POST"])
def beoordeling_indienen(request: HttpRequest, slug: str, activiteit: str) -> HttpResponse:
    activiteit = access_activiteit(thema_slug=slug, activiteit_slug=activiteit)
    actoren = require_themateam(user=request.user, thema=activiteit.thema)
    if is_gestopt(activiteit.status):
        return _gestopt(request, activiteit)
    try:
        beoordeling = access_open_beoordeling(user=request.user, activiteit=activiteit)
    except Http404:
        messages.info(request, _("Er is nog geen beoordeling om in te dienen."))
        return redirect(activiteit)
    if not mag_stap(Actie.INDIENEN, beoordeling.status, actoren):
        messages.info(request, _("Deze beoordeling is al ingediend."))
        return redirect(activiteit)
    if request.method == "POST":
        form = IndienenForm(request.POST)
        if form.is_valid():
            try:
                beoordeling_submit(
                    beoordeling=beoordeling,
                    versie=form.cleaned_data["versie"],
                    acting_user=request.user,
                )
            except BeoordelingConflict:
                messages.warning(
                    request,
                    _(
                        "Iemand anders heeft de beoordeling intussen gewijzigd. Bekijk de "
                        "nieuwe versie hieronder en bevestig opnieuw."
                    ),
                )
                return redirect("thema:indienen", slug=slug, activiteit=activiteit.slug)
            except ActiviteitGestopt:
                return _gestopt(request, activiteit)
            except ValidationError:
                pass  # refused as incomplete: the page lists what is missing, as on a GET
            else:
                messages.success(
                    request,
                    _("De beoordeling is ingediend bij de ambtelijke regiekamer."),
                )
                return redirect(activiteit)
    form = IndienenForm(initial={"versie": beoordeling.versie})
    invoer = invoer_van(beoordeling)
    context = {
        "activiteit": activiteit,
        "thema": activiteit.thema,
        "beoordeling": beoordeling,
        "invoer": invoer,
        "bedragen": bedragen_per_jaar(beoordeling),
        "form": form,
        "ontbrekend": beoordeling_ontbrekend(beoordeling),
    }
    return render(request, "thema/beoordeling_indienen.html", context)
