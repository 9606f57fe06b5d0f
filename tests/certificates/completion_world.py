"""A hand-built programme whose completion figures are known exactly (docs/completion.md).

Labour inspection has two organisations: Alpha (Riyadh, 8 trainees) and Bravo (Makkah, 6); the
hotline has Charlie (Riyadh, 3 trainees: too few to show); the shelter has Delta (Riyadh, 6
trainees, nobody enrolled). Dates are relative to now, so "overdue" and "expires within 30 days"
hold whenever the tests run.

    person  org      sex  course X                   course Y     certificates (X)
    a1      Alpha    F    completed 10 days ago      -            completion (expires in 20
                                                                  days), competency (no expiry)
    a2      Alpha    F    completed 5 days ago       -            completion (in 50 days), and
                                                                  an older superseded one
    a3      Alpha    F    opened, due 5 days ago     -            completion expired yesterday
    a4      Alpha    M    opened, due in 10 days     -            competency (in 80 days)
    a5      Alpha    M    not opened, due yesterday  -            -
    a6      Alpha    M    not opened, no due date    -            -
    a7      Alpha    M    -                          -            completion revoked
    a8      Alpha    M    -                          -            -
    b1      Bravo    F    completed 100 days ago     -            completion (in 200 days)
    b2      Bravo    F    completed 3 days ago       opened       -
    b3      Bravo    M    -                          completed    -
    b4      Bravo    M    not opened                 -            -
    b5, b6  Bravo    M    -                          -            -
    c1..c3  Charlie  M    completed 4 days ago       -            -
    d1..d6  Delta    M    -                          -            -
"""

from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone

from certificates.models import Certificate
from courses.models import Enrolment, LessonPage
from lms.people.models import Organisation, Region, Sector, User
from lms.people.roles import Role
from tests.conftest import with_mfa
from tests.factories import UserFactory


@dataclass
class ProgrammeWorld:
    people: dict[str, User]
    alpha: Organisation
    bravo: Organisation
    charlie: Organisation
    delta: Organisation
    course_x: object
    course_y: object
    inspection: Sector
    hotline: Sector
    shelter: Sector
    programme_manager: User
    alpha_manager: User
    bravo_manager: User


def _organisation(name_en, name_ar, sector, region):
    return Organisation.objects.create(
        name_en=name_en,
        name_ar=name_ar,
        sector=Sector.objects.get(code=sector),
        region=Region.objects.get(code=region),
    )


def _certificate(person, course, kind, number, **fields):
    return Certificate.objects.create(
        user=person,
        course=course,
        kind=kind,
        serial=f"TEST-{number:04d}",
        context={"course_title_en": course.title, "course_title_ar": course.title},
        **fields,
    )


def build_programme(build_course) -> ProgrammeWorld:
    now = timezone.now()
    today = timezone.localdate()
    alpha = _organisation("Alpha Labour Office", "مكتب ألفا", "labour-inspection", "riyadh")
    bravo = _organisation("Bravo Labour Office", "مكتب برافو", "labour-inspection", "makkah")
    charlie = _organisation("Charlie Hotline", "خط تشارلي", "hotline", "riyadh")
    delta = _organisation("Delta Shelter", "دار دلتا", "shelter", "riyadh")
    course_x = build_course(code="CMP-X")
    course_y = build_course(code="CMP-Y")
    lesson_x = LessonPage.objects.live().descendant_of(course_x).first()
    lesson_y = LessonPage.objects.live().descendant_of(course_y).first()

    people = {}
    layout = [
        (alpha, "a", 8, {"a1", "a2", "a3"}),
        (bravo, "b", 6, {"b1", "b2"}),
        (charlie, "c", 3, set()),
        (delta, "d", 6, set()),
    ]
    for organisation, letter, count, women in layout:
        for number in range(1, count + 1):
            key = f"{letter}{number}"
            people[key] = UserFactory(
                name_en=f"Person {key.upper()}",
                name_ar=f"شخص {key}",
                email=f"{key}@completion.example",
                organisation=organisation,
                sex="female" if key in women else "male",
                date_joined=now - timedelta(days=400),
                role=Role.TRAINEE,
            )

    def enrol(key, course, *, days_ago=40, due_in=None, opened=False, completed_days_ago=None):
        Enrolment.objects.create(
            user=people[key],
            course=course,
            source=Enrolment.Source.MANAGER,
            enrolled_at=now - timedelta(days=days_ago),
            due_at=now + timedelta(days=due_in) if due_in is not None else None,
            last_lesson=(lesson_x if course == course_x else lesson_y) if opened else None,
            completed_at=now - timedelta(days=completed_days_ago)
            if completed_days_ago is not None
            else None,
        )

    enrol("a1", course_x, opened=True, completed_days_ago=10, due_in=30)
    enrol("a2", course_x, opened=True, completed_days_ago=5)
    enrol("a3", course_x, opened=True, due_in=-5)
    enrol("a4", course_x, opened=True, due_in=10)
    enrol("a5", course_x, due_in=-1)
    enrol("a6", course_x)
    enrol("b1", course_x, days_ago=200, opened=True, completed_days_ago=100)
    enrol("b2", course_x, opened=True, completed_days_ago=3)
    enrol("b2", course_y, opened=True)
    enrol("b3", course_y, opened=True, completed_days_ago=2)
    enrol("b4", course_x)
    for key in ("c1", "c2", "c3"):
        enrol(key, course_x, opened=True, completed_days_ago=4)

    completion, competency = Certificate.Kind.COMPLETION, Certificate.Kind.COMPETENCY
    issued = now - timedelta(days=5)
    _certificate(
        people["a1"], course_x, completion, 1, issued_at=issued, expires_on=today + timedelta(20)
    )
    _certificate(people["a1"], course_x, competency, 2, issued_at=issued)
    newer = _certificate(
        people["a2"], course_x, completion, 3, issued_at=issued, expires_on=today + timedelta(50)
    )
    _certificate(
        people["a2"],
        course_x,
        completion,
        4,
        issued_at=now - timedelta(days=300),
        expires_on=today + timedelta(10),
        superseded_at=issued,
        superseded_by=newer,
    )
    _certificate(
        people["a3"],
        course_x,
        completion,
        5,
        issued_at=now - timedelta(days=800),
        expires_on=today - timedelta(1),
    )
    _certificate(
        people["a4"], course_x, competency, 6, issued_at=issued, expires_on=today + timedelta(80)
    )
    _certificate(
        people["a7"], course_x, completion, 7, issued_at=issued, revoked_at=now - timedelta(1)
    )
    _certificate(
        people["b1"],
        course_x,
        completion,
        8,
        issued_at=now - timedelta(days=100),
        expires_on=today + timedelta(200),
    )

    return ProgrammeWorld(
        people=people,
        alpha=alpha,
        bravo=bravo,
        charlie=charlie,
        delta=delta,
        course_x=course_x,
        course_y=course_y,
        inspection=alpha.sector,
        hotline=charlie.sector,
        shelter=delta.sector,
        programme_manager=with_mfa(
            UserFactory(
                email="pm@completion.example", organisation=None, role=Role.PROGRAMME_MANAGER
            )
        ),
        alpha_manager=with_mfa(
            UserFactory(
                email="alpha.manager@completion.example",
                organisation=alpha,
                role=Role.ORGANISATION_MANAGER,
            )
        ),
        bravo_manager=with_mfa(
            UserFactory(
                email="bravo.manager@completion.example",
                organisation=bravo,
                role=Role.ORGANISATION_MANAGER,
            )
        ),
    )
