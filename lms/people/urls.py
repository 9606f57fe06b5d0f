from django.urls import path

from . import views

app_name = "people"

urlpatterns = [
    path("people/", views.PeopleListView.as_view(), name="list"),
    path("people/<int:pk>/", views.PersonDetailView.as_view(), name="detail"),
    path(
        "people/<int:pk>/resend-invitation/",
        views.ResendInvitationView.as_view(),
        name="resend_invitation",
    ),
    path("people/invite/", views.InviteView.as_view(), name="invite"),
    path("people/invite/upload/", views.InvitationUploadView.as_view(), name="invite_upload"),
    path(
        "people/invite/upload/<int:pk>/",
        views.InvitationImportView.as_view(),
        name="invite_upload_job",
    ),
    path(
        "people/invite/upload/errors.csv",
        views.UploadErrorReportView.as_view(),
        name="invite_upload_errors",
    ),
    path(
        "people/invite/upload/template.csv",
        views.UploadTemplateView.as_view(),
        name="invite_upload_template",
    ),
    # Before the token route, which would otherwise take "set-password" for a token.
    path(
        "accounts/invitation/<str:uidb64>/set-password/",
        views.SetInvitationPasswordView.as_view(),
        name="accept_invitation_set_password",
    ),
    path(
        "accounts/invitation/<str:uidb64>/<str:token>/",
        views.AcceptInvitationView.as_view(),
        name="accept_invitation",
    ),
]
