"""Forms of the registers (framework changes, council decisions, commitments): the shape of the
input; transitie.registers checks the rules."""

from django import forms
from django.utils.translation import gettext_lazy as _

from drechtsteden.selectors import drechtsteden_list
from drechtsteden.widgets import DatumInput
from transitie.constants import BriefStatus, RaadsbehandelingStatus
from transitie.models import Raadsinformatiebrief


def _datum(label: str) -> forms.DateField:
    return forms.DateField(label=label, widget=DatumInput, input_formats=["%Y-%m-%d"])


def _gepubliceerde_brieven():
    return Raadsinformatiebrief.objects.filter(status=BriefStatus.GEPUBLICEERD).order_by(
        "-datum", "-id"
    )


class KaderwijzigingForm(forms.Form):
    titel = forms.CharField(label=_("Titel"), max_length=300)
    omschrijving = forms.CharField(
        label=_("Omschrijving"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    bedrag = forms.DecimalField(
        label=_("Financieel effect in euro (als dat van toepassing is)"),
        max_digits=14,
        decimal_places=2,
        required=False,
        help_text=_("Negatief voor minder budget, bijvoorbeeld -25000,00."),
        localize=True,
    )
    datum = _datum(_("Voorgelegd op"))
    brief = forms.ModelChoiceField(
        label=_("Aangekondigd in brief (optioneel)"),
        queryset=Raadsinformatiebrief.objects.none(),
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["brief"].queryset = _gepubliceerde_brieven()


class RaadsbesluitForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Besluit van de gemeenteraad"),
        choices=[
            (s.value, s.label)
            for s in (RaadsbehandelingStatus.VASTGESTELD, RaadsbehandelingStatus.AFGEWEZEN)
        ],
        widget=forms.RadioSelect,
    )
    datum = _datum(_("Datum van het raadsbesluit"))
    toelichting = forms.CharField(
        label=_("Toelichting (optioneel)"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class ToezeggingForm(forms.Form):
    tekst = forms.CharField(label=_("Toezegging"), widget=forms.Textarea(attrs={"rows": 3}))
    brief = forms.ModelChoiceField(
        label=_("Gedaan in brief"), queryset=Raadsinformatiebrief.objects.none()
    )
    gemeente = forms.ModelChoiceField(
        label=_("Aan de gemeenteraad van"),
        queryset=drechtsteden_list(),
        required=False,
        empty_label=_("Alle zeven gemeenteraden"),
    )
    verwacht_op = _datum(_("Verwacht op"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["brief"].queryset = _gepubliceerde_brieven()


class AfdoenForm(forms.Form):
    afdoening = forms.CharField(
        label=_("Hoe is de toezegging afgedaan?"), widget=forms.Textarea(attrs={"rows": 3})
    )
    afgedaan_op = _datum(_("Afgedaan op"))
