"""Forms of the finance pages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from drechtsteden.forms import BedragField, Formulier, ModelFormulier
from drechtsteden.selectors import drechtsteden_list
from drechtsteden.validators import TEKST_MAX, TOELICHTING_MAX
from transitie.brieven.forms import _datum, _gepubliceerde_brieven
from transitie.brieven.models import Raadsinformatiebrief
from transitie.constants import BijdrageStatus, RaadsbehandelingStatus
from transitie.financien.models import Begrotingspost, Bijdrage
from transitie.financien.services import bijdrage_statussen
from transitie.plan.forms import _reden


class BegrotingspostForm(ModelFormulier):
    reden = _reden()

    class Meta:
        model = Begrotingspost
        fields = ["omschrijving", "soort", "thema", "bedrag"]
        labels = {
            "omschrijving": _("Omschrijving"),
            "soort": _("Soort"),
            "thema": _("Thema (optioneel)"),
            "bedrag": _("Bedrag in euro"),
        }
        field_classes = {"bedrag": BedragField}


class BijdrageForm(ModelFormulier):
    reden = _reden()

    class Meta:
        model = Bijdrage
        fields = ["omschrijving", "bron", "gemeente", "bedrag", "status"]
        labels = {
            "omschrijving": _("Omschrijving"),
            "bron": _("Bron"),
            "gemeente": _("Gemeente"),
            "bedrag": _("Bedrag in euro"),
            "status": _("Status"),
        }
        help_texts = {
            "gemeente": _("Alleen bij een bijdrage van een gemeente."),
            "status": _("Verwacht, toegezegd, ontvangen: de status gaat alleen vooruit."),
        }
        field_classes = {"bedrag": BedragField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["gemeente"].queryset = drechtsteden_list()
        toegestaan = bijdrage_statussen(self.instance)
        self.fields["status"].choices = [
            (s.value, s.label) for s in BijdrageStatus if s.value in toegestaan
        ]


class KaderwijzigingForm(Formulier):
    titel = forms.CharField(label=_("Titel"), max_length=300)
    omschrijving = forms.CharField(
        label=_("Omschrijving"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=TEKST_MAX,
    )
    bedrag = BedragField(
        label=_("Financieel effect in euro (als dat van toepassing is)"),
        required=False,
        help_text=_("Negatief voor minder budget, bijvoorbeeld -25.000."),
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


class RaadsbesluitForm(Formulier):
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
        label=_("Toelichting (optioneel)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=TOELICHTING_MAX,
    )
