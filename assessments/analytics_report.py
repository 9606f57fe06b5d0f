"""The quiz analytics page's content, in the reader's language: a summary first, the score
distribution as a chart, the questions to look at, then each question's detail and mastery by
indicator and sector, with names (never codes) and every figure formatted by `lms.numbers`.

The figures come from `analytics` (database aggregates, suppressed for small groups), through
`analytics_figures`, which keeps them at a large programme; this module only names and formats
them, in a fixed number of queries: the summary, the item statistics, the
option counts, mastery, and the names of the tags and sectors it shows.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from lms import charts
from lms.bilingual import exchange_text_in_active_language
from lms.numbers import format_number, format_percent
from lms.people.models import Sector

from . import analytics, analytics_figures, baselines, test_wise
from .models import Quiz, QuizVersion, Tag
from .services import questions_by_key


@dataclass(frozen=True)
class OptionLine:
    text: str
    verdict: str  # "correct", "incorrect", "partial" or "" (ordering and matching)
    verdict_label: str
    chosen: str  # times chosen, formatted ("" where counts mean nothing)
    share: str  # share of the responses, formatted


@dataclass(frozen=True)
class QuestionLine:
    key: str
    number: int
    stem: str
    scenario: str
    critical: bool
    suppressed: object  # FewerThan or None
    people: str
    full_marks: str  # share of attempts with full marks, as a percent
    difficulty: str  # the same share as the 0..1 index of item analysis
    discrimination: str
    weak: bool
    missed: bool
    options: tuple[OptionLine, ...]


@dataclass(frozen=True)
class GiveawayLine:
    number: int | None  # None in a drawn final, where a question has no fixed number
    stem: str
    heuristic: str
    random: str
    scenario: str = ""


@dataclass(frozen=True)
class SectorBaselineLine:
    sector: str
    heuristic: str
    random: str
    reaches: bool


@dataclass(frozen=True)
class BaselineSection:
    heuristic: str  # empty for a final drawn per sector: its figures are per sector
    random: str
    pass_mark: str
    reaches: bool  # on any sector's form, for a final drawn per sector
    items: tuple[GiveawayLine, ...]
    sectors: tuple[SectorBaselineLine, ...] = ()


@dataclass(frozen=True)
class MasteryLine:
    tag: str
    sector: str
    people: str
    responses: str
    mastery: str
    suppressed: object


def page(*, quiz: Quiz, version: QuizVersion | None, language: str) -> dict:
    """Template context of the analytics page for `version` of `quiz` (None: no version yet)."""
    if version is None:
        return {
            "summary": None,
            "questions": [],
            "mastery": [],
            "charts": {},
            "test_wise": None,
        }
    figures = analytics_figures.figures(quiz=quiz, version=version)
    summary, stats = figures.summary, figures.stats
    questions = _question_lines(version, stats, language)
    by_key = {line.key: line for line in questions}
    mastery, heat_map = _mastery(figures.mastery, language)
    return {
        # Kept figures say when they were computed (analytics_figures.py).
        "figures_as_of": figures.computed_at if figures.kept else None,
        "summary": summary,
        "figures": _summary_figures(summary, language),
        "questions": questions,
        "weak": [by_key[s.key] for s in analytics.weakly_discriminating(stats)],
        "missed": [by_key[s.key] for s in analytics.mostly_missed(stats)],
        "critical_missed": [q for q in questions if q.critical and q.missed],
        "distribution": _distribution(summary, language),
        "mastery": mastery,
        "heat_map": heat_map,
        "weak_threshold": format_number(
            analytics.WEAK_DISCRIMINATION, language=language, decimals=1
        ),
        "test_wise": test_wise_section(version, language),
    }


# The items that give most away, as many as a reader can act on at once.
GIVEAWAY_ITEMS = 5


def test_wise_section(version: QuizVersion, language: str) -> BaselineSection:
    """The version's test-wise baseline (assessments/test_wise.py) under the settings and
    scoring rules it was published with, with the questions that give most away named by
    number and stem (never codes). No queries: the version carries everything. A final drawn
    per sector has a figure per sector (`sector_section`)."""
    if version.sector_draw:
        return sector_section(version, language)
    questions = list(questions_by_key(version.scenarios).values())
    settings = version.quiz_settings
    result = test_wise.baseline(
        questions=questions,
        shuffle_options=bool(settings.get("shuffle_options")),
        rules=version.scoring_rules,
    )
    pass_mark = settings.get("pass_mark", "0")
    return BaselineSection(
        heuristic=format_percent(result.heuristic, language=language, decimals=1),
        random=format_percent(result.random, language=language, decimals=1),
        pass_mark=format_percent(Decimal(str(pass_mark)), language=language),
        reaches=result.reaches(pass_mark),
        items=tuple(
            GiveawayLine(
                number=item.index + 1,
                stem=exchange_text_in_active_language(questions[item.index].get("stem")),
                heuristic=format_percent(item.heuristic, language=language),
                random=format_percent(item.random, language=language),
            )
            for item in result.items[:GIVEAWAY_ITEMS]
            if item.lead > 0
        ),
    )


def sector_section(version: QuizVersion, language: str) -> BaselineSection:
    """A per-sector final's baseline: each sector's forms (its own and the core scenarios, as
    drawn for a first attempt) averaged over draws and shuffles, sectors by name (one query),
    and the pool's questions that give most away, named by their case and stem."""
    settings = version.quiz_settings
    pass_mark = settings.get("pass_mark", "0")
    results = baselines.sector_baselines(
        scenarios=version.scenarios,
        sector_draw=version.sector_draw,
        shuffle_options=bool(settings.get("shuffle_options")),
        rules=version.scoring_rules,
    )
    names = {
        sector.code: sector.name
        for sector in Sector.objects.filter(code__in=list(results)).only(
            "code", "name_en", "name_ar"
        )
    }
    questions = [
        (scenario, question) for scenario in version.scenarios for question in scenario["questions"]
    ]
    # A question's figures are the same on every form that holds it: keep the first found.
    giveaways = {}
    for result in results.values():
        for item in result.items:
            giveaways.setdefault(item.index, item)
    ranked = sorted(giveaways.values(), key=lambda item: (-item.lead, item.index))
    return BaselineSection(
        heuristic="",
        random="",
        pass_mark=format_percent(Decimal(str(pass_mark)), language=language),
        reaches=any(result.reaches(pass_mark) for result in results.values()),
        items=tuple(
            GiveawayLine(
                number=None,
                stem=exchange_text_in_active_language(questions[item.index][1].get("stem")),
                heuristic=format_percent(item.heuristic, language=language),
                random=format_percent(item.random, language=language),
                scenario=exchange_text_in_active_language(questions[item.index][0].get("title")),
            )
            for item in ranked[:GIVEAWAY_ITEMS]
            if item.lead > 0
        ),
        sectors=tuple(
            SectorBaselineLine(
                sector=names.get(code, code),
                heuristic=format_percent(result.heuristic, language=language, decimals=1),
                random=format_percent(result.random, language=language, decimals=1),
                reaches=result.reaches(pass_mark),
            )
            for code, result in results.items()
        ),
    )


def _summary_figures(summary, language) -> list[tuple[str, str]]:
    if summary.suppressed is not None:
        return [(_("Attempts"), format_number(summary.attempts, language=language))]
    return [
        (_("Attempts"), format_number(summary.attempts, language=language)),
        (_("People"), format_number(summary.people, language=language)),
        (_("Pass rate"), format_percent(summary.pass_rate, language=language)),
        (_("Mean score"), format_percent(summary.mean, language=language)),
        (
            _("Spread (standard deviation)"),
            format_number(summary.spread, language=language, decimals=1),
        ),
        (
            _("Attempts failing a critical question"),
            format_number(summary.critical_failures, language=language),
        ),
    ]


def _distribution(summary, language):
    if summary.suppressed is not None or not summary.attempts:
        return None
    bands = [
        # A score band joined by an en dash written as itself: gettext's extractor keeps an
        # escape (backslash-u-2013) as six characters, which would never match the catalogue.
        _("%(low)s–%(high)s")  # noqa: RUF001
        % {
            "low": format_number(low, language=language),
            "high": format_percent(low + 9 if low < 90 else 100, language=language),
        }
        for low in analytics.BANDS
    ]
    return charts.grouped_bars(
        title=_("Score distribution"),
        categories=bands,
        series=[charts.Series(_("Attempts"), list(summary.bands))],
        language=language,
        value_label=_("Attempts"),
        category_label=_("Score"),
    )


def _question_lines(version, stats, language) -> list[QuestionLine]:
    questions = questions_by_key(version.scenarios)
    titles = {
        s["code"]: exchange_text_in_active_language(s.get("title")) for s in version.scenarios
    }
    order = {key: index for index, key in enumerate(questions)}
    lines = []
    for item in sorted(stats, key=lambda s: order.get(s.key, len(order))):
        question = questions.get(item.key, {})
        missed = item.difficulty is not None and item.difficulty < analytics.MOSTLY_MISSED
        weak = (
            item.discrimination is not None and item.discrimination < analytics.WEAK_DISCRIMINATION
        )
        lines.append(
            QuestionLine(
                key=item.key,
                number=order.get(item.key, len(order)) + 1,
                stem=exchange_text_in_active_language(question.get("stem")),
                scenario=titles.get(question.get("scenario"), ""),
                critical=bool(question.get("critical")),
                suppressed=item.suppressed,
                people=format_number(item.people, language=language),
                full_marks=format_percent(
                    None if item.difficulty is None else item.difficulty * 100, language=language
                ),
                difficulty=format_number(item.difficulty, language=language, decimals=2),
                discrimination=format_number(item.discrimination, language=language, decimals=2),
                weak=weak,
                missed=missed,
                options=_options(question, item, language),
            )
        )
    return lines


def _options(question, item, language) -> tuple[OptionLine, ...]:
    """Each option named in the page's language, marked correct, incorrect or partial credit,
    with how often it was chosen. Ordering lists its items in the correct order and matching its
    right pairs: every response places every item, so counts would say nothing."""
    if item.suppressed is not None:
        return ()
    if question.get("type") == "ordering":
        return tuple(
            OptionLine(
                text=exchange_text_in_active_language(option["text"]),
                verdict="",
                verdict_label=_("position %(n)s") % {"n": format_number(n, language=language)},
                chosen="",
                share="",
            )
            for n, option in enumerate(question.get("options", []), start=1)
        )
    if "pairs" in question:
        return tuple(
            OptionLine(
                text=_("%(prompt)s → %(answer)s")
                % {
                    "prompt": exchange_text_in_active_language(pair["prompt"]),
                    "answer": exchange_text_in_active_language(pair["answer"]["text"]),
                },
                verdict="correct",
                verdict_label=_("right pair"),
                chosen="",
                share="",
            )
            for pair in question["pairs"]
        )
    lines = []
    for option in question.get("options", []):
        times = item.options.get(option["code"], 0)
        weight = option.get("weight")
        if weight is not None and 0 < float(weight) < 100:
            verdict, label = (
                "partial",
                _("partial credit %(weight)s")
                % {"weight": format_percent(weight, language=language)},
            )
        elif (weight is not None and float(weight) >= 100) or option.get("correct"):
            verdict, label = "correct", _("correct")
        else:
            verdict, label = "incorrect", _("incorrect")
        lines.append(
            OptionLine(
                text=exchange_text_in_active_language(option["text"]),
                verdict=verdict,
                verdict_label=label,
                chosen=format_number(times, language=language),
                share=format_percent(
                    100 * times / item.responses if item.responses else None, language=language
                ),
            )
        )
    return tuple(lines)


def _mastery(rows, language):
    """Detail lines and the heat map, with the indicators' and sectors' names."""
    tag_names = {
        tag.code: tag.name
        for tag in Tag.objects.filter(code__in={row["tag"] for row in rows}).only(
            "code", "name_en", "name_ar"
        )
    }
    sector_names = {
        sector.code: sector.name
        for sector in Sector.objects.filter(code__in={row["sector"] for row in rows}).only(
            "code", "name_en", "name_ar"
        )
    }
    no_sector = _("No sector")
    lines = [
        MasteryLine(
            tag=tag_names.get(row["tag"], row["tag"]),
            sector=sector_names.get(row["sector"], no_sector),
            people=str(row["suppressed"])
            if row["suppressed"]
            else format_number(row["people"], language=language),
            responses=format_number(row["responses"], language=language),
            mastery=format_percent(
                None if row["mastery"] is None else row["mastery"] * 100, language=language
            ),
            suppressed=row["suppressed"],
        )
        for row in rows
    ]
    if not rows:
        return lines, None
    tags = sorted({line.tag for line in lines})
    sectors = sorted({line.sector for line in lines})
    cells = {
        (line.tag, line.sector): None if row["mastery"] is None else float(row["mastery"]) * 100
        for line, row in zip(lines, rows, strict=True)
    }
    heat_map = charts.heat_map(
        title=_("Mastery by indicator and sector"),
        rows=tags,
        columns=sectors,
        values=[[cells.get((tag, sector)) for sector in sectors] for tag in tags],
        language=language,
        category_label=_("Indicator"),
        missing_label=_("not shown"),
    )
    return lines, heat_map
