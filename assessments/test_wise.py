"""The test-wise baseline of a quiz version: the score of strategies that never read the cases.

Pure Python (no Django), like ``scoring``: the analytics page and the quiz editor call it on a
frozen version's questions. For a certificate others rely on, a trainee who guesses from the
options' form alone must not reach the pass mark; this measures how close such a trainee gets
(issue 12, section 0).

Two strategies, each answering every question as it would be shown:

- *heuristic* (test-wise): the longest option by its English text for single choice and
  true/false (the first shown on a tie); the first 70 % of multiple-response options as shown
  (rounded half up, at least one); for matching, each prompt gets the shown answer sharing most
  words with it, or when none shares a word the answer shown at the prompt's position; ordering
  at random.
- *random*: one option at random; each multiple-response option ticked with probability 1/2; a
  random order; each prompt matched to a random answer.

Both are averaged over ``shuffles`` draws of the option order the quiz would show: shuffled when
the quiz shuffles options, the written order otherwise; ordering and matching answers are always
shown shuffled (as ``services.draw_layout`` shows them). Every question given is answered: for a
version with draw rules the caller passes the whole pool, so the figure is the pool's. A final
drawn per sector has one figure per sector (``sector_baselines``): each sector's forms are drawn
from its own and the core scenarios as ``drawing`` draws them, and the figure averages over
draws and shuffles. Deterministic for a given ``seed``.
"""

import functools
import random
import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from assessments import drawing
from assessments.scoring import CURRENT_RULES, score_attempt
from assessments.vocabulary import MATCHING, MULTIPLE_RESPONSE, ORDERING

__all__ = ["Baseline", "ItemGiveaway", "baseline", "sector_baselines"]

SHUFFLES = 200
MULTIPLE_RESPONSE_SHARE = Decimal("0.7")
_PLACES = Decimal("0.01")
# Words too common to tie a prompt to an answer.
_STOP_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "by",
        "for",
        "from",
        "has",
        "have",
        "he",
        "her",
        "his",
        "in",
        "is",
        "it",
        "its",
        "of",
        "on",
        "or",
        "she",
        "the",
        "their",
        "they",
        "to",
        "was",
        "were",
        "with",
    ]
)


@dataclass(frozen=True)
class ItemGiveaway:
    """How much one question gives away: mean credit (percent of its points) of each strategy
    there, and the heuristic's lead over random. ``index`` is the question's position in the
    list given (0-based)."""

    index: int
    heuristic: Decimal
    random: Decimal
    lead: Decimal


@dataclass(frozen=True)
class Baseline:
    """Mean attempt percent of each strategy (2 places, half up), and every question ordered by
    the heuristic's lead over random, largest first (then by position)."""

    heuristic: Decimal
    random: Decimal
    items: tuple[ItemGiveaway, ...]

    def reaches(self, pass_mark) -> bool:
        """Whether the test-wise heuristic alone reaches ``pass_mark``."""
        return self.heuristic >= Decimal(str(pass_mark))


def baseline(
    *,
    questions: list[dict],
    shuffle_options: bool,
    rules: int = CURRENT_RULES,
    shuffles: int = SHUFFLES,
    seed: int = 0,
) -> Baseline:
    """The test-wise baseline of ``questions`` (exchange-format dicts, in quiz order) scored
    under rules edition ``rules``. Raises ValueError for malformed questions (as the scorer)."""
    if not questions:
        return Baseline(heuristic=Decimal(0), random=Decimal(0), items=())
    table = _scores(questions, shuffle_options, rules, shuffles, seed)
    everything = list(range(len(questions)))
    return _summary(questions, table, [(shown, everything) for shown in range(shuffles)])


def sector_baselines(
    *,
    scenarios: list[dict],
    sector_draw: dict,
    shuffle_options: bool,
    rules: int = CURRENT_RULES,
    shuffles: int = SHUFFLES,
    seed: int = 0,
) -> dict[str, Baseline]:
    """The test-wise baseline of each sector's form of a per-sector draw (``drawing``), by
    sector code in the order of ``sector_draw["roles"]``: ``shuffles`` forms drawn as a first
    attempt draws them (no scenario seen yet), each shown in one of the ``shuffles`` option
    orders, so the figure averages over draws and shuffles. ``scenarios`` is the pool in the
    exchange format; an item's ``index`` is its question's position in the pool's questions,
    scenario by scenario. Each question is scored once per option order, whatever the number
    of sectors."""
    questions = [question for scenario in scenarios for question in scenario["questions"]]
    sectors = list(sector_draw.get("roles", {}))
    if not questions:
        return {sector: baseline(questions=[], shuffle_options=False) for sector in sectors}
    table = _scores(questions, shuffle_options, rules, shuffles, seed)
    positions: dict[str, list[int]] = {}
    start = 0
    for scenario in scenarios:
        positions[scenario["code"]] = list(range(start, start + len(scenario["questions"])))
        start += len(scenario["questions"])
    result = {}
    for sector in sectors:
        rng = random.Random(f"{seed}:{sector}")
        forms = []
        for shown in range(shuffles):
            drawn = drawing.draw_scenarios(
                scenarios, sector_draw=sector_draw, sector=sector, seen={}, rng=rng
            )
            forms.append((shown, [i for code in drawn for i in positions[code]]))
        result[sector] = _summary(questions, table, forms)
    return result


def _scores(questions, shuffle_options, rules, shuffles, seed) -> dict[str, list[list[Decimal]]]:
    """Each strategy's score on each question in each of ``shuffles`` option orders:
    ``table[strategy][order][question]``. An answer given again is not scored again: most
    questions offer few distinct answers, and scoring is what takes time."""
    rng = random.Random(seed)
    scored: dict[tuple, Decimal] = {}

    def score(index, answer) -> Decimal:
        key = (index, _hashable(answer))
        if key not in scored:
            scored[key] = score_attempt(
                [questions[index]], [answer], 100, rules=rules
            ).question_scores[0]
        return scored[key]

    table: dict[str, list[list[Decimal]]] = {"heuristic": [], "random": []}
    for _ in range(shuffles):
        shown = [_shown(question, shuffle_options, rng) for question in questions]
        answers = {
            "heuristic": [
                _heuristic(q, codes, rng) for q, codes in zip(questions, shown, strict=True)
            ],
            "random": [_random(q, codes, rng) for q, codes in zip(questions, shown, strict=True)],
        }
        for name, given in answers.items():
            table[name].append([score(i, answer) for i, answer in enumerate(given)])
    return table


def _hashable(answer):
    return tuple(sorted(answer.items())) if isinstance(answer, dict) else tuple(answer)


def _summary(questions, table, forms: list[tuple[int, list[int]]]) -> Baseline:
    """The mean of each strategy over ``forms`` (an option order of ``table`` and the questions
    drawn with it), and each question's mean credit over the forms that held it."""
    points = [Decimal(str(q.get("points", 1))) for q in questions]
    totals = {"heuristic": Decimal(0), "random": Decimal(0)}
    credit = {name: [Decimal(0)] * len(questions) for name in totals}
    held = [0] * len(questions)
    for shown, indexes in forms:
        for i in indexes:
            held[i] += 1
        for name in totals:
            scores = table[name][shown]
            totals[name] += _percent(
                sum((scores[i] for i in indexes), Decimal(0)), sum(points[i] for i in indexes)
            )
            for i in indexes:
                credit[name][i] += scores[i] / points[i]
    means = {name: _mean(total, len(forms)) for name, total in totals.items()}
    items = []
    for i in range(len(questions)):
        if not held[i]:
            continue
        heuristic = _mean(credit["heuristic"][i] * 100, held[i])
        chance = _mean(credit["random"][i] * 100, held[i])
        items.append(ItemGiveaway(i, heuristic, chance, heuristic - chance))
    items.sort(key=lambda item: (-item.lead, item.index))
    return Baseline(heuristic=means["heuristic"], random=means["random"], items=tuple(items))


def _percent(scored: Decimal, possible: Decimal) -> Decimal:
    """An attempt's percent as ``scoring.score_attempt`` rounds it: exact, half up, 2 places."""
    if not possible:
        return Decimal("0.00")
    ratio = Fraction(scored) * 100 / Fraction(possible)
    whole, remainder = divmod(ratio.numerator * 100, ratio.denominator)
    if 2 * remainder >= ratio.denominator:
        whole += 1
    return Decimal(whole).scaleb(-2)


def _mean(total: Decimal, count: int) -> Decimal:
    return (total / count).quantize(_PLACES, rounding=ROUND_HALF_UP)


def _shown(question: dict, shuffle_options: bool, rng: random.Random) -> list[str]:
    """The option (or, for matching, answer) codes in the order a trainee would see them."""
    if question["type"] == MATCHING:
        codes = _matching_choices(question)
        rng.shuffle(codes)
        return codes
    codes = [option["code"] for option in question["options"]]
    if shuffle_options or question["type"] == ORDERING:
        rng.shuffle(codes)
    return codes


def _matching_choices(question: dict) -> list[str]:
    codes = [pair["answer"]["code"] for pair in question["pairs"]]
    codes += [spare["code"] for spare in question.get("spare_answers", [])]
    return list(dict.fromkeys(codes))


def _english(text) -> str:
    return text.get("en", "") if isinstance(text, dict) else str(text or "")


def _words(text) -> frozenset[str]:
    return _word_set(_english(text))


@functools.lru_cache(maxsize=4096)
def _word_set(text: str) -> frozenset[str]:
    # Cached: the same prompts and answers are compared once per option order.
    return frozenset(w for w in re.findall(r"\w+", text.lower()) if w not in _STOP_WORDS)


def _heuristic(question: dict, shown: list[str], rng: random.Random):
    kind = question["type"]
    if kind == ORDERING:
        order = list(shown)
        rng.shuffle(order)
        return order
    if kind == MATCHING:
        texts = {pair["answer"]["code"]: pair["answer"].get("text") for pair in question["pairs"]}
        texts.update({s["code"]: s.get("text") for s in question.get("spare_answers", [])})
        answer_words = {code: _words(texts.get(code)) for code in shown}
        matches = {}
        for position, pair in enumerate(question["pairs"]):
            prompt = _words(pair.get("prompt"))
            best = max(shown, key=lambda code: len(prompt & answer_words[code]))
            if not prompt & answer_words[best]:
                best = shown[position % len(shown)]
            matches[pair["code"]] = best
        return matches
    if kind == MULTIPLE_RESPONSE:
        count = int((len(shown) * MULTIPLE_RESPONSE_SHARE).to_integral_value(ROUND_HALF_UP))
        return shown[: max(1, count)]
    # Single choice and true/false: max keeps the first shown of the longest.
    lengths = {option["code"]: len(_english(option.get("text"))) for option in question["options"]}
    return [max(shown, key=lambda code: lengths[code])]


def _random(question: dict, shown: list[str], rng: random.Random):
    kind = question["type"]
    if kind == ORDERING:
        order = list(shown)
        rng.shuffle(order)
        return order
    if kind == MATCHING:
        return {pair["code"]: rng.choice(shown) for pair in question["pairs"]}
    if kind == MULTIPLE_RESPONSE:
        return [code for code in shown if rng.random() < 0.5]
    return [rng.choice(shown)]
