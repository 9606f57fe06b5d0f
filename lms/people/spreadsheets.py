"""Reading uploaded spreadsheets (CSV or XLSX) for all-or-nothing imports.

Every importer (invitations, attendance, …) checks the upload with `check_upload`, reads it with
`read_table` and reports problems as `RowError`s numbered as a spreadsheet shows them."""

import csv
import io
import zipfile
from dataclasses import dataclass

import pandas as pd
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

# The header is row 1, so the first person is on row 2, as a spreadsheet shows it.
FIRST_DATA_ROW = 2


class UnreadableFile(Exception):
    """The upload is not a CSV or XLSX file this importer can read."""


@dataclass(frozen=True)
class RowError:
    row: int  # as numbered in the spreadsheet; 1 is the header
    column: str
    reason: str


def read_table(name: str, content: bytes) -> pd.DataFrame:
    """Every cell as text; blank cells as empty strings."""
    is_xlsx = name.lower().endswith(".xlsx") or content[:2] == b"PK"
    try:
        if is_xlsx:
            table = pd.read_excel(io.BytesIO(content), dtype=str, engine="openpyxl")
        else:
            text = content.decode("utf-8-sig")
            # Blank lines are kept so that each row's index matches its line in the file.
            table = pd.read_csv(io.StringIO(text), dtype=str, skip_blank_lines=False)
        return table.fillna("")
    except pd.errors.EmptyDataError:
        return pd.DataFrame()
    except UnicodeDecodeError as error:
        raise UnreadableFile(
            _("The file is not UTF-8 text. Save it as CSV (UTF-8) or XLSX.")
        ) from error
    except (pd.errors.ParserError, ValueError, zipfile.BadZipFile, KeyError, OSError) as error:
        raise UnreadableFile(_("The file could not be read as CSV or XLSX.")) from error


def check_upload(upload) -> None:
    """Refuse an upload that is too large or not a spreadsheet, before reading a byte of it."""
    limit = settings.HIMAYA_MAX_UPLOAD_BYTES
    if upload.size > limit:
        raise ValidationError(
            _("The file is %(size)s; the limit is %(limit)s.")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(limit)}
        )
    if not upload.name.lower().endswith((".csv", ".xlsx")):
        raise ValidationError(_("Upload a .csv or .xlsx file."))


def errors_as_csv(errors) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([_("Row"), _("Column"), _("Reason")])
    for error in errors:
        writer.writerow([error.row or "", error.column, error.reason])
    return buffer.getvalue()
