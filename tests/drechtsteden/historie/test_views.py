"""The audit log /historie/: who sees it, filters, keyset pages, links, CSV, constant queries."""

import csv
import datetime
import io

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.http import StreamingHttpResponse
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from drechtsteden.historie.selectors import PAGE_SIZE, HistorieFilters, historie_all, historie_list
from drechtsteden.models import Historieregel
from tests import factories as f
from thema.models import Activiteit, Thema

pytestmark = pytest.mark.django_db

LIJST = reverse("historie:lijst")
CSV = reverse("historie:export_csv")


@pytest.fixture
def dordrecht():
    return f.GemeenteFactory(naam="Dordrecht", drechtstad=True)


@pytest.fixture
def papendrecht():
    return f.GemeenteFactory(naam="Papendrecht", drechtstad=True)


@pytest.fixture
def regisseur(dordrecht):
    return f.UserFactory(
        username="regisseur-dordrecht",
        first_name="Rik",
        last_name="Regie",
        regisseur=True,
        gemeente=dordrecht,
    )


@pytest.fixture
def ambtenaar(papendrecht):
    return f.UserFactory(
        username="ambtenaar-papendrecht",
        first_name="Anna",
        last_name="Ambt",
        ambtenaar=True,
        gemeente=papendrecht,
    )


def login(client, user):
    client.force_login(user)
    return client


def rows_of(response) -> list[Historieregel]:
    return [rij["regel"] for rij in response.context["rijen"]]


# Who sees it


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ({"regisseur": True}, 200),
        ({"wethouder": True}, 200),
        ({"beheerder": True}, 200),
        ({"ambtenaar": True}, 403),
        ({"raadslid": True}, 403),
        ({}, 403),
    ],
    ids=["regisseur", "wethouder", "beheerder", "ambtenaar", "raadslid", "geen rol"],
)
@pytest.mark.parametrize("url", [LIJST, CSV], ids=["lijst", "csv"])
def test_only_the_beheerder_and_the_regiekamers_see_the_audit_log(client, role, status, url):
    login(client, f.UserFactory(**role))
    response = client.get(url)
    assert response.status_code == status
    if status == 403:
        assert "Historie" not in response.content.decode()


def test_anonymous_visitors_are_sent_to_the_login(client):
    response = client.get(LIJST)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


@pytest.mark.parametrize(
    ("role", "in_menu"),
    [
        ({"regisseur": True}, True),
        ({"wethouder": True}, True),
        ({"beheerder": True}, True),
        ({"ambtenaar": True}, False),
        ({"raadslid": True}, False),
    ],
    ids=["regisseur", "wethouder", "beheerder", "ambtenaar", "raadslid"],
)
def test_the_menu_shows_historie_to_those_who_may_read_it(client, role, in_menu):
    login(client, f.UserFactory(**role))
    html = client.get(reverse("brieven:lijst")).content.decode()
    assert (f'href="{LIJST}"' in html) is in_menu


# The list


@pytest.fixture
def wijzigingen(ambtenaar, regisseur):
    """An activity and its review by the civil servant, a theme changed by the regisseur."""
    activiteit = f.ActiviteitFactory(history_user=ambtenaar, naam="Campus Maakindustrie")
    beoordeling = f.BeoordelingFactory(activiteit=activiteit, history_user=ambtenaar)
    thema = f.ThemaFactory(history_user=regisseur, naam="Werklocaties")
    thema.beschrijving = "Bedrijventerreinen"
    thema._history_user = regisseur
    thema._change_reason = "Beschrijving aangevuld"
    thema.save()
    return activiteit, beoordeling, thema


def test_the_list_shows_every_change_newest_first_with_person_municipality_and_reason(
    client, regisseur, wijzigingen
):
    response = login(client, regisseur).get(LIJST)
    regels = rows_of(response)
    assert len(regels) == Historieregel.objects.count()
    assert [(r.datum, r.pk) for r in regels] == sorted(
        ((r.datum, r.pk) for r in regels), reverse=True
    )
    html = response.content.decode()
    assert "Rik Regie" in html
    assert "Beschrijving aangevuld" in html
    assert "Dordrecht" in html
    assert "Papendrecht" in html
    newest = regels[0]
    assert (newest.object_naam, newest.type, newest.reden) == (
        "Werklocaties",
        "~",
        "Beschrijving aangevuld",
    )


def test_changes_link_to_the_activity_history_tab(client, regisseur, wijzigingen):
    activiteit, beoordeling, thema = wijzigingen
    response = login(client, regisseur).get(LIJST)
    tab = reverse(
        "thema:geschiedenis", kwargs={"slug": activiteit.thema.slug, "activiteit": activiteit.slug}
    )
    links = {rij["regel"].soort.model: rij["link"] for rij in response.context["rijen"]}
    assert links["activiteit"] == tab
    assert links["beoordeling"] == tab
    # A theme has no history tab in the portal; a regisseur gets no link to the admin.
    assert links["thema"] is None
    assert f'href="{tab}"' in response.content.decode()
    assert client.get(tab).status_code == 200


def test_the_beheerder_gets_the_admin_history_where_the_portal_has_no_tab(client, wijzigingen):
    _, _, thema = wijzigingen
    response = login(client, f.UserFactory(beheerder=True)).get(LIJST)
    links = {
        rij["link"]
        for rij in response.context["rijen"]
        if rij["regel"].soort.model == "thema" and rij["regel"].object_id == thema.pk
    }
    assert links == {reverse("admin:thema_thema_history", args=[thema.pk])}
    assert client.get(links.pop()).status_code == 200


# Filters


def soort(model) -> int:
    return ContentType.objects.get_for_model(model).pk


def test_filter_by_person(client, regisseur, ambtenaar, wijzigingen):
    regels = rows_of(login(client, regisseur).get(LIJST, {"gebruiker": ambtenaar.pk}))
    assert regels
    assert {r.gebruiker for r in regels} == {ambtenaar}


def test_filter_by_municipality(client, regisseur, dordrecht, wijzigingen):
    regels = rows_of(login(client, regisseur).get(LIJST, {"gemeente": dordrecht.pk}))
    assert [(r.object_naam, r.type) for r in regels] == [
        ("Werklocaties", "~"),
        ("Werklocaties", "+"),
    ]


def test_filter_by_kind_of_object_and_object(client, regisseur, ambtenaar, wijzigingen):
    activiteit, _, _ = wijzigingen
    other = f.ActiviteitFactory(history_user=ambtenaar, thema=activiteit.thema)
    login(client, regisseur)
    regels = rows_of(client.get(LIJST, {"soort": soort(Activiteit)}))
    assert {r.object_id for r in regels} == {activiteit.pk, other.pk}
    regels = rows_of(client.get(LIJST, {"soort": soort(Activiteit), "object_id": activiteit.pk}))
    assert {r.object_id for r in regels} == {activiteit.pk}
    assert {r.soort.model for r in regels} == {"activiteit"}


def test_filter_by_date_range_counts_whole_days_in_the_portals_time_zone(client, regisseur):
    def thema_on(day: datetime.date, hour: int, naam: str) -> None:
        thema = Thema(naam=naam, slug=naam.lower())
        thema._history_date = timezone.make_aware(
            datetime.datetime.combine(day, datetime.time(hour))
        )
        thema.save()

    thema_on(datetime.date(2025, 3, 1), 0, "Maart")  # 23:00 UTC the day before
    thema_on(datetime.date(2025, 3, 31), 23, "Eind")
    thema_on(datetime.date(2025, 4, 1), 0, "April")
    thema_on(datetime.date(2025, 2, 28), 23, "Februari")
    regels = rows_of(
        login(client, regisseur).get(LIJST, {"van": "2025-03-01", "tot": "2025-03-31"})
    )
    assert [r.object_naam for r in regels] == ["Eind", "Maart"]


def test_wrong_filters_are_explained_at_the_field_and_nothing_breaks(
    client, regisseur, wijzigingen
):
    response = login(client, regisseur).get(
        LIJST, {"object_id": "5", "van": "2025-05-01", "tot": "2025-04-01"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Kies bij een objectnummer ook de soort object." in html
    assert "De einddatum ligt voor de begindatum." in html
    response = client.get(LIJST, {"van": "gisteren", "na": "rommel", "gebruiker": "x"})
    assert response.status_code == 200
    assert len(rows_of(response)) == Historieregel.objects.count()


# Keyset paging


@pytest.fixture
def veel(regisseur):
    """More than two pages, many rows at the very same moment (the id breaks the tie)."""
    moment = timezone.now()
    for n in range(PAGE_SIZE * 2 + 7):
        thema = Thema(naam=f"Thema {n:03d}", slug=f"thema-{n:03d}")
        thema._history_user = regisseur
        if n % 3:
            thema._history_date = moment
        thema.save()
    return list(Historieregel.objects.order_by("-datum", "-id"))


def walk(client, start: dict, key: str) -> list[list[Historieregel]]:
    pages = []
    params = start
    while True:
        response = client.get(LIJST, params)
        pages.append(rows_of(response))
        cursor = getattr(response.context["pagina"], key)
        if cursor is None:
            return pages
        params = {"ouder": {"na": cursor}, "nieuwer": {"voor": cursor}}[key]


def test_paging_forward_visits_every_row_once_in_order(client, regisseur, veel):
    pages = walk(login(client, regisseur), {}, "ouder")
    assert [len(page) for page in pages] == [PAGE_SIZE, PAGE_SIZE, len(veel) - 2 * PAGE_SIZE]
    assert [r.pk for page in pages for r in page] == [r.pk for r in veel]


def test_the_last_page_and_paging_back_from_it(client, regisseur, veel):
    pages = walk(login(client, regisseur), {"laatste": "1"}, "nieuwer")
    assert len(pages[0]) == PAGE_SIZE
    assert pages[0][-1].pk == veel[-1].pk
    seen = [r.pk for page in reversed(pages) for r in page]
    assert seen[:PAGE_SIZE] == [r.pk for r in veel[:PAGE_SIZE]]
    assert set(seen) == {r.pk for r in veel}


def test_pages_are_cut_on_the_key_not_with_offset(client, regisseur, veel):
    login(client, regisseur)
    first = client.get(LIJST).context["pagina"]
    for params in ({}, {"na": first.ouder}, {"laatste": "1"}, {"voor": first.ouder}):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(LIJST, params).status_code == 200
        selects = [q["sql"] for q in queries if "historieregel" in q["sql"].lower()]
        assert selects
        assert not [sql for sql in selects if "OFFSET" in sql.upper()]


def test_the_pager_links_keep_the_filters(client, regisseur, veel):
    html = login(client, regisseur).get(LIJST, {"gebruiker": regisseur.pk}).content.decode()
    assert f"gebruiker={regisseur.pk}&amp;na=" in html
    assert f"gebruiker={regisseur.pk}&amp;laatste=1" in html


# Queries


def grow(ambtenaar, regisseur, n: int) -> None:
    for _ in range(n):
        activiteit = f.ActiviteitFactory(history_user=ambtenaar)
        f.BeoordelingFactory(activiteit=activiteit, history_user=ambtenaar)
        f.FinancieleConsequentieFactory(history_user=regisseur)
        f.GemeenteFactory(history_user=regisseur)


@pytest.mark.parametrize("role", ["regisseur", "beheerder"])
def test_queries_do_not_grow_with_the_rows(
    client, regisseur, ambtenaar, django_assert_max_num_queries, role
):
    user = regisseur if role == "regisseur" else f.UserFactory(beheerder=True)
    login(client, user)
    grow(ambtenaar, regisseur, 1)
    with CaptureQueriesContext(connection) as small:
        assert len(rows_of(client.get(LIJST))) < PAGE_SIZE
    grow(ambtenaar, regisseur, 15)
    with django_assert_max_num_queries(len(small)):
        assert len(rows_of(client.get(LIJST))) == PAGE_SIZE


# CSV


def read_csv(response) -> list[list[str]]:
    assert isinstance(response, StreamingHttpResponse)
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:]), delimiter=";"))


def test_csv_streams_every_matching_change_with_the_same_filters(
    client, regisseur, ambtenaar, wijzigingen
):
    login(client, regisseur)
    response = client.get(CSV)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'attachment; filename="historie-' in response["Content-Disposition"]
    rows = read_csv(response)
    assert rows[0][:4] == ["Datum", "Gebruikersnaam", "Naam", "Gemeente"]
    assert len(rows) - 1 == Historieregel.objects.count()
    hashes = [row[-1] for row in rows[1:]]
    assert hashes == list(
        Historieregel.objects.order_by("-datum", "-id").values_list("hash", flat=True)
    )

    rows = read_csv(client.get(CSV, {"gebruiker": ambtenaar.pk}))
    assert {row[1] for row in rows[1:]} == {"ambtenaar-papendrecht"}
    assert {row[3] for row in rows[1:]} == {"Papendrecht"}
    assert len(rows) - 1 == Historieregel.objects.filter(gebruiker=ambtenaar).count()


def test_csv_pages_through_large_logs_and_defuses_formulas(client, regisseur, veel):
    thema = Thema.objects.create(naam="=HYPERLINK(1)", slug="formule")
    rows = read_csv(login(client, regisseur).get(CSV))
    assert len(rows) - 1 == len(veel) + 1
    assert rows[1][6] == "'=HYPERLINK(1)"
    assert thema.pk == int(rows[1][5])


def test_the_csv_rows_are_read_in_keyset_batches_without_gaps(veel):
    regels = historie_list(filters=HistorieFilters())
    with CaptureQueriesContext(connection) as queries:
        streamed = [r.pk for r in historie_all(regels, batch=10)]
    assert streamed == [r.pk for r in veel]
    assert len(queries) == len(veel) // 10 + 1


@pytest.mark.parametrize(
    "query",
    [{"tot": "9999-12-31"}, {"van": "0001-01-01"}, {"van": "1999-12-31"}, {"tot": "2101-01-01"}],
    ids=["tot-9999", "van-0001", "van-1999", "tot-2101"],
)
def test_far_off_dates_are_a_dutch_error_not_a_500(client, regisseur, wijzigingen, query):
    login(client, regisseur)

    response = client.get(LIJST, query)

    assert response.status_code == 200
    assert "Kies een datum tussen 1 januari 2000 en 31 december 2100." in response.content.decode()
    # The wrong filter is left out: every change is listed.
    assert len(rows_of(response)) == Historieregel.objects.count()

    csv_response = client.get(CSV, query)
    assert csv_response.status_code == 200
    assert len(read_csv(csv_response)) - 1 == Historieregel.objects.count()


def test_the_date_pickers_offer_only_the_plausible_range(client, regisseur):
    html = login(client, regisseur).get(LIJST).content.decode()
    assert 'min="2000-01-01"' in html
    assert 'max="2100-12-31"' in html


def test_head_answers_like_get(client, regisseur):
    login(client, regisseur)
    assert client.head(LIJST).status_code == 200
    assert client.head(CSV).status_code == 200
