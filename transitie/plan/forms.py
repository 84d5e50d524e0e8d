"""Forms of the transition plan's milestones."""

from django import forms
from django.utils.translation import gettext_lazy as _

from drechtsteden.forms import DatumField, Formulier
from drechtsteden.selectors import drechtsteden_list
from drechtsteden.validators import TOELICHTING_MAX
from transitie.constants import MijlpaalStatus
from transitie.plan.models import Aanbeveling, Mijlpaal
from transitie.regiekamer.models import Regiekamer

# The history keeps a change's reason in 100 characters (django-simple-history's column).
REDEN_MAX = 100


def _reden() -> forms.CharField:
    return forms.CharField(
        label=_("Toelichting bij de wijziging (optioneel)"),
        required=False,
        max_length=REDEN_MAX,
        help_text=_("Komt in de geschiedenis van het object."),
    )


# The owner is one field on the form: a regiekamer or one of the seven, as "soort-pk".
REGIEKAMER, GEMEENTE = "regiekamer", "gemeente"


class AfhankelijkField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Mijlpaal) -> str:
        return obj.titel


class MijlpaalForm(Formulier):
    """A milestone's own fields, its status (gereed only through sign-off) and dependencies."""

    titel = forms.CharField(label=_("Titel"), max_length=300)
    aanbeveling = forms.ModelChoiceField(
        label=_("Aanbeveling"), queryset=Aanbeveling.objects.none()
    )
    eigenaar = forms.ChoiceField(label=_("Eigenaar"))
    deadline = DatumField(label=_("Deadline"))
    reden_na_plandeadline = forms.CharField(
        label=_("Reden voor een deadline na die van het plan"),
        required=False,
        max_length=TOELICHTING_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Alleen nodig als de deadline na de plandeadline ligt."),
    )
    status = forms.ChoiceField(label=_("Status"))
    afhankelijk_van = AfhankelijkField(
        label=_("Afhankelijk van"),
        queryset=Mijlpaal.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("De mijlpalen die eerst gereed moeten zijn."),
    )
    reden = _reden()

    def __init__(self, *args, mijlpaal: Mijlpaal, **kwargs):
        self.mijlpaal = mijlpaal
        if mijlpaal.pk is not None:
            kwargs.setdefault("initial", {}).update(
                titel=mijlpaal.titel,
                aanbeveling=mijlpaal.aanbeveling_id,
                eigenaar=(
                    f"{REGIEKAMER}-{mijlpaal.eigenaar_regiekamer_id}"
                    if mijlpaal.eigenaar_regiekamer_id
                    else f"{GEMEENTE}-{mijlpaal.eigenaar_gemeente_id}"
                ),
                deadline=mijlpaal.deadline,
                reden_na_plandeadline=mijlpaal.reden_na_plandeadline,
                status=mijlpaal.status,
                afhankelijk_van=[m.pk for m in mijlpaal.afhankelijk_van.all()],
            )
        super().__init__(*args, **kwargs)
        self.fields["aanbeveling"].queryset = Aanbeveling.objects.order_by(
            "transitieplan__deadline", "nummer"
        )
        self.fields["eigenaar"].choices = [
            ("", "---------"),
            (
                _("Regiekamer"),
                [(f"{REGIEKAMER}-{r.pk}", r.naam) for r in Regiekamer.objects.order_by("soort")],
            ),
            (
                _("Gemeente"),
                [(f"{GEMEENTE}-{g.pk}", g.naam) for g in drechtsteden_list()],
            ),
        ]
        andere = Mijlpaal.objects.order_by("deadline", "titel")
        if mijlpaal.pk is not None:
            andere = andere.exclude(pk=mijlpaal.pk)
        self.fields["afhankelijk_van"].queryset = andere
        if mijlpaal.status == MijlpaalStatus.GEREED:
            del self.fields["status"]  # signed off: it stays gereed
        else:
            self.fields["status"].choices = [
                (s.value, s.label)
                for s in MijlpaalStatus
                if s != MijlpaalStatus.GEREED
                and (mijlpaal.pk is not None or s != MijlpaalStatus.VERVALLEN)
            ]

    def apply(self) -> Mijlpaal:
        """The milestone with the form's values, not yet saved (the service saves it)."""
        data = self.cleaned_data
        mijlpaal = self.mijlpaal
        soort, pk = data["eigenaar"].split("-")
        mijlpaal.eigenaar_regiekamer_id = int(pk) if soort == REGIEKAMER else None
        mijlpaal.eigenaar_gemeente_id = int(pk) if soort == GEMEENTE else None
        mijlpaal.titel = data["titel"]
        mijlpaal.aanbeveling = data["aanbeveling"]
        mijlpaal.deadline = data["deadline"]
        mijlpaal.reden_na_plandeadline = data["reden_na_plandeadline"]
        if "status" in data:
            mijlpaal.status = data["status"]
        return mijlpaal


class AftekenForm(Formulier):
    gereed_op = DatumField(label=_("Gereed op"))
    reden = forms.CharField(
        label=_("Toelichting bij de aftekening"),
        max_length=REDEN_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Komt in de geschiedenis van de mijlpaal."),
    )
