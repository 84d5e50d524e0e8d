"""Pages of a person's notifications, under /meldingen/: the inbox and the e-mail choices."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from drechtsteden.meldingen.forms import VoorkeurenForm
from drechtsteden.meldingen.selectors import melding_list, ongelezen_count, voorkeuren_of
from drechtsteden.meldingen.services import mailkeuzes_set, melding_mark_read

MELDINGEN_PER_PAGINA = 25


@require_safe
def inbox(request: HttpRequest) -> HttpResponse:
    pagina = Paginator(melding_list(user=request.user), MELDINGEN_PER_PAGINA).get_page(
        request.GET.get("pagina")
    )
    return render(
        request,
        "meldingen/inbox.html",
        {"pagina": pagina, "paginas": pagina.paginator.get_elided_page_range(pagina.number)},
    )


@require_POST
def gelezen(request: HttpRequest, pk: int) -> HttpResponse:
    melding = melding_mark_read(melding_id=pk, acting_user=request.user)
    if request.POST.get("openen"):
        return redirect(melding.url)
    volgende = request.POST.get("volgende", "")
    if not url_has_allowed_host_and_scheme(volgende, allowed_hosts={request.get_host()}):
        volgende = "meldingen:inbox"
    return redirect(volgende)


@require_http_methods(["GET", "HEAD", "POST"])
def voorkeuren(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        form = VoorkeurenForm(request.POST)
        if form.is_valid():
            mailkeuzes_set(acting_user=request.user, keuzes=form.cleaned_data)
            messages.success(request, _("Uw e-mailvoorkeuren zijn opgeslagen."))
            return redirect("meldingen:voorkeuren")
    else:
        form = VoorkeurenForm(initial=voorkeuren_of(user=request.user))
    return render(request, "meldingen/voorkeuren.html", {"form": form})


def ongelezen(request: HttpRequest) -> dict:
    """Context processor: the header's unread count, counted (one query) only when a page
    shows it and only for a person who is logged in."""
    user = getattr(request, "user", None)  # absent on the 400 page of a refused host
    if user is None or not user.is_authenticated:
        return {}
    return {"meldingen_ongelezen": lambda: ongelezen_count(user=user)}
