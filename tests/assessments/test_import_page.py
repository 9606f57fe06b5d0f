"""The admin's question import (issue 11, §3, §4): the summary is shown before anything is
written, unsupported questions can be skipped after the report, and an import that removes
questions needs its box ticked. Fictional content written for these tests."""

import copy
import io
import re

import pytest

from assessments import services
from assessments.exchange import dump_yaml
from assessments.models import Scenario
from tests.conftest import sign_in, with_mfa
from tests.factories import UserFactory
from tests.quiz_fixtures import SCENARIO

pytestmark = pytest.mark.django_db
URL = "/admin/question-import/"
GIFT = "::Q1::First? || أولاً؟ {=Safety || السلامة ~Leave || المغادرة}\n\n::Q2::Hours? {#12}\n"


def upload(text: str, name: str):
    file = io.BytesIO(text.encode())
    file.name = name
    return file


@pytest.fixture
def trainer(client):
    sign_in(client, with_mfa(UserFactory(role="Trainer")))


def rows(html: str, css: str) -> list[str]:
    return [
        " ".join(re.sub(r"<[^>]+>", " ", row).split())
        for row in re.findall(rf'<(?:tr|li) class="{css}">(.*?)</(?:tr|li)>', html, re.S)
    ]


def test_unsupported_questions_are_reported_then_skipped_on_request(client, trainer):
    response = client.post(URL, {"file": upload(GIFT, "bank.gift"), "scenario_code": "scn-li-030"})
    assert response.status_code == 400
    assert rows(response.text, "import-problem") == [
        "3 SCN-LI-030 \u203a Q2 numerical questions ({#…}) are not supported"
    ]
    assert "Check again, skipping these questions" in response.text
    # The offer posts the checked text back with skip_unsupported.
    response = client.post(
        URL, {"text": GIFT, "scenario_code": "SCN-LI-030", "skip_unsupported": "on"}
    )
    assert response.status_code == 200
    assert rows(response.text, "import-change") == ["SCN-LI-030 New, with 1 question."]
    assert rows(response.text, "import-skipped") == [
        "line 3: SCN-LI-030 \u203a Q2: numerical questions ({#…}) are not supported"
    ]
    assert not Scenario.objects.exists()
    response = client.post(
        URL,
        {"text": GIFT, "scenario_code": "SCN-LI-030", "skip_unsupported": "on", "import": "1"},
    )
    assert response.status_code == 302
    assert Scenario.objects.get().code == "SCN-LI-030"


def question_count() -> int:
    return len(Scenario.objects.get().get_latest_revision_as_object().questions)


def test_removing_questions_needs_the_box_ticked(client, trainer):
    services.import_scenarios(scenarios=[copy.deepcopy(SCENARIO)], publish=True)
    cut = copy.deepcopy(SCENARIO)
    cut["questions"] = cut["questions"][:2]
    text = dump_yaml([cut])
    response = client.post(URL, {"file": upload(text, "bank.yaml")})
    assert response.status_code == 200
    assert rows(response.text, "import-change") == ["SCN-HL-001 Questions removed: Q3"]
    assert 'name="confirm_removal"' in response.text
    response = client.post(URL, {"text": text, "import": "1"})
    assert response.status_code == 400
    assert "Tick the box to confirm the removals" in response.text
    assert (
        len(Scenario.objects.get().get_latest_revision_as_object().to_exchange()["questions"]) == 3
    )
    response = client.post(URL, {"text": text, "import": "1", "confirm_removal": "on"})
    assert response.status_code == 302
    assert (
        len(Scenario.objects.get().get_latest_revision_as_object().to_exchange()["questions"]) == 2
    )


@pytest.mark.parametrize("existing", [1, 5])
def test_checking_a_file_costs_a_fixed_number_of_queries(
    client, trainer, django_assert_num_queries, existing
):
    bank = [{**copy.deepcopy(SCENARIO), "code": f"SCN-HL-{n:03}"} for n in range(1, 12)]
    services.import_scenarios(scenarios=copy.deepcopy(bank[:existing]), publish=True)
    text = dump_yaml(bank)
    with django_assert_num_queries(14):
        response = client.post(URL, {"file": upload(text, "bank.yaml")})
    assert response.status_code == 200
    changes = rows(response.text, "import-change")
    assert changes[existing - 1 : existing + 1] == [
        f"SCN-HL-{existing:03} Unchanged.",
        f"SCN-HL-{existing + 1:03} New, with 3 questions.",
    ]


def test_the_summary_lists_item_writing_warnings_before_the_import(client, trainer):
    response = client.post(URL, {"file": upload(dump_yaml([copy.deepcopy(SCENARIO)]), "bank.yaml")})
    assert response.status_code == 200
    assert rows(response.text, "import-item-warning")[0] == (
        "SCN-HL-001 \u203a Q1 : Only 1 incorrect option(s): with fewer than two, ticking every "
        "box is nearly right. Add plausible non-indicators."
    )
    assert not Scenario.objects.exists()
