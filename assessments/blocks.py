"""Questions of a scenario, as StreamField blocks whose values map one-to-one onto the exchange
format of docs/exchange-format.md (see `Scenario.to_exchange`)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError

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

CODE_HELP = _("Stable ASCII code, e.g. Q1 or A.")
SCORING_LABELS = {PARTIAL: _("Partial credit"), ALL_OR_NOTHING: _("All or nothing")}


def split_codes(value: str) -> list[str]:
    return [code for code in value.replace(",", " ").split() if code]


class TagCodesBlock(blocks.CharBlock):
    """Taxonomy codes separated by spaces or commas; every code must exist."""

    def __init__(self, **kwargs):
        super().__init__(
            required=False,
            max_length=500,
            help_text=_("Taxonomy codes separated by spaces, e.g. ILO-07 GEN-11"),
            **kwargs,
        )

    def clean(self, value):
        from .models import Tag

        value = super().clean(value)
        codes = split_codes(value or "")
        unknown = sorted(
            set(codes) - set(Tag.objects.filter(code__in=codes).values_list("code", flat=True))
        )
        if unknown:
            raise ValidationError(_("Unknown tag codes: %(codes)s") % {"codes": ", ".join(unknown)})
        return " ".join(codes)


class OptionBlock(blocks.StructBlock):
    code = blocks.CharBlock(label=_("Code"), max_length=ITEM_CODE_MAX_LENGTH, help_text=CODE_HELP)
    text_en = blocks.TextBlock(label=_("Text (English)"))
    text_ar = blocks.TextBlock(label=_("Text (Arabic)"))
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
    feedback_ar = blocks.TextBlock(label=_("Feedback (Arabic)"), required=False)


class PairBlock(blocks.StructBlock):
    """A prompt and the answer it matches. Tags and feedback are optional and default to empty,
    so pairs stored before they existed still load."""

    code = blocks.CharBlock(label=_("Prompt code"), max_length=ITEM_CODE_MAX_LENGTH)
    prompt_en = blocks.TextBlock(label=_("Prompt (English)"))
    prompt_ar = blocks.TextBlock(label=_("Prompt (Arabic)"))
    answer_code = blocks.CharBlock(label=_("Answer code"), max_length=ITEM_CODE_MAX_LENGTH)
    answer_en = blocks.TextBlock(label=_("Answer (English)"))
    answer_ar = blocks.TextBlock(label=_("Answer (Arabic)"))
    tags = TagCodesBlock(label=_("Tags"))
    feedback_en = blocks.TextBlock(label=_("Feedback (English)"), required=False)
    feedback_ar = blocks.TextBlock(label=_("Feedback (Arabic)"), required=False)


class SpareAnswerBlock(blocks.StructBlock):
    """An answer offered among the real ones that matches no prompt."""

    code = blocks.CharBlock(label=_("Answer code"), max_length=ITEM_CODE_MAX_LENGTH)
    text_en = blocks.TextBlock(label=_("Answer (English)"))
    text_ar = blocks.TextBlock(label=_("Answer (Arabic)"))


class QuestionBlock(blocks.StructBlock):
    code = blocks.CharBlock(label=_("Code"), max_length=ITEM_CODE_MAX_LENGTH, help_text=CODE_HELP)
    stem_en = blocks.TextBlock(label=_("Question (English)"))
    stem_ar = blocks.TextBlock(label=_("Question (Arabic)"))
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


class ChoiceQuestionBlock(QuestionBlock):
    options = blocks.ListBlock(OptionBlock(), label=_("Options"), min_num=2)


class SingleChoiceBlock(ChoiceQuestionBlock):
    class Meta:
        label = _("Single choice")
        icon = "radio-full"


class TrueFalseBlock(ChoiceQuestionBlock):
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
        """A spare answer's code must name no other answer: an answer naming it would be
        ambiguous (the exchange checker refuses the same at import)."""
        value = super().clean(value)
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
