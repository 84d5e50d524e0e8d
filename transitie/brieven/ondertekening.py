"""Signing a published letter (PAdES B-B with pyHanko) and checking a letter's signature.

The certificate comes from configuration (`ONDERTEKENING_PKCS12`, `ONDERTEKENING_WACHTWOORD`); with
DEBUG on `manage.py maak_democertificaat` makes a self-signed demo certificate. The signature is an
invisible signature field, tagged as a Form element so the file stays PDF/UA-1, written as an
incremental update that leaves the PDF/A and PDF/UA metadata of `pdf_structuur` as it is.
"""

import asyncio
import datetime
import io
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pikepdf
from asn1crypto import x509
from cryptography import x509 as c_x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from pikepdf import Array, Dictionary, Name
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields, signers
from pyhanko.sign.validation import async_validate_pdf_signature
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

from drechtsteden.checks import DEMO_CERTIFICAAT_NAAM, DEMO_ONDERTEKENING_WACHTWOORD

VELDNAAM = "Ondertekening"
VELD_OMSCHRIJVING = "Digitale ondertekening van deze raadsinformatiebrief (PAdES)"


class BehoudMetadataWriter(IncrementalPdfFileWriter):
    """pyHanko's incremental writer without its metadata update.

    pyHanko rewrites the XMP packet and the document information on every incremental save (a new
    ModDate and Producer, the XMP reserialised as one description). Our XMP carries the PDF/A-2a
    identification, the pdfuaid claim and the PDF/A extension schema that declares it
    (`pdf_structuur.pdfua_identification`); left untouched, XMP and document information stay in
    step as PDF/A asks, and the signing time is in the signature itself.
    """

    def _update_meta(self):
        return None


@dataclass(frozen=True)
class Handtekening:
    """What a letter's signature says: who signed, when, and whether it still holds."""

    ondertekenaar: str
    ondertekend_op: datetime.datetime | None
    intact: bool  # the signed bytes hash to the digest in the signature
    geldig: bool  # the signature over that digest verifies with the certificate in it
    heel_bestand: bool  # nothing was appended after the signature

    @property
    def klopt(self) -> bool:
        return self.intact and self.geldig and self.heel_bestand


def _run(coro):
    """pyHanko's work is async; run it here, also where an event loop already runs in this
    thread (then `asyncio.run` refuses, so it runs in a thread of its own)."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coro)
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coro).result()


def _signer() -> signers.SimpleSigner:
    pad = settings.ONDERTEKENING_PKCS12
    if not pad or not Path(pad).is_file():
        raise ValidationError(
            _(
                "De brief kan niet worden ondertekend: er is geen certificaat ingesteld "
                "(DJANGO_ONDERTEKENING_PKCS12)."
            ),
            code="geen_certificaat",
        )
    wachtwoord = settings.ONDERTEKENING_WACHTWOORD
    signer = signers.SimpleSigner.load_pkcs12(
        pad, passphrase=wachtwoord.encode() if wachtwoord else None
    )
    if signer is None:
        raise ValidationError(
            _(
                "De brief kan niet worden ondertekend: het certificaat is niet te openen "
                "(klopt het wachtwoord?)."
            ),
            code="certificaat_onleesbaar",
        )
    return signer


def _top_element(pdf: pikepdf.Pdf):
    """The element the document's content hangs under (WeasyPrint's Document, or ours: Part)."""
    root = pdf.Root.StructTreeRoot
    kids = root.K if isinstance(root.K, Array) else [root.K]
    return kids[0]


def _add_signature_field(pdf_bytes: bytes) -> bytes:
    """An empty, invisible signature field on page 1, in the AcroForm and in the tag tree.

    PDF/A-2 wants every annotation printable (flag Print) and allows no Hidden flag, and an
    annotation with a zero-size rectangle needs no appearance; PDF/UA-1 wants a widget inside a
    Form structure element with a description (TU), and a tab order on the page.
    """
    with pikepdf.open(io.BytesIO(pdf_bytes)) as pdf:
        pagina = pdf.pages[0].obj
        tree = pdf.Root.StructTreeRoot
        sleutel = int(tree.get("/ParentTreeNextKey", 0))
        nums = tree.ParentTree.Nums
        for index in range(0, len(nums), 2):
            sleutel = max(sleutel, int(nums[index]) + 1)
        veld = pdf.make_indirect(
            Dictionary(
                Type=Name.Annot,
                Subtype=Name.Widget,
                FT=Name.Sig,
                T=pikepdf.String(VELDNAAM),
                TU=pikepdf.String(VELD_OMSCHRIJVING),
                Contents=pikepdf.String(VELD_OMSCHRIJVING),
                Rect=Array([0, 0, 0, 0]),
                F=4 | 128,  # Print, Locked
                P=pagina,
                StructParent=sleutel,
            )
        )
        boven = _top_element(pdf)
        formulier = pdf.make_indirect(
            Dictionary(
                Type=Name.StructElem,
                S=Name.Form,
                P=boven,
                Alt=pikepdf.String(VELD_OMSCHRIJVING),
                K=Dictionary(Type=Name.OBJR, Obj=veld, Pg=pagina),
            )
        )
        kids = boven.get("/K")
        if kids is None:
            boven.K = Array([formulier])
        elif isinstance(kids, Array):
            kids.append(formulier)
        else:
            boven.K = Array([kids, formulier])
        nums.append(sleutel)
        nums.append(formulier)
        tree.ParentTreeNextKey = sleutel + 1
        if "/Annots" in pagina:
            pagina.Annots.append(veld)
        else:
            pagina.Annots = Array([veld])
        pagina.Tabs = Name.S
        pdf.Root.AcroForm = Dictionary(Fields=Array([veld]), SigFlags=3)
        uit = io.BytesIO()
        pdf.save(uit, deterministic_id=False)
        return uit.getvalue()


def pdf_sign(pdf: bytes) -> bytes:
    """The letter signed (PAdES B-B) with the configured certificate, as an incremental update."""
    signer = _signer()
    writer = BehoudMetadataWriter(io.BytesIO(_add_signature_field(pdf)))
    meta = signers.PdfSignatureMetadata(
        field_name=VELDNAAM,
        subfilter=fields.SigSeedSubFilter.PADES,
        md_algorithm="sha256",
    )
    uit = io.BytesIO()
    _run(signers.PdfSigner(meta, signer=signer).async_sign_pdf(writer, output=uit))
    return uit.getvalue()


def _common_name(cert: x509.Certificate) -> str:
    namen = cert.subject.native
    return namen.get("common_name") or namen.get("organization_name") or cert.subject.human_friendly


def pdf_signature_check(pdf: bytes) -> Handtekening | None:
    """The letter's signature checked with pyHanko; None when the file carries no signature.

    Checks the signature itself (digest and cryptography) and that it covers the whole file. Who
    the signer is, is the name in the certificate the signature carries; whether that certificate
    is to be trusted is the reader's question, not this check's (a demo certificate signs itself).
    """
    try:
        reader = PdfFileReader(io.BytesIO(pdf), strict=False)
        handtekeningen = reader.embedded_signatures
    except Exception:  # noqa: BLE001 - any unreadable file has no signature that holds
        return None
    if not handtekeningen:
        return None
    handtekening = handtekeningen[0]
    context = ValidationContext(
        trust_roots=[handtekening.signer_cert], allow_fetching=False, revocation_mode="soft-fail"
    )
    try:
        status = _run(
            async_validate_pdf_signature(
                handtekening, signer_validation_context=context, skip_diff=True
            )
        )
    except Exception:  # noqa: BLE001 - a signature pyHanko cannot even evaluate does not hold
        return Handtekening(
            ondertekenaar=_common_name(handtekening.signer_cert),
            ondertekend_op=None,
            intact=False,
            geldig=False,
            heel_bestand=False,
        )
    return Handtekening(
        ondertekenaar=_common_name(status.signing_cert),
        ondertekend_op=status.signer_reported_dt,
        intact=status.intact,
        geldig=status.valid,
        heel_bestand=status.coverage == SignatureCoverageLevel.ENTIRE_FILE,
    )


def certificaat_maak(
    pad: Path,
    *,
    wachtwoord: str = DEMO_ONDERTEKENING_WACHTWOORD,
    naam: str = DEMO_CERTIFICAAT_NAAM,
) -> Path:
    """A self-signed EC P-256 certificate with its key as PKCS#12, for the demo and the tests.

    The demo's name says it is the demo portal's, so nobody takes a demo signature for a real one
    (and `check --deploy` warns when production signs with it).
    """
    sleutel = ec.generate_private_key(ec.SECP256R1())
    naam = c_x509.Name(
        [
            c_x509.NameAttribute(NameOID.COMMON_NAME, naam),
            c_x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Regieportaal Drechtsteden"),
            c_x509.NameAttribute(NameOID.COUNTRY_NAME, "NL"),
        ]
    )
    nu = datetime.datetime.now(datetime.UTC)
    certificaat = (
        c_x509.CertificateBuilder()
        .subject_name(naam)
        .issuer_name(naam)
        .public_key(sleutel.public_key())
        .serial_number(c_x509.random_serial_number())
        .not_valid_before(nu - datetime.timedelta(days=1))
        .not_valid_after(nu + datetime.timedelta(days=3 * 365))
        .add_extension(c_x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            c_x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .sign(sleutel, hashes.SHA256())
    )
    inhoud = pkcs12.serialize_key_and_certificates(
        name=b"ondertekening",
        key=sleutel,
        cert=certificaat,
        cas=None,
        encryption_algorithm=serialization.BestAvailableEncryption(wachtwoord.encode()),
    )
    pad.parent.mkdir(parents=True, exist_ok=True)
    pad.write_bytes(inhoud)
    pad.chmod(0o600)
    return pad
