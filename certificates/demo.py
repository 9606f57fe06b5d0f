"""Demo certificates for `manage.py seed_demo`. Completion and competency certificates are
issued by the courses demo through the real events; this adds an expired, a revoked and a
superseded one so every verification state can be seen, and saves the demo programme's names and
signatory in the certificate settings (the settings' defaults are the same, so the certificates the
courses demo issued earlier print them too).

Then the cohort: COHORT_SIZE more fictional trainees spread over every demo organisation, who
joined over the past year and a bit and are wherever such a year leaves people (not started,
part-way, overdue, completed, certified, certificates expiring, revoked or re-issued), built by
`scale.build_programme` so that the completion dashboard and the quiz analytics show a
believable picture. The same COHORT_SEED gives the same cohort, dated from the day it is run."""

import random
from datetime import timedelta

from django.utils import timezone

from courses.models import CoursePage
from lms.people import demo as people_demo
from lms.people import scale as people_scale
from lms.people.models import Organisation, User

from . import scale, services
from .models import Certificate, CertificateSettings

DEMO_SETTINGS = {
    "programme_name_en": "Himaya",
    "programme_name_ar": "حماية",
    "programme_full_name_en": (
        "National programme for identifying and referring victims of trafficking"
    ),
    "programme_full_name_ar": "البرنامج الوطني للتعرف على ضحايا الاتجار بالأشخاص وإحالتهم",
    "signatory_name_en": "Dr. Amal Al-Fahad",
    "signatory_name_ar": "د. آمال الفهد",
    "signatory_title_en": "Director, National Training Programme",
    "signatory_title_ar": "مديرة البرنامج الوطني للتدريب",
}


def seed(*, stdout, cohort: bool = True) -> None:
    """Certificate settings, every certificate state, then (unless `cohort` is False, as for
    `seed_scale`, which brings its own people) the demo cohort."""
    services.default_template()
    settings = CertificateSettings.load()
    for name, value in DEMO_SETTINGS.items():
        setattr(settings, name, value)
    settings.save()
    if Certificate.objects.filter(revoked_at__isnull=False).exists():
        stdout.write("  certificates: already there")
    else:
        _every_state(stdout)
    if cohort:
        _cohort(stdout)


def _every_state(stdout) -> None:
    course = CoursePage.objects.filter(code="VOT-101", locale__language_code="en").first()
    manager = User.objects.filter(email="manager@himaya.example").first()
    if course is None or manager is None:
        return
    issued = Certificate.objects.filter(kind=Certificate.Kind.COMPLETION).select_related("user")
    by_sector = {c.user.organisation.sector.code: c for c in issued if c.user.organisation_id}
    if "labour-court" in by_sector:
        services.revoke(
            certificate=by_sector["labour-court"],
            by=manager,
            reason="تصحيح سجل الحضور بعد تدقيق الورشة.",
        )
    if "shelter" in by_sector:
        services.reissue(certificate=by_sector["shelter"], by=manager, reason="تصحيح كتابة الاسم.")
    overdue = User.objects.filter(email="trainee.hotline.3@himaya.example").first()
    if overdue is not None:
        services.issue_by_hand(
            user=overdue,
            course=course,
            kind=Certificate.Kind.COMPLETION,
            by=manager,
            reason="دورة سابقة من البرنامج: ورشة حضورية دون اتصال بالإنترنت.",
            issued_on=timezone.localdate() - timedelta(days=800),
        )
    counts = dict.fromkeys(Certificate.Status.values, 0)
    for certificate in Certificate.objects.all():
        counts[certificate.status] += 1
    stdout.write("  certificates: " + ", ".join(f"{n} {s}" for s, n in counts.items()))


COHORT_SIZE = 420
COHORT_SEED = 2026
COHORT_EMAIL = "cohort.{number:04d}@" + people_demo.EMAIL_DOMAIN
SEX_RECORDED = 0.9  # the share of people whose sex is recorded (for aggregates only)
JOINED_DAYS_AGO = (3, 420)


def _cohort(stdout) -> None:
    from django.contrib.auth.hashers import make_password

    if User.objects.filter(email=COHORT_EMAIL.format(number=1)).exists():
        stdout.write("  cohort: already there")
        return
    course = CoursePage.objects.filter(code="VOT-101", locale__language_code="en").first()
    manager = User.objects.filter(email="manager@himaya.example").first()
    trainer = User.objects.filter(email="trainer@himaya.example").first()
    if course is None or manager is None or trainer is None:
        return
    names = [spec[0] for spec in people_demo.ORGANISATIONS + people_demo.COHORT_ORGANISATIONS]
    organisations = list(
        Organisation.objects.filter(name_en__in=names).select_related("sector").order_by("pk")
    )
    rng = random.Random(COHORT_SEED)
    now = timezone.now()
    people = []
    for number in range(1, COHORT_SIZE + 1):
        organisation = rng.choice(organisations)
        sex = rng.choice(list(User.Sex)) if rng.random() < SEX_RECORDED else ""
        name_en, name_ar = people_scale.fictional_name(rng, sex)
        people.append(
            people_scale.Person(
                email=COHORT_EMAIL.format(number=number),
                name_en=name_en,
                name_ar=name_ar,
                sex=sex,
                organisation_id=organisation.pk,
                job_title=people_scale.JOB_TITLES.get(organisation.sector.code, ""),
                joined=now - timedelta(days=rng.uniform(*JOINED_DAYS_AGO)),
                language=rng.choice(list(User.Language)),
            )
        )
    programme = scale.build_programme(
        people=people,
        course=course,
        trainer=trainer,
        manager=manager,
        # One hash for everyone: the demo password, without hashing it 420 times.
        password=make_password(people_demo.DEMO_PASSWORD),
        now=now,
        seed=COHORT_SEED,
    )
    stdout.write(
        f"  cohort: {programme.people} people ("
        + ", ".join(f"{n} {state.replace('_', ' ')}" for state, n in programme.enrolments.items())
        + f"), {programme.certificates} certificates"
    )
