"""State changes of the process layer: each one transaction, with history user and reason."""

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from transitie.constants import PostSoort
from transitie.models import Begroting, Begrotingspost


@transaction.atomic
def begroting_voortzetten(*, begroting: Begroting, acting_user: AbstractBaseUser) -> Begroting:
    """Continue a year's budget budget-neutrally into the next year (as 2024 into 2025).

    The next year gets the same expenditure lines; a deficit carried into this year is settled
    inside this year's budget (the letter), so it is not carried on again.
    """
    begroting = Begroting.objects.select_for_update().get(pk=begroting.pk)
    jaar = begroting.jaar + 1
    if Begroting.objects.filter(jaar=jaar).exists():
        raise ValidationError(
            _(
                "Er is al een begroting voor %(jaar)s; een begroting wordt maar één keer "
                "voortgezet."
            ),
            code="al_voortgezet",
            params={"jaar": jaar},
        )
    reden = _("Budgetneutrale voortzetting van %(naam)s") % {"naam": begroting.naam}

    jaartal = str(begroting.jaar)
    naam = (
        begroting.naam.replace(jaartal, str(jaar))
        if jaartal in begroting.naam
        else f"{begroting.naam} {jaar}"
    )
    voortzetting = Begroting(
        jaar=jaar,
        naam=naam,
        voortzetting_van=begroting,
        budgetneutraal=True,
        toelichting=reden + ".",
    )
    _save(voortzetting, acting_user=acting_user, reden=reden)

    for post in begroting.posten.filter(soort=PostSoort.UITGAVE).order_by("pk"):
        _save(
            Begrotingspost(
                begroting=voortzetting,
                omschrijving=post.omschrijving,
                soort=PostSoort.UITGAVE,
                thema_id=post.thema_id,
                bedrag=post.bedrag,
                is_demo=post.is_demo,
            ),
            acting_user=acting_user,
            reden=reden,
        )
    return voortzetting


def _save(instance, *, acting_user: AbstractBaseUser, reden: str) -> None:
    instance.full_clean()
    instance._history_user = acting_user
    instance._change_reason = reden
    instance.save()
