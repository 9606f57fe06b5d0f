"""Local development: SQLite by default, mail to the console."""

import os

from .base import *  # noqa: F403

HIMAYA_ENVIRONMENT = "dev"
DEBUG = True
SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-secret-key-not-for-production-use-0123456789")
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
