"""What a media store's failure looks like, whichever storage the settings chose.

A disk fails with OSError; an S3-compatible store (django-storages) with botocore's errors, which
are not OSErrors: code that must answer "try again later" rather than a 500 when the store is
unreachable catches `STORE_ERRORS`."""

try:
    from botocore.exceptions import BotoCoreError, ClientError
except ImportError:  # pragma: no cover - botocore ships with django-storages[s3]
    STORE_ERRORS: tuple[type[BaseException], ...] = (OSError,)
else:
    STORE_ERRORS = (OSError, BotoCoreError, ClientError)
