"""The database itself refuses bad data: every CHECK and UNIQUE constraint of the domain models.

Factories save without `full_clean()`, so what refuses here is the database, on SQLite and on
PostgreSQL alike.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest
from django.apps import apps
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from simple_history.models import HistoricalChanges

from drechtsteden.models import Historieregel
from tests import factories as f
from thema.constants import Voorstel
from transitie.constants import (
    BijdrageBron,
    BriefStatus,
    MijlpaalStatus,
    OpdrachtStatus,
    RegiekamerSoort,
    StapStatus,
)

DOMAIN_APPS = ("drechtsteden", "thema", "transitie")
A_DAY = datetime.date(2025, 3, 1)


def _none() -> None:
    return None


@dataclass(frozen=True)
class Case:
    """A write the database must refuse.

    constraint: the constraint's name, or "app.Model.field" for a field declared unique.
    violate: makes the bad write, given what setup returned.
    match: texts of which the database's error must contain one: the CHECK's name; for a unique
        key a column (SQLite names the columns, PostgreSQL the constraint and the columns).
    """

    constraint: str
    violate: Callable[[Any], object]
    setup: Callable[[], Any] = _none
    match: tuple[str, ...] = ()


def check(constraint: str, violate: Callable[[], object], *, id: str, also: str = ""):
    """A CHECK case; `also` names a second CHECK the same write cannot help violating."""
    match = (constraint, also) if also else (constraint,)
    return pytest.param(Case(constraint, lambda _: violate(), match=match), id=id)


def unique(
    constraint: str,
    setup: Callable[[], Any],
    violate: Callable[[Any], object],
    *,
    match: str,
    id: str,
):
    return pytest.param(Case(constraint, violate, setup, (match,)), id=id)


def _self_correcting_letter() -> None:
    brief = f.RaadsinformatiebriefFactory()
    brief.corrigeert = brief
    brief.save()


def _historieregel():
    """The index row of a fresh history row (the audit log writes it with the history)."""
    f.GemeenteFactory()
    return Historieregel.objects.order_by("-id").first()


def _kopie(regel, **velden):
    """A second index row like `regel`, with `velden` changed: a write the index must refuse."""
    kopie = Historieregel.objects.get(pk=regel.pk)
    kopie.pk = None
    for veld, waarde in {"hash": "a" * 64, "vorige_hash": "b" * 64, **velden}.items():
        setattr(kopie, veld, waarde)
    kopie.save()
    return kopie


CASES = [
    # drechtsteden
    unique(
        "drechtsteden.Gemeente.cbs_code",
        lambda: f.GemeenteFactory(cbs_code="GM0505"),
        lambda _: f.GemeenteFactory(cbs_code="GM0505"),
        match="cbs_code",
        id="gemeente-cbs-code-dubbel",
    ),
    unique(
        "drechtsteden.Gemeente.naam",
        lambda: f.GemeenteFactory(naam="Dordrecht"),
        lambda _: f.GemeenteFactory(naam="Dordrecht", slug="dordrecht-2"),
        match="naam",
        id="gemeente-naam-dubbel",
    ),
    unique(
        "drechtsteden.Gemeente.slug",
        lambda: f.GemeenteFactory(slug="dordrecht"),
        lambda _: f.GemeenteFactory(slug="dordrecht"),
        match="slug",
        id="gemeente-slug-dubbel",
    ),
    check("gemeente_cbs_code_format", lambda: f.GemeenteFactory(cbs_code="GM505"), id="cbs-kort"),
    check(
        "gemeente_cbs_code_format", lambda: f.GemeenteFactory(cbs_code="0505GM"), id="cbs-omgekeerd"
    ),
    check(
        "gemeente_cbs_code_format",
        lambda: f.GemeenteFactory(cbs_code="gm0505"),
        id="cbs-kleine-letters",
    ),
    unique(
        "drechtsteden.Profiel.gebruiker",
        f.ProfielFactory,
        lambda profiel: f.ProfielFactory(gebruiker=profiel.gebruiker),
        match="gebruiker_id",
        id="tweede-profiel-per-gebruiker",
    ),
    # drechtsteden: notifications, once per event and person
    unique(
        "melding_een_per_gebeurtenis_en_persoon",
        f.MeldingFactory,
        lambda melding: f.MeldingFactory(
            ontvanger=melding.ontvanger, gebeurtenis=melding.gebeurtenis
        ),
        match="gebeurtenis",
        id="tweede-melding-per-gebeurtenis-en-persoon",
    ),
    unique(
        "drechtsteden.Bezorging.melding",
        f.BezorgingFactory,
        lambda bezorging: f.BezorgingFactory(melding=bezorging.melding),
        match="melding_id",
        id="tweede-bezorging-per-melding",
    ),
    unique(
        "meldingvoorkeur_een_per_soort",
        f.MeldingVoorkeurFactory,
        lambda voorkeur: f.MeldingVoorkeurFactory(
            gebruiker=voorkeur.gebruiker, soort=voorkeur.soort
        ),
        match="soort",
        id="tweede-voorkeur-per-soort",
    ),
    # drechtsteden: the audit log's index of history rows, a hash chain
    check(
        "historieregel_type",
        lambda: Historieregel.objects.filter(pk=_historieregel().pk).update(type="x"),
        id="historieregel-soort-onbekend",
    ),
    unique(
        "historieregel_een_per_historierij",
        _historieregel,
        lambda regel: _kopie(regel),
        match="historie_id",
        id="historieregel-dubbel-per-historierij",
    ),
    unique(
        "drechtsteden.Historieregel.hash",
        _historieregel,
        lambda regel: _kopie(regel, historie_id=regel.historie_id + 1000, hash=regel.hash),
        match="hash",
        id="historieregel-hash-dubbel",
    ),
    unique(
        "drechtsteden.Historieregel.vorige_hash",
        _historieregel,
        lambda regel: _kopie(
            regel, historie_id=regel.historie_id + 1000, vorige_hash=regel.vorige_hash
        ),
        match="vorige_hash",
        id="historieregel-keten-gevorkt",
    ),
    # thema
    unique(
        "thema.Thema.naam",
        lambda: f.ThemaFactory(naam="Energie"),
        lambda _: f.ThemaFactory(naam="Energie", slug="energie-2"),
        match="naam",
        id="thema-naam-dubbel",
    ),
    unique(
        "thema.Thema.slug",
        lambda: f.ThemaFactory(slug="energie"),
        lambda _: f.ThemaFactory(slug="energie"),
        match="slug",
        id="thema-slug-dubbel",
    ),
    unique(
        "teamlid_uniek",
        f.TeamlidFactory,
        lambda lid: f.TeamlidFactory(thema=lid.thema, gebruiker=lid.gebruiker),
        match="gebruiker_id",
        id="teamlid-dubbel",
    ),
    unique(
        "thema.Partner.naam",
        lambda: f.PartnerFactory(naam="Da Vinci College"),
        lambda _: f.PartnerFactory(naam="Da Vinci College"),
        match="naam",
        id="partner-naam-dubbel",
    ),
    check("partner_soort_geldig", lambda: f.PartnerFactory(soort="vereniging"), id="partner-soort"),
    unique(
        "activiteit_slug_uniek",
        f.ActiviteitFactory,
        lambda a: f.ActiviteitFactory(thema=a.thema, slug=a.slug),
        match="slug",
        id="activiteit-slug-dubbel-in-thema",
    ),
    check(
        "activiteit_status_geldig",
        lambda: f.ActiviteitFactory(status="gepauzeerd"),
        id="activiteit-status",
    ),
    unique(
        "deelname_uniek",
        f.DeelnameFactory,
        lambda d: f.DeelnameFactory(activiteit=d.activiteit, gemeente=d.gemeente),
        match="activiteit_id",
        id="deelname-dubbel",
    ),
    check(
        "deelname_bijdrage_niet_negatief",
        lambda: f.DeelnameFactory(jaarlijkse_bijdrage=Decimal("-0.01")),
        id="deelname-bijdrage-negatief",
    ),
    unique(
        "beoordeling_ronde_uniek",
        lambda: f.BeoordelingFactory(vastgesteld=True),
        lambda b: f.BeoordelingFactory(activiteit=b.activiteit, ronde=b.ronde, afgewezen=True),
        match="ronde",
        id="beoordeling-ronde-dubbel",
    ),
    unique(
        "beoordeling_een_open_per_activiteit",
        f.BeoordelingFactory,
        lambda b: f.BeoordelingFactory(activiteit=b.activiteit, ronde=2, ingediend=True),
        match="activiteit_id",
        id="twee-open-beoordelingen",
    ),
    check(
        "beoordeling_status_geldig",
        lambda: f.BeoordelingFactory(compleet=True, status="ingetrokken"),
        id="beoordeling-status",
    ),
    check(
        "beoordeling_voorstel_geldig",
        lambda: f.BeoordelingFactory(voorstel="uitstellen"),
        id="beoordeling-voorstel",
    ),
    check(
        "beoordeling_coalitievorm_geldig",
        lambda: f.BeoordelingFactory(voorstel=Voorstel.HERGROEPEREN, coalitievorm="anders"),
        id="beoordeling-coalitievorm",
    ),
    check(
        "beoordeling_prioriteit_geldig",
        lambda: f.BeoordelingFactory(prioriteit="urgent"),
        id="beoordeling-prioriteit",
    ),
    check(
        "beoordeling_ronde_positief",
        lambda: f.BeoordelingFactory(ronde=0),
        id="beoordeling-ronde-0",
    ),
    *(
        check(
            f"beoordeling_{score}_1_tot_5",
            lambda score=score, value=value: f.BeoordelingFactory(**{score: value}),
            id=f"{score}-{value}",
        )
        for score in ("score_lokaal", "score_regionaal", "score_organisatie")
        for value in (0, 6)
    ),
    check(
        "beoordeling_coalitievorm_alleen_bij_hergroeperen",
        lambda: f.BeoordelingFactory(voorstel=Voorstel.STOPPEN, coalitievorm="kleiner"),
        id="coalitievorm-zonder-hergroeperen",
    ),
    check(
        "beoordeling_ingediend_is_compleet",
        lambda: f.BeoordelingFactory(ingediend=True, voorstel=""),
        id="ingediend-zonder-voorstel",
    ),
    check(
        "beoordeling_ingediend_is_compleet",
        lambda: f.BeoordelingFactory(ingediend=True, onderbouwing=""),
        id="ingediend-zonder-onderbouwing",
    ),
    unique(
        "financiele_consequentie_jaar_uniek",
        lambda: f.FinancieleConsequentieFactory(jaar=2026),
        lambda c: f.FinancieleConsequentieFactory(beoordeling=c.beoordeling, jaar=2026),
        match="jaar",
        id="consequentie-jaar-dubbel",
    ),
    check(
        "financiele_consequentie_jaar_2025_2028",
        lambda: f.FinancieleConsequentieFactory(jaar=2024),
        id="consequentie-jaar-2024",
    ),
    check(
        "financiele_consequentie_jaar_2025_2028",
        lambda: f.FinancieleConsequentieFactory(jaar=2029),
        id="consequentie-jaar-2029",
    ),
    # transitie: regiekamers
    unique(
        "transitie.Regiekamer.soort",
        f.RegiekamerFactory,
        lambda r: f.RegiekamerFactory._meta.model.objects.create(soort=r.soort, naam="Tweede"),
        match="soort",
        id="tweede-regiekamer-van-een-soort",
    ),
    check(
        "regiekamer_soort_geldig",
        lambda: f.RegiekamerFactory(soort="gemengd", naam="Gemengde regiekamer"),
        id="regiekamer-soort",
    ),
    check(
        "lidmaatschap_rol_geldig", lambda: f.LidmaatschapFactory(rol="gast"), id="lidmaatschap-rol"
    ),
    check(
        "lidmaatschap_tot_na_van",
        lambda: f.LidmaatschapFactory(van=A_DAY, tot=A_DAY - datetime.timedelta(days=1)),
        id="lidmaatschap-tot-voor-van",
    ),
    unique(
        "transitie.Verantwoordelijkheid.omschrijving",
        lambda: f.VerantwoordelijkheidFactory(omschrijving="Agenda van het regio-overleg"),
        lambda _: f.VerantwoordelijkheidFactory(omschrijving="Agenda van het regio-overleg"),
        match="omschrijving",
        id="verantwoordelijkheid-dubbel",
    ),
    check(
        "verantwoordelijkheid_herkomst_geldig",
        lambda: f.VerantwoordelijkheidFactory(herkomst="secretaris"),
        id="verantwoordelijkheid-herkomst",
    ),
    # transitie: advice, votes and decisions
    check(
        "advies_oordeel_geldig", lambda: f.AdviesFactory(oordeel="neutraal"), id="advies-oordeel"
    ),
    check(
        "advies_vervolg_geldig", lambda: f.AdviesFactory(vervolg="parkeren"), id="advies-vervolg"
    ),
    check(
        "advies_terugverwijzing_met_reden",
        lambda: f.AdviesFactory(terugverwijzen=True, reden_terugverwijzing=""),
        id="terugverwijzen-zonder-reden",
    ),
    unique(
        "stem_een_per_gemeente",
        f.StemFactory,
        lambda s: f.StemFactory(beoordeling=s.beoordeling, gemeente=s.gemeente, tegen=True),
        match="gemeente_id",
        id="tweede-stem-van-een-gemeente",
    ),
    check("stem_keuze_geldig", lambda: f.StemFactory(keuze="misschien"), id="stem-keuze"),
    unique(
        "transitie.Besluit.beoordeling",
        f.BesluitFactory,
        lambda b: f.BesluitFactory(beoordeling=b.beoordeling),
        match="beoordeling_id",
        id="tweede-besluit-op-een-voorstel",
    ),
    check(
        "besluit_uitkomst_geldig",
        lambda: f.BesluitFactory(uitkomst="aangehouden"),
        id="besluit-uitkomst",
    ),
    # transitie: the plan
    unique(
        "transitie.Transitieplan.naam",
        lambda: f.TransitieplanFactory(naam="Transitieplan"),
        lambda _: f.TransitieplanFactory(naam="Transitieplan"),
        match="naam",
        id="transitieplan-naam-dubbel",
    ),
    unique(
        "aanbeveling_nummer_uniek",
        f.AanbevelingFactory,
        lambda a: f.AanbevelingFactory(transitieplan=a.transitieplan, nummer=a.nummer),
        match="nummer",
        id="aanbeveling-nummer-dubbel",
    ),
    check("aanbeveling_inzicht_1_tot_3", lambda: f.AanbevelingFactory(inzicht=0), id="inzicht-0"),
    check("aanbeveling_inzicht_1_tot_3", lambda: f.AanbevelingFactory(inzicht=4), id="inzicht-4"),
    check(
        "mijlpaal_status_geldig",
        lambda: f.MijlpaalFactory(status="uitgesteld"),
        id="mijlpaal-status",
    ),
    check(
        "mijlpaal_een_eigenaar",
        lambda: f.MijlpaalFactory(eigenaar_gemeente=f.GemeenteFactory()),
        id="mijlpaal-twee-eigenaren",
    ),
    check(
        "mijlpaal_een_eigenaar",
        lambda: f.MijlpaalFactory(eigenaar_regiekamer=None),
        id="mijlpaal-zonder-eigenaar",
    ),
    check(
        "mijlpaal_gereed_met_datum",
        lambda: f.MijlpaalFactory(status=MijlpaalStatus.GEREED, gereed_op=None),
        id="gereed-zonder-datum",
    ),
    check(
        "mijlpaal_gereed_met_datum",
        lambda: f.MijlpaalFactory(status=MijlpaalStatus.BEZIG, gereed_op=A_DAY),
        id="datum-gereed-zonder-gereed",
    ),
    # transitie: finance
    unique(
        "transitie.Begroting.jaar",
        lambda: f.BegrotingFactory(jaar=2024),
        lambda _: f.BegrotingFactory(jaar=2024),
        match="jaar",
        id="begroting-jaar-dubbel",
    ),
    unique(
        "transitie.Begroting.voortzetting_van",
        lambda: f.BegrotingFactory(voortzetting_van=f.BegrotingFactory()),
        lambda b: f.BegrotingFactory(voortzetting_van=b.voortzetting_van),
        match="voortzetting_van_id",
        id="twee-voortzettingen-van-een-begroting",
    ),
    check(
        "begroting_jaar_redelijk", lambda: f.BegrotingFactory(jaar=1999), id="begroting-jaar-1999"
    ),
    check(
        "begroting_jaar_redelijk", lambda: f.BegrotingFactory(jaar=2101), id="begroting-jaar-2101"
    ),
    check(
        "begrotingspost_bedrag_niet_negatief",
        lambda: f.BegrotingspostFactory(bedrag=Decimal("-140000.00")),
        id="begrotingspost-negatief",
    ),
    check(
        "begrotingspost_soort_geldig",
        lambda: f.BegrotingspostFactory(soort="inkomst"),
        id="begrotingspost-soort",
    ),
    check(
        "bijdrage_bedrag_niet_negatief",
        lambda: f.BijdrageFactory(bedrag=Decimal("-1.00")),
        id="bijdrage-negatief",
    ),
    check("bijdrage_bron_geldig", lambda: f.BijdrageFactory(bron="provincie"), id="bijdrage-bron"),
    check(
        "bijdrage_status_geldig",
        lambda: f.BijdrageFactory(status="geweigerd"),
        id="bijdrage-status",
    ),
    check(
        "bijdrage_gemeente_bij_bron_gemeente",
        lambda: f.BijdrageFactory(bron=BijdrageBron.GEMEENTE, gemeente=None),
        id="bron-gemeente-zonder-gemeente",
    ),
    check(
        "bijdrage_gemeente_bij_bron_gemeente",
        lambda: f.BijdrageFactory(bron=BijdrageBron.SUBSIDIE),
        id="subsidie-met-gemeente",
    ),
    # transitie: raadsinformatiebrieven
    unique(
        "transitie.Raadsinformatiebrief.uuid",
        f.RaadsinformatiebriefFactory,
        lambda b: f.RaadsinformatiebriefFactory(uuid=b.uuid),
        match="uuid",
        id="brief-kenmerk-dubbel",
    ),
    check(
        "brief_status_geldig",
        lambda: f.RaadsinformatiebriefFactory(status="ingetrokken"),
        id="brief-status",
        also="brief_gepubliceerd_met_datum",
    ),
    check(
        "brief_gepubliceerd_met_datum",
        lambda: f.RaadsinformatiebriefFactory(status=BriefStatus.GEPUBLICEERD),
        id="gepubliceerd-zonder-datum",
    ),
    check(
        "brief_gepubliceerd_met_datum",
        lambda: f.RaadsinformatiebriefFactory(gepubliceerd_op=timezone.now()),
        id="concept-met-publicatiedatum",
    ),
    check(
        "brief_corrigeert_niet_zichzelf", _self_correcting_letter, id="brief-corrigeert-zichzelf"
    ),
    unique(
        "briefsectie_uniek",
        f.BriefsectieFactory,
        lambda s: f.BriefsectieFactory(brief=s.brief, soort=s.soort),
        match="soort",
        id="briefsectie-soort-dubbel",
    ),
    check(
        "briefsectie_soort_geldig",
        lambda: f.BriefsectieFactory(soort="nawoord"),
        id="briefsectie-soort",
    ),
    unique(
        "transitie.Briefpublicatie.uuid",
        f.BriefpublicatieFactory,
        lambda p: f.BriefpublicatieFactory(uuid=p.uuid),
        match="uuid",
        id="publicatie-kenmerk-dubbel",
    ),
    unique(
        "briefpublicatie_uniek",
        f.BriefpublicatieFactory,
        lambda p: f.BriefpublicatieFactory(brief=p.brief, gemeente=p.gemeente),
        match="gemeente_id",
        id="tweede-publicatie-voor-een-raad",
    ),
    check(
        "briefpublicatie_sha256_hex",
        lambda: f.BriefpublicatieFactory(sha256="A" * 64),
        id="sha256-hoofdletters",
    ),
    check(
        "briefpublicatie_sha256_hex",
        lambda: f.BriefpublicatieFactory(sha256="0" * 63),
        id="sha256-te-kort",
    ),
    check(
        "briefpublicatie_sha256_hex",
        lambda: f.BriefpublicatieFactory(sha256="g" * 64),
        id="sha256-geen-hex",
    ),
    unique(
        "transitie.Briefbijlage.uuid",
        f.BriefbijlageFactory,
        lambda b: f.BriefbijlageFactory(uuid=b.uuid),
        match="uuid",
        id="bijlage-uuid-dubbel",
    ),
    unique(
        "briefbijlage_titel_uniek",
        f.BriefbijlageFactory,
        lambda b: f.BriefbijlageFactory(brief=b.brief, titel=b.titel),
        match="titel",
        id="bijlage-titel-dubbel",
    ),
    check(
        "briefbijlage_sha256_bij_bestand",
        lambda: f.BriefbijlageFactory(sha256=""),
        id="bijlage-bestand-zonder-hash",
    ),
    check(
        "briefbijlage_sha256_bij_bestand",
        lambda: f.BriefbijlageFactory(zonder_bestand=True, sha256="0" * 64),
        id="bijlage-hash-zonder-bestand",
    ),
    # transitie: publishing in the background
    check(
        "publicatieopdracht_status_geldig",
        lambda: f.PublicatieopdrachtFactory(status="onbekend", afgerond_op=timezone.now()),
        id="opdracht-status-onbekend",
    ),
    unique(
        "publicatieopdracht_een_lopend_per_brief",
        f.PublicatieopdrachtFactory,
        lambda o: f.PublicatieopdrachtFactory(brief=o.brief),
        match="brief_id",
        id="tweede-lopende-opdracht-voor-een-brief",
    ),
    check(
        "publicatieopdracht_afgerond_met_datum",
        lambda: f.PublicatieopdrachtFactory(status=OpdrachtStatus.GEPUBLICEERD),
        id="opdracht-afgerond-zonder-datum",
    ),
    check(
        "publicatieopdracht_afgerond_met_datum",
        lambda: f.PublicatieopdrachtFactory(afgerond_op=timezone.now()),
        id="lopende-opdracht-met-einddatum",
    ),
    unique(
        "publicatiestap_een_per_gemeente",
        f.PublicatiestapFactory,
        lambda s: f.PublicatiestapFactory(opdracht=s.opdracht, gemeente=s.gemeente),
        match="gemeente_id",
        id="tweede-stap-voor-een-raad",
    ),
    check(
        "publicatiestap_status_geldig",
        lambda: f.PublicatiestapFactory(status="onbekend"),
        id="stap-status-onbekend",
    ),
    check(
        "publicatiestap_klaar_met_sha256",
        lambda: f.PublicatiestapFactory(status=StapStatus.KLAAR, sha256=""),
        id="stap-klaar-zonder-hash",
    ),
    # transitie: registers
    unique(
        "raadsbehandeling_uniek",
        f.RaadsbehandelingFactory,
        lambda r: f.RaadsbehandelingFactory(kaderwijziging=r.kaderwijziging, gemeente=r.gemeente),
        match="gemeente_id",
        id="tweede-behandeling-door-een-raad",
    ),
    check(
        "raadsbehandeling_status_geldig",
        lambda: f.RaadsbehandelingFactory(status="aangehouden"),
        id="raadsbehandeling-status",
    ),
    check(
        "toezegging_afgedaan_met_datum_en_tekst",
        lambda: f.ToezeggingFactory(afgedaan_op=timezone.localdate()),
        id="afgedaan-zonder-afdoening",
    ),
    check(
        "toezegging_afgedaan_met_datum_en_tekst",
        lambda: f.ToezeggingFactory(afdoening="Gedaan"),
        id="afdoening-zonder-datum",
    ),
]


@pytest.mark.django_db
@pytest.mark.parametrize("case", CASES)
def test_database_refuses(case: Case):
    context = case.setup()
    with pytest.raises(IntegrityError) as refused, transaction.atomic():
        case.violate(context)
    message = str(refused.value).lower()
    assert any(match.lower() in message for match in case.match), message
    if connection.vendor == "postgresql" and "." not in case.constraint:
        # PostgreSQL names the violated constraint; SQLite names only a unique key's columns.
        assert any(f'"{name}"' in message for name in (case.constraint, *case.match)), message


# What the constraints must not refuse: the edges of the rules


ACCEPTED = [
    pytest.param(
        lambda: f.BeoordelingFactory(
            activiteit=f.BeoordelingFactory(vastgesteld=True).activiteit, ronde=2
        ),
        id="nieuwe-ronde-na-besluit",
    ),
    pytest.param(
        lambda: f.BeoordelingFactory(score_lokaal=1, score_regionaal=5), id="scores-1-en-5"
    ),
    pytest.param(
        lambda: f.BeoordelingFactory(hergroeperen=True, ingediend=True), id="hergroeperen-met-vorm"
    ),
    pytest.param(lambda: f.DeelnameFactory(jaarlijkse_bijdrage=0), id="bijdrage-nul"),
    pytest.param(lambda: f.LidmaatschapFactory(van=A_DAY, tot=A_DAY), id="lidmaatschap-een-dag"),
    pytest.param(
        lambda: f.MijlpaalFactory(gemeente_eigenaar=True), id="mijlpaal-gemeente-eigenaar"
    ),
    pytest.param(lambda: f.MijlpaalFactory(gereed=True), id="mijlpaal-gereed-met-datum"),
    pytest.param(lambda: f.BijdrageFactory(omliggend=True), id="bijdrage-omliggende-gemeenten"),
    pytest.param(lambda: f.RaadsinformatiebriefFactory(gepubliceerd=True), id="brief-gepubliceerd"),
    pytest.param(
        lambda: (f.RegiekamerFactory(), f.RegiekamerFactory(soort=RegiekamerSoort.BESTUURLIJK))[1],
        id="een-regiekamer-van-elke-soort",
    ),
    pytest.param(
        lambda: f.AdviesFactory(terugverwijzen=True),
        id="terugverwijzen-met-reden",
    ),
    pytest.param(
        lambda: f.RaadsinformatiebriefFactory(corrigeert=f.RaadsinformatiebriefFactory()),
        id="brief-corrigeert-een-andere",
    ),
]


@pytest.mark.django_db
@pytest.mark.parametrize("write", ACCEPTED)
def test_database_accepts(write):
    assert write().pk


# The table above is complete


def declared_constraints() -> set[str]:
    names = set()
    for label in DOMAIN_APPS:
        for model in apps.get_app_config(label).get_models():
            if issubclass(model, HistoricalChanges):
                continue
            names |= {constraint.name for constraint in model._meta.constraints}
            names |= {
                f"{model._meta.label}.{field.name}"
                for field in model._meta.concrete_fields
                if field.unique and not field.primary_key
            }
    return names


def test_every_constraint_has_a_case():
    covered = {param.values[0].constraint for param in CASES}
    assert covered == declared_constraints()
