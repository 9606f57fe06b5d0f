import random

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpResponse, JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cms import content_warnings
from cms.content_warnings import ContentWarning
from lms.bilingual import exchange_text_in_active_language
from lms.database_unavailable import answer_when_database_fails
from lms.people.access import access_required
from lms.small_groups import minimum_group_size

from . import frozen, quiz_access, services
from .access import can_view_quiz_analytics
from .models import Attempt, Quiz, Tag
from .presenters import MalformedAnswer, parse_answer, present
from .vocabulary import ORDERING

# How soon the "being marked" page looks again for the result: soon at first (marking takes a
# second when the worker is free), then less often, so that a cohort waiting on a busy worker
# does not keep the web servers from it: (waited under, seconds to the next look).
MARKING_REFRESH = ((10, 2), (30, 5))
MARKING_REFRESH_AFTER = 10


def _live_quiz(quiz_id, *, content=True):
    """The live quiz and its current version; 404 for a quiz never published or not live.
    Without `content`, the version's settings but not its frozen scenarios (hundreds of KB for
    a scenario final), for pages that only state its rules."""
    quiz = Quiz.objects.filter(pk=quiz_id, live=True).first()
    version = services.current_version(quiz, content=content) if quiz is not None else None
    if version is None:
        raise Http404
    return quiz, version


def _own_attempt(request, attempt_id, *, content=True, lock=False):
    """The person's own attempt with its quiz and version; someone else's is a 404 (ids confirm
    nothing). Without `content`, the version's frozen scenarios stay unread (`frozen` has them).
    With `lock`, the attempt's row (not its quiz's or version's, which everyone sitting the quiz
    reads) is locked until the caller's transaction ends."""
    attempts = Attempt.objects.select_related("quiz", "version")
    if lock:
        attempts = attempts.select_for_update(of=("self",))
    if not content:
        attempts = attempts.defer("version__scenarios")
    return get_object_or_404(attempts, pk=attempt_id, user=request.user)


@login_required
def quiz_detail(request, quiz_id):
    """The quiz before Start: its rules (attempts allowed and left, the wait between attempts,
    the time limit), the person's attempts, and Start, or why they cannot start it yet and
    what is still to do."""
    quiz, version = _live_quiz(quiz_id, content=False)
    attempts = list(quiz.attempts.filter(user=request.user).order_by("number"))
    try:
        services.ensure_may_start(user=request.user, quiz=quiz)
        refusal = None
    except services.NotEligible as error:
        refusal = error
    return TemplateResponse(
        request,
        "assessments/quiz_detail.html",
        {
            "quiz": quiz,
            "title": quiz.title,
            "attempts": attempts,
            "open_attempt": next((a for a in attempts if not a.is_submitted), None),
            "allowance": services.allowance(quiz=quiz, version=version, attempts=attempts),
            "may_start": refusal is None,
            "refusal": refusal,
            "may_preview": quiz_access.may_preview(request.user),
        },
    )


def _refused(request, quiz, refusal):
    return TemplateResponse(
        request,
        "assessments/not_eligible.html",
        {
            "quiz": quiz,
            "title": quiz.title,
            "refusal": refusal,
            "may_preview": quiz_access.may_preview(request.user),
        },
        status=403,
    )


@require_POST
@login_required
def start(request, quiz_id):
    quiz, version = _live_quiz(quiz_id)
    try:
        services.ensure_may_start(user=request.user, quiz=quiz)
    except services.NotEligible as error:
        return _refused(request, quiz, error)
    try:
        attempt = services.start_attempt(user=request.user, quiz=quiz, version=version)
    except services.AssessmentError as error:
        messages.error(request, str(error))
        return redirect("assessments:quiz", quiz_id=quiz.pk)
    return redirect("assessments:take", attempt_id=attempt.pk)


def _questions(attempt, *, reveal_all=False):
    """The attempt's questions grouped by case, in the attempt's order, as the trainee may see
    them. Questions are numbered "Question 3 of 12" and cases by their place in the attempt:
    internal codes (scenario, question, option, tag and content-warning codes) never reach the
    page."""
    questions = frozen.questions(attempt.version)
    scenarios = frozen.scenarios(attempt.version)
    scores = {}
    if attempt.is_submitted:
        scores = dict(attempt.results.values_list("key", "score"))
    tag_names = {}
    if attempt.is_submitted:
        tag_names = {tag.code: tag.name for tag in Tag.objects.only("code", "name_en", "name_ar")}
    groups = []
    total = len(attempt.layout)
    for index, item in enumerate(attempt.layout):
        question = questions[item["key"]]
        reveal = reveal_all or services.feedback_visible(attempt, item["key"])
        view = present(
            question,
            item,
            answer=attempt.answers.get(item["key"]),
            reveal=reveal,
            score=scores.get(item["key"]),
        )
        view["index"] = index
        view["number"], view["total"] = index + 1, total
        view["locked"] = item["key"] in attempt.locked_keys
        if reveal and tag_names:
            view["tags"] = [
                tag_names[code] for code in services.question_tags(question) if code in tag_names
            ]
            # What a critical question stands for (safety first, no tipping-off…): its own tags.
            view["principles"] = [
                tag_names[code] for code in question.get("tags", []) if code in tag_names
            ]
        scenario = scenarios[question["scenario"]]
        if not groups or groups[-1]["code"] != scenario["code"]:
            level = scenario.get("content_warning", ContentWarning.NONE.value)
            groups.append(
                {
                    "code": scenario["code"],
                    "number": len(groups) + 1,
                    "title": exchange_text_in_active_language(scenario["title"]),
                    "case_text": exchange_text_in_active_language(scenario["case_text"]),
                    "content_warning": level,
                    "content_warning_label": content_warnings.reader_label(level),
                    "has_content_warning": level != ContentWarning.NONE,
                    "questions": [],
                }
            )
        groups[-1]["questions"].append(view)
    return groups


def _critical_misses(attempt, scenarios) -> list[dict]:
    """The critical questions the attempt fell short on, as numbered on the page, each with why
    as far as the feedback rule allows: the feedback of the options chosen and the principles
    the question tests."""
    missed = set(attempt.critical_failed)
    return [
        {
            "question": q,
            "feedback": [
                o["feedback"] for o in q.get("options", []) if o["chosen"] and o.get("feedback")
            ],
        }
        for scenario in scenarios
        for q in scenario["questions"]
        if q["key"] in missed
    ]


@login_required
def preview(request, quiz_id):
    """Authors see the current version as a trainee would, with the key and feedback shown, in
    an order drawn as for an attempt. Nothing is recorded: the attempt below is never saved."""
    if not quiz_access.may_preview(request.user):
        raise Http404
    quiz = get_object_or_404(Quiz, pk=quiz_id)
    version = quiz.current_version
    if version is None:
        raise Http404
    unsaved = Attempt(
        user=request.user,
        quiz=quiz,
        version=version,
        number=0,
        layout=services.draw_layout(version, version.quiz_settings, random.SystemRandom()),
    )
    return TemplateResponse(
        request,
        "assessments/preview.html",
        {
            "quiz": quiz,
            "title": quiz.title,
            "scenarios": _questions(unsaved, reveal_all=True),
        },
    )


def _case_warning(request, attempt, scenarios, continue_value, *, page):
    """One screen for the whole attempt, naming every case it warns about."""
    level = content_warnings.strongest(s["content_warning"] for s in scenarios)
    if level == ContentWarning.DESCRIBES_VIOLENCE:
        summary = _("This quiz describes violence or sexual exploitation, without graphic detail.")
    else:
        summary = _("This quiz mentions abuse.")
    return content_warnings.warning_screen(
        request,
        summary=summary,
        covers=[
            {"title": s["title"], "label": s["content_warning_label"], "detail": ""}
            for s in scenarios
        ],
        advice=_(
            "The case is fictional. Your answers so far are saved: you can stop now and come "
            "back to this attempt later."
        ),
        continue_value=continue_value,
        keep_query={} if page is None else {"q": page},
        back_url=reverse("assessments:quiz", args=[attempt.quiz_id]),
        context={"attempt": attempt},
    )


@login_required
def take(request, attempt_id):
    attempt = _own_attempt(request, attempt_id, content=False)
    if attempt.is_submitted or attempt.is_being_marked:
        return redirect("assessments:review", attempt_id=attempt.pk)
    scenarios = _questions(attempt)
    # The cases with a content warning are shown only after the trainee chose to continue: one
    # screen, before the first question, for every such case in the attempt.
    warned = {f"attempt:{attempt.pk}:{s['code']}": s for s in scenarios if s["has_content_warning"]}
    # The link names the attempt and its first such case by number, never by code.
    first = next(iter(warned.values()), {"number": 0})
    continue_value = f"{attempt.pk}:{first['number']}"
    waiting = content_warnings.pending_warnings(
        request, keys=list(warned), continue_value=continue_value
    )
    one_per_page = attempt.version.quiz_settings.get("one_per_page", False)
    page = _page_number(request, len(attempt.layout)) if one_per_page else None
    if page is not None:
        scenarios = [
            {**scenario, "questions": [q for q in scenario["questions"] if q["index"] == page]}
            for scenario in scenarios
        ]
        scenarios = [scenario for scenario in scenarios if scenario["questions"]]
    if waiting:
        return _case_warning(
            request, attempt, [warned[key] for key in waiting], continue_value, page=page
        )
    return TemplateResponse(
        request,
        "assessments/take.html",
        {
            "attempt": attempt,
            "quiz": attempt.quiz,
            "title": attempt.quiz.title,
            "scenarios": scenarios,
            "page": page,
            "pages": len(attempt.layout),
            "after_question": attempt.version.quiz_settings["feedback_timing"]
            == Quiz.Feedback.AFTER_QUESTION,
        },
    )


def _page_number(request, count: int) -> int:
    """The ?q= question index of a one-question-per-page attempt; anything else is the first."""
    raw = request.GET.get("q", "0")
    number = int(raw) if raw.isdecimal() and len(raw) <= 4 else 0
    return min(number, count - 1)


def _unreadable(question: dict, number: int, total: int) -> str:
    if question["type"] == ORDERING:
        problem = _("give each step a different number from 1 to %(count)s.") % {
            "count": len(question["options"])
        }
    else:
        problem = _("this answer could not be read. Reload the page and answer again.")
    return _("Question %(number)s of %(total)s: %(problem)s") % {
        "number": number,
        "total": total,
        "problem": problem,
    }


def _refuse_form(request, attempt, problems):
    """A form the page could not have sent: nothing of it is saved, and the person is told
    which questions to look at (a 400, for autosave's JSON and for the plain form alike)."""
    if request.headers.get("X-Requested-With") == "fetch":
        return JsonResponse({"saved": 0, "problems": problems}, status=400)
    return TemplateResponse(
        request,
        "assessments/answer_refused.html",
        {"attempt": attempt, "title": attempt.quiz.title, "problems": problems},
        status=400,
    )


def _send_again(request):
    """The answer to a save or submit the database dropped (a restart, a lost connection):
    503 with the trainee's form to send again, never a 500 that would lose it. What failed wrote
    nothing (answers and grading are one transaction) and the same form sent again is harmless
    (unchanged answers are not written; a submitted attempt stays as it is)."""
    if request.headers.get("X-Requested-With") == "fetch":
        message = _("Not saved yet: the server did not answer. Your answers stay on this page.")
        response = JsonResponse({"saved": 0, "problems": [message]}, status=503)
    else:
        # Rendered without the request's context: the site's header would ask the database.
        fields = [
            (name, value)
            for name, values in request.POST.lists()
            if name != "csrfmiddlewaretoken"
            for value in values
        ]
        page = render_to_string(
            "assessments/try_again.html",
            {"action": request.get_full_path(), "fields": fields, "csrf_token": get_token(request)},
        )
        response = HttpResponse(page, status=503)
    response["Retry-After"] = "5"
    return response


@answer_when_database_fails(_send_again)
@require_POST
@login_required
def save(request, attempt_id):
    """Saves the answers in the form (all of them, or the one whose "check" was pressed), then
    submits when asked. The whole form is read first: one unreadable value refuses all of it,
    so nothing is half-saved."""
    if not request.POST.get("submit") or request.headers.get("X-Requested-With") == "fetch":
        return _save(request, attempt_id, locked=False)
    # A submit reads the attempt under its lock, in the transaction that hands it in: one read
    # where there were a read and a lock (issue 14: a whole cohort submits at once).
    with transaction.atomic():
        return _save(request, attempt_id, locked=True)


def _save(request, attempt_id, *, locked):
    attempt = _own_attempt(request, attempt_id, content=False, lock=locked)
    questions = frozen.questions(attempt.version)
    only = request.POST.get("check")
    total = len(attempt.layout)
    answers, unreadable = {}, []
    for index, item in enumerate(attempt.layout):
        if only is not None and only != str(index):
            continue
        if item["key"] in attempt.locked_keys:
            continue
        question = questions[item["key"]]
        try:
            answers[item["key"]] = parse_answer(question, item, request.POST, index)
        except MalformedAnswer:
            unreadable.append(_unreadable(question, index + 1, total))
    if unreadable:
        return _refuse_form(request, attempt, unreadable)
    changed = {
        key: answer
        for key, answer in answers.items()
        if answer is not None and answer != attempt.answers.get(key)
    }
    # Submitted with the answers, in one transaction, unless the confirmation page comes first.
    submitting = (
        bool(request.POST.get("submit"))
        and request.headers.get("X-Requested-With") != "fetch"
        and (
            bool(request.POST.get("confirm"))
            or not services.unanswered_numbers(
                Attempt(layout=attempt.layout, answers={**attempt.answers, **changed})
            )
        )
    )
    problems = []
    saved = 0
    if changed:
        try:
            attempt = services.save_answers(
                attempt=attempt,
                user=request.user,
                answers=changed,
                submit=submitting,
                locked=locked,
            )
            saved = len(changed)
        except services.AssessmentError as error:
            problems.append(str(error))
        if submitting and not problems:
            return redirect("assessments:review", attempt_id=attempt.pk)
    if request.headers.get("X-Requested-With") == "fetch":
        status = 400 if problems else 200
        return JsonResponse({"saved": saved, "problems": problems}, status=status)
    for problem in dict.fromkeys(problems):
        messages.error(request, problem)
    if request.POST.get("submit") and not problems:
        return submit(request, attempt_id)
    if not problems:
        messages.success(request, _("Your answers are saved."))
    target = reverse("assessments:take", args=[attempt.pk])
    goto = request.POST.get("goto", "")
    if goto.isdecimal() and len(goto) <= 4:
        target += f"?q={goto}"
    return redirect(target)


@answer_when_database_fails(_send_again)
@require_POST
@login_required
def submit(request, attempt_id):
    """Hand the attempt in for marking. With questions unanswered, first a page that lists them
    by number and asks to confirm (the form's "confirm" field); a timed attempt past its
    deadline is handed in at once, as it would be anyway."""
    attempt = _own_attempt(request, attempt_id, content=False)
    if not attempt.is_submitted and not attempt.is_being_marked and not request.POST.get("confirm"):
        unanswered = services.unanswered_numbers(attempt)
        if unanswered and not services.time_is_up(attempt):
            return TemplateResponse(
                request,
                "assessments/confirm_submit.html",
                {
                    "attempt": attempt,
                    "title": attempt.quiz.title,
                    "unanswered": unanswered,
                    "total": len(attempt.layout),
                    "one_per_page": attempt.version.quiz_settings.get("one_per_page", False),
                },
            )
    services.hand_in(attempt=attempt)
    return redirect("assessments:review", attempt_id=attempt.pk)


def _being_marked(request, attempt):
    """The page between handing in and the result: the answers are in, and it looks again by
    itself every few seconds (a refresh, no script) until the task worker has marked them."""
    response = TemplateResponse(
        request,
        "assessments/being_marked.html",
        {"attempt": attempt, "quiz": attempt.quiz, "title": attempt.quiz.title},
    )
    waited = (timezone.now() - attempt.handed_in_at).total_seconds()
    refresh = next((wait for under, wait in MARKING_REFRESH if waited < under), None)
    response["Refresh"] = str(refresh or MARKING_REFRESH_AFTER)
    response["Cache-Control"] = "no-store"
    return response


@login_required
def review(request, attempt_id):
    """The result: passed or not, and why not (the critical questions missed, as far as the
    feedback rule allows), each answer marked right, partly right or wrong, and another try
    when the quiz allows one, with when it may start."""
    attempt = _own_attempt(request, attempt_id, content=False)
    attempt = services.mark_if_overdue(attempt)
    if attempt.is_being_marked:
        return _being_marked(request, attempt)
    if not attempt.is_submitted:
        return redirect("assessments:take", attempt_id=attempt.pk)
    scenarios = _questions(attempt)
    quiz = attempt.quiz
    allowance = None
    if not attempt.passed:
        attempts = list(quiz.attempts.filter(user=request.user))
        version = quiz.current_version
        if (
            version is not None
            and quiz.live
            and quiz_access.may_start(user=request.user, quiz=quiz)
        ):
            allowance = services.allowance(quiz=quiz, version=version, attempts=attempts)
    return TemplateResponse(
        request,
        "assessments/review.html",
        {
            "attempt": attempt,
            "quiz": quiz,
            "title": quiz.title,
            "reveal": services.feedback_visible(attempt),
            "scenarios": scenarios,
            "critical_misses": _critical_misses(attempt, scenarios),
            "try_again": allowance if allowance and allowance.may_try_again else None,
        },
    )


@access_required(can_view_quiz_analytics, refusal=Http404)
def quiz_analytics(request, quiz_id):
    """Item analysis for trainers and managers: a summary, the score distribution, the
    questions to look at, then each question's options and mastery by indicator and sector."""
    # Imported here so that matplotlib loads only for the pages that draw charts.
    from . import analytics_report

    quiz = get_object_or_404(Quiz, pk=quiz_id)
    versions = list(quiz.versions.order_by("-number"))
    version = next(
        (v for v in versions if str(v.number) == request.GET.get("version")),
        versions[0] if versions else None,
    )
    return TemplateResponse(
        request,
        "assessments/analytics.html",
        {
            "quiz": quiz,
            "title": quiz.title,
            "versions": versions,
            "version": version,
            **analytics_report.page(quiz=quiz, version=version, language=get_language()),
            "minimum_group_size": minimum_group_size(),
        },
    )
