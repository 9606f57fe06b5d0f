from django.urls import path

from . import views

app_name = "courses"

urlpatterns = [
    path("dashboard/", views.dashboard, name="dashboard"),
    path("learning/courses/", views.catalogue, name="catalogue"),
    path("learning/lessons/<int:lesson_id>/complete/", views.complete_lesson, name="complete"),
    path("learning/courses/<int:course_id>/enrol/", views.self_enrol, name="self_enrol"),
    path(
        "learning/courses/<int:course_id>/enrol-people/",
        views.EnrolPeopleView.as_view(),
        name="enrol_people",
    ),
    path(
        "learning/sessions/<int:session_id>/register/",
        views.register_for_session,
        name="register",
    ),
    path(
        "learning/sessions/<int:session_id>/attendance/",
        views.AttendanceView.as_view(),
        name="attendance",
    ),
    path(
        "learning/sessions/<int:session_id>/participants/add/",
        views.AddParticipantView.as_view(),
        name="add_participant",
    ),
    path(
        "learning/sessions/<int:session_id>/attendance/import/",
        views.AttendanceUploadView.as_view(),
        name="attendance_import",
    ),
]
