"""Production: every secret and host comes from the environment; HTTPS only."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403


def required(name: str) -> str:
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(f"The environment variable {name} is required in production.")
    return value


HIMAYA_ENVIRONMENT = "production"
DEBUG = False
SECRET_KEY = required("SECRET_KEY")
ALLOWED_HOSTS = [host.strip() for host in required("ALLOWED_HOSTS").split(",") if host.strip()]
# Without its own key, pseudonyms could be recomputed by anyone who has read this repository.
HIMAYA_PSEUDONYM_KEY = required("HIMAYA_PSEUDONYM_KEY")
CSRF_TRUSTED_ORIGINS = [f"https://{host.lstrip('.')}" for host in ALLOWED_HOSTS]

# HTTPS: the app sits behind a TLS-terminating proxy that sets X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# How many reverse proxies stand in front of gunicorn (each appends to X-Forwarded-For). Rate
# limits count the address the outermost trusted proxy saw; 0 means "trust no header".
ALLAUTH_TRUSTED_PROXY_COUNT = int(os.environ.get("HIMAYA_TRUSTED_PROXY_COUNT", "1"))
SECURE_SSL_REDIRECT = os.environ.get("SECURE_SSL_REDIRECT", "true").lower() == "true"
# A load balancer probes gunicorn itself over plain HTTP: its health check is not redirected.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_SECURE = True
X_FRAME_OPTIONS = "DENY"

STORAGES = {
    # An S3-compatible bucket when HIMAYA_S3_BUCKET is set (base.py), MEDIA_ROOT otherwise.
    "default": s3_storage_from_environment()  # noqa: F405
    if HIMAYA_S3_BUCKET  # noqa: F405
    else {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
MEDIA_ROOT = os.environ.get("MEDIA_ROOT", str(BASE_DIR / "media"))  # noqa: F405
if HIMAYA_S3_BUCKET:  # noqa: F405
    # Documents stream through Wagtail's view (its privacy rules) rather than a redirect to the
    # store, which trainees' browsers need not be able to reach.
    WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILADMIN_BASE_URL = f"https://{ALLOWED_HOSTS[0].lstrip('.')}"

EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("EMAIL_USE_TLS", "true").lower() == "true"
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)  # noqa: F405

# Persistent connections: a request reuses its thread's connection (checked first, base.py)
# instead of opening one, for up to this many seconds. 0 closes it after every request.
DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ.get("DATABASE_CONN_MAX_AGE", "60"))  # noqa: F405

# Rate limits (sign-in, certificate verification) count in the cache: every gunicorn worker must
# see the same counts. Redis when REDIS_URL is set (base.py); otherwise the database (run
# `manage.py createcachetable` once), which every worker of one server shares too.
CACHES = {
    "default": redis_cache(REDIS_URL)  # noqa: F405
    if REDIS_URL  # noqa: F405
    else {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "himaya_cache",
    }
}

# With Redis, every signed-in request reads its session from Redis instead of the database (one
# query fewer on every page, and on each of a cohort's simultaneous submits); sessions are still
# written to the database too, so a Redis restart or flush signs nobody out. Without Redis they
# stay in the database alone: the database cache would be a second query, not one fewer.
if REDIS_URL:  # noqa: F405
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
