"""Forms of the content layer: the shape of what the team types into a review, and the filters.

The business rules (coalitions, stop, a complete review) are checked in thema.services; these
forms check types and ranges, with Dutch messages at the field.
"""

import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from drechtsteden.models import Gemeente
from drechtsteden.selectors import drechtsteden_list
from thema.constants import (
    CONSEQUENTIE_JAREN,
    SCORE_MAX,
    SCORE_MIN,
    SCORE_VRAGEN,
    Coalitievorm,
    Prioriteit,
    Score,
    Voorstel,
)
from thema.models import Beoordeling
from thema.selectors import BEDRAG_VELD, Deelnemers, Keuzes, partner_list
from thema.services import BeoordelingInvoer, veld_geldt

BEDRAG_FOUT = _("Vul een bedrag in euro's in, zoals 12500 of -2500,50 (een besparing is negatief).")
BEDRAG_MAX = Decimal("9999999999.99")


def _label(veld: str) -> str:
    return Beoordeling._meta.get_field(veld).verbose_name.capitalize()


class BedragField(forms.Field):
    """An amount in euros as people in the Netherlands write it: 12.500, -2500,50 or € 1.250."""

    default_error_messages = {"invalid": BEDRAG_FOUT}

    def to_python(self, value: str | None) -> Decimal | None:
        tekst = (value or "").strip().replace("€", "").replace(" ", "").replace("\u2212", "-")
        if not tekst:
            return None
        if "," in tekst:
            tekst = tekst.replace(".", "").replace(",", ".")
        elif re.fullmatch(r"-?\d{1,3}(\.\d{3})+", tekst):
            tekst = tekst.replace(".", "")
        if not re.fullmatch(r"-?\d+(\.\d+)?", tekst):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        try:
            bedrag = Decimal(tekst)
        except InvalidOperation:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None
        if bedrag != bedrag.quantize(Decimal("0.01")):
            raise forms.ValidationError(
                _("Een bedrag heeft hoogstens twee cijfers achter de komma."), code="decimals"
            )
        if abs(bedrag) > BEDRAG_MAX:
            raise forms.ValidationError(
                _("Dit bedrag is te groot; vul het in hele euro's in."), code="max"
            )
        return bedrag.quantize(Decimal("0.01"))

    def prepare_value(self, value: object) -> object:
        if isinstance(value, Decimal):
            return number_format(value, 2, use_l10n=True)
        return value


def _score_field(veld: str) -> forms.IntegerField:
    bericht = _("Een score is een geheel getal van 1 tot en met 5.")
    return forms.IntegerField(
        label=_label(veld),
        help_text=SCORE_VRAGEN[veld],
        required=False,
        min_value=SCORE_MIN,
        max_value=SCORE_MAX,
        widget=forms.RadioSelect(choices=Score.choices),
        error_messages={"invalid": bericht, "min_value": bericht, "max_value": bericht},
    )


class DeelnemerKeuze(forms.ModelMultipleChoiceField):
    """Municipalities or partners, each marked when it takes part in the activity today.

    The choices are set from values (`kies_uit`), so that rendering reads nothing; the queryset
    still decides what a posted id may be.
    """

    def kies_uit(self, opties: list[tuple[int, str]], deelnemers: list[tuple[int, str]]) -> None:
        nu = {pk for pk, _naam in deelnemers}
        self.choices = [
            (pk, _("%(naam)s (doet nu mee)") % {"naam": naam} if pk in nu else naam)
            for pk, naam in opties
        ]


class BeoordelingForm(forms.Form):
    """The review of one activity. `versie` is the version the form was loaded at."""

    versie = forms.IntegerField(required=False, widget=forms.HiddenInput)
    score_lokaal = _score_field("score_lokaal")
    score_regionaal = _score_field("score_regionaal")
    score_organisatie = _score_field("score_organisatie")
    prioriteit = forms.ChoiceField(
        label=_label("prioriteit"),
        choices=Prioriteit.choices,
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Kies hoog, middel of laag.")},
    )
    onderbouwing = forms.CharField(
        label=_label("onderbouwing"),
        help_text=_(
            "Waarom dit voorstel? Noem de bijdrage aan lokale en regionale doelen en hoe de "
            "activiteit zich verhoudt tot de omgeving en de partners."
        ),
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": _("Schrijf een onderbouwing: waarom dit voorstel?")},
    )
    voorstel = forms.ChoiceField(
        label=_label("voorstel"),
        choices=Voorstel.choices,
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Kies een van de vier voorstellen.")},
    )
    coalitievorm = forms.ChoiceField(
        label=_label("coalitievorm"),
        help_text=_(
            "Kleiner: minder deelnemers, alleen wie nu meedoet. Groter: meer deelnemers. "
            "Andersoortig: een andere samenstelling."
        ),
        choices=Coalitievorm.choices,
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Kies kleiner, andersoortig of groter.")},
    )
    voorgestelde_gemeenten = DeelnemerKeuze(
        label=_label("voorgestelde_gemeenten"),
        queryset=Gemeente.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": _("Onbekende gemeente: kies uit de zeven Drechtsteden."),
            "invalid_pk_value": _("Onbekende gemeente: kies uit de zeven Drechtsteden."),
        },
    )
    voorgestelde_partners = DeelnemerKeuze(
        label=_label("voorgestelde_partners"),
        queryset=partner_list(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": _("Onbekende partner: kies uit de lijst."),
            "invalid_pk_value": _("Onbekende partner: kies uit de lijst."),
        },
    )
    nieuwe_activiteit_naam = forms.CharField(
        label=_label("nieuwe_activiteit_naam"), required=False, max_length=200
    )
    nieuwe_activiteit_beschrijving = forms.CharField(
        label=_label("nieuwe_activiteit_beschrijving"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, deelnemers: Deelnemers, **kwargs) -> None:
        """`deelnemers`: who takes part today and whom the review may propose."""
        super().__init__(*args, **kwargs)
        gemeenten = self.fields["voorgestelde_gemeenten"]
        gemeenten.queryset = drechtsteden_list()
        gemeenten.kies_uit(deelnemers.gemeente_opties, deelnemers.gemeenten)
        self.fields["voorgestelde_partners"].kies_uit(
            deelnemers.partner_opties, deelnemers.partners
        )
        for jaar in CONSEQUENTIE_JAREN:
            self.fields[BEDRAG_VELD.format(jaar=jaar)] = BedragField(
                label=str(jaar), required=False
            )

    @property
    def bedrag_velden(self) -> list[forms.BoundField]:
        return [self[BEDRAG_VELD.format(jaar=jaar)] for jaar in CONSEQUENTIE_JAREN]

    def clean(self) -> dict:
        cleaned = super().clean()
        voorstel = cleaned.get("voorstel", "")
        for veld in ("coalitievorm", "voorgestelde_gemeenten", "voorgestelde_partners"):
            self._negeer_als_niet_van_toepassing(veld, voorstel, cleaned)
        for veld in ("nieuwe_activiteit_naam", "nieuwe_activiteit_beschrijving"):
            self._negeer_als_niet_van_toepassing(veld, voorstel, cleaned)
        return cleaned

    def _negeer_als_niet_van_toepassing(self, veld: str, voorstel: str, cleaned: dict) -> None:
        """A field of another proposal is hidden in the browser; here its input does not count."""
        if not veld_geldt(veld, voorstel):
            self._errors.pop(veld, None)
            cleaned[veld] = None

    def invoer(self) -> BeoordelingInvoer:
        data = self.cleaned_data
        return BeoordelingInvoer(
            onderbouwing=data["onderbouwing"],
            score_lokaal=data["score_lokaal"],
            score_regionaal=data["score_regionaal"],
            score_organisatie=data["score_organisatie"],
            prioriteit=data["prioriteit"] or "",
            voorstel=data["voorstel"] or "",
            coalitievorm=data.get("coalitievorm") or "",
            voorgestelde_gemeenten=frozenset(data.get("voorgestelde_gemeenten") or ()),
            voorgestelde_partners=frozenset(data.get("voorgestelde_partners") or ()),
            nieuwe_activiteit_naam=data.get("nieuwe_activiteit_naam") or "",
            nieuwe_activiteit_beschrijving=data.get("nieuwe_activiteit_beschrijving") or "",
            bedragen={jaar: data[BEDRAG_VELD.format(jaar=jaar)] for jaar in CONSEQUENTIE_JAREN},
        )


def beoordeling_initial(beoordeling: Beoordeling | None, keuzes: Keuzes) -> dict:
    """The form's initial values for a stored review (or an empty form for a new one)."""
    if beoordeling is None:
        return {}
    initial = {
        veld: getattr(beoordeling, veld)
        for veld in (
            "score_lokaal",
            "score_regionaal",
            "score_organisatie",
            "prioriteit",
            "onderbouwing",
            "voorstel",
            "coalitievorm",
            "nieuwe_activiteit_naam",
            "nieuwe_activiteit_beschrijving",
        )
    }
    initial["versie"] = beoordeling.versie
    initial["voorgestelde_gemeenten"] = keuzes.gemeenten
    initial["voorgestelde_partners"] = keuzes.partners
    for jaar, bedrag in keuzes.bedragen.items():
        initial[BEDRAG_VELD.format(jaar=jaar)] = bedrag
    return initial


class IndienenForm(forms.Form):
    """The confirmation of a submission, with the version the person saw."""

    versie = forms.IntegerField(widget=forms.HiddenInput)


class OverzichtFilterForm(forms.Form):
    """The overview's filters; unknown values are simply not applied."""

    zoek = forms.CharField(label=_("Zoeken"), required=False, max_length=100)
    status = forms.ChoiceField(label=_("Status"), required=False)
    voorstel = forms.ChoiceField(
        label=_("Voorstel"),
        required=False,
        choices=[("", _("Alle voorstellen")), *Voorstel.choices],
    )
    gemeente = forms.ChoiceField(label=_("Gemeente"), required=False)

    def __init__(self, *args, kolommen=(), gemeenten=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [
            ("", _("Alle statussen")),
            *((kolom.status, kolom.label) for kolom in kolommen),
        ]
        self.fields["gemeente"].choices = [
            ("", _("Alle gemeenten")),
            *((g.slug, g.naam) for g in gemeenten),
        ]
