"""Questions of a scenario, as StreamField blocks whose values map one-to-one onto the exchange
format of docs/exchange-format.md (see `Scenario.to_exchange`).

Codes may be left blank while writing: on save each block's `clean` gives a blank question code
the next free Q1, Q2, …, a blank option code the next free letter (T and F first for true or
false), a blank pair code P1, P2, … and a blank answer code M1, M2, … (a pair whose answer reads
as another pair's shares its code), never one already used in the same list. Codes written by
hand are kept."""

from collections.abc import Iterable, Iterator
from itertools import count, product
from string import ascii_uppercase

from django import forms
from django.core.exceptions import ValidationError
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError

from .tag_picker import TagPicker, tag_code_choices
from .vocabulary import (
    ALL_OR_NOTHING,
    DEFAULT_SCORING,
    ITEM_CODE_MAX_LENGTH,
    MATCHING,
    MULTIPLE_RESPONSE,
    ORDERING,
    PARTIAL,
    QUESTION_TYPES,
    SCORING_MODES,
    SINGLE_CHOICE,
    TRUE_FALSE,
)

CODE_HELP = _("Stable ASCII code, e.g. Q1 or A. Leave blank to have the next free one assigned.")
SCORING_LABELS = {PARTIAL: _("Partial credit"), ALL_OR_NOTHING: _("All or nothing")}
# English and Arabic fields side by side (assessments/static/assessments/editor.css).
BILINGUAL_FORM = "struct-block himaya-bilingual"


def split_codes(value: str) -> list[str]:
    return [code for code in value.replace(",", " ").split() if code]


def letters() -> Iterator[str]:
    """A, B, …, Z, AA, AB, …"""
    for size in count(1):
        for letters_ in product(ascii_uppercase, repeat=size):
            yield "".join(letters_)


def numbered(prefix: str) -> Iterator[str]:
    return (f"{prefix}{number}" for number in count(1))


def next_free(candidates: Iterable[str], taken: set[str]) -> str:
    """The first candidate not taken, which is then taken."""
    code = next(code for code in candidates if code not in taken)
    taken.add(code)
    return code


def fill_codes(entries, *, field: str, candidates) -> None:
    """Give every entry whose `field` is blank the next free code from `candidates`."""
    taken = {entry[field] for entry in entries if entry[field]}
    for entry in entries:
        if not entry[field]:
            entry[field] = next_free(candidates(), taken)


class ArabicTextBlock(blocks.TextBlock):
    """A text field for Arabic: written right to left whatever the admin's language."""

    @cached_property
    def field(self):
        field = super().field
        field.widget.attrs.update({"dir": "rtl", "lang": "ar"})
        return field


class TagCodesBlock(blocks.FieldBlock):
    """Taxonomy codes, stored as text separated by spaces (the exchange format's list joined),
    chosen in the tag picker (`assessments.tag_picker`): grouped by framework, searchable,
    named in the editor's language. Every code must exist."""

    def __init__(self, **kwargs):
        self.field = forms.MultipleChoiceField(
            required=False, choices=tag_code_choices, widget=TagPicker()
        )
        super().__init__(**kwargs)

    def value_for_form(self, value):
        return split_codes(value or "")

    def value_from_form(self, value):
        return " ".join(value or [])

    def to_python(self, value):
        return value or ""

    def get_prep_value(self, value):
        return value or ""

    def clean(self, value):
        # why here: the models import these blocks (a scenario's questions are a StreamField).
        from .models import Tag

        codes = split_codes(value or "")
        unknown = sorted(
            set(codes) - set(Tag.objects.filter(code__in=codes).values_list("code", flat=True))
        )
        if unknown:
            raise ValidationError(_("Unknown tag codes: %(codes)s") % {"codes": ", ".join(unknown)})
        return " ".join(codes)


class OptionBlock(blocks.StructBlock):
    code = blocks.CharBlock(
        label=_("Code"), max_length=ITEM_CODE_MAX_LENGTH, required=False, help_text=CODE_HELP
    )
    text_en = blocks.TextBlock(label=_("Text (English)"))
    text_ar = ArabicTextBlock(label=_("Text (Arabic)"))
    correct = blocks.BooleanBlock(label=_("Correct"), required=False)
    weight = blocks.IntegerBlock(
        label=_("Weight (0 to 100)"),
        required=False,
        min_value=0,
        max_value=100,
        help_text=_("Single choice only: best 100, acceptable e.g. 50, harmful 0."),
    )
    tags = TagCodesBlock(label=_("Tags"))
    feedback_en = blocks.TextBlock(label=_("Feedback (English)"), required=False)
    feedback_ar = ArabicTextBlock(label=_("Feedback (Arabic)"), required=False)

    class Meta:
        form_classname = BILINGUAL_FORM


class PairBlock(blocks.StructBlock):
    """A prompt and the answer it matches. Tags and feedback are optional and default to empty,
    so pairs stored before they existed still load."""

    code = blocks.CharBlock(
        label=_("Prompt code"), max_length=ITEM_CODE_MAX_LENGTH, required=False, help_text=CODE_HELP
    )
    prompt_en = blocks.TextBlock(label=_("Prompt (English)"))
    prompt_ar = ArabicTextBlock(label=_("Prompt (Arabic)"))
    answer_code = blocks.CharBlock(
        label=_("Answer code"), max_length=ITEM_CODE_MAX_LENGTH, required=False, help_text=CODE_HELP
    )
    answer_en = blocks.TextBlock(label=_("Answer (English)"))
    answer_ar = ArabicTextBlock(label=_("Answer (Arabic)"))
    tags = TagCodesBlock(label=_("Tags"))
    feedback_en = blocks.TextBlock(label=_("Feedback (English)"), required=False)
    feedback_ar = ArabicTextBlock(label=_("Feedback (Arabic)"), required=False)

    class Meta:
        form_classname = BILINGUAL_FORM


class SpareAnswerBlock(blocks.StructBlock):
    """An answer offered among the real ones that matches no prompt."""

    code = blocks.CharBlock(
        label=_("Answer code"), max_length=ITEM_CODE_MAX_LENGTH, required=False, help_text=CODE_HELP
    )
    text_en = blocks.TextBlock(label=_("Answer (English)"))
    text_ar = ArabicTextBlock(label=_("Answer (Arabic)"))

    class Meta:
        form_classname = BILINGUAL_FORM


class QuestionBlock(blocks.StructBlock):
    code = blocks.CharBlock(
        label=_("Code"), max_length=ITEM_CODE_MAX_LENGTH, required=False, help_text=CODE_HELP
    )
    stem_en = blocks.TextBlock(label=_("Question (English)"))
    stem_ar = ArabicTextBlock(label=_("Question (Arabic)"))
    points = blocks.DecimalBlock(label=_("Points"), default=1, min_value=0, decimal_places=2)
    scoring = blocks.ChoiceBlock(
        label=_("Scoring"),
        choices=[(mode, SCORING_LABELS[mode]) for mode in SCORING_MODES],
        default=DEFAULT_SCORING,
    )
    critical = blocks.BooleanBlock(
        label=_("Critical"),
        required=False,
        help_text=_("Below full marks on a critical question fails the attempt."),
    )
    tags = TagCodesBlock(label=_("Tags"))
    # Optional, so questions stored before it existed still load (Moodle's general feedback).
    general_feedback_en = blocks.TextBlock(
        label=_("General feedback (English)"),
        required=False,
        help_text=_("Shown after the question whatever the answer, when feedback is shown."),
    )
    general_feedback_ar = blocks.TextBlock(label=_("General feedback (Arabic)"), required=False)

    class Meta:
        form_classname = BILINGUAL_FORM


class ChoiceQuestionBlock(QuestionBlock):
    options = blocks.ListBlock(OptionBlock(), label=_("Options"), min_num=2)

    @staticmethod
    def option_codes() -> Iterator[str]:
        return letters()

    def clean(self, value):
        """Blank option codes get the next free letter."""
        value = super().clean(value)
        fill_codes(value["options"], field="code", candidates=self.option_codes)
        return value


class SingleChoiceBlock(ChoiceQuestionBlock):
    class Meta:
        label = _("Single choice")
        icon = "radio-full"


class TrueFalseBlock(ChoiceQuestionBlock):
    @staticmethod
    def option_codes() -> Iterator[str]:
        yield from ("T", "F")  # the exchange format's convention
        yield from letters()

    class Meta:
        label = _("True or false")
        icon = "tick"


class MultipleResponseBlock(ChoiceQuestionBlock):
    class Meta:
        label = _("Multiple response")
        icon = "tasks"


class OrderingBlock(ChoiceQuestionBlock):
    class Meta:
        label = _("Ordering (list the options in the correct order)")
        icon = "list-ol"


class MatchingBlock(QuestionBlock):
    pairs = blocks.ListBlock(PairBlock(), label=_("Pairs"), min_num=2)
    spare_answers = blocks.ListBlock(
        SpareAnswerBlock(),
        label=_("Spare answers"),
        required=False,
        default=[],
        help_text=_(
            "Answers offered that match no prompt, so the last match cannot be found by "
            "elimination. Their codes differ from every answer code of the pairs."
        ),
    )

    class Meta:
        label = _("Matching")
        icon = "link"

    def clean(self, value):
        """Blank codes are filled (P1, … for prompts; M1, … for answers, a pair whose answer
        reads as an earlier pair's sharing its code). A spare answer's code must name no other
        answer: an answer naming it would be ambiguous (the exchange checker refuses the same
        at import)."""
        value = super().clean(value)
        fill_codes(value["pairs"], field="code", candidates=lambda: numbered("P"))
        answers = {
            (p["answer_en"], p["answer_ar"]): p["answer_code"]
            for p in value["pairs"]
            if p["answer_code"]
        }
        taken = {pair["answer_code"] for pair in value["pairs"] if pair["answer_code"]}
        taken |= {spare["code"] for spare in value["spare_answers"] if spare["code"]}
        for pair in value["pairs"]:
            if not pair["answer_code"]:
                text = (pair["answer_en"], pair["answer_ar"])
                pair["answer_code"] = answers.get(text) or next_free(numbered("M"), taken)
                answers[text] = pair["answer_code"]
        for spare in value["spare_answers"]:
            if not spare["code"]:
                spare["code"] = next_free(numbered("M"), taken)
        taken = {pair["answer_code"] for pair in value["pairs"]}
        for spare in value["spare_answers"]:
            if spare["code"] in taken:
                raise StructBlockValidationError(
                    non_block_errors=[
                        ValidationError(
                            _("Spare answer code %(code)s is already an answer code.")
                            % {"code": spare["code"]}
                        )
                    ]
                )
            taken.add(spare["code"])
        return value


class QuestionsBlock(blocks.StreamBlock):
    """One child block per question type, named as the vocabulary names the type (the block
    type is the exchange format's ``type``)."""

    def __init__(self, local_blocks=None, **kwargs):
        by_type = {
            SINGLE_CHOICE: SingleChoiceBlock(),
            TRUE_FALSE: TrueFalseBlock(),
            MULTIPLE_RESPONSE: MultipleResponseBlock(),
            ORDERING: OrderingBlock(),
            MATCHING: MatchingBlock(),
        }
        types = [(name, by_type[name]) for name in QUESTION_TYPES]
        super().__init__([*types, *(local_blocks or [])], **kwargs)

    def clean(self, value):
        """Blank question codes get the next free Q1, Q2, …"""
        value = super().clean(value)
        fill_codes([child.value for child in value], field="code", candidates=lambda: numbered("Q"))
        return value
