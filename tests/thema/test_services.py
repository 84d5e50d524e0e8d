"""The review's services: who may write, what is saved, what history is left."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from tests import regiewereld
from tests.factories import (
    ActiviteitFactory,
    BeoordelingFactory,
    DeelnameFactory,
    FinancieleConsequentieFactory,
    GemeenteFactory,
    PartnerFactory,
)
from thema.constants import (
    BEOORDELING_VELDEN,
    BeoordelingStatus,
    Coalitievorm,
    Prioriteit,
    Voorstel,
)
from thema.forms import BeoordelingForm, beoordeling_initial
from thema.models import Beoordeling, FinancieleConsequentie, Teamlid
from thema.selectors import (
    access_activiteit,
    access_open_beoordeling,
    beoordeling_versies,
    is_teamlid,
    open_beoordeling,
    require_themateam,
    zichtbare_beoordelingen,
)
from thema.services import (
    ActiviteitGestopt,
    BeoordelingConflict,
    BeoordelingInvoer,
    Ontbrekend,
    beoordeling_ontbrekend,
    beoordeling_save,
    beoordeling_submit,
)
from thema.workflow import Actor

pytestmark = pytest.mark.django_db
rk = regiewereld.rk


def invoer(**velden) -> BeoordelingInvoer:
    basis = {
        "onderbouwing": "Draagt bij aan de regionale arbeidsmarkt.",
        "score_lokaal": 4,
        "score_regionaal": 3,
        "score_organisatie": 4,
        "prioriteit": Prioriteit.HOOG,
        "voorstel": Voorstel.DOORZETTEN,
    }
    return BeoordelingInvoer(**{**basis, **velden})


def test_team_member_starts_a_review_with_one_history_row(rk):
    kleiner = invoer(
        voorstel=Voorstel.HERGROEPEREN,
        coalitievorm=Coalitievorm.KLEINER,
        voorgestelde_gemeenten=frozenset([rk.gemeente("Dordrecht"), rk.gemeente("Zwijndrecht")]),
        bedragen={2025: Decimal("-12500.00")},
    )
    beoordeling = beoordeling_save(
        activiteit=rk.activiteit, versie=None, invoer=kleiner, acting_user=rk.teamlid
    )

    assert beoordeling.ronde == 1
    assert beoordeling.versie == 1
    assert beoordeling.status == BeoordelingStatus.CONCEPT
    assert {g.naam for g in beoordeling.voorgestelde_gemeenten.all()} == {
        "Dordrecht",
        "Zwijndrecht",
    }
    rows = list(beoordeling.history.all())
    assert len(rows) == 1
    assert rows[0].history_user == rk.teamlid
    # The one row holds the coalition as it was saved.
    assert rows[0].voorgestelde_gemeenten.count() == 2
    consequentie = FinancieleConsequentie.objects.get(beoordeling=beoordeling)
    assert consequentie.bedrag == Decimal("-12500.00")
    assert consequentie.history.get().history_user == rk.teamlid


def test_saving_without_a_change_writes_nothing(rk):
    beoordeling = beoordeling_save(
        activiteit=rk.activiteit, versie=None, invoer=invoer(), acting_user=rk.teamlid
    )
    opnieuw = beoordeling_save(
        activiteit=rk.activiteit, versie=1, invoer=invoer(), acting_user=rk.teamlid
    )
    assert opnieuw.versie == 1
    assert beoordeling.history.count() == 1


def test_each_change_bumps_the_version_and_leaves_one_row_by_its_author(rk):
    beoordeling_save(activiteit=rk.activiteit, versie=None, invoer=invoer(), acting_user=rk.teamlid)
    beoordeling = beoordeling_save(
        activiteit=rk.activiteit,
        versie=1,
        invoer=invoer(score_lokaal=2, bedragen={2026: Decimal("5000")}),
        acting_user=rk.collega,
    )
    assert beoordeling.versie == 2
    rows = list(beoordeling.history.order_by("history_date"))
    assert [r.history_user for r in rows] == [rk.teamlid, rk.collega]
    assert [r.versie for r in rows] == [1, 2]


@pytest.mark.parametrize(
    "wie", ["buitenstaander", "regisseur", "wethouder", "raadslid", "beheerder"]
)
def test_only_the_theme_team_writes_a_review(rk, wie):
    with pytest.raises(PermissionDenied):
        beoordeling_save(
            activiteit=rk.activiteit,
            versie=None,
            invoer=invoer(),
            acting_user=rk.gebruiker(wie),
        )
    assert not Beoordeling.objects.exists()


def test_fields_of_another_proposal_are_ignored(rk):
    beoordeling = beoordeling_save(
        activiteit=rk.activiteit,
        versie=None,
        invoer=invoer(
            voorstel=Voorstel.DOORZETTEN,
            coalitievorm=Coalitievorm.GROTER,
            voorgestelde_gemeenten=frozenset([rk.gemeente("Alblasserdam")]),
            nieuwe_activiteit_naam="Iets nieuws",
        ),
        acting_user=rk.teamlid,
    )
    assert beoordeling.coalitievorm == ""
    assert beoordeling.nieuwe_activiteit_naam == ""
    assert not beoordeling.voorgestelde_gemeenten.exists()


def test_submit_records_the_reason_and_makes_the_review_read_only(rk):
    beoordeling_save(activiteit=rk.activiteit, versie=None, invoer=invoer(), acting_user=rk.teamlid)
    beoordeling = beoordeling_submit(
        beoordeling=Beoordeling.objects.get(), versie=1, acting_user=rk.collega
    )
    assert beoordeling.status == BeoordelingStatus.INGEDIEND
    assert beoordeling.ingediend_op is not None
    laatste = beoordeling.history.first()
    assert laatste.history_user == rk.collega
    assert laatste.history_change_reason == "Ingediend"
    assert beoordeling.history.count() == 2

    with pytest.raises(PermissionDenied):
        beoordeling_save(
            activiteit=rk.activiteit,
            versie=beoordeling.versie,
            invoer=invoer(score_lokaal=1),
            acting_user=rk.teamlid,
        )
    assert Beoordeling.objects.get().score_lokaal == 4


def test_an_incomplete_review_is_not_submitted(rk):
    beoordeling_save(
        activiteit=rk.activiteit,
        versie=None,
        invoer=invoer(score_regionaal=None, prioriteit="", voorstel=""),
        acting_user=rk.teamlid,
    )
    with pytest.raises(ValidationError) as fout:
        beoordeling_submit(beoordeling=Beoordeling.objects.get(), versie=1, acting_user=rk.teamlid)
    assert set(fout.value.message_dict) == {"score_regionaal", "prioriteit", "voorstel"}
    assert Beoordeling.objects.get().status == BeoordelingStatus.CONCEPT


def test_what_is_missing_names_each_field_in_the_forms_order(rk):
    beoordeling = beoordeling_save(
        activiteit=rk.activiteit,
        versie=None,
        invoer=invoer(score_lokaal=None, score_regionaal=None, score_organisatie=None, voorstel=""),
        acting_user=rk.teamlid,
    )
    assert beoordeling_ontbrekend(beoordeling) == [
        Ontbrekend(
            "score_lokaal", "Geef een score van 1 tot en met 5 voor de bijdrage aan lokale doelen."
        ),
        Ontbrekend(
            "score_regionaal",
            "Geef een score van 1 tot en met 5 voor de bijdrage aan regionale doelen.",
        ),
        Ontbrekend(
            "score_organisatie",
            "Geef een score van 1 tot en met 5 voor hoe logisch en effectief de activiteit is "
            "georganiseerd.",
        ),
        Ontbrekend("voorstel", "Kies een voorstel."),
    ]
    # The rule the submit refuses by: the same fields.
    with pytest.raises(ValidationError) as fout:
        beoordeling_submit(beoordeling=beoordeling, versie=1, acting_user=rk.teamlid)
    assert list(fout.value.message_dict) == [o.veld for o in beoordeling_ontbrekend(beoordeling)]


def test_a_complete_review_misses_nothing(rk):
    beoordeling = beoordeling_save(
        activiteit=rk.activiteit, versie=None, invoer=invoer(), acting_user=rk.teamlid
    )
    assert beoordeling_ontbrekend(beoordeling) == []


def test_only_the_team_submits(rk):
    BeoordelingFactory(activiteit=rk.activiteit, compleet=True, ingediend_op=None)
    for wie in ("buitenstaander", "regisseur", "raadslid"):
        with pytest.raises(PermissionDenied):
            beoordeling_submit(
                beoordeling=Beoordeling.objects.get(), versie=1, acting_user=rk.gebruiker(wie)
            )
    assert Beoordeling.objects.get().status == BeoordelingStatus.CONCEPT


def test_a_stale_version_is_refused_with_the_other_persons_values(rk):
    beoordeling_save(activiteit=rk.activiteit, versie=None, invoer=invoer(), acting_user=rk.teamlid)
    beoordeling_save(
        activiteit=rk.activiteit,
        versie=1,
        invoer=invoer(score_lokaal=2, bedragen={2027: Decimal("-1000")}),
        acting_user=rk.collega,
    )
    with pytest.raises(BeoordelingConflict) as conflict:
        beoordeling_save(
            activiteit=rk.activiteit,
            versie=1,
            invoer=invoer(onderbouwing="Mijn eigen tekst."),
            acting_user=rk.teamlid,
        )
    assert conflict.value.versie == 2
    assert conflict.value.gewijzigd == {"score_lokaal", "bedrag_2027"}
    assert conflict.value.huidig["score_lokaal"] == "2 — in beperkte mate"
    assert conflict.value.huidig["bedrag_2027"] == "-€\u00a01.000"
    assert conflict.value.door == rk.collega.get_full_name()
    stored = Beoordeling.objects.get()
    assert stored.onderbouwing == "Draagt bij aan de regionale arbeidsmarkt."
    assert stored.history.count() == 2


def test_a_raadslid_sees_no_concept(rk):
    concept = BeoordelingFactory(activiteit=rk.activiteit)
    assert concept not in zichtbare_beoordelingen(rk.raadslid)
    assert concept in zichtbare_beoordelingen(rk.wethouder("Dordrecht"))
    with pytest.raises(Http404):
        access_open_beoordeling(user=rk.raadslid, activiteit=rk.activiteit)


def test_history_reads_as_words(rk):
    beoordeling_save(activiteit=rk.activiteit, versie=None, invoer=invoer(), acting_user=rk.teamlid)
    beoordeling_save(
        activiteit=rk.activiteit,
        versie=1,
        invoer=invoer(
            voorstel=Voorstel.HERGROEPEREN,
            coalitievorm=Coalitievorm.KLEINER,
            voorgestelde_gemeenten=frozenset([rk.gemeente("Dordrecht")]),
            bedragen={2025: Decimal("-2500.50")},
        ),
        acting_user=rk.collega,
    )
    beoordeling_submit(beoordeling=Beoordeling.objects.get(), versie=2, acting_user=rk.teamlid)

    ingediend, gewijzigd, aangemaakt = beoordeling_versies(
        user=rk.teamlid, activiteit=rk.activiteit
    )
    assert aangemaakt.aangemaakt and aangemaakt.wie == "Jan de Graaf"
    assert {(w.label, w.nieuw) for w in aangemaakt.wijzigingen} >= {
        ("Voorstel", "Doorzetten in dezelfde vorm"),
        ("Bijdrage aan lokale doelen", "4 — in grote mate"),
    }
    assert {(w.label, w.oud, w.nieuw) for w in gewijzigd.wijzigingen} == {
        ("Voorstel", "Doorzetten in dezelfde vorm", "Hergroeperen in een andere coalitie"),
        ("Nieuwe coalitievorm", "(leeg)", "Kleiner"),
        ("Voorgestelde gemeenten", "(leeg)", "Dordrecht"),
        ("Financiële consequentie 2025", "(leeg)", "-€\u00a02.500,50"),
    }
    assert gewijzigd.wie == "Fatima El Amrani"
    assert ingediend.waarom == "Ingediend"
    assert [(w.label, w.oud, w.nieuw) for w in ingediend.wijzigingen] == [
        ("Status", "Concept", "Ingediend")
    ]
    # A raadslid reads only what was submitted.
    assert [v.status for v in beoordeling_versies(user=rk.raadslid, activiteit=rk.activiteit)] == [
        "Ingediend"
    ]


# The review form's choices and the one list of review fields


def test_the_form_offers_the_seven_and_all_partners_marking_todays_participants():
    zwijndrecht = GemeenteFactory(naam="Zwijndrecht", drechtstad=True)
    alblasserdam = GemeenteFactory(naam="Alblasserdam", drechtstad=True)
    dordrecht = GemeenteFactory(naam="Dordrecht", drechtstad=True)
    GemeenteFactory(naam="Gorinchem")  # not one of the Drechtsteden: not a choice
    havenbedrijf, campus = PartnerFactory(naam="Havenbedrijf"), PartnerFactory(naam="Campus")
    bibliotheek = PartnerFactory(naam="Bibliotheek")
    activiteit = ActiviteitFactory(partners=[havenbedrijf, campus])
    for gemeente in (zwijndrecht, alblasserdam):
        DeelnameFactory(activiteit=activiteit, gemeente=gemeente)
    beoordeling = BeoordelingFactory(
        activiteit=activiteit, voorgestelde_gemeenten=[zwijndrecht], voorgestelde_partners=[campus]
    )
    FinancieleConsequentieFactory(beoordeling=beoordeling, jaar=2026, bedrag=Decimal("-250.50"))
    FinancieleConsequentieFactory(beoordeling=beoordeling, jaar=2028, bedrag=Decimal("1000"))

    activiteit = access_activiteit(
        thema_slug=activiteit.thema.slug, activiteit_slug=activiteit.slug
    )
    form = BeoordelingForm(
        initial=beoordeling_initial(open_beoordeling(activiteit=activiteit)),
        activiteit=activiteit,
    )

    assert list(form.fields["voorgestelde_gemeenten"].choices) == [
        (alblasserdam.pk, "Alblasserdam (doet nu mee)"),
        (dordrecht.pk, "Dordrecht"),
        (zwijndrecht.pk, "Zwijndrecht (doet nu mee)"),
    ]
    assert [label for _pk, label in form.fields["voorgestelde_partners"].choices] == [
        "Bibliotheek",
        "Campus (doet nu mee)",
        "Havenbedrijf (doet nu mee)",
    ]
    assert form.initial["voorgestelde_gemeenten"] == [zwijndrecht.pk]
    assert form.initial["voorgestelde_partners"] == [campus.pk]
    assert [form.initial[f"bedrag_{jaar}"] for jaar in (2025, 2026, 2027, 2028)] == [
        None,
        Decimal("-250.50"),
        None,
        Decimal("1000.00"),
    ]
    assert form.initial["versie"] == beoordeling.versie
    assert bibliotheek.pk not in form.initial["voorgestelde_partners"]


def test_the_review_form_has_the_one_list_of_review_fields(rk):
    form = BeoordelingForm(activiteit=rk.activiteit)

    assert tuple(veld for veld in form.fields if veld != "versie") == BEOORDELING_VELDEN


# The one team rule


def test_only_a_theme_team_member_writes_its_reviews(rk):
    thema = rk.thema

    assert is_teamlid(user=rk.teamlid, thema=thema)
    assert Actor.THEMATEAM in require_themateam(user=rk.teamlid, thema=thema)
    for buiten in (rk.buitenstaander, rk.regisseur, rk.beheerder, rk.raadslid):
        assert not is_teamlid(user=buiten, thema=thema)
        with pytest.raises(PermissionDenied, match="Alleen leden van het themateam"):
            require_themateam(user=buiten, thema=thema)


def test_a_team_member_taken_off_the_team_is_refused_at_once(rk):
    assert require_themateam(user=rk.teamlid, thema=rk.thema)

    Teamlid.objects.filter(gebruiker=rk.teamlid, thema=rk.thema).delete()

    with pytest.raises(PermissionDenied):
        require_themateam(user=rk.teamlid, thema=rk.thema)


def test_a_stopped_activity_gets_no_new_review(rk):
    gestopt = ActiviteitFactory(thema=rk.thema, naam="Gestopt project", beeindigd=True)
    with pytest.raises(ActiviteitGestopt, match="Gestopt project is gestopt"):
        beoordeling_save(activiteit=gestopt, versie=None, invoer=invoer(), acting_user=rk.teamlid)
    assert not Beoordeling.objects.filter(activiteit=gestopt).exists()
    assert not Beoordeling.history.filter(activiteit_id=gestopt.pk).exists()


def test_a_concept_of_a_stopped_activity_is_not_submitted(rk):
    gestopt = ActiviteitFactory(thema=rk.thema, naam="Gestopt project", beeindigd=True)
    beoordeling = BeoordelingFactory(activiteit=gestopt, compleet=True, ingediend_op=None)
    rijen = beoordeling.history.count()
    with pytest.raises(ActiviteitGestopt):
        beoordeling_submit(beoordeling=beoordeling, versie=1, acting_user=rk.teamlid)
    beoordeling.refresh_from_db()
    assert beoordeling.status == BeoordelingStatus.CONCEPT
    assert beoordeling.history.count() == rijen
