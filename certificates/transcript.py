"""A trainee's bilingual transcript: courses, quiz results and certificates, as a PDF."""

from django.template.loader import render_to_string
from django.utils import timezone, translation

from assessments import api as assessments_api
from courses import api as courses_api

from .hijri import format_gregorian, format_hijri
from .models import Certificate
from .rendering import html_to_pdf


def transcript_pdf(*, user) -> bytes:
    courses = courses_api.transcript_courses(user=user)
    attempts = assessments_api.submitted_attempts(user=user)
    certificates = list(Certificate.objects.filter(user=user).order_by("issued_at"))
    today = timezone.localdate()
    with translation.override("en"):
        html = render_to_string(
            "certificates/transcript.html",
            {
                "person": user,
                "organisation": user.organisation,
                "courses": courses,
                "attempts": attempts,
                "certificates": [
                    {
                        "certificate": certificate,
                        "kind": _in_both_languages(Certificate.Kind(certificate.kind).label),
                        "status": _in_both_languages(
                            Certificate.Status(certificate.status_on(today)).label
                        ),
                    }
                    for certificate in certificates
                ],
                "today_en": format_gregorian(today, "en"),
                "today_ar": f"{format_gregorian(today, 'ar')} ({format_hijri(today, 'ar')})",
            },
        )
    return html_to_pdf(html)


def _in_both_languages(label) -> dict[str, str]:
    """A translatable label in English and in Arabic: the transcript prints both, side by side."""
    words = {}
    for language in ("en", "ar"):
        with translation.override(language):
            words[language] = str(label)
    return words
