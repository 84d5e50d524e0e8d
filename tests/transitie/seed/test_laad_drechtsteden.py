"""laad_drechtsteden: the letter's facts, idempotence, history, and the marked demo data."""

import datetime
from decimal import Decimal
from io import StringIO

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db import transaction
from django.db.models import Q, Sum
from django.test import override_settings
from django.utils import timezone
from simple_history.models import HistoricalChanges

from drechtsteden.constants import Rol
from drechtsteden.models import Gemeente, Profiel
from drechtsteden.services import SYSTEM_USERNAME
from thema.constants import BeoordelingStatus, PartnerSoort
from thema.models import Activiteit, Beoordeling, Partner, Thema
from transitie.constants import (
    BijdrageBron,
    BijdrageStatus,
    Herkomst,
    Inzicht,
    MijlpaalStatus,
    PostSoort,
    RegiekamerSoort,
)
from transitie.financien.models import Begroting, Begrotingspost, Bijdrage
from transitie.plan.models import Aanbeveling, Mijlpaal, Transitieplan
from transitie.regiekamer.models import Lidmaatschap, Regiekamer, Verantwoordelijkheid

DOMAIN_APPS = ("drechtsteden", "thema", "transitie")
ZEVEN = {
    "Alblasserdam": "GM0482",
    "Dordrecht": "GM0505",
    "Hardinxveld-Giessendam": "GM0523",
    "Hendrik-Ido-Ambacht": "GM0531",
    "Papendrecht": "GM0590",
    "Sliedrecht": "GM0610",
    "Zwijndrecht": "GM0642",
}
DEMO_ROLLEN = {
    "ambtenaar": Rol.AMBTENAAR,
    "wethouder": Rol.BESTUURLIJKE_REGIEKAMER,
    "regisseur": Rol.AMBTELIJKE_REGIEKAMER,
    "raadslid": Rol.RAADSLID,
}


def laad(*args: str) -> str:
    out = StringIO()
    call_command("laad_drechtsteden", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def geladen(db) -> str:
    return laad()


@pytest.fixture(scope="module")
def demo_eenmaal(django_db_setup, django_db_blocker):
    """The demo, loaded once for the module's tests that only read it; rolled back after them.

    Each test still runs in its own savepoint inside this transaction, as with `db`.
    """
    with django_db_blocker.unblock(), override_settings(DEBUG=True), transaction.atomic():
        yield laad("--demo")
        transaction.set_rollback(True)


@pytest.fixture
def demo(demo_eenmaal, db) -> str:
    return demo_eenmaal


def historied_models():
    """Our models and their history tables (including those of many-to-many fields)."""
    return [model for label in DOMAIN_APPS for model in apps.get_app_config(label).get_models()]


def history_models():
    return [model for model in historied_models() if issubclass(model, HistoricalChanges)]


def row_counts() -> dict[str, int]:
    User = get_user_model()
    counts = {model._meta.label: model._default_manager.count() for model in historied_models()}
    counts["auth.User"] = User.objects.count()
    counts["auth.User.groups"] = User.groups.through.objects.count()
    return counts


# The letter's facts


def test_loads_the_seven_drechtsteden_with_their_cbs_codes(geladen):
    zeven = Gemeente.objects.filter(is_drechtstad=True)
    assert {g.naam: g.cbs_code for g in zeven} == ZEVEN


def test_gorinchem_is_a_partner_municipality_not_one_of_the_seven(geladen):
    gorinchem = Gemeente.objects.get(naam="Gorinchem")
    assert gorinchem.cbs_code == "GM0512"
    assert gorinchem.is_drechtstad is False
    partner = Partner.objects.get(gemeente=gorinchem)
    assert partner.soort == PartnerSoort.OVERHEID
    assert partner.is_demo is False


def test_slug_is_the_slugified_name(geladen):
    assert Gemeente.objects.get(cbs_code="GM0531").slug == "hendrik-ido-ambacht"
    assert Gemeente.objects.get(cbs_code="GM0523").slug == "hardinxveld-giessendam"


def test_both_regiekamers_exist_with_dutch_names(geladen):
    assert dict(Regiekamer.objects.values_list("soort", "naam")) == {
        RegiekamerSoort.AMBTELIJK: "Ambtelijke regiekamer",
        RegiekamerSoort.BESTUURLIJK: "Bestuurlijke regiekamer",
    }


def test_transitieplan_must_be_implemented_by_1_july_2025(geladen):
    assert Transitieplan.objects.get().deadline == datetime.date(2025, 7, 1)


def test_recommendations_rest_on_each_of_the_three_insights(geladen):
    aanbevelingen = Aanbeveling.objects.all()
    assert set(aanbevelingen.values_list("inzicht", flat=True)) == set(Inzicht.values)
    assert all(a.toelichting for a in aanbevelingen)


def test_recommendations_include_the_steps_the_letter_names(geladen):
    toelichtingen = " ".join(Aanbeveling.objects.values_list("toelichting", flat=True))
    for woorden in (
        "burgemeesters en wethouders",
        "inbedding van de regionale organisatie",
        "financieringsvormen",
        "ambtelijke en een bestuurlijke regiekamer",
        "vice-voorzitter",
        "kleinere, andersoortige en grotere coalities",
        "samenwerkingsovereenkomst",
        "Economic Board (EDB)",
        "ROM-D en Deal",
        "uitvoeringsprogramma inclusief begroting",
    ):
        assert woorden in toelichtingen


def test_responsibilities_of_chair_and_vice_chair_move_to_the_bestuurlijke_regiekamer(geladen):
    verantwoordelijkheden = Verantwoordelijkheid.objects.all()
    assert {v.herkomst for v in verantwoordelijkheden} == set(Herkomst.values)
    assert {v.regiekamer.soort for v in verantwoordelijkheden} == {RegiekamerSoort.BESTUURLIJK}
    # The letter names no holder and no date.
    assert all(v.houder is None and v.sinds is None for v in verantwoordelijkheden)


def test_2023_deficit_of_140000_is_carried_into_2024(geladen):
    tekort = Begrotingspost.objects.get(begroting__jaar=2024, soort=PostSoort.OVERGEHEVELD_TEKORT)
    assert tekort.begroting.naam == "Groeiagenda 2024"
    assert tekort.omschrijving == "Tekort Jaarverantwoording Groeiagenda 2023"
    assert tekort.bedrag == Decimal("140000.00")


def test_250000_from_surrounding_municipalities_is_expected_not_committed(geladen):
    bijdrage = Bijdrage.objects.get(begroting__jaar=2024, bron=BijdrageBron.OMLIGGENDE_GEMEENTEN)
    assert bijdrage.bedrag == Decimal("250000.00")
    assert bijdrage.status == BijdrageStatus.VERWACHT
    assert bijdrage.gemeente is None


def uitgaven(begroting: Begroting) -> Decimal:
    totaal = begroting.posten.filter(soort=PostSoort.UITGAVE).aggregate(s=Sum("bedrag"))["s"]
    return totaal or Decimal("0")


@pytest.mark.parametrize("args", [(), ("--demo",)], ids=["feiten", "demo"])
def test_2025_continues_2024_budget_neutrally(db, settings, args):
    settings.DEBUG = True
    laad(*args)
    b2024, b2025 = Begroting.objects.get(jaar=2024), Begroting.objects.get(jaar=2025)
    assert b2025.voortzetting_van == b2024
    assert b2025.budgetneutraal is True
    assert uitgaven(b2025) == uitgaven(b2024)
    assert not b2025.posten.filter(soort=PostSoort.OVERGEHEVELD_TEKORT).exists()


def test_demo_after_a_facts_only_run_keeps_2025_budget_neutral(db, settings):
    laad()
    settings.DEBUG = True
    laad("--demo")
    b2024, b2025 = Begroting.objects.get(jaar=2024), Begroting.objects.get(jaar=2025)
    assert uitgaven(b2024) > 0
    assert uitgaven(b2025) == uitgaven(b2024)


def test_facts_alone_load_no_demo_data_and_no_accounts(geladen):
    assert not Thema.objects.exists()
    assert not Activiteit.objects.exists()
    assert not Mijlpaal.objects.exists()
    assert not Partner.objects.filter(is_demo=True).exists()
    assert not Bijdrage.objects.filter(is_demo=True).exists()
    assert not Begrotingspost.objects.filter(is_demo=True).exists()
    assert list(get_user_model().objects.values_list("username", flat=True)) == [SYSTEM_USERNAME]


# Idempotence and history


@pytest.mark.parametrize("args", [(), ("--demo",)], ids=["feiten", "demo"])
def test_second_run_changes_no_row_and_writes_no_history(db, settings, args):
    settings.DEBUG = True
    laad(*args)
    voor = row_counts()
    uitvoer = laad(*args)
    assert row_counts() == voor
    assert "Niets gewijzigd" in uitvoer


def test_a_changed_fact_is_put_back_with_one_history_row(geladen):
    dordrecht = Gemeente.objects.get(cbs_code="GM0505")
    dordrecht.naam = "Dordt"
    dordrecht.save()
    rijen = dordrecht.history.count()
    laad()
    dordrecht.refresh_from_db()
    assert dordrecht.naam == "Dordrecht"
    assert dordrecht.history.count() == rijen + 1


@pytest.mark.parametrize("args", [(), ("--demo",)], ids=["feiten", "demo"])
def test_every_history_row_records_the_system_user_and_a_reason(db, settings, args):
    settings.DEBUG = True
    laad(*args)
    models = [m for m in history_models() if hasattr(m, "history_user")]
    assert sum(m.objects.count() for m in models) > 0
    for model in models:
        assert not model.objects.exclude(history_user__username=SYSTEM_USERNAME).exists(), model
        assert not model.objects.filter(
            Q(history_change_reason__isnull=True) | Q(history_change_reason="")
        ).exists(), model


# Demo


def test_demo_is_refused_with_debug_off(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        laad("--demo")
    assert not Gemeente.objects.exists()


def test_demo_accounts_have_their_role_and_municipality(demo):
    User = get_user_model()
    for gemeente in Gemeente.objects.filter(is_drechtstad=True):
        for prefix, rol in DEMO_ROLLEN.items():
            user = User.objects.get(username=f"{prefix}-{gemeente.slug}")
            assert list(user.groups.values_list("name", flat=True)) == [rol.value]
            assert user.profiel.gemeente == gemeente
            assert user.profiel.functie
            assert user.first_name and user.last_name
    beheerder = User.objects.get(username="beheerder")
    assert beheerder.is_staff
    assert list(beheerder.groups.values_list("name", flat=True)) == [Rol.BEHEERDER.value]
    assert beheerder.profiel.gemeente is None
    # Hashing is slow: two accounts stand for all of them.
    assert beheerder.check_password("demo")
    assert User.objects.get(username="wethouder-dordrecht").check_password("demo")
    assert Profiel.objects.count() == User.objects.filter(is_active=True).count() == 29


@pytest.mark.parametrize("soort", RegiekamerSoort.values)
def test_demo_represents_all_seven_in_both_regiekamers(demo, soort):
    today = timezone.localdate()
    lopend = Lidmaatschap.objects.filter(
        Q(tot__isnull=True) | Q(tot__gte=today), regiekamer__soort=soort, van__lte=today
    )
    assert set(lopend.values_list("gemeente__naam", flat=True)) == set(ZEVEN)
    prefix = "wethouder" if soort == RegiekamerSoort.BESTUURLIJK else "regisseur"
    for lid in lopend:
        assert lid.gebruiker.username == f"{prefix}-{lid.gemeente.slug}"


def test_every_demo_theme_has_a_team_activities_and_participants(demo):
    themas = Thema.objects.all()
    assert len(themas) >= 5
    for thema in themas:
        assert thema.teamleden.exists()
        assert all(
            lid.gebruiker.groups.filter(name=Rol.AMBTENAAR).exists()
            for lid in thema.teamleden.all()
        )
        assert 3 <= thema.activiteiten.count() <= 5
        for activiteit in thema.activiteiten.all():
            assert activiteit.deelnames.exists()
            assert all(d.jaarlijkse_bijdrage > 0 for d in activiteit.deelnames.all())


def test_demo_has_partners_of_every_triple_helix_kind(demo):
    assert set(Partner.objects.values_list("soort", flat=True)) == set(PartnerSoort.values)
    gorinchem = Partner.objects.get(gemeente__cbs_code="GM0512")
    assert gorinchem.activiteiten.exists()


def test_demo_data_is_marked_as_demo(demo):
    assert not Thema.objects.filter(is_demo=False).exists()
    assert not Activiteit.objects.filter(is_demo=False).exists()
    assert not Mijlpaal.objects.filter(is_demo=False).exists()
    assert not Partner.objects.filter(is_demo=False).exclude(gemeente__cbs_code="GM0512").exists()
    assert all("(demo)" in naam for naam in Thema.objects.values_list("naam", flat=True))
    assert all("(demo)" in titel for titel in Mijlpaal.objects.values_list("titel", flat=True))
    uitgaven = Begrotingspost.objects.filter(soort=PostSoort.UITGAVE)
    assert uitgaven.exists()
    assert not uitgaven.filter(is_demo=False).exists()
    gemeentelijk = Bijdrage.objects.filter(bron=BijdrageBron.GEMEENTE)
    assert gemeentelijk.count() == 7
    assert not gemeentelijk.filter(is_demo=False).exists()
    # The facts stay facts.
    assert not Begrotingspost.objects.filter(
        soort=PostSoort.OVERGEHEVELD_TEKORT, is_demo=True
    ).exists()


def test_demo_reviews_are_in_concept_and_ingediend(demo):
    statussen = set(Beoordeling.objects.values_list("status", flat=True))
    assert statussen == {BeoordelingStatus.CONCEPT, BeoordelingStatus.INGEDIEND}
    for beoordeling in Beoordeling.objects.filter(status=BeoordelingStatus.INGEDIEND):
        assert beoordeling.voorstel and beoordeling.onderbouwing and beoordeling.ingediend_op


def test_demo_milestones_have_an_owner_and_some_are_done(demo):
    mijlpalen = Mijlpaal.objects.all()
    assert mijlpalen.filter(status=MijlpaalStatus.GEREED).exists()
    assert mijlpalen.exclude(status=MijlpaalStatus.GEREED).exists()
    for mijlpaal in mijlpalen:
        assert mijlpaal.eigenaar is not None
        assert mijlpaal.deadline.year in (2024, 2025)


def test_demo_run_tells_how_to_log_in(demo):
    assert "wethouder-dordrecht" in demo
    assert "'demo'" in demo
