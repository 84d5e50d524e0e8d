"""Pages of the regiekamers and the besluitenlijst."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from drechtsteden.forms import add_service_errors
from drechtsteden.opmaak import datum
from drechtsteden.selectors import drechtsteden_list
from thema import workflow
from thema.models import Beoordeling
from thema.workflow import Actor
from transitie.constants import AdviesVervolg, BesluitUitkomst, StemKeuze
from transitie.draad import besluit_brieven
from transitie.onveranderlijk import Onveranderlijk
from transitie.regiekamer import exports
from transitie.regiekamer.forms import AdviesForm, BesluitFilterForm, StemForm
from transitie.regiekamer.selectors import (
    STEMMEN_PER_PAGINA,
    BesluitFilters,
    access_advies_queue,
    access_besluit,
    access_gegeven_advies,
    access_ingediende_beoordeling,
    access_stem_queue,
    besluit_list,
    besluit_stemmen,
    regiekamer_overview,
    stem_overview,
    thema_keuzes,
)
from transitie.regiekamer.services import GeenHuidigLid, advies_create, stem_cast


@require_safe
def overzicht(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "transitie/regiekamer/overzicht.html",
        {"overzicht": regiekamer_overview(today=timezone.localdate())},
    )


@require_safe
def advies_wachtrij(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "transitie/regiekamer/wachtrij.html",
        {"beoordelingen": list(access_advies_queue(user=request.user))},
    )


def _al_geadviseerd(request: HttpRequest, pk: int) -> HttpResponse | None:
    """A review advised already (by a colleague, or in another tab): say so and go to where the
    advice is shown, instead of a 404; None when it has no advice."""
    advies = access_gegeven_advies(user=request.user, beoordeling_id=pk)
    if advies is None:
        return None
    beoordeling = advies.beoordeling
    messages.info(
        request,
        _("%(activiteit)s heeft al advies gekregen, op %(datum)s van %(persoon)s.")
        % {
            "activiteit": beoordeling.activiteit.naam,
            "datum": datum(advies.gegeven_op),
            "persoon": advies.gegeven_door.get_full_name() or advies.gegeven_door.get_username(),
        },
    )
    besluit = getattr(beoordeling, "besluit", None)
    if besluit is not None:
        return redirect("besluiten:detail", pk=besluit.pk)
    if beoordeling.status in workflow.wacht_op(Actor.BESTUURLIJKE_REGIEKAMER):
        return redirect("regiekamer:stemmen")
    return redirect("regiekamer:wachtrij")


@require_http_methods(["GET", "HEAD", "POST"])
def advies_form(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        beoordeling = access_ingediende_beoordeling(user=request.user, pk=pk)
    except Http404:
        if (antwoord := _al_geadviseerd(request, pk)) is not None:
            return antwoord
        raise
    form = AdviesForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            advies = advies_create(
                beoordeling=beoordeling, acting_user=request.user, **form.cleaned_data
            )
        except Onveranderlijk as error:
            messages.error(request, str(error))
            return redirect("regiekamer:wachtrij")
        except GeenHuidigLid as error:
            # The role is there but not a current membership: say so at the form.
            form.add_error(None, str(error))
        except PermissionDenied:
            # Advised by someone else between loading this page and sending it.
            if (antwoord := _al_geadviseerd(request, pk)) is not None:
                return antwoord
            raise
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if advies.vervolg == AdviesVervolg.TERUGVERWIJZEN:
                messages.success(request, _("De beoordeling is teruggestuurd naar het themateam."))
            else:
                messages.success(
                    request, _("Het voorstel staat op de agenda van de bestuurlijke regiekamer.")
                )
            return redirect("regiekamer:wachtrij")
    return render(request, "transitie/regiekamer/advies.html", {"b": beoordeling, "form": form})


@require_safe
def stemmen(request: HttpRequest) -> HttpResponse:
    wachtrij = access_stem_queue(user=request.user)
    pagina = Paginator(wachtrij, STEMMEN_PER_PAGINA).get_page(request.GET.get("pagina"))
    voorstellen = stem_overview(
        user=request.user, today=timezone.localdate(), beoordelingen=pagina.object_list
    )
    return render(
        request,
        "transitie/regiekamer/stemmen.html",
        {
            "voorstellen": voorstellen,
            "pagina": pagina,
            "keuzes": StemKeuze.choices,
        },
    )


def _terug_naar_stemmen(request: HttpRequest) -> HttpResponse:
    """Back to the page of the vote view the alderman voted from."""
    pagina = request.POST.get("pagina", "")
    url = reverse("regiekamer:stemmen")
    if pagina.isdigit() and pagina != "1":
        url = f"{url}?pagina={pagina}"
    return redirect(url)


@require_POST
def stem_uitbrengen(request: HttpRequest, pk: int) -> HttpResponse:
    """One vote: the service reads the proposal and applies the seat rule; a vote that would not
    count is refused there (403 with its message), a decided proposal takes no more votes."""
    form = StemForm(request.POST)
    form.is_valid()  # an invalid choice is left out, for the service to refuse after its checks
    if form.has_error("toelichting"):
        # Never store the vote without the explanation that came with it.
        messages.error(request, " ".join(form.errors["toelichting"]))
        return _terug_naar_stemmen(request)
    try:
        resultaat = stem_cast(
            beoordeling_id=pk,
            keuze=form.cleaned_data.get("keuze", ""),
            toelichting=form.cleaned_data.get("toelichting", ""),
            acting_user=request.user,
        )
    except Beoordeling.DoesNotExist:
        raise Http404(_("Over dit voorstel wordt niet gestemd.")) from None
    except Onveranderlijk:
        # Decided between loading the page and this vote.
        messages.warning(
            request, _("Over dit voorstel is al besloten; uw stem is niet meer nodig.")
        )
        return _terug_naar_stemmen(request)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return _terug_naar_stemmen(request)
    besluit = resultaat.besluit
    if besluit is not None:
        messages.success(
            request,
            _("Uw stem is vastgelegd. Het voorstel is %(uitkomst)s.")
            % {"uitkomst": besluit.get_uitkomst_display().lower()},
        )
        return redirect("besluiten:detail", pk=besluit.pk)
    messages.success(request, _("Uw stem is vastgelegd."))
    return _terug_naar_stemmen(request)


def _filters(request: HttpRequest) -> tuple[BesluitFilterForm, BesluitFilters]:
    form = BesluitFilterForm(request.GET, themas=thema_keuzes(), gemeenten=drechtsteden_list())
    if not form.is_valid():
        return form, BesluitFilters(
            **{k: v for k, v in form.cleaned_data.items() if k not in form.errors}
        )
    return form, BesluitFilters(**form.cleaned_data)


@require_safe
def besluitenlijst(request: HttpRequest) -> HttpResponse:
    form, filters = _filters(request)
    return render(
        request,
        "transitie/regiekamer/besluiten.html",
        {
            "besluiten": list(besluit_list(filters=filters)),
            "filters": filters,
            "form": form,
            "querystring": request.GET.urlencode(),
            "aangenomen": BesluitUitkomst.AANGENOMEN,
        },
    )


@require_safe
def besluiten_export(request: HttpRequest, formaat: str) -> HttpResponse:
    _form, filters = _filters(request)
    besluiten = list(besluit_list(filters=filters))
    naam = f"besluiten-{timezone.localdate():%Y-%m-%d}"
    if formaat == "csv":
        return exports.besluiten_csv(besluiten, bestandsnaam=f"{naam}.csv")
    return exports.besluiten_xlsx(besluiten, bestandsnaam=f"{naam}.xlsx")


@require_safe
def besluit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    besluit = access_besluit(user=request.user, pk=pk)
    adviezen = besluit.beoordeling.adviezen.all()
    return render(
        request,
        "transitie/regiekamer/besluit.html",
        {
            "besluit": besluit,
            "b": besluit.beoordeling,
            "advies": adviezen[0] if adviezen else None,
            "betrokken_stemmen": besluit_stemmen(besluit),
            "brieven": besluit_brieven(user=request.user, besluit=besluit),
        },
    )
