"""Authoring for trainers (issue 11, §7): automatic codes, the tag picker, the trainee preview of
a scenario and of a quiz in either language, "Duplicate scenario", the fictional declaration
before review, and the item-writing warnings shown on save."""

import copy

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import translation

from assessments import services
from assessments.blocks import QuestionsBlock
from assessments.models import Scenario, Tag, question_from_exchange
from assessments.tag_picker import TagPicker, grouped_tags
from tests.conftest import sign_in

pytestmark = pytest.mark.django_db


def edit_url(scenario):
    return reverse("wagtailsnippets_assessments_scenario:edit", args=[scenario.pk])


def _block_fields(prefix, value, data):
    for name, field in value.items():
        key = f"{prefix}-{name}"
        if isinstance(field, list) and field and isinstance(field[0], dict):
            data[f"{key}-count"] = len(field)
            for index, child in enumerate(field):
                data[f"{key}-{index}-deleted"] = ""
                data[f"{key}-{index}-order"] = index
                data[f"{key}-{index}-id"] = ""
                _block_fields(f"{key}-{index}-value", child, data)
        elif isinstance(field, list):
            data[f"{key}-count"] = 0
        elif name == "tags":
            data[key] = field.split()
        elif isinstance(field, bool):
            if field:
                data[key] = "on"
        elif field is None:
            data[key] = ""
        else:
            data[key] = str(field)


def scenario_form(exchange: dict, **fields) -> dict:
    """The editor's POST for a scenario given in the exchange format."""
    tags = {tag.code: tag.pk for tag in Tag.objects.all()}
    data = {
        "code": exchange["code"],
        "title_en": exchange["title"]["en"],
        "title_ar": exchange["title"]["ar"],
        "case_text_en": exchange["case_text"]["en"],
        "case_text_ar": exchange["case_text"]["ar"],
        "content_warning": exchange["content_warning"],
        "roles": [tags[code] for code in exchange["roles"]],
        "tags": [tags[code] for code in exchange["tags"]],
        "questions-count": len(exchange["questions"]),
    }
    if exchange.get("fictional"):
        data["fictional_declared"] = "on"
    for index, question in enumerate(exchange["questions"]):
        kind, value = question_from_exchange(question)
        data[f"questions-{index}-type"] = kind
        data[f"questions-{index}-deleted"] = ""
        data[f"questions-{index}-order"] = index
        data[f"questions-{index}-id"] = ""
        _block_fields(f"questions-{index}-value", value, data)
    return {**data, **fields}


@pytest.fixture
def draft_scenario(scenario_data):
    (scenario,) = services.import_scenarios(scenarios=[scenario_data])
    return scenario


# --- Codes -------------------------------------------------------------------------------------


def test_blank_codes_are_assigned_on_save_without_clashing(client, trainer, draft_scenario):
    data = copy.deepcopy(draft_scenario.to_exchange())
    q1, q2, q3 = data["questions"]
    q1["code"] = ""  # Q2 and Q3 are taken: the blank one becomes Q1
    q3["code"] = "Q1X"
    q1["options"][0]["code"] = ""
    q1["options"][2]["code"] = ""  # B is taken: A, then C
    q2["options"][1]["code"] = "A2"
    sign_in(client, trainer)

    response = client.post(edit_url(draft_scenario), scenario_form(data))

    assert response.status_code == 302, response.context and response.context["form"].errors
    saved = Scenario.objects.get(pk=draft_scenario.pk).get_latest_revision_as_object().to_exchange()
    assert [q["code"] for q in saved["questions"]] == ["Q1", "Q2", "Q1X"]
    assert [o["code"] for o in saved["questions"][0]["options"]] == ["A", "B", "C"]
    assert [o["code"] for o in saved["questions"][1]["options"]] == ["A", "A2"]


def test_blank_codes_of_true_false_and_matching_questions():
    stream = QuestionsBlock()
    true_false = {
        "code": "",
        "type": "true_false",
        "stem": {"en": "Proof is needed.", "ar": "الدليل لازم."},
        "options": [
            {"code": "", "text": {"en": "True", "ar": "صحيح"}},
            {"code": "", "text": {"en": "False", "ar": "خطأ"}, "correct": True},
        ],
    }
    matching = {
        "code": "Q1",
        "type": "matching",
        "stem": {"en": "Match.", "ar": "طابق."},
        "pairs": [
            {
                "code": "",
                "prompt": {"en": f"Fact {n}", "ar": f"واقعة {n}"},
                "answer": {"code": code, "text": {"en": answer, "ar": answer}},
            }
            for n, code, answer in [(1, "", "Debt"), (2, "M1", "Passport"), (3, "", "Debt")]
        ],
        "spare_answers": [{"code": "", "text": {"en": "Overtime", "ar": "عمل إضافي"}}],
    }
    raw = [
        {"type": kind, "value": value}
        for kind, value in map(question_from_exchange, [true_false, matching])
    ]

    cleaned = stream.clean(stream.to_python(raw))

    tf, match = (child.value for child in cleaned)
    assert tf["code"] == "Q2"  # Q1 is taken by the matching question
    assert [option["code"] for option in tf["options"]] == ["T", "F"]
    assert [pair["code"] for pair in match["pairs"]] == ["P1", "P2", "P3"]
    # The two "Debt" answers share one code, which is not M1 (Passport's).
    assert [pair["answer_code"] for pair in match["pairs"]] == ["M2", "M1", "M2"]
    assert [spare["code"] for spare in match["spare_answers"]] == ["M3"]


# --- The fictional declaration -----------------------------------------------------------------


def test_a_scenario_is_not_submitted_for_review_without_the_declaration(
    client, trainer, draft_scenario
):
    data = scenario_form(draft_scenario.to_exchange())
    del data["fictional_declared"]
    sign_in(client, trainer)

    response = client.post(edit_url(draft_scenario), {**data, "action-submit": "1"})

    assert response.status_code == 200
    assert "Declare that this case is a fictional composite" in response.text
    draft_scenario.refresh_from_db()
    assert draft_scenario.current_workflow_state is None

    # A draft may be saved undeclared: the declaration is needed only to go to review or live.
    assert client.post(edit_url(draft_scenario), data).status_code == 302
    response = client.post(
        edit_url(draft_scenario), {**data, "fictional_declared": "on", "action-submit": "1"}
    )
    assert response.status_code == 302
    draft_scenario.refresh_from_db()
    assert draft_scenario.current_workflow_state.status == "in_progress"


# --- Item-writing warnings on save -------------------------------------------------------------


def test_saving_a_scenario_shows_its_item_writing_warnings(client, trainer, draft_scenario):
    data = draft_scenario.to_exchange()
    data["questions"][1]["options"][0]["text"]["en"] = (
        "Check quietly whether he is safe to talk now, and where he is"
    )
    sign_in(client, trainer)

    response = client.post(edit_url(draft_scenario), scenario_form(data))

    assert response.status_code == 302
    shown = [str(message) for message in get_messages(response.wsgi_request)]
    assert [m for m in shown if m.startswith("Item writing")] == [
        "Item writing: SCN-HL-001 \u203a Q1: Only 1 incorrect option(s): with fewer than two, "
        "ticking every box is nearly right. Add plausible non-indicators.",
        "Item writing: SCN-HL-001 \u203a Q1: Every correct option is written before every "
        "distractor: mix them, so that the order does not show where the key ends.",
        "Item writing: SCN-HL-001 \u203a Q2 \u203a A: A correct option is much longer than every "
        "distractor (61 characters against at most 17 in English): trainees learn that the "
        "longest option is right. Shorten it or give the distractors the same detail.",
    ]


def test_saving_a_quiz_shows_the_warnings_of_its_scenarios(client, programme_manager, make_quiz):
    from tests.people.test_permissions import edit_url as quiz_edit_url
    from tests.people.test_permissions import publish_form

    quiz = make_quiz()
    sign_in(client, programme_manager)

    response = client.post(quiz_edit_url(quiz), publish_form(quiz))

    assert response.status_code == 302
    shown = [str(m) for m in get_messages(response.wsgi_request) if "Item writing" in str(m)]
    assert len(shown) == 2
    assert all("SCN-HL-001 \u203a Q1" in message for message in shown)


# --- Previews ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("mode", "texts"),
    [
        ("en", ["Which indicators are present?", "Question 1 of 3", "Passport held", "A night"]),
        ("ar", ["ما المؤشرات الموجودة؟", "احتجاز الجواز", 'dir="rtl"', "اتصال ليلي"]),
    ],
)
def test_a_scenario_previews_as_a_trainee_sees_it_in_either_language(
    client, trainer, draft_scenario, mode, texts
):
    data = scenario_form(draft_scenario.to_exchange())
    url = reverse("wagtailsnippets_assessments_scenario:preview_on_edit", args=[draft_scenario.pk])
    sign_in(client, trainer)

    assert client.post(url, data).json() == {"is_valid": True, "is_available": True}
    response = client.get(url, {"mode": mode})

    assert response.status_code == 200
    for text in texts:
        assert text in response.text
    # As before answering: no key, no feedback, no internal codes.
    assert "Correct answer" not in response.text and "صحيحة" not in response.text
    assert "Yes: document retention." not in response.text
    assert "SCN-HL-001" not in response.text


@pytest.mark.parametrize(
    ("mode", "texts"),
    [
        ("en", ["Hotline check", "What do you do first?", "Question 3 of 3"]),
        ("ar", ["ماذا تفعل أولًا؟"]),
    ],
)
def test_a_whole_quiz_previews_as_a_trainee_sees_it(
    client, programme_manager, make_quiz, mode, texts
):
    from tests.people.test_permissions import publish_form

    quiz = make_quiz()
    data = publish_form(quiz)
    del data["action-publish"]
    url = reverse("wagtailsnippets_assessments_quiz:preview_on_edit", args=[quiz.pk])
    sign_in(client, programme_manager)

    assert client.post(url, data).json() == {"is_valid": True, "is_available": True}
    response = client.get(url, {"mode": mode})

    assert response.status_code == 200
    for text in texts:
        assert text in response.text


# --- Duplicate ---------------------------------------------------------------------------------


def test_duplicate_makes_a_draft_copy_with_a_new_code(client, trainer, draft_scenario):
    url = reverse("wagtailsnippets_assessments_scenario:duplicate", args=[draft_scenario.pk])
    sign_in(client, trainer)

    assert "Make a draft copy of SCN-HL-001" in client.get(url).text
    first = client.post(url)
    second = client.post(url)

    copies = Scenario.objects.filter(code__startswith="SCN-HL-001-COPY").order_by("code")
    assert [c.code for c in copies] == ["SCN-HL-001-COPY-1", "SCN-HL-001-COPY-2"]
    assert first["Location"] == edit_url(copies[0])
    assert second["Location"] == edit_url(copies[1])
    made = copies[0]
    assert not made.live and not made.fictional_declared
    original = draft_scenario.to_exchange()
    assert {**made.to_exchange(), "code": original["code"], "fictional": True} == original
    # Listed among the scenario's actions in the listing.
    listing = client.get(reverse("wagtailsnippets_assessments_scenario:list"))
    assert url in listing.text


def test_duplicate_of_an_unknown_scenario_is_a_404(client, trainer):
    sign_in(client, trainer)
    url = reverse("wagtailsnippets_assessments_scenario:duplicate", args=[999999])
    assert client.post(url, follow=True).status_code == 404
    assert not Scenario.objects.filter(code__contains="COPY").exists()


# --- The tag picker ----------------------------------------------------------------------------


def test_the_tag_picker_groups_tags_by_framework_with_names_in_the_editors_language():
    with translation.override("ar"):
        html = TagPicker(choices=grouped_tags(value="code")).render("tags", ["ILO-07"])
    ilo = Tag.objects.select_related("group__framework").get(code="ILO-07")
    framework = ilo.group.framework

    assert f"<legend>{framework.name_ar} (ILO)</legend>" in html
    assert f"ILO-07 — {ilo.name_ar}" in html
    assert 'value="ILO-07" ' in html and "checked" in html
    assert "data-tag-picker-search" in html
    with translation.override("en"):
        english = TagPicker(choices=grouped_tags(value="code")).render("tags", [])
    assert f"ILO-07 — {ilo.name_en}" in english
    assert english.count("<fieldset") == Tag.objects.values("group__framework").distinct().count()


def test_the_editor_shows_the_tag_picker_and_arabic_fields_right_to_left(
    client, trainer, draft_scenario
):
    sign_in(client, trainer)

    response = client.get(edit_url(draft_scenario))

    assert response.status_code == 200
    html = response.text
    assert 'id="id_tags"' in html and "data-tag-picker" in html
    assert "assessments/tag_picker.js" in html and "assessments/editor.css" in html
    assert 'name="title_ar"' in html
    assert 'dir="rtl" lang="ar"' in html.split('name="title_ar"')[0].rsplit("<input", 1)[1] or (
        'dir="rtl"' in html.split('name="title_ar"')[1].split(">", 1)[0]
    )
