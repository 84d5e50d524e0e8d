"""Forms of the regiekamers: advice, a vote, the besluitenlijst's filters."""

from django import forms
from django.utils.translation import gettext_lazy as _

from drechtsteden.forms import Formulier
from drechtsteden.validators import TOELICHTING_MAX
from transitie.constants import AdviesOordeel, AdviesVervolg, BesluitUitkomst, StemKeuze


class AdviesForm(Formulier):
    oordeel = forms.ChoiceField(
        label=_("Oordeel"), choices=AdviesOordeel.choices, widget=forms.RadioSelect
    )
    toelichting = forms.CharField(
        label=_("Toelichting op het advies"), widget=forms.Textarea, max_length=TOELICHTING_MAX
    )
    vervolg = forms.ChoiceField(
        label=_("Vervolg"), choices=AdviesVervolg.choices, widget=forms.RadioSelect
    )
    reden_terugverwijzing = forms.CharField(
        label=_("Reden van terugverwijzing"),
        required=False,
        max_length=TOELICHTING_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Alleen bij terugverwijzen: wat moet het themateam aanpassen?"),
    )


class StemForm(Formulier):
    keuze = forms.ChoiceField(
        label=_("Uw stem"), choices=StemKeuze.choices, widget=forms.RadioSelect
    )
    toelichting = forms.CharField(
        label=_("Toelichting (niet verplicht)"),
        required=False,
        max_length=TOELICHTING_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class BesluitFilterForm(Formulier):
    thema = forms.ChoiceField(label=_("Thema"), required=False)
    gemeente = forms.ChoiceField(label=_("Gemeente (heeft gestemd)"), required=False)
    uitkomst = forms.ChoiceField(
        label=_("Uitkomst"),
        required=False,
        choices=[("", _("Alle uitkomsten")), *BesluitUitkomst.choices],
    )

    def __init__(self, *args, themas, gemeenten, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["thema"].choices = [("", _("Alle thema's"))] + [
            (t.slug, t.naam) for t in themas
        ]
        self.fields["gemeente"].choices = [("", _("Alle gemeenten"))] + [
            (g.slug, g.naam) for g in gemeenten
        ]
