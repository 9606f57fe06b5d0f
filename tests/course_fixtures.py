"""Builds small published course trees for the courses tests."""

import datetime as dt

import pytest
from wagtail.models import Locale

from cms.models import HomePage
from courses.models import (
    CourseIndexPage,
    CoursePage,
    LearningPath,
    LearningPathStep,
    LessonPage,
    ModulePage,
    TrainingSession,
)
from lms.people.models import Sector


def publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def paragraph(text="A paragraph."):
    return [("paragraph", f"<p>{text}</p>")]


@pytest.fixture
def course_index(db):
    home = HomePage.objects.get(locale=Locale.get_default())
    return publish(home, CourseIndexPage(title="Courses", slug="courses"))


@pytest.fixture
def build_course(course_index):
    counter = iter(range(1, 1000))

    def build(
        modules=(("C1", [], 2),),
        *,
        requires_attendance=False,
        is_optional=False,
        code=None,
        optional_lessons=0,
    ):
        number = next(counter)
        course = publish(
            course_index,
            CoursePage(
                title=f"Course {number}",
                slug=f"course-{number}",
                code=code or f"TST-{number}",
                summary="<p>What this course is about.</p>",
                requires_attendance=requires_attendance,
                is_optional=is_optional,
            ),
        )
        for module_code, sector_codes, lesson_count in modules:
            module = publish(
                course,
                ModulePage(
                    title=f"Module {module_code}", slug=module_code.lower(), code=module_code
                ),
            )
            if sector_codes:
                module.sectors.set(Sector.objects.filter(code__in=sector_codes))
                module.save_revision().publish()
            for index in range(1, lesson_count + 1):
                publish(
                    module,
                    LessonPage(
                        title=f"Lesson {module_code}.{index}",
                        slug=f"lesson-{index}",
                        body=paragraph(),
                    ),
                )
            for index in range(1, optional_lessons + 1):
                publish(
                    module,
                    LessonPage(
                        title=f"Optional {module_code}.{index}",
                        slug=f"optional-{index}",
                        body=paragraph(),
                        is_required=False,
                    ),
                )
        return course

    return build


@pytest.fixture
def sector_path():
    def make(sector_code, *courses, due_days=90):
        path, _ = LearningPath.objects.get_or_create(sector=Sector.objects.get(code=sector_code))
        for order, course in enumerate(courses):
            LearningPathStep.objects.create(
                path=path, course=course, due_days=due_days, sort_order=order
            )
        return path

    return make


def lessons_of(course):
    return list(LessonPage.objects.live().descendant_of(course).order_by("path"))


def workshop(course, trainer, starts_at, *, hours=3, **fields):
    """An in-person workshop of the course led by `trainer` (other fields as given)."""
    return TrainingSession.objects.create(
        course=course,
        title="Workshop",
        starts_at=starts_at,
        ends_at=starts_at + dt.timedelta(hours=hours),
        mode="in_person",
        trainer=trainer,
        **fields,
    )
