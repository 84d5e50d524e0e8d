"""The check of an uploaded annex: a real PDF, small enough, with nothing active or hidden in it."""

import io

import pikepdf
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MAX_BIJLAGE_BYTES = 10 * 1024 * 1024


def _woordenboeken(pdf: pikepdf.Pdf):
    """Every dictionary in the file, also those nested directly inside others (an action written
    inline in the catalog or an annotation is no object of its own)."""
    gezien: set[tuple[int, int]] = set()
    stapel = list(pdf.objects)
    while stapel:
        obj = stapel.pop()
        if not isinstance(obj, pikepdf.Dictionary | pikepdf.Array | pikepdf.Stream):
            continue
        if obj.is_indirect:
            if obj.objgen in gezien:
                continue
            gezien.add(obj.objgen)
        if isinstance(obj, pikepdf.Stream):
            stapel.extend(obj.stream_dict.values())
        elif isinstance(obj, pikepdf.Dictionary):
            yield obj
            stapel.extend(obj.values())
        elif isinstance(obj, pikepdf.Array):
            stapel.extend(obj)


def _heeft_javascript(pdf: pikepdf.Pdf) -> bool:
    """JavaScript anywhere: a name tree in the catalog, or an action of the kind JavaScript
    (document, page, annotation or form field actions)."""
    names = pdf.Root.get("/Names")
    if names is not None and "/JavaScript" in names:
        return True
    return any(d.get("/S") == pikepdf.Name.JavaScript or "/JS" in d for d in _woordenboeken(pdf))


def _heeft_ingesloten_bestanden(pdf: pikepdf.Pdf) -> bool:
    names = pdf.Root.get("/Names")
    if names is not None and "/EmbeddedFiles" in names:
        return True
    return any(
        d.get("/Type") == pikepdf.Name.EmbeddedFile
        or d.get("/Subtype") == pikepdf.Name.FileAttachment
        or "/EF" in d
        for d in _woordenboeken(pdf)
    )


def bijlage_check(inhoud: bytes) -> None:
    """Refuse what is not a plain PDF, with a Dutch message for the author."""
    if len(inhoud) > MAX_BIJLAGE_BYTES:
        raise ValidationError(
            _("Een bijlage is hoogstens %(max)s MB; dit bestand is %(grootte)s MB.")
            % {
                "max": MAX_BIJLAGE_BYTES // (1024 * 1024),
                "grootte": f"{len(inhoud) / (1024 * 1024):.1f}".replace(".", ","),
            },
            code="te_groot",
        )
    if not inhoud.startswith(b"%PDF-"):
        raise ValidationError(_("Dit bestand is geen PDF."), code="geen_pdf")
    try:
        pdf = pikepdf.open(io.BytesIO(inhoud))
    except pikepdf.PasswordError:
        raise ValidationError(
            _("Deze PDF is met een wachtwoord beveiligd; upload hem zonder beveiliging."),
            code="versleuteld",
        ) from None
    except pikepdf.PdfError:
        raise ValidationError(_("Dit bestand is geen leesbare PDF."), code="geen_pdf") from None
    with pdf:
        if pdf.is_encrypted:
            raise ValidationError(
                _("Deze PDF is versleuteld; upload hem zonder beveiliging."), code="versleuteld"
            )
        if _heeft_javascript(pdf):
            raise ValidationError(
                _("Deze PDF bevat JavaScript; een bijlage mag geen scripts bevatten."),
                code="javascript",
            )
        if _heeft_ingesloten_bestanden(pdf):
            raise ValidationError(
                _("Deze PDF bevat ingesloten bestanden; een bijlage mag die niet bevatten."),
                code="ingesloten",
            )
