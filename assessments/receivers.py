from django.dispatch import receiver
from wagtail.signals import published

from . import services
from .models import Quiz


@receiver(published, sender=Quiz, dispatch_uid="assessments.freeze_on_publish")
def freeze_published_quiz(sender, instance, revision=None, **kwargs):
    services.freeze_version(quiz=instance, by=getattr(revision, "user", None))
