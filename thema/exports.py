"""The overview of the themes as a download: CSV and Excel, with the columns the page shows."""

import csv

from django.http import HttpResponse
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from thema.selectors import Overzicht


def kolomkoppen(overzicht: Overzicht) -> list[str]:
    return [
        _("Thema"),
        _("Activiteiten"),
        *(kolom.label for kolom in overzicht.kolommen),
        _("Voortgang (%)"),
    ]


def regels(overzicht: Overzicht) -> list[list]:
    return [
        [regel.thema.naam, regel.totaal, *regel.tellingen, regel.procent]
        for regel in overzicht.regels
    ]


def overzicht_csv(overzicht: Overzicht, *, bestandsnaam: str) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{bestandsnaam}"'
    # Excel in Dutch opens a UTF-8 file with ';' correctly only with the byte order mark.
    response.write("\ufeff")
    writer = csv.writer(response, delimiter=";")
    writer.writerow(kolomkoppen(overzicht))
    writer.writerows(regels(overzicht))
    return response


def overzicht_xlsx(overzicht: Overzicht, *, bestandsnaam: str) -> HttpResponse:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Thema's")
    sheet.append(kolomkoppen(overzicht))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for regel in regels(overzicht):
        sheet.append(regel)
    sheet.column_dimensions["A"].width = 40
    sheet.freeze_panes = "B2"
    response = HttpResponse(
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="{bestandsnaam}"'
    workbook.save(response)
    return response
