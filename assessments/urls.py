from django.urls import path

from . import views

app_name = "assessments"

urlpatterns = [
    path("quizzes/<int:quiz_id>/", views.quiz_detail, name="quiz"),
    path("quizzes/<int:quiz_id>/start/", views.start, name="start"),
    path("quizzes/<int:quiz_id>/preview/", views.preview, name="preview"),
    path("quizzes/<int:quiz_id>/analytics/", views.quiz_analytics, name="analytics"),
    path("quizzes/attempts/<int:attempt_id>/", views.take, name="take"),
    path("quizzes/attempts/<int:attempt_id>/save/", views.save, name="save"),
    path("quizzes/attempts/<int:attempt_id>/submit/", views.submit, name="submit"),
    path("quizzes/attempts/<int:attempt_id>/review/", views.review, name="review"),
]
