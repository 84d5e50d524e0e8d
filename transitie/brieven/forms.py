"""Forms of the letters and the commitments."""

from django import forms
from django.utils.translation import gettext_lazy as _

from drechtsteden.forms import DatumField, Formulier
from drechtsteden.selectors import drechtsteden_list
from drechtsteden.validators import TEKST_MAX, TOELICHTING_MAX
from transitie.brieven.bijlagen import MAX_BIJLAGE_BYTES
from transitie.brieven.models import Raadsinformatiebrief
from transitie.brieven.selectors import BLOKKEN
from transitie.brieven.services import ONDERDELEN, BriefInvoer
from transitie.constants import BriefStatus, SectieSoort

MARKUP_HULP = _(
    "Een lege regel begint een nieuwe alinea. Een regel die begint met '- ' is een opsomming, "
    "een regel die begint met '## ' een tussenkop. HTML wordt als tekst getoond."
)


class BriefForm(Formulier):
    versie = forms.IntegerField(required=False, widget=forms.HiddenInput)
    titel = forms.CharField(label=_("Titel"), max_length=300)
    afzender = forms.CharField(
        label=_("Afzender"),
        max_length=300,
        required=False,
        help_text=_(
            "Bijvoorbeeld: De colleges van burgemeester en wethouders van de Drechtsteden."
        ),
    )
    kenmerk = forms.CharField(label=_("Kenmerk"), max_length=100, required=False)
    onderwerp = forms.CharField(label=_("Onderwerp"), max_length=300)
    datum = DatumField(
        label=_("Datum"),
        required=False,
        help_text=_(
            "De datum van de brief zelf; de gegevensblokken tonen de stand op de dag van "
            "publicatie."
        ),
    )
    contactpersoon_naam = forms.CharField(label=_("Contactpersoon"), max_length=200, required=False)
    contactpersoon_email = forms.EmailField(label=_("E-mail contactpersoon"), required=False)
    contactpersoon_telefoon = forms.CharField(
        label=_("Telefoon contactpersoon"), max_length=40, required=False
    )
    ondertekening = forms.CharField(
        label=_("Ondertekening"),
        required=False,
        max_length=TOELICHTING_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Eén ondertekenaar per regel: naam, komma, functie. Bijvoorbeeld: J. Jansen, "
            "burgemeester van Dordrecht."
        ),
    )
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

    def clean_ondertekening(self) -> str:
        tekst = self.cleaned_data["ondertekening"]
        for regel in tekst.splitlines():
            naam, _komma, functie = regel.partition(",")
            if regel.strip() and not (naam.strip() and functie.strip()):
                raise forms.ValidationError(
                    _("Schrijf elke ondertekenaar als naam, komma, functie: %(regel)s"),
                    params={"regel": regel.strip()},
                )
        return tekst

    def invoer(self) -> BriefInvoer:
        data = self.cleaned_data
        return BriefInvoer(
            **{veld: data[veld] for veld in ONDERDELEN},
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
        **{veld: getattr(letter, veld) for veld in ONDERDELEN},
        **{blok: getattr(letter, blok) for blok in BLOKKEN},
    }
    for sectie in letter.secties.all():
        initial[f"sectie_{sectie.soort}"] = sectie.tekst
    return initial


class BijlageForm(Formulier):
    titel = forms.CharField(label=_("Titel van de bijlage"), max_length=300)
    bestand = forms.FileField(
        label=_("PDF-bestand"),
        help_text=_(
            "Alleen PDF, hoogstens %(mb)s MB, zonder JavaScript, ingesloten bestanden of "
            "beveiliging. De bijlage komt naast de brief, niet in de PDF van de brief."
        )
        % {"mb": MAX_BIJLAGE_BYTES // (1024 * 1024)},
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}),
    )

    def clean_bestand(self):
        """Too large a file is refused before it is read into memory."""
        bestand = self.cleaned_data["bestand"]
        if bestand.size > MAX_BIJLAGE_BYTES:
            raise forms.ValidationError(
                _("Een bijlage is hoogstens %(max)s MB; dit bestand is %(grootte)s MB."),
                params={
                    "max": MAX_BIJLAGE_BYTES // (1024 * 1024),
                    "grootte": f"{bestand.size / (1024 * 1024):.1f}".replace(".", ","),
                },
            )
        return bestand


class PubliceerForm(Formulier):
    versie = forms.IntegerField(widget=forms.HiddenInput)


def _datum(label: str) -> forms.DateField:
    return DatumField(label=label, input_formats=["%Y-%m-%d"])


def _gepubliceerde_brieven():
    return Raadsinformatiebrief.objects.filter(status=BriefStatus.GEPUBLICEERD).order_by(
        "-datum", "-id"
    )


class ToezeggingForm(Formulier):
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


class AfdoenForm(Formulier):
    afdoening = forms.CharField(
        label=_("Hoe is de toezegging afgedaan?"),
        max_length=TOELICHTING_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    afgedaan_op = _datum(_("Afgedaan op"))
