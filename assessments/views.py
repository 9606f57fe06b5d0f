import random

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cms import content_warnings
from cms.content_warnings import ContentWarning
from lms.bilingual import exchange_text_in_active_language
from lms.people.access import access_required
from lms.small_groups import minimum_group_size

from . import quiz_access, services
from .access import can_view_quiz_analytics
from .models import Attempt, Quiz, Tag
from .presenters import parse_answer, present


def _live_quiz(quiz_id):
    quiz = Quiz.objects.filter(pk=quiz_id, live=True).first()
    if quiz is None or quiz.current_version is None:
        raise Http404
    return quiz


def _own_attempt(request, attempt_id):
    # Someone else's attempt is a 404: ids confirm nothing.
    return get_object_or_404(
        Attempt.objects.select_related("quiz", "version"), pk=attempt_id, user=request.user
    )


@login_required
def quiz_detail(request, quiz_id):
    quiz = _live_quiz(quiz_id)
    attempts = list(quiz.attempts.filter(user=request.user).order_by("number"))
    return TemplateResponse(
        request,
        "assessments/quiz_detail.html",
        {
            "quiz": quiz,
            "title": quiz.title,
            "attempts": attempts,
            "open_attempt": next((a for a in attempts if not a.is_submitted), None),
            "may_start": quiz_access.may_start(user=request.user, quiz=quiz),
            "may_preview": quiz_access.may_preview(request.user),
        },
    )


def _refused(request, quiz, reason):
    return TemplateResponse(
        request,
        "assessments/not_eligible.html",
        {
            "quiz": quiz,
            "title": quiz.title,
            "reason": reason,
            "may_preview": quiz_access.may_preview(request.user),
        },
        status=403,
    )


@require_POST
@login_required
def start(request, quiz_id):
    quiz = _live_quiz(quiz_id)
    try:
        services.ensure_may_start(user=request.user, quiz=quiz)
    except services.NotEligible as error:
        return _refused(request, quiz, str(error))
    try:
        attempt = services.start_attempt(user=request.user, quiz=quiz)
    except services.AssessmentError as error:
        messages.error(request, str(error))
        return redirect("assessments:quiz", quiz_id=quiz.pk)
    return redirect("assessments:take", attempt_id=attempt.pk)


def _questions(attempt, *, reveal_all=False):
    questions = services.questions_by_key(attempt.version.scenarios)
    scenarios = {s["code"]: s for s in attempt.version.scenarios}
    scores = {}
    if attempt.is_submitted:
        scores = dict(attempt.results.values_list("key", "score"))
    tag_names = {}
    if attempt.is_submitted:
        tag_names = {tag.code: tag.name for tag in Tag.objects.only("code", "name_en", "name_ar")}
    groups = []
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
        view["locked"] = item["key"] in attempt.locked_keys
        if reveal and tag_names:
            view["tags"] = [
                (code, tag_names.get(code, code)) for code in services.question_tags(question)
            ]
        scenario = scenarios[question["scenario"]]
        if not groups or groups[-1]["code"] != scenario["code"]:
            groups.append(
                {
                    "code": scenario["code"],
                    "title": exchange_text_in_active_language(scenario["title"]),
                    "case_text": exchange_text_in_active_language(scenario["case_text"]),
                    "content_warning": scenario.get("content_warning", ContentWarning.NONE.value),
                    "has_content_warning": scenario.get("content_warning", ContentWarning.NONE)
                    != ContentWarning.NONE,
                    "questions": [],
                }
            )
        groups[-1]["questions"].append(view)
    return groups


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


def _case_warning(request, attempt, scenario, *, page):
    if scenario["content_warning"] == ContentWarning.DESCRIBES_VIOLENCE:
        summary = _(
            "The next case describes violence or sexual exploitation, without graphic detail."
        )
    else:
        summary = _("The next case mentions abuse.")
    return content_warnings.warning_screen(
        request,
        summary=summary,
        detail=scenario["title"],
        advice=_(
            "The case is fictional. Your answers so far are saved: you can stop now and come "
            "back to this attempt later."
        ),
        continue_value=f"{attempt.pk}:{scenario['code']}",
        keep_query={} if page is None else {"q": page},
        back_url=reverse("assessments:quiz", args=[attempt.quiz_id]),
        context={"attempt": attempt},
    )


@login_required
def take(request, attempt_id):
    attempt = _own_attempt(request, attempt_id)
    if attempt.is_submitted:
        return redirect("assessments:review", attempt_id=attempt.pk)
    scenarios = _questions(attempt)
    one_per_page = attempt.version.quiz_settings.get("one_per_page", False)
    page = _page_number(request, len(attempt.layout)) if one_per_page else None
    if page is not None:
        scenarios = [
            {**scenario, "questions": [q for q in scenario["questions"] if q["index"] == page]}
            for scenario in scenarios
        ]
        scenarios = [scenario for scenario in scenarios if scenario["questions"]]
    # A case with a content warning is shown only after the trainee chose to continue.
    pending = [
        s
        for s in scenarios
        if s["has_content_warning"]
        and not content_warnings.warning_accepted(
            request,
            key=f"attempt:{attempt.pk}:{s['code']}",
            continue_value=f"{attempt.pk}:{s['code']}",
        )
    ]
    if pending:
        return _case_warning(request, attempt, pending[0], page=page)
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
    raw = request.GET.get("q", "0")
    number = int(raw) if raw.isdigit() else 0
    return min(number, count - 1)


@require_POST
@login_required
def save(request, attempt_id):
    """Saves the answers in the form (all of them, or the one whose "check" was pressed)."""
    attempt = _own_attempt(request, attempt_id)
    questions = services.questions_by_key(attempt.version.scenarios)
    only = request.POST.get("check")
    problems = []
    saved = 0
    for index, item in enumerate(attempt.layout):
        if only is not None and only != str(index):
            continue
        if item["key"] in attempt.locked_keys:
            continue
        answer = parse_answer(questions[item["key"]], item, request.POST, index)
        if answer is None or answer == attempt.answers.get(item["key"]):
            continue
        try:
            attempt = services.save_answer(
                attempt=attempt, user=request.user, key=item["key"], answer=answer
            )
            saved += 1
        except services.AssessmentError as error:
            problems.append(str(error))
            if Attempt.objects.filter(pk=attempt.pk, submitted_at__isnull=False).exists():
                break
    if request.headers.get("X-Requested-With") == "fetch":
        status = 400 if problems else 200
        return JsonResponse({"saved": saved, "problems": problems}, status=status)
    for problem in dict.fromkeys(problems):
        messages.error(request, problem)
    if not problems:
        messages.success(request, _("Your answers are saved."))
    if request.POST.get("submit") and not problems:
        return submit(request, attempt_id)
    target = reverse("assessments:take", args=[attempt.pk])
    if request.POST.get("goto", "").isdigit():
        target += f"?q={request.POST['goto']}"
    return redirect(target)


@require_POST
@login_required
def submit(request, attempt_id):
    attempt = _own_attempt(request, attempt_id)
    services.submit_attempt(attempt=attempt)
    return redirect("assessments:review", attempt_id=attempt.pk)


@login_required
def review(request, attempt_id):
    attempt = _own_attempt(request, attempt_id)
    if not attempt.is_submitted:
        return redirect("assessments:take", attempt_id=attempt.pk)
    return TemplateResponse(
        request,
        "assessments/review.html",
        {
            "attempt": attempt,
            "quiz": attempt.quiz,
            "title": attempt.quiz.title,
            "reveal": services.feedback_visible(attempt),
            "scenarios": _questions(attempt),
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
