"""Matching pairs keep their tags and feedback, and matching questions gain spare answers
(issue 11, §2). The new block fields are optional and default to empty, so questions stored
before them load unchanged; no data moves."""

import wagtail.fields
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("assessments", "0005_scoring_rules_edition"),
    ]

    operations = [
        migrations.AlterField(
            model_name="scenario",
            name="questions",
            field=wagtail.fields.StreamField(
                [
                    ("single_choice", 15),
                    ("true_false", 15),
                    ("multiple_response", 15),
                    ("ordering", 15),
                    ("matching", 26),
                ],
                block_lookup={
                    0: (
                        "wagtail.blocks.CharBlock",
                        (),
                        {
                            "help_text": "Stable ASCII code, e.g. Q1 or A.",
                            "label": "Code",
                            "max_length": 20,
                        },
                    ),
                    1: ("wagtail.blocks.TextBlock", (), {"label": "Question (English)"}),
                    2: ("wagtail.blocks.TextBlock", (), {"label": "Question (Arabic)"}),
                    3: (
                        "wagtail.blocks.DecimalBlock",
                        (),
                        {"decimal_places": 2, "default": 1, "label": "Points", "min_value": 0},
                    ),
                    4: (
                        "wagtail.blocks.ChoiceBlock",
                        [],
                        {
                            "choices": [
                                ("partial", "Partial credit"),
                                ("all_or_nothing", "All or nothing"),
                            ],
                            "label": "Scoring",
                        },
                    ),
                    5: (
                        "wagtail.blocks.BooleanBlock",
                        (),
                        {
                            "help_text": "Below full marks on a critical question fails the attempt.",
                            "label": "Critical",
                            "required": False,
                        },
                    ),
                    6: ("assessments.blocks.TagCodesBlock", (), {"label": "Tags"}),
                    7: ("wagtail.blocks.TextBlock", (), {"label": "Text (English)"}),
                    8: ("wagtail.blocks.TextBlock", (), {"label": "Text (Arabic)"}),
                    9: ("wagtail.blocks.BooleanBlock", (), {"label": "Correct", "required": False}),
                    10: (
                        "wagtail.blocks.IntegerBlock",
                        (),
                        {
                            "help_text": "Single choice only: best 100, acceptable e.g. 50, harmful 0.",
                            "label": "Weight (0 to 100)",
                            "max_value": 100,
                            "min_value": 0,
                            "required": False,
                        },
                    ),
                    11: (
                        "wagtail.blocks.TextBlock",
                        (),
                        {"label": "Feedback (English)", "required": False},
                    ),
                    12: (
                        "wagtail.blocks.TextBlock",
                        (),
                        {"label": "Feedback (Arabic)", "required": False},
                    ),
                    13: (
                        "wagtail.blocks.StructBlock",
                        [
                            [
                                ("code", 0),
                                ("text_en", 7),
                                ("text_ar", 8),
                                ("correct", 9),
                                ("weight", 10),
                                ("tags", 6),
                                ("feedback_en", 11),
                                ("feedback_ar", 12),
                            ]
                        ],
                        {},
                    ),
                    14: ("wagtail.blocks.ListBlock", (13,), {"label": "Options", "min_num": 2}),
                    15: (
                        "wagtail.blocks.StructBlock",
                        [
                            [
                                ("code", 0),
                                ("stem_en", 1),
                                ("stem_ar", 2),
                                ("points", 3),
                                ("scoring", 4),
                                ("critical", 5),
                                ("tags", 6),
                                ("options", 14),
                            ]
                        ],
                        {},
                    ),
                    16: (
                        "wagtail.blocks.CharBlock",
                        (),
                        {"label": "Prompt code", "max_length": 20},
                    ),
                    17: ("wagtail.blocks.TextBlock", (), {"label": "Prompt (English)"}),
                    18: ("wagtail.blocks.TextBlock", (), {"label": "Prompt (Arabic)"}),
                    19: (
                        "wagtail.blocks.CharBlock",
                        (),
                        {"label": "Answer code", "max_length": 20},
                    ),
                    20: ("wagtail.blocks.TextBlock", (), {"label": "Answer (English)"}),
                    21: ("wagtail.blocks.TextBlock", (), {"label": "Answer (Arabic)"}),
                    22: (
                        "wagtail.blocks.StructBlock",
                        [
                            [
                                ("code", 16),
                                ("prompt_en", 17),
                                ("prompt_ar", 18),
                                ("answer_code", 19),
                                ("answer_en", 20),
                                ("answer_ar", 21),
                                ("tags", 6),
                                ("feedback_en", 11),
                                ("feedback_ar", 12),
                            ]
                        ],
                        {},
                    ),
                    23: ("wagtail.blocks.ListBlock", (22,), {"label": "Pairs", "min_num": 2}),
                    24: (
                        "wagtail.blocks.StructBlock",
                        [[("code", 19), ("text_en", 20), ("text_ar", 21)]],
                        {},
                    ),
                    25: (
                        "wagtail.blocks.ListBlock",
                        (24,),
                        {
                            "default": [],
                            "help_text": "Answers offered that match no prompt, so the last match cannot be found by elimination. Their codes differ from every answer code of the pairs.",
                            "label": "Spare answers",
                            "required": False,
                        },
                    ),
                    26: (
                        "wagtail.blocks.StructBlock",
                        [
                            [
                                ("code", 0),
                                ("stem_en", 1),
                                ("stem_ar", 2),
                                ("points", 3),
                                ("scoring", 4),
                                ("critical", 5),
                                ("tags", 6),
                                ("pairs", 23),
                                ("spare_answers", 25),
                            ]
                        ],
                        {},
                    ),
                },
                verbose_name="questions",
            ),
        ),
    ]
