import pytest
from django.urls import reverse

from assessments.models import Attempt
from tests.conftest import sign_in
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def started(client, make_quiz, enrol_in_course_with):
    quiz = make_quiz()
    user = UserFactory()
    enrol_in_course_with(user, quiz)
    sign_in(client, user)
    response = client.post(reverse("assessments:start", args=[quiz.pk]))
    attempt = Attempt.objects.get(user=user)
    assert response["Location"] == reverse("assessments:take", args=[attempt.pk])
    return quiz, user, attempt


def form_for(attempt, answers):
    """Form fields for answers keyed like PERFECT, as the page names them: questions by their
    index in the attempt's layout, options by their position in it (never by code)."""
    data = {}
    for index, item in enumerate(attempt.layout):
        answer = answers.get(item["key"])
        if answer is None:
            continue
        position = {code: str(n) for n, code in enumerate(item["options"], start=1)}
        if item["key"].endswith("Q3"):
            for rank, code in enumerate(answer, start=1):
                data[f"q{index}-{position[code]}"] = str(rank)
        else:
            chosen = [position[code] for code in answer]
            data[f"q{index}"] = chosen if len(chosen) > 1 else chosen[0]
    return data


def position_of(attempt, key, code):
    """The form value of an option: its position in the attempt's layout, from 1."""
    item = next(item for item in attempt.layout if item["key"] == key)
    return str(item["options"].index(code) + 1)


def test_the_case_waits_behind_its_content_warning(client, started):
    _quiz, _user, attempt = started
    url = reverse("assessments:take", args=[attempt.pk])
    warning = client.get(url).text
    assert "This quiz mentions abuse." in warning
    assert "Rahim, a fictional construction worker" not in warning
    opened = client.get(f"{url}?continue={attempt.pk}:1").text
    assert "Rahim, a fictional construction worker" in opened
    assert "Rahim, a fictional construction worker" in client.get(url).text  # remembered


def open_case(client, attempt, language="en"):
    url = f"/{language}/quizzes/attempts/{attempt.pk}/"
    return client.get(f"{url}?continue={attempt.pk}:1")


def test_the_key_and_feedback_never_reach_the_browser_before_submission(client, started):
    _quiz, _user, attempt = started
    html = open_case(client, attempt).text
    assert "Rahim, a fictional construction worker" in html
    assert "Which indicators are present?" in html
    assert "Yes: document retention." not in html
    assert "option--correct" not in html
    assert "Correct answer" not in html


def test_answer_save_submit_and_review(client, started):
    from tests.quiz_fixtures import PERFECT

    _quiz, _user, attempt = started
    response = client.post(
        reverse("assessments:save", args=[attempt.pk]),
        {**form_for(attempt, PERFECT), "submit": "1"},
    )
    assert response.status_code == 302
    attempt.refresh_from_db()
    assert attempt.is_submitted and attempt.passed
    review = client.get(reverse("assessments:review", args=[attempt.pk])).text
    assert "100.00%" in review
    assert "Yes: document retention." in review
    # Submitting again changes nothing.
    client.post(reverse("assessments:submit", args=[attempt.pk]))
    assert attempt.grades.count() == 1


def test_autosave_answers_with_json(client, started):
    _quiz, _user, attempt = started
    index = next(i for i, item in enumerate(attempt.layout) if item["key"].endswith("Q2"))
    response = client.post(
        reverse("assessments:save", args=[attempt.pk]),
        {f"q{index}": position_of(attempt, "SCN-HL-001/Q2", "A")},
        headers={"X-Requested-With": "fetch"},
    )
    assert response.json() == {"saved": 1, "problems": []}
    attempt.refresh_from_db()
    assert attempt.answers == {"SCN-HL-001/Q2": ["A"]}


def test_forged_option_is_refused_and_nothing_is_written(client, started):
    _quiz, _user, attempt = started
    index = next(i for i, item in enumerate(attempt.layout) if item["key"].endswith("Q2"))
    response = client.post(
        reverse("assessments:save", args=[attempt.pk]),
        {f"q{index}": "ZZZ"},
        headers={"X-Requested-With": "fetch"},
    )
    assert response.status_code == 400
    assert response.json()["problems"] == [
        f"Question {index + 1} of 3: this answer could not be read. "
        "Reload the page and answer again."
    ]
    attempt.refresh_from_db()
    assert attempt.answers == {}


def test_someone_elses_attempt_is_a_404(client, started):
    _quiz, _user, attempt = started
    sign_in(client, UserFactory())
    assert client.get(reverse("assessments:take", args=[attempt.pk])).status_code == 404
    assert client.post(reverse("assessments:submit", args=[attempt.pk])).status_code == 404
    assert client.get(reverse("assessments:quiz", args=[999999])).status_code == 404


def test_arabic_quiz_page(client, started):
    _quiz, _user, attempt = started
    html = open_case(client, attempt, "ar").text
    assert 'dir="rtl"' in html
    assert "ما المؤشرات الموجودة؟" in html
    assert "يتصل رحيم" in html


def test_one_question_per_page(client, make_quiz, enrol_in_course_with):
    quiz = make_quiz(one_per_page=True)
    user = UserFactory()
    enrol_in_course_with(user, quiz)
    sign_in(client, user)
    client.post(reverse("assessments:start", args=[quiz.pk]))
    attempt = Attempt.objects.get(user=user)
    first = open_case(client, attempt).text
    assert "Question 1 of 3" in first
    assert first.count("<fieldset") == 1
    response = client.post(reverse("assessments:save", args=[attempt.pk]), {"goto": "1"})
    assert response["Location"].endswith("?q=1")
    assert "Question 2 of 3" in client.get(response["Location"]).text


def test_results_page_names_the_indicators(client, started):
    from tests.quiz_fixtures import PERFECT

    _quiz, _user, attempt = started
    client.post(
        reverse("assessments:save", args=[attempt.pk]),
        {**form_for(attempt, PERFECT), "submit": "1"},
    )
    html = client.get(f"/ar/quizzes/attempts/{attempt.pk}/review/").text
    assert "احتجاز وثائق الهوية" in html  # ILO-07's Arabic name
