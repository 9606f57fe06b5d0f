"""Content-Security-Policy: one strict policy for the product, documented exceptions by path.

django-csp builds the header from settings.CONTENT_SECURITY_POLICY. This middleware adds two
things it has no setting for (docs/security-csp.md explains both):

* HIMAYA_CSP_PATH_OVERRIDES replaces directives under a path prefix, so the Wagtail admin's
  exceptions stay in the admin and never loosen the trainee, manager and public pages.
* A response that Django or Wagtail deliberately lets its own site frame (X-Frame-Options:
  SAMEORIGIN, e.g. Wagtail's live preview) gets `frame-ancestors 'self'` to match, instead of
  the policy's `'none'` that would blank the preview panel. The preview's inner, dummy request
  (Wagtail runs it through this middleware too) gets no header of its own.

A view's own @csp_replace / @csp_update still wins over the path's overrides.
"""

from csp.constants import SELF
from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.http import HttpRequest, HttpResponseBase


def overrides_for_path(path: str) -> dict:
    """The directives replaced for `path` (the longest matching prefix wins), or {}."""
    overrides = getattr(settings, "HIMAYA_CSP_PATH_OVERRIDES", {})
    matching = [prefix for prefix in overrides if path.startswith(prefix)]
    return dict(overrides[max(matching, key=len)]) if matching else {}


class PathScopedCSPMiddleware(CSPMiddleware):
    def process_response(
        self, request: HttpRequest, response: HttpResponseBase
    ) -> HttpResponseBase:
        if getattr(request, "is_dummy", False):
            # Wagtail renders a preview by running a dummy request for the page's front-end URL
            # through the whole middleware stack, inside the real admin request. The admin
            # request sets the header: it alone knows that the preview is framed by the editor.
            return response
        return super().process_response(request, response)

    def get_policy_parts(
        self,
        request: HttpRequest,
        response: HttpResponseBase,
        report_only: bool = False,
    ) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if report_only:
            return parts
        replace = overrides_for_path(request.path_info)
        if response.get("X-Frame-Options", "").upper() == "SAMEORIGIN":
            replace["frame-ancestors"] = [SELF]
        if replace:
            parts.replace = {**replace, **(parts.replace or {})}
        return parts
