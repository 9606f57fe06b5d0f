"""Keys that other systems (a ministry dashboard, a donor portal) use to read the completion API.

Issued and revoked by administrators only (the `certificates.*_apitoken` permissions belong to the
Administrator role alone). A key is 32 random bytes (`secrets.token_urlsafe`) shown once, when it
is issued; only its SHA-256 is stored, so a copy of the database opens nothing. A presented key is
hashed and looked up by that hash (a unique index): the comparison happens between digests, so
the time it takes says nothing about how much of a guessed key was right.
"""

import hashlib
import hmac
import secrets

from django.db.models import Q
from django.utils import timezone

from .models import ApiToken

# A token's `last_used_at` is written at most this often, so that an API client polling every
# second does not turn every read into a write.
LAST_USED_RESOLUTION = timezone.timedelta(minutes=1)
# The first characters of a key, kept in clear so that an administrator can tell keys apart.
PREFIX_LENGTH = 8


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def issue_api_token(*, name: str, organisation, by) -> tuple[ApiToken, str]:
    """A new token and its key. The key is returned here and nowhere else: show it once."""
    key = secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        name=name,
        organisation=organisation,
        created_by=by,
        prefix=key[:PREFIX_LENGTH],
        key_hash=hash_key(key),
    )
    return token, key


def revoke_api_token(*, token: ApiToken) -> bool:
    """Refuse the token's key from now on. True if this call revoked it, False if it already
    was (a conditional update, so two administrators revoking at once record one time)."""
    revoked = ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
    token.refresh_from_db(fields=["revoked_at"])
    return bool(revoked)


def token_for_key(key: str) -> ApiToken | None:
    """The live token whose key is `key`, with its organisation, or None (unknown or revoked).

    One query to find it; one more at most once a minute per token, to record its use."""
    digest = hash_key(key)
    token = (
        ApiToken.objects.select_related("organisation")
        .filter(key_hash=digest, revoked_at__isnull=True)
        .first()
    )
    if token is None or not hmac.compare_digest(token.key_hash, digest):
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).filter(
            Q(last_used_at__isnull=True) | Q(last_used_at__lte=now - LAST_USED_RESOLUTION)
        ).update(last_used_at=now)
        token.last_used_at = now
    return token
