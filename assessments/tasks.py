"""The background work of assessments, run by the task worker (django-tasks)."""

from django_tasks import task

from . import analytics_figures
from .models import QuizVersion


@task()
def refresh_quiz_analytics(*, version_id: int) -> None:
    """Recompute a version's analytics figures, queued by a view that found them stale."""
    version = QuizVersion.objects.select_related("quiz").filter(pk=version_id).first()
    if version is not None:  # a version is never deleted, but a task may outlive a test run
        analytics_figures.refresh(version=version)


# Before certificates (priority 0): a trainee waits on the results page for this one.
@task(priority=50)
def mark_attempt(*, attempt_id: int) -> None:
    """Mark an attempt its trainee has handed in (services.hand_in), exactly once."""
    from . import services  # imported here: services queues this task

    services.mark_handed_in(attempt_id=attempt_id)
