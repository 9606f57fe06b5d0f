"""The queries every request makes (lms.kept_sql): the same answers as the ORM's, each counted as
one query, and on PostgreSQL prepared once per connection (issue 14)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lms.people.access import requires_mfa
from lms.people.roles import Role
from lms.permissions import _KEPT, group_names, read_permissions
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def prepared_statements() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        return [row[0] for row in cursor.fetchall()]


def test_a_persons_permissions_and_roles_are_one_query_with_the_orms_answer():
    manager = UserFactory(role=Role.ORGANISATION_MANAGER)
    with CaptureQueriesContext(connection) as queries:
        read_permissions(manager)
    assert len(queries) == 1
    # Logged as every query is, with the person's id in its place.
    assert f'"people_user_groups"."user_id" = {manager.pk}' in queries[0]["sql"]
    assert group_names(manager) == frozenset({"Organisation manager"})
    fresh = type(manager).objects.get(pk=manager.pk)
    assert manager.get_all_permissions() == fresh.get_all_permissions()
    assert manager.has_perm("people.view_organisation_reports") is True
    assert manager.has_perm("people.view_all_reports") is False


def test_the_staff_role_check_reads_one_row_for_staff_and_none_for_a_trainee():
    trainer, trainee = UserFactory(role=Role.TRAINER), UserFactory(role=Role.TRAINEE)
    with CaptureQueriesContext(connection) as queries:
        assert requires_mfa(trainer) is True
        assert requires_mfa(trainee) is False
    assert len(queries) == 2


@pytest.mark.skipif("connection.vendor != 'postgresql'", reason="PostgreSQL prepares them")
def test_on_postgresql_a_kept_query_is_prepared_once_and_answers_alike_after():
    first, second = UserFactory(role=Role.TRAINER), UserFactory(role=Role.TRAINEE)
    kept_sql = _KEPT.sql(connection.alias, user=first.pk)[0]
    assert not any('"auth_permission"' in statement for statement in prepared_statements())

    read_permissions(first)
    read_permissions(second)

    prepared = [sql for sql in prepared_statements() if '"auth_permission"' in sql]
    # One statement for both people: prepared with placeholders, not with either's id.
    assert len(prepared) == 1
    assert prepared[0].count("$") == kept_sql.count("%s")
    assert group_names(first) == frozenset({"Trainer"})
    assert group_names(second) == frozenset({"Trainee"})
    assert "assessments.add_scenario" in first.get_all_permissions()
    assert "assessments.add_scenario" not in second.get_all_permissions()
