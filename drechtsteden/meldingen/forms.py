"""The e-mail choices per kind of notification, one radio group per kind."""

from django import forms

from drechtsteden.forms import Formulier
from drechtsteden.meldingen.constants import MailKeuze, MeldingSoort


class VoorkeurenForm(Formulier):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for soort in MeldingSoort:
            self.fields[soort.value] = forms.ChoiceField(
                label=soort.label, choices=MailKeuze.choices, widget=forms.RadioSelect
            )
