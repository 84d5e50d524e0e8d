"""Reads of the audit log (/historie/): filters, keyset pages, links to each object's history tab.

Pages are cut on (datum, id), newest first, with a cursor instead of an OFFSET: the first and the
last page cost the same on a log of any length.
"""

import datetime
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from drechtsteden.historie.keten import historied_models
from drechtsteden.models import Gemeente, Historieregel

PAGE_SIZE = 50
PERMISSION = "drechtsteden.view_historieregel"

# A function from object ids to the URLs of their history tabs, for one kind of object.
HistoryLinks = Callable[[list[int]], dict[int, str]]
_history_links: dict[str, HistoryLinks] = {}


def register_history_link(model_label: str, links: HistoryLinks) -> None:
    """An upper app names the history tab of one of its models (called from its AppConfig.ready).

    `links` gets the ids of a page's objects of that kind and answers in one query.
    """
    _history_links[model_label.lower()] = links


def access_historie(*, user) -> None:
    """The audit log is for the beheerder and the members of both regiekamers."""
    if not user.has_perm(PERMISSION):
        raise PermissionDenied(_("Alleen de beheerder en de regiekamers zien de historie."))


@dataclass(frozen=True)
class HistorieFilters:
    gebruiker: object | None = None
    gemeente: Gemeente | None = None
    soort: ContentType | None = None
    object_id: int | None = None
    van: datetime.date | None = None
    tot: datetime.date | None = None

    @property
    def actief(self) -> bool:
        return any(value is not None for value in vars(self).values())


def soort_keuzes() -> list[ContentType]:
    """The kinds of object that keep history, by their name (content types are cached)."""
    types = ContentType.objects.get_for_models(*historied_models())
    return sorted(types.values(), key=lambda ct: str(ct.model_class()._meta.verbose_name))


def persoon_keuzes() -> QuerySet:
    return (
        get_user_model()
        .objects.order_by("username")
        .only("id", "username", "first_name", "last_name")
    )


def historie_list(*, filters: HistorieFilters) -> QuerySet[Historieregel]:
    """The index rows that match the filters, with what a row of the list shows."""
    regels = Historieregel.objects.select_related("soort", "gemeente", "gebruiker")
    if filters.gebruiker is not None:
        regels = regels.filter(gebruiker=filters.gebruiker)
    if filters.gemeente is not None:
        regels = regels.filter(gemeente=filters.gemeente)
    if filters.soort is not None:
        regels = regels.filter(soort=filters.soort)
        if filters.object_id is not None:
            regels = regels.filter(object_id=filters.object_id)
    if filters.van is not None:
        regels = regels.filter(datum__gte=_start_of(filters.van))
    if filters.tot is not None:
        regels = regels.filter(datum__lt=_start_of(filters.tot + datetime.timedelta(days=1)))
    return regels


def _start_of(day: datetime.date) -> datetime.datetime:
    """Midnight of a day in the portal's time zone (the users' days, not UTC's)."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


# Keyset paging


def cursor_of(regel: Historieregel) -> str:
    """A row's place in the order: microseconds since the epoch and the id (exact, URL-safe)."""
    delta = regel.datum - datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)
    micros = (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds
    return f"{micros}_{regel.pk}"


def parse_cursor(value: str | None) -> tuple[datetime.datetime, int] | None:
    """The cursor's (datum, id), or None for a missing or malformed one (then: the first page)."""
    if not value:
        return None
    micros, _, pk = value.partition("_")
    try:
        datum = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC) + datetime.timedelta(
            microseconds=int(micros)
        )
        return datum, int(pk)
    except (ValueError, OverflowError):
        return None


def _older(datum: datetime.datetime, pk: int) -> Q:
    return Q(datum__lt=datum) | Q(datum=datum, id__lt=pk)


def _newer(datum: datetime.datetime, pk: int) -> Q:
    return Q(datum__gt=datum) | Q(datum=datum, id__gt=pk)


@dataclass(frozen=True)
class Pagina:
    regels: list[Historieregel]
    nieuwer: str | None  # cursor for the newer page ("voor"), None on the first page
    ouder: str | None  # cursor for the older page ("na"), None on the last page


def historie_page(
    regels: QuerySet[Historieregel],
    *,
    na: str | None = None,
    voor: str | None = None,
    laatste: bool = False,
    size: int = PAGE_SIZE,
) -> Pagina:
    """One page of the log, newest first: the first, the one after `na`, the one before `voor`,
    or the last. One query."""
    newest_first = regels.order_by("-datum", "-id")
    oldest_first = regels.order_by("datum", "id")
    na_cursor, voor_cursor = parse_cursor(na), parse_cursor(voor)
    if laatste:
        rows = list(oldest_first[: size + 1])
        more = len(rows) > size
        rows = rows[:size][::-1]
        return _pagina(rows, has_newer=more, has_older=False)
    if voor_cursor is not None:
        rows = list(oldest_first.filter(_newer(*voor_cursor))[: size + 1])
        more = len(rows) > size
        rows = rows[:size][::-1]
        return _pagina(rows, has_newer=more, has_older=True)
    if na_cursor is not None:
        rows = list(newest_first.filter(_older(*na_cursor))[: size + 1])
        return _pagina(rows[:size], has_newer=True, has_older=len(rows) > size)
    rows = list(newest_first[: size + 1])
    return _pagina(rows[:size], has_newer=False, has_older=len(rows) > size)


def _pagina(rows: list[Historieregel], *, has_newer: bool, has_older: bool) -> Pagina:
    return Pagina(
        regels=rows,
        nieuwer=cursor_of(rows[0]) if rows and has_newer else None,
        ouder=cursor_of(rows[-1]) if rows and has_older else None,
    )


def historie_all(regels: QuerySet[Historieregel], *, batch: int = 2000) -> Iterator[Historieregel]:
    """Every matching row, newest first, fetched a batch at a time on the keyset (for the CSV)."""
    newest_first = regels.order_by("-datum", "-id")
    cursor = None
    while True:
        page = newest_first.filter(_older(*cursor)) if cursor else newest_first
        rows = list(page[:batch])
        yield from rows
        if len(rows) < batch:
            return
        cursor = (rows[-1].datum, rows[-1].pk)


# Links


def history_links(regels: Iterable[Historieregel], *, user) -> dict[int, str]:
    """The link of each row (by index row id) to its object's history tab in the portal; for the
    beheerder, the admin's history page where the portal has none. One query per kind with a tab."""
    regels = list(regels)
    by_kind: dict[str, list[Historieregel]] = defaultdict(list)
    for regel in regels:
        by_kind[f"{regel.soort.app_label}.{regel.soort.model}"].append(regel)
    links: dict[int, str] = {}
    for kind, rows in by_kind.items():
        resolver = _history_links.get(kind)
        if resolver is not None:
            urls = resolver(sorted({regel.object_id for regel in rows}))
            links.update({r.pk: urls[r.object_id] for r in rows if r.object_id in urls})
        elif user.is_staff:
            links.update(_admin_history_links(rows))
    return links


def _admin_history_links(rows: list[Historieregel]) -> dict[int, str]:
    links = {}
    for regel in rows:
        if regel.type == "-":
            continue
        try:
            links[regel.pk] = reverse(
                f"admin:{regel.soort.app_label}_{regel.soort.model}_history",
                args=[regel.object_id],
            )
        except NoReverseMatch:
            continue
    return links
