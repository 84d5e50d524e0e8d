"""Authentication: Django's ModelBackend, reading a user's profile, roles and permissions in two
queries per request instead of five.

Django builds a new user object from the session for every request (`get_user`), and the caches
below live on that object only: nothing is kept between requests, so a role or permission taken
away counts from the very next request. Permissions are still checked on every request.
"""

import functools

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection


@functools.cache
def _rechten_sql() -> str:
    """One statement for a user's roles with their permissions, plus his own permissions.

    Written out once instead of built by the ORM on every request: compiling the equivalent
    queryset cost more than running it. Table names come from the models.
    """
    user_model = get_user_model()
    q = connection.ops.quote_name
    ug = q(user_model.groups.through._meta.db_table)
    up = q(user_model.user_permissions.through._meta.db_table)
    gp = q(Group.permissions.through._meta.db_table)
    g, p, ct = q(Group._meta.db_table), q(Permission._meta.db_table), q(ContentType._meta.db_table)
    return (
        f"SELECT {g}.name, {ct}.app_label, {p}.codename FROM {ug} "
        f"INNER JOIN {g} ON {g}.id = {ug}.group_id "
        f"LEFT OUTER JOIN {gp} ON {gp}.group_id = {g}.id "
        f"LEFT OUTER JOIN {p} ON {p}.id = {gp}.permission_id "
        f"LEFT OUTER JOIN {ct} ON {ct}.id = {p}.content_type_id "
        f"WHERE {ug}.user_id = %s "
        f"UNION ALL "
        f"SELECT NULL, {ct}.app_label, {p}.codename FROM {up} "
        f"INNER JOIN {p} ON {p}.id = {up}.permission_id "
        f"INNER JOIN {ct} ON {ct}.id = {p}.content_type_id "
        f"WHERE {up}.user_id = %s"
    )


def load_roles_and_permissions(user) -> None:
    """Read the user's roles (group names) and permissions (his own and his roles') in one
    query, and keep them on this user object as `_rollen` and in ModelBackend's own caches."""
    if hasattr(user, "_rollen"):
        return
    with connection.cursor() as cursor:
        cursor.execute(_rechten_sql(), [user.pk, user.pk])
        rijen = cursor.fetchall()
    rollen, rol_rechten, eigen_rechten = set(), set(), set()
    for rol, app_label, codename in rijen:
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
        user_model = get_user_model()
        try:
            user = user_model._default_manager.select_related("profiel__gemeente").get(pk=user_id)
        except user_model.DoesNotExist:
            return None
        if not self.user_can_authenticate(user):
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
