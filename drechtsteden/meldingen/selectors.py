"""Reads of notifications: a person's inbox, his unread count, his e-mail choices."""

from collections.abc import Iterable

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import QuerySet

from drechtsteden.meldingen.constants import MailKeuze, MeldingSoort
from drechtsteden.meldingen.models import Bezorging, Melding, MeldingVoorkeur


def melding_list(*, user: AbstractBaseUser) -> QuerySet[Melding]:
    """The person's own notifications, newest first."""
    return Melding.objects.filter(ontvanger=user).order_by("-aangemaakt_op", "-id")


def ongelezen_count(*, user: AbstractBaseUser) -> int:
    return Melding.objects.filter(ontvanger=user, gelezen_op__isnull=True).count()


def mailkeuzes(*, gebruiker_ids: Iterable[int], soort: str) -> dict[int, str]:
    """The e-mail choice for `soort` of each person who made one (the others: at once)."""
    return dict(
        MeldingVoorkeur.objects.filter(gebruiker_id__in=list(gebruiker_ids), soort=soort)
        .values_list("gebruiker_id", "keuze")
        .order_by()
    )


def voorkeuren_of(*, user: AbstractBaseUser) -> dict[str, str]:
    """The person's e-mail choice for every kind of notification."""
    gekozen = dict(
        MeldingVoorkeur.objects.filter(gebruiker=user).values_list("soort", "keuze").order_by()
    )
    return {soort: gekozen.get(soort, MailKeuze.DIRECT) for soort in MeldingSoort.values}


def bezorging_list() -> QuerySet[Bezorging]:
    return Bezorging.objects.select_related("melding__ontvanger")
