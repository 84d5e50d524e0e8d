"""Authentication: Django's ModelBackend, reading a user's profile, roles and permissions in two
queries per request instead of five.

Django builds a new user object from the session for every request (`get_user`), and the caches
below live on that object only: nothing is kept between requests, so a role or permission taken
away counts from the very next request. Permissions are still checked on every request.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group, Permission
from django.db.models import CharField, F, Value


def load_roles_and_permissions(user) -> None:
    """Read the user's roles (group names) and permissions (his own and his roles') in one
    query, and keep them on this user object as `_rollen` and in ModelBackend's own caches."""
    if hasattr(user, "_rollen"):
        return
    # order_by(): Permission's default ordering is not allowed inside a UNION.
    van_rollen = (
        Group.objects.filter(user=user)
        .order_by()
        .values_list(
            F("name"), F("permissions__content_type__app_label"), F("permissions__codename")
        )
    )
    eigen = (
        Permission.objects.filter(user=user)
        .order_by()
        .values_list(
            Value(None, output_field=CharField()), F("content_type__app_label"), F("codename")
        )
    )
    rollen, rol_rechten, eigen_rechten = set(), set(), set()
    for rol, app_label, codename in van_rollen.union(eigen, all=True):
        if rol is not None:
            rollen.add(rol)
        if codename is not None:
            (rol_rechten if rol is not None else eigen_rechten).add(f"{app_label}.{codename}")
    user._rollen = frozenset(rollen)
    if not user.is_superuser:  # a superuser's permissions are all of them; Django reads those
        user._user_perm_cache = eigen_rechten
        user._group_perm_cache = rol_rechten
        user._perm_cache = eigen_rechten | rol_rechten


class PortaalBackend(ModelBackend):
    def get_user(self, user_id):
        """The session's user with his profile and municipality, in one query."""
        user = (
            get_user_model()
            ._default_manager.select_related("profiel__gemeente")
            .filter(pk=user_id)
            .first()
        )
        if user is None or not self.user_can_authenticate(user):
            return None
        profiel = getattr(user, "profiel", None)  # None when the user has no profile
        user._gemeente = profiel.gemeente if profiel is not None else None
        return user

    def _laden(self, user_obj, obj) -> None:
        if user_obj.is_active and not user_obj.is_anonymous and obj is None:
            load_roles_and_permissions(user_obj)

    def get_user_permissions(self, user_obj, obj=None):
        self._laden(user_obj, obj)
        return super().get_user_permissions(user_obj, obj)

    def get_group_permissions(self, user_obj, obj=None):
        self._laden(user_obj, obj)
        return super().get_group_permissions(user_obj, obj)

    def get_all_permissions(self, user_obj, obj=None):
        self._laden(user_obj, obj)
        return super().get_all_permissions(user_obj, obj)
