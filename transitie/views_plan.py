"""Pages of the transition plan (/transitie/) and the Groeiagenda finance (/financien/).

Thin: check the permission, call a selector or a service, render or redirect.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from drechtsteden.widgets import DatumInput
from transitie.financien import financien_overview, gemeente_financien
from transitie.models import Mijlpaal
from transitie.planning import OPEN_STATUSSEN, mijlpaal_sign_off, plan_overview
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
        },
    )


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
        },
    )


@require_GET
@permission_required("transitie.view_begroting", raise_exception=True)
def financien_gemeente(request: HttpRequest, slug: str) -> HttpResponse:
    overzicht = gemeente_financien(gemeente_slug=slug)
    return render(request, "transitie/financien/gemeente.html", {"overzicht": overzicht})
