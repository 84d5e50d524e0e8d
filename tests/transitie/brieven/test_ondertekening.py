"""The published letter signed (PAdES B-B, pyHanko): it verifies, a changed byte does not, and the
file stays PDF/A-2a and PDF/UA-1 as `pdf_structuur` left it."""

import asyncio
import hashlib
import io

import pikepdf
import pytest
from asn1crypto import x509
from cryptography.hazmat.primitives.serialization import Encoding, pkcs12
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

from tests.factories import (
    BriefpublicatieFactory,
    BriefsectieFactory,
    RaadsinformatiebriefFactory,
    UserFactory,
)
from transitie.brieven.models import Briefpublicatie
from transitie.brieven.ondertekening import VELDNAAM, pdf_sign, pdf_signature_check
from transitie.brieven.pdf import brief_render
from transitie.brieven.services import brief_publish
from transitie.constants import BriefStatus, SectieSoort


@pytest.fixture(scope="module")
def gerenderd() -> dict[str, bytes]:
    return {}


@pytest.fixture
def ongetekend(drechtsteden, gerenderd) -> bytes:
    """One council's rendered letter, before signing (rendered once for the module)."""
    if "pdf" not in gerenderd:
        letter = RaadsinformatiebriefFactory(titel="Doorontwikkeling samenwerking")
        for soort in SectieSoort:
            BriefsectieFactory(brief=letter, soort=soort, tekst=f"Tekst {soort.label}.")
        gerenderd["pdf"] = brief_render(brief=letter, gemeente=drechtsteden[1]).pdf
    return gerenderd["pdf"]


@pytest.fixture
def getekend(ongetekend, gerenderd) -> bytes:
    if "getekend" not in gerenderd:
        gerenderd["getekend"] = pdf_sign(ongetekend)
    return gerenderd["getekend"]


def certificaat(pad) -> x509.Certificate:
    _sleutel, cert, _ketting = pkcs12.load_key_and_certificates(
        pad.read_bytes(), b"test-wachtwoord"
    )
    return x509.Certificate.load(cert.public_bytes(Encoding.DER))


def test_the_signed_letter_verifies_with_pyhanko(getekend, ondertekencertificaat):
    reader = PdfFileReader(io.BytesIO(getekend))
    [handtekening] = reader.embedded_signatures

    status = validate_pdf_signature(
        handtekening,
        signer_validation_context=ValidationContext(
            trust_roots=[certificaat(ondertekencertificaat)], allow_fetching=False
        ),
    )

    assert status.intact and status.valid and status.trusted
    assert status.coverage == SignatureCoverageLevel.ENTIRE_FILE
    assert status.bottom_line
    assert handtekening.field_name == VELDNAAM
    # PAdES: a CAdES signature with the signing certificate among its signed attributes.
    assert handtekening.sig_object["/SubFilter"] == "/ETSI.CAdES.detached"
    attributen = {a["type"].native for a in handtekening.signer_info["signed_attrs"]}
    assert "signing_certificate_v2" in attributen


def test_the_check_names_the_signer_and_says_it_holds(getekend):
    handtekening = pdf_signature_check(getekend)

    assert handtekening.ondertekenaar == "Regieportaal Drechtsteden (test)"
    assert handtekening.intact and handtekening.geldig and handtekening.heel_bestand
    assert handtekening.klopt
    assert handtekening.ondertekend_op is not None


def test_one_changed_byte_in_the_signed_range_breaks_the_signature(getekend):
    # The binary comment on the file's second line: inside the signed range, and a byte no PDF
    # reader needs, so the file still opens and only the signature can tell.
    positie = getekend.index(b"\n") + 2
    gewijzigd = bytearray(getekend)
    gewijzigd[positie] ^= 0x01
    pikepdf.open(io.BytesIO(bytes(gewijzigd))).close()

    handtekening = pdf_signature_check(bytes(gewijzigd))

    assert not handtekening.intact
    assert not handtekening.klopt


def test_bytes_added_after_the_signature_are_not_covered(getekend):
    handtekening = pdf_signature_check(getekend + b"\n% nagekomen\n")

    assert handtekening.intact
    assert not handtekening.heel_bestand
    assert not handtekening.klopt


def test_an_unsigned_or_unreadable_file_has_no_signature(ongetekend):
    assert pdf_signature_check(ongetekend) is None
    assert pdf_signature_check(b"%PDF-1.7\n% geen echte PDF\n%%EOF\n") is None


def test_signing_keeps_the_pdf_a_and_pdf_ua_metadata(ongetekend, getekend):
    with (
        pikepdf.open(io.BytesIO(ongetekend)) as voor,
        pikepdf.open(io.BytesIO(getekend)) as na,
    ):
        assert na.Root.Metadata.read_bytes() == voor.Root.Metadata.read_bytes()
        assert dict(na.docinfo.items()) == dict(voor.docinfo.items())
        with na.open_metadata() as xmp:
            assert xmp["pdfaid:part"] == "2"
            assert xmp["pdfaid:conformance"] == "A"
            assert xmp["pdfuaid:part"] == "1"


def test_the_signature_field_is_invisible_printable_and_tagged(getekend):
    with pikepdf.open(io.BytesIO(getekend)) as pdf:
        [veld] = pdf.Root.AcroForm.Fields
        assert veld.FT == "/Sig" and str(veld.T) == VELDNAAM
        assert [float(x) for x in veld.Rect] == [0, 0, 0, 0]
        # PDF/A-2: Print set, Hidden and NoView not; PDF/UA-1: a described field in a Form tag.
        assert int(veld.F) & 4 and not int(veld.F) & (2 | 32)
        assert str(veld.TU)
        assert veld.objgen in {a.objgen for a in pdf.pages[0].Annots}
        assert pdf.pages[0].Tabs == "/S"
        eigenaar = dict(zip(*[iter(pdf.Root.StructTreeRoot.ParentTree.Nums)] * 2, strict=True))[
            int(veld.StructParent)
        ]
        assert eigenaar.S == "/Form"
        assert eigenaar.K.Obj.objgen == veld.objgen


def test_signing_works_where_an_event_loop_already_runs(ongetekend):
    """Playwright's sync API, for one, keeps a loop running in the test's thread."""

    async def binnen_een_lus():
        return pdf_sign(ongetekend)

    getekend = asyncio.run(binnen_een_lus())

    assert pdf_signature_check(getekend).klopt


def test_without_a_certificate_signing_refuses_in_dutch(ongetekend, settings, tmp_path):
    settings.ONDERTEKENING_PKCS12 = str(tmp_path / "bestaat-niet.p12")

    with pytest.raises(ValidationError, match="geen certificaat"):
        pdf_sign(ongetekend)


def test_a_wrong_passphrase_refuses_in_dutch(ongetekend, settings):
    settings.ONDERTEKENING_WACHTWOORD = "fout"

    with pytest.raises(ValidationError, match="niet te openen"):
        pdf_sign(ongetekend)


def tamper(publicatie, gewijzigd: bytes) -> None:
    """An insider changes the stored PDF and its hash by SQL (the portal never writes so)."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {connection.ops.quote_name(Briefpublicatie._meta.db_table)} "
            "SET pdf = %s, sha256 = %s WHERE id = %s",
            [gewijzigd, hashlib.sha256(gewijzigd).hexdigest(), publicatie.pk],
        )


def test_publishing_signs_every_councils_pdf_and_the_letter_page_says_so(drechtsteden):
    wethouder = UserFactory(wethouder=True, gemeente=drechtsteden[1])
    letter = RaadsinformatiebriefFactory(secties=True)

    publicaties = brief_publish(acting_user=wethouder, brief=letter)

    assert len(publicaties) == 7
    for publicatie in publicaties:
        pdf = bytes(publicatie.pdf)
        assert publicatie.sha256 == hashlib.sha256(pdf).hexdigest()
        assert pdf_signature_check(pdf).klopt
    client = Client()
    client.force_login(wethouder)
    url = reverse("brieven:detail", kwargs={"brief_id": letter.uuid})
    html = client.get(url).content.decode()
    assert html.count("Ondertekend door Regieportaal Drechtsteden (test)") == 7
    assert html.count("de handtekening is geldig") == 7

    # One changed byte in Papendrecht's signed range: that row, and only that one, says so.
    papendrecht = next(p for p in publicaties if p.gemeente.naam == "Papendrecht")
    gewijzigd = bytearray(papendrecht.pdf)
    gewijzigd[bytes(gewijzigd).index(b"\n") + 2] ^= 0x01
    tamper(papendrecht, bytes(gewijzigd))
    html = client.get(url).content.decode()
    assert html.count("de handtekening is geldig") == 6
    assert html.count("de handtekening is ongeldig") == 1
    assert "het bestand is na de ondertekening gewijzigd" in html


def test_the_letter_pages_queries_do_not_grow_with_its_signed_pdfs(
    drechtsteden, getekend, django_assert_max_num_queries
):
    lezer = Client()
    lezer.force_login(UserFactory(wethouder=True, gemeente=drechtsteden[1]))

    def pagina(aantal: int) -> str:
        letter = RaadsinformatiebriefFactory(gepubliceerd=True)
        for gemeente in drechtsteden[:aantal]:
            BriefpublicatieFactory(brief=letter, gemeente=gemeente, pdf=getekend)
        return reverse("brieven:detail", kwargs={"brief_id": letter.uuid})

    klein, groot = pagina(1), pagina(7)
    lezer.get(klein)
    with CaptureQueriesContext(connection) as een:
        assert lezer.get(klein).status_code == 200
    with django_assert_max_num_queries(len(een)):
        response = lezer.get(groot)
    assert response.content.decode().count("de handtekening is geldig") == 7


def test_without_a_certificate_nothing_is_published(drechtsteden, settings, tmp_path):
    settings.ONDERTEKENING_PKCS12 = str(tmp_path / "weg.p12")
    wethouder = UserFactory(wethouder=True, gemeente=drechtsteden[1])
    letter = RaadsinformatiebriefFactory(secties=True)

    with pytest.raises(ValidationError, match="niet worden ondertekend"):
        brief_publish(acting_user=wethouder, brief=letter)

    letter.refresh_from_db()
    assert letter.status == BriefStatus.CONCEPT
    assert not Briefpublicatie.objects.filter(brief=letter).exists()
