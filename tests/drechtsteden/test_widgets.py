"""The shared date widget renders the one value format a native date picker accepts."""

import datetime

from django import forms
from django.utils import translation

from drechtsteden.widgets import DatumInput
from transitie.brieven.forms import BriefForm
from transitie.plan.views import AftekenForm


class DatumForm(forms.Form):
    datum = forms.DateField(widget=DatumInput())


def test_date_input_renders_iso_in_dutch():
    with translation.override("nl"):
        html = str(DatumForm(initial={"datum": datetime.date(2025, 7, 1)})["datum"])
    assert 'type="date"' in html
    assert 'value="2025-07-01"' in html


def test_iso_value_is_accepted_back():
    with translation.override("nl"):
        form = DatumForm({"datum": "2025-07-01"})
        assert form.is_valid(), form.errors
    assert form.cleaned_data["datum"] == datetime.date(2025, 7, 1)


def test_portal_date_fields_use_the_iso_widget():
    assert isinstance(BriefForm.base_fields["datum"].widget, DatumInput)
    assert isinstance(AftekenForm.base_fields["gereed_op"].widget, DatumInput)
