"""The role-by-URL leak matrix (issue 8): every URL pattern of the product, requested anonymously
and as each role, for objects that belong to someone else, against one table of expected answers.

How it works
- `routes.all_routes()` walks the resolver: our apps, allauth, every view Wagtail registers for
  every model (listing, edit, inspect, chooser, history, usage, delete, copy, revisions,
  workflow...), the Django admin. A pattern with no row below fails with its name: add a row
  and decide who may open it. A row that matches no pattern fails too (remove it).
- `world.build_world()` makes, once per module, two trainees in different organisations and
  sectors (B owns the certificate, attempt and person record asked for), a trainer asking for
  *another* trainer's session, an organisation manager of A's organisation asking for B, a
  programme manager (who owns the bulk-ZIP job), an administrator.
- Every cell is a GET with `follow=False` (POST-only views must answer 405). Beyond the status,
  no response may show a role another person's name, email or certificate serial that the role
  has no reason to see (`World.secrets`), and Wagtail report listings are also requested as CSV
  and XLSX exports, which may be switched off but never open more than the listing.

Cells, one per role in the order of `world.ROLES`:
  200, 400, 403, 404, 405, 500   that status
  login        a redirect to allauth's sign-in (/en/accounts/login/), directly or through the
               admin sites' login pages
  home         Wagtail's refusal inside the admin: a redirect to the dashboard with a message
  302:/path/   a redirect there (`*` stands for ids and other varying parts)
  x6           the previous cell, six times in all
Regenerate the actual answers with LEAK_MATRIX_DUMP=/tmp/matrix.jsonl to review a change.
"""

import fnmatch
import json
import os
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.test import Client

from tests.conftest import sign_in

from .routes import Route, all_routes, path_for, resolves_to
from .world import ROLES, build_world

LOGIN = "/en/accounts/login/"
# The admin sites' own login pages are redirects to allauth's (lms/urls.py).
LOGIN_REDIRECTORS = ("/admin/login/", "/django-admin/login/")


@dataclass(frozen=True)
class Row:
    key: str
    cells: tuple[str, ...]
    note: str = ""
    shadowed: bool = False
    reveals: frozenset = frozenset()


def R(key, cells, note="", *, shadowed=False, reveals=()):
    expanded = []
    for token in cells.split():
        if re.fullmatch(r"x\d", token):
            expanded += expanded[-1:] * (int(token[1:]) - 1)
        else:
            expanded.append(token)
    cells = tuple(expanded)
    assert len(cells) == len(ROLES), f"{key}: {len(cells)} cells for {len(ROLES)} roles"
    return Row(key, cells, note, shadowed, frozenset(reveals))


# Who may open a page, in the order of ROLES:
#   anonymous trainee_a trainee_b trainer org_manager programme_manager administrator
DJANGO_ADMIN = "login login login login login login 200"
AUTHORS = "login login login 200 login 200 200"  # Wagtail admin users: content authors and up
AUTHORS_POST = "login login login 405 login 405 405"  # the same, POST-only
AUTHORS_404 = "login login login 404 login 404 404"  # the same, nothing to find
MANAGERS = "login login login home login 200 200"  # programme managers and administrators
ADMINISTRATORS = "login login login home login home 200"
EVERYONE = "200 200 200 200 200 200 200"
POST_ONLY = "405 405 405 405 405 405 405"
SIGN_IN = "login x7"
SIGNED_IN = "login 200 200 200 200 200 200"
KEY_ONLY = "401 x7"  # the completion API: a session is not a key

TABLE: list[Row] = [
    # --- Project URLs outside the language prefix; the admin sites' own login pages ---
    R("set_language", "302:/ 302:/ 302:/ 302:/ 302:/ 302:/ 302:/"),
    R("favicon.ico", "301:/static/favicon.svg x7"),
    R("healthz", EVERYONE, "for load balancers: ok/failed per check, no personal data"),
    R("admin/login/", SIGN_IN),
    R("django-admin/login/", SIGN_IN),
    # --- The Django admin: administrators (is_staff) only; everyone else is sent to sign in ---
    R("admin:index", DJANGO_ADMIN),
    R("admin:login", SIGN_IN, shadowed=True),
    R("admin:logout", "302:/django-admin/ x6 405"),
    R("admin:password_change", DJANGO_ADMIN),
    R("admin:password_change_done", DJANGO_ADMIN),
    R("admin:autocomplete", "login login login login login login 403"),
    R("admin:jsi18n", DJANGO_ADMIN),
    R("admin:view_on_site", "login login login login login login 404"),
    R("admin:auth_*", DJANGO_ADMIN),
    R("admin:people_*", DJANGO_ADMIN),
    R("admin:account_*", DJANGO_ADMIN),
    R("admin:mfa_*", DJANGO_ADMIN),
    R("admin:django_tasks_database_dbtaskresult_changelist", DJANGO_ADMIN),
    R("admin:django_tasks_database_dbtaskresult_add", "login login login login login login 403"),
    R(
        "admin:django_tasks_database_dbtaskresult_history",
        "login login login login login login 302:/django-admin/",
    ),
    R("admin:django_tasks_database_dbtaskresult_delete", "login login login login login login 403"),
    R(
        "admin:django_tasks_database_dbtaskresult_change",
        "login login login login login login 302:/django-admin/",
    ),
    R("admin:wagtaildocs_*", DJANGO_ADMIN),
    R("admin:wagtailimages_*", DJANGO_ADMIN),
    R("admin:taggit_*", DJANGO_ADMIN),
    R("admin:app_list", DJANGO_ADMIN),
    R("django-admin/(?P<url>.*)$", "login login login login login login 404"),
    # --- The Wagtail admin. Trainee and organisation manager have no admin access: sign in.
    # Trainers author pages, scenarios, quizzes, media; programme managers also people data and
    # certificates.
    # A refusal inside the admin is Wagtail's redirect to the dashboard ("home"). ---
    R("wagtailadmin_home", AUTHORS),
    R("admin/test404/", AUTHORS),
    R("wagtailadmin_api:pages:listing", AUTHORS),
    R("wagtailadmin_api:pages:detail", AUTHORS),
    R("wagtailadmin_api:pages:find", AUTHORS_404),
    R("wagtailadmin_api:pages:action", AUTHORS_POST),
    R("wagtailadmin_api:documents:listing", AUTHORS),
    R("wagtailadmin_api:documents:detail", AUTHORS),
    R("wagtailadmin_api:documents:find", AUTHORS_404),
    R("wagtailadmin_api:images:listing", AUTHORS),
    R("wagtailadmin_api:images:detail", AUTHORS),
    R("wagtailadmin_api:images:find", AUTHORS_404),
    R(
        "wagtailadmin_error_test", "login login login 500 login 500 500"
    ),  # Wagtail's deliberate error page, to test error reporting
    R("wagtailadmin_explore_root", AUTHORS),
    R("wagtailadmin_explore", AUTHORS),
    R("wagtailadmin_explore_results", AUTHORS),
    R("wagtail_bulk_action", "login login login 403 login 404 404"),
    R("wagtailadmin_pages:add", AUTHORS),
    R("wagtailadmin_pages:preview_on_add", AUTHORS),
    R("wagtailadmin_pages:type_use", AUTHORS),
    R("wagtailadmin_pages:choose_parent", AUTHORS),
    R("wagtailadmin_pages:type_use_results", AUTHORS),
    R("wagtailadmin_pages:usage", AUTHORS),
    R("wagtailadmin_pages:edit", AUTHORS),
    R("wagtailadmin_pages:preview_on_edit", AUTHORS),
    R("wagtailadmin_pages:view_draft", AUTHORS),
    R(
        "wagtailadmin_pages:add_subpage",
        "login login login 302:/admin/pages/add/cms/standardpage/*/ login"
        " 302:/admin/pages/add/cms/standardpage/*/ x2",
    ),
    R("wagtailadmin_pages:delete", ADMINISTRATORS),
    R("wagtailadmin_pages:unpublish", ADMINISTRATORS),
    R("wagtailadmin_pages:convert_alias", AUTHORS_404),
    R("wagtailadmin_pages:search", AUTHORS),
    R("wagtailadmin_pages:search_results", AUTHORS),
    R("wagtailadmin_pages:move", ADMINISTRATORS),
    R("wagtailadmin_pages:move_confirm", AUTHORS),
    R("wagtailadmin_pages:set_page_position", ADMINISTRATORS),
    R("wagtailadmin_pages:copy", AUTHORS),
    R("wagtailadmin_pages:workflow_action", AUTHORS),
    R("wagtailadmin_pages:collect_workflow_action_data", AUTHORS),
    R("wagtailadmin_pages:confirm_workflow_cancellation", AUTHORS),
    R("wagtailadmin_pages:workflow_preview", AUTHORS),
    R("wagtailadmin_pages:set_privacy", ADMINISTRATORS),
    R("wagtailadmin_pages:lock", AUTHORS_POST),
    R("wagtailadmin_pages:unlock", AUTHORS_POST),
    R(
        "wagtailadmin_pages:revisions_index",
        "login login login 302:/admin/pages/*/history/ login 302:/admin/pages/*/history/ x2",
    ),
    R("wagtailadmin_pages:revisions_view", AUTHORS),
    R("wagtailadmin_pages:revisions_revert", AUTHORS),
    R("wagtailadmin_pages:revisions_unschedule", ADMINISTRATORS),
    R("wagtailadmin_pages:revisions_compare", AUTHORS),
    R("wagtailadmin_pages:workflow_history", AUTHORS),
    R("wagtailadmin_pages:workflow_history_detail", AUTHORS),
    R("wagtailadmin_pages:history", AUTHORS),
    R("wagtailadmin_pages:history_results", AUTHORS),
    R("wagtailadmin_choose_page", AUTHORS),
    R("wagtailadmin_choose_page_child", AUTHORS),
    R("wagtailadmin_choose_page_search", AUTHORS),
    R("wagtailadmin_choose_page_chosen_multiple", AUTHORS),
    R("wagtailadmin_choose_page_external_link", AUTHORS),
    R("wagtailadmin_choose_page_email_link", AUTHORS),
    R("wagtailadmin_choose_page_phone_link", AUTHORS),
    R("wagtailadmin_choose_page_anchor_link", AUTHORS),
    R("wagtailadmin_tag_autocomplete", AUTHORS),
    R("wagtailadmin_tag_model_autocomplete", AUTHORS_404),
    R("wagtailadmin_collections:index", ADMINISTRATORS),
    R("wagtailadmin_collections:add", ADMINISTRATORS),
    R("wagtailadmin_collections:edit", ADMINISTRATORS),
    R("wagtailadmin_collections:delete", "login login login 404 login 404 200"),
    R("wagtailadmin_collections:set_privacy", ADMINISTRATORS),
    R("wagtailadmin_workflows:index", ADMINISTRATORS),
    R("wagtailadmin_workflows:index_results", ADMINISTRATORS),
    R("wagtailadmin_workflows:add", ADMINISTRATORS),
    R("wagtailadmin_workflows:enable", AUTHORS_POST),
    R("wagtailadmin_workflows:disable", ADMINISTRATORS),
    R("wagtailadmin_workflows:edit", ADMINISTRATORS),
    R("wagtailadmin_workflows:usage", ADMINISTRATORS),
    R("wagtailadmin_workflows:usage_results", ADMINISTRATORS),
    R("wagtailadmin_workflows:remove", AUTHORS_POST),
    R("wagtailadmin_workflows:add_task", ADMINISTRATORS),
    R("wagtailadmin_workflows:select_task_type", ADMINISTRATORS),
    R("wagtailadmin_workflows:task_index", ADMINISTRATORS),
    R("wagtailadmin_workflows:task_index_results", ADMINISTRATORS),
    R("wagtailadmin_workflows:edit_task", ADMINISTRATORS),
    R("wagtailadmin_workflows:disable_task", ADMINISTRATORS),
    R("wagtailadmin_workflows:enable_task", AUTHORS_POST),
    R("wagtailadmin_workflows:task_chooser", AUTHORS),
    R("wagtailadmin_workflows:task_chooser_results", AUTHORS),
    R("wagtailadmin_workflows:task_chooser_create", AUTHORS),
    R("wagtailadmin_workflows:task_chosen", AUTHORS),
    R("wagtailadmin_reports:locked_pages", ADMINISTRATORS),
    R("wagtailadmin_reports:locked_pages_results", ADMINISTRATORS),
    R("wagtailadmin_reports:workflow", AUTHORS),
    R("wagtailadmin_reports:workflow_results", AUTHORS),
    R("wagtailadmin_reports:workflow_tasks", AUTHORS),
    R("wagtailadmin_reports:workflow_tasks_results", AUTHORS),
    R("wagtailadmin_reports:site_history", AUTHORS),
    R("wagtailadmin_reports:site_history_results", AUTHORS),
    R("wagtailadmin_reports:aging_pages", AUTHORS),
    R("wagtailadmin_reports:aging_pages_results", AUTHORS),
    R("wagtailadmin_reports:page_types_usage", AUTHORS),
    R("wagtailadmin_reports:page_types_usage_results", AUTHORS),
    R("wagtailadmin_account", AUTHORS),
    R("wagtailadmin_logout", AUTHORS_POST),
    R("wagtailadmin_dismissibles", AUTHORS),
    R("wagtailadmin_editing_sessions:*", AUTHORS_POST),
    R("wagtailadmin_block_preview", AUTHORS_404),
    R("wagtailforms:index", AUTHORS),
    R("wagtailforms:index_results", AUTHORS),
    R("wagtailforms:list_submissions", AUTHORS_404),
    R("wagtailforms:list_submissions_results", AUTHORS_404),
    R("wagtailforms:delete_submissions", "login login login home login home home"),
    R("wagtailredirects:index", ADMINISTRATORS),
    R("wagtailredirects:index_results", ADMINISTRATORS),
    R("wagtailredirects:add", ADMINISTRATORS),
    R("wagtailredirects:edit", ADMINISTRATORS),
    R("wagtailredirects:delete", ADMINISTRATORS),
    R("wagtailredirects:start_import", ADMINISTRATORS),
    R("wagtailredirects:process_import", "login login login home login home 405"),
    R("wagtailsettings:*", AUTHORS_404),
    # Trainers start translations (issue 9); programme managers review them and need not.
    R("simple_translation:submit_page_translation", "login login login 200 login home 200"),
    R("simple_translation:submit_snippet_translation", "login login login 404 login home 404"),
    R("wagtailembeds:*", AUTHORS),
    R("wagtailsnippets:index", "login login login home login home home"),
    R("wagtaildocs:index", ADMINISTRATORS),
    R("wagtaildocs:index_results", ADMINISTRATORS),
    R("wagtaildocs:add", ADMINISTRATORS),
    R("wagtaildocs:edit", ADMINISTRATORS),
    R("wagtaildocs:delete", ADMINISTRATORS),
    R("wagtaildocs:add_multiple", ADMINISTRATORS),
    R("wagtaildocs:edit_multiple", AUTHORS_POST),
    R("wagtaildocs:create_multiple_from_uploaded_document", AUTHORS_POST),
    R("wagtaildocs:delete_multiple", AUTHORS_POST),
    R("wagtaildocs:delete_upload_multiple", AUTHORS_POST),
    R("wagtaildocs:document_usage", ADMINISTRATORS),
    R("wagtailimages:index", ADMINISTRATORS),
    R("wagtailimages:index_results", ADMINISTRATORS),
    R("wagtailimages:edit", ADMINISTRATORS),
    R("wagtailimages:delete", ADMINISTRATORS),
    R("wagtailimages:url_generator", AUTHORS_404),
    R("wagtailimages:url_generator_output", AUTHORS_404),
    R("wagtailimages:preview", ADMINISTRATORS),
    R("wagtailimages:add", ADMINISTRATORS),
    R("wagtailimages:image_usage", ADMINISTRATORS),
    R("wagtailimages:add_multiple", ADMINISTRATORS),
    R("wagtailimages:edit_multiple", AUTHORS_POST),
    R("wagtailimages:create_multiple_from_uploaded_image", AUTHORS_POST),
    R("wagtailimages:delete_multiple", AUTHORS_POST),
    R("wagtailimages:delete_upload_multiple", AUTHORS_POST),
    R("wagtailsnippets_people_organisation:list", MANAGERS),
    R("wagtailsnippets_people_organisation:list_results", MANAGERS),
    R("wagtailsnippets_people_organisation:add", MANAGERS),
    R("wagtailsnippets_people_organisation:edit", MANAGERS),
    R("wagtailsnippets_people_organisation:delete", ADMINISTRATORS),
    R("wagtailsnippets_people_organisation:usage", MANAGERS),
    R("wagtailsnippets_people_organisation:history", MANAGERS),
    R("wagtailsnippets_people_organisation:history_results", MANAGERS),
    R("wagtailsnippets_people_organisation:copy", MANAGERS),
    R("wagtailsnippetchoosers_people_organisation:choose", AUTHORS),
    R("wagtailsnippetchoosers_people_organisation:choose_results", AUTHORS),
    R("wagtailsnippetchoosers_people_organisation:chosen", AUTHORS),
    R("wagtailsnippetchoosers_people_organisation:chosen_multiple", AUTHORS),
    R("wagtailsnippetchoosers_people_organisation:create", MANAGERS),
    R("wagtailsnippets_assessments_scenario:list", AUTHORS),
    R("wagtailsnippets_assessments_scenario:list_results", AUTHORS),
    R("wagtailsnippets_assessments_scenario:add", AUTHORS),
    R("wagtailsnippets_assessments_scenario:edit", AUTHORS),
    R("wagtailsnippets_assessments_scenario:delete", AUTHORS),
    R("wagtailsnippets_assessments_scenario:usage", AUTHORS),
    R("wagtailsnippets_assessments_scenario:history", AUTHORS),
    R("wagtailsnippets_assessments_scenario:history_results", AUTHORS),
    R("wagtailsnippets_assessments_scenario:copy", AUTHORS),
    R("wagtailsnippets_assessments_scenario:duplicate", AUTHORS, "asks to confirm; POST copies"),
    R("wagtailsnippets_assessments_scenario:preview_on_add", AUTHORS),
    R("wagtailsnippets_assessments_scenario:preview_on_edit", AUTHORS),
    R("wagtailsnippets_assessments_scenario:revisions_view", AUTHORS),
    R("wagtailsnippets_assessments_scenario:workflow_preview", AUTHORS),
    R("wagtailsnippets_assessments_scenario:revisions_revert", AUTHORS),
    R("wagtailsnippets_assessments_scenario:revisions_compare", AUTHORS),
    R("wagtailsnippets_assessments_scenario:revisions_unschedule", ADMINISTRATORS),
    R("wagtailsnippets_assessments_scenario:unpublish", ADMINISTRATORS),
    R("wagtailsnippets_assessments_scenario:lock", AUTHORS_POST),
    R("wagtailsnippets_assessments_scenario:unlock", "login login login home login home 405"),
    R("wagtailsnippets_assessments_scenario:workflow_action", AUTHORS),
    R("wagtailsnippets_assessments_scenario:collect_workflow_action_data", AUTHORS),
    R("wagtailsnippets_assessments_scenario:confirm_workflow_cancellation", AUTHORS),
    R("wagtailsnippets_assessments_scenario:workflow_history", AUTHORS),
    R("wagtailsnippets_assessments_scenario:workflow_history_detail", AUTHORS),
    R("wagtailsnippetchoosers_assessments_scenario:*", AUTHORS),
    R("wagtailsnippets_courses_learningpath:*", MANAGERS),
    R("wagtailsnippetchoosers_courses_learningpath:choose", AUTHORS),
    R("wagtailsnippetchoosers_courses_learningpath:choose_results", AUTHORS),
    R("wagtailsnippetchoosers_courses_learningpath:chosen", AUTHORS),
    R("wagtailsnippetchoosers_courses_learningpath:chosen_multiple", AUTHORS),
    R("wagtailsnippetchoosers_courses_learningpath:create", MANAGERS),
    R("wagtailsnippets_certificates_certificate:list", MANAGERS),
    R("wagtailsnippets_certificates_certificate:list_results", MANAGERS),
    R("wagtailsnippets_certificates_certificate:add", ADMINISTRATORS),
    R("wagtailsnippets_certificates_certificate:edit", ADMINISTRATORS),
    R("wagtailsnippets_certificates_certificate:delete", ADMINISTRATORS),
    R("wagtailsnippets_certificates_certificate:usage", ADMINISTRATORS),
    R("wagtailsnippets_certificates_certificate:history", ADMINISTRATORS),
    R("wagtailsnippets_certificates_certificate:history_results", ADMINISTRATORS),
    R("wagtailsnippets_certificates_certificate:copy", ADMINISTRATORS),
    R("wagtailsnippets_certificates_certificate:inspect", MANAGERS),
    # Certificates: the chooser shows serials and searches holders; closed like the listing.
    R("wagtailsnippetchoosers_certificates_certificate:choose", MANAGERS),
    R("wagtailsnippetchoosers_certificates_certificate:choose_results", MANAGERS),
    R("wagtailsnippetchoosers_certificates_certificate:chosen", MANAGERS),
    R("wagtailsnippetchoosers_certificates_certificate:chosen_multiple", MANAGERS),
    R("wagtailsnippetchoosers_certificates_certificate:create", ADMINISTRATORS),
    R("wagtailsnippets_certificates_certificatetemplate:list", MANAGERS),
    R("wagtailsnippets_certificates_certificatetemplate:list_results", MANAGERS),
    R("wagtailsnippets_certificates_certificatetemplate:add", MANAGERS),
    R("wagtailsnippets_certificates_certificatetemplate:edit", MANAGERS),
    R("wagtailsnippets_certificates_certificatetemplate:delete", ADMINISTRATORS),
    R("wagtailsnippets_certificates_certificatetemplate:usage", MANAGERS),
    R("wagtailsnippets_certificates_certificatetemplate:history", MANAGERS),
    R("wagtailsnippets_certificates_certificatetemplate:history_results", MANAGERS),
    R("wagtailsnippets_certificates_certificatetemplate:copy", MANAGERS),
    R("wagtailsnippets_certificates_certificatetemplate:preview_on_add", MANAGERS),
    R("wagtailsnippets_certificates_certificatetemplate:preview_on_edit", MANAGERS),
    R("wagtailsnippets_certificates_certificatetemplate:revisions_view", MANAGERS),
    R("wagtailsnippets_certificates_certificatetemplate:revisions_revert", MANAGERS),
    R("wagtailsnippets_certificates_certificatetemplate:revisions_compare", MANAGERS),
    R("wagtailsnippetchoosers_certificates_certificatetemplate:choose", AUTHORS),
    R("wagtailsnippetchoosers_certificates_certificatetemplate:choose_results", AUTHORS),
    R("wagtailsnippetchoosers_certificates_certificatetemplate:chosen", AUTHORS),
    R("wagtailsnippetchoosers_certificates_certificatetemplate:chosen_multiple", AUTHORS),
    R("wagtailsnippetchoosers_certificates_certificatetemplate:create", MANAGERS),
    # Training sessions: a trainer opens only their own; the session here is another trainer's.
    R("wagtailsnippets_courses_trainingsession:list", AUTHORS),
    R("wagtailsnippets_courses_trainingsession:list_results", AUTHORS),
    R("wagtailsnippets_courses_trainingsession:add", AUTHORS),
    R("wagtailsnippets_courses_trainingsession:edit", "login login login 404 login 200 200"),
    R("wagtailsnippets_courses_trainingsession:delete", "login login login 404 login 200 200"),
    R("wagtailsnippets_courses_trainingsession:usage", "login login login 404 login 200 200"),
    R("wagtailsnippets_courses_trainingsession:history", "login login login 404 login 200 200"),
    R(
        "wagtailsnippets_courses_trainingsession:history_results",
        "login login login 404 login 200 200",
    ),
    R("wagtailsnippets_courses_trainingsession:copy", "login login login 404 login 200 200"),
    R("wagtailsnippetchoosers_courses_trainingsession:choose", AUTHORS),
    R("wagtailsnippetchoosers_courses_trainingsession:choose_results", AUTHORS),
    R(
        "wagtailsnippetchoosers_courses_trainingsession:chosen",
        "login login login 404 login 200 200",
    ),
    R("wagtailsnippetchoosers_courses_trainingsession:chosen_multiple", AUTHORS),
    R("wagtailsnippetchoosers_courses_trainingsession:create", AUTHORS),
    R("wagtailsnippets_assessments_quiz:list", AUTHORS),
    R("wagtailsnippets_assessments_quiz:list_results", AUTHORS),
    R("wagtailsnippets_assessments_quiz:add", AUTHORS),
    R("wagtailsnippets_assessments_quiz:edit", AUTHORS),
    R("wagtailsnippets_assessments_quiz:delete", AUTHORS),
    R("wagtailsnippets_assessments_quiz:usage", AUTHORS),
    R("wagtailsnippets_assessments_quiz:history", AUTHORS),
    R("wagtailsnippets_assessments_quiz:history_results", AUTHORS),
    R("wagtailsnippets_assessments_quiz:copy", AUTHORS),
    R("wagtailsnippets_assessments_quiz:preview_on_add", AUTHORS),
    R("wagtailsnippets_assessments_quiz:preview_on_edit", AUTHORS),
    R("wagtailsnippets_assessments_quiz:revisions_view", AUTHORS),
    R("wagtailsnippets_assessments_quiz:revisions_revert", AUTHORS),
    R("wagtailsnippets_assessments_quiz:revisions_compare", AUTHORS),
    # Programme managers publish quizzes (issue 9); trainers author them but do not publish.
    R("wagtailsnippets_assessments_quiz:revisions_unschedule", MANAGERS),
    R("wagtailsnippets_assessments_quiz:unpublish", MANAGERS),
    R("wagtailsnippetchoosers_assessments_quiz:*", AUTHORS),
    R("wagtailsnippets_assessments_tag:list", AUTHORS),
    R("wagtailsnippets_assessments_tag:list_results", AUTHORS),
    R("wagtailsnippets_assessments_tag:add", ADMINISTRATORS),
    R("wagtailsnippets_assessments_tag:edit", AUTHORS),
    R("wagtailsnippets_assessments_tag:delete", ADMINISTRATORS),
    R("wagtailsnippets_assessments_tag:usage", AUTHORS),
    R("wagtailsnippets_assessments_tag:history", AUTHORS),
    R("wagtailsnippets_assessments_tag:history_results", AUTHORS),
    R("wagtailsnippets_assessments_tag:copy", ADMINISTRATORS),
    R("wagtailsnippetchoosers_assessments_tag:choose", AUTHORS),
    R("wagtailsnippetchoosers_assessments_tag:choose_results", AUTHORS),
    R("wagtailsnippetchoosers_assessments_tag:chosen", AUTHORS),
    R("wagtailsnippetchoosers_assessments_tag:chosen_multiple", AUTHORS),
    R("wagtailsnippetchoosers_assessments_tag:create", ADMINISTRATORS),
    R("wagtailsnippets_people_sector:list", MANAGERS),
    R("wagtailsnippets_people_sector:list_results", MANAGERS),
    R("wagtailsnippets_people_sector:add", MANAGERS),
    R("wagtailsnippets_people_sector:edit", MANAGERS),
    R("wagtailsnippets_people_sector:delete", ADMINISTRATORS),
    R("wagtailsnippets_people_sector:usage", MANAGERS),
    R("wagtailsnippets_people_sector:history", MANAGERS),
    R("wagtailsnippets_people_sector:history_results", MANAGERS),
    R("wagtailsnippets_people_sector:copy", MANAGERS),
    R("wagtailsnippetchoosers_people_sector:choose", AUTHORS),
    R("wagtailsnippetchoosers_people_sector:choose_results", AUTHORS),
    R("wagtailsnippetchoosers_people_sector:chosen", AUTHORS),
    R("wagtailsnippetchoosers_people_sector:chosen_multiple", AUTHORS),
    R("wagtailsnippetchoosers_people_sector:create", MANAGERS),
    R("wagtailsnippets_people_region:list", MANAGERS),
    R("wagtailsnippets_people_region:list_results", MANAGERS),
    R("wagtailsnippets_people_region:add", ADMINISTRATORS),
    R("wagtailsnippets_people_region:edit", ADMINISTRATORS),
    R("wagtailsnippets_people_region:delete", ADMINISTRATORS),
    R("wagtailsnippets_people_region:usage", ADMINISTRATORS),
    R("wagtailsnippets_people_region:history", ADMINISTRATORS),
    R("wagtailsnippets_people_region:history_results", ADMINISTRATORS),
    R("wagtailsnippets_people_region:copy", ADMINISTRATORS),
    R("wagtailsnippetchoosers_people_region:choose", AUTHORS),
    R("wagtailsnippetchoosers_people_region:choose_results", AUTHORS),
    R("wagtailsnippetchoosers_people_region:chosen", AUTHORS),
    R("wagtailsnippetchoosers_people_region:chosen_multiple", AUTHORS),
    R("wagtailsnippetchoosers_people_region:create", ADMINISTRATORS),
    R("wagtailsites:*", ADMINISTRATORS),
    R("wagtailusers_users:index", MANAGERS),
    R("wagtailusers_users:index_results", MANAGERS),
    R("wagtailusers_users:add", ADMINISTRATORS),
    R("wagtailusers_users:edit", ADMINISTRATORS),
    R("wagtailusers_users:delete", ADMINISTRATORS),
    R("wagtailusers_users:history", ADMINISTRATORS),
    R("wagtailusers_users:history_results", ADMINISTRATORS),
    R("wagtailusers_users:usage", ADMINISTRATORS),
    R("wagtailusers_users:copy", ADMINISTRATORS),
    R("wagtailusers_groups:*", ADMINISTRATORS),
    R("wagtaildocs_chooser:choose", AUTHORS),
    R("wagtaildocs_chooser:choose_results", AUTHORS),
    R("wagtaildocs_chooser:chosen", ADMINISTRATORS),
    R("wagtaildocs_chooser:chosen_multiple", AUTHORS),
    R("wagtaildocs_chooser:create", ADMINISTRATORS),
    R("wagtailimages_chooser:choose", AUTHORS),
    R("wagtailimages_chooser:choose_results", AUTHORS),
    R("wagtailimages_chooser:chosen", ADMINISTRATORS),
    R("wagtailimages_chooser:chosen_multiple", AUTHORS),
    R("wagtailimages_chooser:create", ADMINISTRATORS),
    R("wagtailimages_chooser:select_format", AUTHORS),
    R("wagtaillocales:index", ADMINISTRATORS),
    R("wagtaillocales:index_results", ADMINISTRATORS),
    R("wagtaillocales:add", "login login login home login home home"),
    R("wagtaillocales:edit", ADMINISTRATORS),
    R("wagtaillocales:delete", ADMINISTRATORS),
    R("wagtaillocales:history", ADMINISTRATORS),
    R("wagtaillocales:history_results", ADMINISTRATORS),
    R("wagtaillocales:usage", ADMINISTRATORS),
    R("assessments_import", AUTHORS),
    R("assessments_regrade", MANAGERS),
    R("wagtailadmin_sprite", EVERYONE),
    R("wagtailadmin_login", SIGN_IN, shadowed=True),
    R("wagtailadmin_password_reset", "404 404 404 404 404 404 404"),
    R("wagtailadmin_password_reset_done", "404 404 404 404 404 404 404"),
    R("wagtailadmin_password_reset_confirm", "404 404 404 404 404 404 404"),
    R("wagtailadmin_password_reset_complete", "404 404 404 404 404 404 404"),
    R("wagtailadmin_javascript_catalog", EVERYONE),
    R("admin/^.*/$", AUTHORS_404),
    R("wagtaildocs_serve", "404 404 404 404 404 404 404"),
    R("wagtaildocs_authenticate_with_password", "404 404 404 404 404 404 404"),
    # --- Himaya's own views. Someone else's object is a 404; a role that never may is a 403. ---
    R("people:list", "login 403 403 403 200 200 200"),
    R("people:detail", "login 403 403 403 404 200 200"),
    R("people:resend_invitation", "login 403 403 403 403 405 405"),
    R("people:invite", "login 403 403 403 403 200 200"),
    R("people:invite_upload", "login 403 403 403 403 200 200"),
    R("people:invite_upload_job", "login 404 404 404 404 200 200"),
    R("people:invite_upload_errors", "login 403 403 403 403 404 404"),
    R("people:invite_upload_template", "login 403 403 403 403 200 200"),
    R("people:accept_invitation_set_password", "400 400 400 400 400 400 400"),
    R("people:accept_invitation", "302:/en/accounts/invitation/*/set-password/ x7"),
    R("assessments:quiz", SIGNED_IN),
    R("assessments:start", POST_ONLY),
    R("assessments:preview", "login 404 404 200 404 200 200"),
    R("assessments:analytics", "login 404 404 200 404 200 200"),
    R("assessments:take", "login 404 302:/en/quizzes/attempts/*/review/ 404 404 404 404"),
    R("assessments:save", POST_ONLY),
    R("assessments:submit", POST_ONLY),
    R("assessments:review", "login 404 200 404 404 404 404"),
    R("courses:dashboard", SIGNED_IN),
    # The header's "Courses": the catalogue page in the reader's language (public, as it is).
    R("courses:catalogue", "302:/en/courses/ x7"),
    R("courses:complete", POST_ONLY),
    R("courses:self_enrol", POST_ONLY),
    R("courses:enrol_people", "login 403 403 403 200 200 200"),
    R("courses:register", POST_ONLY),
    R("courses:attendance", "login 404 404 404 404 200 200"),
    R("courses:add_participant", "login 404 404 404 200 200 200"),
    R("courses:attendance_import", "login 404 404 404 404 200 200"),
    R("certificates:mine", SIGNED_IN),
    R("certificates:transcript", SIGNED_IN),
    R("certificates:issue", "login 404 404 404 404 200 200"),
    R("certificates:download", "login 404 200 404 404 200 200"),
    R("certificates:bulk", "login 404 404 404 404 200 404"),
    # Completion exports and programme reports (issue 10): the programme manager's files open
    # to managers whose scope covers the programme; an organisation manager's scope does not.
    R("certificates:completion_export", POST_ONLY),
    R("certificates:completion_export_job", "login 404 404 404 404 200 200"),
    R("certificates:programme_reports", "login 403 403 403 200 200 200"),
    R("certificates:programme_report", "login 404 404 404 404 200 200"),
    R("certificates:manage", "login 404 404 404 404 200 200"),
    R("certificates:revoke", "login 405 405 405 405 405 405"),
    R("certificates:reissue", "login 405 405 405 405 405 405"),
    # Completion (issue 10): programme managers and administrators see every sector, organisation
    # and person; organisation managers land on their own organisation, and B's sector,
    # organisation and person are a 404 to them.
    R("certificates:completion", "login 403 403 403 302:/en/completion/organisations/*/ 200 200"),
    R("certificates:completion_sector", "login 403 403 403 404 200 200"),
    R("certificates:completion_organisation", "login 403 403 403 404 200 200"),
    R("certificates:completion_person", "login 403 403 403 404 200 200"),
    R("completion_targets:*", MANAGERS),
    # The completion API (issue 10, item 6) opens to keys, never to sessions: every signed-in
    # role gets a 401. What each key opens is KEY_TABLE below. Its schema holds no data.
    R("api-v1:openapi-json", EVERYONE),
    R("api-v1:api-root", "404 x7"),
    R("api-v1:sectors", KEY_ONLY),
    R("api-v1:sector_organisations", KEY_ONLY),
    R("api-v1:organisation", KEY_ONLY),
    R("api-v1:organisation_people", KEY_ONLY),
    R("api-v1:person", KEY_ONLY),
    R("api-v1:time_series", KEY_ONLY),
    R("api-v1:knowledge_gain", KEY_ONLY),
    R("api-v1:mastery", KEY_ONLY),
    # API keys are issued and revoked by administrators only.
    R("api_tokens:*", ADMINISTRATORS),
    R("certificates:verify_lookup", EVERYONE),
    R(
        "certificates:verify",
        EVERYONE,
        "the public verification page names the holder",
        reveals={"trainee_b name", "trainee_b Arabic name", "trainee_b certificate serial"},
    ),
    # --- allauth: sign-in, MFA, password. Keys in these URLs were never issued. ---
    R("account_login", "200 302:/en/dashboard/ x6"),
    R("account_logout", "302:/ 200 200 200 200 200 200"),
    R("account_inactive", EVERYONE),
    R("account_signup", "200 302:/en/dashboard/ x6"),
    R("account_reauthenticate", SIGNED_IN),
    R("account_request_reauthentication_code", SIGNED_IN),
    R("account_confirm_reauthentication_code", "login 302:/en/accounts/reauthenticate/code/ x6"),
    R("account_email", SIGNED_IN),
    R("account_email_verification_sent", EVERYONE),
    R("account_change_password", SIGNED_IN),
    R("account_set_password", "login 302:/en/accounts/password/change/ x6"),
    R("account_reset_password", EVERYONE),
    R("account_confirm_login_code", "login 302:/en/dashboard/ x6"),
    R("account_confirm_email", EVERYONE),
    R("account_reset_password_from_key_done", EVERYONE),
    R("account_reset_password_from_key", EVERYONE),
    R("account_reset_password_done", EVERYONE),
    R("mfa_index", SIGNED_IN),
    R("mfa_authenticate", "login 302:/en/dashboard/ x6"),
    R("mfa_reauthenticate", "login 302:/en/accounts/reauthenticate/ x2 200 200 200 200"),
    R("mfa_activate_totp", "login 302:/en/accounts/reauthenticate/ x6"),
    R("mfa_deactivate_totp", "login 404 404 302:/en/accounts/reauthenticate/ x4"),
    R("mfa_view_recovery_codes", "login 404 404 404 404 404 404"),
    R("mfa_generate_recovery_codes", "login 302:/en/accounts/reauthenticate/ x6"),
    R("mfa_download_recovery_codes", "login 404 404 404 404 404 404"),
    # --- Wagtail's front end: its login and shared-password views go to allauth ---
    R("en/_util/login/", SIGN_IN),
    R("en/_util/authenticate_with_password/<int:restriction_id>/<int:page_id>/", SIGN_IN),
    R("wagtailcore_authenticate_with_password", SIGN_IN, shadowed=True),
    R("wagtailcore_login", SIGN_IN, shadowed=True),
    R(
        "wagtail_serve",
        "login 302:/en/courses/leak-matrix-course/ 200 302:/en/courses/leak-matrix-course/ x4",
    ),
    R(
        "django-admin/*/<path:object_id>/",
        "login login login login login login 302:/django-admin/*/change/",
    ),
]

ROUTES = all_routes()


def rows_for(route: Route) -> list[Row]:
    return [row for row in TABLE if fnmatch.fnmatchcase(route.key, row.key)]


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        built = build_world()
        yield built
        transaction.set_rollback(True)


@pytest.fixture(scope="module")
def signed_in_sessions(world, django_db_blocker):
    """Each role's session key, signed in once (allauth records, second factor for staff)."""
    keys = {"anonymous": None}
    with django_db_blocker.unblock():
        for role, user in world.users.items():
            client = Client()
            sign_in(client, user)
            keys[role] = client.cookies[settings.SESSION_COOKIE_NAME].value
    return keys


class RoleClient(Client):
    """A client that starts every request from its role's own session, whatever the previous
    request did to the cookie (a view that signs out, or cycles the session key)."""

    def __init__(self, session_key):
        super().__init__(raise_request_exception=False)
        self.session_key = session_key

    def request(self, **request):
        self.cookies.clear()
        if self.session_key:
            self.cookies[settings.SESSION_COOKIE_NAME] = self.session_key
        return super().request(**request)


@pytest.fixture
def clients(signed_in_sessions, db):
    cache.clear()  # the verification page's per-address budget, Wagtail's cached site paths
    return {role: RoleClient(key) for role, key in signed_in_sessions.items()}


TEXT_TYPES = ("text/", "application/json", "application/javascript")


def outcome(client, path) -> tuple[str, object]:
    """The cell a response fills: its status, or for a redirect where it goes."""
    response = client.get(path, follow=False)
    status = response.status_code
    if status not in (301, 302):
        return str(status), response
    location = urlsplit(response["Location"]).path
    if location == "/en" + urlsplit(path).path:
        # LocaleMiddleware answers a 404 outside /en/ by trying the /en/ path, which Wagtail's
        # page tree accepts: the redirect says nothing, the 404 behind it is the answer.
        return outcome(client, response["Location"])
    if location in LOGIN_REDIRECTORS:
        location = urlsplit(client.get(response["Location"], follow=False)["Location"]).path
    if location == LOGIN:
        return "login", response
    if location == "/admin/":
        return "home", response
    return f"{status}:{location}", response


def cell_matches(expected: str, actual: str) -> bool:
    if expected == "denied":
        return actual in {"403", "404"}
    if expected.startswith(("302:", "301:")):
        return re.fullmatch(re.escape(expected).replace(r"\*", ".+"), actual) is not None
    return expected == actual


def body_text(response) -> str:
    if response.streaming or not response.get("Content-Type", "").startswith(TEXT_TYPES):
        return ""
    return response.content.decode(errors="replace")


def leaked(world, role, response, row) -> list[str]:
    text = body_text(response)
    return [
        label
        for label, secret in world.secrets[role].items()
        if secret in text and label not in row.reveals
    ]


def is_exportable(route: Route) -> bool:
    from wagtail.admin.views.mixins import SpreadsheetExportMixin

    view_class = getattr(route.pattern.callback, "view_class", None)
    return bool(
        view_class
        and issubclass(view_class, SpreadsheetExportMixin)
        and getattr(view_class, "list_export", None)
    )


REFUSALS = {"login", "home", "403", "404"}


@pytest.mark.parametrize("route", ROUTES, ids=[r.key for r in ROUTES])
def test_route(route, world, clients):
    rows = rows_for(route)
    assert rows, (
        f"No row in TABLE for the URL pattern {route.key!r} ({route.route}): decide who may open "
        "it and add a row to tests/security/test_leak_matrix.py."
    )
    assert len(rows) == 1, f"{route.key} matches {len(rows)} rows: {[r.key for r in rows]}"
    (row,) = rows
    try:
        path = path_for(world, route)
    except Exception as error:
        pytest.fail(f"{route.key}: no sample path for {route.route} ({error!r})")
    problems, actual = [], {}
    shadow = resolves_to(path, route)
    if bool(shadow) != row.shadowed:
        problems.append(f"{path} is answered by {shadow}" if shadow else "it is not shadowed")
    variants = [(path, False)]
    if is_exportable(route):
        variants += [(f"{path}?export=csv", True), (f"{path}?export=xlsx", True)]
    for role, expected in zip(ROLES, row.cells, strict=True):
        for url, is_export in variants:
            cell, response = outcome(clients[role], url)
            if not is_export:
                actual[role] = cell
                if not cell_matches(expected, cell):
                    problems.append(f"{role}: expected {expected}, got {cell}")
            elif not (cell_matches(expected, cell) or (expected == "200" and cell in REFUSALS)):
                # An export may be switched off, but never opens more than its listing.
                problems.append(f"{role} {url}: expected {expected}, got {cell}")
            if labels := leaked(world, role, response, row):
                problems.append(f"{role} {url}: the response shows {', '.join(labels)}")
    if dump := os.environ.get("LEAK_MATRIX_DUMP"):
        with open(dump, "a") as out:
            out.write(
                json.dumps(
                    {
                        "key": route.key,
                        "path": path,
                        "shadow": shadow,
                        "results": actual,
                        "problems": problems,
                    }
                )
                + "\n"
            )
    assert not problems, f"{route.key} ({path}):\n  " + "\n  ".join(problems)


def test_every_row_matches_a_pattern():
    stale = [
        row.key for row in TABLE if not any(fnmatch.fnmatchcase(r.key, row.key) for r in ROUTES)
    ]
    assert not stale, f"Rows that match no URL pattern (remove them): {stale}"


# --- The completion API with keys -------------------------------------------------------------
# Each API route is also requested with no key, the programme's key, and organisation A's key
# (which, like organisation A's manager, asks for organisation B's objects), against this table
# in the order of KEYS. A key sees what its scope's manager may see: the programme key nothing
# withheld, organisation A's key what the org_manager column may see.
KEYS = ("no key", "programme key", "org_a key")
KEY_SECRETS = {
    "no key": "anonymous",
    "programme key": "programme_manager",
    "org_a key": "org_manager",
}
KEY_TABLE = {
    "api-v1:openapi-json": "200 200 200",
    "api-v1:api-root": "404 404 404",
    "api-v1:sectors": "401 200 403",  # an organisation's key reads its own organisation
    "api-v1:sector_organisations": "401 200 404",
    "api-v1:organisation": "401 200 404",
    "api-v1:organisation_people": "401 200 404",
    "api-v1:person": "401 200 404",
    "api-v1:time_series": "401 200 200",  # organisation A's own figures
    "api-v1:knowledge_gain": "401 200 200",
    "api-v1:mastery": "401 200 200",
}
API_ROUTES = [route for route in ROUTES if route.key.startswith("api-v1:")]


@pytest.mark.parametrize("route", API_ROUTES, ids=[r.key for r in API_ROUTES])
def test_api_route_with_keys(route, world, db):
    assert route.key in KEY_TABLE, f"No row in KEY_TABLE for the API route {route.key!r}"
    cache.clear()  # the API's per-key rate counters
    path = path_for(world, route)
    problems = []
    for label, expected in zip(KEYS, KEY_TABLE[route.key].split(), strict=True):
        headers = {}
        if label in world.api_keys:
            headers["HTTP_AUTHORIZATION"] = f"Bearer {world.api_keys[label]}"
        response = Client(raise_request_exception=False).get(path, **headers)
        if str(response.status_code) != expected:
            problems.append(f"{label}: expected {expected}, got {response.status_code}")
        secrets = world.secrets[KEY_SECRETS[label]]
        if shown := [name for name, secret in secrets.items() if secret in body_text(response)]:
            problems.append(f"{label}: the response shows {', '.join(shown)}")
    assert not problems, f"{route.key} ({path}):\n  " + "\n  ".join(problems)


def test_every_key_row_matches_an_api_route():
    stale = set(KEY_TABLE) - {route.key for route in API_ROUTES}
    assert not stale, f"Rows of KEY_TABLE that match no API route (remove them): {stale}"
