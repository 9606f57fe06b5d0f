import datetime as dt

import pytest
import time_machine
from django.contrib.auth.models import Group

from cms.models import HomePage
from courses.models import CourseIndexPage, CoursePage, Enrolment, LessonPage, ModulePage
from lms.people.models import Organisation, Region, Sector
from tests.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 3, 1, 9, 0, tzinfo=dt.UTC)


def test_page_types_nest_strictly():
    assert CourseIndexPage.allowed_parent_page_models() == [HomePage]
    assert CoursePage.allowed_parent_page_models() == [CourseIndexPage]
    assert ModulePage.allowed_parent_page_models() == [CoursePage]
    assert LessonPage.allowed_parent_page_models() == [ModulePage]
    assert LessonPage.allowed_subpage_models() == []
    assert CoursePage.allowed_subpage_models() == [ModulePage]


def test_a_lesson_cannot_be_created_directly_under_a_course(build_course):
    course = build_course()
    assert not LessonPage.can_create_at(course)
    assert ModulePage.can_create_at(course)


@time_machine.travel(NOW, tick=False)
def test_new_trainee_is_enrolled_in_their_sectors_path(build_course, sector_path):
    first, second = build_course(), build_course()
    sector_path("labour-inspection", first, second, due_days=90)
    trainee = UserFactory(
        organisation=OrganisationFactory(sector=Sector.objects.get(code="labour-inspection"))
    )
    enrolments = Enrolment.objects.filter(user=trainee).order_by("course__path")
    assert [(e.course_id, e.source, e.due_at) for e in enrolments] == [
        (first.pk, "path", NOW + dt.timedelta(days=90)),
        (second.pk, "path", NOW + dt.timedelta(days=90)),
    ]


def test_changing_sector_enrols_in_the_new_path_and_keeps_the_old(build_course, sector_path):
    inspection_course, hotline_course = build_course(), build_course()
    sector_path("labour-inspection", inspection_course)
    sector_path("hotline", hotline_course)
    trainee = UserFactory(
        organisation=OrganisationFactory(sector=Sector.objects.get(code="labour-inspection"))
    )
    assert set(trainee.enrolments.values_list("course_id", flat=True)) == {inspection_course.pk}

    trainee.organisation = Organisation.objects.create(
        name_en="Hotline Two",
        name_ar="الخط الثاني",
        sector=Sector.objects.get(code="hotline"),
        region=Region.objects.get(code="riyadh"),
    )
    trainee.save()
    assert set(trainee.enrolments.values_list("course_id", flat=True)) == {
        inspection_course.pk,
        hotline_course.pk,
    }


def test_adding_a_course_to_a_path_enrols_the_sector(build_course, sector_path):
    trainee = UserFactory(
        organisation=OrganisationFactory(sector=Sector.objects.get(code="shelter"))
    )
    bystander = UserFactory(
        organisation=OrganisationFactory(sector=Sector.objects.get(code="hotline"))
    )
    course = build_course()
    sector_path("shelter", course)
    assert trainee.enrolments.filter(course=course).exists()
    assert not bystander.enrolments.exists()


def test_signing_in_does_not_touch_enrolments(build_course, sector_path, django_assert_num_queries):
    trainee = UserFactory()
    trainee.last_login = NOW
    with django_assert_num_queries(1):
        trainee.save(update_fields=["last_login"])


def test_trainer_role_can_author_but_not_publish(build_course):
    course = build_course()
    trainer = UserFactory(role="Trainer")
    assert Group.objects.get(name="Trainer") in trainer.groups.all()
    permissions = course.permissions_for_user(trainer)
    assert permissions.can_add_subpage()
    assert permissions.can_edit()
    assert not permissions.can_publish()


def test_only_trainees_follow_the_sector_path(build_course, sector_path):
    course = build_course()
    sector_path("labour-inspection", course)
    organisation = OrganisationFactory(sector=Sector.objects.get(code="labour-inspection"))
    manager = UserFactory(organisation=organisation, role="Organisation manager")
    trainee = UserFactory(organisation=organisation)
    assert not manager.enrolments.exists()
    assert trainee.enrolments.filter(course=course).exists()


def test_an_invited_trainee_is_enrolled_at_once(build_course, sector_path):
    from lms.people import services as people

    course = build_course()
    sector_path("labour-inspection", course)
    organisation = OrganisationFactory(sector=Sector.objects.get(code="labour-inspection"))
    invitation = people.invite_person(
        by=UserFactory(role="Programme manager"),
        email="new.inspector@example.org",
        name_en="New Inspector",
        name_ar="مفتش جديد",
        organisation=organisation,
        language="ar",
    )
    assert invitation.user.enrolments.filter(course=course).exists()
