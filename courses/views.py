from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Exists, OuterRef
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.http import require_POST

from cms.locales import page_in_default_locale
from lms.keyset import cursor, keyset_page
from lms.people import services as people_services
from lms.people.access import CheckMixin, visible_organisations, visible_people
from lms.people.models import Organisation, Sector

from . import services
from .access import can_enrol_others, can_enrol_sectors
from .attendance_import import read_attendance
from .forms import (
    AddParticipantForm,
    AttendanceUploadForm,
    EnrolChosenPeopleForm,
    EnrolGroupForm,
    PeopleSearchForm,
)
from .models import Attendance, CoursePage, Enrolment, LessonPage, TrainingSession

# The page lists at most this many of an import's problems, with their total count.
IMPORT_ERRORS_SHOWN = 100


@login_required
def dashboard(request):
    enrolments = services.dashboard_enrolments(user=request.user)
    organisation = (
        Organisation.objects.select_related("sector", "region")
        .filter(pk=request.user.organisation_id)
        .first()
    )
    if organisation is not None:
        # progress_for reads the person's sector from it: not a second time.
        request.user.organisation = organisation
    progress = services.progress_for(user=request.user, enrolments=enrolments)
    open_items = [
        item
        for item in progress
        if item.enrolment.completed_at is None or item.lessons_missing_since_completion
    ]
    move = services.latest_sector_move(user=request.user) if open_items else None
    return render(
        request,
        "courses/dashboard.html",
        {
            "organisation": organisation,
            "courses": progress,
            # Said while the path asks for more: what changed and what it requires now.
            "sector_move": move,
            "still_required": open_items,
        },
    )


def catalogue(request):
    """The header's "Courses": the catalogue page in the reader's language, wherever editors
    put it in the page tree (the header links here, so it reads no page on every request)."""
    index = services.catalogue_page(language=get_language())
    if index is None:
        raise Http404
    return redirect(index.url)


@require_POST
@login_required
def complete_lesson(request, lesson_id):
    lesson = LessonPage.objects.live().filter(pk=lesson_id).first()
    if lesson is None:
        raise Http404
    try:
        services.complete_lesson(user=request.user, lesson=lesson)
    except services.CourseError as error:
        messages.error(request, str(error))
        return redirect(lesson.get_parent().get_parent().url)
    messages.success(request, _("Lesson marked as complete."))
    course = CoursePage.objects.ancestor_of(lesson).first()
    _previous, following = services.lesson_sequence(lesson=lesson, course=course)
    return redirect(following.url)


@require_POST
@login_required
def self_enrol(request, course_id):
    course = CoursePage.objects.live().filter(pk=course_id).first()
    if course is None:
        raise Http404
    try:
        services.self_enrol(user=request.user, course=course)
    except services.CourseError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("You are enrolled. Welcome to the course."))
    return redirect(course.url)


@require_POST
@login_required
def register_for_session(request, session_id):
    session = get_object_or_404(TrainingSession, pk=session_id)
    try:
        services.register_for_session(user=request.user, session=session)
    except services.CourseError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("You are registered for this session."))
    return redirect(session.course.localized.url)


class EnrolPeopleView(CheckMixin, View):
    """Enrolling others, as Moodle's "Enrol users" does it: find people by name or email (a
    page of results at a time, never a list of everyone) and tick them; or enrol a whole
    organisation or sector, after a confirmation that says how many people that is. Organisation
    managers find and enrol their own organisation's people only. A fixed number of queries
    whatever the number of people (pinned by a test)."""

    template_name = "courses/enrol_people.html"
    results_per_page = 20

    def has_access(self, request, course_id) -> bool:
        if not can_enrol_others(request.user):
            return False
        self.course = get_object_or_404(CoursePage.objects.live(), pk=course_id)
        return True

    def people(self):
        return visible_people(self.request.user).filter(is_active=True)

    def group_form(self, data=None) -> EnrolGroupForm:
        user = self.request.user
        return EnrolGroupForm(
            data,
            organisations=visible_organisations(user),
            sectors=Sector.objects.all() if can_enrol_sectors(user) else Sector.objects.none(),
        )

    def search(self, search_form: PeopleSearchForm, params):
        """A page of the people matching the search, each marked if already enrolled."""
        if not search_form.is_valid() or not search_form.cleaned_data["q"]:
            return None
        query = search_form.cleaned_data["q"]
        matches = people_services.matching(self.people(), query).annotate(
            is_enrolled=Exists(
                Enrolment.objects.filter(
                    user=OuterRef("pk"), course=page_in_default_locale(self.course)
                )
            )
        )
        return keyset_page(
            matches,
            order="name_en",
            size=self.results_per_page,
            after=cursor(params.get("after")),
            before=cursor(params.get("before")),
        )

    def render_page(self, *, query_source, chosen_form=None, group_form=None, status=200):
        search_form = PeopleSearchForm({"q": query_source.get("q", "").strip()})
        group_form = group_form or self.group_form()
        confirmation = None
        if group_form.is_bound and group_form.is_valid():
            people, enrolled = services.group_counts(
                people=group_form.group(self.people()), course=self.course
            )
            confirmation = {
                "name": group_form.group_name,
                "people": people,
                "enrolled": enrolled,
                "newcomers": people - enrolled,
                "organisation": group_form.cleaned_data["organisation"],
                "sector": group_form.cleaned_data["sector"],
            }
        query = search_form.data["q"]
        context = {
            "course": self.course,
            "search_form": search_form,
            "query": query,
            "query_string": urlencode({"q": query}) if query else "",
            "results": self.search(search_form, query_source),
            "chosen_form": chosen_form or EnrolChosenPeopleForm(people=self.people()),
            "group_form": group_form,
            "confirmation": confirmation,
            "may_enrol_sectors": can_enrol_sectors(self.request.user),
        }
        if search_form.errors and status == 200:
            status = 400
        return render(self.request, self.template_name, context, status=status)

    def get(self, request, course_id):
        group_form = None
        if request.GET.get("organisation") or request.GET.get("sector"):
            group_form = self.group_form(request.GET)
        status = 400 if group_form is not None and not group_form.is_valid() else 200
        return self.render_page(query_source=request.GET, group_form=group_form, status=status)

    def post(self, request, course_id):
        action = request.POST.get("action")
        if action == "people":
            form = EnrolChosenPeopleForm(request.POST, people=self.people())
            if not form.is_valid():
                return self.render_page(query_source=request.POST, chosen_form=form, status=400)
            people = self.people().filter(pk__in=[p.pk for p in form.cleaned_data["people"]])
            asked = len(form.cleaned_data["people"])
        elif action == "group":
            form = self.group_form(request.POST)
            if not form.is_valid():
                return self.render_page(query_source=request.POST, group_form=form, status=400)
            people = form.group(self.people())
            asked, _enrolled = services.group_counts(people=people, course=self.course)
        else:
            messages.error(request, _("Choose people or a group to enrol."))
            return self.render_page(query_source=request.POST, status=400)
        count = services.enrol_people(
            people=people,
            course=self.course,
            by=request.user,
            due_days=form.cleaned_data["due_days"],
        )
        messages.success(
            request,
            ngettext("%(count)d person was enrolled.", "%(count)d people were enrolled.", count)
            % {"count": count},
        )
        if asked > count:
            messages.info(
                request,
                ngettext(
                    "%(count)d was already enrolled.",
                    "%(count)d were already enrolled.",
                    asked - count,
                )
                % {"count": asked - count},
            )
        url = reverse("courses:enrol_people", args=[self.course.pk])
        query = request.POST.get("q", "").strip()
        return redirect(f"{url}?{urlencode({'q': query})}" if query else url)


class SessionView(CheckMixin, View):
    """A view of one training session for the people who may act on it; anyone else gets a
    404, so ids of other people's sessions reveal nothing."""

    refusal = Http404

    def may_open(self, user) -> bool:
        return services.can_run_register(user=user, session=self.session)

    def has_access(self, request, session_id) -> bool:
        self.session = get_object_or_404(
            TrainingSession.objects.select_related("course", "trainer"), pk=session_id
        )
        return self.may_open(request.user)


class AttendanceView(SessionView):
    template_name = "courses/attendance.html"

    def context(self, **extra):
        rows = services.session_roster(session=self.session)
        return {
            "session": self.session,
            "rows": rows,
            "seats_taken": len(rows),
            "attendance_open": services.attendance_is_open(session=self.session),
            "statuses": Attendance.Status.choices,
            "upload_form": AttendanceUploadForm(),
            "participant_form": AddParticipantForm(),
            **extra,
        }

    def get(self, request, session_id):
        return render(request, self.template_name, self.context())

    def refuse(self, message, **extra):
        return render(
            request=self.request,
            template_name=self.template_name,
            context=self.context(error=message, **extra),
            status=400,
        )

    def post(self, request, session_id):
        statuses = {}
        for key, value in request.POST.items():
            if key.startswith("status-") and value:
                user_id = key.removeprefix("status-")
                if not user_id.isdigit():
                    return self.refuse(_("The register was not recognised."))
                statuses[int(user_id)] = value
        try:
            count = services.record_attendance(
                session=self.session, by=request.user, statuses=statuses
            )
        except services.CourseError as error:
            return self.refuse(str(error))
        messages.success(
            request,
            ngettext(
                "Attendance recorded for %(count)d person.",
                "Attendance recorded for %(count)d people.",
                count,
            )
            % {"count": count},
        )
        return redirect("courses:attendance", session_id=self.session.pk)


class AttendanceUploadView(AttendanceView):
    def post(self, request, session_id):
        form = AttendanceUploadForm(request.POST, request.FILES)
        if not services.attendance_is_open(session=self.session):
            return self.refuse(
                _("Attendance can be recorded once the session has started, not before.")
            )
        if not form.is_valid():
            return render(request, self.template_name, self.context(upload_form=form), status=400)
        upload = form.cleaned_data["file"]
        result = read_attendance(upload.name, upload.read(), session=self.session)
        if result.errors:
            return render(
                request,
                self.template_name,
                self.context(
                    upload_form=form,
                    import_errors=result.errors[:IMPORT_ERRORS_SHOWN],
                    import_error_count=len(result.errors),
                ),
                status=400,
            )
        try:
            services.record_attendance(
                session=self.session, by=request.user, statuses=result.statuses
            )
        except services.CourseError as error:
            return self.refuse(str(error), upload_form=form)
        messages.success(
            request,
            ngettext(
                "Attendance imported for %(count)d person.",
                "Attendance imported for %(count)d people.",
                len(result.statuses),
            )
            % {"count": len(result.statuses)},
        )
        return redirect("courses:attendance", session_id=self.session.pk)


class AddParticipantView(SessionView):
    """Put someone enrolled in the course on the register: the session's trainer, a programme
    manager, or an organisation manager for their own staff. Organisation managers get this
    page only, never the register."""

    template_name = "courses/add_participant.html"

    def may_open(self, user) -> bool:
        return services.can_add_participants(user=user, session=self.session)

    def render_form(self, form, status=200):
        return render(
            self.request,
            self.template_name,
            {
                "session": self.session,
                "form": form,
                "runs_register": services.can_run_register(
                    user=self.request.user, session=self.session
                ),
            },
            status=status,
        )

    def get(self, request, session_id):
        return self.render_form(AddParticipantForm())

    def post(self, request, session_id):
        form = AddParticipantForm(request.POST)
        if not form.is_valid():
            return self.render_form(form, status=400)
        try:
            registration = services.add_participant(
                session=self.session, email=form.cleaned_data["email"], by=request.user
            )
        except services.CourseError as error:
            form.add_error("email", str(error))
            return self.render_form(form, status=400)
        messages.success(
            request,
            _("%(name)s is now registered for this session.")
            % {"name": registration.user.full_name},
        )
        if services.can_run_register(user=request.user, session=self.session):
            return redirect("courses:attendance", session_id=self.session.pk)
        return redirect("courses:add_participant", session_id=self.session.pk)
