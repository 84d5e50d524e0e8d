"""Pages of the transition plan, under /transitie/."""

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
from transitie.plan.forms import AftekenForm, MijlpaalForm
from transitie.plan.models import Mijlpaal
from transitie.plan.selectors import OPEN_STATUSSEN, plan_overview
from transitie.plan.services import mijlpaal_save, mijlpaal_sign_off
from transitie.plan.tijdlijn import tijdlijn_svg


@require_safe
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


@require_http_methods(["GET", "HEAD", "POST"])
@permission_required("transitie.add_mijlpaal", raise_exception=True)
def mijlpaal_nieuw(request: HttpRequest) -> HttpResponse:
    return _mijlpaal_form(request, Mijlpaal(), reden=_("Mijlpaal toegevoegd"))


@require_http_methods(["GET", "HEAD", "POST"])
@permission_required("transitie.change_mijlpaal", raise_exception=True)
def mijlpaal_bewerken(request: HttpRequest, pk: int) -> HttpResponse:
    mijlpaal = get_object_or_404(
        Mijlpaal.objects.select_related("aanbeveling__transitieplan").prefetch_related(
            "afhankelijk_van"
        ),
        pk=pk,
    )
    return _mijlpaal_form(request, mijlpaal, reden=_("Mijlpaal gewijzigd"))


def _niet_meer_open(request: HttpRequest, mijlpaal: Mijlpaal) -> HttpResponse:
    """A milestone already gereed (or vervallen): say so on the plan, instead of a 404."""
    messages.info(
        request,
        _("%(titel)s is al %(status)s.")
        % {"titel": mijlpaal.titel, "status": mijlpaal.get_status_display().lower()},
    )
    return redirect("plan:overzicht")


@require_http_methods(["GET", "HEAD", "POST"])
@permission_required("transitie.aftekenen_mijlpaal", raise_exception=True)
def mijlpaal_aftekenen(request: HttpRequest, pk: int) -> HttpResponse:
    mijlpaal = get_object_or_404(Mijlpaal.objects.select_related("aanbeveling"), pk=pk)
    if mijlpaal.status not in OPEN_STATUSSEN:
        return _niet_meer_open(request, mijlpaal)
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
            mijlpaal.refresh_from_db(fields=["status"])
            if mijlpaal.status not in OPEN_STATUSSEN:
                # Signed off (or dropped) by someone else since this page was opened.
                return _niet_meer_open(request, mijlpaal)
            form.add_error(None, fout.messages)
        else:
            messages.success(
                request, _("%(titel)s is afgetekend als gereed.") % {"titel": mijlpaal.titel}
            )
            return redirect("plan:overzicht")
    return render(request, "transitie/plan/aftekenen.html", {"mijlpaal": mijlpaal, "form": form})
