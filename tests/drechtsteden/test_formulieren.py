"""Every form of the portal refuses control characters and bidi overrides in its text fields.

One validator (drechtsteden.validators.GeenStuurtekens) on every CharField of every form, put
there by one base class (drechtsteden.forms.Formulier / ModelFormulier); this walks every module
of the project so that a new form that forgets the base class fails here.
"""

import importlib
import inspect
import pkgutil

import pytest
from django import forms
from django.core.exceptions import ValidationError

from drechtsteden.forms import StuurtekensWeigeren
from drechtsteden.validators import GeenStuurtekens
from transitie.brieven.forms import BriefForm

PAKKETTEN = ("drechtsteden", "thema", "transitie")
OVERGESLAGEN = (".migrations", ".wsgi", ".settings")


def _formulieren() -> list[type[forms.BaseForm]]:
    gevonden = set()
    for pakket in PAKKETTEN:
        hoofd = importlib.import_module(pakket)
        for info in pkgutil.walk_packages(hoofd.__path__, prefix=f"{pakket}."):
            if any(deel in info.name for deel in OVERGESLAGEN):
                continue
            module = importlib.import_module(info.name)
            for _naam, klasse in inspect.getmembers(module, inspect.isclass):
                if issubclass(klasse, forms.BaseForm) and klasse.__module__.startswith(PAKKETTEN):
                    gevonden.add(klasse)
    return sorted(gevonden, key=lambda k: f"{k.__module__}.{k.__qualname__}")


def test_every_form_of_the_project_refuses_control_characters():
    formulieren = _formulieren()
    assert len(formulieren) >= 19, [f.__qualname__ for f in formulieren]
    zonder = [
        f"{f.__module__}.{f.__qualname__}"
        for f in formulieren
        if not issubclass(f, StuurtekensWeigeren)
    ]
    assert zonder == [], "derive these from drechtsteden.forms.Formulier or ModelFormulier"


@pytest.mark.parametrize(
    "tekst",
    [
        "Gewoon een zin.",
        "Regels\nmet\r\nenters\ten tabs",
        "Ĳsselmonde, café, € 140.000, ‘aanhalingstekens’ en een emoji 🚲",
        "Hebreeuws שלום en Arabisch مرحبا, van rechts naar links zonder override",
    ],
)
def test_ordinary_text_passes(tekst):
    GeenStuurtekens(veld="Titel")(tekst)


@pytest.mark.parametrize(
    "teken",
    ["\x00", "\x01", "\x08", "\x0b", "\x0c", "\x1b", "\x1f", "\x7f", "\x85", "\x9f"]
    + [chr(c) for c in range(0x202A, 0x202F)]
    + [chr(c) for c in range(0x2066, 0x206A)],
)
def test_control_characters_and_bidi_overrides_are_refused_naming_the_field(teken):
    with pytest.raises(ValidationError) as fout:
        GeenStuurtekens(veld="Onderbouwing")(f"Stem{teken}voor")
    (bericht,) = fout.value.messages
    assert bericht.startswith("Onderbouwing bevat een onzichtbaar stuurteken")
    assert f"U+{ord(teken):04X}" in bericht


@pytest.mark.django_db
def test_a_field_added_in_a_forms_own_init_is_covered_too():
    """BriefForm adds its sections in __init__; the base class still reaches them."""
    form = BriefForm(
        {"titel": "Stand", "onderwerp": "Voortgang", "sectie_inleiding": "Tekst \u202eteg"}
    )
    assert not form.is_valid()
    assert form.errors["sectie_inleiding"][0].startswith("Inleiding bevat een onzichtbaar")
