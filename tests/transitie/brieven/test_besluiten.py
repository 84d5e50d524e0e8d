"""The letter's block "Besluiten per thema": selector, preview, PDF and the frozen open data."""

import datetime
import io
import json
import logging

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from tests.factories import (
    ActiviteitFactory,
    BesluitFactory,
    BriefsectieFactory,
    PartnerFactory,
    RaadsinformatiebriefFactory,
    ThemaFactory,
    UserFactory,
    besluit_met_stemmen,
)
from thema.constants import Coalitievorm
from transitie.brieven.pdf import brief_render
from transitie.brieven.services import brief_publish
from transitie.constants import SectieSoort, StemKeuze
from transitie.regiekamer.selectors import besluiten_per_thema

KOP = "Nieuwe coalitie"
COALITIE = "Kleiner: Dordrecht, Papendrecht; partners: Hogeschool Rotterdam"


@pytest.fixture(autouse=True)
def no_weasyprint_errors(caplog):
    caplog.set_level(logging.WARNING, logger="weasyprint")
    yield
    errors = [r for r in caplog.records if r.name.startswith("weasyprint") and r.levelno >= 40]
    assert not errors, [r.getMessage() for r in errors]


def brief(**kwargs):
    letter = RaadsinformatiebriefFactory(titel="Stand van de transitie", **kwargs)
    for soort in SectieSoort:
        BriefsectieFactory(brief=letter, soort=soort, tekst=f"Tekst {soort.label}.")
    return letter


@pytest.fixture
def besluiten(drechtsteden):
    """Three decisions in two themes: regrouped, stopped, and a rejected proposal."""
    alblasserdam, dordrecht, papendrecht = drechtsteden[0], drechtsteden[1], drechtsteden[4]
    economie, wonen = ThemaFactory(naam="Economie"), ThemaFactory(naam="Wonen")
    return {
        "hergroepeerd": besluit_met_stemmen(
            {dordrecht: StemKeuze.INSTEMMEN, papendrecht: StemKeuze.INSTEMMEN},
            activiteit=ActiviteitFactory(thema=economie, naam="Acquisitie"),
            hergroeperen=True,
            coalitievorm=Coalitievorm.KLEINER,
            voorgestelde_gemeenten=[papendrecht, dordrecht],
            voorgestelde_partners=[PartnerFactory(naam="Hogeschool Rotterdam")],
        ),
        "gestopt": besluit_met_stemmen(
            {dordrecht: StemKeuze.INSTEMMEN},
            activiteit=ActiviteitFactory(thema=economie, naam="Beursbezoek"),
            stoppen=True,
        ),
        "verworpen": besluit_met_stemmen(
            {dordrecht: StemKeuze.TEGEN, alblasserdam: StemKeuze.INSTEMMEN},
            verworpen=True,
            activiteit=ActiviteitFactory(thema=wonen, naam="Woningbouwtafel"),
            stoppen=True,
        ),
    }


def test_selector_groups_decisions_per_theme_with_outcome_coalition_and_own_vote(
    drechtsteden, besluiten
):
    per_thema = besluiten_per_thema(tot_en_met=timezone.localdate(), gemeente=drechtsteden[1])

    assert [t.thema for t in per_thema] == ["Economie", "Wonen"]
    acquisitie, beurs = per_thema[0].besluiten
    assert acquisitie.activiteit == "Acquisitie"
    assert acquisitie.uitkomst == "Aangenomen"
    assert acquisitie.nieuwe_coalitie == COALITIE
    assert acquisitie.stem_gemeente == "Instemmen"
    assert beurs.nieuwe_coalitie == "Geen: de activiteit stopt"
    (woningbouw,) = per_thema[1].besluiten
    assert woningbouw.uitkomst == "Verworpen"
    assert woningbouw.nieuwe_coalitie == "Ongewijzigd"
    assert woningbouw.stem_gemeente == "Tegen"


def test_selector_gives_each_council_its_own_vote(drechtsteden, besluiten):
    per_thema = besluiten_per_thema(tot_en_met=timezone.localdate(), gemeente=drechtsteden[0])

    stemmen = [b.stem_gemeente for t in per_thema for b in t.besluiten]
    assert stemmen == ["geen stem", "geen stem", "Instemmen"]


def test_selector_leaves_out_decisions_after_the_letters_date(drechtsteden, besluiten):
    BesluitFactory(
        beoordeling__activiteit=ActiviteitFactory(thema=ThemaFactory(naam="Later")),
        besloten_op=timezone.now() + datetime.timedelta(days=3),
    )

    per_thema = besluiten_per_thema(tot_en_met=timezone.localdate(), gemeente=drechtsteden[1])

    assert [t.thema for t in per_thema] == ["Economie", "Wonen"]


def maak_besluiten(aantal: int, gemeenten) -> None:
    themas = [ThemaFactory() for _ in range(3)]
    partner = PartnerFactory()
    for n in range(aantal):
        besluit_met_stemmen(
            {gemeenten[1]: StemKeuze.INSTEMMEN},
            activiteit=ActiviteitFactory(thema=themas[n % 3]),
            hergroeperen=True,
            voorgestelde_gemeenten=gemeenten[: 2 + n % 5],
            voorgestelde_partners=[partner],
        )


@pytest.mark.parametrize("aantal", [10, 100])
def test_selector_takes_four_queries_whatever_the_number_of_decisions(
    drechtsteden, django_assert_num_queries, aantal
):
    maak_besluiten(aantal, drechtsteden)

    with django_assert_num_queries(4):
        per_thema = besluiten_per_thema(tot_en_met=timezone.localdate(), gemeente=drechtsteden[1])

    assert sum(len(t.besluiten) for t in per_thema) == aantal


def pdf_pages(pdf: bytes) -> list[str]:
    """Each page's text, lines joined: a table cell may wrap ("Nieuwe" / "coalitie")."""
    return [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages]


def test_pdf_shows_the_block_as_a_table_per_theme(drechtsteden, besluiten):
    letter = brief(blok_besluiten=True)

    rendered = brief_render(brief=letter, gemeente=drechtsteden[1])

    tekst = " ".join(" ".join(pdf_pages(rendered.pdf)).split())  # a cell's lines run on
    assert "Besluiten per thema" in tekst
    assert "Besluiten over de activiteiten van het thema Economie" in tekst
    assert "Besluiten over de activiteiten van het thema Wonen" in tekst
    assert "Stem Dordrecht" in tekst
    assert "Acquisitie Hergroeperen in een andere coalitie Aangenomen" in tekst
    assert COALITIE in tekst
    assert "Woningbouwtafel" in tekst
    assert '<th scope="col">Nieuwe coalitie</th>' in rendered.html
    assert '<th scope="row">Acquisitie</th>' in rendered.html


def test_pdf_without_the_block_has_no_decisions(drechtsteden, besluiten):
    rendered = brief_render(brief=brief(), gemeente=drechtsteden[1])

    assert "Acquisitie" not in "\n".join(pdf_pages(rendered.pdf))
    assert rendered.blokken.as_dict()["besluiten"] is None


def test_a_long_decision_table_repeats_its_header_row_on_every_page(drechtsteden):
    maak_besluiten(120, drechtsteden)
    letter = brief(blok_besluiten=True)

    pages = pdf_pages(brief_render(brief=letter, gemeente=drechtsteden[1]).pdf)

    met_besluiten = [p for p in pages if "Activiteit " in p]
    assert len(met_besluiten) >= 3
    assert all(KOP in p for p in met_besluiten), [p[:200] for p in met_besluiten]


def test_preview_shows_the_block_from_the_same_template(drechtsteden, besluiten):
    letter = brief(blok_besluiten=True)
    client = Client()
    client.force_login(UserFactory(ambtenaar=True, gemeente=drechtsteden[1]))

    response = client.get(
        reverse("brieven:voorbeeld", kwargs={"brief_id": letter.uuid, "gemeente": "dordrecht"})
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="blok-besluiten"' in html
    assert '<a href="#blok-besluiten">Besluiten per thema</a>' in html
    assert COALITIE in html


def test_publication_freezes_the_decisions_in_its_open_data(drechtsteden, besluiten):
    letter = brief(blok_besluiten=True)
    wethouder = UserFactory(wethouder=True, gemeente=drechtsteden[1])

    publicaties = brief_publish(acting_user=wethouder, brief=letter)
    besluiten["gestopt"].beoordeling.activiteit.naam = "Later hernoemd"
    besluiten["gestopt"].beoordeling.activiteit.save()

    dordrecht = next(p for p in publicaties if p.gemeente.naam == "Dordrecht")
    dordrecht.refresh_from_db()
    data = json.loads(dordrecht.open_data_json)
    rijen = data["blokken"]["besluiten"]
    assert [r["activiteit"] for r in rijen] == ["Acquisitie", "Beursbezoek", "Woningbouwtafel"]
    assert rijen[2] == {
        "thema": "Wonen",
        "activiteit": "Woningbouwtafel",
        "voorstel": "Stoppen",
        "uitkomst": "Verworpen",
        "nieuwe_coalitie": "Ongewijzigd",
        "stem_gemeente": StemKeuze.TEGEN.label,
        "besloten_op": timezone.localdate(besluiten["verworpen"].besloten_op).isoformat(),
    }
    regels = dordrecht.open_data_csv.splitlines()
    assert regels[0] == (
        "blok,thema,activiteit,voorstel,uitkomst,nieuwe_coalitie,stem_gemeente,besloten_op,"
        "peildatum,begrotingsjaar,valuta"
    )
    assert regels[1].startswith("besluiten,Economie,Acquisitie,")
    assert "Later hernoemd" not in dordrecht.open_data_csv
    assert "Beursbezoek" in "\n".join(pdf_pages(bytes(dordrecht.pdf)))
