"""Filters for the portal's form widget templates (templates/django/forms/widgets/).

Django's own widget templates include a template per option and another per attribute list; on a
page with many choices (the review form, the overview's filters) those includes are most of the
rendering time. These filters write the same HTML as django/forms/widgets/attrs.html,
input_option.html and select_option.html in one step.
"""

from django import template
from django.template.loader import render_to_string
from django.utils.formats import localize
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

INPUT_OPTIES = frozenset(
    {"django/forms/widgets/radio_option.html", "django/forms/widgets/checkbox_option.html"}
)
SELECT_OPTIE = "django/forms/widgets/select_option.html"


def _tekst(waarde) -> str:
    """A value as {{ value }} renders it: localized, escaped unless safe."""
    return conditional_escape(waarde if isinstance(waarde, str) else localize(waarde))


@register.filter
def html_attrs(attrs: dict) -> SafeString:
    """As django/forms/widgets/attrs.html: ` name="value"`, ` name` for True, nothing for False."""
    delen = []
    for naam, waarde in attrs.items():
        if waarde is False:
            continue
        if waarde is True:
            delen.append(format_html(" {}", naam))
        else:
            delen.append(format_html(' {}="{}"', naam, str(waarde)))
    return mark_safe("".join(delen))


def _input(widget: dict) -> str:
    """As django/forms/widgets/input.html."""
    waarde = "" if widget["value"] is None else format_html(' value="{}"', str(widget["value"]))
    return format_html(
        '<input type="{}" name="{}"{}{}>',
        widget["type"],
        widget["name"],
        waarde,
        html_attrs(widget["attrs"]),
    )


@register.filter
def input_optie(optie: dict) -> SafeString:
    """One radio button or checkbox with its label, as django/forms/widgets/input_option.html."""
    if optie["template_name"] not in INPUT_OPTIES:
        return render_to_string(optie["template_name"], {"widget": optie})
    # The newlines are those of Django's templates: input.html, input_option.html and
    # radio_option.html or checkbox_option.html each end in one.
    if not optie.get("wrap_label"):
        return format_html("{}\n\n\n", _input(optie))
    voor = format_html(' for="{}"', optie["attrs"]["id"]) if optie["attrs"].get("id") else ""
    return format_html("<label{}>{}\n {}</label>\n\n", voor, _input(optie), _tekst(optie["label"]))


@register.filter
def select_optie(optie: dict) -> SafeString:
    """One option of a select, as django/forms/widgets/select_option.html."""
    if optie["template_name"] != SELECT_OPTIE:
        return render_to_string(optie["template_name"], {"widget": optie})
    return format_html(
        '<option value="{}"{}>{}</option>\n',
        str(optie["value"]),
        html_attrs(optie["attrs"]),
        _tekst(optie["label"]),
    )
