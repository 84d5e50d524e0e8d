"""Every domain model keeps its history, with the acting user, on every ordinary write path."""

import datetime
from decimal import Decimal

import pytest
from django.apps import apps
from django.contrib import admin
from django.db import connection, models
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from simple_history.admin import SimpleHistoryAdmin
from simple_history.models import HistoricalChanges
from simple_history.utils import get_m2m_reverse_field_name

from drechtsteden.models import Gemeente, Historieregel
from tests import factories as f
from thema.models import Activiteit, Deelname, Teamlid, Thema
from transitie.constants import BriefStatus
from transitie.onveranderlijk import Onveranderlijk

DOMAIN_APPS = ("drechtsteden", "thema", "transitie")


def domain_models() -> list[type[models.Model]]:
    """The concrete models of our apps, found through the registry, without the history models
    and without the audit log's index of them (Historieregel, append-only, checked by its chain)."""
    return [
        model
        for label in DOMAIN_APPS
        for model in apps.get_app_config(label).get_models()
        if not issubclass(model, HistoricalChanges) and model is not Historieregel
    ]


def label(model: type[models.Model]) -> str:
    return model._meta.label


# One case per model: its factory, and a field to change with its new value.
CASES = {
    "drechtsteden.Gemeente": (f.GemeenteFactory, "naam", "Gewijzigde gemeente"),
    "drechtsteden.Profiel": (f.ProfielFactory, "functie", "Wethouder"),
    "drechtsteden.Melding": (f.MeldingFactory, "titel", "Beoordeling ingediend: Parkmanagement"),
    "drechtsteden.Bezorging": (f.BezorgingFactory, "status", "verzonden"),
    "drechtsteden.MeldingVoorkeur": (f.MeldingVoorkeurFactory, "keuze", "geen"),
    "thema.Thema": (f.ThemaFactory, "beschrijving", "Nieuwe beschrijving"),
    "thema.Teamlid": (f.TeamlidFactory, "thema", f.ThemaFactory),
    "thema.Partner": (f.PartnerFactory, "naam", "Nieuwe partnernaam"),
    "thema.Activiteit": (f.ActiviteitFactory, "vorm", "Kleinere coalitie"),
    "thema.Deelname": (f.DeelnameFactory, "jaarlijkse_bijdrage", Decimal("12500.00")),
    "thema.Beoordeling": (f.BeoordelingFactory, "score_lokaal", 5),
    "thema.FinancieleConsequentie": (f.FinancieleConsequentieFactory, "bedrag", Decimal("-1.00")),
    "transitie.Regiekamer": (f.RegiekamerFactory, "naam", "Ambtelijke regiekamer (nieuw)"),
    "transitie.Lidmaatschap": (f.LidmaatschapFactory, "tot", datetime.date(2025, 12, 31)),
    "transitie.Verantwoordelijkheid": (f.VerantwoordelijkheidFactory, "sinds", None),
    "transitie.Advies": (f.AdviesFactory, "toelichting", "Aangevulde toelichting"),
    "transitie.Stem": (f.StemFactory, "toelichting", "Na overleg in het college"),
    "transitie.Besluit": (f.BesluitFactory, "toelichting", "Met algemene stemmen"),
    "transitie.Transitieplan": (
        f.TransitieplanFactory,
        "vastgesteld_op",
        datetime.date(2024, 12, 1),
    ),
    "transitie.Aanbeveling": (f.AanbevelingFactory, "inzicht", 3),
    "transitie.Mijlpaal": (f.MijlpaalFactory, "titel", "Samenwerkingsovereenkomst herzien"),
    "transitie.Begroting": (f.BegrotingFactory, "budgetneutraal", True),
    "transitie.Begrotingspost": (f.BegrotingspostFactory, "bedrag", Decimal("60000.00")),
    "transitie.Bijdrage": (f.BijdrageFactory, "status", "toegezegd"),
    "transitie.Raadsinformatiebrief": (f.RaadsinformatiebriefFactory, "onderwerp", "Voortgang"),
    "transitie.Briefsectie": (f.BriefsectieFactory, "tekst", "Herschreven inleiding."),
    "transitie.Briefpublicatie": (f.BriefpublicatieFactory, "bestandsnaam", "brief-v2.pdf"),
    "transitie.Briefbijlage": (f.BriefbijlageFactory, "titel", "Jaarverantwoording 2023"),
    "transitie.Publicatieopdracht": (f.PublicatieopdrachtFactory, "fout", "Vastgelopen"),
    "transitie.Publicatiestap": (f.PublicatiestapFactory, "fout", "RuntimeError: kapot"),
    "transitie.Kaderwijziging": (f.KaderwijzigingFactory, "bedrag", Decimal("10000.00")),
    "transitie.Raadsbehandeling": (f.RaadsbehandelingFactory, "status", "vastgesteld"),
    "transitie.Toezegging": (f.ToezeggingFactory, "verwacht_op", datetime.date(2025, 9, 1)),
}


# (a) history everywhere


@pytest.mark.parametrize("model", domain_models(), ids=label)
def test_every_domain_model_has_history(model):
    assert hasattr(model._meta, "simple_history_manager_attribute"), (
        f"{label(model)} has no HistoricalRecords"
    )


@pytest.mark.parametrize("model", domain_models(), ids=label)
def test_every_many_to_many_field_is_in_the_history(model):
    history_model = getattr(model, model._meta.simple_history_manager_attribute).model
    tracked = {field.name for field in history_model._history_m2m_fields}
    m2m = {field.name for field in model._meta.many_to_many}
    assert m2m <= tracked, f"{label(model)}: m2m_fields misses {m2m - tracked}"


@pytest.mark.parametrize("model", domain_models(), ids=label)
def test_every_domain_model_is_in_the_admin_with_its_history(model):
    model_admin = admin.site._registry.get(model)
    assert isinstance(model_admin, SimpleHistoryAdmin), f"{label(model)}: no SimpleHistoryAdmin"


def test_every_domain_model_has_a_history_case():
    assert {label(model) for model in domain_models()} == set(CASES)


# (b) the service path: the acting user set as _history_user


@pytest.fixture
def user():
    return f.UserFactory()


# Written once and never again (see tests/transitie/test_onveranderlijk.py): one row, the creation.
WRITTEN_ONCE = {"transitie.Besluit", "transitie.Briefpublicatie"}


@pytest.mark.django_db
@pytest.mark.parametrize("case", sorted(WRITTEN_ONCE))
def test_a_record_written_once_keeps_its_creation_row_with_the_user(case, user):
    factory, field, value = CASES[case]
    obj = factory(history_user=user)
    setattr(obj, field, value)
    obj._history_user = user
    with pytest.raises(Onveranderlijk):
        obj.save()

    rows = list(obj.history.all())
    assert [(row.history_type, row.history_user) for row in rows] == [("+", user)]


@pytest.mark.django_db
@pytest.mark.parametrize("case", sorted(set(CASES) - WRITTEN_ONCE))
def test_create_and_update_leave_one_history_row_each_with_the_user(case, user):
    factory, field, value = CASES[case]
    obj = factory(history_user=user)
    if isinstance(value, type):
        value = value()
    setattr(obj, field, value)
    obj._history_user = user
    obj.save()

    rows = list(obj.history.order_by("history_date", "history_id"))
    assert [row.history_type for row in rows] == ["+", "~"]
    assert [row.history_user for row in rows] == [user, user]
    assert rows[1].diff_against(rows[0]).changed_fields == [field]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("factory", "field", "make_related"),
    [
        (f.ActiviteitFactory, "partners", f.PartnerFactory),
        (f.BeoordelingFactory, "voorgestelde_gemeenten", f.GemeenteFactory),
        (f.BeoordelingFactory, "voorgestelde_partners", f.PartnerFactory),
        (f.MijlpaalFactory, "afhankelijk_van", f.MijlpaalFactory),
    ],
    ids=lambda value: value if isinstance(value, str) else "",
)
def test_many_to_many_change_is_recorded_with_the_user(factory, field, make_related, user):
    obj = factory(history_user=user)
    related = make_related()
    getattr(obj, field).add(related)

    rows = list(obj.history.order_by("history_date", "history_id"))
    assert [row.history_type for row in rows] == ["+", "~"]
    assert [row.history_user for row in rows] == [user, user]
    target = get_m2m_reverse_field_name(obj._meta.get_field(field))
    assert [getattr(row, target) for row in getattr(rows[1], field).all()] == [related]
    assert list(getattr(rows[0], field).all()) == []


# (c) the web path: the admin, with the request's user filled in by HistoryRequestMiddleware


@pytest.fixture
def beheerder(client):
    beheerder = f.UserFactory(beheerder=True)
    client.force_login(beheerder)
    return beheerder


def admin_url(model: type[models.Model], view: str, *args) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def empty_formset(prefix: str) -> dict[str, str]:
    return {f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"}


def assert_saved(response):
    """The admin redirects after a save; otherwise it shows the form's errors (print them)."""
    if response.status_code != 302:
        pytest.fail(f"not saved ({response.status_code}): {response.context.get('errors')}")


@pytest.mark.django_db
def test_admin_add_and_change_gemeente_record_the_request_user(client, beheerder):
    data = {"naam": "Gorinchem", "slug": "gorinchem", "cbs_code": "GM0512", "is_drechtstad": ""}
    data.update(empty_formset("profielen"))
    assert_saved(client.post(admin_url(Gemeente, "add"), data))
    gemeente = Gemeente.objects.get(cbs_code="GM0512")

    data["naam"] = "Gemeente Gorinchem"
    assert_saved(client.post(admin_url(Gemeente, "change", gemeente.pk), data))

    rows = list(gemeente.history.order_by("history_date", "history_id"))
    assert [(row.history_type, row.history_user) for row in rows] == [
        ("+", beheerder),
        ("~", beheerder),
    ]
    assert rows[1].naam == "Gemeente Gorinchem"


@pytest.mark.django_db
def test_admin_add_and_change_thema_record_the_request_user_also_on_inline_rows(client, beheerder):
    ambtenaar = f.UserFactory(ambtenaar=True)
    data = {
        "naam": "Werklocaties",
        "slug": "werklocaties",
        "beschrijving": "",
        "teamleden-TOTAL_FORMS": "1",
        "teamleden-INITIAL_FORMS": "0",
        "teamleden-0-gebruiker": str(ambtenaar.pk),
    }
    assert_saved(client.post(admin_url(Thema, "add"), data))
    thema = Thema.objects.get(slug="werklocaties")
    teamlid = Teamlid.objects.get(thema=thema)

    data.update(
        {
            "beschrijving": "Bedrijventerreinen en kantoren",
            "teamleden-INITIAL_FORMS": "1",
            "teamleden-0-id": str(teamlid.pk),
            "teamleden-0-thema": str(thema.pk),
        }
    )
    assert_saved(client.post(admin_url(Thema, "change", thema.pk), data))

    rows = list(thema.history.order_by("history_date", "history_id"))
    assert [(row.history_type, row.history_user) for row in rows] == [
        ("+", beheerder),
        ("~", beheerder),
    ]
    # The inline row is saved without _history_user: only the middleware can have set it.
    assert [(row.history_type, row.history_user) for row in teamlid.history.all()] == [
        ("+", beheerder)
    ]


@pytest.mark.django_db
def test_admin_add_activiteit_records_partners_and_participations_with_the_request_user(
    client, beheerder
):
    thema = f.ThemaFactory()
    partners = f.PartnerFactory.create_batch(2)
    gemeente = f.GemeenteFactory(drechtstad=True)
    data = {
        "thema": str(thema.pk),
        "naam": "Campus Duurzame Maakindustrie",
        "slug": "campus-duurzame-maakindustrie",
        "beschrijving": "",
        "vorm": "",
        "status": "actief",
        "partners": [str(partner.pk) for partner in partners],
        "deelnames-TOTAL_FORMS": "1",
        "deelnames-INITIAL_FORMS": "0",
        "deelnames-0-gemeente": str(gemeente.pk),
        "deelnames-0-jaarlijkse_bijdrage": "15000.00",
    }
    assert_saved(client.post(admin_url(Activiteit, "add"), data))
    activiteit = Activiteit.objects.get(slug="campus-duurzame-maakindustrie")

    rows = list(activiteit.history.order_by("history_date", "history_id"))
    # The row, then the partners set on it: one history row each.
    assert [(row.history_type, row.history_user) for row in rows] == [
        ("+", beheerder),
        ("~", beheerder),
    ]
    assert {row.partner for row in rows[-1].partners.all()} == set(partners)
    deelname = Deelname.objects.get(activiteit=activiteit)
    assert [(row.history_type, row.history_user) for row in deelname.history.all()] == [
        ("+", beheerder)
    ]


# The admin shows every model, its history included


@pytest.mark.django_db
@pytest.mark.parametrize("case", sorted(CASES))
def test_admin_shows_each_model_and_its_history(client, beheerder, case):
    factory, _, _ = CASES[case]
    obj = factory(history_user=beheerder)
    model = type(obj)
    for url in (
        admin_url(model, "changelist"),
        admin_url(model, "change", obj.pk),
        admin_url(model, "history", obj.pk),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
    assert beheerder.username in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("case", sorted(CASES))
def test_admin_changelist_queries_do_not_grow_with_the_rows(client, beheerder, case):
    factory, _, _ = CASES[case]
    url = admin_url(factory._meta.model, "changelist")

    def count_queries() -> int:
        with CaptureQueriesContext(connection) as context:
            assert client.get(url).status_code == 200
        return len(context)

    factory()
    one = count_queries()
    factory.create_batch(4)
    assert count_queries() == one


@pytest.mark.django_db
def test_published_records_cannot_be_changed_or_reverted_in_the_admin(client, beheerder):
    publicatie = f.BriefpublicatieFactory(history_user=beheerder)
    brief = publicatie.brief
    assert brief.status == BriefStatus.GEPUBLICEERD
    version = publicatie.history.get()

    # A complete, valid form: only the permission check can stop it.
    data = {
        "brief": str(brief.pk),
        "gemeente": str(publicatie.gemeente_id),
        "bestandsnaam": "x.pdf",
        "sha256": publicatie.sha256,
        "open_data_json": "{}",
        "open_data_csv": "",
        "gepubliceerd_op_0": "2025-07-01",
        "gepubliceerd_op_1": "12:00:00",
    }
    response = client.post(admin_url(type(publicatie), "change", publicatie.pk), data)
    assert response.status_code == 403
    revert = reverse(
        "admin:transitie_briefpublicatie_simple_history",
        args=[publicatie.pk, version.history_id],
    )
    assert client.post(revert, data).status_code == 403
    response = client.post(admin_url(type(brief), "change", brief.pk), {"titel": "Anders"})
    assert response.status_code == 403

    publicatie.refresh_from_db()
    brief.refresh_from_db()
    assert publicatie.bestandsnaam != "x.pdf"
    assert brief.titel != "Anders"
    assert publicatie.history.count() == 1


@pytest.mark.django_db
def test_admin_user_changelist_queries_do_not_grow_with_the_rows(client, beheerder):
    url = reverse("admin:auth_user_changelist")

    def count_queries() -> int:
        with CaptureQueriesContext(connection) as context:
            assert client.get(url).status_code == 200
        return len(context)

    f.UserFactory(gemeente=f.GemeenteFactory())
    one = count_queries()
    for _ in range(4):
        f.UserFactory(gemeente=f.GemeenteFactory())
    assert count_queries() == one


@pytest.mark.django_db
def test_admin_profiel_inline_on_the_user_records_the_request_user(client, beheerder):
    user = f.UserFactory()
    gemeente = f.GemeenteFactory(drechtstad=True)
    data = {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "is_active": "on",
        "date_joined_0": "2025-01-01",
        "date_joined_1": "09:00:00",
        "profiel-TOTAL_FORMS": "1",
        "profiel-INITIAL_FORMS": "0",
        "profiel-0-gemeente": str(gemeente.pk),
        "profiel-0-functie": "Wethouder economie",
    }
    assert_saved(client.post(reverse("admin:auth_user_change", args=[user.pk]), data))

    profiel = user.__class__.objects.get(pk=user.pk).profiel
    assert profiel.gemeente == gemeente
    assert [(row.history_type, row.history_user) for row in profiel.history.all()] == [
        ("+", beheerder)
    ]


# (d) the live row equals its latest history row: a change past the history is caught


@pytest.mark.django_db
@pytest.mark.parametrize("case", sorted(CASES))
def test_a_live_row_changed_past_its_history_is_caught(case, user):
    from drechtsteden.historie.keten import live_rows_verify

    factory, field_name, value = CASES[case]
    obj = factory(history_user=user)
    assert live_rows_verify() is None, "untouched data must pass"
    if isinstance(value, type):
        value = value()
    field = obj._meta.get_field(field_name)
    raw = value.pk if isinstance(value, models.Model) else value
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {connection.ops.quote_name(obj._meta.db_table)} "
            f"SET {connection.ops.quote_name(field.column)} = %s WHERE id = %s",
            [field.get_db_prep_save(raw, connection), obj.pk],
        )

    breuk = live_rows_verify()
    assert breuk is not None
    assert breuk.model == case
    assert breuk.object_id == obj.pk
    assert f"({field.attname};" in breuk.reden
