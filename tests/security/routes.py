"""Every URL pattern of the product, read from the resolver, and a concrete path for each one.

The path of a pattern names the objects of `world.World` that belong to someone else: its
parameters are filled from the pattern's name and the parameter's name (see `_value`).
"""

import re
import uuid
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.exceptions import Resolver404
from django.urls.resolvers import LocalePrefixPattern
from django.utils.regex_helper import normalize
from django_tasks_db.models import DBTaskResult


@dataclass(frozen=True)
class Route:
    key: str  # "namespace:name", or for unnamed patterns the route itself, e.g. "favicon.ico"
    route: str  # the whole pattern as written, e.g. "en/people/<int:pk>/"
    regex: str
    pattern: URLPattern

    @property
    def params(self) -> list[str]:
        return normalize(self.regex)[0][1]


def _regex(pattern) -> str:
    if isinstance(pattern, LocalePrefixPattern):
        return "en/"
    return pattern.regex.pattern.removeprefix("^").removesuffix(r"\Z").removesuffix("$")


def _route(pattern) -> str:
    return "en/" if isinstance(pattern, LocalePrefixPattern) else str(pattern)


def _walk(patterns, regex, route, namespace):
    for entry in patterns:
        inner_regex = regex + _regex(entry.pattern)
        inner_route = route + _route(entry.pattern)
        if isinstance(entry, URLResolver):
            inner_ns = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _walk(entry.url_patterns, inner_regex, inner_route, inner_ns)
        elif isinstance(entry, URLPattern):
            key = f"{namespace}{entry.name}" if entry.name else inner_route
            yield Route(key=key, route=inner_route, regex=inner_regex, pattern=entry)


def all_routes() -> list[Route]:
    return list(_walk(get_resolver().url_patterns, "", "", ""))


SNIPPET_NAMESPACE = re.compile(r"^wagtailsnippet(?:s|choosers)_(?P<app>[a-z]+)_(?P<model>[a-z]+):")
ADMIN_MODEL = re.compile(r"^django-admin/(?P<app>\w+)/(?P<model>\w+)/")


def _snippet(world, model: str):
    return {
        "organisation": world.org_b,
        "sector": world.sector,
        "region": world.region,
        "scenario": world.scenario,
        "quiz": world.quiz,
        "tag": world.tag,
        "learningpath": world.learning_path,
        "trainingsession": world.session,
        "certificate": world.certificate,
        "certificatetemplate": world.certificate_template,
    }[model]


def _django_admin_object(world, app: str, model: str):
    from django.apps import apps

    if (app, model) == ("people", "user"):
        return world.users["trainee_b"]
    if (app, model) == ("people", "organisation"):
        return world.org_b
    if (app, model) == ("people", "invitation"):
        return world.invited.invitation
    if (app, model) == ("account", "emailaddress"):
        return world.users["trainee_b"].emailaddress_set.get()
    if (app, model) == ("mfa", "authenticator"):
        return world.other_trainer.authenticator_set.first()
    if (app, model) == ("auth", "group"):
        return world.group
    if (app, model) == ("wagtailimages", "image"):
        return world.image
    if (app, model) == ("wagtaildocs", "document"):
        return world.document
    if (app, model) == ("django_tasks_database", "dbtaskresult"):
        # The test settings run tasks at once, so the queue table is empty: a made-up id.
        return DBTaskResult(pk=uuid.UUID(int=8))
    if (app, model) == ("people", "sector"):
        return world.sector
    if (app, model) == ("people", "region"):
        return world.region
    return apps.get_model(app, model).objects.order_by("pk").first()


def _value(world, route: Route, param: str):
    key, path = route.key, route.route
    if match := SNIPPET_NAMESPACE.match(key):
        obj = _snippet(world, match["model"])
        if param == "pk":
            return obj.pk
        if param == "revision_id":
            return obj.latest_revision.pk
        if param == "revision_id_a":
            return "earliest"
        if param == "revision_id_b":
            return "latest"
        if param == "task_state_id":
            return world.scenario_task_state.pk
        if param == "workflow_state_id":
            return world.scenario_workflow.pk
        if param == "action_name":
            return "approve"
    if path.startswith("django-admin/"):
        if param == "app_label":
            return "people"
        if param == "url":
            return "no-such-page/"
        if param == "content_type_id":
            from django.contrib.contenttypes.models import ContentType

            return ContentType.objects.get_for_model(type(world.course)).pk
        if param == "object_id" and path.startswith("django-admin/r/"):
            return world.course.pk
        if match := ADMIN_MODEL.match(path):
            obj = _django_admin_object(world, match["app"], match["model"])
            if param in {"object_id", "id"}:
                return obj.pk
    if key.startswith("wagtailadmin_api:"):
        return {
            "pk": world.draft.pk
            if ":pages:" in key
            else world.image.pk
            if ":images:" in key
            else world.document.pk,
            "action_name": "copy",
        }[param]
    if key.startswith("wagtailadmin_workflows:"):
        return {
            "pk": world.task.pk if "task" in key else world.workflow.pk,
            "page_pk": world.draft.pk,
            "workflow_pk": world.workflow.pk,
            "task_id": world.task.pk,
            "app_label": "cms",
            "model_name": "contentreviewtask",
        }[param]
    if key.startswith("wagtailusers_users:"):
        return world.users["trainee_b"].pk
    if key.startswith("wagtailusers_groups:"):
        return world.group.pk
    if key.startswith("wagtailsites:"):
        return world.site.pk
    if key.startswith("wagtaillocales:"):
        return world.locale.pk
    if key.startswith("wagtailadmin_collections:"):
        return world.collection.pk
    if key.startswith("wagtailsettings:"):
        return {"app_name": "cms", "model_name": "homepage", "pk": world.site.pk}[param]
    if key == "wagtail_bulk_action":
        return {"app_label": "certificates", "model_name": "certificate", "action": "download_zip"}[
            param
        ]
    if key == "simple_translation:submit_snippet_translation":
        return {"app_label": "assessments", "model_name": "scenario", "pk": world.scenario.pk}[
            param
        ]
    if key == "wagtailadmin_editing_sessions:ping":
        return {
            "app_label": "courses",
            "model_name": "coursepage",
            "object_id": world.course.pk,
            "session_id": world.editing_session.pk,
        }[param]
    if key == "wagtailadmin_tag_model_autocomplete":
        return {"app_name": "wagtailimages", "model_name": "image"}[param]
    if key == "wagtaildocs_serve":
        return {"_0": world.document.pk, "_1": world.document.filename}[param]
    if key == "wagtail_serve":
        return world.lesson.url_path.removeprefix(world.site.root_page.url_path)
    if key == "people:accept_invitation":
        return {"uidb64": world.invitation_uid, "token": world.invitation_token}[param]
    if key == "certificates:bulk":
        return world.bulk_job.pk
    if key == "certificates:completion_export_job":
        return world.completion_export.pk
    if key == "certificates:programme_report":
        return world.programme_report.pk
    if key == "people:invite_upload_job":
        return world.invitation_import.pk
    if key == "certificates:completion_sector":
        return world.sector.code
    if key.startswith("completion_targets:"):
        return world.sector_target.pk
    if key == "api-v1:sector_organisations":
        return world.sector.code
    if key.startswith("api_tokens:"):
        return world.api_token.pk
    if key == "certificates:verify":
        return world.certificate.code
    if key in {"admin/^.*/$"}:
        return "no-such-page"
    if key.startswith("wagtailimages"):
        if param == "filter_spec":
            return "fill-8x8"
        if param == "uploaded_file_id":
            return world.uploaded_image.pk
        return world.image.pk
    if key.startswith("wagtaildocs"):
        if param == "uploaded_file_id":
            return world.uploaded_document.pk
        return world.document.pk
    generic = {
        # pages: the other trainer's draft, under review
        "page_id": world.draft.pk,
        "parent_page_id": world.draft.get_parent().pk,
        "page_to_move_id": world.draft.pk,
        "destination_id": world.course_index.pk,
        "revision_id": world.draft_revision.pk,
        "task_state_id": world.page_task_state.pk,
        "workflow_state_id": world.page_workflow.pk,
        "task_id": world.task.pk,
        "action_name": "approve",
        "content_type_app_name": "cms",
        "content_type_model_name": "standardpage",
        "app_label": "cms",
        "model_name": "standardpage",
        "session_id": world.session.pk,
        "redirect_id": world.redirect.pk,
        "collection_id": world.collection.pk,
        "restriction_id": 1,
        "page_view_restriction_id": 1,
        # our own apps: trainee B's records, the other trainer's session
        "pk": world.users["trainee_b"].pk if key.startswith("people:") else world.certificate.pk,
        "quiz_id": world.quiz.pk,
        "version_id": world.quiz.current_version.pk,
        "attempt_id": world.attempt.pk,
        "lesson_id": world.lesson.pk,
        "course_id": world.course.pk,
        "code": world.certificate.code,
        "organisation_id": world.org_b.pk,
        "person_id": world.users["trainee_b"].pk,
        # allauth keys that were never issued
        "key": "not-a-real-key",
        "uidb36": "zz",
        "uidb64": "MTIz",
        "token": "not-a-real-token",
    }
    if key.startswith("wagtailadmin_pages:revisions_compare"):
        return {"_0": world.draft.pk, "_1": "earliest", "_2": "latest"}[param]
    return generic[param]


def path_for(world, route: Route) -> str:
    format_string, params = normalize(route.regex)[0]
    values = {param: _value(world, route, param) for param in params}
    return "/" + format_string % values


def resolves_to(path: str, route: Route) -> str | None:
    """What answers `path` when it is not `route`'s own pattern (an earlier one shadows it)."""
    try:
        match = resolve(urlsplit(path).path)
    except Resolver404:
        return "nothing (404)"
    if match.func is route.pattern.callback and match.url_name == route.pattern.name:
        return None
    return match.view_name or match._func_path
