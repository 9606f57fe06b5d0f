"""Settings shared by every environment. Environment-specific files import from here."""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF, UNSAFE_INLINE
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent

# Overridden by every concrete settings module; production requires it from the environment.
SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS: list[str] = []

# Tells code (e.g. seed_demo) which environment it runs in without sniffing module names.
HIMAYA_ENVIRONMENT = "base"

# Himaya's apps, lowest layer first (docs/house-rules.md); seed_demo runs their demo.seed in order.
HIMAYA_APPS = [
    "lms.people",
    "cms",
    "assessments",
    "courses",
    "certificates",
]

INSTALLED_APPS = [
    *HIMAYA_APPS,
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django_tasks",
    "django_tasks_db",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.simple_translation",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.locales",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "lms.csp.PathScopedCSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "lms.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # Before anything else reads the session: a form sent while the database restarts is
    # answered "send it again" (lms/database_unavailable.py), not with a 500.
    "lms.database_unavailable.AnswerWhenDatabaseFailsMiddleware",
    "lms.people.middleware.StaffMustUseMFAMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # A page's whole path in one query, before Wagtail's serve routes it level by level.
    "cms.routing.PageRouteMiddleware",
]

# Paths outside i18n_patterns whose 404 stays a 404 (lms/locale.py): the JSON API.
HIMAYA_LANGUAGE_NEUTRAL_PATHS = ("/api/",)

# Flash messages (e.g. "Signed in as <full name>") stay on the server, not in a readable cookie.
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"

ROOT_URLCONF = "lms.urls"
WSGI_APPLICATION = "lms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "lms" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "lms.people.context_processors.roles",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
        # A kept connection is checked before a request reuses it: one the database dropped
        # (a restart, an idle timeout) is replaced instead of failing that request.
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # `make run` serves a class sitting a quiz on SQLite: autosaves, starts and submits arrive
    # together. WAL lets reads go on during a write; IMMEDIATE takes the write lock when a
    # transaction begins (a deferred one could fail on upgrading it, with no wait); the busy
    # timeout makes writers queue instead of answering "database is locked".
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # The few queries every request makes, whose SQL never changes (lms.kept_sql), are prepared
    # once per connection: PostgreSQL then neither parses nor plans them again. psycopg prepares
    # no other query (Django's cursors bind on the client, and these ask to be prepared); behind
    # a pooler that cannot keep prepared statements, DATABASE_PREPARED_STATEMENTS=0 turns it off.
    # (A threshold no query reaches: only those that ask are prepared; None: none is.)
    DATABASES["default"].setdefault("OPTIONS", {})["prepare_threshold"] = (
        2**31 - 1 if os.environ.get("DATABASE_PREPARED_STATEMENTS", "1") != "0" else None
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "people.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "courses:dashboard"

# --- django-allauth: email login, sign-up closed (invitation only), MFA for staff ---
ACCOUNT_ADAPTER = "lms.people.adapters.InvitationOnlyAccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_PREVENT_ENUMERATION = True
# Sign-up is closed, so a password reset for an unknown address sends nothing (no invitation to
# sign up, and nothing that tells the requester whether the address is known).
ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS = False
# Five failed logins per account (twenty per address) per five minutes; allauth's other
# defaults stay in force. Counters live in the cache: use a shared cache with several workers.
ACCOUNT_RATE_LIMITS = {"login_failed": "20/5m/ip,5/5m/key"}
# Clients are told apart by REMOTE_ADDR unless a trusted proxy is declared (production.py):
# X-Forwarded-For is only believed for the number of proxies the operator says are in front.
ALLAUTH_TRUSTED_PROXY_COUNT = int(os.environ.get("HIMAYA_TRUSTED_PROXY_COUNT", "0"))
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Himaya"

# --- Wagtail ---
WAGTAIL_SITE_NAME = "Himaya"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILADMIN_LOGIN_URL = "account_login"
# Private pages and documents send people to allauth's sign-in; no shared-password option, which
# would open content without an account.
WAGTAIL_FRONTEND_LOGIN_URL = "account_login"
WAGTAIL_PRIVATE_PAGE_OPTIONS = {"SHARED_PASSWORD": False}
WAGTAILDOCS_PRIVATE_COLLECTION_OPTIONS = {"SHARED_PASSWORD": False}
# Staff avatars are never fetched from a third party (no page makes an outside request).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# Approved reviews publish even though reviewers cannot publish directly (cms/workflows.py).
WAGTAIL_FINISH_WORKFLOW_ACTION = "cms.workflows.publish_approved"
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = [("en", "English"), ("ar", "العربية")]
WAGTAILADMIN_PERMITTED_LANGUAGES = [("en", "English"), ("ar", "العربية")]
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "xlsx", "pptx", "txt", "csv"]
# Users are managed by Himaya's people app; Wagtail's own password reset is not used.
WAGTAIL_PASSWORD_RESET_ENABLED = False
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False

# --- Content-Security-Policy (django-csp; lms/csp.py; docs/security-csp.md) ---
# Every page of the product: only our own scripts, styles, fonts and images, nothing inline,
# nothing from another origin, never framed.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
# Directives replaced under a path prefix, for the admin pages that cannot yet live without
# inline code (Wagtail 7.4 writes inline <script>s and style attributes). Each exception and its
# reason is in docs/security-csp.md; the rest of the policy above still applies there.
HIMAYA_CSP_PATH_OVERRIDES = {
    "/admin/": {
        "script-src": [SELF, UNSAFE_INLINE],
        # Inline <script> elements only: no on*="..." handler attributes, the usual XSS payload.
        "script-src-attr": [NONE],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:", "blob:"],
    },
}
# The admin dashboard would ask releases.wagtail.org for the latest version: a third-party
# request that connect-src refuses. Upgrades are followed through requirements.lock instead.
WAGTAIL_ENABLE_UPDATE_CHECK = False

# --- Internationalisation ---
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("ar", _("Arabic"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Asia/Riyadh"

# --- Static and media files: everything served by the app itself, no CDN ---
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "static_collected"
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
    "lms.staticfinders.WebFontFinder",
]
STATICFILES_DIRS = [BASE_DIR / "lms" / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = BASE_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Media (certificate PDFs, exports, reports, uploads) in an S3-compatible object store instead of
# MEDIA_ROOT when a bucket is named (production.py; docs/deployment.md, "Object storage"). Every
# file is read and written through Django's storage API, so nothing else changes.
HIMAYA_S3_BUCKET = os.environ.get("HIMAYA_S3_BUCKET", "").strip()


def s3_storage(
    *,
    bucket: str,
    endpoint_url: str = "",
    region: str = "",
    prefix: str = "",
    addressing_style: str = "",
) -> dict:
    """The default storage in an S3-compatible bucket (django-storages). Credentials come from
    boto3's own chain: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY in the environment, or the
    machine's role; never from this file."""
    from botocore.config import Config

    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": bucket,
            "endpoint_url": endpoint_url or None,
            "region_name": region or None,
            "location": prefix.strip("/"),
            # Private objects: certificates and exports leave only through permission-checked
            # views, and any URL the storage hands out is signed and short-lived.
            "default_acl": None,
            "querystring_auth": True,
            "querystring_expire": 300,
            # Two uploads of the same name both keep their file, as on a disk.
            "file_overwrite": False,
            "client_config": Config(
                # Self-hosted stores (MinIO, Ceph, Garage) answer on one host, not per bucket.
                s3={"addressing_style": addressing_style or ("path" if endpoint_url else "auto")},
                signature_version="s3v4",
                # A store that stops answering fails the request in seconds, not a worker's
                # whole timeout; the certificate task retries later (certificates/tasks.py).
                connect_timeout=5,
                read_timeout=30,
                retries={"max_attempts": 3, "mode": "standard"},
            ),
        },
    }


def s3_storage_from_environment() -> dict:
    return s3_storage(
        bucket=HIMAYA_S3_BUCKET,
        endpoint_url=os.environ.get("AWS_S3_ENDPOINT_URL", "").strip(),
        region=os.environ.get("AWS_S3_REGION_NAME", "").strip(),
        prefix=os.environ.get("HIMAYA_S3_PREFIX", "").strip(),
        addressing_style=os.environ.get("AWS_S3_ADDRESSING_STYLE", "").strip(),
    )


# Every upload (lms/uploads.py): anything larger is refused before it is read.
HIMAYA_MAX_UPLOAD_BYTES = 5 * 1024 * 1024
# Spreadsheet imports (invitations, attendance) refuse, before parsing, files with more data
# rows than this (a cohort is hundreds; bench/upload_limits.py times the worst file within it)
# and XLSX files that unpack to more than this many bytes (a real 5,000-row sheet: about 2 MB).
HIMAYA_MAX_IMPORT_ROWS = 5_000
HIMAYA_MAX_XLSX_UNCOMPRESSED_BYTES = 20 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 6 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 6 * 1024 * 1024
# Optional PAdES signature of certificate PDFs (certificates/signing.py): PEM file paths.
HIMAYA_SIGNING_KEY = os.environ.get("HIMAYA_SIGNING_KEY", "")
HIMAYA_SIGNING_CERT = os.environ.get("HIMAYA_SIGNING_CERT", "")
HIMAYA_SIGNING_KEY_PASSPHRASE = os.environ.get("HIMAYA_SIGNING_KEY_PASSPHRASE", "")
# How long an invitation link stays valid.
HIMAYA_INVITATION_VALID_DAYS = 14
# Analytics show "fewer than N" for any figure over fewer than N people (lms/small_groups.py).
HIMAYA_MIN_GROUP_SIZE = int(os.environ.get("HIMAYA_MIN_GROUP_SIZE", "5"))
# How long the completion figures the pages and the API show are kept (seconds; 0: computed on
# every request). `manage.py refresh_completion_figures`, every 5 minutes, computes them afresh
# before they run out (docs/completion.md, "Snapshots").
HIMAYA_COMPLETION_CACHE_SECONDS = int(os.environ.get("HIMAYA_COMPLETION_CACHE_SECONDS", "600"))
# How long a quiz's analytics figures (item statistics, mastery by sector) are kept (seconds; 0:
# computed on every view). Kept figures older than five minutes are recomputed by the task worker
# after the next view; `manage.py refresh_quiz_analytics` computes them ahead of views
# (assessments/analytics_figures.py).
HIMAYA_ANALYTICS_CACHE_SECONDS = int(os.environ.get("HIMAYA_ANALYTICS_CACHE_SECONDS", "21600"))
# Pseudonymised exports name each person by HMAC-SHA256 of their id under this key
# (certificates/completion_exports.py): the same key gives the same pseudonym in every export, so
# a researcher can join two exports; a new key unlinks them. Production requires its own key.
HIMAYA_PSEUDONYM_KEY = os.environ.get(
    "HIMAYA_PSEUDONYM_KEY", "dev-only-pseudonym-key-not-for-production-use"
)

# Learning records (docs/architecture.md, "Learning records (xAPI)"): with an LRS's xAPI endpoint
# (e.g. https://lrs.example.org/xAPI/), every learning event is sent to it as an xAPI 1.0.3
# statement, with HTTP Basic credentials when a username is set. Off while the endpoint is empty.
HIMAYA_XAPI_ENDPOINT = os.environ.get("HIMAYA_XAPI_ENDPOINT", "").strip()
HIMAYA_XAPI_USERNAME = os.environ.get("HIMAYA_XAPI_USERNAME", "")
HIMAYA_XAPI_PASSWORD = os.environ.get("HIMAYA_XAPI_PASSWORD", "")

# --- Cache: rate limits (allauth's and certificate verification's), drawn charts, Wagtail's page
# URLs. With REDIS_URL (e.g. redis://127.0.0.1:6379/0) every worker of every server shares one
# Redis, so a limit counts a client's requests wherever they land; without it each environment
# falls back to its own (here local memory, per process; production.py the database).
REDIS_URL = os.environ.get("REDIS_URL", "").strip()


def redis_cache(url: str) -> dict:
    """Django's own Redis backend, with one client per connection pool (lms/cache.py). Short
    socket timeouts: a Redis that stops answering fails a request (and /healthz) in two seconds
    instead of holding a worker until gunicorn kills it."""
    return {
        "BACKEND": "lms.cache.RedisCache",
        "LOCATION": url,
        "KEY_PREFIX": "himaya",
        "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
    }


CACHES = {
    "default": redis_cache(REDIS_URL)
    if REDIS_URL
    else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
}

# --- Background work: django-tasks on the database; `manage.py db_worker` runs it ---
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# /healthz fails when a task has waited longer than this since it became due (no worker running,
# or too few for the queue). A whole cohort's certificates drain in a few minutes.
HIMAYA_HEALTHZ_MAX_TASK_WAIT_MINUTES = int(
    os.environ.get("HIMAYA_HEALTHZ_MAX_TASK_WAIT_MINUTES", "10")
)

DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Himaya <no-reply@himaya.example>")

# Logs carry no personal data: ids only, never names or emails.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": "INFO"},
}
