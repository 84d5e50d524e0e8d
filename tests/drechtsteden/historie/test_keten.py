"""The audit log's index and hash chain: one index row per history row, tampering caught."""

import threading
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, connections, transaction
from django.test.utils import CaptureQueriesContext

from drechtsteden.historie.keten import (
    BEGIN,
    INDEX_FIELDS,
    chain_verify,
    historied_models,
    history_model_of,
    history_rows,
    link_hash,
)
from drechtsteden.models import Gemeente, Historieregel
from tests import factories as f
from thema.models import Activiteit, Deelname, Thema

pytestmark = pytest.mark.django_db


def all_history_rows() -> int:
    return sum(history_model_of(model).objects.count() for model in historied_models())


def verify() -> str:
    """Run the command; its output on success, the error message on a broken chain."""
    try:
        call_command("controleer_historie", stdout=(out := _Out()))
    except CommandError as error:
        return f"FOUT {error}"
    return out.text


class _Out:
    def __init__(self):
        self.text = ""

    def write(self, text: str) -> None:
        self.text += text


@pytest.fixture
def ambtenaar():
    return f.UserFactory(ambtenaar=True, gemeente=f.GemeenteFactory(naam="Dordrecht"))


@pytest.fixture
def data(ambtenaar):
    """A few objects of several kinds, with changes, a many-to-many change and a deletion."""
    activiteit = f.ActiviteitFactory(history_user=ambtenaar)
    activiteit.partners.add(f.PartnerFactory(history_user=ambtenaar))
    deelname = f.DeelnameFactory(activiteit=activiteit, history_user=ambtenaar)
    deelname.jaarlijkse_bijdrage = Decimal("12500")
    deelname._history_user = ambtenaar
    deelname._change_reason = "Bijdrage aangepast"
    deelname.save()
    f.BeoordelingFactory(activiteit=activiteit, history_user=ambtenaar)
    weg = f.PartnerFactory(history_user=ambtenaar)
    weg._history_user = ambtenaar
    weg.delete()
    return activiteit, deelname


def test_every_history_row_has_one_index_row_with_user_and_municipality(data, ambtenaar):
    activiteit, deelname = data
    assert Historieregel.objects.count() == all_history_rows()

    regels = list(Historieregel.objects.filter(object_id=deelname.pk, soort__model="deelname"))
    assert [(r.type, r.reden) for r in sorted(regels, key=lambda r: r.id)] == [
        ("+", ""),
        ("~", "Bijdrage aangepast"),
    ]
    for regel in regels:
        assert regel.gebruiker == ambtenaar
        assert regel.gebruikersnaam == ambtenaar.username
        assert regel.gemeente.naam == "Dordrecht"
        assert regel.object_naam == str(deelname)
    history = deelname.history.order_by("history_id")
    assert sorted(r.historie_id for r in regels) == [h.history_id for h in history]
    assert Historieregel.objects.filter(type="-", soort__model="partner").count() == 1


def test_the_chain_links_every_index_row_to_the_one_before(data):
    regels = list(Historieregel.objects.order_by("id"))
    assert regels[0].vorige_hash == BEGIN
    for vorige, regel in zip(regels, regels[1:], strict=False):
        assert regel.vorige_hash == vorige.hash
    assert len({r.hash for r in regels}) == len(regels)


def test_controleer_historie_passes_on_an_untouched_chain(data):
    output = verify()
    assert "Keten intact" in output
    assert f"{Historieregel.objects.count()} historierij(en)" in output


def _table(model) -> str:
    return connection.ops.quote_name(history_model_of(model)._meta.db_table)


def test_a_history_row_altered_with_raw_sql_is_caught(data):
    activiteit, deelname = data
    target = deelname.history.order_by("history_id").first()
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {_table(Deelname)} SET jaarlijkse_bijdrage = %s WHERE history_id = %s",
            [Decimal("1.00"), target.history_id],
        )

    message = verify()
    assert message.startswith("FOUT Keten gebroken")
    assert "inhoud gewijzigd" in message
    assert f"thema.Deelname, historie-id {target.history_id}" in message
    assert str(deelname) in message
    assert target.history_date.isoformat()[:10] in message


def test_a_many_to_many_snapshot_altered_with_raw_sql_is_caught(data):
    activiteit, _ = data
    m2m_table = connection.ops.quote_name(
        history_model_of(Activiteit).__dict__["partners"].model._meta.db_table
    )
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {m2m_table}")

    message = verify()
    assert "inhoud gewijzigd" in message
    assert "thema.Activiteit" in message


def test_a_history_row_deleted_in_the_middle_is_caught(data):
    _, deelname = data
    regels = list(Historieregel.objects.order_by("id"))
    middle = next(r for r in regels[len(regels) // 3 :] if r.soort.model == "deelname")
    with connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {_table(Deelname)} WHERE history_id = %s", [middle.historie_id]
        )

    message = verify()
    assert "historierij ontbreekt" in message
    assert f"thema.Deelname, historie-id {middle.historie_id}" in message


def test_a_history_row_deleted_with_its_index_row_breaks_the_next_link(data):
    regels = list(Historieregel.objects.order_by("id"))
    middle = regels[len(regels) // 2]
    following = regels[len(regels) // 2 + 1]
    model = middle.soort.model_class()
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {_table(model)} WHERE history_id = %s", [middle.historie_id])
        cursor.execute(
            f"DELETE FROM {connection.ops.quote_name(Historieregel._meta.db_table)} WHERE id = %s",
            [middle.pk],
        )

    message = verify()
    assert "schakel ontbreekt" in message
    assert f"historie-id {following.historie_id}" in message


def test_an_index_row_pointed_at_another_date_is_caught(data):
    regel = Historieregel.objects.order_by("id")[3]
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {connection.ops.quote_name(Historieregel._meta.db_table)} "
            "SET datum = %s WHERE id = %s",
            ["2020-01-01 00:00:00", regel.pk],
        )
    assert "indexregel wijkt af" in verify()


def test_a_rebuilt_hash_does_not_hide_the_change_from_the_next_link(data):
    """Recomputing the altered row's own hash (even with the key) leaves the next row pointing at
    the old one."""
    _, deelname = data
    target = deelname.history.order_by("history_id").first()
    regel = Historieregel.objects.get(soort__model="deelname", historie_id=target.history_id)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {_table(Deelname)} SET jaarlijkse_bijdrage = %s WHERE history_id = %s",
            [Decimal("1.00"), target.history_id],
        )
    row, m2m = history_rows(type(target), [target.history_id])[target.history_id]
    index = {field: getattr(regel, field) for field in INDEX_FIELDS}
    new_hash = link_hash(type(target), row, m2m, index, regel.vorige_hash)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {connection.ops.quote_name(Historieregel._meta.db_table)} "
            "SET hash = %s WHERE id = %s",
            [new_hash, regel.pk],
        )
    message = verify()
    assert "schakel ontbreekt" in message


def test_history_written_outside_the_chain_is_reported_and_indexeer_adds_it(data):
    count = Historieregel.objects.count()
    newest = list(Historieregel.objects.order_by("-id")[:3])
    for regel in newest:
        regel.delete()

    message = verify()
    assert "zonder indexregel" in message

    out = _Out()
    call_command("controleer_historie", "--indexeer", stdout=out)
    assert "3 historierij(en) aan de keten toegevoegd" in out.text
    assert "Keten intact" in out.text
    assert Historieregel.objects.count() == count


def test_indexeer_builds_the_whole_chain_for_an_existing_database_only_when_asked(data, ambtenaar):
    Historieregel.objects.all().delete()
    checked, breuk = chain_verify()
    assert checked == 0
    assert breuk is not None

    with pytest.raises(CommandError, match="De index is leeg"):
        call_command("controleer_historie", "--indexeer", stdout=_Out())
    assert not Historieregel.objects.exists()

    call_command("controleer_historie", "--indexeer", "--eerste-opbouw", stdout=_Out())
    checked, breuk = chain_verify()
    assert breuk is None
    assert checked == all_history_rows()
    regel = Historieregel.objects.filter(soort__model="deelname").order_by("id").first()
    assert regel.gebruiker == ambtenaar
    assert regel.gemeente.naam == "Dordrecht"
    assert regel.object_naam == str(data[1])


def test_the_chain_is_locked_on_postgresql_for_each_new_index_row():
    with CaptureQueriesContext(connection) as queries:
        Thema.objects.create(naam="Wonen", slug="wonen")
    locks = [q["sql"] for q in queries if "pg_advisory_xact_lock" in q["sql"]]
    assert len(locks) == (1 if connection.vendor == "postgresql" else 0)
    assert Historieregel.objects.get().object_naam == "Wonen"


def test_gemeente_history_is_indexed_without_a_user():
    gemeente = Gemeente.objects.create(naam="Gorinchem", slug="gorinchem", cbs_code="GM0512")
    regel = Historieregel.objects.get()
    assert (regel.object_id, regel.gebruiker, regel.gebruikersnaam, regel.gemeente) == (
        gemeente.pk,
        None,
        "",
        None,
    )
    assert "Keten intact" in verify()


@pytest.mark.skipif(
    connection.vendor == "sqlite", reason="SQLite serialises writers; the race needs PostgreSQL"
)
@pytest.mark.django_db(transaction=True)
def test_simultaneous_writers_extend_one_chain_without_forks():
    barrier = threading.Barrier(4)
    fouten: list[BaseException] = []

    def schrijf(n: int) -> None:
        try:
            barrier.wait(timeout=10)
            for i in range(10):
                with transaction.atomic():
                    Thema.objects.create(naam=f"Thema {n}-{i}", slug=f"thema-{n}-{i}")
        except BaseException as fout:  # noqa: BLE001 - reported in the main thread
            fouten.append(fout)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=schrijf, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert fouten == []
    assert Historieregel.objects.count() == 40
    checked, breuk = chain_verify()
    assert (checked, breuk) == (40, None)


def test_a_cascade_deletion_is_indexed_and_the_chain_stays_whole(ambtenaar):
    thema = f.ThemaFactory(history_user=ambtenaar, naam="Wonen")
    f.TeamlidFactory(thema=thema, gebruiker=ambtenaar, history_user=ambtenaar)
    thema._history_user = ambtenaar
    thema.delete()

    deleted = {r.soort.model: r.object_naam for r in Historieregel.objects.filter(type="-")}
    assert deleted["thema"] == "Wonen"
    assert "Wonen" in deleted["teamlid"]
    assert "Keten intact" in verify()
