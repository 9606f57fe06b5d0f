"""Reads an offline workshop's attendance sheet; every row is checked before anything is saved."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from lms.people.models import User
from lms.spreadsheets import FIRST_DATA_ROW, RowError, UnreadableFile, read_table

from .models import Attendance, TrainingSession

COLUMNS = ["email", "status"]
STATUS_ALIASES = {
    **{status: status for status in Attendance.Status.values},
    "حاضر": Attendance.Status.PRESENT,
    "غائب": Attendance.Status.ABSENT,
    "بعذر": Attendance.Status.EXCUSED,
}


@dataclass
class AttendanceImport:
    statuses: dict[int, str] = field(default_factory=dict)
    errors: list[RowError] = field(default_factory=list)


def read_attendance(name: str, content: bytes, *, session: TrainingSession) -> AttendanceImport:
    result = AttendanceImport()
    try:
        table = read_table(name, content)
    except UnreadableFile as error:
        result.errors.append(RowError(0, "", str(error)))
        return result
    table = table.rename(columns=lambda c: str(c).strip().lower())
    missing = [column for column in COLUMNS if column not in table.columns]
    if missing:
        result.errors += [RowError(1, column, _("This column is missing.")) for column in missing]
        return result
    cells = table[COLUMNS].apply(lambda column: column.str.strip())
    present = cells.ne("").any(axis=1)
    if not present.any():
        result.errors.append(RowError(1, "", _("The file has no people in it.")))
        return result
    # Only the session's register counts. An address that is unknown, or belongs to someone
    # not registered here, gets the same answer, so the sheet reveals nobody's enrolments.
    enrolled = {
        user.email.lower(): user.pk
        for user in User.objects.filter(
            session_registrations__session=session,
            enrolments__course_id=session.course_id,
        )
    }
    seen: dict[str, int] = {}
    for position, record in cells[present].iterrows():
        row = int(position) + FIRST_DATA_ROW
        email = record["email"].lower()
        status = STATUS_ALIASES.get(record["status"].casefold())
        if email not in enrolled:
            result.errors.append(
                RowError(row, "email", _("This email address is not registered for this session."))
            )
        elif email in seen:
            result.errors.append(
                RowError(
                    row,
                    "email",
                    _("This email address is already on row %(row)d.") % {"row": seen[email]},
                )
            )
        if status is None:
            result.errors.append(
                RowError(
                    row,
                    "status",
                    _("Unknown status “%(value)s”: use present, absent or excused.")
                    % {"value": record["status"]},
                )
            )
        if email in enrolled and email not in seen and status is not None:
            result.statuses[enrolled[email]] = status
        seen.setdefault(email, row)
    if result.errors:
        result.statuses = {}
    return result
