"""The audit log: every history row of the portal, newest first, filtered, and as CSV."""

import csv

from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe

from drechtsteden.exports import rij
from drechtsteden.forms import HistorieFilterForm
from drechtsteden.historie.selectors import (
    HistorieFilters,
    access_historie,
    historie_all,
    historie_list,
    historie_page,
    history_links,
    persoon_keuzes,
    soort_keuzes,
)
from drechtsteden.selectors import drechtsteden_list

SOORT_WIJZIGING = {
    "+": gettext_lazy("Aangemaakt"),
    "~": gettext_lazy("Gewijzigd"),
    "-": gettext_lazy("Verwijderd"),
}


def _filters(request: HttpRequest) -> tuple[HistorieFilterForm, HistorieFilters]:
    form = HistorieFilterForm(
        request.GET,
        personen=persoon_keuzes(),
        gemeenten=drechtsteden_list(),
        soorten=soort_keuzes(),
    )
    form.is_valid()
    # A wrong field is shown at the field and left out; the other filters still apply.
    geldig = {k: v for k, v in form.cleaned_data.items() if k not in form.errors}
    return form, HistorieFilters(**geldig)


def _querystring(request: HttpRequest) -> str:
    """The filters of the request, without the page's place, for the paging and CSV links."""
    query = request.GET.copy()
    for key in ("na", "voor", "laatste"):
        query.pop(key, None)
    return query.urlencode()


@require_safe
def lijst(request: HttpRequest) -> HttpResponse:
    access_historie(user=request.user)
    form, filters = _filters(request)
    pagina = historie_page(
        historie_list(filters=filters),
        na=request.GET.get("na"),
        voor=request.GET.get("voor"),
        laatste=request.GET.get("laatste") == "1",
    )
    links = history_links(pagina.regels, user=request.user)
    rijen = [
        {"regel": regel, "link": links.get(regel.pk), "wijziging": SOORT_WIJZIGING[regel.type]}
        for regel in pagina.regels
    ]
    return render(
        request,
        "drechtsteden/historie.html",
        {
            "form": form,
            "filters": filters,
            "pagina": pagina,
            "rijen": rijen,
            "querystring": _querystring(request),
            "eerste_pagina": pagina.nieuwer is None,
        },
    )


class _Echo:
    """A file-like object whose write returns the line, for csv.writer in a streamed response."""

    def write(self, value: str) -> str:
        return value


def _csv_rows(regels):
    writer = csv.writer(_Echo(), delimiter=";")
    # Excel in Dutch opens a UTF-8 file with ';' correctly only with the byte order mark.
    yield "\ufeff" + writer.writerow(
        [
            _("Datum"),
            _("Gebruikersnaam"),
            _("Naam"),
            _("Gemeente"),
            _("Soort object"),
            _("Object-id"),
            _("Object"),
            _("Wijziging"),
            _("Reden"),
            _("Historie-id"),
            _("Hash"),
        ]
    )
    for regel in regels:
        yield writer.writerow(
            rij(
                (
                    timezone.localtime(regel.datum).isoformat(timespec="seconds"),
                    regel.gebruikersnaam,
                    regel.gebruiker.get_full_name() if regel.gebruiker else "",
                    regel.gemeente.naam if regel.gemeente else "",
                    regel.soort.model_class()._meta.verbose_name,
                    regel.object_id,
                    regel.object_naam,
                    SOORT_WIJZIGING[regel.type],
                    regel.reden,
                    regel.historie_id,
                    regel.hash,
                )
            )
        )


@require_safe
def export_csv(request: HttpRequest) -> StreamingHttpResponse:
    access_historie(user=request.user)
    _form, filters = _filters(request)
    response = StreamingHttpResponse(
        _csv_rows(historie_all(historie_list(filters=filters))),
        content_type="text/csv; charset=utf-8",
    )
    naam = f"historie-{timezone.localdate():%Y-%m-%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{naam}"'
    return response
