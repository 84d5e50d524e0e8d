"""State changes of the region, and the one way every service saves a historied model."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db import models

SYSTEM_USERNAME = "systeem"


def history_save(instance: models.Model, *, acting_user: AbstractBaseUser, reden: str = "") -> None:
    """Validate and save `instance`, its history row carrying `acting_user` and the reason.

    Management commands and the task worker have no request for the history middleware, so every
    service passes its acting user explicitly and saves through here.
    """
    instance.full_clean()
    instance._history_user = acting_user
    instance._change_reason = reden
    instance.save()


def system_user() -> AbstractBaseUser:
    """The account that management commands record in the history: they have no request."""
    User = get_user_model()
    user, created = User.objects.get_or_create(
        username=SYSTEM_USERNAME,
        defaults={"first_name": "Systeem", "last_name": "(beheerscript)", "is_active": False},
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user
