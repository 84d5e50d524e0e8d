"""Whether a stored file is still the one published: its bytes, its stored SHA-256, and the SHA-256
the history wrote when it was published (a publication) or uploaded (an annex).

A database writer who swaps a PDF and its hash together still leaves the history's hash, and the
history is held by the keyed chain (`drechtsteden.historie.keten`), so the swap shows. The
downloads refuse such a file, and `controleer_historie` checks every one (`bestanden_verify`,
registered in `transitie.apps`).
"""

import hashlib
import hmac

from django.db.models import OuterRef, QuerySet, Subquery

from drechtsteden.historie.keten import Breuk
from transitie.brieven.models import Briefbijlage, Briefpublicatie


def bestand_afwijking(*, inhoud: bytes, sha256: str, historie_sha256: str | None) -> str | None:
    """Why these stored bytes are not the ones published (Dutch, for the log and the check);
    None when bytes, stored hash and the history's hash agree."""
    if not hmac.compare_digest(hashlib.sha256(inhoud).hexdigest(), sha256):
        return "de opgeslagen bytes passen niet bij de opgeslagen SHA-256"
    if not historie_sha256:
        return "de historie heeft geen SHA-256 van dit bestand"
    if not hmac.compare_digest(sha256, historie_sha256):
        return "de opgeslagen SHA-256 wijkt af van die in de historie"
    return None


def _eerste_historie(model) -> QuerySet:
    """A publication's first history row: the one its publication wrote."""
    return model.history.model.objects.filter(id=OuterRef("pk")).order_by(
        "history_date", "history_id"
    )


def _laatste_historie(model) -> QuerySet:
    """An annex's latest history row: its upload (a published letter's annexes change no more)."""
    return model.history.model.objects.filter(id=OuterRef("pk")).order_by(
        "-history_date", "-history_id"
    )


def met_historie_hash(publicaties: QuerySet[Briefpublicatie]) -> QuerySet[Briefpublicatie]:
    """`historie_sha256` and `historie_id` beside each publication, in the same query."""
    eerste = _eerste_historie(Briefpublicatie)
    return publicaties.annotate(
        historie_sha256=Subquery(eerste.values("sha256")[:1]),
        historie_id=Subquery(eerste.values("history_id")[:1]),
    )


def bijlagen_met_historie_hash(bijlagen: QuerySet[Briefbijlage]) -> QuerySet[Briefbijlage]:
    laatste = _laatste_historie(Briefbijlage)
    return bijlagen.annotate(
        historie_sha256=Subquery(laatste.values("sha256")[:1]),
        historie_id=Subquery(laatste.values("history_id")[:1]),
    )


def _breuk(soort: str, rij, naam: str, reden: str) -> Breuk:
    if rij.historie_id is None:
        reden = f"{reden}: {soort} {naam} (id {rij.pk})"
    return Breuk(
        model=soort,
        historie_id=rij.historie_id,
        object_id=rij.pk,
        object_naam=naam,
        datum=None,
        reden=reden,
    )


def bestanden_verify() -> Breuk | None:
    """The first published PDF or annex whose bytes are not those published, or None.

    Reads the files a few at a time, so memory stays that of a handful of PDFs.
    """
    publicaties = met_historie_hash(
        Briefpublicatie.objects.only("pk", "bestandsnaam", "pdf", "sha256").order_by("pk")
    )
    for publicatie in publicaties.iterator(chunk_size=20):
        reden = bestand_afwijking(
            inhoud=bytes(publicatie.pdf),
            sha256=publicatie.sha256,
            historie_sha256=publicatie.historie_sha256,
        )
        if reden:
            return _breuk("briefpublicatie", publicatie, publicatie.bestandsnaam, reden)
    bijlagen = bijlagen_met_historie_hash(
        Briefbijlage.objects.filter(pdf__isnull=False)
        .only("pk", "titel", "pdf", "sha256")
        .order_by("pk")
    )
    for bijlage in bijlagen.iterator(chunk_size=20):
        reden = bestand_afwijking(
            inhoud=bytes(bijlage.pdf),
            sha256=bijlage.sha256,
            historie_sha256=bijlage.historie_sha256,
        )
        if reden:
            return _breuk("briefbijlage", bijlage, bijlage.titel, reden)
    return None
