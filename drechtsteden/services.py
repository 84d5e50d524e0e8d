"""State changes of the region: its municipalities and the portal's accounts."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser

SYSTEM_USERNAME = "systeem"


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
