"""Uploaded files: one size limit and one check for every upload.

Every upload (invitation and attendance spreadsheets, question files, corrected quiz versions,
certificate PDFs to verify) is refused, before a byte of it is read, when it is larger than
HIMAYA_MAX_UPLOAD_BYTES, or, where only some types of file make sense, when its name ends with
none of their extensions. One limit, so that every page states the same number and a
maintainer changes it in one place; what a file may hold within that size (rows, cells) is the
reader's own limit (see lms/spreadsheets.py).
"""

from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.functional import lazy
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class FileTypes:
    """The files an upload accepts, by the end of their name, and what to tell someone who
    chose another (in the page's words, e.g. "Upload a .csv or .xlsx file.")."""

    extensions: tuple[str, ...]
    refusal: str


def upload_limit() -> int:
    """The largest upload accepted anywhere, in bytes."""
    return settings.HIMAYA_MAX_UPLOAD_BYTES


def upload_limit_text() -> str:
    """The limit as pages state it, e.g. "5.0 MB"."""
    return filesizeformat(upload_limit())


def _stating_the_limit(text) -> str:
    return str(text) % {"size": upload_limit_text()}


# `text` with "%(size)s" replaced by the limit when the text is shown, not when it is declared,
# so that a form's help text declared at import follows the setting.
stating_the_limit = lazy(_stating_the_limit, str)


def check_upload(upload, *, types: FileTypes | None = None) -> None:
    """Refuse an upload larger than the limit (ValidationError, code "too_large") or, when
    `types` are given, one whose name ends with none of their extensions (code "wrong_type").
    Reads only the upload's size and name, never its content."""
    limit = upload_limit()
    if upload.size > limit:
        raise ValidationError(
            _("The file is %(size)s; the limit is %(limit)s.")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(limit)},
            code="too_large",
        )
    if types is not None and not upload.name.lower().endswith(types.extensions):
        raise ValidationError(str(types.refusal), code="wrong_type")


class UploadField(forms.FileField):
    """A file field that applies `check_upload` to what it receives: the one way an upload form
    declares its file."""

    def __init__(self, *, types: FileTypes | None = None, **kwargs):
        super().__init__(**kwargs)
        self.types = types

    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        if upload:
            check_upload(upload, types=self.types)
        return upload
