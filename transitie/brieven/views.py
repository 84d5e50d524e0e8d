"""Pages of the raadsinformatiebrieven and the commitments, under /brieven/."""

import logging
import uuid

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import get_conditional_response
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from drechtsteden.forms import add_service_errors
from drechtsteden.models import Gemeente
from drechtsteden.selectors import drechtsteden_list, user_gemeente, user_sees_drafts
from transitie.brieven.forms import (
    AfdoenForm,
    BijlageForm,
    BriefForm,
    PubliceerForm,
    ToezeggingForm,
    brief_initial,
)
from transitie.brieven.integriteit import bestand_afwijking
from transitie.brieven.models import Toezegging
from transitie.brieven.pdf import brief_blocks, brief_html, brief_sections
from transitie.brieven.selectors import (
    access_bijlage,
    access_bijlage_to_draft,
    access_brief,
    access_brief_to_draft,
    access_brief_to_publish,
    access_publicatie,
    access_publicatie_bestand,
    brief_list,
    brief_missing,
    brief_publishers,
    may_draft_brief,
    may_publish_brief,
    publicatie_voortgang,
    publicaties_met_handtekening,
    require_brief_drafter,
    toezeggingen_per_gemeente,
)
from transitie.brieven.services import (
    BriefConflict,
    PublicatieLoopt,
    bijlage_add,
    bijlage_remove,
    brief_correct,
    brief_create,
    brief_publish_request,
    brief_update,
    toezegging_register,
    toezegging_settle,
)
from transitie.constants import BriefStatus
from transitie.draad import brief_besluiten
from transitie.onveranderlijk import Onveranderlijk

security_logger = logging.getLogger("regieportaal.security")


@require_safe
def lijst(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "transitie/brieven/lijst.html",
        {
            "brieven": brief_list(user=request.user),
            "ziet_concepten": user_sees_drafts(request.user),
            "mag_opstellen": may_draft_brief(request.user),
            "gemeente": user_gemeente(request.user),
        },
    )


def _detail(
    request: HttpRequest, brief, *, bijlage_form: BijlageForm | None = None, status: int = 200
) -> HttpResponse:
    concept = brief.status == BriefStatus.CONCEPT
    voortgang = publicatie_voortgang(brief) if concept else None
    # While the worker publishes the letter, it is neither edited nor published again.
    vrij = not (voortgang and voortgang.bezig)
    mag_bewerken = concept and vrij and may_draft_brief(request.user)
    rollen, publiceerders = brief_publishers() if concept else ((), ())
    return render(
        request,
        "transitie/brieven/detail.html",
        {
            "brief": brief,
            "ontbrekend": brief_missing(brief) if concept else (),
            "bijlagen": list(brief.bijlagen.defer("pdf")),
            "bijlage_form": (bijlage_form or BijlageForm()) if mag_bewerken else None,
            "publiceer_rollen": rollen,
            "publiceerders": publiceerders,
            "secties": brief_sections(brief),
            "publicaties": publicaties_met_handtekening(brief),
            "concept": concept,
            "voortgang": voortgang,
            "mag_bewerken": mag_bewerken,
            "mag_publiceren": concept and vrij and may_publish_brief(request.user),
            "mag_corrigeren": not concept and may_draft_brief(request.user),
            # Only a published letter is corrected; the corrections this person may read.
            "correcties": ()
            if concept
            else brief_list(user=request.user)
            .filter(corrigeert=brief)
            .prefetch_related(None)
            .only("uuid", "titel"),
            "gemeenten": drechtsteden_list() if concept else (),
            "besluiten": brief_besluiten(brief),
        },
        status=status,
    )


@require_safe
def detail(request: HttpRequest, brief_id: uuid.UUID) -> HttpResponse:
    return _detail(request, access_brief(user=request.user, brief_id=brief_id))


@require_safe
def voortgang(request: HttpRequest, brief_id: uuid.UUID) -> HttpResponse:
    """The publishing progress block of the letter's page alone, for its script to refresh."""
    brief = access_brief(user=request.user, brief_id=brief_id)
    response = render(
        request,
        "transitie/brieven/_voortgang.html",
        {"brief": brief, "voortgang": publicatie_voortgang(brief)},
    )
    response["Cache-Control"] = "private, no-cache"
    return response


def _publicatie_loopt(request: HttpRequest, brief, error: PublicatieLoopt) -> HttpResponse:
    messages.info(request, error.messages[0])
    return redirect("brieven:detail", brief_id=brief.uuid)


@require_POST
def bijlage_toevoegen(request: HttpRequest, brief_id: uuid.UUID) -> HttpResponse:
    """Upload an annex to a draft; a refused file comes back with the reason at its field."""
    brief = access_brief_to_draft(user=request.user, brief_id=brief_id)
    form = BijlageForm(request.POST, request.FILES)
    if form.is_valid():
        bestand = form.cleaned_data["bestand"]
        try:
            bijlage_add(
                acting_user=request.user,
                brief=brief,
                titel=form.cleaned_data["titel"],
                inhoud=bestand.read(),
                bestandsnaam=bestand.name,
            )
        except Onveranderlijk as error:
            messages.error(request, str(error))
            return redirect("brieven:detail", brief_id=brief.uuid)
        except PublicatieLoopt as error:
            return _publicatie_loopt(request, brief, error)
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                add_service_errors(form, error)
            else:
                form.add_error("bestand", error)
        else:
            messages.success(request, _("De bijlage is toegevoegd."))
            return redirect("brieven:detail", brief_id=brief.uuid)
    return _detail(request, brief, bijlage_form=form, status=400)


@require_POST
def bijlage_verwijderen(request: HttpRequest, bijlage_id: uuid.UUID) -> HttpResponse:
    bijlage = access_bijlage_to_draft(user=request.user, bijlage_id=bijlage_id)
    try:
        bijlage_remove(acting_user=request.user, bijlage=bijlage)
    except Onveranderlijk as error:
        messages.error(request, str(error))
    except PublicatieLoopt as error:
        messages.info(request, error.messages[0])
    else:
        messages.success(request, _("De bijlage is verwijderd."))
    return redirect("brieven:detail", brief_id=bijlage.brief.uuid)


@require_safe
def bijlage_download(request: HttpRequest, bijlage_id: uuid.UUID) -> HttpResponse:
    """The annex's stored bytes, only while they match the SHA-256 stored with them and the one
    its upload wrote in the history."""
    bijlage = access_bijlage(user=request.user, bijlage_id=bijlage_id)
    inhoud = bytes(bijlage.pdf)
    afwijking = bestand_afwijking(
        inhoud=inhoud, sha256=bijlage.sha256, historie_sha256=bijlage.historie_sha256
    )
    if afwijking:
        return _onbetrouwbaar(
            request, f"Bijlage {bijlage.uuid}", afwijking, bijlage.titel, bijlage.brief.uuid
        )
    response = _bijlage(inhoud, "application/pdf", bijlage.bestandsnaam)
    response["Content-Length"] = str(len(inhoud))
    etag = f'"{bijlage.sha256}"'
    response["ETag"] = etag
    return get_conditional_response(request, etag=etag, response=response)


def _onbetrouwbaar(request, wat: str, afwijking: str, naam: str, brief_uuid) -> HttpResponse:
    """Refuse a stored file that is not the one published, and say so in the security log."""
    security_logger.error("%s: %s; niet geleverd aan gebruiker %s", wat, afwijking, request.user.pk)
    return render(
        request,
        "transitie/brieven/bestand_onbetrouwbaar.html",
        {"naam": naam, "brief_uuid": brief_uuid},
        status=409,
    )


@require_POST
def corrigeren(request: HttpRequest, brief_id: uuid.UUID) -> HttpResponse:
    """Start a correction of a published letter: a new draft that refers to it."""
    brief = access_brief_to_draft(user=request.user, brief_id=brief_id)
    try:
        correctie = brief_correct(acting_user=request.user, brief=brief)
    except ValidationError as error:
        for bericht in error.messages:
            messages.error(request, bericht)
        return redirect("brieven:detail", brief_id=brief.uuid)
    messages.success(
        request, _("De correctie is opgesteld als concept. Pas de tekst aan en publiceer hem.")
    )
    return redirect("brieven:detail", brief_id=correctie.uuid)


@require_http_methods(["GET", "HEAD", "POST"])
def nieuw(request: HttpRequest) -> HttpResponse:
    require_brief_drafter(request.user)
    form = BriefForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            brief = brief_create(acting_user=request.user, invoer=form.invoer())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Het concept is opgeslagen."))
            return redirect("brieven:detail", brief_id=brief.uuid)
    return render(request, "transitie/brieven/form.html", {"form": form, "brief": None})


@require_http_methods(["GET", "HEAD", "POST"])
def bewerken(request: HttpRequest, brief_id: uuid.UUID) -> HttpResponse:
    brief = access_brief_to_draft(user=request.user, brief_id=brief_id)
    if brief.status != BriefStatus.CONCEPT:
        messages.info(request, _("Een gepubliceerde brief verandert niet meer."))
        return redirect("brieven:detail", brief_id=brief.uuid)
    if request.method != "POST":
        voortgang = publicatie_voortgang(brief)
        if voortgang and voortgang.bezig:
            messages.info(request, _("Deze brief wordt nu gepubliceerd en verandert daarom niet."))
            return redirect("brieven:detail", brief_id=brief.uuid)
    form = BriefForm(request.POST or None, initial=brief_initial(brief))
    conflict = None
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            brief = brief_update(
                acting_user=request.user,
                brief=brief,
                versie=form.cleaned_data["versie"] or 0,
                invoer=form.invoer(),
            )
        except Onveranderlijk as error:
            # Published while this person was editing: nothing was saved.
            messages.error(request, str(error))
            return redirect("brieven:detail", brief_id=brief.uuid)
        except BriefConflict as error:
            conflict = error
            status = 409
            # The next save goes against the version now stored; the typed text stays.
            data = request.POST.copy()
            data["versie"] = error.versie
            form = BriefForm(data)
            form.is_valid()
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Het concept is opgeslagen."))
            return redirect("brieven:detail", brief_id=brief.uuid)
    return render(
        request,
        "transitie/brieven/form.html",
        {"form": form, "brief": brief, "conflict": conflict},
        status=status,
    )


@require_safe
def voorbeeld(request: HttpRequest, brief_id: uuid.UUID, gemeente: str) -> HttpResponse:
    """The letter as one council's PDF will hold it, from the same template."""
    if not user_sees_drafts(request.user):
        raise Http404
    brief = access_brief(user=request.user, brief_id=brief_id)
    gemeente = get_object_or_404(Gemeente, slug=gemeente, is_drechtstad=True)
    html = brief_html(
        brief=brief,
        gemeente=gemeente,
        blokken=brief_blocks(brief=brief, gemeente=gemeente),
        for_pdf=False,
        terug_url=reverse("brieven:detail", kwargs={"brief_id": brief.uuid}),
    )
    return HttpResponse(html)


@require_http_methods(["GET", "HEAD", "POST"])
def publiceren(request: HttpRequest, brief_id: uuid.UUID) -> HttpResponse:
    """Confirm, then ask the worker to publish; the letter's page shows the progress."""
    brief = access_brief_to_publish(user=request.user, brief_id=brief_id)
    if brief.status != BriefStatus.CONCEPT:
        messages.info(request, _("Deze brief is al gepubliceerd."))
        return redirect("brieven:detail", brief_id=brief.uuid)
    if request.method != "POST":
        voortgang = publicatie_voortgang(brief)
        if voortgang and voortgang.bezig:
            messages.info(request, _("Deze brief wordt al gepubliceerd; wacht tot dat klaar is."))
            return redirect("brieven:detail", brief_id=brief.uuid)
    form = PubliceerForm(request.POST or None, initial={"versie": brief.versie})
    fouten: list[str] = []
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data["versie"] != brief.versie:
            fouten.append(
                _("De brief is gewijzigd sinds u deze pagina opende. Controleer hem opnieuw.")
            )
            form = PubliceerForm(initial={"versie": brief.versie})
        else:
            try:
                brief_publish_request(acting_user=request.user, brief=brief)
            except Onveranderlijk:
                messages.info(request, _("Deze brief is al gepubliceerd."))
                return redirect("brieven:detail", brief_id=brief.uuid)
            except PublicatieLoopt as error:
                return _publicatie_loopt(request, brief, error)
            except ValidationError as error:
                fouten.extend(error.messages)
            else:
                messages.success(
                    request,
                    _(
                        "De publicatie is gestart: de PDF's voor de zeven gemeenteraden worden "
                        "nu gemaakt. Hieronder ziet u de voortgang; als alle zeven klaar zijn, "
                        "is de brief gepubliceerd."
                    ),
                )
                return redirect("brieven:detail", brief_id=brief.uuid)
    return render(
        request,
        "transitie/brieven/publiceren.html",
        {"brief": brief, "form": form, "fouten": fouten},
    )


def _bijlage(inhoud: bytes | str, content_type: str, bestandsnaam: str) -> HttpResponse:
    response = HttpResponse(inhoud, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, bestandsnaam)
    response["X-Content-Type-Options"] = "nosniff"
    # Access depends on the person: no shared cache keeps a copy, and a browser asks again.
    response["Cache-Control"] = "private, no-cache"
    return response


@require_safe
def download(request: HttpRequest, publicatie_id: uuid.UUID) -> HttpResponse:
    """Exactly the stored bytes of one council's PDF, read without the open data beside them,
    only while they match their SHA-256 and the one the history wrote at publication."""
    publicatie = access_publicatie_bestand(user=request.user, publicatie_id=publicatie_id)
    inhoud = bytes(publicatie.pdf)
    afwijking = bestand_afwijking(
        inhoud=inhoud, sha256=publicatie.sha256, historie_sha256=publicatie.historie_sha256
    )
    if afwijking:
        return _onbetrouwbaar(
            request,
            f"Publicatie {publicatie.uuid}",
            afwijking,
            publicatie.bestandsnaam,
            publicatie.brief.uuid,
        )
    response = _bijlage(inhoud, "application/pdf", publicatie.bestandsnaam)
    response["Content-Length"] = str(len(inhoud))
    etag = f'"{publicatie.sha256}"'
    response["ETag"] = etag
    return get_conditional_response(request, etag=etag, response=response)


@require_safe
def open_data(request: HttpRequest, publicatie_id: uuid.UUID, formaat: str) -> HttpResponse:
    veld = "open_data_json" if formaat == "json" else "open_data_csv"
    publicatie = access_publicatie(
        user=request.user, publicatie_id=publicatie_id, velden=("uuid", "bestandsnaam", veld)
    )
    naam = publicatie.bestandsnaam.removesuffix(".pdf") + f"-data.{formaat}"
    if formaat == "json":
        return _bijlage(publicatie.open_data_json, "application/json; charset=utf-8", naam)
    return _bijlage(publicatie.open_data_csv, "text/csv; charset=utf-8", naam)


@require_safe
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


@require_http_methods(["GET", "HEAD", "POST"])
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


@require_http_methods(["GET", "HEAD", "POST"])
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
