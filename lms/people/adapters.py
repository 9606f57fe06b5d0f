import logging
import math
import smtplib
import time

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context

# allauth says only "Try again later" and exposes no remaining time; its rate limiter's own
# helpers name the rates and the cache entries where it keeps the failures' timestamps.
from allauth.core.internal.ratelimit import Rate, get_cache_key, get_rates
from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.utils.translation import gettext, ngettext

LOCKOUT = "too_many_login_attempts"
logger = logging.getLogger(__name__)


def seconds_until_allowed(history: list[float], rate: Rate, now: float) -> float:
    """How long until a rate with these failures (newest first, as allauth keeps them) lets
    one more through: when the oldest failure that fills the rate leaves its window."""
    recent = [moment for moment in history if moment > now - rate.duration]
    if len(recent) < rate.amount:
        return 0
    return recent[rate.amount - 1] + rate.duration - now


def lockout_message(seconds: float) -> str:
    minutes = max(1, math.ceil(seconds / 60))
    return ngettext(
        "Too many failed sign-in attempts. Signing in is paused for your safety: try again in "
        "%(minutes)d minute.",
        "Too many failed sign-in attempts. Signing in is paused for your safety: try again in "
        "%(minutes)d minutes.",
        minutes,
    ) % {"minutes": minutes}


class InvitationOnlyAccountAdapter(DefaultAccountAdapter):
    """Nobody signs themselves up: accounts are created by invitation only."""

    def is_open_for_signup(self, request):
        return False

    def send_mail(self, template_prefix, email, context):
        """A mail server that is down or refuses the message must not turn a sign-in, a
        confirmation or a password reset into a server error (allauth sends inside the request):
        the person is told, and may ask again from the page they land on."""
        try:
            super().send_mail(template_prefix, email, context)
        except (OSError, smtplib.SMTPException) as error:
            # The template says which mail; the address stays out of the log.
            logger.warning("Mail %s not sent: %s", template_prefix, type(error).__name__)
            if allauth_context.request is not None:
                messages.error(
                    allauth_context.request,
                    gettext(
                        "We could not send the email just now. Try again in a few minutes; "
                        "if it keeps failing, tell your programme's administrator."
                    ),
                )

    def pre_authenticate(self, request, **credentials):
        """A refused sign-in says for how long it will be refused (issue 13, §6): the longest
        wait of the limits that are full (per account and per address)."""
        try:
            super().pre_authenticate(request, **credentials)
        except ValidationError as error:
            if error.code != LOCKOUT:
                raise
            key = self._get_login_attempts_cache_key(request, **credentials)
            now = time.time()
            wait = max(
                (
                    seconds_until_allowed(
                        cache.get(
                            get_cache_key(
                                request,
                                app="allauth.account",
                                action="login_failed",
                                rate=rate,
                                key=key,
                            ),
                            [],
                        ),
                        rate,
                        now,
                    )
                    for rate in get_rates(app="allauth.account", action="login_failed")
                ),
                default=0,
            )
            raise ValidationError(lockout_message(wait), code=LOCKOUT) from error
