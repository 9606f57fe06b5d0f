"""Demo certificates for `manage.py seed_demo`. Completion and competency certificates are
issued by the courses demo through the real events; this adds an expired, a revoked and a
superseded one so every verification state can be seen, and saves the demo programme's names and
signatory in the certificate settings (the settings' defaults are the same, so the certificates the
courses demo issued earlier print them too)."""

from datetime import timedelta

from django.utils import timezone

from courses.models import CoursePage
from lms.people.models import User

from . import services
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


def seed(*, stdout) -> None:
    services.default_template()
    settings = CertificateSettings.load()
    for name, value in DEMO_SETTINGS.items():
        setattr(settings, name, value)
    settings.save()
    if Certificate.objects.filter(revoked_at__isnull=False).exists():
        stdout.write("  certificates: already there")
        return
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
            reason="Attendance record corrected after the workshop audit.",
        )
    if "shelter" in by_sector:
        services.reissue(
            certificate=by_sector["shelter"], by=manager, reason="Spelling of the name corrected."
        )
    overdue = User.objects.filter(email="trainee.hotline.3@himaya.example").first()
    if overdue is not None:
        services.issue_by_hand(
            user=overdue,
            course=course,
            kind=Certificate.Kind.COMPLETION,
            by=manager,
            reason="Earlier programme cycle: offline workshop.",
            issued_on=timezone.localdate() - timedelta(days=800),
        )
    counts = dict.fromkeys(Certificate.Status.values, 0)
    for certificate in Certificate.objects.all():
        counts[certificate.status] += 1
    stdout.write("  certificates: " + ", ".join(f"{n} {s}" for s, n in counts.items()))
