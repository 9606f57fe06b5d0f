from django.urls import path

from . import completion_views, export_views, views

app_name = "certificates"

urlpatterns = [
    path("certificates/", views.my_certificates, name="mine"),
    path("certificates/transcript.pdf", views.transcript, name="transcript"),
    path("certificates/issue/", views.issue_by_hand, name="issue"),
    path("certificates/<int:pk>/download/", views.download, name="download"),
    path("certificates/bulk/<int:pk>/", views.bulk, name="bulk"),
    path("certificates/<int:pk>/", views.manage, name="manage"),
    path("certificates/<int:pk>/revoke/", views.revoke, name="revoke"),
    path("certificates/<int:pk>/reissue/", views.reissue, name="reissue"),
    path("completion/", completion_views.home, name="completion"),
    path("completion/sectors/<slug:sector>/", completion_views.sector, name="completion_sector"),
    path(
        "completion/organisations/<int:organisation_id>/",
        completion_views.organisation,
        name="completion_organisation",
    ),
    path("completion/people/<int:person_id>/", completion_views.person, name="completion_person"),
    path("completion/exports/", export_views.request_export, name="completion_export"),
    path("completion/exports/<int:pk>/", export_views.export_job, name="completion_export_job"),
    path("completion/reports/", export_views.reports, name="programme_reports"),
    path("completion/reports/<int:pk>/", export_views.report, name="programme_report"),
    path("verify/", views.verify_lookup, name="verify_lookup"),
    path("verify/<str:code>/", views.verify, name="verify"),
]
