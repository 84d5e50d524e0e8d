"""Forms of the letters and the commitments."""

from django import forms
from django.utils.translation import gettext_lazy as _

from drechtsteden.forms import DatumField
from drechtsteden.selectors import drechtsteden_list
from drechtsteden.validators import TEKST_MAX, TOELICHTING_MAX
from transitie.brieven.models import Raadsinformatiebrief
from transitie.brieven.selectors import BLOKKEN
from transitie.brieven.services import BriefInvoer
from transitie.constants import BriefStatus, SectieSoort

MARKUP_HULP = _(
    "Een lege regel begint een nieuwe alinea. Een regel die begint met '- ' is een opsomming, "
    "een regel die begint met '## ' een tussenkop. HTML wordt als tekst getoond."
)


class BriefForm(forms.Form):
    versie = forms.IntegerField(required=False, widget=forms.HiddenInput)
    titel = forms.CharField(label=_("Titel"), max_length=300)
    onderwerp = forms.CharField(label=_("Onderwerp"), max_length=300)
    datum = DatumField(label=_("Datum"))
    corrigeert = forms.ModelChoiceField(
        label=_("Corrigeert (alleen bij een correctie)"),
        queryset=Raadsinformatiebrief.objects.filter(status=BriefStatus.GEPUBLICEERD),
        required=False,
    )
    blok_regiekamers = forms.BooleanField(label=_("Samenstelling regiekamers"), required=False)
    blok_besluiten = forms.BooleanField(label=_("Besluiten per thema"), required=False)
    blok_transitieplan = forms.BooleanField(label=_("Transitieplan"), required=False)
    blok_financien = forms.BooleanField(label=_("Financiën"), required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for soort in SectieSoort:
            self.fields[f"sectie_{soort.value}"] = forms.CharField(
                label=soort.label,
                required=False,
                max_length=TEKST_MAX,
                widget=forms.Textarea(attrs={"rows": 8}),
                help_text=MARKUP_HULP,
            )

    def sectie_velden(self):
        return [self[f"sectie_{soort.value}"] for soort in SectieSoort]

    def blok_velden(self):
        return [self[blok] for blok in BLOKKEN]

    def invoer(self) -> BriefInvoer:
        data = self.cleaned_data
        return BriefInvoer(
            titel=data["titel"],
            onderwerp=data["onderwerp"],
            datum=data["datum"],
            corrigeert=data["corrigeert"],
            secties={soort: data[f"sectie_{soort}"] for soort in SectieSoort.values},
            **{blok: data[blok] for blok in BLOKKEN},
        )


def brief_initial(letter: Raadsinformatiebrief) -> dict:
    initial = {
        "versie": letter.versie,
        "titel": letter.titel,
        "onderwerp": letter.onderwerp,
        "datum": letter.datum,
        "corrigeert": letter.corrigeert_id,
        **{blok: getattr(letter, blok) for blok in BLOKKEN},
    }
    for sectie in letter.secties.all():
        initial[f"sectie_{sectie.soort}"] = sectie.tekst
    return initial


class PubliceerForm(forms.Form):
    versie = forms.IntegerField(widget=forms.HiddenInput)


def _datum(label: str) -> forms.DateField:
    return DatumField(label=label, input_formats=["%Y-%m-%d"])


def _gepubliceerde_brieven():
    return Raadsinformatiebrief.objects.filter(status=BriefStatus.GEPUBLICEERD).order_by(
        "-datum", "-id"
    )


class ToezeggingForm(forms.Form):
    tekst = forms.CharField(
        label=_("Toezegging"),
        max_length=TOELICHTING_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
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
        label=_("Hoe is de toezegging afgedaan?"),
        max_length=TOELICHTING_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    afgedaan_op = _datum(_("Afgedaan op"))
