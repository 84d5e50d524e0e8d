"""Every named URL of the URL configuration, requested by every role, gives the expected status.

The URLs are discovered from the resolver, so a new URL without a row in tests/urltabel.py fails
here; the expected statuses per role are in that table.
"""

import copy

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.conftest import build_once_per_module
from tests.factories import UserFactory
from tests.urltabel import ROLLEN, TABEL, Wereld, wereld_create

# Django's own admin is tested by Django; static files are served by whitenoise, not by URLs.
OVERGESLAGEN_NAMESPACES = {"admin"}


def url_patronen(resolver: URLResolver | None = None, namespace: str = ""):
    """(name or None, route) of every URL pattern outside the skipped namespaces."""
    resolver = resolver or get_resolver()
    for patroon in resolver.url_patterns:
        if isinstance(patroon, URLResolver):
            if patroon.namespace in OVERGESLAGEN_NAMESPACES:
                continue
            prefix = f"{namespace}{patroon.namespace}:" if patroon.namespace else namespace
            yield from url_patronen(patroon, prefix)
        elif isinstance(patroon, URLPattern):
            naam = f"{namespace}{patroon.name}" if patroon.name else None
            yield naam, str(patroon.pattern)


def benoemde_urls() -> list[str]:
    return sorted({naam for naam, _ in url_patronen() if naam})


def test_every_url_has_a_name():
    naamloos = [route for naam, route in url_patronen() if naam is None]
    assert naamloos == [], f"Geef deze URL's een naam (name=...): {naamloos}"


def test_every_named_url_has_a_row_in_the_table():
    ontbrekend = [naam for naam in benoemde_urls() if naam not in TABEL]
    assert ontbrekend == [], (
        "Deze URL's hebben geen rij in tests/urltabel.py; voeg per URL één regel toe, "
        'bijvoorbeeld "app:naam": Rij(lambda w: {...}, LEZEN):\n  ' + "\n  ".join(ontbrekend)
    )


def test_every_row_of_the_table_is_a_url():
    verouderd = sorted(set(TABEL) - set(benoemde_urls()))
    assert verouderd == [], f"Deze rijen in tests/urltabel.py horen bij geen URL meer: {verouderd}"


def test_every_row_names_every_role():
    onvolledig = {naam: set(ROLLEN) - set(rij.verwacht) for naam, rij in TABEL.items()}
    assert {naam: rollen for naam, rollen in onvolledig.items() if rollen} == {}


# Built once for the module; each test its own copy (see build_once_per_module).
w_van_de_module = build_once_per_module(wereld_create)


@pytest.fixture
def w(w_van_de_module, db) -> Wereld:
    return copy.deepcopy(w_van_de_module)


@pytest.mark.django_db
@pytest.mark.parametrize("naam", sorted(TABEL))
def test_status_per_role(w, naam):
    rij = TABEL[naam]
    url = reverse(naam, kwargs=rij.kwargs(w))
    fouten = []
    for rol in ROLLEN:
        client = Client()
        if rol != "anoniem":
            client.force_login(w.gebruikers[rol])
        response = client.get(url)
        verwacht = rij.verwacht[rol]
        if response.status_code != verwacht:
            fouten.append(f"{rol}: {response.status_code}, verwacht {verwacht}")
        elif rol == "anoniem" and verwacht == 302:
            assert response["Location"].startswith(f"{reverse('login')}?next="), url
    assert fouten == [], f"GET {url} ({naam}):\n  " + "\n  ".join(fouten)


@pytest.mark.django_db
@pytest.mark.parametrize("naam", sorted(TABEL))
def test_head_answers_like_get(w, naam):
    """HEAD gives GET's status and headers without a body, wherever GET is allowed (a check of
    links and monitors use it); a POST-only URL refuses both alike."""
    url = reverse(naam, kwargs=TABEL[naam].kwargs(w))
    fouten = []
    for rol in ROLLEN:
        client = Client()
        if rol != "anoniem":
            client.force_login(w.gebruikers[rol])
        get, head = client.get(url), client.head(url)
        if head.status_code != get.status_code:
            fouten.append(f"{rol}: HEAD {head.status_code}, GET {get.status_code}")
        elif head.get("Content-Type") != get.get("Content-Type"):
            fouten.append(f"{rol}: HEAD {head.get('Content-Type')}, GET {get.get('Content-Type')}")
        elif head.getvalue():
            fouten.append(f"{rol}: HEAD with a body")
    assert fouten == [], f"HEAD {url} ({naam}):\n  " + "\n  ".join(fouten)


TE_GROOT = 99999999999999999999999  # beyond a 64-bit integer
PLAATSHOUDER = 987654321


@pytest.mark.django_db
def test_ids_beyond_the_integer_range_are_not_found():
    """Every URL with a number in it, given one too large for the database: 404 (or 405 where
    GET is not allowed), never the 500 of an OverflowError."""
    met_getal = sorted(
        (naam, route)
        for naam, route in url_patronen()
        if naam and ("<int:" in route or "<id:" in route)
    )
    assert met_getal, "no URL with an <int:...> part found"
    beheerder = UserFactory(username="beheerder", beheerder=True)
    client = Client(raise_request_exception=False)
    client.force_login(beheerder)
    fouten = []
    for naam, route in met_getal:
        kwargs = {}
        for deel in route.split("<")[1:]:
            soort, sleutel = deel.split(">")[0].split(":")
            kwargs[sleutel] = "dordrecht" if soort == "slug" else PLAATSHOUDER
        # reverse() refuses a number `<id:...>` does not match: put it in as a browser would.
        url = reverse(naam, kwargs=kwargs).replace(str(PLAATSHOUDER), str(TE_GROOT))
        for methode in (client.get, client.post):
            status = methode(url).status_code
            if status not in (404, 405):
                fouten.append(f"{methode.__name__.upper()} {url}: {status}")
    assert fouten == []


def test_the_id_converter_takes_every_id_the_database_holds_and_no_more():
    from drechtsteden.converters import IdConverter
    from drechtsteden.validators import GROOTSTE_ID

    assert IdConverter().to_python(str(GROOTSTE_ID)) == GROOTSTE_ID
    with pytest.raises(ValueError):
        IdConverter().to_python(str(GROOTSTE_ID + 1))
