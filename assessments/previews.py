"""Previews from the editor: a scenario, or a whole quiz, exactly as a trainee sees it on the take
page, in English or in Arabic. Nothing is saved: the version and the attempt below exist only
for the time of the render, and the preview shows neither keys nor feedback (the trainee does
not see them before answering).

The page is built by the take page's own code (`views._questions`, which turns an attempt into
the cases and questions the templates show) and templates (`assessments/_question.html`), so a
change to what trainees see shows in the preview too."""

import random

from django.shortcuts import render
from django.utils import translation

from . import services
from .models import Attempt, Quiz, QuizVersion, Scenario
from .views import _questions

# A scenario previewed on its own is shown as a quiz with the default settings would show it.
SCENARIO_SETTINGS = {
    "shuffle_questions": False,
    "shuffle_options": Quiz._meta.get_field("shuffle_options").default,
    "one_per_page": False,
    "feedback_timing": Quiz.Feedback.AFTER_SUBMISSION,
}


def serve_trainee_preview(request, *, obj, language: str):
    """The preview of `obj` (a Scenario or a Quiz, as it stands in the editor's form) in
    `language` ("en" or "ar"), as an HttpResponse rendered in that language."""
    language = language if language in ("en", "ar") else "en"
    if isinstance(obj, Scenario):
        scenarios, draw, settings = [obj.to_exchange()], [], SCENARIO_SETTINGS
        quiz, title = Quiz(), obj.title_ar if language == "ar" else obj.title_en
    else:
        scenarios, draw = quiz_scenarios(obj)
        settings = {field: getattr(obj, field) for field in services.SETTINGS_FIELDS}
        quiz, title = obj, obj.title_ar if language == "ar" else obj.title_en
    sector_draw = {}
    if isinstance(obj, Quiz) and obj.drawn_per_sector:
        # A form as the previewer's own sector would draw it (core + any without one).
        scenarios, sector_draw = services.sector_pool(obj)
    version = QuizVersion(
        quiz=quiz,
        scenarios=scenarios,
        draw_rules=draw,
        sector_draw=sector_draw,
        quiz_settings=settings,
    )
    layout = services.draw_layout(
        version,
        settings,
        random.SystemRandom(),
        sector=services.sector_code(request.user) if sector_draw else None,
    )
    unsaved = Attempt(user=request.user, quiz=quiz, version=version, number=0, layout=layout)
    with translation.override(language):
        request.LANGUAGE_CODE = language
        return render(
            request,
            "assessments/trainee_preview.html",
            {
                "title": title,
                "scenarios": _questions(unsaved),
                "empty": not layout,
                "after_question": settings["feedback_timing"] == Quiz.Feedback.AFTER_QUESTION,
            },
        )


def quiz_scenarios(quiz: Quiz) -> tuple[list[dict], list[dict]]:
    """The scenarios and draw rules the quiz would freeze if published now, read from the quiz
    as it stands in the form (its unsaved items and rules): the live scenarios of its fixed
    list, or every live scenario with a question a draw rule could draw
    (`services.freeze_version` keeps the same rule)."""
    rules = [rule for rule in quiz.draw_rules.all() if rule.tag_id]
    if rules:
        draw = [{"tag": rule.tag.code, "count": rule.count} for rule in rules]
        tags = {rule["tag"] for rule in draw}
        pool = Scenario.objects.filter(live=True).prefetch_related("roles", "tags")
        scenarios = [
            data
            for data in (scenario.to_exchange() for scenario in pool)
            if any(
                tags & set(services.question_tags({**q, "scenario_tags": data["tags"]}))
                for q in data["questions"]
            )
        ]
        return scenarios, draw
    items = sorted(quiz.items.all(), key=lambda item: item.sort_order or 0)
    # Once each: a quiz's questions are keyed by scenario and question code.
    live: dict[str, Scenario] = {}
    for item in items:
        if item.scenario_id and item.scenario.live:
            live.setdefault(item.scenario.code, item.scenario)
    return [scenario.to_exchange() for scenario in live.values()], []
