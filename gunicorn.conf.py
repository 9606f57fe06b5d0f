"""gunicorn for Himaya: `gunicorn -c gunicorn.conf.py lms.wsgi` (docs/deployment.md).

Every number can be overridden from the environment (GUNICORN_BIND, GUNICORN_WORKERS,
GUNICORN_THREADS, GUNICORN_TIMEOUT); the defaults follow the machine's core count.
"""

import gc
import os

from django.conf import settings
from django.urls import Resolver404, resolve
from django.utils import translation
from gunicorn.glogging import Logger

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")

# Processes for the CPU (templates, Python), threads for the waits (database, Redis): two
# processes per core plus one, two threads each. Each thread keeps its own database connection
# (CONN_MAX_AGE), so PostgreSQL sees workers x threads connections per server, plus the task
# workers: keep that under max_connections.
CORES = os.cpu_count() or 1
workers = int(os.environ.get("GUNICORN_WORKERS", str(2 * CORES + 1)))
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "2"))

# Above the slowest legitimate request: the enrol-people page at 100,000 people took 29-33 s and
# scenario-final analytics 7 s (issue 14); a transcript PDF is rendered in the request. Anything
# longer is stuck, and the worker is replaced.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
# A restart or a deploy lets requests in flight (a trainee's submit) finish first.
graceful_timeout = 30
keepalive = 5
# Workers are replaced now and then, staggered, so that no slow leak grows without bound.
max_requests = 2000
max_requests_jitter = 200

# The access log: when, what, how it went, how long. No client address (personal data; the
# reverse proxy sees it anyway), no query string, no referrer, no user agent, and tokens in
# paths (invitation and password-reset links, verification codes) replaced by "…".
accesslog = "-"
errorlog = "-"
access_log_format = '%(t)s %(p)s "%(m)s %(U)s" %(s)s %(B)s %(M)sms'

# URL parameters that carry a secret or a key to someone's record: allauth's reset and confirmation
# keys, invitation tokens, certificate verification codes.
SECRET_PARAMETERS = frozenset({"code", "key", "token", "uidb36", "uidb64"})


# Paths found to carry no secret, so that the log resolves each only once (Django has resolved it
# for the request already; a page's path walks every URL pattern, about 0.1 ms). Bounded: emptied
# when full. Paths with a secret are never kept.
_PLAIN_PATHS: set[str] = set()
_PLAIN_PATHS_AT_MOST = 10_000


def redact_path(path: str) -> str:
    """The path with every secret parameter's value replaced by "…", found by resolving it (so a
    URL added later with a `token` or `code` parameter is covered without anyone listing it)."""
    if path in _PLAIN_PATHS:
        return path
    redacted = _redacted(path)
    if redacted == path:
        if len(_PLAIN_PATHS) >= _PLAIN_PATHS_AT_MOST:
            _PLAIN_PATHS.clear()
        _PLAIN_PATHS.add(path)
    return redacted


def _redacted(path: str) -> str:
    # Language-prefixed URLs resolve only under their own language.
    language = path.split("/", 2)[1] if path.count("/") > 1 else ""
    with translation.override(language if language in dict(settings.LANGUAGES) else None):
        try:
            match = resolve(path)
        except Resolver404:
            return path
    for name, value in match.kwargs.items():
        if name in SECRET_PARAMETERS and value:
            path = path.replace(str(value), "…")
    return path


class RedactingLogger(Logger):
    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        atoms["U"] = redact_path(atoms["U"] or "/")
        atoms["r"] = f"{atoms['m']} {atoms['U']} {atoms['H']}"
        atoms["q"] = "-"
        return atoms


logger_class = RedactingLogger


def post_worker_init(worker):
    """Pay for the heavy imports before the worker takes its first request, not during it: the
    whole URL configuration (every view module, and through the transcript view the PDF stack)
    and xhtml2pdf with reportlab themselves (~0.6-1.45 s on the first request otherwise)."""
    from django.urls import get_resolver
    from django.utils import translation

    import certificates.rendering  # noqa: F401  (xhtml2pdf, reportlab, the fonts' paths)

    get_resolver().url_patterns  # noqa: B018  (imports every view module)
    for language in ("en", "ar"):
        with translation.override(language):
            translation.gettext("Home")  # loads the language's catalogue
    # What the imports built (modules, classes, the URL patterns, the catalogues) lives as long as
    # the worker: kept out of the garbage collector's full passes, which otherwise walk all of it
    # again and again while requests allocate.
    gc.collect()
    gc.freeze()
    worker.log.info("Worker %s: heavy imports done", worker.pid)
