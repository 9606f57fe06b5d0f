"""The words the question bank is written in: question types, scoring modes and the shape of a
code. Declared once here and imported by scoring, the exchange format, the models, the
StreamField blocks and the presenters, so that adding a question type or a scoring mode is one
change that every reader sees.

Pure Python (standard library only), like `assessments.scoring`, which imports it.
"""

import re

SINGLE_CHOICE = "single_choice"
TRUE_FALSE = "true_false"
MULTIPLE_RESPONSE = "multiple_response"
ORDERING = "ordering"
MATCHING = "matching"

# In the order the exchange format documents them (and error messages list them).
QUESTION_TYPES: tuple[str, ...] = (SINGLE_CHOICE, TRUE_FALSE, MULTIPLE_RESPONSE, ORDERING, MATCHING)
# One option is chosen; options may carry a weight (0..100) instead of `correct`.
SINGLE_ANSWER_TYPES = frozenset({SINGLE_CHOICE, TRUE_FALSE})
# Options are marked `correct` (ordering is keyed by the options' order, matching by its pairs).
CORRECT_FLAG_TYPES = SINGLE_ANSWER_TYPES | {MULTIPLE_RESPONSE}

PARTIAL = "partial"
ALL_OR_NOTHING = "all_or_nothing"
SCORING_MODES: tuple[str, ...] = (PARTIAL, ALL_OR_NOTHING)
DEFAULT_SCORING = PARTIAL

# Scenario, question, option and quiz codes: stable ASCII, e.g. SCN-HL-001, Q1, A.
CODE_PATTERN = r"[A-Z0-9][A-Z0-9-]*"
CODE = re.compile(CODE_PATTERN)

# What storage holds: a scenario's code column, and the StreamField blocks' question, option, pair
# and answer codes. The exchange checker refuses longer codes with their line, rather than let
# the database or the block refuse them later.
SCENARIO_CODE_MAX_LENGTH = 40
ITEM_CODE_MAX_LENGTH = 20

# Fewer entries than this cannot discriminate: one option to tick, or one prompt to match.
MINIMUM_OPTIONS = {MULTIPLE_RESPONSE: 2}
MINIMUM_PAIRS = 2
