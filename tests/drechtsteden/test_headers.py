"""Every page carries a strict Content-Security-Policy and the other security headers."""

import re

import pytest
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def csp(response) -> dict[str, list[str]]:
    directives = {}
    for deel in response["Content-Security-Policy"].split(";"):
        naam, *bronnen = deel.split()
        directives[naam] = bronnen
    return directives


@pytest.mark.parametrize("pad", ["login", "dashboard"])
def test_pages_carry_the_security_headers(client, pad):
    client.force_login(UserFactory(ambtenaar=True))
    if pad == "login":
        client.logout()

    response = client.get(reverse(pad))

    assert response.status_code == 200
    policy = csp(response)
    for directive in ("default-src", "script-src", "style-src"):
        assert policy[directive] == ["'self'"], directive
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["object-src"] == ["'none'"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]


def test_templates_hold_no_inline_script_or_style():
    """The policy forbids them, so a template that has one would break in the browser."""
    from django.conf import settings

    templates = [
        pad
        for pad in (settings.BASE_DIR / "templates").rglob("*.html")
        if "pdf" not in pad.relative_to(settings.BASE_DIR / "templates").parts
    ]
    assert templates
    inline = re.compile(r"<style|style=|<script(?![^>]*\bsrc=)|\son[a-z]+=", re.IGNORECASE)
    fouten = [
        f"{pad.name}: {m.group(0)}" for pad in templates for m in inline.finditer(pad.read_text())
    ]
    assert fouten == []


def test_logged_in_pages_and_exports_are_not_stored_by_caches(client):
    client.force_login(UserFactory(regisseur=True))

    for url in (reverse("dashboard"), reverse("historie:export_csv")):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Cache-Control"] == "private, no-store", url


def test_the_login_page_is_not_stored_either_as_it_carries_a_csrf_token(client):
    # Django's LoginView is never_cache; the middleware leaves anonymous responses alone.
    response = client.get(reverse("login"))

    assert response.status_code == 200
    directives = {d.strip() for d in response["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= directives


def test_an_anonymous_response_without_a_token_is_left_alone(client):
    # The login redirect of a protected page: nothing personal, no header added.
    response = client.get(reverse("dashboard"))

    assert response.status_code == 302
    assert "Cache-Control" not in response
