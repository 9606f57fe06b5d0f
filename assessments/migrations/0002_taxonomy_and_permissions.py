"""Loads the taxonomy of docs/taxonomy.md (with the ILO → UNODC crosswalk), lets trainers and
programme managers author the bank, and sends scenarios through the second-person review."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

from assessments.taxonomy_data import CROSSWALK, FRAMEWORKS

AUTHOR_PERMISSIONS = [
    f"{action}_{model}"
    for model in ("scenario", "quiz")
    for action in ("add", "change", "view", "delete")
] + ["view_tag", "change_tag"]


def load(apps, schema_editor):
    TagFramework = apps.get_model("assessments", "TagFramework")
    TagGroup = apps.get_model("assessments", "TagGroup")
    Tag = apps.get_model("assessments", "Tag")
    order = 0
    for framework_data in FRAMEWORKS:
        framework, _ = TagFramework.objects.update_or_create(
            code=framework_data["code"],
            defaults={
                "name_en": framework_data["name"]["en"],
                "name_ar": framework_data["name"]["ar"],
                "sort_order": order,
            },
        )
        for group_data in framework_data["groups"]:
            order += 1
            group, _ = TagGroup.objects.update_or_create(
                code=group_data["code"],
                defaults={
                    "framework": framework,
                    "name_en": group_data["name"]["en"],
                    "name_ar": group_data["name"]["ar"],
                    "sort_order": order,
                },
            )
            for tag_data in group_data["tags"]:
                order += 1
                Tag.objects.update_or_create(
                    code=tag_data["code"],
                    defaults={
                        "group": group,
                        "name_en": tag_data["name"]["en"],
                        "name_ar": tag_data["name"]["ar"],
                        "sort_order": order,
                    },
                )
    for code, equivalents in CROSSWALK.items():
        Tag.objects.get(code=code).equivalents.set(Tag.objects.filter(code__in=equivalents))

    app_config = apps.get_app_config("assessments")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    authoring = Permission.objects.filter(
        content_type__app_label="assessments", codename__in=AUTHOR_PERMISSIONS
    )
    for name in ("Trainer", "Programme manager"):
        Group.objects.get(name=name).permissions.add(*authoring)
    Group.objects.get(name="Administrator").permissions.add(
        *Permission.objects.filter(content_type__app_label="assessments")
    )

    ContentType = apps.get_model("contenttypes", "ContentType")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")
    scenario_type, _ = ContentType.objects.get_or_create(app_label="assessments", model="scenario")
    WorkflowContentType.objects.update_or_create(
        content_type=scenario_type,
        defaults={"workflow": Workflow.objects.get(name="Content review")},
    )


class Migration(migrations.Migration):
    dependencies = [
        ("assessments", "0001_initial"),
        ("cms", "0004_content_review"),
        ("people", "0003_roles"),
    ]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
