"""The people and objects the leak matrix asks about, built once per test module.

Every object the matrix requests belongs to someone who is *not* the requesting role, except
where a column is the owner on purpose (trainee B owns the certificate, attempt and person
record; the programme manager owns the bulk-ZIP job and the invitation upload), so that each such
row also proves its URL works for the one person who may open it.
"""

import datetime as dt
import io
from dataclasses import dataclass, field

from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.admin.models import EditingSession
from wagtail.contrib.redirects.models import Redirect
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, Locale, Site, Task, UploadedFile, Workflow

from assessments import services as assessments
from assessments.models import Quiz, QuizItem, Tag
from certificates import services as certificates
from certificates.api_tokens import issue_api_token
from certificates.models import (
    BulkDownload,
    Certificate,
    CertificateTemplate,
    CompletionExport,
    ProgrammeReport,
    SectorTarget,
)
from cms.models import HomePage, StandardPage
from courses import services as courses
from courses.models import (
    Attendance,
    CourseIndexPage,
    CoursePage,
    LearningPath,
    LearningPathStep,
    LessonPage,
    ModulePage,
    SessionRegistration,
    TrainingSession,
)
from lms.people import services as people
from lms.people.invitation_import import InvitationRow
from lms.people.models import InvitationImport, Region, Sector, User
from lms.people.roles import Role
from lms.people.tokens import invitation_tokens
from tests.conftest import with_mfa
from tests.course_fixtures import paragraph, publish
from tests.factories import OrganisationFactory, UserFactory
from tests.quiz_fixtures import PERFECT, SCENARIO

# The columns of the matrix, in the order the table lists them.
ROLES = (
    "anonymous",
    "trainee_a",
    "trainee_b",
    "trainer",
    "org_manager",
    "programme_manager",
    "administrator",
)


@dataclass
class World:
    users: dict[str, User]
    objects: dict[str, object]
    # What each role must never read in any response, whatever the URL: other people's names,
    # email addresses and certificate serials that the role has no reason to see.
    secrets: dict[str, dict[str, str]] = field(default_factory=dict)

    def __getattr__(self, name):
        try:
            return self.objects[name]
        except KeyError:
            raise AttributeError(name) from None


def _person(name_en, name_ar, email, organisation, role, **extra):
    user = UserFactory(
        name_en=name_en, name_ar=name_ar, email=email, organisation=organisation, role=role, **extra
    )
    return with_mfa(user) if role != Role.TRAINEE else user


def _png() -> ContentFile:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (16, 16), "teal").save(buffer, "PNG")
    return ContentFile(buffer.getvalue(), name="someone-elses.png")


def build_world() -> World:
    now = timezone.now()
    hotline = Sector.objects.get(code="hotline")
    inspection = Sector.objects.get(code="labour-inspection")
    org_a = OrganisationFactory(
        name_en="Alpha Labour Office",
        name_ar="مكتب ألفا",
        sector=inspection,
        region=Region.objects.get(code="riyadh"),
    )
    org_b = OrganisationFactory(
        name_en="Bravo Hotline Centre",
        name_ar="مركز برافو",
        sector=hotline,
        region=Region.objects.get(code="makkah"),
    )
    users = {
        "trainee_a": _person(
            "Amal Alpha", "أمل ألفا", "amal.alpha@org-a.example", org_a, "Trainee"
        ),
        "trainee_b": _person(
            "Badr Bravo", "بدر برافو", "badr.bravo@org-b.example", org_b, "Trainee"
        ),
        "trainer": _person(
            "Tariq Trainer", "طارق المدرب", "tariq.trainer@himaya.example", None, Role.TRAINER
        ),
        "org_manager": _person(
            "Mona Manager",
            "منى المديرة",
            "mona.manager@org-a.example",
            org_a,
            Role.ORGANISATION_MANAGER,
        ),
        "programme_manager": _person(
            "Paul Programme",
            "بولس البرنامج",
            "paul.pm@himaya.example",
            None,
            Role.PROGRAMME_MANAGER,
        ),
        "administrator": _person(
            "Adel Admin",
            "عادل المسؤول",
            "adel.admin@himaya.example",
            None,
            Role.ADMINISTRATOR,
            is_staff=True,
            is_superuser=True,
        ),
    }
    other_trainer = _person(
        "Olga Othertrainer", "علياء المدربة", "olga.trainer@himaya.example", None, Role.TRAINER
    )
    invitation = people.invite_person(
        by=users["programme_manager"],
        email="ines.invited@org-b.example",
        name_en="Ines Invited",
        name_ar="إيناس المدعوة",
        organisation=org_b,
        language="en",
    )
    invited = invitation.user
    # The programme manager's upload of one person (run at once by the immediate task backend).
    invitation_import = people.queue_invitation_import(
        by=users["programme_manager"],
        rows=[
            InvitationRow(
                row=2,
                email="ulla.uploaded@org-b.example",
                name_en="Ulla Uploaded",
                name_ar="علا المرفوعة",
                organisation=org_b,
                language="ar",
            )
        ],
    )

    # A published course: one module, one lesson; trainee B completes it and holds its certificate.
    home = HomePage.objects.get(locale=Locale.get_default())
    index = CourseIndexPage.objects.first() or publish(
        home, CourseIndexPage(title="Courses", slug="courses")
    )
    course = publish(
        index,
        CoursePage(
            title="Leak Matrix Course",
            slug="leak-matrix-course",
            code="LKM-101",
            summary="<p>Identification basics.</p>",
        ),
    )
    module = publish(course, ModulePage(title="Module LK", slug="lk", code="LK"))
    lesson = publish(module, LessonPage(title="Lesson LK.1", slug="lesson-1", body=paragraph()))
    courses.enrol(user=users["trainee_b"], course=course, source="manager")
    courses.complete_lesson(user=users["trainee_b"], lesson=lesson)
    certificate = Certificate.objects.get(user=users["trainee_b"], course=course)

    # The course's scenario final, taken and submitted by trainee B.
    (scenario,) = assessments.import_scenarios(scenarios=[SCENARIO], publish=True)
    quiz = Quiz(code="QZ-LEAK", title_en="Leak final", title_ar="اختبار", kind="final")
    quiz.save()
    QuizItem.objects.create(quiz=quiz, scenario=scenario, sort_order=0)
    quiz.save_revision().publish()
    quiz.refresh_from_db()
    course.final_quiz = quiz
    course.save_revision().publish()
    attempt = assessments.start_attempt(user=users["trainee_b"], quiz=quiz)
    for key, answer in PERFECT.items():
        assessments.save_answer(attempt=attempt, user=users["trainee_b"], key=key, answer=answer)
    attempt = assessments.submit_attempt(attempt=attempt)

    # The other trainer's session (it has started), with trainee B registered and present.
    session = TrainingSession.objects.create(
        course=course,
        title="Olga's identification workshop",
        starts_at=now - dt.timedelta(days=2),
        ends_at=now - dt.timedelta(days=2) + dt.timedelta(hours=3),
        mode="in_person",
        place="Room 7",
        trainer=other_trainer,
        capacity=10,
    )
    SessionRegistration.objects.create(session=session, user=users["trainee_b"])
    Attendance.objects.create(
        session=session, user=users["trainee_b"], status="present", recorded_by=other_trainer
    )

    path = LearningPath.objects.create(sector=hotline)
    LearningPathStep.objects.create(path=path, course=course, due_days=90, sort_order=0)

    # The programme manager's ZIP of certificates (built at once by the immediate task backend).
    job = certificates.request_bulk_download(
        certificate_ids=[certificate.pk], by=users["programme_manager"]
    )
    # The programme manager's completion export and programme report of the whole programme.
    completion_export = CompletionExport.objects.create(
        requested_by=users["programme_manager"],
        format=CompletionExport.Format.CSV,
        table=CompletionExport.Table.SECTORS,
        state=CompletionExport.State.DONE,
        file=ContentFile(b"Code,Sector\r\n", name="completion.csv"),
    )
    programme_report = ProgrammeReport.objects.create(
        requested_by=users["programme_manager"],
        state=ProgrammeReport.State.DONE,
        pdf=ContentFile(b"%PDF-1.4\n", name="report.pdf"),
    )

    # Content and media that the other trainer uploaded or drafted.
    collection = Collection.get_first_root_node().add_child(name="Olga's collection")
    image = get_image_model().objects.create(
        title="Olga's photo", file=_png(), uploaded_by_user=other_trainer, collection=collection
    )
    document = get_document_model().objects.create(
        title="Olga's handout",
        file=ContentFile(b"handout", name="handout.txt"),
        uploaded_by_user=other_trainer,
        collection=collection,
    )
    uploaded_image = UploadedFile.objects.create(
        file=_png(),
        for_content_type=ContentType.objects.get_for_model(get_image_model()),
        uploaded_by_user=other_trainer,
    )
    uploaded_document = UploadedFile.objects.create(
        file=ContentFile(b"draft", name="draft.txt"),
        for_content_type=ContentType.objects.get_for_model(get_document_model()),
        uploaded_by_user=other_trainer,
    )
    draft = StandardPage(title="Olga's draft page", slug="olgas-draft", owner=other_trainer)
    home.add_child(instance=draft)
    revision = draft.save_revision(user=other_trainer)
    workflow = Workflow.objects.get(name="Content review")
    page_workflow = workflow.start(draft, other_trainer)
    scenario_workflow = workflow.start(scenario, other_trainer)
    editing_session = EditingSession.objects.create(
        user=other_trainer,
        content_type=ContentType.objects.get_for_model(CoursePage),
        object_id=str(course.pk),
        last_seen_at=now,
    )

    image.tags.add("leaflet")
    template = CertificateTemplate.objects.get(pk=certificate.template_id)
    template.save_revision(user=users["programme_manager"])

    # The hotline's target for this year, set by the programme manager.
    sector_target = SectorTarget.objects.create(
        sector=hotline,
        period_start=dt.date(now.year, 1, 1),
        period_end=dt.date(now.year, 12, 31),
        people_to_complete=40,
        set_by=users["programme_manager"],
    )

    # API keys issued by the administrator: the programme's, and organisation A's (its scope is
    # the org_manager column's).
    api_token, programme_key = issue_api_token(
        name="Donor portal", organisation=None, by=users["administrator"]
    )
    _org_a_token, org_a_key = issue_api_token(
        name="Alpha dashboard", organisation=org_a, by=users["administrator"]
    )

    objects = {
        "org_a": org_a,
        "org_b": org_b,
        "other_trainer": other_trainer,
        "invited": invited,
        "invitation_uid": people_uid(invited),
        "invitation_token": invitation_tokens.make_token(invited),
        "course_index": index,
        "course": course,
        "module": module,
        "lesson": lesson,
        "certificate": certificate,
        "certificate_template": template,
        "scenario": scenario,
        "quiz": quiz,
        "tag": Tag.objects.order_by("pk").first(),
        "attempt": attempt,
        "session": session,
        "learning_path": path,
        "bulk_job": BulkDownload.objects.get(pk=job.pk),
        "completion_export": completion_export,
        "programme_report": programme_report,
        "invitation_import": InvitationImport.objects.get(pk=invitation_import.pk),
        "collection": collection,
        "image": image,
        "document": document,
        "uploaded_image": uploaded_image,
        "uploaded_document": uploaded_document,
        "draft": draft,
        "draft_revision": revision,
        "workflow": workflow,
        "task": Task.objects.get(pk=workflow.workflow_tasks.first().task_id),
        "page_workflow": page_workflow,
        "page_task_state": page_workflow.current_task_state,
        "scenario_workflow": scenario_workflow,
        "scenario_task_state": scenario_workflow.current_task_state,
        "editing_session": editing_session,
        "redirect": Redirect.objects.create(old_path="/old-leaflet", redirect_link="/"),
        "site": Site.objects.get(is_default_site=True),
        "locale": Locale.get_default(),
        "group": Group.objects.get(name=Role.TRAINEE),
        "sector": hotline,
        "sector_target": sector_target,
        "api_token": api_token,
        "api_keys": {"programme key": programme_key, "org_a key": org_a_key},
        "region": org_b.region,
    }

    def facts(label, user):
        return {
            f"{label} name": user.name_en,
            f"{label} Arabic name": user.name_ar,
            f"{label} email": user.email,
        }

    trainee_a, trainee_b = users["trainee_a"], users["trainee_b"]
    trainees = {
        **facts("trainee_a", trainee_a),
        **facts("trainee_b", trainee_b),
        **facts("invited", invited),
    }
    serial = {"trainee_b certificate serial": certificate.serial}
    return World(
        users=users,
        objects=objects,
        secrets={
            "anonymous": {**trainees, **facts("org_manager", users["org_manager"]), **serial},
            "trainee_a": {**facts("trainee_b", trainee_b), **facts("invited", invited), **serial},
            "trainee_b": {**facts("trainee_a", trainee_a), **facts("invited", invited)},
            # Trainers see the people of their own sessions only, and their own sessions only.
            "trainer": {**trainees, **serial, "other trainer's session": session.title},
            "org_manager": {**facts("trainee_b", trainee_b), **facts("invited", invited), **serial},
            "programme_manager": {},
            "administrator": {},
        },
    )


def people_uid(user) -> str:
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    return urlsafe_base64_encode(force_bytes(user.pk))
