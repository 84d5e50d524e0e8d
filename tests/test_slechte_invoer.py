"""Bad input on every form of the portal: a Dutch error on the page, and nothing changed.

One row per form (URL, role, a valid payload); each attack replaces one field with empty, too
long, a control character, a far-off date, or a negative or huge amount. The valid payload is
itself tested to be accepted, so an attack is refused for its own value, not for a broken row.
To keep the file quick, each text field gets one control character, taken in turn from a set
that covers NUL, the other C0 and C1 controls, DEL and the bidi overrides and isolates (every
character is tested against the validator itself in tests/drechtsteden/test_formulieren.py).
"""

import copy
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from drechtsteden.meldingen.constants import MailKeuze, MeldingSoort
from drechtsteden.validators import TEKST_MAX, TOELICHTING_MAX
from tests.conftest import build_once_per_module
from tests.factories import BijdrageFactory, pdf_bytes
from tests.urltabel import Wereld, wereld_create
from transitie.brieven.forms import brief_initial
from transitie.constants import MijlpaalStatus
from transitie.financien.models import Begroting
from transitie.plan.models import Aanbeveling
from transitie.regiekamer.models import Regiekamer


def wereld_met_bijdrage_create() -> Wereld:
    """The world of every URL, with a contribution under its budget: without one the ceiling is
    nil and every new expenditure line is refused for breaking it (why its valid payload failed
    before)."""
    w = wereld_create()
    BijdrageFactory(begroting=Begroting.objects.get(), subsidie=True, bedrag="500000.00")
    return w


# Built once for the module; each test its own copy (see build_once_per_module). The tests and
# the rows take it as their parameter `w`.
w_van_de_module = build_once_per_module(wereld_met_bijdrage_create)


@pytest.fixture
def w(w_van_de_module, db) -> Wereld:
    return copy.deepcopy(w_van_de_module)


TE_LANG = {"toelichting": TOELICHTING_MAX + 1, "tekst": TEKST_MAX + 1}
VERRE_DATA = ("0001-01-01", "9999-12-31")


@dataclass(frozen=True)
class Formulier:
    url: Callable[[Wereld], str]
    rol: str
    geldig: Callable[[Wereld], dict[str, Any]]
    verplicht: tuple[str, ...] = ()
    # field -> "toelichting" or "tekst" (its maximum length) or a number of characters
    teksten: dict[str, str | int] = field(default_factory=dict)
    datums: tuple[str, ...] = ()
    bedragen: tuple[str, ...] = ()  # may not be negative
    grote_bedragen: tuple[str, ...] = ()  # may be negative, but not beyond the money column
    bestanden: Callable[[], dict[str, Any]] | None = None  # uploaded files, made per request
    fout_status: int = 200  # the status of the page that shows the form with its error
    context_naam: str = "form"  # the form's name in the template context


def _jaar(w: Wereld) -> int:
    return Begroting.objects.get().jaar


def _mijlpaal(w: Wereld) -> dict[str, Any]:
    return {
        "titel": "Samenwerkingsovereenkomst herzien",
        "aanbeveling": Aanbeveling.objects.first().pk,
        "eigenaar": f"regiekamer-{Regiekamer.objects.first().pk}",
        "deadline": "2025-03-01",
        "reden_na_plandeadline": "",
        "status": MijlpaalStatus.GEPLAND,
        "reden": "",
    }


def _beoordeling(w: Wereld) -> dict[str, Any]:
    return {
        "versie": str(w.activiteit.beoordelingen.get().versie),
        "score_lokaal": "4",
        "score_regionaal": "3",
        "score_organisatie": "4",
        "prioriteit": "hoog",
        "onderbouwing": "Draagt bij aan de regionale arbeidsmarkt.",
        "voorstel": "doorzetten",
        "bedrag_2025": "1000",
    }


def _brief(w: Wereld) -> dict[str, Any]:
    return {
        "titel": "Stand van de transitie",
        "onderwerp": "Voortgang",
        "datum": "2025-03-12",
        "sectie_inleiding": "Inleiding.",
    }


def _brief_bewerken(w: Wereld) -> dict[str, Any]:
    data = {k: v for k, v in brief_initial(w.concept_brief).items() if v not in (None, False)}
    return {**data, "titel": "Stand van de transitie, herzien", "datum": "2025-03-12"}


def _toezegging(w: Wereld) -> dict[str, Any]:
    # Not before the letter's own date (which is today in the world).
    return {
        "tekst": "Voor de zomer volgt het uitvoeringsprogramma.",
        "brief": w.publicatie.brief.pk,
        "gemeente": "",
        "verwacht_op": "2099-06-01",
    }


def _afdoen(w: Wereld) -> dict[str, Any]:
    # Not before the letter that made it (dated today) and not in the future: today.
    return {
        "afdoening": "Het uitvoeringsprogramma is verstuurd.",
        "afgedaan_op": timezone.localdate().isoformat(),
    }


FORMULIEREN: dict[str, Formulier] = {
    "beoordeling": Formulier(
        lambda w: reverse(
            "thema:beoordelen", kwargs={"slug": w.thema.slug, "activiteit": w.activiteit.slug}
        ),
        "teamlid",
        _beoordeling,
        verplicht=("onderbouwing",),
        teksten={"onderbouwing": "tekst"},
        grote_bedragen=("bedrag_2025",),
    ),
    "advies": Formulier(
        lambda w: reverse("regiekamer:advies", kwargs={"pk": w.ingediend.pk}),
        "regisseur",
        lambda w: {"oordeel": "positief", "toelichting": "Goed.", "vervolg": "agenderen"},
        verplicht=("toelichting", "oordeel"),
        teksten={"toelichting": "toelichting", "reden_terugverwijzing": "toelichting"},
    ),
    "stem": Formulier(
        lambda w: reverse("regiekamer:stem", kwargs={"pk": w.geadviseerd.pk}),
        "wethouder",
        lambda w: {"keuze": "onthouden", "toelichting": "Eerst de raad horen."},
        verplicht=("keuze",),
        teksten={"toelichting": "toelichting"},
    ),
    "mijlpaal": Formulier(
        lambda w: reverse("plan:mijlpaal_nieuw"),
        "regisseur",
        _mijlpaal,
        verplicht=("titel", "deadline"),
        teksten={"titel": 300, "reden_na_plandeadline": "toelichting", "reden": 100},
        datums=("deadline",),
    ),
    "aftekenen": Formulier(
        lambda w: reverse("plan:mijlpaal_aftekenen", kwargs={"pk": w.mijlpaal.pk}),
        "wethouder",
        lambda w: {"gereed_op": "2025-06-01", "reden": "Afgetekend in de regiekamer."},
        verplicht=("gereed_op", "reden"),
        teksten={"reden": 100},
        datums=("gereed_op",),
    ),
    "bijdrage": Formulier(
        lambda w: reverse("financien:bijdrage_nieuw", kwargs={"jaar": _jaar(w)}),
        "regisseur",
        lambda w: {
            "omschrijving": "Subsidie provincie",
            "bron": "subsidie",
            "bedrag": "2500",
            "status": "verwacht",
        },
        verplicht=("omschrijving", "bedrag"),
        teksten={"omschrijving": 300},
        bedragen=("bedrag",),
    ),
    "kaderwijziging": Formulier(
        lambda w: reverse("financien:kaderwijziging_nieuw"),
        "regisseur",
        lambda w: {"titel": "Kader 2026", "omschrijving": "Nieuw kader.", "datum": "2025-02-01"},
        verplicht=("titel", "datum"),
        teksten={"titel": 300, "omschrijving": "tekst"},
        datums=("datum",),
        grote_bedragen=("bedrag",),
    ),
    "raadsbesluit": Formulier(
        lambda w: reverse(
            "financien:raadsbesluit",
            kwargs={"pk": w.kaderwijziging.pk, "gemeente": w.dordrecht.slug},
        ),
        "regisseur",
        lambda w: {"status": "vastgesteld", "datum": "2025-03-01", "toelichting": "Unaniem."},
        verplicht=("status", "datum"),
        teksten={"toelichting": "toelichting"},
        datums=("datum",),
    ),
    "begrotingspost": Formulier(
        lambda w: reverse("financien:post_nieuw", kwargs={"jaar": _jaar(w)}),
        "regisseur",
        lambda w: {"omschrijving": "Netwerkregie", "soort": "uitgave", "bedrag": "2500"},
        verplicht=("omschrijving", "bedrag"),
        teksten={"omschrijving": 300, "reden": 100},
        bedragen=("bedrag",),
    ),
    "toezegging": Formulier(
        lambda w: reverse("brieven:toezegging_nieuw"),
        "regisseur",
        _toezegging,
        verplicht=("tekst", "brief", "verwacht_op"),
        teksten={"tekst": "toelichting"},
        datums=("verwacht_op",),
    ),
    "afdoen": Formulier(
        lambda w: reverse("brieven:toezegging_afdoen", kwargs={"pk": w.toezegging.pk}),
        "regisseur",
        _afdoen,
        verplicht=("afdoening", "afgedaan_op"),
        teksten={"afdoening": "toelichting"},
        datums=("afgedaan_op",),
    ),
    "brief_bewerken": Formulier(
        lambda w: reverse("brieven:bewerken", kwargs={"brief_id": w.concept_brief.uuid}),
        "regisseur",
        _brief_bewerken,
        verplicht=("titel", "onderwerp"),
        teksten={
            "titel": 300,
            "onderwerp": 300,
            "afzender": 300,
            "kenmerk": 100,
            "contactpersoon_naam": 200,
            "contactpersoon_telefoon": 40,
            "ondertekening": "toelichting",
            "sectie_inleiding": "tekst",
            "sectie_kernboodschap": "tekst",
            "sectie_consequenties": "tekst",
            "sectie_vervolg": "tekst",
            "sectie_bijlagen": "tekst",
        },
        datums=("datum",),
    ),
    "bijlage": Formulier(
        lambda w: reverse("brieven:bijlage_toevoegen", kwargs={"brief_id": w.concept_brief.uuid}),
        "regisseur",
        lambda w: {"titel": "Jaarverantwoording Groeiagenda 2023"},
        verplicht=("titel",),
        teksten={"titel": 300},
        bestanden=lambda: {
            "bestand": SimpleUploadedFile("jaarverantwoording.pdf", pdf_bytes(), "application/pdf")
        },
        fout_status=400,
        context_naam="bijlage_form",
    ),
    "meldingvoorkeuren": Formulier(
        lambda w: reverse("meldingen:voorkeuren"),
        "wethouder",
        lambda w: dict.fromkeys(MeldingSoort.values, MailKeuze.values[-1]),
        verplicht=tuple(MeldingSoort.values),
    ),
    "brief": Formulier(
        lambda w: reverse("brieven:nieuw"),
        "regisseur",
        _brief,
        # The date may stay empty in a draft; publishing asks for it (brief_missing).
        verplicht=("titel", "onderwerp"),
        teksten={"titel": 300, "onderwerp": 300, "sectie_inleiding": "tekst"},
        datums=("datum",),
    ),
}


# NUL, escape, DEL, a C1 control (NEL), a right-to-left override, a left-to-right isolate.
STUURTEKENS = ("\x00", "\x1b", "\x7f", "\x85", "\u202e", "\u2066")


def _aanvallen() -> list[tuple[str, str, str, str]]:
    """(form, field, kind of attack, value) for every attack on every form."""
    rijen = []
    teller = 0
    for naam, f in FORMULIEREN.items():
        rijen += [(naam, veld, "leeg", "") for veld in f.verplicht]
        for veld, lengte in f.teksten.items():
            aantal = TE_LANG[lengte] if isinstance(lengte, str) else lengte + 1
            rijen.append((naam, veld, "te lang", "x" * aantal))
            teken = STUURTEKENS[teller % len(STUURTEKENS)]
            teller += 1
            rijen.append((naam, veld, "stuurteken", f"Stem{teken}voor"))
        rijen += [(naam, veld, "verre datum", d) for veld in f.datums for d in VERRE_DATA]
        rijen += [(naam, veld, "negatief", "-1") for veld in f.bedragen]
        rijen += [
            (naam, veld, "enorm", "99999999999999999999")
            for veld in (*f.bedragen, *f.grote_bedragen)
        ]
    return rijen


# The Dutch words of each kind's error (Django's Dutch translation or the portal's own).
VERWACHT = {
    "leeg": ("verplicht", "Kies", "Schrijf", "Geef"),
    "te lang": ("niet meer dan",),
    "stuurteken": ("Null-tekens", "onzichtbaar stuurteken"),
    "verre datum": ("Kies een datum tussen",),
    "negatief": ("negatief", "groter dan of gelijk aan"),
    "enorm": ("cijfers", "te groot", "kleiner dan of gelijk aan"),
}
ENGELS = ("This field", "Ensure this", "Enter a", "Null characters", "Select a valid")


def _historie() -> int:
    """Every history row of the portal: each change to domain data writes one."""
    return sum(
        model.objects.count()
        for model in apps.get_models()
        if model.__name__.startswith("Historical")
    )


def _client(w: Wereld, rol: str) -> Client:
    client = Client()
    client.force_login(w.gebruikers[rol])
    return client


def _data(f: Formulier, data: dict[str, Any]) -> dict[str, Any]:
    return {**data, **f.bestanden()} if f.bestanden else data


@pytest.mark.django_db
@pytest.mark.parametrize("naam", sorted(FORMULIEREN))
def test_the_valid_payload_of_each_form_is_accepted(w, naam):
    f = FORMULIEREN[naam]
    voor = _historie()
    response = _client(w, f.rol).post(f.url(w), _data(f, f.geldig(w)))
    assert response.status_code == 302, response.content.decode()[:2000]
    assert _historie() > voor


@pytest.mark.django_db
@pytest.mark.parametrize(("naam", "veld", "soort", "waarde"), _aanvallen())
def test_bad_input_gets_a_dutch_error_and_changes_nothing(w, naam, veld, soort, waarde):
    f = FORMULIEREN[naam]
    data = _data(f, {**f.geldig(w), veld: waarde})
    voor = _historie()
    response = _client(w, f.rol).post(f.url(w), data, follow=True)
    assert response.status_code == (200 if response.redirect_chain else f.fout_status)
    html = response.content.decode()
    assert _historie() == voor, f"{naam}.{veld} ({soort}) changed the database"
    assert any(woord in html for woord in VERWACHT[soort]), (
        f"{naam}.{veld} ({soort}): no Dutch error on the page"
    )
    assert not any(woord in html for woord in ENGELS)
    if not response.redirect_chain:
        # The form is shown again with its error.
        assert response.context[f.context_naam].errors
