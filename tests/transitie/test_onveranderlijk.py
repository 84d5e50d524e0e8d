"""Taken decisions and published letters are immutable: the model, bulk querysets, the admin, the
services and the pages refuse; a correction is a new letter; advice needs a current membership."""

import datetime
from dataclasses import dataclass

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from tests import regiewereld
from tests.factories import (
    AdviesFactory,
    BeoordelingFactory,
    BesluitFactory,
    BriefpublicatieFactory,
    BriefsectieFactory,
    LidmaatschapFactory,
    RaadsinformatiebriefFactory,
    StemFactory,
    UserFactory,
)
from tests.regiewereld import client_for
from tests.transitie.brieven.test_services import invoer
from thema.constants import BeoordelingStatus
from transitie.brieven.models import Briefpublicatie, Briefsectie, Raadsinformatiebrief
from transitie.brieven.services import brief_correct, brief_publish, brief_update
from transitie.constants import AdviesOordeel, AdviesVervolg, BriefStatus, SectieSoort, StemKeuze
from transitie.onveranderlijk import Onveranderlijk
from transitie.regiekamer.models import Advies, Besluit, Stem
from transitie.regiekamer.services import (
    BesluitOnveranderlijk,
    GeenHuidigLid,
    advies_create,
    stem_cast,
)

pytestmark = pytest.mark.django_db
rk = regiewereld.rk


@dataclass
class Vast:
    """A decided proposal with its advice, vote and decision; a published letter with a section
    and a council's file."""

    besluit: Besluit
    stem: Stem
    advies: Advies
    brief: Raadsinformatiebrief
    sectie: Briefsectie
    publicatie: Briefpublicatie


@pytest.fixture
def vast(drechtsteden) -> Vast:
    # In the portal's order: advice, then votes, then the decision.
    voorstel = BeoordelingFactory(ingediend=True)
    advies = AdviesFactory(beoordeling=voorstel)
    voorstel.status = BeoordelingStatus.GEADVISEERD
    voorstel.save()
    stem = StemFactory(beoordeling=voorstel, gemeente=drechtsteden[1])
    voorstel.status = BeoordelingStatus.VASTGESTELD
    voorstel.save()
    besluit = BesluitFactory(beoordeling=voorstel)
    brief = RaadsinformatiebriefFactory(gepubliceerd=True, secties=True)
    publicatie = BriefpublicatieFactory(brief=brief, gemeente=drechtsteden[1])
    return Vast(
        besluit=besluit,
        stem=stem,
        advies=advies,
        brief=brief,
        sectie=brief.secties.get(soort=SectieSoort.INLEIDING),
        publicatie=publicatie,
    )


# Each immutable kind: the object in `vast`, a field and a new value for it.
GEVALLEN = {
    "besluit": ("toelichting", "Met algemene stemmen"),
    "stem": ("keuze", StemKeuze.TEGEN),
    "advies": ("toelichting", "Toch anders"),
    "brief": ("titel", "Een andere titel"),
    "sectie": ("tekst", "Herschreven."),
    "publicatie": ("bestandsnaam", "vervalst.pdf"),
}
geval = pytest.mark.parametrize("naam", sorted(GEVALLEN))


def _stored(obj, veld):
    return type(obj)._base_manager.filter(pk=obj.pk).values_list(veld, flat=True).get()


# The model


@geval
def test_save_is_refused_and_leaves_no_history(vast, naam):
    obj = getattr(vast, naam)
    veld, waarde = GEVALLEN[naam]
    voor, rijen = _stored(obj, veld), obj.history.count()
    setattr(obj, veld, waarde)

    with pytest.raises(Onveranderlijk) as fout:
        obj.save()

    assert str(fout.value)  # a Dutch message, not an empty 403
    assert _stored(obj, veld) == voor
    assert obj.history.count() == rijen


@geval
def test_delete_is_refused(vast, naam):
    obj = getattr(vast, naam)
    with pytest.raises(Onveranderlijk):
        obj.delete()
    assert type(obj).objects.filter(pk=obj.pk).exists()


def test_a_hand_made_instance_cannot_overwrite_a_decision(vast):
    nep = Besluit(
        pk=vast.besluit.pk,
        beoordeling=vast.besluit.beoordeling,
        uitkomst="verworpen",
        besloten_op=vast.besluit.besloten_op,
    )
    with pytest.raises(Onveranderlijk, match="besluit verandert niet meer"):
        nep.save()
    assert Besluit.objects.get().uitkomst == "aangenomen"


def test_a_stale_draft_instance_cannot_overwrite_the_published_letter(drechtsteden):
    brief = RaadsinformatiebriefFactory(secties=True)
    verouderd = Raadsinformatiebrief.objects.get(pk=brief.pk)  # loaded while still a draft
    brief_publish(acting_user=UserFactory(wethouder=True), brief=brief)

    verouderd.titel = "Overschreven"
    with pytest.raises(Onveranderlijk):
        verouderd.save()
    assert Raadsinformatiebrief.objects.get(pk=brief.pk).titel == brief.titel


def test_no_new_rows_under_a_frozen_proposal_or_letter(vast, drechtsteden):
    with pytest.raises(Onveranderlijk, match="besloten"):
        StemFactory(beoordeling=vast.besluit.beoordeling, gemeente=drechtsteden[2])
    with pytest.raises(Onveranderlijk, match="besloten"):
        AdviesFactory(beoordeling=vast.besluit.beoordeling)
    leeg = RaadsinformatiebriefFactory(gepubliceerd=True)
    with pytest.raises(Onveranderlijk, match="correctie"):
        BriefsectieFactory(brief=leeg)
    assert not Briefsectie.objects.filter(brief=leeg).exists()


def test_drafts_and_open_proposals_stay_writable(drechtsteden):
    brief = RaadsinformatiebriefFactory(secties=True)
    brief.titel = "Nieuwe titel"
    brief.save()
    sectie = brief.secties.first()
    sectie.tekst = "Nieuw."
    sectie.save()
    stem = StemFactory(gemeente=drechtsteden[0])
    stem.keuze = StemKeuze.TEGEN
    stem.save()
    assert Raadsinformatiebrief.objects.filter(pk=brief.pk).update(onderwerp="Ander") == 1
    stem.delete()
    brief.delete()

    assert not Raadsinformatiebrief.objects.filter(pk=brief.pk).exists()
    assert not Stem.objects.exists()


# Bulk paths


@geval
def test_queryset_update_is_refused(vast, naam):
    obj = getattr(vast, naam)
    veld, waarde = GEVALLEN[naam]
    voor = _stored(obj, veld)
    with pytest.raises(Onveranderlijk):
        type(obj).objects.filter(pk=obj.pk).update(**{veld: waarde})
    assert _stored(obj, veld) == voor


@geval
def test_queryset_delete_is_refused(vast, naam):
    obj = getattr(vast, naam)
    with pytest.raises(Onveranderlijk):
        type(obj).objects.filter(pk=obj.pk).delete()
    assert type(obj).objects.filter(pk=obj.pk).exists()


def test_a_queryset_with_one_frozen_row_is_refused_whole(vast):
    concept = RaadsinformatiebriefFactory(onderwerp="Concept")
    with pytest.raises(Onveranderlijk), transaction.atomic():
        Raadsinformatiebrief.objects.all().update(onderwerp="Alles anders")
    with pytest.raises(Onveranderlijk), transaction.atomic():
        Raadsinformatiebrief.objects.bulk_update(
            [Raadsinformatiebrief(pk=vast.brief.pk, onderwerp="x")], ["onderwerp"]
        )
    concept.refresh_from_db()
    vast.brief.refresh_from_db()
    assert concept.onderwerp == "Concept"
    assert vast.brief.onderwerp not in ("Alles anders", "x")


def test_related_managers_are_guarded_too(vast):
    with pytest.raises(Onveranderlijk):
        vast.brief.secties.update(tekst="Weg")
    with pytest.raises(Onveranderlijk):
        vast.brief.publicaties.all().delete()
    with pytest.raises(Onveranderlijk):
        vast.besluit.beoordeling.stemmen.all().delete()
    assert vast.brief.secties.filter(tekst="Weg").count() == 0
    assert vast.brief.publicaties.count() == 1


# The admin


@pytest.fixture
def beheerder_client(drechtsteden):
    return client_for(UserFactory(beheerder=True))


def _admin(obj, view: str) -> str:
    meta = obj._meta
    return reverse(f"admin:{meta.app_label}_{meta.model_name}_{view}", args=[obj.pk])


@geval
def test_admin_shows_the_object_read_only_and_refuses_change_and_delete(
    vast, naam, beheerder_client
):
    obj = getattr(vast, naam)
    veld, waarde = GEVALLEN[naam]

    pagina = beheerder_client.get(_admin(obj, "change"))
    assert pagina.status_code == 200
    assert 'name="_save"' not in pagina.content.decode()
    assert beheerder_client.post(_admin(obj, "change"), {veld: waarde}).status_code == 403
    assert beheerder_client.get(_admin(obj, "delete")).status_code == 403
    assert beheerder_client.post(_admin(obj, "delete"), {"post": "yes"}).status_code == 403
    assert type(obj).objects.filter(pk=obj.pk).exists()


def test_admin_delete_action_refuses_a_published_letter(beheerder_client):
    # Without files, so that it is the immutability that refuses, not the files' PROTECT.
    gepubliceerd = RaadsinformatiebriefFactory(gepubliceerd=True)
    concept = RaadsinformatiebriefFactory()
    response = beheerder_client.post(
        reverse("admin:transitie_raadsinformatiebrief_changelist"),
        {
            "action": "delete_selected",
            "_selected_action": [gepubliceerd.pk, concept.pk],
            "post": "yes",
        },
    )
    assert response.status_code == 403
    assert Raadsinformatiebrief.objects.count() == 2


def test_admin_edits_a_draft_letter(beheerder_client, drechtsteden):
    concept = RaadsinformatiebriefFactory()
    assert 'name="_save"' in beheerder_client.get(_admin(concept, "change")).content.decode()


def test_admin_offers_only_draft_letters_for_a_new_section(vast, beheerder_client):
    concept = RaadsinformatiebriefFactory()
    response = beheerder_client.post(
        reverse("admin:transitie_briefsectie_add"),
        {"brief": vast.brief.pk, "soort": SectieSoort.VERVOLG, "tekst": "Erbij."},
    )
    assert response.status_code == 200  # the form again, with an error at the letter
    assert "brief" in response.context["adminform"].form.errors
    assert not vast.brief.secties.filter(soort=SectieSoort.VERVOLG, tekst="Erbij.").exists()
    response = beheerder_client.post(
        reverse("admin:transitie_briefsectie_add"),
        {"brief": concept.pk, "soort": SectieSoort.VERVOLG, "tekst": "Erbij."},
    )
    assert response.status_code == 302


# The services and the pages


def _besluit_via_stemmen(rk):
    voorstel = BeoordelingFactory(activiteit=rk.activiteit, geadviseerd=True)
    for naam in regiewereld.BETROKKEN:
        stem_cast(
            beoordeling_id=voorstel.pk,
            gemeente=rk.gemeente(naam),
            keuze=StemKeuze.INSTEMMEN,
            acting_user=rk.wethouder(naam),
        )
    return voorstel


def test_services_refuse_a_decided_proposal_and_the_decision_keeps_its_user(rk):
    voorstel = _besluit_via_stemmen(rk)
    besluit = Besluit.objects.get(beoordeling=voorstel)

    with pytest.raises(BesluitOnveranderlijk):
        stem_cast(
            beoordeling_id=voorstel.pk,
            gemeente=rk.gemeente("Dordrecht"),
            keuze=StemKeuze.TEGEN,
            acting_user=rk.wethouder("Dordrecht"),
        )
    with pytest.raises(BesluitOnveranderlijk):
        advies_create(
            beoordeling=voorstel,
            oordeel=AdviesOordeel.NEGATIEF,
            toelichting="Te laat.",
            vervolg=AdviesVervolg.AGENDEREN,
            acting_user=rk.regisseur,
        )
    assert [(r.history_type, r.history_user) for r in besluit.history.all()] == [
        ("+", rk.wethouder(regiewereld.BETROKKEN[-1]))
    ]
    assert besluit.history.get().history_change_reason == "Besluit: aangenomen"
    assert set(Stem.objects.values_list("keuze", flat=True)) == {StemKeuze.INSTEMMEN}


def test_letter_services_refuse_a_published_letter(drechtsteden):
    ambtenaar = UserFactory(ambtenaar=True, gemeente=drechtsteden[1])
    wethouder = UserFactory(wethouder=True, gemeente=drechtsteden[1])
    brief = RaadsinformatiebriefFactory(secties=True)
    brief_publish(acting_user=wethouder, brief=brief)
    brief.refresh_from_db()

    with pytest.raises(Onveranderlijk):
        brief_publish(acting_user=wethouder, brief=brief)
    with pytest.raises(Onveranderlijk, match="stel een correctie op"):
        brief_update(acting_user=ambtenaar, brief=brief, versie=brief.versie, invoer=invoer())
    rijen = list(brief.history.order_by("history_date", "history_id"))
    assert [(r.history_type, r.history_user) for r in rijen][-1] == ("~", wethouder)
    assert rijen[-1].history_change_reason == "Gepubliceerd"
    assert {p.history.get().history_user for p in brief.publicaties.all()} == {wethouder}


def test_pages_say_why_instead_of_a_stack_trace(vast, drechtsteden):
    ambtenaar = client_for(UserFactory(ambtenaar=True, gemeente=drechtsteden[1]))
    response = ambtenaar.get(reverse("brieven:bewerken", args=[vast.brief.uuid]), follow=True)
    assert "Een gepubliceerde brief verandert niet meer." in response.content.decode()

    raadslid = client_for(UserFactory(raadslid=True, gemeente=drechtsteden[1]))
    response = raadslid.post(reverse("brieven:corrigeren", args=[vast.brief.uuid]))
    assert response.status_code == 403
    assert "U mag geen raadsinformatiebrieven opstellen." in response.content.decode()


def test_a_vote_on_a_proposal_decided_meanwhile_is_a_message(rk):
    voorstel = _besluit_via_stemmen(rk)
    response = client_for(rk.wethouder("Dordrecht")).post(
        reverse("regiekamer:stem", args=[voorstel.pk]), {"keuze": "tegen"}, follow=True
    )
    assert response.status_code == 200
    assert "al besloten" in response.content.decode()
    assert Stem.objects.get(gemeente=rk.gemeente("Dordrecht")).keuze == StemKeuze.INSTEMMEN


# A correction


@pytest.fixture
def gepubliceerd(drechtsteden):
    brief = RaadsinformatiebriefFactory(
        titel="Voortgang transitie", blok_financien=True, secties=True, gepubliceerd=True
    )
    BriefpublicatieFactory(brief=brief, gemeente=drechtsteden[1])
    return brief


def test_a_correction_is_a_new_draft_that_refers_to_the_letter(gepubliceerd, drechtsteden):
    ambtenaar = UserFactory(ambtenaar=True, gemeente=drechtsteden[1])

    correctie = brief_correct(acting_user=ambtenaar, brief=gepubliceerd)

    assert correctie.pk != gepubliceerd.pk
    assert correctie.status == BriefStatus.CONCEPT
    assert correctie.corrigeert == gepubliceerd
    assert correctie.titel == "Correctie: Voortgang transitie"
    assert correctie.blok_financien is True
    assert dict(correctie.secties.values_list("soort", "tekst")) == dict(
        gepubliceerd.secties.values_list("soort", "tekst")
    )
    rij = correctie.history.get()
    assert (rij.history_type, rij.history_user) == ("+", ambtenaar)
    assert rij.history_change_reason == "Correctie opgesteld van Voortgang transitie"
    assert {s.history.get().history_user for s in correctie.secties.all()} == {ambtenaar}
    # A second click gives the same draft, not another one.
    assert brief_correct(acting_user=ambtenaar, brief=gepubliceerd) == correctie
    assert gepubliceerd.correcties.count() == 1


def test_only_a_published_letter_is_corrected_by_a_drafter(gepubliceerd, drechtsteden):
    with pytest.raises(ValidationError):
        brief_correct(acting_user=UserFactory(ambtenaar=True), brief=RaadsinformatiebriefFactory())
    for rol in ("wethouder", "raadslid"):
        with pytest.raises(PermissionDenied):
            brief_correct(acting_user=UserFactory(**{rol: True}), brief=gepubliceerd)
    assert not gepubliceerd.correcties.exists()


def test_correction_pages(gepubliceerd, drechtsteden):
    dordrecht = drechtsteden[1]
    ambtenaar = client_for(UserFactory(ambtenaar=True, gemeente=dordrecht))
    detail = reverse("brieven:detail", args=[gepubliceerd.uuid])
    url = reverse("brieven:corrigeren", args=[gepubliceerd.uuid])

    html = ambtenaar.get(detail).content.decode()
    assert "Correctie opstellen" in html
    assert reverse("brieven:bewerken", args=[gepubliceerd.uuid]) not in html
    assert ambtenaar.get(url).status_code == 405

    response = ambtenaar.post(url)
    correctie = Raadsinformatiebrief.objects.get(corrigeert=gepubliceerd)
    assert response["Location"] == reverse("brieven:detail", args=[correctie.uuid])
    html = ambtenaar.get(response["Location"]).content.decode()
    assert "Corrigeert" in html and "Voortgang transitie" in html
    assert reverse("brieven:bewerken", args=[correctie.uuid]) in html
    assert "Correctie opstellen" not in html
    html = ambtenaar.get(detail).content.decode()
    assert "Gecorrigeerd door" in html and "Correctie: Voortgang transitie" in html

    # A council member does not see the draft correction, nor the button.
    raadslid = client_for(UserFactory(raadslid=True, gemeente=dordrecht))
    html = raadslid.get(detail).content.decode()
    assert "Voortgang transitie" in html
    assert "Correctie: Voortgang transitie" not in html
    assert "Correctie opstellen" not in html


# Advice needs a current membership of the ambtelijke regiekamer


def _advies(acting_user, **kwargs):
    beoordeling = BeoordelingFactory(ingediend=True)
    advies = advies_create(
        beoordeling=beoordeling,
        oordeel=AdviesOordeel.POSITIEF,
        toelichting="Goed onderbouwd.",
        vervolg=AdviesVervolg.AGENDEREN,
        acting_user=acting_user,
        **kwargs,
    )
    return beoordeling, advies


@pytest.mark.parametrize(
    "lidmaatschap",
    [
        pytest.param(None, id="no-membership"),
        pytest.param({"beeindigd": True}, id="ended"),
        pytest.param({"morgen": True}, id="future"),
        pytest.param({"bestuurlijk": True}, id="other-regiekamer"),
    ],
)
def test_advice_needs_a_current_membership_of_the_ambtelijke_regiekamer(rk, lidmaatschap):
    regisseur = UserFactory(regisseur=True, gemeente=rk.gemeente("Sliedrecht"))
    if lidmaatschap is not None:
        kamer = rk.bestuurlijk if lidmaatschap.pop("bestuurlijk", False) else rk.ambtelijk
        if lidmaatschap.pop("morgen", False):
            lidmaatschap["van"] = timezone.localdate() + datetime.timedelta(days=1)
        LidmaatschapFactory(
            regiekamer=kamer,
            gebruiker=regisseur,
            gemeente=rk.gemeente("Sliedrecht"),
            **lidmaatschap,
        )
    beoordeling = BeoordelingFactory(activiteit=rk.activiteit, ingediend=True)

    with pytest.raises(GeenHuidigLid, match="huidig lid van de ambtelijke regiekamer"):
        advies_create(
            beoordeling=beoordeling,
            oordeel=AdviesOordeel.POSITIEF,
            toelichting="Goed.",
            vervolg=AdviesVervolg.AGENDEREN,
            acting_user=regisseur,
        )
    beoordeling.refresh_from_db()
    assert beoordeling.status == BeoordelingStatus.INGEDIEND
    assert not Advies.objects.exists()


def test_membership_is_judged_on_the_given_day(rk):
    regisseur = UserFactory(regisseur=True)
    LidmaatschapFactory(
        regiekamer=rk.ambtelijk,
        gebruiker=regisseur,
        gemeente=rk.gemeente("Sliedrecht"),
        van=datetime.date(2024, 7, 1),
        tot=datetime.date(2024, 12, 31),
    )

    _, advies = _advies(regisseur, today=datetime.date(2024, 12, 31))
    assert advies.history.get().history_user == regisseur
    with pytest.raises(PermissionDenied):
        _advies(regisseur, today=datetime.date(2025, 1, 1))
    with pytest.raises(PermissionDenied):
        _advies(regisseur, today=datetime.date(2024, 6, 30))


def test_advice_form_says_a_non_member_may_not(rk):
    regisseur = UserFactory(regisseur=True)
    beoordeling = BeoordelingFactory(activiteit=rk.activiteit, ingediend=True)
    response = client_for(regisseur).post(
        reverse("regiekamer:advies", args=[beoordeling.pk]),
        {"oordeel": AdviesOordeel.POSITIEF, "toelichting": "Goed.", "vervolg": "agenderen"},
    )
    assert response.status_code == 200
    assert "huidig lid van de ambtelijke regiekamer" in response.content.decode()
    assert not Advies.objects.exists()
