"""Filters for the portal's form widget templates (templates/django/forms/widgets/).

Django's own widget templates include a template per option and another per attribute list; on a
page with many choices (the review form, the overview's filters) those includes are most of the
rendering time. These filters write the same HTML as django/forms/widgets/attrs.html,
input_option.html and select_option.html in one step.
"""

import html

from django import template
from django.template.loader import render_to_string
from django.utils.formats import localize
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

INPUT_OPTIES = frozenset(
    {"django/forms/widgets/radio_option.html", "django/forms/widgets/checkbox_option.html"}
)
SELECT_OPTIE = "django/forms/widgets/select_option.html"


def _esc(waarde) -> str:
    """As conditional_escape, without its lazy-string wrapper: this runs for every option."""
    if hasattr(waarde, "__html__"):
        return waarde.__html__()
    return html.escape(str(waarde))


def _tekst(waarde) -> str:
    """A value as {{ value }} renders it: localized, escaped unless safe."""
    return _esc(waarde if isinstance(waarde, str) else localize(waarde))


def _attrs(attrs: dict) -> str:
    delen = []
    for naam, waarde in attrs.items():
        if waarde is False:
            continue
        if waarde is True:
            delen.append(f" {_esc(naam)}")
        else:
            delen.append(f' {_esc(naam)}="{_esc(str(waarde))}"')
    return "".join(delen)


@register.filter
def html_attrs(attrs: dict) -> SafeString:
    """As django/forms/widgets/attrs.html: ` name="value"`, ` name` for True, nothing for False."""
    return mark_safe(_attrs(attrs))


def _input(widget: dict) -> str:
    """As django/forms/widgets/input.html, without its final newline."""
    waarde = "" if widget["value"] is None else f' value="{_esc(str(widget["value"]))}"'
    return (
        f'<input type="{_esc(widget["type"])}" name="{_esc(widget["name"])}"{waarde}'
        f"{_attrs(widget['attrs'])}>"
    )


@register.filter
def input_optie(optie: dict) -> SafeString:
    """One radio button or checkbox with its label, as django/forms/widgets/input_option.html."""
    if optie["template_name"] not in INPUT_OPTIES:
        return render_to_string(optie["template_name"], {"widget": optie})
    # The newlines are those of Django's templates: input.html, input_option.html and
    # radio_option.html or checkbox_option.html each end in one.
    if not optie.get("wrap_label"):
        return mark_safe(f"{_input(optie)}\n\n\n")
    voor = f' for="{_esc(optie["attrs"]["id"])}"' if optie["attrs"].get("id") else ""
    return mark_safe(f"<label{voor}>{_input(optie)}\n {_tekst(optie['label'])}</label>\n\n")


@register.filter
def select_optie(optie: dict) -> SafeString:
    """One option of a select, as django/forms/widgets/select_option.html."""
    if optie["template_name"] != SELECT_OPTIE:
        return render_to_string(optie["template_name"], {"widget": optie})
    return mark_safe(
        f'<option value="{_esc(str(optie["value"]))}"{_attrs(optie["attrs"])}>'
        f"{_tekst(optie['label'])}</option>\n"
    )
