"""People's verbs: invite, resend, accept. Views and commands call these; the rules live here."""

import datetime as dt
import hashlib
import json
import logging
from collections.abc import Iterable

from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext as _

from . import tasks
from .invitation_import import InvitationRow
from .models import Invitation, InvitationImport, Organisation, User
from .roles import Role

logger = logging.getLogger(__name__)


class InvitationError(Exception):
    """The invitation cannot be made as asked; the message says why."""


def matching(people: QuerySet[User], query: str) -> QuerySet[User]:
    """Those of `people` whose name, in either language, or email address contains `query`
    (any case): the one search of the people list and of the enrol page."""
    return people.filter(
        Q(name_en__icontains=query) | Q(name_ar__icontains=query) | Q(email__icontains=query)
    )


@transaction.atomic
def invite_person(
    *,
    by: User,
    email: str,
    name_en: str,
    name_ar: str,
    organisation: Organisation | None,
    language: str,
    role: str = Role.TRAINEE,
    job_title: str = "",
) -> Invitation:
    """Create the person's account (no usable password yet) and email them a link to set one."""
    email = User.objects.normalize_email(email).lower()
    if role == Role.TRAINEE and organisation is None:
        raise InvitationError(_("A trainee must belong to an organisation."))
    if User.objects.filter(email__iexact=email).exists():
        raise InvitationError(_("Someone with this email address already has an account."))
    try:
        with transaction.atomic():
            user = User.objects.create_user(
                email=email,
                password=None,
                name_en=name_en.strip(),
                name_ar=name_ar.strip(),
                organisation=organisation,
                preferred_language=language,
                job_title=job_title.strip(),
            )
    except IntegrityError as error:  # a parallel request invited the same address
        raise InvitationError(
            _("Someone with this email address already has an account.")
        ) from error
    user.groups.add(Group.objects.get(name=role))
    EmailAddress.objects.create(user=user, email=email, primary=True, verified=False)
    invitation = Invitation.objects.create(user=user, invited_by=by)
    _queue_email(invitation)
    logger.info("Invitation %s created by user %s", invitation.pk, by.pk)
    return invitation


@transaction.atomic
def invite_people(*, by: User, rows: Iterable[InvitationRow]) -> list[Invitation]:
    """All rows become trainees, or none do (the caller has validated them already)."""
    return [
        invite_person(
            by=by,
            email=row.email,
            name_en=row.name_en,
            name_ar=row.name_ar,
            organisation=row.organisation,
            language=row.language,
        )
        for row in rows
    ]


# The same validated upload sent again within this time (a double click, a reload) is the same job.
IMPORT_DEDUPLICATION_WINDOW = dt.timedelta(minutes=5)


def queue_invitation_import(*, by: User, rows: Iterable[InvitationRow]) -> InvitationImport:
    """Record validated rows for the task worker, which creates the accounts (all or none).

    Answers the recent unfinished-or-done job of the same person with the same rows instead of a
    second one; if two jobs of the same rows do run, the second fails on uniqueness."""
    stored = [
        {
            "row": row.row,
            "email": row.email,
            "name_en": row.name_en,
            "name_ar": row.name_ar,
            "organisation": row.organisation.pk,
            "language": row.language,
        }
        for row in rows
    ]
    digest = hashlib.sha256(
        json.dumps(stored, sort_keys=True, ensure_ascii=False).encode("utf-8")
    ).hexdigest()
    with transaction.atomic():
        recent = (
            InvitationImport.objects.filter(
                uploaded_by=by,
                rows_digest=digest,
                uploaded_at__gte=timezone.now() - IMPORT_DEDUPLICATION_WINDOW,
            )
            .exclude(state=InvitationImport.State.FAILED)
            .order_by("-uploaded_at")
            .first()
        )
        if recent is not None:
            return recent
        job = InvitationImport.objects.create(
            uploaded_by=by, rows=stored, rows_digest=digest, total=len(stored)
        )
        # The database queue shares the transaction: no job without its task, nor the reverse.
        tasks.run_invitation_import_task.enqueue(job_id=job.pk)
    return job


class _RowsNoLongerValid(Exception):
    def __init__(self, problems: list[dict]):
        super().__init__(problems)
        self.problems = problems


def _rows_to_invite(job: InvitationImport) -> list[InvitationRow]:
    """The job's rows, checked again: someone may have been invited since the upload."""
    organisations = Organisation.objects.in_bulk({row["organisation"] for row in job.rows})
    taken = set(
        User.objects.annotate(address=Lower("email"))
        .filter(address__in=[row["email"] for row in job.rows])
        .values_list("address", flat=True)
    )
    problems = []
    rows = []
    for stored in job.rows:
        if stored["email"] in taken:
            problems.append({"row": stored["row"], "column": "email", "problem": "email_taken"})
        organisation = organisations.get(stored["organisation"])
        if organisation is None:
            problems.append(
                {"row": stored["row"], "column": "organisation", "problem": "organisation_gone"}
            )
        else:
            rows.append(InvitationRow(**{**stored, "organisation": organisation}))
    if problems:
        raise _RowsNoLongerValid(problems)
    return rows


def run_invitation_import(*, job: InvitationImport) -> None:
    """The task worker's half of an invitation upload: every account in one transaction, each
    made by invite_person (role, email address, invitation, the courses app's enrolment, the
    queued email) as for one person invited by hand; or nothing, and the job says why."""
    State = InvitationImport.State
    # Exactly once: only the run that takes the job out of the queue does the work.
    claimed = InvitationImport.objects.filter(pk=job.pk, state=State.QUEUED).update(
        state=State.RUNNING, started_at=timezone.now()
    )
    if not claimed:
        return
    try:
        with transaction.atomic():
            invitations = []
            for row in _rows_to_invite(job):
                try:
                    invitations.append(
                        invite_person(
                            by=job.uploaded_by,
                            email=row.email,
                            name_en=row.name_en,
                            name_ar=row.name_ar,
                            organisation=row.organisation,
                            language=row.language,
                        )
                    )
                except InvitationError as error:  # invited in parallel since the check above
                    raise _RowsNoLongerValid(
                        [{"row": row.row, "column": "email", "problem": "email_taken"}]
                    ) from error
            InvitationImport.objects.filter(pk=job.pk).update(
                state=State.DONE,
                created=len(invitations),
                invitation_ids=[invitation.pk for invitation in invitations],
                finished_at=timezone.now(),
            )
    except _RowsNoLongerValid as invalid:
        _fail_import(job, invalid.problems)
    except Exception:
        logger.exception("Invitation import %s failed; nothing was written", job.pk)
        _fail_import(job, [])
    else:
        logger.info("Invitation import %s created %s invitations", job.pk, len(invitations))


def _fail_import(job: InvitationImport, problems: list[dict]) -> None:
    InvitationImport.objects.filter(pk=job.pk).update(
        state=InvitationImport.State.FAILED, problems=problems, finished_at=timezone.now()
    )


def resend_invitation(*, invitation: Invitation) -> None:
    if invitation.is_accepted:
        raise InvitationError(_("This invitation has already been accepted."))
    _queue_email(invitation)


@transaction.atomic
def accept_invitation(*, user: User, password: str) -> None:
    """Set the password; the invitation link proved the address, so it counts as verified."""
    invitation = Invitation.objects.select_for_update().get(user=user)
    user.set_password(password)
    user.save(update_fields=["password"])
    EmailAddress.objects.update_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )
    if invitation.accepted_at is None:
        invitation.accepted_at = timezone.now()
        invitation.save(update_fields=["accepted_at"])


def _queue_email(invitation: Invitation) -> None:
    # The database task queue shares the transaction: if the invitation rolls back, so does
    # its email.
    tasks.send_invitation_email.enqueue(invitation_id=invitation.pk)
