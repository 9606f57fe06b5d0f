"""Reading uploaded spreadsheets (CSV or XLSX) for all-or-nothing imports.

Every importer (invitations, attendance, …) takes the upload through an `UploadField` with
`SPREADSHEET_FILES` (lms/uploads.py: the size limit and the extension), reads it with
`read_table` and reports problems as `RowError`s numbered as a spreadsheet shows them.

A 5 MB upload can hold far more work than its size suggests: an XLSX is a zip, and 300 KB of it
can unpack to 60 MB and 200,000 rows. So before anything is parsed, `read_table` refuses files
with more rows than HIMAYA_MAX_IMPORT_ROWS, data beyond MAX_IMPORT_COLUMNS, or (XLSX) more than
HIMAYA_MAX_XLSX_UNCOMPRESSED_BYTES once unpacked. Refusals are `UnreadableFile`s, so every
importer reports them as it reports any unreadable file, and nothing is written.

XLSX is read here rather than through openpyxl: openpyxl needs about 2.5 s for a legitimate
5,000-row sheet on our servers and minutes for a crafted one (20 MB of styles or shared strings,
one row of millions of empty cells), and it reads parts no import uses. This reader takes the
text of the first worksheet's cells, stops at the first limit it crosses, and never builds more
than MAX_IMPORT_COLUMNS * (HIMAYA_MAX_IMPORT_ROWS + 1) cells.
"""

import csv
import io
import posixpath
import zipfile
import zlib
from dataclasses import dataclass
from xml.parsers import expat

import pandas as pd
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from lms.spreadsheet_safety import neutralise_row
from lms.uploads import FileTypes

SPREADSHEET_FILES = FileTypes(
    extensions=(".csv", ".xlsx"), refusal=gettext_lazy("Upload a .csv or .xlsx file.")
)
# The header is row 1, so the first person is on row 2, as a spreadsheet shows it.
FIRST_DATA_ROW = 2
# No import reads more than a handful of columns (invitations 7, attendance 2); data beyond
# this column is refused. With the row limit it bounds the cells read, hence the time.
MAX_IMPORT_COLUMNS = 20
# An upload page lists at most this many row errors; the downloadable report lists them all.
MAX_ERRORS_SHOWN = 100
# XML elements a worksheet (or its shared strings) may hold per cell it is allowed to have: a
# cell is <c><v> or <c><is><t>, a shared string <si><t>. A file past this budget is padded
# with something other than data, and refused rather than read.
XML_ELEMENTS_PER_CELL = 3


class UnreadableFile(Exception):
    """The upload is not a CSV or XLSX file this importer can read, or is beyond the limits."""


class TooLarge(UnreadableFile):
    """The upload is a spreadsheet, but more than an import is allowed to read."""


@dataclass(frozen=True)
class RowError:
    row: int  # as numbered in the spreadsheet; 1 is the header
    column: str
    reason: str


@dataclass(frozen=True)
class ErrorPreview:
    """The first errors of an import, for a page; `total` counts them all."""

    shown: list[RowError]
    total: int

    @property
    def hidden(self) -> int:
        return self.total - len(self.shown)


def preview_errors(errors) -> ErrorPreview:
    errors = list(errors)
    return ErrorPreview(shown=errors[:MAX_ERRORS_SHOWN], total=len(errors))


def max_import_rows() -> int:
    return settings.HIMAYA_MAX_IMPORT_ROWS


def read_table(name: str, content: bytes) -> pd.DataFrame:
    """Every cell as text; blank cells as empty strings. Data row n of the sheet is index n - 2."""
    is_xlsx = name.lower().endswith(".xlsx") or content[:2] == b"PK"
    if is_xlsx:
        return _read_xlsx(content)
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise UnreadableFile(
            _("The file is not UTF-8 text. Save it as CSV (UTF-8) or XLSX.")
        ) from error
    _check_csv_shape(text)
    try:
        # Blank lines are kept so that each row's index matches its line in the file.
        table = pd.read_csv(io.StringIO(text), dtype=str, skip_blank_lines=False)
    except pd.errors.EmptyDataError:
        return pd.DataFrame()
    except (pd.errors.ParserError, ValueError) as error:
        raise UnreadableFile(_("The file could not be read as CSV or XLSX.")) from error
    return table.fillna("")


def errors_as_csv(errors) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(neutralise_row([_("Row"), _("Column"), _("Reason")]))
    for error in errors:
        writer.writerow(neutralise_row([error.row or "", error.column, error.reason]))
    return buffer.getvalue()


# --- Limits ---


def _too_many_rows() -> TooLarge:
    limit = max_import_rows()
    return TooLarge(
        ngettext(
            "The file has more than %(limit)s row of data. "
            "Split it into files of at most %(limit)s row each.",
            "The file has more than %(limit)s rows of data. "
            "Split it into files of at most %(limit)s rows each.",
            limit,
        )
        % {"limit": number_format(limit, force_grouping=True)}
    )


def _too_many_columns() -> TooLarge:
    return TooLarge(
        ngettext(
            "The file has data in more than %(limit)d column. "
            "Delete the columns this import does not use.",
            "The file has data in more than %(limit)d columns. "
            "Delete the columns this import does not use.",
            MAX_IMPORT_COLUMNS,
        )
        % {"limit": MAX_IMPORT_COLUMNS}
    )


def _too_complex() -> TooLarge:
    return TooLarge(
        _(
            "The workbook holds far more than its data (formatting or hidden content). "
            "Save it as CSV (UTF-8) and upload that instead."
        )
    )


def _not_a_workbook() -> UnreadableFile:
    return UnreadableFile(
        _(
            "The file is not a readable XLSX workbook: it may be damaged or protected by a "
            "password. Save it again as XLSX or as CSV (UTF-8)."
        )
    )


def _check_csv_shape(text: str) -> None:
    """Count records (not lines: a quoted cell may span lines) before pandas builds a table."""
    limit = max_import_rows()
    try:
        for number, record in enumerate(csv.reader(io.StringIO(text))):
            if number > limit:  # record 0 is the header
                raise _too_many_rows()
            if len(record) > MAX_IMPORT_COLUMNS and any(record[MAX_IMPORT_COLUMNS:]):
                raise _too_many_columns()
    except csv.Error as error:
        raise UnreadableFile(_("The file could not be read as CSV or XLSX.")) from error


# --- XLSX ---

_READ_ERRORS = (
    zipfile.BadZipFile,
    zlib.error,
    KeyError,
    ValueError,
    IndexError,
    EOFError,
    OSError,
    RuntimeError,  # an encrypted zip member
    NotImplementedError,  # an unsupported compression method
    expat.ExpatError,
)


def _read_xlsx(content: bytes) -> pd.DataFrame:
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        members = archive.infolist()
    except _READ_ERRORS as error:
        raise _not_a_workbook() from error
    # The sizes are those the zip declares; zipfile stops reading a member at its declared size
    # and fails its CRC check if there is more, so they bound what can be unpacked.
    unpacked = sum(member.file_size for member in members)
    limit = settings.HIMAYA_MAX_XLSX_UNCOMPRESSED_BYTES
    if unpacked > limit:
        raise TooLarge(
            _(
                "Unpacked, this workbook is %(size)s; the limit is %(limit)s. Delete other "
                "sheets, images and formatting, or save it as CSV (UTF-8)."
            )
            % {"size": filesizeformat(unpacked), "limit": filesizeformat(limit)}
        )
    try:
        workbook = _XlsxParts(archive)
        sheet = workbook.first_worksheet()
        _check_declared_dimension(workbook.read(sheet))
        shared = workbook.shared_strings()
        rows = _SheetReader(shared).read(workbook.read(sheet))
    except TooLarge:
        raise
    except _READ_ERRORS as error:
        raise _not_a_workbook() from error
    return _frame(rows)


def _attributes(attributes: dict) -> dict:
    """Attribute names without their namespace prefix (r:id → id)."""
    return {key.rpartition(":")[2]: value for key, value in attributes.items()}


def _refuse_doctype(*args):
    # Spreadsheets have no DTD; one is only there to define entities that expand.
    raise ValueError("DTD in a spreadsheet part")


def _parser(start=None, end=None, characters=None) -> expat.XMLParserType:
    parser = expat.ParserCreate()
    parser.StartDoctypeDeclHandler = _refuse_doctype
    parser.EntityDeclHandler = _refuse_doctype
    parser.buffer_text = True
    parser.buffer_size = 1 << 16
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = characters
    return parser


class _XlsxParts:
    """Finds the first worksheet and the shared strings the way Excel and openpyxl do:
    package relationships → workbook → its relationships."""

    def __init__(self, archive: zipfile.ZipFile):
        self.archive = archive
        self.names = set(archive.namelist())

    def read(self, name: str) -> bytes:
        with self.archive.open(name) as member:
            return member.read()

    def relationships(self, part: str) -> list[dict]:
        folder, filename = posixpath.split(part)
        rels_name = posixpath.join(folder, "_rels", filename + ".rels")
        if rels_name not in self.names:
            return []
        found = []

        def start(name, attributes):
            if name.rpartition(":")[2] == "Relationship":
                if len(found) > 10_000:
                    raise _too_complex()
                found.append(_attributes(attributes))

        _parser(start=start).Parse(self.read(rels_name), True)
        for relationship in found:
            target = relationship.get("Target", "")
            relationship["part"] = (
                target.lstrip("/")
                if target.startswith("/")
                else posixpath.normpath(posixpath.join(folder, target))
            )
        return found

    @staticmethod
    def _of_type(relationships, kind: str) -> list[dict]:
        return [
            r
            for r in relationships
            if r.get("Type", "").endswith("/" + kind) and r.get("TargetMode") != "External"
        ]

    def workbook(self) -> str:
        found = self._of_type(self.relationships(""), "officeDocument")
        return found[0]["part"] if found else "xl/workbook.xml"

    def first_worksheet(self) -> str:
        workbook = self.workbook()
        relationships = {r.get("Id"): r for r in self.relationships(workbook)}
        sheet_ids = []

        def start(name, attributes):
            if name.rpartition(":")[2] == "sheet":
                if len(sheet_ids) > 10_000:
                    raise _too_complex()
                sheet_ids.append(_attributes(attributes).get("id"))

        _parser(start=start).Parse(self.read(workbook), True)
        for sheet_id in sheet_ids:
            relationship = relationships.get(sheet_id)
            if relationship and relationship.get("Type", "").endswith("/worksheet"):
                return relationship["part"]
        raise KeyError("no worksheet")

    def shared_strings(self) -> list[str]:
        found = self._of_type(self.relationships(self.workbook()), "sharedStrings")
        if not found or found[0]["part"] not in self.names:
            return []
        return _SharedStringsReader().read(self.read(found[0]["part"]))


def _max_cells() -> int:
    return (max_import_rows() + 1) * MAX_IMPORT_COLUMNS


def _check_declared_dimension(sheet: bytes) -> None:
    """A sheet may declare its extent (<dimension ref="A1:G5001"/>) near its start: refuse an
    absurd one without reading further."""
    head = sheet[:4096]
    position = head.find(b"dimension ")
    if position < 0:
        return
    end = head.find(b">", position)
    quote = head.find(b'ref="', position, end)
    if quote < 0 or end < 0:
        return
    reference = head[quote + 5 : head.find(b'"', quote + 5)].decode("ascii", "replace")
    last = reference.rpartition(":")[2]
    column, row = _split_reference(last)
    if row is not None and row > max_import_rows() + 1:
        raise _too_many_rows()
    if column > MAX_IMPORT_COLUMNS:
        raise _too_many_columns()


_DIGITS = "0123456789"
_SHORT_COLUMNS = {
    **{chr(65 + a): a + 1 for a in range(26)},
    **{chr(65 + a) + chr(65 + b): (a + 1) * 26 + b + 1 for a in range(26) for b in range(26)},
}


def _column_number(reference: str) -> int:
    """ "AB12" → 28, quickly for the columns real sheets use."""
    letters = reference.rstrip(_DIGITS)
    return _SHORT_COLUMNS.get(letters) or _split_reference(reference)[0]


def _split_reference(reference: str) -> tuple[int, int | None]:
    """ "AB12" → (28, 12). A missing row number gives None; letters only count up to XFD."""
    column = 0
    for position, letter in enumerate(reference):
        if "A" <= letter <= "Z":
            column = column * 26 + ord(letter) - 64
        else:
            digits = reference[position:]
            return column, int(digits) if digits.isdigit() else None
    return column, None


class _SharedStringsReader:
    """<sst><si><t>text</t></si><si><r><t>rich</t></r><r><t> text</t></r></si>…; phonetic
    guides (<rPh>) are not part of the text."""

    def __init__(self):
        self.strings: list[str] = []
        self.text: list[str] = []
        self.collecting = False
        self.phonetic = 0
        self.elements = 0
        self.max_strings = _max_cells()
        self.budget = self.max_strings * XML_ELEMENTS_PER_CELL + 1

    def read(self, xml: bytes) -> list[str]:
        _parser(self.start, self.end, self.characters).Parse(xml, True)
        return self.strings

    def start(self, name, attributes):
        self.elements += 1
        if self.elements > self.budget:
            raise _too_complex()
        local = name.rpartition(":")[2]
        if local == "t" and not self.phonetic:
            self.collecting = True
        elif local == "si":
            self.text = []
            if len(self.strings) >= self.max_strings:
                raise _too_complex()
        elif local == "rPh":
            self.phonetic += 1

    def end(self, name):
        local = name.rpartition(":")[2]
        if local == "t":
            self.collecting = False
        elif local == "si":
            self.strings.append("".join(self.text))
        elif local == "rPh":
            self.phonetic -= 1

    def characters(self, data):
        if self.collecting:
            self.text.append(data)


class _SheetReader:
    """Cell values as pandas' read_excel(dtype=str) gives them: shared and inline strings as
    written, whole numbers without a decimal point, TRUE/FALSE as True/False, error cells and
    formulas without a cached value blank. Dates stay Excel serial numbers: no import has one."""

    def __init__(self, shared: list[str]):
        self.shared = shared
        self.max_row = max_import_rows() + 1  # the header is row 1
        self.rows: dict[int, dict[int, str]] = {}
        self.row = 0
        self.column = 0
        self.kind = "n"
        self.in_cell = False
        self.collecting = False
        self.phonetic = 0
        self.text: list[str] = []
        self.elements = 0
        # Cells, one <row> each, and the few dozen elements of views, margins and columns.
        self.budget = _max_cells() * XML_ELEMENTS_PER_CELL + self.max_row + 20_000

    def read(self, xml: bytes) -> dict[int, dict[int, str]]:
        _parser(self.start, self.end, self.characters).Parse(xml, True)
        return self.rows

    def start(self, name, attributes):
        self.elements += 1
        if self.elements > self.budget:
            raise _too_complex()
        if ":" in name:  # a namespace prefix, which Excel does not write but may be read
            name = name.rpartition(":")[2]
        if name == "c":
            reference = attributes.get("r")
            if reference:
                self.column = _column_number(reference)
            else:
                self.column += 1
            self.kind = attributes.get("t", "n")
            self.in_cell = True
            self.text = []
        elif name == "row":
            number = attributes.get("r")
            self.row = int(number) if number else self.row + 1
            self.column = 0
        elif self.in_cell:
            if name == "rPh":
                self.phonetic += 1
            elif not self.phonetic and (name == "t" or (name == "v" and self.kind != "inlineStr")):
                self.collecting = True

    def end(self, name):
        if ":" in name:
            name = name.rpartition(":")[2]
        if name == "c":
            self.in_cell = self.collecting = False
            value = self.value("".join(self.text)) if self.text else ""
            if value:
                if self.row > self.max_row:
                    raise _too_many_rows()
                if self.column > MAX_IMPORT_COLUMNS:
                    raise _too_many_columns()
                self.rows.setdefault(self.row, {})[self.column] = value
        elif name == "v" or name == "t":
            self.collecting = False
        elif name == "rPh":
            self.phonetic -= 1

    def characters(self, data):
        if self.collecting:
            self.text.append(data)

    def value(self, text: str) -> str:
        kind = self.kind
        if kind == "s":
            return self.shared[int(text)] if text else ""
        if kind in ("inlineStr", "str", "d"):
            return text
        if kind == "b":
            return {"1": "True", "0": "False"}.get(text.strip(), "")
        if kind == "e":
            return ""
        return _number_as_text(text)


def _number_as_text(text: str) -> str:
    text = text.strip()
    if not text:
        return ""
    if text.lstrip("-").isdigit():
        return str(int(text))
    try:
        number = float(text)
    except ValueError:
        return text
    if number.is_integer():
        return str(int(number))
    return str(number)


def _frame(rows: dict[int, dict[int, str]]) -> pd.DataFrame:
    """The grid from row 1 to the last row with data; blank rows kept so that index and row
    number stay in step."""
    if not rows:
        return pd.DataFrame()
    last_row = max(rows)
    width = max(max(cells) for cells in rows.values())
    grid = [
        [cells.get(column, "") for column in range(1, width + 1)]
        for cells in (rows.get(number, {}) for number in range(1, last_row + 1))
    ]
    return pd.DataFrame(grid[1:], columns=_column_names(grid[0]), dtype=str)


def _column_names(header: list[str]) -> list[str]:
    """As pandas names them: a blank header is "Unnamed: <position>", a repeated one gets ".1"."""
    names, seen = [], {}
    for position, title in enumerate(header):
        name = title or f"Unnamed: {position}"
        if name in seen:
            seen[name] += 1
            name = f"{name}.{seen[name]}"
        else:
            seen[name] = 0
        names.append(name)
    return names
