"""The thread through every object (transitie/draad.py): activity, reviews, advice, votes,
decision and the letters that reported it, each linked to the others, in fixed query counts."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from drechtsteden.historie.selectors import _history_links
from tests import regiewereld
from tests.factories import (
    ActiviteitFactory,
    AdviesFactory,
    BeoordelingFactory,
    BesluitFactory,
    BriefpublicatieFactory,
    DeelnameFactory,
    RaadsinformatiebriefFactory,
    StemFactory,
    UserFactory,
)
from tests.regiewereld import client_for
from thema.constants import ActiviteitStatus, BeoordelingStatus, Voorstel
from transitie.constants import BesluitUitkomst, StemKeuze
from transitie.draad import besluit_brieven, brief_besluiten, draad_voor
from transitie.financien.selectors import gemeente_financien

pytestmark = pytest.mark.django_db
rk = regiewereld.rk


def _ronde(rk, ronde: int, *, besloten_op, uitkomst=BesluitUitkomst.VERWORPEN, **velden):
    """A decided round with an advice sent back, an advice on the agenda, three votes."""
    status = (
        BeoordelingStatus.VASTGESTELD
        if uitkomst == BesluitUitkomst.AANGENOMEN
        else BeoordelingStatus.AFGEWEZEN
    )
    beoordeling = BeoordelingFactory(
        activiteit=rk.activiteit, ronde=ronde, geadviseerd=True, **velden
    )
    AdviesFactory(beoordeling=beoordeling, terugverwijzen=True, gegeven_door=rk.regisseur)
    AdviesFactory(beoordeling=beoordeling, gegeven_door=rk.regisseur)
    for naam in regiewereld.BETROKKEN:
        StemFactory(
            beoordeling=beoordeling,
            gemeente=rk.gemeente(naam),
            uitgebracht_door=rk.wethouder(naam),
            keuze=StemKeuze.INSTEMMEN
            if uitkomst == BesluitUitkomst.AANGENOMEN
            else StemKeuze.TEGEN,
        )
    # As the portal does it: the votes first, then the decision fixes the review.
    beoordeling.status = status
    beoordeling.save()
    return BesluitFactory(beoordeling=beoordeling, uitkomst=uitkomst, besloten_op=besloten_op)


def _brief(rk, titel: str, *, gepubliceerd_op, blok_besluiten=True):
    brief = RaadsinformatiebriefFactory(
        titel=titel,
        gepubliceerd=True,
        gepubliceerd_op=gepubliceerd_op,
        peildatum=timezone.localdate(gepubliceerd_op),
        blok_besluiten=blok_besluiten,
    )
    for gemeente in rk.gemeenten.values():
        BriefpublicatieFactory(brief=brief, gemeente=gemeente)
    return brief


def _wereld(rk, rondes: int):
    """`rondes` decided rounds, each reported by the letter published the day after it."""
    begin = timezone.now() - datetime.timedelta(days=2 * rondes + 2)
    besluiten, brieven = [], []
    for n in range(1, rondes + 1):
        moment = begin + datetime.timedelta(days=2 * n)
        besluiten.append(_ronde(rk, n, besloten_op=moment))
        brieven.append(_brief(rk, f"Brief {n}", gepubliceerd_op=moment + datetime.timedelta(1)))
    return besluiten, brieven


@pytest.mark.parametrize("rondes", [1, 6])
def test_the_thread_is_read_in_a_fixed_number_of_queries(rk, rondes, django_assert_max_num_queries):
    besluiten, brieven = _wereld(rk, rondes)
    # And an open round waiting for the aldermen, which links to its page of the vote view.
    open_ = BeoordelingFactory(
        activiteit=rk.activiteit,
        ronde=rondes + 1,
        geadviseerd=True,
        ingediend_op=timezone.now(),
    )
    with django_assert_max_num_queries(9):
        draad = draad_voor(user=rk.regisseur, activiteit=rk.activiteit)
        eerste = draad.ronde(1)
        assert len(eerste.adviezen) == 2
        assert [s.gemeente.naam for s in eerste.stemmen] == list(regiewereld.BETROKKEN)
        assert eerste.besluit == besluiten[0]
        # Every later letter with the block of decisions reports it too.
        assert [b.titel for b in eerste.brieven] == [b.titel for b in brieven]
        assert draad.laatste.beoordeling == open_
        assert draad.laatste.stempagina == 1
        assert draad.laatste_besluit.besluit == besluiten[-1]


def test_a_letter_reports_the_decisions_up_to_its_publication(rk):
    nu = timezone.now()
    eerder = _ronde(rk, 1, besloten_op=nu - datetime.timedelta(days=3))
    brief = _brief(rk, "Voorjaarsbrief", gepubliceerd_op=nu - datetime.timedelta(days=2))
    zonder_blok = _brief(
        rk,
        "Brief zonder besluiten",
        gepubliceerd_op=nu - datetime.timedelta(days=1),
        blok_besluiten=False,
    )
    later = _ronde(rk, 2, besloten_op=nu - datetime.timedelta(hours=1))

    assert brief_besluiten(brief) == [eerder]
    assert brief_besluiten(zonder_blok) == []
    assert besluit_brieven(user=rk.regisseur, besluit=eerder) == [brief]
    assert besluit_brieven(user=rk.regisseur, besluit=later) == []
    # A council member reads only the letters his council received.
    vreemde = UserFactory(raadslid=True)
    assert besluit_brieven(user=vreemde, besluit=eerder) == []


def test_the_pages_link_activity_decision_and_letter_both_ways(rk):
    nu = timezone.now()
    besluit = _ronde(
        rk,
        1,
        besloten_op=nu - datetime.timedelta(days=2),
        uitkomst=BesluitUitkomst.AANGENOMEN,
        voorstel=Voorstel.STOPPEN,
    )
    activiteit = rk.activiteit
    activiteit.status = ActiviteitStatus.BEEINDIGD
    activiteit.save()
    brief = _brief(rk, "Najaarsbrief", gepubliceerd_op=nu - datetime.timedelta(days=1))
    besluit_url = reverse("besluiten:detail", kwargs={"pk": besluit.pk})
    brief_url = reverse("brieven:detail", kwargs={"brief_id": brief.uuid})
    client = client_for(rk.teamlid)

    pagina = client.get(activiteit.get_absolute_url()).content.decode()
    assert "Gestopt." in pagina
    assert besluit_url in pagina and brief_url in pagina
    assert "Stoppen van Skills-paspoort: aangenomen" in pagina
    # A stopped activity offers no new review, and shows no contributions as if it ran.
    assert "Beoordeling schrijven" not in pagina
    assert "Deden mee tot de activiteit stopte" in pagina
    assert "jaarlijkse bijdrage" not in pagina

    geschiedenis = client.get(
        reverse("thema:geschiedenis", kwargs={"slug": rk.thema.slug, "activiteit": activiteit.slug})
    ).content.decode()
    assert besluit_url in geschiedenis and brief_url in geschiedenis

    besluitpagina = client.get(besluit_url).content.decode()
    assert "<h1>Stoppen van Skills-paspoort: aangenomen</h1>" in besluitpagina
    assert activiteit.get_absolute_url() in besluitpagina
    assert brief_url in besluitpagina

    briefpagina = client_for(rk.wethouder("Dordrecht")).get(brief_url).content.decode()
    assert "Besluiten in deze brief" in briefpagina
    assert besluit_url in briefpagina

    # The beoordeling form of a stopped activity sends the team back with the reason.
    antwoord = client.get(
        reverse("thema:beoordelen", kwargs={"slug": rk.thema.slug, "activiteit": activiteit.slug}),
        follow=True,
    )
    assert "Skills-paspoort is gestopt" in antwoord.content.decode()


def test_the_audit_log_links_advice_votes_and_decisions_to_the_decision(rk):
    besluit = _ronde(rk, 1, besloten_op=timezone.now())
    advies = besluit.beoordeling.adviezen.first()
    stem = besluit.beoordeling.stemmen.first()
    url = reverse("besluiten:detail", kwargs={"pk": besluit.pk})
    assert _history_links["transitie.besluit"]([besluit.pk]) == {besluit.pk: url}
    assert _history_links["transitie.advies"]([advies.pk]) == {advies.pk: url}
    assert _history_links["transitie.stem"]([stem.pk]) == {stem.pk: url}


def test_a_stopped_activity_counts_no_contributions(rk):
    gestopt = ActiviteitFactory(thema=rk.thema, naam="Oud loket", beeindigd=True)
    DeelnameFactory(activiteit=gestopt, gemeente=rk.gemeente("Dordrecht"))
    activiteiten = [r.activiteit for r in gemeente_financien(gemeente_slug="dordrecht").deelnames]
    assert activiteiten == [rk.activiteit.naam]

    html = client_for(rk.teamlid).get(rk.thema.get_absolute_url()).content.decode()
    assert "Deden mee tot de activiteit stopte" in html


def test_a_letter_published_without_a_peildatum_reports_up_to_its_publication(rk):
    nu = timezone.now()
    besluit = _ronde(rk, 1, besloten_op=nu - datetime.timedelta(days=2))
    brief = _brief(rk, "Oude brief", gepubliceerd_op=nu - datetime.timedelta(days=1))
    brief.peildatum = None  # as read from a row published before letters kept one
    assert brief_besluiten(brief) == [besluit]
    assert besluit_brieven(user=rk.regisseur, besluit=besluit) == [brief]


@pytest.mark.parametrize("rondes", [1, 6])
def test_the_pages_of_the_thread_do_not_query_per_round_vote_or_letter(
    rk, rondes, django_assert_max_num_queries
):
    besluiten, brieven = _wereld(rk, rondes)
    client = client_for(rk.wethouder("Dordrecht"))
    activiteit = {"slug": rk.thema.slug, "activiteit": rk.activiteit.slug}
    # Measured with one round and with six (each with two advice, three votes, a letter each).
    for url, maximum in (
        (rk.activiteit.get_absolute_url(), 21),
        (reverse("thema:geschiedenis", kwargs=activiteit), 27),
        (reverse("besluiten:detail", kwargs={"pk": besluiten[0].pk}), 13),
        (reverse("brieven:detail", kwargs={"brief_id": brieven[-1].uuid}), 14),
    ):
        with django_assert_max_num_queries(maximum):
            assert client.get(url).status_code == 200
