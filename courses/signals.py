"""Domain events this app sends. Apps above listen; this app never imports them.

Each is sent inside the transaction that records the fact, so a failing receiver undoes it
(docs/architecture.md, "Domain events and transactions"). Receivers take `**kwargs`.
"""

from django.dispatch import Signal

# Sent once per enrolment, when the course is first complete. Arguments: enrolment.
course_completed = Signal()

# Sent once per enrolment, when `services.enrol` creates it; enrolling again sends nothing.
# Arguments: enrolment (its `user` and `course`, the default-locale page, are loaded).
enrolled = Signal()

# Sent once when a manager enrols many people at once (`services.enrol_people`: a search's
# choice, a whole organisation or sector), instead of `enrolled` for each, so that a listener
# handles a sector of thousands in a fixed number of queries. Sent only if someone was newly
# enrolled. Arguments: course (the default-locale CoursePage); enrolments (a lazy QuerySet of
# the new Enrolments: read it in one query, with `select_related("user")` where needed).
people_enrolled = Signal()

# Sent once per person and lesson, when `services.complete_lesson` first records the lesson
# complete (by the trainee or by a passed quiz); completing it again sends nothing.
# Arguments: user; lesson (the default-locale LessonPage); enrolment (in the lesson's course,
# with its course loaded); completed_at (aware datetime).
lesson_completed = Signal()

# Sent once per register that `services.record_attendance` saves (a register is all or nothing),
# also when it corrects earlier records. Arguments: session (TrainingSession); statuses (dict of
# user id → `Attendance.Status` value, one entry per person recorded); recorded_at (aware
# datetime). One signal per register, not per person, so that a listener can handle a whole
# workshop in a fixed number of queries.
attendance_recorded = Signal()
