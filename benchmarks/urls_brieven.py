"""URLs of the letters benchmark: the portal's, plus a trivial logged-in page to compare with.

The trivial page is the one benchmarks/themas.py compares the theme pages with: base.html alone
for the logged-in user, so the session, the user and his roles are read as on any portal page.
"""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.urls import include, path
from django.views.generic import TemplateView

urlpatterns = [
    path(
        "bench/leeg/",
        login_required(TemplateView.as_view(template_name="base.html")),
        name="bench-leeg",
    ),
    path("", include(settings.PORTAAL_URLCONF)),
]
