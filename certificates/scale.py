"""A whole programme for many people at once: `seed_demo`'s cohort and `seed_scale`.

`build_programme` creates the people (`lms.people.scale`), their year in the course
(`courses.scale`, which writes their attempts through `assessments.scale`) and then the
certificates the receivers would have issued on those events (`issue`): a completion certificate
when the course was completed, a competency certificate when the scenario final was passed, each
dated the moment it was earned, valid for the course's validity, with its `ISSUED` audit event and
its context frozen by `services.build_context`. A few are then revoked or re-issued by the
programme manager, as happens in a real year. The bulk builders send no domain event and queue no
PDF rendering: a certificate's PDF is drawn the first time it is downloaded
(`views.download`), as for any certificate whose rendering task has not run yet.
"""

import random
from dataclasses import dataclass
from datetime import datetime, timedelta

from dateutil.relativedelta import relativedelta
from django.utils import timezone

from courses import scale as courses_scale
from courses.models import CoursePage
from lms import bulk
from lms.people import scale as people_scale
from lms.people.models import Organisation, User

from . import services
from .models import Certificate, CertificateEvent, new_verification_code

CERTIFICATE_FIELDS = [
    "id",
    "user_id",
    "course_id",
    "kind",
    "serial",
    "code",
    "context",
    "template_id",
    "template_version",
    "issued_at",
    "expires_on",
    "pdf",
    "sha256",
    "issued_by_id",
    "issue_reason",
    "revoked_at",
    "revocation_reason",
    "superseded_at",
    "superseded_by_id",
]
REVOKED_SHARE = 0.02
REISSUED_SHARE = 0.03
REVOCATION_REASON = "Attendance record corrected after the workshop audit."
REISSUE_REASON = "تصحيح كتابة الاسم."


@dataclass(frozen=True)
class Programme:
    people: int
    enrolments: dict
    certificates: int


def build_programme(
    *,
    people: list[people_scale.Person],
    course: CoursePage,
    trainer: User,
    manager: User,
    password: str,
    now: datetime,
    seed: int,
) -> Programme:
    """Create `people` and everything their year in `course` leaves behind, up to `now`."""
    user_ids = people_scale.create_people(people=people, password=password, invited_by=manager)
    organisations = {
        o.pk: o for o in Organisation.objects.filter(pk__in={p.organisation_id for p in people})
    }
    learners = [
        courses_scale.Learner(
            user_id=user_id,
            sector_id=organisations[person.organisation_id].sector_id,
            region_id=organisations[person.organisation_id].region_id,
            enrolled_at=person.joined,
        )
        for user_id, person in zip(user_ids, people, strict=True)
    ]
    progress = courses_scale.record_progress(
        course=course, learners=learners, trainer=trainer, now=now, seed=seed
    )
    issued = issue(
        course=course,
        earned={
            Certificate.Kind.COMPLETION: progress.completed,
            Certificate.Kind.COMPETENCY: progress.final_passed,
        },
        manager=manager,
        now=now,
        seed=seed,
    )
    return Programme(people=len(user_ids), enrolments=progress.counts, certificates=issued)


def issue(*, course: CoursePage, earned: dict, manager: User, now: datetime, seed: int) -> int:
    """Certificates for what was earned ({kind: [courses_scale.Finished]}), then a few revoked
    and a few re-issued (superseded by a new certificate) by `manager`. Returns how many
    certificate rows were written."""
    rng = random.Random(f"{seed}/certificates")
    template = services.default_template()
    users = User.objects.select_related("organisation__sector").in_bulk(
        {finished.user_id for rows in earned.values() for finished in rows}
    )
    ids = bulk.Ids(Certificate)
    certificates, events = [], []
    frozen_context = _FrozenContexts()

    def certificate(user, kind, issued_at, *, by=None, reason=""):
        (pk,) = ids.take()
        row = Certificate(
            pk=pk,
            user=user,
            course=course,
            kind=kind,
            serial=f"HMY-{issued_at.year}-{pk:06d}",
            code=new_verification_code(),
            template=template,
            template_version=template.version,
            issued_at=issued_at,
            expires_on=_expiry(issued_at, course.certificate_validity_months),
            issued_by=by,
            issue_reason=reason,
        )
        row.context = frozen_context(row)
        certificates.append(row)
        events.append((pk, CertificateEvent.Action.ISSUED, by and by.pk, issued_at, reason))
        return row

    for kind, rows in earned.items():
        for finished in rows:
            row = certificate(users[finished.user_id], kind, finished.at)
            fate = rng.random()
            later = finished.at + timedelta(days=rng.uniform(3, 90))
            if later >= now:
                continue
            if fate < REVOKED_SHARE:
                row.revoked_at, row.revocation_reason = later, REVOCATION_REASON
                events.append(
                    (row.pk, CertificateEvent.Action.REVOKED, manager.pk, later, REVOCATION_REASON)
                )
            elif fate < REVOKED_SHARE + REISSUED_SHARE:
                new = certificate(row.user, kind, later, by=manager, reason=REISSUE_REASON)
                row.superseded_at, row.superseded_by = later, new
                events.append(
                    (row.pk, CertificateEvent.Action.SUPERSEDED, manager.pk, later, REISSUE_REASON)
                )
    # A superseded certificate points at its successor, so successors are written first.
    certificates.sort(key=lambda c: c.superseded_by is not None)
    bulk.insert(
        Certificate,
        CERTIFICATE_FIELDS,
        ([getattr(c, name) for name in CERTIFICATE_FIELDS] for c in certificates),
    )
    event_ids = bulk.Ids(CertificateEvent).take(len(events))
    bulk.insert(
        CertificateEvent,
        ["id", "certificate", "action", "by", "at", "reason"],
        ((pk, *event) for pk, event in zip(event_ids, events, strict=True)),
    )
    bulk.reset_sequences(Certificate, CertificateEvent)
    return len(certificates)


class _FrozenContexts:
    """`services.build_context` for many certificates of one course: the first is built by it;
    the others take what it froze of the course and the programme, and their own holder,
    organisation, codes and dates, without its two queries per certificate.
    tests/certificates/test_seed_scale.py checks every context against `build_context`."""

    def __init__(self):
        self.shared = None

    def __call__(self, certificate: Certificate) -> dict:
        if self.shared is None:
            self.shared = services.build_context(certificate=certificate)
            return self.shared
        user, organisation = certificate.user, certificate.user.organisation
        return {
            **self.shared,
            "serial": certificate.serial,
            "verification_code": certificate.code,
            "verification_url": services.verification_base_url() + certificate.get_absolute_url(),
            "kind": str(certificate.kind),
            "holder_name_en": user.name_en,
            "holder_name_ar": user.name_ar,
            "sector_en": organisation.sector.name_en if organisation else "",
            "sector_ar": organisation.sector.name_ar if organisation else "",
            "organisation_en": organisation.name_en if organisation else "",
            "organisation_ar": organisation.name_ar if organisation else "",
            "issued_on": timezone.localdate(certificate.issued_at).isoformat(),
            "expires_on": certificate.expires_on.isoformat() if certificate.expires_on else None,
        }


def _expiry(issued_at: datetime, months: int):
    if not months:
        return None
    return timezone.localdate(issued_at) + relativedelta(months=months)
