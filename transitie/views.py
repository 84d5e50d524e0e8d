"""Pages of the process layer."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from transitie.dashboard import dashboard_overview


@require_safe
def dashboard(request: HttpRequest) -> HttpResponse:
    """The transition at a glance, and what the logged-in person has to do."""
    overzicht = dashboard_overview(user=request.user, today=timezone.localdate())
    return render(request, "transitie/dashboard.html", {"overzicht": overzicht})
