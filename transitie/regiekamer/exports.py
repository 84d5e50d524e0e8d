"""The besluitenlijst as CSV and XLSX."""

import csv

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from drechtsteden.exports import rij, xlsx_append
from transitie.regiekamer.models import Besluit


def kolomkoppen() -> list[str]:
    return [
        _("Besloten op"),
        _("Thema"),
        _("Activiteit"),
        _("Ronde"),
        _("Voorstel"),
        _("Uitkomst"),
        _("Stemmen"),
    ]


def regels(besluiten: list[Besluit]) -> list[list]:
    return [
        [
            timezone.localtime(b.besloten_op).strftime("%Y-%m-%d %H:%M"),
            b.beoordeling.activiteit.thema.naam,
            b.beoordeling.activiteit.naam,
            b.beoordeling.ronde,
            b.beoordeling.get_voorstel_display(),
            b.get_uitkomst_display(),
            "; ".join(
                f"{s.gemeente.naam}: {s.get_keuze_display()}" for s in b.beoordeling.stemmen.all()
            ),
        ]
        for b in besluiten
    ]


def _download(content_type: str, bestandsnaam: str) -> HttpResponse:
    response = HttpResponse(content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{bestandsnaam}"'
    return response


def besluiten_csv(besluiten: list[Besluit], *, bestandsnaam: str) -> HttpResponse:
    response = _download("text/csv; charset=utf-8", bestandsnaam)
    # Excel in Dutch opens a UTF-8 file with ';' correctly only with the byte order mark.
    response.write("\ufeff")
    writer = csv.writer(response, delimiter=";")
    writer.writerow(kolomkoppen())
    writer.writerows(rij(regel) for regel in regels(besluiten))
    return response


def besluiten_xlsx(besluiten: list[Besluit], *, bestandsnaam: str) -> HttpResponse:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Besluiten")
    sheet.append(kolomkoppen())
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for regel in regels(besluiten):
        xlsx_append(sheet, regel)
    sheet.column_dimensions["C"].width = 40
    sheet.column_dimensions["G"].width = 60
    sheet.freeze_panes = "A2"
    response = _download(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", bestandsnaam
    )
    workbook.save(response)
    return response
