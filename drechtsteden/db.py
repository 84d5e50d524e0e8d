"""Small helpers for database constraints shared by the apps."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


def choices_check(field: str, choices: type[models.Choices], *, blank: bool = False) -> Q:
    """A CHECK condition that keeps `field` to the values of `choices` (or empty, if allowed)."""
    allowed = Q(**{f"{field}__in": choices.values})
    return allowed | Q(**{field: ""}) if blank else allowed


# Every amount in euros: up to a trillion, in cents.
MONEY = {"max_digits": 14, "decimal_places": 2}


def non_negative(field: str, name: str) -> models.CheckConstraint:
    """A CHECK that keeps an amount at zero or above, with the Dutch message forms show."""
    return models.CheckConstraint(
        condition=Q(**{f"{field}__gte": 0}),
        name=name,
        violation_error_message=_("Een bedrag kan niet negatief zijn."),
    )
