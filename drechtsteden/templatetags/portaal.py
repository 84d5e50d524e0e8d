"""Template tags of the portal's frame: who is logged in, as the header shows it."""

from dataclasses import dataclass

from django import template
from django.urls import reverse
from django.utils.translation import gettext as _

from drechtsteden.constants import Rol
from drechtsteden.selectors import user_gemeente, user_has_role, user_roles

register = template.Library()


@dataclass(frozen=True)
class Persoon:
    naam: str
    rollen: tuple[str, ...]
    gemeente: str | None


@register.simple_tag(takes_context=True)
def current_person(context: template.Context) -> Persoon | None:
    """The logged-in user's name, roles (in the portal's order) and municipality."""
    user = context["request"].user
    if not user.is_authenticated:
        return None
    roles = user_roles(user)
    gemeente = user_gemeente(user)
    return Persoon(
        naam=user.get_full_name() or user.get_username(),
        rollen=tuple(str(rol.label) for rol in Rol if rol.value in roles),
        gemeente=gemeente.naam if gemeente else None,
    )


@register.inclusion_tag("includes/nav_item.html", takes_context=True)
def nav_item(context: template.Context, url_name: str, label: str) -> dict:
    """One link of the main navigation, marked current on its own page and the pages below it."""
    href = reverse(url_name)
    path = context["request"].path
    current = path == href or (href != "/" and path.startswith(href))
    return {"href": href, "label": label, "current": current}


@register.simple_tag
def has_role(user, *rollen: str) -> bool:
    """Whether the user has one of the roles (group names), from the roles read once per request."""
    return user_has_role(user, *rollen)


# The roles that the migration drechtsteden/0002 gives the permission to read the audit log.
HISTORIE_ROLLEN = (Rol.AMBTELIJKE_REGIEKAMER, Rol.BESTUURLIJKE_REGIEKAMER, Rol.BEHEERDER)


@register.inclusion_tag("includes/nav_item.html", takes_context=True)
def historie_nav(context: template.Context) -> dict:
    """The audit log's menu entry, for the roles that read it; no query (roles are cached)."""
    user = context["request"].user
    if not (user.is_superuser or user_has_role(user, *HISTORIE_ROLLEN)):
        return {"href": None}
    return nav_item(context, "historie:lijst", _("Historie"))
