"""Reads about the region and its people."""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import QuerySet

from drechtsteden.auth import load_roles_and_permissions
from drechtsteden.constants import Rol
from drechtsteden.models import Gemeente, Profiel


def drechtsteden_list() -> QuerySet[Gemeente]:
    """The seven municipalities of the Drechtsteden, by name."""
    return Gemeente.objects.filter(is_drechtstad=True).order_by("naam")


def user_roles(user: AbstractBaseUser | AnonymousUser) -> frozenset[str]:
    """The names of the user's roles, read once per request object (with his permissions)."""
    if not user.is_authenticated:
        return frozenset()
    load_roles_and_permissions(user)
    return user._rollen


def user_has_role(user: AbstractBaseUser | AnonymousUser, *rollen: Rol) -> bool:
    return bool(user_roles(user) & set(rollen))


def user_gemeente(user: AbstractBaseUser | AnonymousUser) -> Gemeente | None:
    """The municipality the user works for, from his profile (read with the user by
    drechtsteden.auth.PortaalBackend for a request's user)."""
    if not user.is_authenticated:
        return None
    if not hasattr(user, "_gemeente"):
        profiel = Profiel.objects.select_related("gemeente").filter(gebruiker=user).first()
        user._gemeente = profiel.gemeente if profiel else None
    return user._gemeente


# Roles that work on reviews and letters and therefore read their drafts; a raadslid (or a user
# without a role) reads only what is submitted or published.
CONCEPT_ROLLEN = (
    Rol.AMBTENAAR,
    Rol.AMBTELIJKE_REGIEKAMER,
    Rol.BESTUURLIJKE_REGIEKAMER,
    Rol.BEHEERDER,
)


def user_sees_drafts(user: AbstractBaseUser | AnonymousUser) -> bool:
    """Whether the user reads drafts: of reviews (thema) and of letters (transitie.brieven)."""
    return user.is_authenticated and (user.is_superuser or user_has_role(user, *CONCEPT_ROLLEN))
