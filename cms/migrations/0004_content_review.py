"""Every page (and every snippet that opts in) goes through a second-person review before it is
published (docs/domain.md); trainers and programme managers may author pages but not publish them."""

from django.db import migrations

REVIEWER_GROUPS = ["Trainer", "Programme manager"]
PAGE_PERMISSIONS = ["add_page", "change_page", "lock_page"]


def create_review(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Page = apps.get_model("wagtailcore", "Page")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    ContentReviewTask = apps.get_model("cms", "ContentReviewTask")

    groups = list(Group.objects.filter(name__in=REVIEWER_GROUPS))
    task_type, _ = ContentType.objects.get_or_create(app_label="cms", model="contentreviewtask")
    task = ContentReviewTask.objects.create(name="Second-person review", content_type=task_type)
    task.groups.set(groups)
    workflow = Workflow.objects.create(name="Content review")
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)

    root = Page.objects.get(depth=1)
    # Wagtail's default "Moderators approval" relied on the Moderators group, which Himaya's
    # roles replace.
    WorkflowPage.objects.filter(page=root).delete()
    WorkflowPage.objects.create(page=root, workflow=workflow)
    Workflow.objects.exclude(pk=workflow.pk).update(active=False)

    page_type = ContentType.objects.get(app_label="wagtailcore", model="page")
    for group in groups:
        for codename in PAGE_PERMISSIONS:
            GroupPagePermission.objects.get_or_create(
                group=group,
                page=root,
                permission=Permission.objects.get(content_type=page_type, codename=codename),
            )


def remove_review(apps, schema_editor):
    apps.get_model("wagtailcore", "Workflow").objects.filter(name="Content review").delete()


class Migration(migrations.Migration):
    dependencies = [("cms", "0003_contentreviewtask"), ("people", "0003_roles")]
    operations = [migrations.RunPython(create_review, remove_review)]
