"""Staff sessions count as signed in only after *that session* passed a second factor.

allauth records every authentication step of a session (password, TOTP, recovery code,
reauthentication). A staff member's session that has no second-factor record — because it was
made by a login route other than allauth's, by `client.login()`, or before the account enrolled
MFA — reaches only the sign-in, MFA and sign-out pages.
"""

from urllib.parse import urlencode

from allauth.account.authentication import get_authentication_records
from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail import views as wagtail_views

from .access import has_mfa, requires_mfa

# What a staff session without its second factor may still open: signing in and out, the MFA
# challenge and TOTP set-up (with the password check allauth asks for first), the language
# switch, the health check. Password reset and invitation pages are for people who are not
# signed in.
ALLOWED_URL_NAMES = frozenset(
    {
        "healthz",
        "account_login",
        "account_logout",
        "account_reauthenticate",
        "account_reset_password",
        "account_reset_password_done",
        "account_reset_password_from_key",
        "account_reset_password_from_key_done",
        "mfa_authenticate",
        "mfa_reauthenticate",
        "mfa_activate_totp",
        "mfa_index",
        "mfa_view_recovery_codes",
        "mfa_download_recovery_codes",
        "set_language",
        "people:accept_invitation",
        "people:accept_invitation_set_password",
    }
)


def session_passed_second_factor(request, user) -> bool:
    records = get_authentication_records(request, user)
    return any(record.get("method") == "mfa" for record in records)


def session_signed_in_by_allauth(request, user) -> bool:
    return bool(get_authentication_records(request, user))


class StaffMustUseMFAMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = getattr(request, "user", None)
        # Wagtail's pages (courses, lessons) all show the header, which asks the person's
        # permissions: their roles are read with them, in one query (issue 14). Other views
        # read the roles on their own, as before.
        if user is None or not requires_mfa(
            user, with_permissions=view_func is wagtail_views.serve
        ):
            return None
        if session_passed_second_factor(request, user):
            return None
        match = request.resolver_match
        if match and match.view_name in ALLOWED_URL_NAMES:
            return None
        if has_mfa(user) or not session_signed_in_by_allauth(request, user):
            # A session that skipped the second factor (or allauth altogether) is worth nothing:
            # end it and start again at allauth's sign-in, which asks for the second factor.
            logout(request)
            query = urlencode({"next": request.get_full_path()}) if request.method == "GET" else ""
            return redirect(reverse("account_login") + (f"?{query}" if query else ""))
        messages.warning(
            request,
            _(
                "Your role gives you access to other people's data, so your account needs "
                "two-factor authentication. Set up an authenticator app to continue."
            ),
        )
        return redirect("mfa_activate_totp")


def record_enrolment_as_second_factor(sender, request, user, authenticator, **kwargs):
    """Setting up TOTP proves possession of it (a valid code), in this very session."""
    from allauth.account.internal.flows.login import record_authentication

    if request is not None and authenticator.type == authenticator.Type.TOTP:
        record_authentication(request, user, "mfa", type="totp", id=authenticator.pk)
        # allauth announces the authenticator when its transaction commits, which need not be
        # before the session middleware has saved the session: save the record now.
        request.session.save()
