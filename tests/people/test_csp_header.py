"""Every page sends a Content-Security-Policy; only the admin gets the exceptions of
docs/security-csp.md, and the trainee, manager and public pages allow no inline script."""

import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from lms.csp import PathScopedCSPMiddleware
from tests.conftest import sign_in, with_mfa

pytestmark = pytest.mark.django_db

STRICT = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}
# The Wagtail admin: inline <script> elements and styles (Wagtail 7.4 writes them) but no inline
# event handlers, blob: images (upload previews); everything else as strict as the product.
ADMIN = {
    **STRICT,
    "script-src": ["'self'", "'unsafe-inline'"],
    "script-src-attr": ["'none'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
}


def directives(response) -> dict[str, list[str]]:
    header = response.headers.get("Content-Security-Policy")
    assert header, f"no Content-Security-Policy on {response.wsgi_request.path}"
    parsed = {}
    for directive in header.split(";"):
        name, *sources = directive.split()
        parsed[name] = sources
    return parsed


@pytest.mark.parametrize("path", ["/en/", "/ar/", "/en/accounts/login/", "/en/verify/"])
def test_public_pages_send_the_strict_policy(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert directives(response) == STRICT


def test_trainee_dashboard_sends_the_strict_policy(client, trainee):
    sign_in(client, trainee)
    response = client.get("/en/dashboard/")
    assert response.status_code == 200
    policy = directives(response)
    assert policy == STRICT
    assert "'unsafe-inline'" not in policy["script-src"]


def test_manager_pages_send_the_strict_policy(client, programme_manager):
    sign_in(client, programme_manager)
    response = client.get("/en/people/")
    assert response.status_code == 200
    assert directives(response) == STRICT


def test_wagtail_admin_gets_its_documented_policy(client, programme_manager):
    sign_in(client, with_mfa(programme_manager))
    response = client.get("/admin/")
    assert response.status_code == 200
    assert directives(response) == ADMIN


def test_django_admin_keeps_the_strict_policy(client):
    # Django's own admin writes no inline script; it keeps the product's policy.
    response = client.get("/django-admin/", follow=False)
    assert response.status_code == 302
    assert directives(response) == STRICT


def test_errors_send_the_policy_too(client):
    response = client.get("/en/no-such-page/")
    assert response.status_code == 404
    assert directives(response) == STRICT


@pytest.mark.parametrize(
    ("path", "frame_option", "expected"),
    [
        # Wagtail's live preview is framed by the edit view of the same site.
        ("/admin/pages/3/edit/preview/", "SAMEORIGIN", ["'self'"]),
        ("/admin/pages/3/edit/", "DENY", ["'none'"]),
        ("/en/dashboard/", "DENY", ["'none'"]),
    ],
)
def test_only_responses_django_lets_its_own_site_frame_may_be_framed(path, frame_option, expected):
    request = RequestFactory().get(path)

    def view(request):
        response = HttpResponse("<p>preview</p>")
        response["X-Frame-Options"] = frame_option
        return response

    response = PathScopedCSPMiddleware(view)(request)
    assert directives(response)["frame-ancestors"] == expected


def test_wagtail_preview_inner_request_leaves_the_header_to_the_admin_request():
    # Wagtail runs a preview's dummy front-end request through the middleware inside the admin
    # request; only the outer one, which knows the preview is framed, sets the policy.
    request = RequestFactory().get("/en/")
    request.is_dummy = True
    response = PathScopedCSPMiddleware(lambda request: HttpResponse("<p>preview</p>"))(request)
    assert "Content-Security-Policy" not in response.headers
