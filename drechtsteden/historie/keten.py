"""The audit log's keyed hash chain: one Historieregel per history row, written with it, checked.

Every history row that django-simple-history writes gets an index row (`Historieregel`) in the same
transaction. Its `hash` is an HMAC-SHA-256, keyed with settings.HISTORIE_SLEUTEL, over a canonical
serialisation of the history row (every column, and the rows of its many-to-many snapshot), of the
index row's own columns (who, which municipality, the object's name, the reason: all that /historie/
shows) and of the previous index row's hash: one chain over all models, in the order the rows were
written. Changing or deleting a history row, or an index row, breaks the chain from that point;
`chain_verify` finds the first broken link. Without the key nobody can compute a valid link, so a
database writer cannot repair the chain after a change. What the chain cannot see (the newest rows
cut off, a rebuild over an emptied index) the anchor outside the database does (`anchor_verify`);
what it does not cover (a live row changed past its history) `live_rows_verify` does.
"""

import datetime
import hashlib
import hmac
import json
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ObjectDoesNotExist
from django.db import connections, models, router, transaction
from django.db.models import Max, Subquery
from simple_history.models import HistoricalChanges

from drechtsteden.models import Historieregel, Profiel
from drechtsteden.selectors import user_gemeente

# The first index row follows no other.
BEGIN = ""
# Key of the transaction-level advisory lock that serialises writers of the chain on PostgreSQL.
CHAIN_LOCK_KEY = 0x52505F48495354
BATCH = 2000
# The columns of an index row inside its hash, besides the history row's content.
INDEX_FIELDS = (
    "historie_id",
    "object_id",
    "object_naam",
    "gebruiker_id",
    "gebruikersnaam",
    "gemeente_id",
    "type",
    "datum",
    "reden",
)
# The chain of before the key (drechtsteden 0002): plain SHA-256 without the index row's columns.
# Only `chain_rekey` reads it, to move such a chain onto the key once.
ONGESLEUTELD = "sha256-zonder-sleutel"


class KetenFout(Exception):
    """A refused operation on the chain, with a Dutch message for the operator."""


def historied_models() -> list[type[models.Model]]:
    """Every model that keeps a django-simple-history table, in a fixed order."""
    found = [
        model
        for model in apps.get_models()
        if hasattr(model._meta, "simple_history_manager_attribute")
        and not issubclass(model, HistoricalChanges)
    ]
    return sorted(found, key=lambda model: model._meta.label)


def history_model_of(model: type[models.Model]) -> type[models.Model]:
    return getattr(model, model._meta.simple_history_manager_attribute).model


def _m2m_models(history_model: type[models.Model]) -> list[tuple[str, type[models.Model]]]:
    """The many-to-many snapshot tables of a history model, by field name."""
    return [
        (field.name, history_model.__dict__[field.name].model)
        for field in getattr(history_model, "_history_m2m_fields", [])
    ]


def _canonical_value(value):
    if isinstance(value, datetime.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(datetime.UTC)
        return value.isoformat()
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, Decimal):
        # The scale a backend returns may differ (12500 vs 12500.00); the number does not.
        return format(value.normalize(), "f")
    if isinstance(value, bytes | memoryview):
        return bytes(value).hex()
    if isinstance(value, uuid.UUID):
        return str(value)
    return value


def canonical(
    history_model: type[models.Model],
    row: dict,
    m2m: dict[str, list[dict]],
    regel: dict | None = None,
) -> bytes:
    """A history row and its index row's columns as bytes that do not depend on the database or
    on the order of columns. Without `regel`: the unkeyed chain's content of before the key."""
    snapshot = {
        name: sorted(
            json.dumps({k: _canonical_value(v) for k, v in item.items()}, sort_keys=True)
            for item in items
        )
        for name, items in m2m.items()
    }
    data = {
        "model": history_model._meta.label,
        "velden": {key: _canonical_value(value) for key, value in row.items()},
        "m2m": snapshot,
    }
    if regel is not None:
        data["index"] = {key: _canonical_value(regel[key]) for key in INDEX_FIELDS}
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def sleutel() -> str:
    return settings.HISTORIE_SLEUTEL


def chain_hash(content: bytes, vorige_hash: str, key: str | None = None) -> str:
    """The link: HMAC-SHA-256 with the chain's key (the configured one unless given)."""
    message = content + b"\n" + vorige_hash.encode()
    if key == ONGESLEUTELD:
        return hashlib.sha256(message).hexdigest()
    return hmac.new((key or sleutel()).encode(), message, hashlib.sha256).hexdigest()


def link_hash(
    history_model, row: dict, m2m: dict, regel: dict, vorige: str, key: str | None = None
) -> str:
    """The hash of one index row under a key (the unkeyed chain did not cover its columns)."""
    if key == ONGESLEUTELD:
        return chain_hash(canonical(history_model, row, m2m), vorige, key)
    return chain_hash(canonical(history_model, row, m2m, regel), vorige, key)


def history_rows(
    history_model: type[models.Model], history_ids: Iterable[int], using: str = "default"
) -> dict[int, tuple[dict, dict[str, list[dict]]]]:
    """The stored content of the given history rows and of their many-to-many snapshots."""
    ids = list(history_ids)
    fields = [field.attname for field in history_model._meta.concrete_fields]
    rows = {
        row["history_id"]: (row, {})
        for row in history_model._default_manager.using(using)
        .filter(history_id__in=ids)
        .values(*fields)
    }
    for name, m2m_model in _m2m_models(history_model):
        m2m_fields = [
            field.attname
            for field in m2m_model._meta.concrete_fields
            if not field.primary_key and field.name != "history"
        ]
        for _, m2m in rows.values():
            m2m[name] = []
        items = m2m_model._default_manager.using(using).filter(history_id__in=ids)
        for item in items.values("history_id", *m2m_fields):
            history_id = item.pop("history_id")
            rows[history_id][1][name].append(item)
    return rows


def _lock_chain(using: str) -> None:
    """Serialise writers of the chain until the end of the transaction (SQLite does so anyway)."""
    connection = connections[using]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [CHAIN_LOCK_KEY])


def _last_hash(using: str) -> str:
    last = Historieregel.objects.using(using).order_by("-id").values_list("hash", flat=True)
    return last.first() or BEGIN


def _naam(instance: models.Model) -> str:
    """The object's name as its users know it; in a cascade its parent may be gone already."""
    try:
        return str(instance)[:255]
    except ObjectDoesNotExist:
        return f"{instance._meta.verbose_name} {instance.pk}"


def history_record_created(sender, instance, history_instance, history_user=None, **kwargs):
    """post_create_historical_record: the index row, in the history row's transaction."""
    using = kwargs.get("using") or router.db_for_write(sender)
    model = type(instance)
    gemeente = user_gemeente(history_user) if history_user is not None else None
    with transaction.atomic(using=using, savepoint=False):
        _lock_chain(using)
        vorige = _last_hash(using)
        row, m2m = history_rows(sender, [history_instance.pk], using)[history_instance.pk]
        regel = _regel_of(
            model,
            row,
            object_naam=_naam(instance),
            gebruikersnaam=history_user.get_username() if history_user is not None else "",
            gemeente_id=gemeente.pk if gemeente is not None else None,
        )
        Historieregel.objects.using(using).create(
            soort=ContentType.objects.db_manager(using).get_for_model(model),
            **regel,
            hash=link_hash(sender, row, m2m, regel, vorige),
            vorige_hash=vorige,
        )


def _regel_of(model, row: dict, *, object_naam: str, gebruikersnaam: str, gemeente_id) -> dict:
    """The columns of an index row (INDEX_FIELDS) for a history row."""
    return {
        "historie_id": row["history_id"],
        "object_id": row[model._meta.pk.attname],
        "object_naam": object_naam,
        "gebruiker_id": row["history_user_id"],
        "gebruikersnaam": gebruikersnaam,
        "gemeente_id": gemeente_id,
        "type": row["history_type"],
        "datum": row["history_date"],
        "reden": row["history_change_reason"] or "",
    }


@dataclass(frozen=True)
class Breuk:
    """The first broken link: which history row (where known), and what is wrong with it."""

    model: str
    historie_id: int | None
    object_id: int | None
    object_naam: str
    datum: datetime.datetime | None
    reden: str

    def __str__(self) -> str:
        datum = self.datum.isoformat() if self.datum else "?"
        if self.historie_id is None:
            return f"{self.reden}"
        return (
            f"{self.reden}: {self.model}, historie-id {self.historie_id}, "
            f"object {self.object_naam or '?'} (id {self.object_id}), datum {datum}"
        )


def _regels_by_id() -> Iterator[list[dict]]:
    """Every index row in chain order, a batch at a time, paged on the id (no OFFSET)."""
    last_id = 0
    fields = ["id", "soort_id", *INDEX_FIELDS, "hash", "vorige_hash"]
    while True:
        batch = list(
            Historieregel.objects.filter(id__gt=last_id).order_by("id").values(*fields)[:BATCH]
        )
        if not batch:
            return
        yield batch
        last_id = batch[-1]["id"]


def _history_models_by_content_type() -> dict[int, tuple[type[models.Model], type[models.Model]]]:
    models_ = historied_models()
    types = ContentType.objects.get_for_models(*models_)
    return {types[model].pk: (model, history_model_of(model)) for model in models_}


def _batch_content(batch: list[dict], by_type) -> dict:
    wanted: dict[int, list[int]] = defaultdict(list)
    for regel in batch:
        wanted[regel["soort_id"]].append(regel["historie_id"])
    return {
        soort_id: history_rows(by_type[soort_id][1], ids)
        for soort_id, ids in wanted.items()
        if soort_id in by_type
    }


def chain_verify(keys: list[str] | None = None) -> tuple[int, Breuk | None]:
    """Check every link: the index rows' order, each hash against the history row's content and
    the index row's columns now, and that no history row lacks an index row. Returns the rows
    checked and the first break. `keys`: the keys a link may be made with (the configured one)."""
    keys = keys or [sleutel()]
    by_type = _history_models_by_content_type()
    vorige = BEGIN
    checked = 0
    for batch in _regels_by_id():
        content = _batch_content(batch, by_type)
        for regel in batch:
            breuk = _check_link(regel, vorige, by_type, content, keys, first=checked == 0)
            if breuk is not None:
                return checked, breuk
            vorige = regel["hash"]
            checked += 1
    return checked, _first_unindexed(by_type)


def _check_link(regel: dict, vorige: str, by_type, content, keys, *, first: bool) -> Breuk | None:
    model, history_model = by_type.get(regel["soort_id"], (None, None))

    def breuk(reden: str, datum=None) -> Breuk:
        return Breuk(
            model=model._meta.label if model else f"soort {regel['soort_id']}",
            historie_id=regel["historie_id"],
            object_id=regel["object_id"],
            object_naam=regel["object_naam"],
            datum=datum or regel["datum"],
            reden=reden,
        )

    if regel["vorige_hash"] != vorige:
        return breuk("schakel ontbreekt of is verplaatst (vorige hash klopt niet)")
    found = content.get(regel["soort_id"], {}).get(regel["historie_id"])
    if model is None or found is None:
        return breuk("historierij ontbreekt")
    row, m2m = found
    afwijkend = [
        veld
        for veld, waarde in _regel_of(
            model,
            row,
            object_naam=regel["object_naam"],
            gebruikersnaam=regel["gebruikersnaam"],
            gemeente_id=regel["gemeente_id"],
        ).items()
        if regel[veld] != waarde
    ]
    if afwijkend:
        return breuk(
            f"indexregel wijkt af van de historierij ({', '.join(afwijkend)})",
            row["history_date"],
        )
    if not any(
        hmac.compare_digest(link_hash(history_model, row, m2m, regel, vorige, key), regel["hash"])
        for key in keys
    ):
        hint = " (bij de eerste schakel: is DJANGO_HISTORIE_SLEUTEL de juiste sleutel?)"
        return breuk(
            "inhoud gewijzigd (hash klopt niet: historierij of indexregel gewijzigd)"
            + (hint if first else ""),
            row["history_date"],
        )
    return None


def _unindexed(history_model: type[models.Model], soort_id: int) -> models.QuerySet:
    indexed = Historieregel.objects.filter(soort_id=soort_id).values("historie_id")
    return history_model._default_manager.exclude(history_id__in=indexed)


def _first_unindexed(by_type) -> Breuk | None:
    first = None
    for soort_id, (model, history_model) in by_type.items():
        row = (
            _unindexed(history_model, soort_id)
            .order_by("history_date", "history_id")
            .values("history_id", "history_date", model._meta.pk.attname)
            .first()
        )
        if row and (first is None or row["history_date"] < first[1]["history_date"]):
            first = (model, row)
    if first is None:
        return None
    model, row = first
    return Breuk(
        model=model._meta.label,
        historie_id=row["history_id"],
        object_id=row[model._meta.pk.attname],
        object_naam="",
        datum=row["history_date"],
        reden="historierij zonder indexregel (buiten de keten geschreven; zie --indexeer)",
    )


def chain_index_missing(*, eerste_opbouw: bool = False) -> int:
    """Append index rows for history rows that have none, oldest first, after the last index row.

    Only history newer than the chain's last link is appended: an older row without an index row
    was written outside the chain, or its index row was removed, and appending it would approve
    it; that is refused (KetenFout). An empty index over existing history is refused too, unless
    `eerste_opbouw`: for a database whose history predates the chain, once. The object name comes
    from the history row itself; the municipality is the user's current one.
    """
    by_type = _history_models_by_content_type()
    missing = sorted(
        (row["history_date"], soort_id, row["history_id"])
        for soort_id, (model, history_model) in by_type.items()
        for row in _unindexed(history_model, soort_id).values("history_id", "history_date")
    )
    if not missing:
        return 0
    using = router.db_for_write(Historieregel)
    with transaction.atomic(using=using):
        _lock_chain(using)
        kop = Historieregel.objects.order_by("-id").values("datum", "hash").first()
        if kop is None and not eerste_opbouw:
            raise KetenFout(
                f"De index is leeg, maar er zijn {len(missing)} historierij(en): een nieuwe keten "
                "over bestaande historie zou elke wijziging daarin goedkeuren. Dit weigert "
                "--indexeer. Alleen voor een database waarvan de historie van vóór de keten is: "
                "--indexeer --eerste-opbouw, en vergelijk daarna met een bewaard anker (--anker)."
            )
        if kop is not None:
            ouder = [item for item in missing if item[0] < kop["datum"]]
            if ouder:
                datum, soort_id, history_id = ouder[0]
                raise KetenFout(
                    f"{len(ouder)} historierij(en) zonder indexregel zijn ouder dan de laatste "
                    f"schakel (de eerste: {by_type[soort_id][0]._meta.label}, historie-id "
                    f"{history_id}, datum {datum.isoformat()}): buiten de keten geschreven, of "
                    "hun indexregels zijn verwijderd. --indexeer voegt alleen nieuwere historie "
                    "achteraan toe en bouwt een bestaande keten niet opnieuw op."
                )
        gemeente_of = dict(
            Profiel.objects.filter(gemeente__isnull=False).values_list(
                "gebruiker_id", "gemeente_id"
            )
        )
        vorige = kop["hash"] if kop else BEGIN
        for start in range(0, len(missing), BATCH):
            batch = missing[start : start + BATCH]
            vorige = _index_batch(batch, by_type, gemeente_of, vorige)
    return len(missing)


def _index_batch(batch, by_type, gemeente_of, vorige: str) -> str:
    wanted: dict[int, list[int]] = defaultdict(list)
    for _, soort_id, history_id in batch:
        wanted[soort_id].append(history_id)
    content = {
        soort_id: history_rows(by_type[soort_id][1], ids) for soort_id, ids in wanted.items()
    }
    instances = {
        soort_id: {
            history.history_id: history
            for history in by_type[soort_id][1]
            ._default_manager.filter(history_id__in=ids)
            .select_related("history_user")
        }
        for soort_id, ids in wanted.items()
    }
    regels = []
    for _, soort_id, history_id in batch:
        model, history_model = by_type[soort_id]
        row, m2m = content[soort_id][history_id]
        history = instances[soort_id][history_id]
        user = history.history_user
        regel = _regel_of(
            model,
            row,
            object_naam=_naam(history.instance),
            gebruikersnaam=user.get_username() if user else "",
            gemeente_id=gemeente_of.get(row["history_user_id"]),
        )
        digest = link_hash(history_model, row, m2m, regel, vorige)
        regels.append(Historieregel(soort_id=soort_id, **regel, hash=digest, vorige_hash=vorige))
        vorige = digest
    Historieregel.objects.bulk_create(regels)
    return vorige


def chain_rekey(*, oude_sleutel: str) -> int:
    """Move the whole chain onto the configured key: every link is first checked under the old
    key (or the new one, for links written since the new key was configured; or ONGESLEUTELD for
    the unkeyed chain of before the key), then every hash is recomputed under the new key, in one
    transaction under the chain lock. A broken chain is refused: a key change approves nothing."""
    using = router.db_for_write(Historieregel)
    with transaction.atomic(using=using):
        _lock_chain(using)
        checked, breuk = chain_verify(keys=[oude_sleutel, sleutel()])
        if breuk is not None:
            raise KetenFout(
                f"Sleutelwissel geweigerd: de keten is onder de oude sleutel al gebroken na "
                f"{checked} goede schakel(s). Eerste gebroken schakel: {breuk}"
            )
        by_type = _history_models_by_content_type()
        vorige = BEGIN
        for batch in _regels_by_id():
            content = _batch_content(batch, by_type)
            vorige = _rekey_batch(batch, by_type, content, vorige)
    return checked


def _rekey_batch(batch, by_type, content, vorige: str) -> str:
    regels = []
    for regel in batch:
        history_model = by_type[regel["soort_id"]][1]
        row, m2m = content[regel["soort_id"]][regel["historie_id"]]
        digest = link_hash(history_model, row, m2m, regel, vorige)
        regels.append(Historieregel(id=regel["id"], hash=digest, vorige_hash=vorige))
        vorige = digest
    Historieregel.objects.bulk_update(regels, ["hash", "vorige_hash"])
    return vorige


# The live rows: each object as its latest history row says it is


def live_rows_verify() -> Breuk | None:
    """Every live row of every historied model equals its latest history row in every tracked
    field and many-to-many set; no live row lacks history, and no object vanished without a
    deletion row. Catches a live row (a vote, a decision) changed past its history."""
    for model in historied_models():
        breuk = _live_verify_model(model, history_model_of(model))
        if breuk is not None:
            return breuk
    return None


def _m2m_sets(model, history_model) -> list[tuple[str, type, str, str, type]]:
    """Per tracked many-to-many field: name, through model, its source and target column, and
    the history's snapshot model (which has the same two columns)."""
    found = []
    for name, m2m_model in _m2m_models(history_model):
        field = model._meta.get_field(name)
        through = field.remote_field.through
        source = through._meta.get_field(field.m2m_field_name()).attname
        target = through._meta.get_field(field.m2m_reverse_field_name()).attname
        found.append((name, through, source, target, m2m_model))
    return found


def _live_verify_model(model, history_model) -> Breuk | None:
    pk = model._meta.pk.attname
    fields = [field.attname for field in history_model.tracked_fields]
    history = history_model._default_manager
    live = model._base_manager.order_by(pk).values(*fields)
    m2m_sets = _m2m_sets(model, history_model)

    def breuk(reden: str, row: dict, object_id) -> Breuk:
        naam = (
            Historieregel.objects.filter(
                soort=ContentType.objects.get_for_model(model), historie_id=row["history_id"]
            )
            .values_list("object_naam", flat=True)
            .first()
        )
        return Breuk(
            model=model._meta.label,
            historie_id=row["history_id"],
            object_id=object_id,
            object_naam=naam or "",
            datum=row["history_date"],
            reden=reden,
        )

    last = None
    while True:
        batch = list((live.filter(**{f"{pk}__gt": last}) if last is not None else live)[:BATCH])
        if not batch:
            break
        ids = [row[pk] for row in batch]
        newest = (
            history.filter(**{f"{pk}__in": ids})
            .order_by()
            .values(pk)
            .annotate(laatste=Max("history_id"))
            .values("laatste")
        )
        latest = {
            row[pk]: row
            for row in history.filter(history_id__in=Subquery(newest)).values(
                *fields, "history_id", "history_type", "history_date"
            )
        }
        verschil = _m2m_differences(m2m_sets, ids, latest)
        for row in batch:
            laatste = latest.get(row[pk])
            if laatste is None:
                return Breuk(
                    model=model._meta.label,
                    historie_id=None,
                    object_id=row[pk],
                    object_naam="",
                    datum=None,
                    reden=(
                        f"levende rij zonder historie (buiten de historie geschreven): "
                        f"{model._meta.label}, object-id {row[pk]}"
                    ),
                )
            if laatste["history_type"] == "-":
                return breuk("levende rij die volgens de historie verwijderd is", laatste, row[pk])
            afwijkend = [
                veld
                for veld in fields
                if _canonical_value(row[veld]) != _canonical_value(laatste[veld])
            ]
            afwijkend += verschil.get(row[pk], [])
            if afwijkend:
                return breuk(
                    "levende rij wijkt af van haar laatste historierij "
                    f"({', '.join(afwijkend)}; buiten de historie gewijzigd)",
                    laatste,
                    row[pk],
                )
        last = ids[-1]
    newest_all = history.order_by().values(pk).annotate(laatste=Max("history_id")).values("laatste")
    weg = (
        history.filter(history_id__in=Subquery(newest_all))
        .exclude(history_type="-")
        .exclude(**{f"{pk}__in": model._base_manager.values(pk)})
        .order_by("history_id")
        .values("history_id", "history_date", pk)
        .first()
    )
    if weg is not None:
        return breuk("object verwijderd buiten de historie (geen verwijderregel)", weg, weg[pk])
    return None


def _m2m_differences(m2m_sets, ids: list, latest: dict) -> dict:
    """Per object id: the many-to-many fields whose live set differs from the latest snapshot."""
    verschil: dict = defaultdict(list)
    history_ids = {row["history_id"]: object_id for object_id, row in latest.items()}
    for name, through, source, target, m2m_model in m2m_sets:
        live: dict = defaultdict(set)
        for object_id, doel in through._default_manager.filter(
            **{f"{source}__in": ids}
        ).values_list(source, target):
            live[object_id].add(doel)
        snapshot: dict = defaultdict(set)
        for history_id, doel in m2m_model._default_manager.filter(
            history_id__in=list(history_ids)
        ).values_list("history_id", target):
            snapshot[history_ids[history_id]].add(doel)
        for object_id in ids:
            if live[object_id] != snapshot[object_id]:
                verschil[object_id].append(name)
    return verschil


# The anchor: the chain's head, kept outside the database


@dataclass(frozen=True)
class Anker:
    """The chain's head at a moment: how many links, and the last one's id and hash."""

    aantal: int
    laatste_id: int | None
    kop: str
    tijd: str = ""

    def regel(self) -> str:
        return json.dumps(
            {
                "aantal": self.aantal,
                "laatste_id": self.laatste_id,
                "kop": self.kop,
                "tijd": self.tijd,
            },
            sort_keys=True,
        )


def chain_head() -> Anker:
    last = Historieregel.objects.order_by("-id").values("id", "hash").first()
    return Anker(
        aantal=Historieregel.objects.count(),
        laatste_id=last["id"] if last else None,
        kop=last["hash"] if last else BEGIN,
        tijd=datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
    )


def anchors_read(path) -> list[Anker]:
    """The anchors kept in a file, one JSON object a line (as `--anker-schrijf` appends them)."""
    try:
        with open(path, encoding="utf-8") as bestand:
            regels = [regel for regel in bestand if regel.strip()]
    except OSError as fout:
        raise KetenFout(f"Het ankerbestand {path} is niet te lezen: {fout.strerror}.") from fout
    ankers = []
    for nummer, regel in enumerate(regels, start=1):
        try:
            data = json.loads(regel)
            ankers.append(
                Anker(
                    aantal=int(data["aantal"]),
                    laatste_id=data["laatste_id"],
                    kop=str(data["kop"]),
                    tijd=str(data.get("tijd", "")),
                )
            )
        except (ValueError, KeyError, TypeError) as fout:
            raise KetenFout(f"Regel {nummer} van het ankerbestand {path} is geen anker.") from fout
    if not ankers:
        raise KetenFout(f"Het ankerbestand {path} bevat geen anker.")
    return ankers


def anchor_write(path, anker: Anker) -> None:
    with open(path, "a", encoding="utf-8") as bestand:
        bestand.write(anker.regel() + "\n")


def anchor_verify(ankers: list[Anker]) -> Breuk | None:
    """Each kept anchor's link is still in the chain, at the same place, with the same hash: the
    newest links cut off, or a chain rebuilt over an emptied index, no longer match."""
    for anker in ankers:
        if anker.aantal == 0:
            continue
        regel = (
            Historieregel.objects.filter(id=anker.laatste_id)
            .values("id", "soort_id", "historie_id", "object_id", "object_naam", "datum", "hash")
            .first()
        )
        plaats = Historieregel.objects.filter(id__lte=anker.laatste_id).count()
        if regel is None or regel["hash"] != anker.kop or plaats != anker.aantal:
            if regel is None:
                wat = "ontbreekt: de nieuwste schakels zijn weggeknipt"
            elif regel["hash"] != anker.kop:
                wat = "heeft een andere hash: de keten is opnieuw opgebouwd"
            else:
                wat = f"staat op plaats {plaats}: er zijn schakels verdwenen of bijgekomen"
            return Breuk(
                model="",
                historie_id=None,
                object_id=None,
                object_naam="",
                datum=None,
                reden=(
                    f"de keten wijkt af van het anker van {anker.tijd or '?'}: schakel "
                    f"{anker.aantal} (indexregel-id {anker.laatste_id}, hash {anker.kop}) {wat}"
                ),
            )
    return None


# More checks (the published files, for instance) are registered by the apps that own them.

Check = Callable[[], Breuk | None]
_checks: list[tuple[str, Check]] = [("levende rijen", live_rows_verify)]


def register_check(naam: str, check: Check) -> None:
    """An app adds a check to `controleer_historie` (from its AppConfig.ready): a function that
    returns the first Breuk it finds, or None."""
    if all(bestaand != naam for bestaand, _ in _checks):
        _checks.append((naam, check))


def checks() -> list[tuple[str, Check]]:
    return list(_checks)
