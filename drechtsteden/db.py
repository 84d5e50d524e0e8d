"""Small helpers for database constraints shared by the apps."""

from django.db import models
from django.db.models import Q


def choices_check(field: str, choices: type[models.Choices], *, blank: bool = False) -> Q:
    """A CHECK condition that keeps `field` to the values of `choices` (or empty, if allowed)."""
    allowed = Q(**{f"{field}__in": choices.values})
    return allowed | Q(**{field: ""}) if blank else allowed
