"""The address a request came from, as every rate limit in the product counts it.

allauth's sign-in limits and our own limiters (certificate verification) must agree on who a
client is. Behind a reverse proxy that is the address the proxy saw, taken from X-Forwarded-For
only as far as `ALLAUTH_TRUSTED_PROXY_COUNT` (env `HIMAYA_TRUSTED_PROXY_COUNT`) proxies are
trusted; with no trusted proxy the header is ignored, so a client cannot choose its address.
"""

from allauth.account.adapter import get_adapter


def client_address(request) -> str:
    return get_adapter(request).get_client_ip(request)
