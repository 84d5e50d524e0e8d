"""An insider with database access but without the key: each change is caught, the first broken
link named. The test plays the insider with raw SQL (the portal itself never writes that way)."""

import json
import logging

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from drechtsteden.historie.keten import history_model_of
from drechtsteden.models import Historieregel
from tests import factories as f
from transitie.models import Besluit, Stem

pytestmark = pytest.mark.django_db

ANDERE_SLEUTEL = "een-andere-sleutel-van-minstens-32-tekens-lang"


def controleer(*args) -> str:
    """Run the command; its output on success, 'FOUT ' and the error on a refusal or break."""
    out = _Out()
    try:
        call_command("controleer_historie", *args, stdout=out)
    except CommandError as error:
        return f"FOUT {error}"
    return out.text


class _Out:
    def __init__(self):
        self.text = ""

    def write(self, text: str) -> None:
        self.text += text


def sql(statement: str, params=()) -> None:
    with connection.cursor() as cursor:
        cursor.execute(statement, list(params))


def table(model) -> str:
    return connection.ops.quote_name(model._meta.db_table)


REGELS = table(Historieregel)


@pytest.fixture
def wereld():
    """A vote and a decision by a wethouder of Dordrecht, with reasons."""
    wethouder = f.UserFactory(wethouder=True, gemeente=f.GemeenteFactory(naam="Dordrecht"))
    stem = f.StemFactory(history_user=wethouder, uitgebracht_door=wethouder)
    stem.toelichting = "Na overleg in het college"
    stem._history_user = wethouder
    stem._change_reason = "Toelichting aangevuld"
    stem.save()
    besluit = f.BesluitFactory(history_user=wethouder)
    assert "Keten intact" in controleer()
    return wethouder, stem, besluit


def regel_of(obj, *, laatste=True) -> Historieregel:
    regels = Historieregel.objects.filter(
        soort__model=obj._meta.model_name, object_id=obj.pk
    ).order_by("id")
    return regels.last() if laatste else regels.first()


@pytest.mark.parametrize(
    ("kolom", "waarde", "melding"),
    [
        ("gebruikersnaam", "iemand-anders", "inhoud gewijzigd"),
        ("reden", "Zomaar", "indexregel wijkt af van de historierij (reden)"),
        ("object_naam", "Een ander object", "inhoud gewijzigd"),
        ("gemeente_id", None, "inhoud gewijzigd"),
        ("gebruiker_id", None, "indexregel wijkt af van de historierij (gebruiker_id)"),
    ],
)
def test_who_and_why_changed_in_an_index_row_is_caught(wereld, kolom, waarde, melding):
    _, stem, _ = wereld
    regel = regel_of(stem)
    sql(f"UPDATE {REGELS} SET {kolom} = %s WHERE id = %s", [waarde, regel.pk])

    uitslag = controleer()
    assert uitslag.startswith("FOUT Keten gebroken")
    assert melding in uitslag
    assert f"transitie.Stem, historie-id {regel.historie_id}" in uitslag


@pytest.mark.parametrize(
    ("kolom", "melding"),
    [("history_change_reason", "(reden)"), ("history_user_id", "(gebruiker_id)")],
)
def test_who_and_why_changed_in_a_history_row_is_caught(wereld, kolom, melding):
    wethouder, stem, _ = wereld
    regel = regel_of(stem)
    andere = f.UserFactory()
    waarde = "Verzonnen" if kolom == "history_change_reason" else andere.pk
    sql(
        f"UPDATE {table(history_model_of(Stem))} SET {kolom} = %s WHERE history_id = %s",
        [waarde, regel.historie_id],
    )

    uitslag = controleer()
    assert f"indexregel wijkt af van de historierij {melding}" in uitslag
    assert f"transitie.Stem, historie-id {regel.historie_id}" in uitslag


def test_the_newest_history_row_cut_with_its_index_row_is_caught_by_the_anchor(wereld, tmp_path):
    anker = tmp_path / "anker.jsonl"
    assert "Keten intact" in controleer("--anker-schrijf", str(anker))
    kop = json.loads(anker.read_text().splitlines()[-1])
    nieuwste = Historieregel.objects.order_by("-id").first()
    assert (kop["aantal"], kop["laatste_id"], kop["kop"]) == (
        Historieregel.objects.count(),
        nieuwste.pk,
        nieuwste.hash,
    )
    model = nieuwste.soort.model_class()
    sql(
        f"DELETE FROM {table(history_model_of(model))} WHERE history_id = %s",
        [nieuwste.historie_id],
    )
    sql(f"DELETE FROM {REGELS} WHERE id = %s", [nieuwste.pk])

    uitslag = controleer("--anker", str(anker))
    assert uitslag.startswith("FOUT Keten gebroken")
    assert f"schakel {kop['aantal']} (indexregel-id {nieuwste.pk}" in uitslag
    assert "de nieuwste schakels zijn weggeknipt" in uitslag


def test_a_vote_changed_in_its_live_row_is_caught(wereld):
    _, stem, _ = wereld
    sql(f"UPDATE {table(Stem)} SET keuze = %s WHERE id = %s", ["tegen", stem.pk])

    uitslag = controleer()
    assert "levende rij wijkt af van haar laatste historierij (keuze;" in uitslag
    assert f"transitie.Stem, historie-id {regel_of(stem).historie_id}" in uitslag
    assert f"(id {stem.pk})" in uitslag


def test_a_decision_changed_in_its_live_row_is_caught(wereld):
    _, _, besluit = wereld
    sql(
        f"UPDATE {table(Besluit)} SET uitkomst = %s, toelichting = %s WHERE id = %s",
        ["verworpen", "Anders besloten", besluit.pk],
    )

    uitslag = controleer()
    assert "levende rij wijkt af van haar laatste historierij (uitkomst, toelichting;" in uitslag
    assert f"transitie.Besluit, historie-id {regel_of(besluit).historie_id}" in uitslag


def test_a_live_row_inserted_or_deleted_past_its_history_is_caught(wereld):
    _, stem, besluit = wereld
    sql(f"DELETE FROM {table(Besluit)} WHERE id = %s", [besluit.pk])
    uitslag = controleer()
    assert "object verwijderd buiten de historie" in uitslag
    assert f"transitie.Besluit, historie-id {regel_of(besluit).historie_id}" in uitslag


def test_a_many_to_many_set_changed_in_its_live_rows_is_caught():
    activiteit = f.ActiviteitFactory()
    activiteit.partners.add(f.PartnerFactory())
    through = activiteit._meta.get_field("partners").remote_field.through
    sql(f"DELETE FROM {table(through)}")

    uitslag = controleer()
    assert "levende rij wijkt af van haar laatste historierij (partners;" in uitslag
    assert "thema.Activiteit" in uitslag


def test_indexeer_refuses_to_rebuild_over_an_emptied_index(wereld, tmp_path):
    _, stem, _ = wereld
    anker = tmp_path / "anker.jsonl"
    assert "Keten intact" in controleer("--anker-schrijf", str(anker))
    sql(f"DELETE FROM {REGELS}")
    sql(
        f"UPDATE {table(history_model_of(Stem))} SET keuze = %s WHERE history_id = %s",
        ["tegen", stem.history.earliest("history_id").history_id],
    )

    uitslag = controleer("--indexeer")
    assert uitslag.startswith("FOUT De index is leeg, maar er zijn")
    assert not Historieregel.objects.exists()

    # An operator talked into the first build: the chain holds, the kept anchor does not.
    assert "Keten intact" in controleer("--indexeer", "--eerste-opbouw")
    uitslag = controleer("--anker", str(anker))
    assert uitslag.startswith("FOUT Keten gebroken")
    assert "de keten wijkt af van het anker" in uitslag


def test_indexeer_does_not_append_history_older_than_the_last_link(wereld):
    _, stem, _ = wereld
    eerste = regel_of(stem, laatste=False)
    sql(f"DELETE FROM {REGELS} WHERE id = %s", [eerste.pk])
    aantal = Historieregel.objects.count()

    uitslag = controleer("--indexeer")
    assert "zonder indexregel zijn ouder dan de laatste schakel" in uitslag
    assert f"transitie.Stem, historie-id {eerste.historie_id}" in uitslag
    assert Historieregel.objects.count() == aantal


def test_the_wrong_key_breaks_the_first_link(wereld, settings):
    settings.HISTORIE_SLEUTEL = ANDERE_SLEUTEL
    eerste = Historieregel.objects.order_by("id").first()

    uitslag = controleer()
    assert "inhoud gewijzigd" in uitslag
    assert "is DJANGO_HISTORIE_SLEUTEL de juiste sleutel?" in uitslag
    assert f"historie-id {eerste.historie_id}" in uitslag
    assert "na 0 goede schakel(s)" in uitslag


def test_key_rotation_rekeys_a_whole_chain_and_refuses_a_broken_one(wereld, settings, monkeypatch):
    oude = settings.HISTORIE_SLEUTEL
    settings.HISTORIE_SLEUTEL = ANDERE_SLEUTEL
    assert "FOUT" in controleer("--sleutel-wissel")  # no old key given
    monkeypatch.setenv("DJANGO_HISTORIE_SLEUTEL_OUD", oude)

    uitslag = controleer("--sleutel-wissel")
    assert "onder de nieuwe sleutel gezet" in uitslag
    assert "Keten intact" in uitslag
    settings.HISTORIE_SLEUTEL = oude
    assert "juiste sleutel?" in controleer()

    settings.HISTORIE_SLEUTEL = ANDERE_SLEUTEL
    monkeypatch.setenv("DJANGO_HISTORIE_SLEUTEL_OUD", ANDERE_SLEUTEL)
    regel = Historieregel.objects.order_by("id")[2]
    sql(f"UPDATE {REGELS} SET reden = %s WHERE id = %s", ["Witgewassen", regel.pk])
    hashes = list(Historieregel.objects.order_by("id").values_list("hash", flat=True))
    assert "Sleutelwissel geweigerd" in controleer("--sleutel-wissel")
    assert list(Historieregel.objects.order_by("id").values_list("hash", flat=True)) == hashes


def test_every_run_writes_the_head_to_the_security_log(wereld, caplog):
    kop = Historieregel.objects.order_by("-id").first()
    with caplog.at_level(logging.INFO, logger="regieportaal.security"):
        controleer()
    assert (
        f"historie-anker aantal={Historieregel.objects.count()} laatste_id={kop.pk} "
        f"kop={kop.hash} uitslag=intact"
    ) in caplog.text


def test_an_unreadable_anchor_file_is_a_clear_error(tmp_path):
    kapot = tmp_path / "anker.jsonl"
    kapot.write_text("geen json\n")
    assert "Regel 1 van het ankerbestand" in controleer("--anker", str(kapot))
    assert "is niet te lezen" in controleer("--anker", str(tmp_path / "weg.jsonl"))


def test_an_unkeyed_chain_of_before_the_key_moves_onto_the_key_once(wereld, monkeypatch):
    """A database from before the key: its links are plain SHA-256 over the history rows."""
    from drechtsteden.historie.keten import (
        BEGIN,
        INDEX_FIELDS,
        ONGESLEUTELD,
        history_rows,
        link_hash,
    )

    vorige = BEGIN
    for regel in Historieregel.objects.order_by("id"):
        history_model = history_model_of(regel.soort.model_class())
        row, m2m = history_rows(history_model, [regel.historie_id])[regel.historie_id]
        index = {field: getattr(regel, field) for field in INDEX_FIELDS}
        digest = link_hash(history_model, row, m2m, index, vorige, ONGESLEUTELD)
        sql(
            f"UPDATE {REGELS} SET hash = %s, vorige_hash = %s WHERE id = %s",
            [digest, vorige, regel.pk],
        )
        vorige = digest
    assert "juiste sleutel?" in controleer()

    monkeypatch.setenv("DJANGO_HISTORIE_SLEUTEL_OUD", ONGESLEUTELD)
    assert "Keten intact" in controleer("--sleutel-wissel")
    assert "Keten intact" in controleer()
