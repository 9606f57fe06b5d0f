"""The completion API (issue 10, item 6): /api/v1/, token-authenticated, the same figures as the
completion pages (both read certificates.completion), an organisation's token held to its
organisation, bad input answered with a 4xx JSON message, queries that do not grow with people,
and an OpenAPI schema served by the product."""

import json
import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from certificates import completion
from certificates.api_tokens import issue_api_token, revoke_api_token
from certificates.models import ApiToken, Certificate, SectorTarget
from courses.models import Enrolment
from lms.people.models import Organisation, Region, User
from lms.people.roles import Role
from tests.certificates.completion_world import build_programme
from tests.conftest import sign_in

pytestmark = pytest.mark.django_db

API = "/api/v1"
ENDPOINTS = [
    "/sectors/",
    "/sectors/labour-inspection/organisations/",
    "/organisations/{alpha}/",
    "/organisations/{alpha}/people/",
    "/people/{a1}/",
    "/time-series/",
    "/knowledge-gain/",
    "/mastery/",
]
FIGURES = list(completion.FIGURES)


@pytest.fixture
def world(build_course):
    return build_programme(build_course)


@pytest.fixture
def programme_key(world):
    return issue_api_token(name="Donor portal", organisation=None, by=None)[1]


@pytest.fixture
def alpha_key(world):
    return issue_api_token(name="Alpha's dashboard", organisation=world.alpha, by=None)[1]


def url(world, path: str) -> str:
    return API + path.format(
        alpha=world.alpha.pk,
        bravo=world.bravo.pk,
        a1=world.people["a1"].pk,
        b1=world.people["b1"].pk,
    )


def get(client, key, path, **headers):
    if key is not None:
        headers["HTTP_AUTHORIZATION"] = f"Bearer {key}"
    return client.get(path, **headers)


def figures(row: dict) -> dict:
    return {name: row[name] for name in FIGURES}


# --- Authentication ---------------------------------------------------------------------------


@pytest.mark.parametrize("path", ENDPOINTS)
@pytest.mark.parametrize(
    "authorization",
    [None, "Bearer", "Bearer not-a-key", "Basic dXNlcjpwYXNz", "Token {key}", "{key}"],
)
def test_without_a_live_key_every_endpoint_is_a_401(
    client, world, programme_key, path, authorization
):
    headers = {}
    if authorization is not None:
        headers["HTTP_AUTHORIZATION"] = authorization.format(key=programme_key)
    response = client.get(url(world, path), **headers)
    assert response.status_code == 401
    assert response.json() == {"detail": "Unauthorized"}
    assert response["WWW-Authenticate"] == "Bearer"


@pytest.mark.parametrize("path", ENDPOINTS)
def test_a_revoked_key_is_a_401(client, world, path):
    token, key = issue_api_token(name="Old portal", organisation=None, by=None)
    assert get(client, key, url(world, path)).status_code == 200
    revoke_api_token(token=token)
    response = get(client, key, url(world, path))
    assert (response.status_code, response.json()) == (401, {"detail": "Unauthorized"})


def test_a_signed_in_session_opens_nothing(client, world):
    """No session authentication: a manager's browser cookies are not a key (and so there is no
    cross-site request to forge)."""
    sign_in(client, world.programme_manager)
    assert client.get(url(world, "/sectors/")).status_code == 401


# --- A programme token: the whole programme, the pages' figures ---------------------------------


def test_a_programme_token_reads_every_sector_with_the_pages_figures(client, world, programme_key):
    response = get(client, programme_key, url(world, "/sectors/"))
    assert response.status_code == 200
    body = response.json()
    assert body["minimum_group_size"] == 5
    assert body["as_at"] == timezone.localdate().isoformat()
    rows = {row["key"]: row for row in body["rows"]}
    assert set(rows) == set(completion.Scope.programme().sectors().values_list("code", flat=True))
    # The figures of tests/certificates/test_completion_pages.py, by name.
    assert figures(rows["labour-inspection"]) == {
        "people": 14,
        "enrolled": 10,
        "not_started": 3,
        "in_progress": 3,
        "completed": 4,
        "overdue": 2,
        "certified_completion": 3,
        "certified_competency": 2,
        "expiring_30": 1,
        "expiring_60": 2,
        "expiring_90": 3,
    }
    assert rows["labour-inspection"]["percent_completed"] == 40
    assert rows["labour-inspection"]["name"] == "Labour inspection"
    assert rows["labour-inspection"]["suppressed"] is False
    # Hotline has three trainees; the shelter is hidden too, or the total would give them away.
    for hidden in ("hotline", "shelter"):
        assert rows[hidden]["suppressed"] is True
        assert set(figures(rows[hidden]).values()) == {None}
    total = body["total"]
    assert [total[name] for name in ("people", "enrolled", "not_started", "in_progress")] == [
        23,
        13,
        3,
        3,
    ]
    assert (total["completed"], total["percent_completed"]) == (7, 53)


def _expected_rows(table: completion.CompletionTable) -> dict:
    return {
        row.key: {**row.figures(), "suppressed": row.suppressed is not None}
        for row in [*table.rows, table.total]
    }


def _answered_rows(body: dict) -> dict:
    return {
        row["key"]: {**figures(row), "suppressed": row["suppressed"]}
        for row in [*body["rows"], body["total"]]
    }


@pytest.mark.parametrize(
    "query",
    [
        "",
        "course={course_x}",
        "course={course_x}&sex=female",
        "sex=male",
        "region={riyadh}",
        "from={month_ago}",
        "to={week_ago}",
        "sector=labour-inspection",
    ],
)
def test_the_figures_are_those_of_the_completion_module_for_the_same_filters(
    client, world, programme_key, query
):
    today = timezone.localdate()
    query = query.format(
        course_x=world.course_x.pk,
        riyadh=world.alpha.region_id,
        month_ago=(today - timedelta(days=30)).isoformat(),
        week_ago=(today - timedelta(days=7)).isoformat(),
    )
    SectorTarget.objects.create(
        sector=world.inspection,
        period_start=today - timedelta(days=60),
        period_end=today + timedelta(days=30),
        people_to_complete=8,
    )
    scope = completion.Scope.programme()
    filters, errors = completion.Filters.from_query(
        dict(pair.split("=") for pair in query.split("&") if pair), scope
    )
    assert not errors

    body = get(client, programme_key, f"{API}/sectors/?{query}").json()
    table = completion.by_sector(scope, filters)
    assert _answered_rows(body) == _expected_rows(table)
    inspection = next(row for row in body["rows"] if row["key"] == "labour-inspection")
    expected_target = next(r for r in table.rows if r.key == "labour-inspection").target
    assert inspection["target"] == {
        "period_start": expected_target.period_start.isoformat(),
        "period_end": expected_target.period_end.isoformat(),
        "people_to_complete": 8,
        "completed": expected_target.completed,
        "percent": expected_target.percent,
    }

    body = get(client, programme_key, f"{API}/sectors/labour-inspection/organisations/?{query}")
    table = completion.by_organisation(scope, filters, world.inspection)
    assert _answered_rows(body.json()) == _expected_rows(table)

    body = get(client, programme_key, f"{API}/time-series/?{query}").json()
    for name, series in {
        "completions": completion.completions_by_month(scope, filters),
        "certificates_issued": completion.certificates_issued_by_month(scope, filters),
        "certificates_expiring": completion.certificates_expiring_by_month(scope, filters),
    }.items():
        assert body[name] == {
            "names": list(series.names),
            "suppressed": series.suppressed is not None,
            "months": [
                {"month": month.month.isoformat(), "values": month.values}
                for month in series.months
            ],
        }

    body = get(client, programme_key, f"{API}/knowledge-gain/?{query}").json()
    assert body["rows"] == [
        {
            "key": row.key,
            "name": row.name,
            "name_en": row.name_en,
            "name_ar": row.name_ar,
            "suppressed": row.suppressed is not None,
            "people": row.people,
            "pre": row.pre and float(row.pre),
            "post": row.post and float(row.post),
            "gain": row.gain and float(row.gain),
        }
        for row in completion.knowledge_gain_by_sector(scope, filters)
    ]


def test_the_people_of_an_organisation_are_those_of_its_page(client, world, programme_key):
    body = get(client, programme_key, url(world, "/organisations/{alpha}/people/")).json()
    expected = completion.people(completion.Scope.programme(), completion.Filters(), world.alpha)
    assert body["count"] == 8
    assert [
        (p["name"], p["state"], p["state_label"], p["overdue"], p["next_due"])
        for p in body["items"]
    ] == [
        (p.name, p.state, p.state_label, p.overdue, p.next_due and p.next_due.isoformat())
        for p in expected
    ]
    a1 = body["items"][0]
    assert (a1["name"], a1["state"]) == ("Person A1", "completed")
    assert [(c["serial"], c["kind"]) for c in a1["certificates"]] == [
        ("TEST-0002", "competency"),
        ("TEST-0001", "completion"),
    ]
    assert [(c["code"], c["state"]) for c in a1["courses"]] == [("CMP-X", "completed")]
    assert [(p["name"], p["state"], p["overdue"]) for p in body["items"][2:7]] == [
        ("Person A3", "in_progress", True),
        ("Person A4", "in_progress", False),
        ("Person A5", "not_started", True),
        ("Person A6", "not_started", False),
        ("Person A7", "not_enrolled", False),
    ]


def test_a_persons_record_lists_every_certificate_with_its_state(client, world, programme_key):
    response = get(client, programme_key, f"{API}/people/{world.people['a2'].pk}/")
    body = response.json()
    assert response.status_code == 200
    assert body["name"] == "Person A2"
    assert [(c["serial"], c["status"]) for c in body["certificates"]] == [
        ("TEST-0003", "valid"),
        ("TEST-0004", "superseded"),
    ]
    assert [(c["code"], c["done"], c["total"]) for c in body["courses"]] == [("CMP-X", 0, 2)]


def test_one_organisations_figures_are_its_row_in_its_sector(client, world, programme_key):
    body = get(client, programme_key, url(world, "/organisations/{alpha}/")).json()
    table = completion.by_organisation(
        completion.Scope.programme(), completion.Filters(), world.inspection
    )
    (alpha,) = [row for row in table.rows if row.id == world.alpha.pk]
    assert (body["id"], body["name"], body["sector"], body["region"]) == (
        world.alpha.pk,
        "Alpha Labour Office",
        "labour-inspection",
        "riyadh",
    )
    assert figures(body["figures"]) == alpha.figures()
    assert body["figures"]["people"] == 8


# --- An organisation's token: exactly what its manager sees -------------------------------------


def test_an_organisation_token_reads_its_own_organisation(client, world, alpha_key):
    body = get(client, alpha_key, url(world, "/organisations/{alpha}/people/")).json()
    assert body["count"] == 8
    assert {p["name"] for p in body["items"]} == {f"Person A{n}" for n in range(1, 9)}
    body = get(client, alpha_key, f"{API}/sectors/labour-inspection/organisations/").json()
    assert [row["key"] for row in body["rows"]] == [str(world.alpha.pk)]
    scope = completion.Scope.for_organisation(world.alpha)
    expected = completion.by_organisation(scope, completion.Filters(), world.inspection)
    assert _answered_rows(body) == _expected_rows(expected)
    assert body["total"]["people"] == 8  # Alpha's people only, not the sector's 14
    assert body["total"]["target"] is None  # managers do not see the sector's target


@pytest.mark.parametrize(
    "path",
    [
        "/organisations/{bravo}/",
        "/organisations/{bravo}/people/",
        "/people/{b1}/",
        "/sectors/hotline/organisations/",
        "/organisations/{alpha}/?organisation={bravo}",
        "/organisations/{alpha}/people/?organisation={bravo}",
        "/sectors/labour-inspection/organisations/?organisation={bravo}",
        "/time-series/?organisation={bravo}",
        "/mastery/?organisation={bravo}",
    ],
)
def test_an_organisation_token_gets_a_404_for_another_organisation(client, world, alpha_key, path):
    response = get(client, alpha_key, url(world, path))
    assert response.status_code == 404
    assert set(response.json()) == {"detail"}
    assert "Person B1" not in response.text


def test_an_organisation_token_cannot_widen_its_scope_by_query(client, world, alpha_key):
    response = get(client, alpha_key, f"{API}/knowledge-gain/?sector=hotline")
    assert response.status_code == 400
    assert response.json()["errors"] == {"sector": "There is no such sector."}
    body = get(client, alpha_key, f"{API}/time-series/?sector=labour-inspection").json()
    scope = completion.Scope.for_organisation(world.alpha)
    filters, _errors = completion.Filters.from_query({"sector": "labour-inspection"}, scope)
    expected = completion.completions_by_month(scope, filters)
    assert [m["values"] for m in body["completions"]["months"]] == [
        m.values for m in expected.months
    ]
    assert sum(m["values"]["completed"] for m in body["completions"]["months"]) == 2  # a1, a2


def test_an_organisation_token_is_sent_to_its_organisation_from_the_sectors(
    client, world, alpha_key
):
    response = get(client, alpha_key, f"{API}/sectors/")
    assert response.status_code == 403
    assert "organisation" in response.json()["detail"]


# --- Pagination ---------------------------------------------------------------------------------


def test_people_are_paginated(client, world, programme_key):
    path = url(world, "/organisations/{alpha}/people/")
    body = get(client, programme_key, f"{path}?page=2&page_size=3").json()
    assert body["count"] == 8
    assert [p["name"] for p in body["items"]] == ["Person A4", "Person A5", "Person A6"]
    body = get(client, programme_key, f"{path}?page=3&page_size=3").json()
    assert [p["name"] for p in body["items"]] == ["Person A7", "Person A8"]
    assert get(client, programme_key, f"{path}?page=9").json() == {"items": [], "count": 8}


# --- Bad input ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "errors"),
    [
        ("/sectors/?from=2025-13-45", {"period_start": "“2025-13-45” is not a date"}),
        ("/sectors/?from=yesterday", {"period_start": "“yesterday” is not a date"}),
        ("/time-series/?from=2025-06-01&to=2025-01-01", {"period_end": "The period ends"}),
        ("/sectors/?region=999999", {"region": "There is no such region."}),
        ("/mastery/?course=abc", {"course": "There is no such course."}),
        ("/knowledge-gain/?session=12345678901234567890", {"session": "There is no such"}),
        ("/sectors/?sex=other", {"sex": "Choose female or male"}),
        ("/sectors/?language=fr", {"language": "Input should be 'ar' or 'en'"}),
        ("/organisations/{alpha}/people/?page=abc", {"page": "Input should be a valid integer"}),
        ("/organisations/{alpha}/people/?page=0", {"page": "Input should be greater than"}),
        ("/organisations/{alpha}/people/?page_size=-1", {"page_size": "Input should be"}),
    ],
)
def test_malformed_input_is_a_400_naming_the_parameter(client, world, programme_key, path, errors):
    response = get(client, programme_key, url(world, path))
    assert response.status_code == 400
    body = response.json()
    assert body["detail"]
    assert set(body["errors"]) == set(errors)
    for name, message in errors.items():
        assert body["errors"][name].startswith(message), body["errors"][name]


@pytest.mark.parametrize(
    "path",
    [
        "/organisations/999999/",
        "/organisations/0/",
        "/organisations/99999999999999999999999/people/",
        "/people/999999/",
        "/people/99999999999999999999999/",
        "/sectors/no-such-sector/organisations/",
        "/sectors/?organisation=999999",
        "/sectors/?organisation=99999999999999999999999",
    ],
)
def test_unknown_ids_are_a_404_in_json(client, world, programme_key, path):
    response = get(client, programme_key, url(world, path))
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert set(response.json()) == {"detail"}


@pytest.mark.parametrize("path", ["/organisations/abc/", "/people/1.5/"])
def test_an_id_that_is_not_a_number_is_a_4xx_in_json(client, world, programme_key, path):
    response = get(client, programme_key, url(world, path))
    assert response.status_code in (400, 404)
    assert response["Content-Type"].startswith("application/json") or response.status_code == 404


def test_a_person_who_is_not_a_trainee_is_a_404(client, world, programme_key):
    response = get(client, programme_key, f"{API}/people/{world.programme_manager.pk}/")
    assert response.status_code == 404


# --- Language ----------------------------------------------------------------------------------


def test_names_and_labels_follow_the_language_asked_for(client, world, programme_key):
    response = get(client, programme_key, f"{API}/sectors/?language=ar")
    assert response["Content-Language"] == "ar"
    names = {row["key"]: row["name"] for row in response.json()["rows"]}
    assert names["labour-inspection"] == world.inspection.name_ar
    response = get(client, programme_key, f"{API}/sectors/", HTTP_ACCEPT_LANGUAGE="ar")
    assert response["Content-Language"] == "ar"
    assert response.json()["total"]["name"] == "جميع القطاعات"
    response = get(client, programme_key, f"{API}/sectors/?language=en", HTTP_ACCEPT_LANGUAGE="ar")
    assert response.json()["total"]["name"] == "All sectors"


# --- The schema ---------------------------------------------------------------------------------


def _refs(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref":
                yield value
            else:
                yield from _refs(value)
    elif isinstance(node, list):
        for value in node:
            yield from _refs(value)


def test_the_openapi_schema_is_served_and_describes_every_endpoint(client, world):
    response = client.get(f"{API}/openapi.json")  # no key needed: it holds no data
    assert response.status_code == 200
    schema = response.json()
    try:
        from openapi_spec_validator import validate
    except ImportError:  # not installed here: check the structure the clients rely on
        validate = None
    if validate is not None:
        validate(schema)
    assert re.fullmatch(r"3\.\d+\.\d+", schema["openapi"])
    assert schema["info"]["title"] == "Himaya completion API"
    assert set(schema["paths"]) == {
        f"{API}/sectors/",
        f"{API}/sectors/{{code}}/organisations/",
        f"{API}/organisations/{{organisation_id}}/",
        f"{API}/organisations/{{organisation_id}}/people/",
        f"{API}/people/{{person_id}}/",
        f"{API}/time-series/",
        f"{API}/knowledge-gain/",
        f"{API}/mastery/",
    }
    assert schema["components"]["securitySchemes"] == {
        "BearerToken": {"type": "http", "scheme": "bearer"}
    }
    operation_ids = []
    for path, item in schema["paths"].items():
        assert set(item) == {"get"}, path
        operation = item["get"]
        operation_ids.append(operation["operationId"])
        assert operation["security"] == [{"BearerToken": []}]
        assert {"200", "400", "401", "404"} <= set(operation["responses"]), path
        declared = {p["name"] for p in operation.get("parameters", []) if p["in"] == "path"}
        assert declared == set(re.findall(r"{(\w+)}", path)), path
        for parameter in operation.get("parameters", []):
            assert {"name", "in", "schema"} <= set(parameter), (path, parameter)
    assert len(operation_ids) == len(set(operation_ids))
    people = schema["paths"][f"{API}/organisations/{{organisation_id}}/people/"]["get"]
    assert {"page", "page_size", "from", "to", "language"} <= {
        p["name"] for p in people["parameters"]
    }
    components = schema["components"]["schemas"]
    for ref in _refs(schema):
        assert ref.startswith("#/components/schemas/"), ref
        assert ref.removeprefix("#/components/schemas/") in components, ref
    json.dumps(schema)  # plain JSON all through


def test_no_page_loads_swagger_from_a_cdn(client):
    assert client.get(f"{API}/docs").status_code == 404
    assert b"cdn" not in client.get(f"{API}/openapi.json").content.lower()


# --- Queries do not grow with people ------------------------------------------------------------


def _crowd(organisation: Organisation, course, count: int):
    """`count` trainees of `organisation`, each enrolled in `course` (half completed it, with a
    completion certificate), written in bulk."""
    now = timezone.now()
    people = User.objects.bulk_create(
        User(
            email=f"crowd{organisation.pk}-{n}@api.example",
            name_en=f"Crowd {n:03d}",
            name_ar=f"حشد {n:03d}",
            organisation=organisation,
            sex="female" if n % 2 else "male",
            date_joined=now - timedelta(days=100),
        )
        for n in range(count)
    )
    trainee = Group.objects.get(name=Role.TRAINEE)
    User.groups.through.objects.bulk_create(
        User.groups.through(user_id=person.pk, group_id=trainee.pk) for person in people
    )
    Enrolment.objects.bulk_create(
        Enrolment(
            user=person,
            course=course,
            source=Enrolment.Source.MANAGER,
            enrolled_at=now - timedelta(days=50),
            due_at=now + timedelta(days=n - count // 2),
            completed_at=now - timedelta(days=n % 30) if n % 2 else None,
        )
        for n, person in enumerate(people)
    )
    Certificate.objects.bulk_create(
        Certificate(
            user=person,
            course=course,
            kind=Certificate.Kind.COMPLETION,
            serial=f"CRWD-{organisation.pk}-{n:04d}",
            issued_at=now - timedelta(days=n % 30),
            expires_on=timezone.localdate() + timedelta(days=n),
            context={"course_title_en": course.title, "course_title_ar": course.title},
        )
        for n, person in enumerate(people)
        if n % 2
    )


def _queries(client, key, path) -> int:
    get(client, key, path)  # warm the caches that outlive a request (Wagtail's site, content types)
    with CaptureQueriesContext(connection) as captured:
        response = get(client, key, path)
    assert response.status_code == 200, (path, response.content[:300])
    return len(captured)


# The token look-up, then what certificates.completion states for each function it calls.
QUERIES = {
    "/sectors/": 7,
    "/sectors/labour-inspection/organisations/": 13,
    "/organisations/{alpha}/": 13,
    # No English translations read for courses already in English (cms.locales: 11 and 19 before).
    "/organisations/{alpha}/people/": 8,
    "/people/{a1}/": 14,
    "/time-series/": 7,
    "/knowledge-gain/": 3,
    "/mastery/": 3,
}


@pytest.mark.parametrize("path", ENDPOINTS)
def test_queries_do_not_grow_with_people(client, build_course, path):
    course = build_course(code="CRWD")
    counts = []
    for size in (10, 200):
        organisation = Organisation.objects.create(
            name_en=f"Crowd {size}",
            name_ar=f"حشد {size}",
            sector=completion.Scope.programme().sectors().get(code="labour-inspection"),
            region=Region.objects.get(code="riyadh"),
        )
        _crowd(organisation, course, size)
        token, key = issue_api_token(name=f"Crowd {size}", organisation=organisation, by=None)
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
        person = User.objects.filter(organisation=organisation).order_by("pk").first()
        target = API + path.format(alpha=organisation.pk, a1=person.pk)
        if path == "/sectors/":  # programme tokens only: the whole programme grows instead
            key = issue_api_token(name=f"Programme {size}", organisation=None, by=None)[1]
            get(client, key, target)  # first use recorded
        counts.append(_queries(client, key, target))
    assert counts == [QUERIES[path]] * 2


def test_the_people_page_size_is_capped(client, build_course, programme_key, world):
    course = build_course(code="CRWD")
    _crowd(world.delta, course, 210)
    path = f"{API}/organisations/{world.delta.pk}/people/?page_size=1000"
    body = get(client, programme_key, path).json()
    assert (len(body["items"]), body["count"]) == (200, 216)
    body = get(client, programme_key, f"{API}/organisations/{world.delta.pk}/people/").json()
    assert len(body["items"]) == 50


# --- Rate ---------------------------------------------------------------------------------------


def test_each_key_has_its_own_request_budget(client, world, programme_key, alpha_key, monkeypatch):
    from django.core.cache import cache

    from certificates.api_v1 import api

    cache.clear()
    monkeypatch.setattr(api.throttle, "num_requests", 2)
    path = url(world, "/organisations/{alpha}/")
    assert [get(client, programme_key, path).status_code for _ in range(3)] == [200, 200, 429]
    assert get(client, programme_key, path).json() == {"detail": "Too many requests."}
    assert get(client, alpha_key, path).status_code == 200  # another key, another budget


def test_the_mastery_grid_is_that_of_the_completion_module(client, world, programme_key, make_quiz):
    from assessments import services as assessments
    from tests.quiz_fixtures import PERFECT

    quiz = make_quiz()
    # Alpha's eight (enough to show) and Charlie's three (too few) answer; A5..A8 miss Q2.
    for key in ("a1", "a2", "a3", "a4", "a5", "a6", "a7", "a8", "c1", "c2", "c3"):
        person = world.people[key]
        attempt = assessments.start_attempt(user=person, quiz=quiz)
        for question, answer in PERFECT.items():
            if question.endswith("Q2") and key in {"a5", "a6", "a7", "a8"}:
                answer = ["B"]
            assessments.save_answer(attempt=attempt, user=person, key=question, answer=answer)
        assessments.submit_attempt(attempt=attempt)

    body = get(client, programme_key, f"{API}/mastery/?language=ar").json()
    grid = completion.mastery_grid(completion.Scope.programme(), completion.Filters())
    assert [tag["code"] for tag in body["tags"]] == [code for code, _en, _ar in grid.tags]
    assert [tag["name"] for tag in body["tags"]] == [ar or en for _code, en, ar in grid.tags]
    assert [sector["code"] for sector in body["sectors"]] == ["hotline", "labour-inspection"]
    cells = {(cell["tag"], cell["sector"]): cell for cell in body["cells"]}
    assert set(cells) == set(grid.cells)
    for (tag, sector), value in grid.cells.items():
        if isinstance(value, completion.FewerThan):
            assert sector == "hotline"
            assert (cells[tag, sector]["suppressed"], cells[tag, sector]["mastery"]) == (True, None)
        else:
            assert sector == "labour-inspection"
            assert cells[tag, sector] == {
                "tag": tag,
                "sector": sector,
                "suppressed": False,
                "mastery": float(value),
            }
    assert {cell["mastery"] for cell in body["cells"] if not cell["suppressed"]} != {1.0}
