"""Template tags of the regiekamers: their links in the main navigation, for those who use them."""

from django import template
from django.utils.translation import gettext as _

from drechtsteden.constants import Rol
from drechtsteden.selectors import user_has_role
from drechtsteden.templatetags.portaal import nav_item

register = template.Library()

# The civil servants in theme teams work on the theme pages; the regiekamers and their decisions
# are for their members, the councils and the beheerder.
ROLLEN = (Rol.AMBTELIJKE_REGIEKAMER, Rol.BESTUURLIJKE_REGIEKAMER, Rol.RAADSLID, Rol.BEHEERDER)


@register.inclusion_tag("transitie/regiekamer/_nav.html", takes_context=True)
def regiekamer_nav(context: template.Context) -> dict:
    """The links to the regiekamers and the besluitenlijst; no query (roles are cached)."""
    user = context["request"].user
    if not user_has_role(user, *ROLLEN):
        return {"items": ()}
    return {
        "items": (
            nav_item(context, "regiekamer:overzicht", _("Regiekamers")),
            nav_item(context, "besluiten:lijst", _("Besluiten")),
        )
    }
