"""Pages of the raadsinformatiebrieven: list, draft, preview, publish and the downloads.

Thin: parse, call a selector or a service, render or redirect. Access is checked in
transitie.brieven; LoginRequiredMiddleware keeps anonymous visitors out.
"""

import uuid

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import get_conditional_response
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from drechtsteden.forms import add_service_errors
from drechtsteden.models import Gemeente
from drechtsteden.selectors import drechtsteden_list, user_gemeente
from transitie.brieven import (
    BriefConflict,
    access_letter,
    access_publicatie,
    letter_correct,
    letter_create,
    letter_list,
    letter_publish,
    letter_update,
    may_publish,
    sees_drafts,
)
from transitie.constants import BriefStatus
from transitie.forms_brieven import BriefForm, PubliceerForm, brief_initial
from transitie.models import Onveranderlijk
from transitie.pdf import letter_blocks, letter_html, letter_sections


def _may_draft(request: HttpRequest) -> bool:
    return sees_drafts(request.user) and request.user.has_perm(
        "transitie.change_raadsinformatiebrief"
    )


def _require_drafter(request: HttpRequest) -> None:
    if not _may_draft(request):
        raise PermissionDenied(_("U mag geen raadsinformatiebrieven opstellen."))


@require_GET
def lijst(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "transitie/brieven/lijst.html",
        {
            "brieven": letter_list(user=request.user),
            "ziet_concepten": sees_drafts(request.user),
            "mag_opstellen": request.user.has_perm("transitie.add_raadsinformatiebrief")
            and sees_drafts(request.user),
            "gemeente": user_gemeente(request.user),
        },
    )


@require_GET
def detail(request: HttpRequest, letter_id: uuid.UUID) -> HttpResponse:
    letter = access_letter(user=request.user, letter_id=letter_id)
    concept = letter.status == BriefStatus.CONCEPT
    return render(
        request,
        "transitie/brieven/detail.html",
        {
            "letter": letter,
            "secties": letter_sections(letter),
            "publicaties": letter.publicaties.all(),
            "concept": concept,
            "mag_bewerken": concept
            and request.user.has_perm("transitie.change_raadsinformatiebrief"),
            "mag_publiceren": concept and may_publish(request.user),
            "mag_corrigeren": not concept and _may_draft(request),
            # Only a published letter is corrected; the corrections this person may read.
            "correcties": ()
            if concept
            else letter_list(user=request.user)
            .filter(corrigeert=letter)
            .prefetch_related(None)
            .only("uuid", "titel"),
            "gemeenten": drechtsteden_list() if concept else (),
        },
    )


@require_POST
def corrigeren(request: HttpRequest, letter_id: uuid.UUID) -> HttpResponse:
    """Start a correction of a published letter: a new draft that refers to it."""
    _require_drafter(request)
    letter = access_letter(user=request.user, letter_id=letter_id)
    try:
        correctie = letter_correct(acting_user=request.user, letter=letter)
    except ValidationError as error:
        for bericht in error.messages:
            messages.error(request, bericht)
        return redirect("brieven:detail", letter_id=letter.uuid)
    messages.success(
        request, _("De correctie is opgesteld als concept. Pas de tekst aan en publiceer hem.")
    )
    return redirect("brieven:detail", letter_id=correctie.uuid)


@require_http_methods(["GET", "POST"])
def nieuw(request: HttpRequest) -> HttpResponse:
    _require_drafter(request)
    form = BriefForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            letter = letter_create(acting_user=request.user, invoer=form.invoer())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Het concept is opgeslagen."))
            return redirect("brieven:detail", letter_id=letter.uuid)
    return render(request, "transitie/brieven/form.html", {"form": form, "letter": None})


@require_http_methods(["GET", "POST"])
def bewerken(request: HttpRequest, letter_id: uuid.UUID) -> HttpResponse:
    _require_drafter(request)
    letter = access_letter(user=request.user, letter_id=letter_id)
    if letter.status != BriefStatus.CONCEPT:
        messages.info(request, _("Een gepubliceerde brief verandert niet meer."))
        return redirect("brieven:detail", letter_id=letter.uuid)
    form = BriefForm(request.POST or None, initial=brief_initial(letter))
    conflict = None
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            letter = letter_update(
                acting_user=request.user,
                letter=letter,
                versie=form.cleaned_data["versie"] or 0,
                invoer=form.invoer(),
            )
        except Onveranderlijk as error:
            # Published while this person was editing: nothing was saved.
            messages.error(request, str(error))
            return redirect("brieven:detail", letter_id=letter.uuid)
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
            return redirect("brieven:detail", letter_id=letter.uuid)
    return render(
        request,
        "transitie/brieven/form.html",
        {"form": form, "letter": letter, "conflict": conflict},
        status=status,
    )


@require_GET
def voorbeeld(request: HttpRequest, letter_id: uuid.UUID, gemeente: str) -> HttpResponse:
    """The letter as one council's PDF will hold it, from the same template."""
    if not sees_drafts(request.user):
        raise Http404
    letter = access_letter(user=request.user, letter_id=letter_id)
    gemeente = get_object_or_404(Gemeente, slug=gemeente, is_drechtstad=True)
    html = letter_html(
        letter=letter,
        gemeente=gemeente,
        blokken=letter_blocks(letter=letter, gemeente=gemeente),
        for_pdf=False,
    )
    return HttpResponse(html)


@require_http_methods(["GET", "POST"])
def publiceren(request: HttpRequest, letter_id: uuid.UUID) -> HttpResponse:
    letter = access_letter(user=request.user, letter_id=letter_id)
    if not may_publish(request.user):
        raise PermissionDenied(
            _("Alleen de bestuurlijke regiekamer of een beheerder publiceert een brief.")
        )
    if letter.status != BriefStatus.CONCEPT:
        messages.info(request, _("Deze brief is al gepubliceerd."))
        return redirect("brieven:detail", letter_id=letter.uuid)
    form = PubliceerForm(request.POST or None, initial={"versie": letter.versie})
    fouten: list[str] = []
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data["versie"] != letter.versie:
            fouten.append(
                _("De brief is gewijzigd sinds u deze pagina opende. Controleer hem opnieuw.")
            )
            form = PubliceerForm(initial={"versie": letter.versie})
        else:
            try:
                letter_publish(acting_user=request.user, letter=letter)
            except Onveranderlijk:
                messages.info(request, _("Deze brief is al gepubliceerd."))
                return redirect("brieven:detail", letter_id=letter.uuid)
            except ValidationError as error:
                fouten.extend(error.messages)
            else:
                messages.success(
                    request, _("De brief is gepubliceerd voor de zeven gemeenteraden.")
                )
                return redirect("brieven:detail", letter_id=letter.uuid)
    return render(
        request,
        "transitie/brieven/publiceren.html",
        {"letter": letter, "form": form, "fouten": fouten},
    )


def _bijlage(inhoud: bytes | str, content_type: str, bestandsnaam: str) -> HttpResponse:
    response = HttpResponse(inhoud, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, bestandsnaam)
    response["X-Content-Type-Options"] = "nosniff"
    # Access depends on the person: no shared cache keeps a copy, and a browser asks again.
    response["Cache-Control"] = "private, no-cache"
    return response


PDF_VELDEN = ("uuid", "bestandsnaam", "pdf", "sha256")


@require_GET
def download(request: HttpRequest, publicatie_id: uuid.UUID) -> HttpResponse:
    """Exactly the stored bytes of one council's PDF, read without the open data beside them."""
    publicatie = access_publicatie(
        user=request.user, publicatie_id=publicatie_id, velden=PDF_VELDEN
    )
    response = _bijlage(publicatie.pdf, "application/pdf", publicatie.bestandsnaam)
    response["Content-Length"] = str(len(response.content))
    etag = f'"{publicatie.sha256}"'
    response["ETag"] = etag
    return get_conditional_response(request, etag=etag, response=response)


@require_GET
def open_data(request: HttpRequest, publicatie_id: uuid.UUID, formaat: str) -> HttpResponse:
    veld = "open_data_json" if formaat == "json" else "open_data_csv"
    publicatie = access_publicatie(
        user=request.user, publicatie_id=publicatie_id, velden=("uuid", "bestandsnaam", veld)
    )
    naam = publicatie.bestandsnaam.removesuffix(".pdf") + f"-data.{formaat}"
    if formaat == "json":
        return _bijlage(publicatie.open_data_json, "application/json; charset=utf-8", naam)
    return _bijlage(publicatie.open_data_csv, "text/csv; charset=utf-8", naam)
