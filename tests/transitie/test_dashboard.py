"""The dashboard: the transition at a glance, each role's to-do, and a steady query count."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import (
    AanbevelingFactory,
    ActiviteitFactory,
    AdviesFactory,
    BeoordelingFactory,
    BriefbijlageFactory,
    BriefpublicatieFactory,
    DeelnameFactory,
    GemeenteFactory,
    LidmaatschapFactory,
    MijlpaalFactory,
    PublicatieopdrachtFactory,
    RaadsinformatiebriefFactory,
    StemFactory,
    TeamlidFactory,
    ThemaFactory,
    TransitieplanFactory,
    UserFactory,
)
from thema.constants import BeoordelingStatus
from transitie.dashboard import TAKEN_MAX, dashboard_overview

pytestmark = pytest.mark.django_db

DEADLINE = datetime.date(2025, 7, 1)


def page(client, user) -> str:
    client.force_login(user)
    response = client.get(reverse("dashboard"))
    assert response.status_code == 200
    return response.content.decode()


# The transition at a glance


@pytest.mark.parametrize(
    ("today", "dagen", "fase"),
    [
        (datetime.date(2025, 6, 1), 30, "voor"),
        (DEADLINE, 0, "vandaag"),
        (datetime.date(2025, 7, 11), -10, "na"),
    ],
)
def test_days_to_the_deadline_come_from_the_plan(today, dagen, fase):
    TransitieplanFactory(naam="Transitieplan Drechtsteden", deadline=DEADLINE)

    aftelling = dashboard_overview(user=UserFactory(), today=today).aftelling

    assert aftelling.deadline == DEADLINE
    assert aftelling.dagen == dagen
    assert aftelling.fase == fase
    assert aftelling.aantal_dagen == abs(dagen)


def test_a_moved_deadline_moves_the_countdown():
    TransitieplanFactory(deadline=datetime.date(2025, 12, 31))

    aftelling = dashboard_overview(user=UserFactory(), today=datetime.date(2025, 12, 1)).aftelling

    assert aftelling.dagen == 30


def test_without_a_plan_the_dashboard_says_so(client):
    overzicht = dashboard_overview(user=UserFactory(), today=DEADLINE)
    assert overzicht.aftelling is None
    assert overzicht.mijlpalen.totaal == 0

    html = page(client, UserFactory())
    assert "Er is nog geen transitieplan geladen" in html
    assert "Er zijn nog geen mijlpalen vastgelegd." in html


def test_days_past_the_deadline_are_shown(client):
    TransitieplanFactory(deadline=DEADLINE)
    dagen = (timezone.localdate() - DEADLINE).days

    html = page(client, UserFactory())

    assert f'<span class="rp-figure">{dagen}</span> dagen voorbij 1 juli 2025' in html


def test_milestones_done_open_late_and_dropped_are_counted():
    today = datetime.date(2025, 5, 1)
    aanbeveling = AanbevelingFactory(transitieplan=TransitieplanFactory(deadline=DEADLINE))
    MijlpaalFactory.create_batch(
        2, aanbeveling=aanbeveling, status="gereed", gereed_op=datetime.date(2025, 4, 1)
    )
    MijlpaalFactory(aanbeveling=aanbeveling, status="gepland", deadline=datetime.date(2025, 6, 1))
    MijlpaalFactory(aanbeveling=aanbeveling, status="bezig", deadline=datetime.date(2025, 4, 1))
    MijlpaalFactory(aanbeveling=aanbeveling, status="vervallen", deadline=datetime.date(2025, 4, 1))

    mijlpalen = dashboard_overview(user=UserFactory(), today=today).mijlpalen

    assert (mijlpalen.gereed, mijlpalen.open, mijlpalen.te_laat, mijlpalen.vervallen) == (
        2,
        2,
        1,
        1,
    )
    assert mijlpalen.totaal == 5


def test_every_review_state_is_shown_also_when_empty(client):
    BeoordelingFactory.create_batch(3)
    BeoordelingFactory(ingediend=True)

    overzicht = dashboard_overview(user=UserFactory(), today=DEADLINE)

    assert [(r.status, r.aantal) for r in overzicht.beoordelingen] == [
        ("concept", 3),
        ("ingediend", 1),
        ("geadviseerd", 0),
        ("vastgesteld", 0),
        ("afgewezen", 0),
    ]
    html = page(client, UserFactory())
    for label, aantal in [("Concept", 3), ("Ingediend", 1), ("Geadviseerd", 0), ("Verworpen", 0)]:
        assert f"<dt>{label}</dt><dd>{aantal}</dd>" in html


# Representation in the regiekamers


def test_both_regiekamers_fully_represented(client, drechtsteden, regiekamers):
    for regiekamer in regiekamers:
        for gemeente in drechtsteden:
            LidmaatschapFactory(regiekamer=regiekamer, gemeente=gemeente)

    overzicht = dashboard_overview(user=UserFactory(), today=timezone.localdate())

    assert [(v.regiekamer, v.vertegenwoordigd, v.totaal) for v in overzicht.vertegenwoordiging] == [
        ("Ambtelijke regiekamer", 7, 7),
        ("Bestuurlijke regiekamer", 7, 7),
    ]
    html = page(client, UserFactory())
    assert html.count("7 van 7</span> gemeenten vertegenwoordigd") == 2
    assert "Let op:" not in html


def test_a_missing_municipality_is_named_as_a_warning(client, drechtsteden, regiekamers):
    ambtelijk, bestuurlijk = regiekamers
    today = timezone.localdate()
    sliedrecht = next(g for g in drechtsteden if g.naam == "Sliedrecht")
    for gemeente in drechtsteden:
        LidmaatschapFactory(regiekamer=bestuurlijk, gemeente=gemeente)
        if gemeente != sliedrecht:
            LidmaatschapFactory(regiekamer=ambtelijk, gemeente=gemeente)
    # Neither an ended nor a future membership counts; a partner municipality never does.
    LidmaatschapFactory(regiekamer=ambtelijk, gemeente=sliedrecht, beeindigd=True)
    LidmaatschapFactory(
        regiekamer=ambtelijk, gemeente=sliedrecht, van=today + datetime.timedelta(days=1)
    )
    LidmaatschapFactory(regiekamer=ambtelijk, gemeente=GemeenteFactory(naam="Gorinchem"))

    ambtelijke, bestuurlijke = dashboard_overview(
        user=UserFactory(), today=today
    ).vertegenwoordiging

    assert ambtelijke.ontbrekend == ("Sliedrecht",)
    assert (ambtelijke.vertegenwoordigd, ambtelijke.totaal) == (6, 7)
    assert bestuurlijke.volledig
    html = page(client, UserFactory())
    assert "6 van 7</span> gemeenten vertegenwoordigd" in html
    assert "deze gemeente heeft nu geen lid in deze regiekamer:" in html
    assert "<li>Sliedrecht</li>" in html


def test_a_membership_ending_today_still_counts(drechtsteden, regiekamers):
    today = datetime.date(2025, 3, 1)
    for gemeente in drechtsteden:
        LidmaatschapFactory(regiekamer=regiekamers[0], gemeente=gemeente, tot=today)

    ambtelijke, bestuurlijke = dashboard_overview(
        user=UserFactory(), today=today
    ).vertegenwoordiging

    assert ambtelijke.volledig
    assert bestuurlijke.vertegenwoordigd == 0


# What the logged-in person has to do


def test_ambtenaar_sees_the_concept_reviews_of_his_themes_only(client):
    ambtenaar = UserFactory(ambtenaar=True)
    eigen = ThemaFactory(naam="Economie en vestigingsklimaat")
    TeamlidFactory(thema=eigen, gebruiker=ambtenaar)
    BeoordelingFactory(activiteit=ActiviteitFactory(thema=eigen, naam="Bedrijvenloket"))
    BeoordelingFactory(
        activiteit=ActiviteitFactory(thema=eigen, naam="Ingediende activiteit"), ingediend=True
    )
    BeoordelingFactory(activiteit=ActiviteitFactory(naam="Activiteit van een ander thema"))

    taken = dashboard_overview(user=ambtenaar, today=DEADLINE).taken

    assert taken.ambtenaar.themas == ("Economie en vestigingsklimaat",)
    assert taken.ambtenaar.aantal == 1
    assert [r.activiteit for r in taken.ambtenaar.concepten] == ["Bedrijvenloket"]
    assert taken.regisseur is None and taken.wethouder is None and taken.raadslid is None
    html = page(client, ambtenaar)
    assert "<strong>1 conceptbeoordeling</strong> om af te maken en in te dienen" in html
    # The task is a link to the exact place of the work: the review's form.
    bewerken = reverse(
        "thema:beoordelen",
        kwargs={"slug": eigen.slug, "activiteit": taken.ambtenaar.concepten[0].activiteit_slug},
    )
    assert (
        f'<a href="{bewerken}">Beoordeling van Bedrijvenloket afmaken</a>'
        " — Economie en vestigingsklimaat" in html
    )
    assert "Activiteit van een ander thema" not in html


def test_ambtenaar_sees_sent_back_reviews_first_and_activities_not_yet_reviewed(client):
    ambtenaar = UserFactory(ambtenaar=True)
    thema = ThemaFactory(naam="Wonen")
    TeamlidFactory(thema=thema, gebruiker=ambtenaar)
    BeoordelingFactory(activiteit=ActiviteitFactory(thema=thema, naam="Aaa gewoon concept"))
    terug = BeoordelingFactory(activiteit=ActiviteitFactory(thema=thema, naam="Zzz terug"))
    AdviesFactory(beoordeling=terug, terugverwijzen=True)
    nieuw = ActiviteitFactory(thema=thema, naam="Nog niet begonnen")
    ActiviteitFactory(thema=thema, naam="Gestopt", beeindigd=True)

    taken = dashboard_overview(user=ambtenaar, today=DEADLINE).taken

    assert [(r.activiteit, r.teruggestuurd) for r in taken.ambtenaar.concepten] == [
        ("Zzz terug", True),
        ("Aaa gewoon concept", False),
    ]
    assert [a.naam for a in taken.ambtenaar.nog_niet] == ["Nog niet begonnen"]
    html = page(client, ambtenaar)
    assert "<strong>1 activiteit</strong> heeft nog geen beoordeling" in html
    schrijven = reverse("thema:beoordelen", kwargs={"slug": thema.slug, "activiteit": nieuw.slug})
    assert f'<a href="{schrijven}">Beoordeling van Nog niet begonnen schrijven</a>' in html


def test_ambtenaar_list_is_capped_and_counts_the_rest():
    ambtenaar = UserFactory(ambtenaar=True)
    thema = ThemaFactory()
    TeamlidFactory(thema=thema, gebruiker=ambtenaar)
    for _ in range(TAKEN_MAX + 2):
        BeoordelingFactory(activiteit=ActiviteitFactory(thema=thema))

    taken = dashboard_overview(user=ambtenaar, today=DEADLINE).taken

    assert taken.ambtenaar.aantal == TAKEN_MAX + 2
    assert len(taken.ambtenaar.concepten) == TAKEN_MAX
    assert taken.ambtenaar.meer == 2


def test_ambtenaar_without_a_team_is_told_so(client):
    html = page(client, UserFactory(ambtenaar=True))

    assert "U zit nog in geen themateam." in html


def test_member_of_the_ambtelijke_regiekamer_sees_reviews_awaiting_advice(client):
    nu = timezone.now()
    nieuw = BeoordelingFactory(ingediend=True, ingediend_op=nu)
    oud = BeoordelingFactory(ingediend=True, ingediend_op=nu - datetime.timedelta(days=3))
    BeoordelingFactory(geadviseerd=True)
    BeoordelingFactory()

    regisseur = UserFactory(regisseur=True)

    taken = dashboard_overview(user=regisseur, today=DEADLINE).taken.regisseur
    assert taken.ingediend == 2
    assert [r.pk for r in taken.beoordelingen] == [oud.pk, nieuw.pk]  # longest waiting first
    html = page(client, regisseur)
    assert "<strong>2 ingediende beoordelingen</strong> wachten op uw advies" in html
    for beoordeling in (oud, nieuw):
        url = reverse("regiekamer:advies", kwargs={"pk": beoordeling.pk})
        assert f'<a href="{url}">Advies geven over {beoordeling.activiteit.naam}</a>' in html
    assert html.index(f"/{oud.pk}/advies/") < html.index(f"/{nieuw.pk}/advies/")


def test_wethouder_counts_only_the_proposals_he_must_vote_on(client, regiekamers):
    dordrecht = GemeenteFactory(naam="Dordrecht", drechtstad=True)
    wethouder = UserFactory(wethouder=True, gemeente=dordrecht)
    LidmaatschapFactory(regiekamer=regiekamers[1], gemeente=dordrecht, gebruiker=wethouder)
    gestemd = BeoordelingFactory(geadviseerd=True)
    DeelnameFactory(activiteit=gestemd.activiteit, gemeente=dordrecht)
    StemFactory(beoordeling=gestemd, gemeente=dordrecht, uitgebracht_door=wethouder)
    andere_gemeente_gestemd = BeoordelingFactory(
        geadviseerd=True, activiteit=ActiviteitFactory(naam="Arbeidsmarktregio")
    )
    DeelnameFactory(activiteit=andere_gemeente_gestemd.activiteit, gemeente=dordrecht)
    StemFactory(beoordeling=andere_gemeente_gestemd)
    # Dordrecht is not involved: nothing to vote on.
    BeoordelingFactory(geadviseerd=True, activiteit=ActiviteitFactory(naam="Zonder Dordrecht"))
    # Dordrecht is proposed to join: it must consent.
    BeoordelingFactory(
        geadviseerd=True,
        activiteit=ActiviteitFactory(naam="Groeiend netwerk"),
        hergroeperen=True,
        voorgestelde_gemeenten=[dordrecht],
    )
    BeoordelingFactory(ingediend=True)

    taken = dashboard_overview(user=wethouder, today=timezone.localdate()).taken

    assert taken.wethouder.gemeente == "Dordrecht"
    assert taken.wethouder.aantal == 2
    assert [r.activiteit for r in taken.wethouder.voorstellen] == [
        "Arbeidsmarktregio",
        "Groeiend netwerk",
    ]
    html = page(client, wethouder)
    assert (
        "<strong>2 voorstellen</strong> waarbij Dordrecht betrokken is en nog niet heeft gestemd"
        in html
    )
    stemmen = reverse("regiekamer:stemmen")
    eerste = taken.wethouder.voorstellen[0]
    assert f'<a href="{stemmen}#voorstel-{eerste.pk}">Stemmen over Arbeidsmarktregio</a>' in html
    assert "Zonder Dordrecht" not in html


def test_wethouder_without_a_current_seat_is_told_he_does_not_vote(client, regiekamers):
    wethouder = UserFactory(wethouder=True)
    LidmaatschapFactory(regiekamer=regiekamers[1], gebruiker=wethouder, beeindigd=True)
    BeoordelingFactory(geadviseerd=True)

    taken = dashboard_overview(user=wethouder, today=timezone.localdate()).taken

    assert taken.wethouder.gemeente is None
    assert "U bent op dit moment geen lid van de bestuurlijke regiekamer" in page(client, wethouder)


def test_raadslid_sees_the_letters_published_for_his_council(client):
    papendrecht = GemeenteFactory(naam="Papendrecht", drechtstad=True)
    raadslid = UserFactory(raadslid=True, gemeente=papendrecht)
    brief = RaadsinformatiebriefFactory(
        titel="Doorontwikkeling samenwerking", gepubliceerd=True, datum=datetime.date(2024, 11, 5)
    )
    BriefpublicatieFactory(brief=brief, gemeente=papendrecht)
    BriefpublicatieFactory(brief=RaadsinformatiebriefFactory(titel="Voor een andere raad"))
    RaadsinformatiebriefFactory(titel="Nog een concept")

    taken = dashboard_overview(user=raadslid, today=DEADLINE).taken

    assert taken.raadslid.gemeente == "Papendrecht"
    assert [b.titel for b in taken.raadslid.brieven] == ["Doorontwikkeling samenwerking"]
    html = page(client, raadslid)
    assert "<strong>1 gepubliceerde brief</strong> voor de gemeenteraad van Papendrecht" in html
    detail = reverse("brieven:detail", kwargs={"brief_id": brief.uuid})
    assert f'<a href="{detail}">Doorontwikkeling samenwerking</a> — 5 november 2024' in html
    assert "Voor een andere raad" not in html
    assert "Nog een concept" not in html


def test_beheerder_gets_a_link_to_the_admin(client):
    html = page(client, UserFactory(beheerder=True))

    assert f'<a href="{reverse("admin:index")}">Naar het beheer</a>' in html


def test_user_without_a_role_is_told_to_ask_for_one(client):
    assert "Aan uw account is nog geen rol gekoppeld." in page(client, UserFactory())


def test_header_shows_name_roles_and_municipality(client):
    user = UserFactory(
        first_name="Anna",
        last_name="de Vries",
        ambtenaar=True,
        regisseur=True,
        gemeente=GemeenteFactory(naam="Zwijndrecht", drechtstad=True),
    )

    html = page(client, user)

    assert '<strong class="rp-user__name">Anna de Vries</strong>' in html
    assert "Ambtenaar, Ambtelijke regiekamer · gemeente Zwijndrecht" in html
    assert '<a class="rp-nav__link" href="/" aria-current="page">Overzicht</a>' in html


# The query count does not grow with the data


def build_region(aantal_gemeenten: int, user, regiekamers) -> None:
    """Memberships, reviews in every state, milestones, votes and letters for each municipality,
    with the user in every role so that every part of the dashboard runs."""
    ambtelijk, bestuurlijk = regiekamers
    eigen = GemeenteFactory(drechtstad=True)
    LidmaatschapFactory(regiekamer=bestuurlijk, gemeente=eigen, gebruiker=user)
    thema = ThemaFactory()
    TeamlidFactory(thema=thema, gebruiker=user)
    aanbeveling = AanbevelingFactory(transitieplan=TransitieplanFactory(deadline=DEADLINE))
    statussen = list(BeoordelingStatus)
    for i in range(aantal_gemeenten):
        gemeente = GemeenteFactory(drechtstad=True)
        LidmaatschapFactory(regiekamer=ambtelijk, gemeente=gemeente)
        LidmaatschapFactory(regiekamer=bestuurlijk, gemeente=gemeente)
        review = BeoordelingFactory(
            activiteit=ActiviteitFactory(thema=thema),
            compleet=True,
            status=statussen[i % len(statussen)],
        )
        if review.status == BeoordelingStatus.GEADVISEERD:
            StemFactory(beoordeling=review, gemeente=gemeente)
        MijlpaalFactory(aanbeveling=aanbeveling)
        MijlpaalFactory(aanbeveling=aanbeveling, gereed=True)
        BriefpublicatieFactory(gemeente=eigen)
        BriefbijlageFactory(brief=RaadsinformatiebriefFactory())
    user.profiel.gemeente = eigen
    user.profiel.save()


@pytest.mark.parametrize("aantal_gemeenten", [7, 70])
def test_dashboard_query_count_does_not_grow_with_the_data(
    client, regiekamers, django_assert_max_num_queries, aantal_gemeenten
):
    user = UserFactory(
        ambtenaar=True,
        regisseur=True,
        wethouder=True,
        raadslid=True,
        beheerder=True,
        gemeente=GemeenteFactory(),
    )
    build_region(aantal_gemeenten, user, regiekamers)
    client.force_login(user)

    # Session and user, then the selector's own: plan, reviews, the seven, memberships,
    # regiekamers, roles, and a list and a count per role, the vote view's order for the links'
    # pages; 28 whatever the data's size (the profile is read on its own since the hand-written
    # auth backend went), with the drafts waiting for publication (the user's permissions, read
    # once, then a list, their annexes, a count), and the header's unread notifications; the
    # civil servant's activities without a review, a list and a count.
    with django_assert_max_num_queries(30):
        response = client.get(reverse("dashboard"))

    assert response.status_code == 200
    html = response.content.decode()
    assert f"{aantal_gemeenten + 1} van {aantal_gemeenten + 1}</span>" in html


def test_a_draft_waiting_for_publication_is_a_task_for_those_who_may_publish(client, drechtsteden):
    klaar = RaadsinformatiebriefFactory(titel="Klaar om te publiceren")
    RaadsinformatiebriefFactory(titel="Nog onaf", onvolledig=True)
    RaadsinformatiebriefFactory(titel="Al gepubliceerd", gepubliceerd=True)
    wethouder = UserFactory(wethouder=True, gemeente=drechtsteden[1])
    ambtenaar = UserFactory(ambtenaar=True, gemeente=drechtsteden[1])

    client.force_login(wethouder)
    html = client.get(reverse("dashboard")).content.decode()

    assert "Raadsinformatiebrieven publiceren" in html
    # Only the complete draft is his task; the other asks its drafter first.
    assert "1 conceptbrief</strong> wacht op publicatie" in html
    assert f'href="{reverse("brieven:detail", kwargs={"brief_id": klaar.uuid})}"' in html
    assert "Nog niet klaar om te publiceren, de opsteller vult aan (1)" in html
    assert "mist nog: afzender, contactpersoon" in html
    assert "Al gepubliceerd" not in html
    client.force_login(ambtenaar)
    assert (
        "Raadsinformatiebrieven publiceren" not in client.get(reverse("dashboard")).content.decode()
    )


def test_a_draft_being_published_is_no_task_but_is_shown_as_being_published(
    client, drechtsteden, settings
):
    klaar = RaadsinformatiebriefFactory(titel="Klaar om te publiceren")
    PublicatieopdrachtFactory(brief=RaadsinformatiebriefFactory(titel="Wordt gepubliceerd"))
    vastgelopen = RaadsinformatiebriefFactory(titel="Vastgelopen")
    PublicatieopdrachtFactory(
        brief=vastgelopen,
        aangevraagd_op=timezone.now()
        - datetime.timedelta(seconds=settings.PUBLICATIE_TIMEOUT_SECONDEN + 1),
    )
    wethouder = UserFactory(wethouder=True, gemeente=drechtsteden[1])

    taken = dashboard_overview(user=wethouder, today=timezone.localdate()).taken.publiceren

    # A request stuck past the timeout counts as failed: the letter is his task again.
    assert [b.titel for b in taken.concepten] == ["Vastgelopen", "Klaar om te publiceren"]
    assert [b.titel for b in taken.bezig] == ["Wordt gepubliceerd"]
    html = page(client, wethouder)
    assert "2 conceptbrieven</strong> wachten op publicatie" in html
    assert "Wordt nu gepubliceerd" in html
    assert f'href="{reverse("brieven:detail", kwargs={"brief_id": klaar.uuid})}"' in html


def test_wethouder_link_lands_on_the_page_of_the_vote_view_the_proposal_stands_on(
    client, regiekamers
):
    from transitie.regiekamer.selectors import STEMMEN_PER_PAGINA

    dordrecht = GemeenteFactory(naam="Dordrecht", drechtstad=True)
    wethouder = UserFactory(wethouder=True, gemeente=dordrecht)
    LidmaatschapFactory(regiekamer=regiekamers[1], gemeente=dordrecht, gebruiker=wethouder)
    nu = timezone.now()
    voorstellen = []
    for i in range(STEMMEN_PER_PAGINA + 1):
        beoordeling = BeoordelingFactory(
            geadviseerd=True, ingediend_op=nu - datetime.timedelta(days=30 - i)
        )
        DeelnameFactory(activiteit=beoordeling.activiteit, gemeente=dordrecht)
        voorstellen.append(beoordeling)
    # Dordrecht voted on the first: it still stands on the vote view's first page, but is no task.
    StemFactory(beoordeling=voorstellen[0], gemeente=dordrecht, uitgebracht_door=wethouder)

    taken = dashboard_overview(user=wethouder, today=timezone.localdate()).taken.wethouder

    assert [r.pk for r in taken.voorstellen] == [b.pk for b in voorstellen[1 : TAKEN_MAX + 1]]
    assert taken.meer == STEMMEN_PER_PAGINA - TAKEN_MAX
    pagina = {r.pk: r.pagina for r in taken.voorstellen}
    assert pagina[voorstellen[1].pk] == 1
    html = page(client, wethouder)
    laatste = voorstellen[STEMMEN_PER_PAGINA]
    if laatste.pk in pagina:
        assert pagina[laatste.pk] == 2
        assert f'?pagina=2#voorstel-{laatste.pk}"' in html
    # The link lands on the page that shows the proposal.
    client.force_login(wethouder)
    response = client.get(reverse("regiekamer:stemmen"), {"pagina": 2})
    assert f'id="voorstel-{laatste.pk}"' in response.content.decode()
