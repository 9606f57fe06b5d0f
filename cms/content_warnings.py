"""Content warnings: the one declaration of their levels, and the "before you continue" screen.

Levels (codes are stable; only the labels are translated):

- CW0: none;
- CW1: mentions abuse;
- CW2: describes violence or sexual exploitation, without graphic detail;
- CW3: more than that. A level of the taxonomy only: the question bank refuses such material
  and lessons cannot carry it, so it is not a choice anywhere.

Scenarios, courses and modules carry a level (`ContentWarning`); a lesson opens with a content
warning block (`LESSON_LEVELS`); the taxonomy's CW framework names every level in both
languages (`TAXONOMY_NAMES`, stored in tag rows).

A lesson or a quiz case with a warning is shown only after the person chose to continue past
the warning screen (`pending_warnings`, `warning_screen`). One screen covers every warning that is
waiting (a module's and its lesson's; every case of a quiz attempt) and names each: two screens
back to back told people nothing the first had not. The choice lasts for the session, in one
session key, whether the warning came before a lesson or a quiz case.
"""

from urllib.parse import urlencode

from django.db import models
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _


class ContentWarning(models.TextChoices):
    NONE = "CW0", _("CW0 — none")
    MENTIONS_ABUSE = "CW1", _("CW1 — mentions abuse")
    DESCRIBES_VIOLENCE = "CW2", _("CW2 — describes violence or sexual exploitation (non-graphic)")


# What readers are told: the level in words. The codes (CW1, CW2) are for authors and the
# taxonomy; they never reach a trainee's page.
_READER_LABELS = {
    ContentWarning.MENTIONS_ABUSE.value: _("mentions abuse"),
    ContentWarning.DESCRIBES_VIOLENCE.value: _(
        "describes violence or sexual exploitation, without graphic detail"
    ),
}


def reader_label(level: str) -> str:
    """The level as a reader is told it ("mentions abuse"); empty for none."""
    return str(_READER_LABELS.get(level, ""))


# Material beyond CW2: a taxonomy level, never carried by a scenario, a course or a lesson.
NOT_ALLOWED = "CW3"

# The levels a lesson's opening warning block offers: a warning of "none" would say nothing.
LESSON_LEVELS = [(value, label) for value, label in ContentWarning.choices if value != "CW0"]

# The taxonomy's names of the levels (the CW framework), English and Arabic.
TAXONOMY_NAMES: dict[str, tuple[str, str]] = {
    ContentWarning.NONE.value: ("None", "لا يوجد"),
    ContentWarning.MENTIONS_ABUSE.value: ("Mentions abuse", "يذكر الإساءة"),
    ContentWarning.DESCRIBES_VIOLENCE.value: (
        "Describes violence or sexual exploitation (non-graphic)",
        "يصف العنف أو الاستغلال الجنسي (دون تفاصيل صادمة)",
    ),
    NOT_ALLOWED: ("Not allowed in the bank", "غير مسموح به في بنك الأسئلة"),
}

SESSION_KEY = "cms.content_warnings_accepted"


def pending_warnings(request, *, keys: list[str], continue_value: str) -> list[str]:
    """Of the warnings identified by ``keys``, those the person has not chosen to go past.

    Choosing is following the warning screen's "Continue" link, which carries
    ``?continue=<continue_value>``: it accepts every warning the screen named at once, for the
    rest of the session, so none of them is shown again."""
    accepted = request.session.get(SESSION_KEY, [])
    waiting = [key for key in keys if key not in accepted]
    if waiting and request.GET.get("continue") == continue_value:
        request.session[SESSION_KEY] = [*accepted, *waiting]
        return []
    return waiting


def strongest(levels) -> str:
    """The most serious of some warning levels (CW2 before CW1), to head a screen naming them."""
    return max(levels, default=ContentWarning.NONE.value)


def warning_screen(
    request,
    *,
    summary: str,
    detail: str = "",
    advice: str,
    continue_value: str,
    back_url: str,
    covers: list[dict] | None = None,
    keep_query: dict | None = None,
    context: dict | None = None,
) -> TemplateResponse:
    """The "before you continue" page: what follows (``summary``, ``detail``, and ``covers``,
    each part it warns about as ``{"title", "label", "detail"}``), what the person may do
    (``advice``), a "Continue" link back to this page with ``?continue=<continue_value>`` (plus
    ``keep_query``) and a "Come back later" link to ``back_url``."""
    query = {"continue": continue_value, **(keep_query or {})}
    return TemplateResponse(
        request,
        "cms/content_warning.html",
        {
            **(context or {}),
            "summary": summary,
            "detail": detail,
            "covers": covers or [],
            "advice": advice,
            "continue_url": "?" + urlencode(query),
            "back_url": back_url,
        },
    )
