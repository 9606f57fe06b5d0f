"""A trainee's bilingual transcript: courses, quiz results and certificates, as a PDF."""

from django.template.loader import render_to_string
from django.utils import timezone, translation

from assessments.models import Attempt
from courses.models import Enrolment
from courses.services import localised

from .hijri import format_gregorian, format_hijri
from .models import Certificate
from .rendering import html_to_pdf


def transcript_pdf(*, user) -> bytes:
    enrolments = list(
        Enrolment.objects.filter(user=user).select_related("course").order_by("enrolled_at")
    )
    english = localised([e.course for e in enrolments], language="en")
    arabic = localised([e.course for e in enrolments], language="ar")
    attempts = list(
        Attempt.objects.filter(user=user, submitted_at__isnull=False)
        .select_related("quiz")
        .order_by("submitted_at")
    )
    certificates = list(Certificate.objects.filter(user=user).order_by("issued_at"))
    today = timezone.localdate()
    with translation.override("en"):
        html = render_to_string(
            "certificates/transcript.html",
            {
                "person": user,
                "organisation": user.organisation,
                "courses": [
                    {
                        "code": e.course.code,
                        "title_en": english[e.course_id].title,
                        "title_ar": arabic[e.course_id].title,
                        "completed_on": timezone.localdate(e.completed_at)
                        if e.completed_at
                        else None,
                    }
                    for e in enrolments
                ],
                "attempts": attempts,
                "certificates": [(c, c.status_on(today)) for c in certificates],
                "today_en": format_gregorian(today, "en"),
                "today_ar": f"{format_gregorian(today, 'ar')} ({format_hijri(today, 'ar')})",
            },
        )
    return html_to_pdf(html)
