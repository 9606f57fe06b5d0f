"""A class sitting a quiz at once, against a SQLite file: run by test_sqlite_concurrency.py in a
process of its own, because the suite's SQLite database lives in memory, where neither WAL nor
file locking applies.

    python -m tests.assessments.sit_together QUIZ_ID USER_ID...   (DATABASE_URL names the file)

Every trainee starts the quiz, then sends the form with every answer and "submit" while an
autosave of the same answers is in flight; prints the HTTP statuses and what was stored, as JSON.
"""

import json
import os
import sys
import threading

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.test")

import django  # settings must be chosen (above) before Django is set up

django.setup()

from django.db import connections  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import translation  # noqa: E402

from assessments import services  # noqa: E402
from assessments.models import Attempt, AttemptGrade  # noqa: E402
from lms.people.models import User  # noqa: E402


def form_for(attempt: Attempt) -> dict:
    """Every question answered as the page's form sends it: options by their position in the
    attempt's layout (the first option, right or not), ordering steps ranked as shown."""
    questions = services.questions_by_key(attempt.version.scenarios)
    data = {}
    for index, item in enumerate(attempt.layout):
        question = questions[item["key"]]
        if question["type"] == "ordering":
            for position in range(1, len(item["options"]) + 1):
                data[f"q{index}-{position}"] = str(position)
        elif question["type"] == "matching":
            for pair in question["pairs"]:
                data[f"q{index}-{pair['code']}"] = "1"
        else:
            data[f"q{index}"] = "1"
    return data


def sit(quiz_id: int, user: User, start: threading.Barrier, send: threading.Barrier, out: list):
    try:
        client = Client()
        client.force_login(user)
        with translation.override("en"):
            start_url = reverse("assessments:start", kwargs={"quiz_id": quiz_id})
        start.wait()
        started = client.post(start_url)
        out.append(("start", started.status_code))
        attempt = Attempt.objects.filter(user=user, quiz_id=quiz_id).first()
        send.wait()
        if attempt is None:
            return
        with translation.override("en"):
            save_url = reverse("assessments:save", kwargs={"attempt_id": attempt.pk})
        data = form_for(attempt)
        autosave = threading.Thread(
            target=lambda: out.append(
                (
                    "autosave",
                    client.post(save_url, data, headers={"X-Requested-With": "fetch"}).status_code,
                )
            )
        )
        autosave.start()
        out.append(("submit", client.post(save_url, {**data, "submit": "1"}).status_code))
        autosave.join()
    except Exception as error:  # reported, not raised: the parent asserts on the output
        out.append(("error", repr(error)))
    finally:
        connections.close_all()


def main(quiz_id: int, user_ids: list[int]) -> None:
    users = list(User.objects.filter(pk__in=user_ids))
    start = threading.Barrier(len(users))
    send = threading.Barrier(len(users))
    out: list = []
    threads = [threading.Thread(target=sit, args=(quiz_id, u, start, send, out)) for u in users]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    attempts = {u.pk: Attempt.objects.filter(user=u, quiz_id=quiz_id).count() for u in users}
    submitted = Attempt.objects.filter(quiz_id=quiz_id, submitted_at__isnull=False).count()
    grades = AttemptGrade.objects.filter(attempt__quiz_id=quiz_id).count()
    print(
        json.dumps(
            {
                "statuses": sorted({f"{what} {status}" for what, status in out}),
                "attempts_per_person": sorted(set(attempts.values())),
                "submitted": submitted,
                "grades": grades,
            }
        )
    )


if __name__ == "__main__":
    main(int(sys.argv[1]), [int(pk) for pk in sys.argv[2:]])
