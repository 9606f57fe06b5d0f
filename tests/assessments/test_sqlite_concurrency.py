"""The database `make run` uses holds a class sitting a quiz: twenty trainees start and submit at
once, each with an autosave in flight, and nobody gets an error (SQLite in WAL mode with
immediate transactions and a busy timeout: lms/settings/base.py)."""

import json
import os
import sqlite3
import subprocess
import sys

import pytest
from django.conf import settings
from django.db import connection

from courses import services as courses
from tests.factories import UserFactory

pytestmark = pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3",
    reason="SQLite's locking; PostgreSQL's is covered by the row-lock tests",
)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_twenty_trainees_start_and_submit_at_once_without_an_error(
    make_quiz, enrol_in_course_with, tmp_path
):
    quiz = make_quiz()
    trainees = [UserFactory() for _ in range(20)]
    course = enrol_in_course_with(trainees[0], quiz)
    for trainee in trainees[1:]:
        courses.enrol(user=trainee, course=course, source="manager")
    # The suite's database is in memory: copy it to a file the other process can open.
    database = tmp_path / "class.sqlite3"
    connection.ensure_connection()
    copy = sqlite3.connect(database)
    connection.connection.backup(copy)
    copy.close()

    run = subprocess.run(
        [sys.executable, "-m", "tests.assessments.sit_together", str(quiz.pk)]
        + [str(trainee.pk) for trainee in trainees],
        cwd=settings.BASE_DIR,
        env={**os.environ, "DATABASE_URL": f"sqlite:///{database}"},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    result = json.loads(run.stdout.strip().splitlines()[-1])
    # start and submit redirect; the autosave answers 200, or 400 once the submit has won.
    assert set(result["statuses"]) <= {"start 302", "submit 302", "autosave 200", "autosave 400"}
    assert {"start 302", "submit 302"} <= set(result["statuses"])
    assert result["attempts_per_person"] == [1]
    assert (result["submitted"], result["grades"]) == (20, 20)
