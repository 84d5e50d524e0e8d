"""The admin of the plan and the finance: it shows milestones, budgets, budget lines and
contributions with their history, and saves none of them past the portal's services."""

from decimal import Decimal

import pytest
from django.urls import reverse

from tests.factories import (
    AanbevelingFactory,
    BegrotingFactory,
    BegrotingspostFactory,
    BijdrageFactory,
    MijlpaalFactory,
    UserFactory,
)
from transitie.constants import BijdrageBron, BijdrageStatus, MijlpaalStatus, PostSoort
from transitie.financien.models import Begroting, Begrotingspost, Bijdrage
from transitie.plan.models import Mijlpaal

pytestmark = pytest.mark.django_db


@pytest.fixture
def beheerder(client):
    beheerder = UserFactory(beheerder=True)
    client.force_login(beheerder)
    return beheerder


def _url(model, view: str, *args) -> str:
    return reverse(f"admin:transitie_{model._meta.model_name}_{view}", args=args)


def _aantal_historie() -> dict[str, int]:
    return {
        model.__name__: model.history.count()
        for model in (Mijlpaal, Begroting, Begrotingspost, Bijdrage)
    }


@pytest.fixture
def gevallen(regiekamers, drechtsteden):
    """Per model: an existing object and a complete, valid admin form for a new one, so that only
    the admin's refusal can stop the save (the plain HistoryAdmin saved such a form)."""
    begroting = BegrotingFactory(jaar=2030)
    BijdrageFactory(begroting=begroting, bedrag=Decimal("1000"))
    aanbeveling = AanbevelingFactory()
    return {
        Mijlpaal: (
            MijlpaalFactory(aanbeveling=aanbeveling, titel="Regiekamers ingesteld"),
            {
                "aanbeveling": aanbeveling.pk,
                "titel": "Langs de regels",
                "eigenaar_regiekamer": regiekamers[0].pk,
                "deadline": "2025-06-01",
                # gereed without sign-off: the rule mijlpaal_save guards
                "status": MijlpaalStatus.GEREED,
                "gereed_op": "2025-06-01",
            },
        ),
        Begrotingspost: (
            BegrotingspostFactory(begroting=begroting, bedrag=Decimal("500")),
            {
                "begroting": begroting.pk,
                "omschrijving": "Over het plafond",
                "soort": PostSoort.UITGAVE,
                "bedrag": "999999.00",  # far past the ceiling of EUR 1,000
            },
        ),
        Bijdrage: (
            BijdrageFactory(begroting=begroting, toegezegd=True),
            {
                "begroting": begroting.pk,
                "bron": BijdrageBron.GEMEENTE,
                "gemeente": drechtsteden[0].pk,
                "omschrijving": "Langs de regels",
                "bedrag": "1000.00",
                "status": BijdrageStatus.VERWACHT,
            },
        ),
    }


@pytest.mark.parametrize("model", [Mijlpaal, Begrotingspost, Bijdrage], ids=lambda m: m.__name__)
def test_the_admin_cannot_save_past_the_services(client, beheerder, gevallen, model):
    bestaand, data = gevallen[model]
    aantal = model.objects.count()
    historie = _aantal_historie()

    assert client.get(_url(model, "add")).status_code == 403
    assert client.post(_url(model, "add"), data).status_code == 403
    assert client.post(_url(model, "change", bestaand.pk), data).status_code == 403
    assert client.post(_url(model, "delete", bestaand.pk), {"post": "yes"}).status_code == 403
    versie = bestaand.history.get()
    revert = reverse(
        f"admin:transitie_{model._meta.model_name}_simple_history",
        args=[bestaand.pk, versie.history_id],
    )
    assert client.post(revert, data).status_code == 403

    assert model.objects.count() == aantal
    bestaand_na = model.objects.get(pk=bestaand.pk)
    assert all(
        getattr(bestaand_na, veld) == getattr(bestaand, veld)
        for veld in data
        if veld not in ("begroting", "aanbeveling", "gemeente", "eigenaar_regiekamer")
    )
    assert _aantal_historie() == historie


def test_the_admin_cannot_save_a_budget_or_its_rows(client, beheerder, gevallen):
    begroting = Begroting.objects.get(jaar=2030)
    historie = _aantal_historie()
    data = {"jaar": "2031", "naam": "Groeiagenda 2031", "toelichting": ""}
    assert client.post(_url(Begroting, "add"), data).status_code == 403
    assert client.post(_url(Begroting, "change", begroting.pk), data).status_code == 403
    assert not Begroting.objects.filter(jaar=2031).exists()
    assert _aantal_historie() == historie


@pytest.mark.parametrize(
    "model", [Mijlpaal, Begroting, Begrotingspost, Bijdrage], ids=lambda m: m.__name__
)
def test_the_admin_still_shows_them_read_only(client, beheerder, gevallen, model):
    obj = model.objects.order_by("pk").first()
    lijst = client.get(_url(model, "changelist"))
    assert lijst.status_code == 200
    assert str(obj) in lijst.content.decode()
    pagina = client.get(_url(model, "change", obj.pk))
    assert pagina.status_code == 200
    html = pagina.content.decode()
    assert 'name="_save"' not in html
    assert str(obj) in html
    assert client.get(_url(model, "history", obj.pk)).status_code == 200


def test_the_budget_page_shows_its_lines_and_contributions_without_forms(
    client, beheerder, gevallen
):
    begroting = Begroting.objects.get(jaar=2030)
    html = client.get(_url(Begroting, "change", begroting.pk)).content.decode()
    post = begroting.posten.get()
    assert post.omschrijving in html
    assert begroting.bijdragen.count() == 2
    assert 'name="posten-0-bedrag"' not in html
    assert 'name="bijdragen-0-status"' not in html


def test_reference_data_of_the_plan_stay_editable(client, beheerder):
    aanbeveling = AanbevelingFactory()
    assert (
        'name="_save"'
        in client.get(_url(type(aanbeveling), "change", aanbeveling.pk)).content.decode()
    )
    plan = aanbeveling.transitieplan
    assert 'name="_save"' in client.get(_url(type(plan), "change", plan.pk)).content.decode()
