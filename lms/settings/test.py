"""The test suite: tasks run immediately, mail is kept in memory, hashing is fast."""

from .base import *  # noqa: F403

HIMAYA_ENVIRONMENT = "test"
DEBUG = False
SECRET_KEY = "test-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz"
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# Learning records stay off whatever the environment says; their tests switch them on.
HIMAYA_XAPI_ENDPOINT = ""
MEDIA_ROOT = BASE_DIR / ".test-media"  # noqa: F405
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Each test process keeps its own cache whatever REDIS_URL says (tests clear it freely); the
# Redis tests switch the backend on themselves.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Every page computes its completion figures afresh, so each test sees the data it has just
# written; the snapshot tests switch the cache on themselves.
HIMAYA_COMPLETION_CACHE_SECONDS = 0
HIMAYA_ANALYTICS_CACHE_SECONDS = 0
