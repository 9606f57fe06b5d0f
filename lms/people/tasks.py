from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django_tasks import task

from . import services
from .models import Invitation, InvitationImport
from .tokens import invitation_tokens


def invitation_link(user) -> str:
    path = reverse(
        "people:accept_invitation",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": invitation_tokens.make_token(user),
        },
    )
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


@task()
def send_invitation_email(*, invitation_id: int) -> None:
    invitation = Invitation.objects.select_related("user").filter(pk=invitation_id).first()
    if invitation is None or invitation.is_accepted:
        return
    user = invitation.user
    with translation.override(user.preferred_language):
        context = {
            "user": user,
            "link": invitation_link(user),
            "valid_days": settings.HIMAYA_INVITATION_VALID_DAYS,
        }
        subject = render_to_string("people/email/invitation_subject.txt", context).strip()
        body = render_to_string("people/email/invitation_message.txt", context)
    send_mail(subject, body, None, [user.email])
    Invitation.objects.filter(pk=invitation.pk).update(sent_at=timezone.now())


@task()
def run_invitation_import_task(*, job_id: int) -> None:
    job = InvitationImport.objects.select_related("uploaded_by").filter(pk=job_id).first()
    if job is not None:
        services.run_invitation_import(job=job)
