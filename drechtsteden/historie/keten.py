"""The audit log's hash chain: one Historieregel per history row, written with it, checked later.

Every history row that django-simple-history writes gets an index row (`Historieregel`) in the same
transaction. Its `hash` is SHA-256 over a canonical serialisation of the history row (every column,
and the rows of its many-to-many snapshot) followed by the previous index row's hash: one chain over
all models, in the order the rows were written. Changing or deleting a history row, or an index row,
breaks the chain from that point; `chain_verify` finds the first broken link.
"""

import datetime
import hashlib
import json
import uuid
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ObjectDoesNotExist
from django.db import connections, models, router, transaction
from simple_history.models import HistoricalChanges

from drechtsteden.models import Historieregel, Profiel
from drechtsteden.selectors import user_gemeente

# The first index row follows no other.
BEGIN = ""
# Key of the transaction-level advisory lock that serialises writers of the chain on PostgreSQL.
CHAIN_LOCK_KEY = 0x52505F48495354
BATCH = 2000


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


def canonical(history_model: type[models.Model], row: dict, m2m: dict[str, list[dict]]) -> bytes:
    """A history row as bytes that do not depend on the database or on the order of columns."""
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
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def chain_hash(content: bytes, vorige_hash: str) -> str:
    return hashlib.sha256(content + b"\n" + vorige_hash.encode()).hexdigest()


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
        Historieregel.objects.using(using).create(
            soort=ContentType.objects.db_manager(using).get_for_model(model),
            historie_id=history_instance.pk,
            object_id=row[model._meta.pk.attname],
            object_naam=_naam(instance),
            gebruiker_id=row["history_user_id"],
            gebruikersnaam=history_user.get_username() if history_user is not None else "",
            gemeente=gemeente,
            type=row["history_type"],
            datum=row["history_date"],
            reden=row["history_change_reason"] or "",
            hash=chain_hash(canonical(sender, row, m2m), vorige),
            vorige_hash=vorige,
        )


@dataclass(frozen=True)
class Breuk:
    """The first broken link of the chain: which history row, and what is wrong with it."""

    model: str
    historie_id: int
    object_id: int | None
    object_naam: str
    datum: datetime.datetime | None
    reden: str

    def __str__(self) -> str:
        datum = self.datum.isoformat() if self.datum else "?"
        return (
            f"{self.reden}: {self.model}, historie-id {self.historie_id}, "
            f"object {self.object_naam or '?'} (id {self.object_id}), datum {datum}"
        )


def _regels_by_id() -> Iterator[list[dict]]:
    """Every index row in chain order, a batch at a time, paged on the id (no OFFSET)."""
    last_id = 0
    fields = [
        "id",
        "soort_id",
        "historie_id",
        "object_id",
        "object_naam",
        "gebruiker_id",
        "type",
        "datum",
        "hash",
        "vorige_hash",
    ]
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


def chain_verify() -> tuple[int, Breuk | None]:
    """Check every link: the index rows' order, each hash against the history row's content now,
    and that no history row lacks an index row. Returns the rows checked and the first break."""
    by_type = _history_models_by_content_type()
    vorige = BEGIN
    checked = 0
    for batch in _regels_by_id():
        wanted: dict[int, list[int]] = defaultdict(list)
        for regel in batch:
            wanted[regel["soort_id"]].append(regel["historie_id"])
        content = {
            soort_id: history_rows(by_type[soort_id][1], ids)
            for soort_id, ids in wanted.items()
            if soort_id in by_type
        }
        for regel in batch:
            breuk = _check_link(regel, vorige, by_type, content)
            if breuk is not None:
                return checked, breuk
            vorige = regel["hash"]
            checked += 1
    return checked, _first_unindexed(by_type)


def _check_link(regel: dict, vorige: str, by_type, content) -> Breuk | None:
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
    if (
        row[model._meta.pk.attname] != regel["object_id"]
        or row["history_type"] != regel["type"]
        or row["history_date"] != regel["datum"]
        or row["history_user_id"] != regel["gebruiker_id"]
    ):
        return breuk("indexregel wijkt af van de historierij", row["history_date"])
    if chain_hash(canonical(history_model, row, m2m), vorige) != regel["hash"]:
        return breuk("inhoud gewijzigd (hash klopt niet)", row["history_date"])
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


def chain_index_missing() -> int:
    """Index the history rows that have no index row yet, oldest first, at the end of the chain.

    For a database that had history before the index existed (once), or after a repair. The object
    name comes from the history row itself; the municipality is the user's current one.
    """
    by_type = _history_models_by_content_type()
    missing = sorted(
        (row["history_date"], soort_id, row["history_id"])
        for soort_id, (model, history_model) in by_type.items()
        for row in _unindexed(history_model, soort_id).values("history_id", "history_date")
    )
    if not missing:
        return 0
    gemeente_of = dict(
        Profiel.objects.filter(gemeente__isnull=False).values_list("gebruiker_id", "gemeente_id")
    )
    using = router.db_for_write(Historieregel)
    with transaction.atomic(using=using):
        _lock_chain(using)
        vorige = _last_hash(using)
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
        digest = chain_hash(canonical(history_model, row, m2m), vorige)
        regels.append(
            Historieregel(
                soort_id=soort_id,
                historie_id=history_id,
                object_id=row[model._meta.pk.attname],
                object_naam=_naam(history.instance),
                gebruiker_id=row["history_user_id"],
                gebruikersnaam=user.get_username() if user else "",
                gemeente_id=gemeente_of.get(row["history_user_id"]),
                type=row["history_type"],
                datum=row["history_date"],
                reden=row["history_change_reason"] or "",
                hash=digest,
                vorige_hash=vorige,
            )
        )
        vorige = digest
    Historieregel.objects.bulk_create(regels)
    return vorige
