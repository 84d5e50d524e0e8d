"""Forms of the content layer: the shape of what the team types into a review, and the filters.

The business rules (coalitions, stop, a complete review) are checked in thema.services; these
forms check types and ranges, with Dutch messages at the field.
"""

from dataclasses import fields

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from drechtsteden.forms import BedragField, Formulier
from drechtsteden.selectors import drechtsteden_list
from drechtsteden.validators import TEKST_MAX
from thema.constants import (
    BEDRAG_VELD,
    BEDRAG_VELDEN,
    CONSEQUENTIE_JAREN,
    M2M_VELDEN,
    SCALAIRE_VELDEN,
    SCORE_MAX,
    SCORE_MIN,
    SCORE_VRAGEN,
    Coalitievorm,
    Prioriteit,
    Score,
    Voorstel,
)
from thema.models import Activiteit, Beoordeling
from thema.selectors import bedragen_per_jaar, partner_list
from thema.services import VOORSTEL_VELDEN, BeoordelingInvoer, veld_geldt


def _label(veld: str) -> str:
    return Beoordeling._meta.get_field(veld).verbose_name.capitalize()


def _score_field(veld: str) -> forms.IntegerField:
    bericht = format_lazy(
        _("De score voor ‘{veld}’ is een geheel getal van 1 tot en met 5."), veld=_label(veld)
    )
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
    """Municipalities or partners, each marked when it takes part in the activity today."""

    doen_mee: frozenset[int] = frozenset()  # the ids of today's participants

    def label_from_instance(self, obj) -> str:
        if obj.pk in self.doen_mee:
            return _("%(naam)s (doet nu mee)") % {"naam": obj.naam}
        return obj.naam


class BeoordelingForm(Formulier):
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
        max_length=TEKST_MAX,
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
        queryset=drechtsteden_list(),
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
        max_length=TEKST_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, activiteit: Activiteit, **kwargs) -> None:
        """`activiteit`, with its participants and partners read: who takes part today."""
        super().__init__(*args, **kwargs)
        self.fields["voorgestelde_gemeenten"].doen_mee = frozenset(
            deelname.gemeente_id for deelname in activiteit.deelnames.all()
        )
        self.fields["voorgestelde_partners"].doen_mee = frozenset(
            partner.pk for partner in activiteit.partners.all()
        )
        for jaar in CONSEQUENTIE_JAREN:
            self.fields[BEDRAG_VELD.format(jaar=jaar)] = BedragField(
                label=str(jaar), required=False
            )

    @property
    def bedrag_velden(self) -> list[forms.BoundField]:
        return [self[veld] for veld in BEDRAG_VELDEN]

    def clean(self) -> dict:
        cleaned = super().clean()
        voorstel = cleaned.get("voorstel", "")
        for veld in VOORSTEL_VELDEN:
            self._negeer_als_niet_van_toepassing(veld, voorstel, cleaned)
        return cleaned

    def _negeer_als_niet_van_toepassing(self, veld: str, voorstel: str, cleaned: dict) -> None:
        """A field of another proposal is hidden in the browser; here its input does not count."""
        if not veld_geldt(veld, voorstel):
            self._errors.pop(veld, None)
            cleaned[veld] = None

    def invoer(self) -> BeoordelingInvoer:
        data = self.cleaned_data
        # A field left empty (or of another proposal) is the input's default: None or "".
        standaard = {f.name: f.default for f in fields(BeoordelingInvoer)}
        return BeoordelingInvoer(
            **{
                veld: data[veld] if data.get(veld) is not None else standaard[veld]
                for veld in SCALAIRE_VELDEN
            },
            **{veld: frozenset(data.get(veld) or ()) for veld in M2M_VELDEN},
            bedragen={jaar: data[BEDRAG_VELD.format(jaar=jaar)] for jaar in CONSEQUENTIE_JAREN},
        )


def beoordeling_initial(beoordeling: Beoordeling | None) -> dict:
    """The form's initial values for a stored review, with its coalition and finances read (or
    an empty form for a new one)."""
    if beoordeling is None:
        return {}
    initial = {veld: getattr(beoordeling, veld) for veld in SCALAIRE_VELDEN}
    initial["versie"] = beoordeling.versie
    for veld in M2M_VELDEN:
        initial[veld] = [obj.pk for obj in getattr(beoordeling, veld).all()]
    for jaar, bedrag in bedragen_per_jaar(beoordeling).items():
        initial[BEDRAG_VELD.format(jaar=jaar)] = bedrag
    return initial


class IndienenForm(Formulier):
    """The confirmation of a submission, with the version the person saw."""

    versie = forms.IntegerField(widget=forms.HiddenInput)


class OverzichtFilterForm(Formulier):
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
