"""Reads an invitation spreadsheet (CSV or XLSX) and validates every row before anything is written.

The result is either a list of valid rows or a list of errors naming row, column and reason; the
caller imports all rows or none.
"""

import csv
import functools
import io
import re
from dataclasses import dataclass, field

import pandas as pd
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext
from django.utils.translation import gettext as _

from lms.spreadsheets import FIRST_DATA_ROW, RowError, UnreadableFile, read_table

from .models import Organisation, Region, Sector, User

COLUMNS = ["email", "name_en", "name_ar", "sector", "organisation", "region", "language"]
ARABIC_LETTER = re.compile(r"[\u0600-\u06FF]")
# Checked here so that a long name is a row error, not a database error in the import job.
NAME_MAX_LENGTH = User._meta.get_field("name_en").max_length
LANGUAGE_ALIASES = {
    "ar": "ar",
    "arabic": "ar",
    "العربية": "ar",
    "عربي": "ar",
    "en": "en",
    "english": "en",
    "الإنجليزية": "en",
    "الانجليزية": "en",
}


@dataclass(frozen=True)
class InvitationRow:
    row: int
    email: str
    name_en: str
    name_ar: str
    organisation: Organisation
    language: str


@dataclass
class ImportResult:
    rows: list[InvitationRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors and bool(self.rows)


class _Lookup:
    """Case-insensitive lookup of sectors, regions and organisations by code or either name."""

    def __init__(self, objects, keys):
        self.by_key = {}
        for obj in objects:
            for key in keys:
                value = getattr(obj, key, "")
                if value:
                    self.by_key[value.strip().casefold()] = obj

    def get(self, value: str):
        return self.by_key.get(value.strip().casefold())


def _quoted(value: str) -> str:
    """A cell as an error message repeats it: long enough to recognise, never a whole essay."""
    return value if len(value) <= 80 else value[:79] + "…"


def validate_rows(table: pd.DataFrame) -> ImportResult:
    # A file of 5,000 wrong rows has 35,000 errors: each message is translated once, not per row.
    _ = functools.cache(gettext)
    result = ImportResult()
    table = table.rename(columns=lambda c: str(c).strip().lower())
    missing = [column for column in COLUMNS if column not in table.columns]
    if missing:
        for column in missing:
            result.errors.append(RowError(1, column, _("This column is missing.")))
        return result
    # Rows that are blank in every expected column are spreadsheet padding, not people.
    cells = table[COLUMNS].apply(lambda column: column.str.strip())
    present = cells.ne("").any(axis=1)
    if not present.any():
        result.errors.append(RowError(1, "", _("The file has no people in it.")))
        return result

    sectors = _Lookup(Sector.objects.all(), ["code", "name_en", "name_ar"])
    regions = _Lookup(Region.objects.all(), ["code", "name_en", "name_ar"])
    organisations = _Lookup(
        Organisation.objects.select_related("sector", "region"), ["name_en", "name_ar"]
    )
    emails_in_file: dict[str, int] = {}
    candidate_emails = {e.lower() for e in cells["email"] if e}
    registered = {
        e.lower()
        for e in User.objects.filter(email__in=candidate_emails).values_list("email", flat=True)
    }

    name_too_long = _("The name is longer than %(limit)d characters.") % {"limit": NAME_MAX_LENGTH}
    # Plain tuples: pandas' iterrows builds a Series per row, ten times slower.
    for position, *values in cells[present].itertuples(name=None):
        record = dict(zip(COLUMNS, values, strict=True))
        row = int(position) + FIRST_DATA_ROW
        errors_before = len(result.errors)

        def error(column, reason, row=row):
            result.errors.append(RowError(row, column, reason))

        email = record["email"].lower()
        if not email:
            error("email", _("An email address is required."))
        else:
            try:
                validate_email(email)
            except ValidationError:
                error(
                    "email",
                    _("“%(value)s” is not a valid email address.") % {"value": _quoted(email)},
                )
            else:
                if email in emails_in_file:
                    error(
                        "email",
                        _("This email address is already on row %(row)d.")
                        % {"row": emails_in_file[email]},
                    )
                elif email in registered:
                    error("email", _("Someone with this email address already has an account."))
                emails_in_file.setdefault(email, row)

        if not record["name_en"]:
            error("name_en", _("The English name is required."))
        elif len(record["name_en"]) > NAME_MAX_LENGTH:
            error("name_en", name_too_long)
        if not record["name_ar"]:
            error("name_ar", _("The Arabic name is required."))
        elif len(record["name_ar"]) > NAME_MAX_LENGTH:
            error("name_ar", name_too_long)
        elif not ARABIC_LETTER.search(record["name_ar"]):
            error("name_ar", _("The Arabic name must be written in Arabic letters."))

        sector = sectors.get(record["sector"]) if record["sector"] else None
        if not record["sector"]:
            error("sector", _("The sector is required."))
        elif sector is None:
            error("sector", _("Unknown sector “%(value)s”.") % {"value": _quoted(record["sector"])})

        region = regions.get(record["region"]) if record["region"] else None
        if not record["region"]:
            error("region", _("The region is required."))
        elif region is None:
            error("region", _("Unknown region “%(value)s”.") % {"value": _quoted(record["region"])})

        organisation = organisations.get(record["organisation"]) if record["organisation"] else None
        if not record["organisation"]:
            error("organisation", _("The organisation is required."))
        elif organisation is None:
            error(
                "organisation",
                _("Unknown organisation “%(value)s”.") % {"value": _quoted(record["organisation"])},
            )
        else:
            if sector is not None and organisation.sector_id != sector.pk:
                error(
                    "organisation",
                    _("“%(organisation)s” belongs to the sector “%(sector)s”.")
                    % {"organisation": organisation.name, "sector": organisation.sector.name},
                )
            if region is not None and organisation.region_id != region.pk:
                error(
                    "organisation",
                    _("“%(organisation)s” is in the region “%(region)s”.")
                    % {"organisation": organisation.name, "region": organisation.region.name},
                )

        language = LANGUAGE_ALIASES.get(record["language"].casefold() or "ar")
        if language is None:
            error(
                "language",
                _("Unknown language “%(value)s”: use ar or en.")
                % {"value": _quoted(record["language"])},
            )

        if len(result.errors) == errors_before:
            result.rows.append(
                InvitationRow(
                    row=row,
                    email=email,
                    name_en=record["name_en"],
                    name_ar=record["name_ar"],
                    organisation=organisation,
                    language=language,
                )
            )
    return result


def read_invitations(name: str, content: bytes) -> ImportResult:
    try:
        table = read_table(name, content)
    except UnreadableFile as error:
        return ImportResult(errors=[RowError(0, "", str(error))])
    if table.empty and not len(table.columns):
        return ImportResult(errors=[RowError(1, "", _("The file is empty."))])
    return validate_rows(table)


def template_csv() -> str:
    buffer = io.StringIO()
    csv.writer(buffer).writerow(COLUMNS)
    return buffer.getvalue()
