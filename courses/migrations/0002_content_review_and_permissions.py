"""Every page goes through a second-person review before it is published (DOMAIN.md §6), and
trainers and programme managers may author pages and run the courses' snippets."""

from django.db import migrations

AUTHOR_GROUPS = ["Trainer", "Programme manager"]
PAGE_PERMISSIONS = ["add_page", "change_page", "lock_page"]
MODEL_PERMISSIONS = {
    "Trainer": ["view_trainingsession", "add_trainingsession", "change_trainingsession"],
    "Programme manager": [
        "view_learningpath",
        "add_learningpath",
        "change_learningpath",
        "delete_learningpath",
        "view_trainingsession",
        "add_trainingsession",
        "change_trainingsession",
        "delete_trainingsession",
    ],
}


def create_review(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Page = apps.get_model("wagtailcore", "Page")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    ReviewTask = apps.get_model("courses", "FictionalContentReviewTask")

    groups = list(Group.objects.filter(name__in=AUTHOR_GROUPS))
    task_type, _ = ContentType.objects.get_or_create(
        app_label="courses", model="fictionalcontentreviewtask"
    )
    task = ReviewTask.objects.create(name="Second-person review", content_type=task_type)
    task.groups.set(groups)
    workflow = Workflow.objects.create(name="Content review")
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)

    root = Page.objects.get(depth=1)
    # Wagtail's default "Moderators approval" workflow relied on the Moderators group, which
    # Himaya's roles replace.
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
    for name, codenames in MODEL_PERMISSIONS.items():
        group = Group.objects.get(name=name)
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label="courses", codename__in=codenames)
        )
    Group.objects.get(name="Administrator").permissions.add(
        *Permission.objects.filter(content_type__app_label="courses")
    )


def remove_review(apps, schema_editor):
    apps.get_model("wagtailcore", "Workflow").objects.filter(name="Content review").delete()


class Migration(migrations.Migration):
    dependencies = [("courses", "0001_initial"), ("people", "0003_roles")]
    operations = [migrations.RunPython(create_review, remove_review)]
