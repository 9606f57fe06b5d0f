import io

import pytest
from django.core.management import CommandError, call_command

from assessments import services
from assessments.models import Scenario
from tests.conftest import sign_in, with_mfa
from tests.factories import UserFactory
from tests.quiz_fixtures import SCENARIO

pytestmark = pytest.mark.django_db


def yaml_text(scenarios):
    from assessments.exchange_io import dump_yaml

    return dump_yaml(scenarios)


def test_import_command_then_export_round_trips(tmp_path):
    source = tmp_path / "bank.yaml"
    source.write_text(yaml_text([SCENARIO]), encoding="utf-8")
    out = io.StringIO()
    call_command("import_questions", str(source), "--publish", stdout=out)
    assert "Imported 1 scenario(s): SCN-HL-001" in out.getvalue()
    scenario = Scenario.objects.get(code="SCN-HL-001")
    assert scenario.live and scenario.title_ar == "اتصال ليلي"
    exported = io.StringIO()
    call_command("export_questions", stdout=exported)
    from assessments.exchange_io import load_yaml
    from assessments.taxonomy_data import all_tag_codes

    assert load_yaml(exported.getvalue(), known_tags=all_tag_codes()) == load_yaml(
        source.read_text(encoding="utf-8"), known_tags=all_tag_codes()
    )


def test_a_bad_file_imports_nothing_and_names_the_lines(tmp_path):
    good = {**SCENARIO, "code": "SCN-OK-001"}
    bad = {**SCENARIO, "code": "SCN-BAD-001", "tags": ["NOT-A-TAG"]}
    source = tmp_path / "bank.yaml"
    source.write_text(yaml_text([good, bad]), encoding="utf-8")
    err = io.StringIO()
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("import_questions", str(source), stderr=err)
    assert "NOT-A-TAG" in err.getvalue()
    assert "line " in err.getvalue()
    assert not Scenario.objects.exists()


def test_reimporting_a_code_makes_a_revision_not_a_duplicate(tmp_path):
    services.import_scenarios(scenarios=[SCENARIO], publish=True)
    changed = {**SCENARIO, "title": {"en": "Changed", "ar": "معدل"}}
    source = tmp_path / "bank.yaml"
    source.write_text(yaml_text([changed]), encoding="utf-8")
    call_command("import_questions", str(source), stdout=io.StringIO())
    assert Scenario.objects.count() == 1
    assert Scenario.objects.get().get_latest_revision_as_object().title_en == "Changed"


def test_admin_upload(client):
    trainer = with_mfa(UserFactory(role="Trainer"))
    sign_in(client, trainer)
    page = client.get("/admin/question-import/")
    assert page.status_code == 200
    bad = io.BytesIO(b"- code: [unclosed\n")
    bad.name = "bank.yaml"
    response = client.post("/admin/question-import/", {"file": bad})
    assert response.status_code == 400
    assert len(response.context["problems"]) == 1
    assert response.context["problems"][0].line == 2  # where the parser met the end
    good = io.BytesIO(yaml_text([SCENARIO]).encode())
    good.name = "bank.yaml"
    response = client.post("/admin/question-import/", {"file": good})
    # The summary first (issue 11, §3): nothing is written until Import is pressed.
    assert response.status_code == 200
    assert not Scenario.objects.exists()
    response = client.post(
        "/admin/question-import/", {"text": yaml_text([SCENARIO]), "import": "1"}
    )
    assert response.status_code == 302
    scenario = Scenario.objects.get(code="SCN-HL-001")
    assert not scenario.live  # a draft, waiting for review


def test_trainees_cannot_import(client):
    sign_in(client, UserFactory())
    assert client.get("/admin/question-import/").status_code == 302


def test_regrade_command(tmp_path, make_quiz):
    quiz = make_quiz()
    manager = UserFactory(role="Programme manager")
    user = UserFactory()
    attempt = services.start_attempt(user=user, quiz=quiz)
    services.save_answer(attempt=attempt, user=user, key="SCN-HL-001/Q2", answer=["B"])
    services.submit_attempt(attempt=attempt)
    corrected = [dict(quiz.current_version.scenarios[0])]
    q2 = dict(corrected[0]["questions"][1])
    q2["options"] = [
        {**q2["options"][0], "correct": False},
        {**q2["options"][1], "correct": True},
    ]
    corrected[0]["questions"] = [corrected[0]["questions"][0], q2, corrected[0]["questions"][2]]
    source = tmp_path / "fix.yaml"
    source.write_text(yaml_text(corrected), encoding="utf-8")
    out = io.StringIO()
    call_command(
        "regrade_version",
        "QZ-1",
        "1",
        str(source),
        "--reason",
        "Key swapped",
        "--by",
        manager.email,
        stdout=out,
    )
    assert "1 attempt(s) regraded." in out.getvalue()
    attempt.refresh_from_db()
    assert str(attempt.points) == "1.0000"
    with pytest.raises(CommandError, match="for programme managers"):
        call_command(
            "regrade_version", "QZ-1", "1", str(source), "--reason", "x", "--by", user.email
        )


def test_regrade_in_the_admin(client, make_quiz):
    from assessments.exchange_io import load_yaml
    from assessments.taxonomy_data import all_tag_codes

    quiz = make_quiz()
    version = quiz.current_version
    user = UserFactory()
    attempt = services.start_attempt(user=user, quiz=quiz)
    services.save_answer(attempt=attempt, user=user, key="SCN-HL-001/Q2", answer=["B"])
    services.submit_attempt(attempt=attempt)
    url = f"/admin/regrade/{version.pk}/"
    sign_in(client, with_mfa(UserFactory(role="Trainer")))
    assert client.get(url).status_code == 302  # trainers do not regrade
    manager = with_mfa(UserFactory(role="Programme manager"))
    sign_in(client, manager)
    downloaded = client.get(url + "?download=1").content.decode()
    scenarios = load_yaml(downloaded, known_tags=all_tag_codes())
    options = scenarios[0]["questions"][1]["options"]
    options[0]["correct"], options[1]["correct"] = False, True
    upload = io.BytesIO(yaml_text(scenarios).encode())
    upload.name = "fixed.yaml"
    response = client.post(url, {"file": upload, "reason": "Key swapped"})
    assert response.status_code == 302
    attempt.refresh_from_db()
    assert str(attempt.points) == "1.0000"
    assert version.regrades.get().created_by == manager
