"""Reads about the region and its people."""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import QuerySet

from drechtsteden.constants import Rol
from drechtsteden.models import Gemeente, Profiel

# The attribute on a user object that keeps his role names for the rest of the request (see
# user_roles). Django builds a new user object from the session for every request, so a role
# taken away counts from the next request.
ROLLEN_ATTRIBUUT = "portaal_rollen"


def drechtsteden_list() -> QuerySet[Gemeente]:
    """The seven municipalities of the Drechtsteden, by name."""
    return Gemeente.objects.filter(is_drechtstad=True).order_by("naam")


def user_roles(user: AbstractBaseUser | AnonymousUser) -> frozenset[str]:
    """The names of the user's roles (his groups).

    Read once per user object and kept on it as `user.portaal_rollen` (ROLLEN_ATTRIBUUT): the
    header, the navigation and the access checks of one page all ask, and without the memo each
    would read the groups again.
    """
    if not user.is_authenticated:
        return frozenset()
    rollen = getattr(user, ROLLEN_ATTRIBUUT, None)
    if rollen is None:
        rollen = frozenset(user.groups.values_list("name", flat=True))
        setattr(user, ROLLEN_ATTRIBUUT, rollen)
    return rollen


def user_has_role(user: AbstractBaseUser | AnonymousUser, *rollen: Rol) -> bool:
    return bool(user_roles(user) & set(rollen))


# Roles that work on reviews and letters and therefore see drafts; a raadslid (or a user without a
# role) does not.
CONCEPT_ROLLEN = (
    Rol.AMBTENAAR,
    Rol.AMBTELIJKE_REGIEKAMER,
    Rol.BESTUURLIJKE_REGIEKAMER,
    Rol.BEHEERDER,
)


def user_sees_drafts(user: AbstractBaseUser | AnonymousUser) -> bool:
    """Whether the user reads drafts (reviews in concept, unpublished letters): the one rule."""
    return user.is_authenticated and (user.is_superuser or user_has_role(user, *CONCEPT_ROLLEN))


def user_gemeente(user: AbstractBaseUser | AnonymousUser) -> Gemeente | None:
    """The municipality the user works for, from his profile; None without one."""
    if not user.is_authenticated:
        return None
    try:
        return user.profiel.gemeente
    except Profiel.DoesNotExist:
        return None


def users_with_role(*rollen: Rol) -> QuerySet:
    """The active accounts that hold one of `rollen` (for notifications to a role)."""
    from django.contrib.auth import get_user_model

    return (
        get_user_model()
        .objects.filter(is_active=True, groups__name__in=[str(r) for r in rollen])
        .distinct()
    )
