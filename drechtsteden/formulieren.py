"""The portal's form renderer: Django's widget HTML for the common widgets, written in Python.

Django renders each widget from a template, and a choice widget includes a template per option
and another per attribute list. On the review form, with its sixteen widgets and their options,
that template work was the largest part of the page's time. `PortaalRenderer` writes the HTML of
Django's own input, textarea, select, radio and checkbox templates directly; any other template
(a widget the portal does not use yet, or a custom one) is rendered by Django's TemplatesSetting
as before. Tests compare the result with Django's templates for every widget the portal uses.
"""

import html
from collections.abc import Callable

from django.forms.renderers import TemplatesSetting
from django.utils.formats import localize
from django.utils.safestring import SafeString, mark_safe

WIDGETS = "django/forms/widgets/"


def _esc(waarde) -> str:
    """As conditional_escape, without its lazy-string wrapper: this runs for every option."""
    if hasattr(waarde, "__html__"):
        return waarde.__html__()
    return html.escape(str(waarde))


def _tekst(waarde) -> str:
    """A value as {{ value }} renders it: localized, escaped unless safe."""
    return _esc(waarde if isinstance(waarde, str) else localize(waarde))


def _attrs(attrs: dict) -> str:
    """As attrs.html: ` name="value"`, ` name` for True, nothing for False."""
    delen = []
    for naam, waarde in attrs.items():
        if waarde is False:
            continue
        if waarde is True:
            delen.append(f" {_esc(naam)}")
        else:
            delen.append(f' {_esc(naam)}="{_esc(str(waarde))}"')
    return "".join(delen)


def _input(widget: dict) -> str:
    """As input.html, without its final newline."""
    waarde = "" if widget["value"] is None else f' value="{_esc(str(widget["value"]))}"'
    return (
        f'<input type="{_esc(widget["type"])}" name="{_esc(widget["name"])}"{waarde}'
        f"{_attrs(widget['attrs'])}>"
    )


def _input_optie(optie: dict, render: Callable[[str, dict], str]) -> str:
    """One radio button or checkbox with its label, as input_option.html."""
    if optie["template_name"] not in (
        WIDGETS + "radio_option.html",
        WIDGETS + "checkbox_option.html",
    ):
        return render(optie["template_name"], {"widget": optie})
    # The newlines are those of Django's templates: input.html, input_option.html and
    # radio_option.html or checkbox_option.html each end in one.
    if not optie.get("wrap_label"):
        return f"{_input(optie)}\n\n\n"
    voor = f' for="{_esc(optie["attrs"]["id"])}"' if optie["attrs"].get("id") else ""
    return f"<label{voor}>{_input(optie)}\n {_tekst(optie['label'])}</label>\n\n"


def _select_optie(optie: dict, render: Callable[[str, dict], str]) -> str:
    """One option of a select, as select_option.html."""
    if optie["template_name"] != WIDGETS + "select_option.html":
        return render(optie["template_name"], {"widget": optie})
    return (
        f'<option value="{_esc(str(optie["value"]))}"{_attrs(optie["attrs"])}>'
        f"{_tekst(optie['label'])}</option>\n"
    )


def input_html(widget: dict, render) -> str:
    return _input(widget)


def textarea_html(widget: dict, render) -> str:
    waarde = _tekst(widget["value"]) if widget["value"] else ""
    return f'<textarea name="{_esc(widget["name"])}"{_attrs(widget["attrs"])}>\n{waarde}</textarea>'


def keuzes_html(widget: dict, render) -> str:
    """Radio buttons or checkboxes, as multiple_input.html (radio.html and checkbox_select.html
    are the same template)."""
    attrs = widget["attrs"]
    delen = ["<div"]
    if attrs.get("id"):
        delen.append(f' id="{_tekst(attrs["id"])}"')
    if attrs.get("class"):
        delen.append(f' class="{_tekst(attrs["class"])}"')
    delen.append(">")
    for groep, opties, _index in widget["optgroups"]:
        if groep:
            delen.append(f"\n  <div><label>{_tekst(groep)}</label>")
        for optie in opties:
            delen.append(f"<div>\n    {_input_optie(optie, render)}</div>")
        if groep:
            delen.append("\n  </div>")
    delen.append("\n</div>")
    return "".join(delen)


def select_html(widget: dict, render) -> str:
    delen = [f'<select name="{_esc(widget["name"])}"{_attrs(widget["attrs"])}>']
    for groep, opties, _index in widget["optgroups"]:
        if groep:
            delen.append(f'\n  <optgroup label="{_tekst(groep)}">')
        for optie in opties:
            delen.append(f"\n  {_select_optie(optie, render)}")
        if groep:
            delen.append("\n  </optgroup>")
    delen.append("\n</select>")
    return "".join(delen)


SCHRIJVERS: dict[str, Callable[[dict, Callable], str]] = {
    WIDGETS + "input.html": input_html,
    WIDGETS + "textarea.html": textarea_html,
    WIDGETS + "multiple_input.html": keuzes_html,
    WIDGETS + "select.html": select_html,
    WIDGETS + "radio.html": keuzes_html,
    WIDGETS + "checkbox_select.html": keuzes_html,
    **{
        f"{WIDGETS}{soort}.html": input_html
        for soort in (
            "checkbox",
            "color",
            "date",
            "datetime",
            "email",
            "hidden",
            "number",
            "password",
            "search",
            "tel",
            "text",
            "time",
            "url",
        )
    },
}


class PortaalRenderer(TemplatesSetting):
    """TemplatesSetting, with the HTML of the widgets in SCHRIJVERS written without templates."""

    def render(self, template_name: str, context: dict, request=None) -> SafeString:
        schrijver = SCHRIJVERS.get(template_name)
        if schrijver is None:
            return super().render(template_name, context, request)
        # Stripped, as Django's renderers strip what a template writes.
        return mark_safe(schrijver(context["widget"], self.render).strip())
