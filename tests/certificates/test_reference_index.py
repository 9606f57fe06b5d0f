"""Certificates stay out of Wagtail's reference index (issue 14): issuing a cohort's certificates
queues their renders and nothing else for the task worker."""

import pytest
from django.urls import reverse
from django_tasks_db.models import DBTaskResult
from wagtail.models import ReferenceIndex

from certificates.models import Certificate
from certificates.tasks import render_certificate_task
from courses import services as courses
from tests.certificates.test_render_drills import DATABASE_TASKS
from tests.course_fixtures import lessons_of
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_issuing_a_certificate_queues_its_render_and_no_index_update(settings, build_course):
    reverse("wagtailadmin_home")  # the admin's viewsets are registered with the URLs
    assert not ReferenceIndex.is_indexed(Certificate)
    settings.TASKS = DATABASE_TASKS
    course = build_course(modules=[("C1", [], 1)])
    person = UserFactory()
    courses.enrol(user=person, course=course, source="manager")
    queued = set(DBTaskResult.objects.values_list("id", flat=True))
    courses.complete_lesson(user=person, lesson=lessons_of(course)[0])
    assert Certificate.objects.filter(user=person).count() == 1
    new = DBTaskResult.objects.exclude(id__in=queued)
    assert list(new.values_list("task_path", flat=True)) == [render_certificate_task.module_path]
