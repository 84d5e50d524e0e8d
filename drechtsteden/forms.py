"""Forms of the project's own pages (the audit log's filters) and what every form shares."""

import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from drechtsteden.models import Gemeente
from drechtsteden.validators import (
    EERSTE_DATUM,
    GROOTSTE_ID,
    LAATSTE_DATUM,
    GeenStuurtekens,
    datum_in_bereik,
)
from drechtsteden.widgets import DatumInput


class StuurtekensWeigeren:
    """Every text field of the form refuses control characters and bidi overrides
    (drechtsteden.validators.GeenStuurtekens), with a message naming the field.

    Added when the form is cleaned, so that fields a form adds in its own __init__ are covered
    too. Every form of the portal derives from Formulier or ModelFormulier, which carry this; a
    test walks every form class and checks it (tests/drechtsteden/test_formulieren.py).
    """

    def full_clean(self) -> None:
        for naam, veld in self.fields.items():
            if isinstance(veld, forms.CharField) and not any(
                isinstance(v, GeenStuurtekens) for v in veld.validators
            ):
                veld.validators.append(GeenStuurtekens(veld=veld.label or naam))
        super().full_clean()


class Formulier(StuurtekensWeigeren, forms.Form):
    """The base of every form of the portal."""


class ModelFormulier(StuurtekensWeigeren, forms.ModelForm):
    """The base of every model form of the portal."""


def add_service_errors(form: forms.Form, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: at its field where the form has one."""
    if hasattr(error, "error_dict"):
        for veld, fouten in error.error_dict.items():
            form.add_error(veld if veld in form.fields else None, fouten)
    else:
        form.add_error(None, error)


class DatumField(forms.DateField):
    """The portal's date field: the date picker (DatumInput), limited to 2000-2100.

    The validator drechtsteden.validators.datum_in_bereik gives the Dutch message; the picker's min
    and max keep the browser from offering 9999.
    """

    default_validators = [datum_in_bereik]

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault(
            "widget",
            DatumInput(attrs={"min": EERSTE_DATUM.isoformat(), "max": LAATSTE_DATUM.isoformat()}),
        )
        super().__init__(**kwargs)


class PersoonField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        naam = obj.get_full_name()
        return f"{naam} ({obj.get_username()})" if naam else obj.get_username()


class SoortField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return str(obj.model_class()._meta.verbose_name).capitalize()


class HistorieFilterForm(Formulier):
    gebruiker = PersoonField(
        label=_("Persoon"),
        required=False,
        queryset=get_user_model().objects.none(),
        empty_label=_("Iedereen"),
    )
    gemeente = forms.ModelChoiceField(
        label=_("Gemeente"),
        required=False,
        queryset=Gemeente.objects.none(),
        empty_label=_("Alle gemeenten"),
    )
    soort = SoortField(
        label=_("Soort object"),
        required=False,
        queryset=ContentType.objects.none(),
        empty_label=_("Alle soorten"),
    )
    object_id = forms.IntegerField(
        label=_("Object (nummer)"),
        required=False,
        min_value=1,
        max_value=GROOTSTE_ID,
        help_text=_("Alleen samen met een soort object."),
    )
    van = DatumField(label=_("Vanaf datum"), required=False)
    tot = DatumField(label=_("Tot en met datum"), required=False)

    def __init__(self, *args, personen, gemeenten, soorten, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["gebruiker"].queryset = personen
        self.fields["gemeente"].queryset = gemeenten
        soort = self.fields["soort"]
        soort.queryset = ContentType.objects.filter(pk__in=[ct.pk for ct in soorten])
        # The kinds are known already: list them without another query, in their name's order.
        soort.choices = [("", soort.empty_label)] + [
            (ct.pk, soort.label_from_instance(ct)) for ct in soorten
        ]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("object_id") and not cleaned.get("soort"):
            self.add_error("object_id", _("Kies bij een objectnummer ook de soort object."))
        van, tot = cleaned.get("van"), cleaned.get("tot")
        if van and tot and van > tot:
            self.add_error("tot", _("De einddatum ligt voor de begindatum."))
        return cleaned


BEDRAG_FOUT = _("Vul een bedrag in euro's in, zoals 12.500 of -2.500,50.")
BEDRAG_MAX = Decimal("9999999999.99")


class BedragField(forms.Field):
    """An amount in euros as people in the Netherlands write it: 12.500, -2500,50 or € 1.250;
    shown back as they write it (12.500,00). The one money input of every form, model forms
    included (their DecimalField's digits are given and the database's limit holds)."""

    default_error_messages = {"invalid": BEDRAG_FOUT}

    def __init__(self, *, max_digits=None, decimal_places=None, **kwargs) -> None:
        super().__init__(**kwargs)

    def widget_attrs(self, widget) -> dict:
        return {**super().widget_attrs(widget), "inputmode": "decimal"}

    def to_python(self, value: str | None) -> Decimal | None:
        tekst = (value or "").strip().replace("€", "").replace(" ", "").replace("\u2212", "-")
        if not tekst:
            return None
        if "," in tekst:
            tekst = tekst.replace(".", "").replace(",", ".")
        elif re.fullmatch(r"-?\d{1,3}(\.\d{3})+", tekst):
            tekst = tekst.replace(".", "")
        if not re.fullmatch(r"-?\d+(\.\d+)?", tekst):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        try:
            bedrag = Decimal(tekst)
        except InvalidOperation:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None
        if bedrag != bedrag.quantize(Decimal("0.01")):
            raise forms.ValidationError(
                _("Een bedrag heeft hoogstens twee cijfers achter de komma."), code="decimals"
            )
        if abs(bedrag) > BEDRAG_MAX:
            raise forms.ValidationError(
                _("Dit bedrag is te groot; vul het in hele euro's in."), code="max"
            )
        return bedrag.quantize(Decimal("0.01"))

    def prepare_value(self, value: object) -> object:
        if isinstance(value, Decimal):
            return number_format(value, 2, use_l10n=True, force_grouping=True)
        return value
