from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from .access import has_mfa, requires_mfa

# The pages a staff member without MFA may still open: signing in and out, MFA set-up, password
# pages and the language switch. Everything else sends them to TOTP set-up first.
ALLOWED_URL_NAME_PREFIXES = ("account_", "mfa_")
ALLOWED_URL_NAMES = {"set_language", "people:accept_invitation"}


class StaffMustUseMFAMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = getattr(request, "user", None)
        if user is None or not requires_mfa(user):
            return None
        match = request.resolver_match
        url_name = match.view_name if match else ""
        if url_name in ALLOWED_URL_NAMES or url_name.startswith(ALLOWED_URL_NAME_PREFIXES):
            return None
        if has_mfa(user):
            return None
        messages.warning(
            request,
            _(
                "Your role gives you access to other people's data, so your account needs "
                "two-factor authentication. Set up an authenticator app to continue."
            ),
        )
        return redirect("mfa_activate_totp")
