"""The portal's form renderer writes exactly the HTML of Django's own widget templates."""

import datetime
from decimal import Decimal

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils import translation

from drechtsteden.formulieren import PortaalRenderer
from drechtsteden.widgets import DatumInput
from tests.factories import GemeenteFactory, PartnerFactory
from thema.forms import BeoordelingForm, OverzichtFilterForm
from thema.selectors import Deelnemers

DJANGO = DjangoTemplates()  # Django's own templates, as shipped
PORTAAL = PortaalRenderer()

KEUZES = [("a", "Eén & <twee>"), ("b", 'Met "aanhalingstekens"'), (3, 3)]
GROEPEN = [("Groep <1>", [("x", "X"), ("y", "Y")]), ("z", "Zonder groep")]

# (widget, value, extra attributes)
WIDGETS = {
    "tekst": (forms.TextInput(attrs={"class": "rp-input"}), 'a "b" <c> & d', {}),
    "tekst leeg": (forms.TextInput(), None, {"required": True}),
    "getal": (forms.NumberInput(attrs={"step": "0.01"}), Decimal("-25000.50"), {}),
    "verborgen": (forms.HiddenInput(), 7, {}),
    "e-mail": (forms.EmailInput(), "a@b.nl", {"aria-describedby": "x_helptext"}),
    "wachtwoord": (forms.PasswordInput(), "geheim", {"autocomplete": "current-password"}),
    "datum": (DatumInput(), datetime.date(2025, 7, 1), {}),
    "vinkje aan": (forms.CheckboxInput(), True, {}),
    "vinkje uit": (forms.CheckboxInput(), False, {"disabled": True}),
    "tekstvak": (forms.Textarea(attrs={"rows": 4}), "Regel 1\n<b>Regel 2</b>", {}),
    "tekstvak leeg": (forms.Textarea(), "", {}),
    "keuzelijst": (forms.Select(choices=KEUZES), "b", {}),
    "keuzelijst met groepen": (forms.Select(choices=GROEPEN), "y", {}),
    "meervoudige keuzelijst": (forms.SelectMultiple(choices=KEUZES), ["a", 3], {}),
    "rondjes": (forms.RadioSelect(choices=KEUZES), "a", {"class": "rp-radios"}),
    "rondjes met groepen": (forms.RadioSelect(choices=GROEPEN), "x", {}),
    "vinkjes": (forms.CheckboxSelectMultiple(choices=KEUZES), ["b", "3"], {}),
    "vinkjes zonder id": (forms.CheckboxSelectMultiple(choices=KEUZES), [], None),
}


@pytest.mark.parametrize("naam", WIDGETS)
def test_each_widget_is_written_as_djangos_template_writes_it(naam):
    widget, waarde, attrs = WIDGETS[naam]
    attrs = {"id": "id_veld", **attrs} if attrs is not None else None
    with translation.override("nl"):
        verwacht = widget.render("veld", waarde, attrs=attrs, renderer=DJANGO)
        assert widget.render("veld", waarde, attrs=attrs, renderer=PORTAAL) == verwacht


@pytest.mark.django_db
def test_the_review_and_filter_forms_render_as_with_djangos_templates():
    gemeenten = [GemeenteFactory(drechtstad=True) for _ in range(3)]
    partner = PartnerFactory()
    data = {
        "onderbouwing": "Te <weinig>",
        "score_lokaal": "9",
        "voorstel": "hergroeperen",
        "voorgestelde_gemeenten": [gemeenten[0].pk],
        "voorgestelde_partners": [partner.pk],
        "bedrag_2025": "-25.000,50",
    }
    deelnemers = Deelnemers(
        gemeenten=[(gemeenten[1].pk, gemeenten[1].naam)],
        gemeente_opties=[(gemeente.pk, gemeente.naam) for gemeente in gemeenten],
        partner_opties=[(partner.pk, partner.naam)],
    )
    formulieren = [
        lambda: BeoordelingForm(deelnemers=deelnemers),
        lambda: BeoordelingForm(data, deelnemers=deelnemers),
        lambda: OverzichtFilterForm(
            {"zoek": "<haven>", "gemeente": gemeenten[0].slug}, gemeenten=gemeenten
        ),
    ]
    with translation.override("nl"):
        for maak in formulieren:
            verwacht, form = maak(), maak()
            verwacht.renderer, form.renderer = DJANGO, PORTAAL
            for veld in form:
                assert str(veld) == str(verwacht[veld.name]), veld.name
