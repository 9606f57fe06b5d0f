"""Finals drawn per sector (issue 12, section 4): each trainee's final is whole scenarios of their
own sector plus core ones, never a scenario they have seen before (pre-test, post-test, final,
re-sits); the frozen version holds the draw; publishing checks the pool sector by sector and
the test-wise baseline of each sector's form."""

import copy
import random
from datetime import timedelta
from decimal import Decimal

import pytest
import yaml
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from assessments import demo, drawing, services, test_wise
from assessments.models import Quiz, QuizDrawRule, QuizVersion, Scenario, Tag
from assessments.previews import serve_trainee_preview
from lms.people.models import Sector
from tests.conftest import sign_in
from tests.factories import OrganisationFactory, UserFactory
from tests.quiz_fixtures import SCENARIO

CORE = ["LI", "HL", "SH", "LC", "JD", "CSO"]
SECTOR_ROLES = {
    "civil-society": "CSO",
    "hotline": "HL",
    "labour-committee": "LC",
    "labour-court": "JD",
    "labour-inspection": "LI",
    "shelter": "SH",
}


def scenario(code, roles, *, tags=("NRM-1",)):
    """The fixture's hotline case (three questions) under another code and roles."""
    data = copy.deepcopy(SCENARIO)
    data["code"], data["roles"], data["tags"] = code, list(roles), list(tags)
    return data


def choice_scenario(code, roles, *, key_longest):
    """A case with one single-choice question whose key is the longer option, or the shorter:
    the test-wise heuristic (the longest option) always scores 100 or 0 on it."""
    data = scenario(code, roles)
    short, long = {"en": "Ask", "ar": "اسأل"}, {"en": "Check he is safe now", "ar": "تحقق"}
    data["questions"] = [
        {
            "code": "Q1",
            "type": "single_choice",
            "stem": {"en": f"What first ({code})?", "ar": "ماذا أولًا؟"},
            "points": 1,
            "tags": [],
            "options": [
                {"code": "A", "text": long if key_longest else short, "correct": True},
                {"code": "B", "text": short if key_longest else long, "correct": False},
            ],
        }
    ]
    return data


def bank(**counts):
    """`counts` scenarios per role (LI=3, …) and `CORE=n` core ones, published."""
    data = []
    for role, count in counts.items():
        roles = CORE if role == "CORE" else [role]
        data += [scenario(f"SCN-{role}-{n:03}", roles) for n in range(1, count + 1)]
    return services.import_scenarios(scenarios=data, publish=True)


def final(code="FIN", *, sector=2, core=2, **settings):
    quiz = Quiz(
        code=code,
        title_en="Competency final",
        title_ar="الاختبار الختامي",
        kind=Quiz.Kind.FINAL,
        sector_scenarios=sector,
        core_scenarios=core,
        **settings,
    )
    quiz.save()
    quiz.save_revision().publish()
    quiz.refresh_from_db()
    return quiz


def person_in(sector_code):
    sector = Sector.objects.get(code=sector_code)
    return UserFactory(organisation=OrganisationFactory(sector=sector))


def drawn(attempt) -> list[str]:
    return list(dict.fromkeys(item["key"].split("/")[0] for item in attempt.layout))


def sit(user, quiz, *, now=None):
    attempt = services.start_attempt(user=user, quiz=quiz, now=now, rng=random.Random(7))
    services.submit_attempt(attempt=attempt, now=now)
    return attempt


def test_the_six_initial_sectors_carry_their_frontline_role(db):
    assert Sector.scenario_roles() == SECTOR_ROLES


@pytest.mark.django_db
@pytest.mark.parametrize(("sector", "role"), [("labour-inspection", "LI"), ("labour-court", "JD")])
def test_a_trainees_final_holds_only_their_sectors_and_core_scenarios(sector, role):
    bank(LI=3, JD=3, HL=2, CORE=3)
    quiz = final()

    for _ in range(5):
        attempt = services.start_attempt(user=person_in(sector), quiz=quiz)
        codes = drawn(attempt)

        assert len([c for c in codes if c.startswith(f"SCN-{role}-")]) == 2
        assert len([c for c in codes if c.startswith("SCN-CORE-")]) == 2
        assert len(codes) == 4
        # Whole scenarios: every question of each case, in the case's order.
        assert [item["key"] for item in attempt.layout] == [
            f"{code}/{q}" for code in codes for q in ("Q1", "Q2", "Q3")
        ]


@pytest.mark.django_db
def test_no_scenario_repeats_across_pre_post_final_and_two_resits():
    # The pre- and post-tests draw 2 questions by a tag only the 4 hotline cases carry.
    services.import_scenarios(
        scenarios=[scenario(f"SCN-HL-{n:03}", ["HL"], tags=["LOC-RFE"]) for n in range(1, 5)],
        publish=True,
    )
    bank(LI=6, CORE=6)
    tests = {}
    for code, kind in (("PRE", Quiz.Kind.PRE_TEST), ("POST", Quiz.Kind.POST_TEST)):
        quiz = Quiz(code=code, title_en=code, title_ar=code, kind=kind)
        quiz.save()
        QuizDrawRule.objects.create(quiz=quiz, tag=Tag.objects.get(code="LOC-RFE"), count=2)
        quiz.save_revision().publish()
        tests[code] = quiz
    the_final = final(max_attempts=3)
    inspector = person_in("labour-inspection")
    start = timezone.now()

    sittings = [
        sit(inspector, tests["PRE"], now=start),
        sit(inspector, tests["POST"], now=start + timedelta(days=1)),
        *(sit(inspector, the_final, now=start + timedelta(days=2 + n)) for n in range(3)),
    ]

    scenarios = [code for attempt in sittings for code in drawn(attempt)]
    assert len(scenarios) == len(set(scenarios))
    assert [len(drawn(a)) for a in sittings[2:]] == [4, 4, 4]
    assert sorted(c for a in sittings[2:] for c in drawn(a)) == sorted(
        [f"SCN-LI-{n:03}" for n in range(1, 7)] + [f"SCN-CORE-{n:03}" for n in range(1, 7)]
    )


@pytest.mark.django_db
def test_a_resit_with_too_few_unseen_scenarios_draws_the_least_recently_seen():
    bank(LI=3, CORE=2)
    the_final = final(max_attempts=3)
    inspector = person_in("labour-inspection")
    start = timezone.now()

    first = sit(inspector, the_final, now=start)
    second = sit(inspector, the_final, now=start + timedelta(days=1))
    third = sit(inspector, the_final, now=start + timedelta(days=2))

    first_li = {c for c in drawn(first) if "-LI-" in c}
    second_li = {c for c in drawn(second) if "-LI-" in c}
    # The second takes the one unseen case and one of the first two.
    assert len(second_li - first_li) == 1
    (oldest,) = first_li - second_li
    # The third: the case last seen in the first attempt before any seen in the second.
    assert oldest in drawn(third)
    # Only two core cases: every attempt sits both.
    assert [sorted(c for c in drawn(a) if "CORE" in c) for a in (first, second, third)] == [
        ["SCN-CORE-001", "SCN-CORE-002"]
    ] * 3


@pytest.mark.django_db
def test_the_frozen_version_reproduces_the_draw_whatever_the_bank_and_sectors_become():
    bank(LI=3, CORE=3)
    quiz = final()
    version = quiz.current_version
    settings = version.quiz_settings

    def layout():
        return services.draw_layout(
            version, settings, random.Random(11), sector="labour-inspection", seen={}
        )

    before = layout()
    # The bank and the sectors change after publishing.
    Scenario.objects.get(code="SCN-LI-001").unpublish()
    services.import_scenarios(scenarios=[scenario("SCN-LI-009", ["LI"])], publish=True)
    Sector.objects.filter(code="labour-inspection").update(scenario_role="HL")
    version.refresh_from_db()

    assert layout() == before
    assert version.sector_draw == {"sector": 2, "core": 2, "roles": SECTOR_ROLES}
    assert [s["code"] for s in version.scenarios] == [
        *(f"SCN-CORE-{n:03}" for n in range(1, 4)),
        *(f"SCN-LI-{n:03}" for n in range(1, 4)),
    ]
    attempt = services.start_attempt(user=person_in("labour-inspection"), quiz=quiz)
    assert attempt.version == version
    assert set(drawn(attempt)) <= {s["code"] for s in version.scenarios}
    # Publishing again freezes the bank and the sectors as they now are.
    quiz.save_revision().publish()
    new = quiz.current_version
    assert new.number == version.number + 1
    assert new.sector_draw["roles"]["labour-inspection"] == "HL"
    assert "SCN-LI-009" in {s["code"] for s in new.scenarios}


@pytest.mark.django_db
def test_a_trainee_with_no_sector_or_a_sector_without_scenarios_sits_core_and_any():
    bank(LI=2, JD=2, CORE=2)
    quiz = final()
    nobody = UserFactory(organisation=None)
    sheltered = person_in("shelter")  # the pool has no shelter scenario

    for user in (nobody, sheltered):
        codes = drawn(services.start_attempt(user=user, quiz=quiz))

        assert len(codes) == 4
        assert sorted(c for c in codes if "CORE" in c) == ["SCN-CORE-001", "SCN-CORE-002"]
        assert all("-LI-" in c or "-JD-" in c for c in codes if "CORE" not in c)


@pytest.mark.django_db
def test_a_listed_pool_limits_the_draw_to_its_scenarios():
    scenarios = {s.code: s for s in bank(LI=4, CORE=3)}
    quiz = Quiz(
        code="FIN-LISTED",
        title_en="Final",
        title_ar="ختامي",
        kind=Quiz.Kind.FINAL,
        sector_scenarios=2,
        core_scenarios=2,
    )
    quiz.save()
    listed = ["SCN-LI-003", "SCN-LI-004", "SCN-CORE-001", "SCN-CORE-002"]
    for order, code in enumerate(listed):
        quiz.items.create(scenario=scenarios[code], sort_order=order)
    quiz.save_revision().publish()

    attempt = services.start_attempt(user=person_in("labour-inspection"), quiz=quiz)

    assert sorted(drawn(attempt)) == sorted(listed)


@pytest.mark.django_db
def test_starting_a_drawn_final_takes_the_same_queries_whatever_the_attempts_and_people(
    django_assert_num_queries,
):
    bank(LI=6, CORE=6)
    the_final = final(max_attempts=0)
    first = person_in("labour-inspection")
    busy = person_in("labour-inspection")
    for _ in range(4):
        sit(busy, the_final)
    # Many more people and attempts in the database.
    for _ in range(5):
        sit(person_in("labour-inspection"), the_final)

    for user in (first, busy):
        user = type(user).objects.get(pk=user.pk)
        with django_assert_num_queries(QUERIES_TO_START):
            services.start_attempt(user=user, quiz=the_final)


# The quiz's current version (1), the person's expired attempts (1), their attempts at the quiz
# locked in a transaction (3 with its savepoint and release), their sector (1), every scenario
# they have seen (1), the new attempt in a savepoint (3).
QUERIES_TO_START = 10


# --- Publishing in the editor ----------------------------------------------------------------


def publish_form(quiz, **changes) -> dict:
    return nested_form_data(
        {
            "code": quiz.code,
            "title_en": quiz.title_en,
            "title_ar": quiz.title_ar,
            "kind": quiz.kind,
            "pre_test": "",
            "pass_mark": "75",
            "max_attempts": "3",
            "cooldown_minutes": "0",
            "time_limit_minutes": "",
            "shuffle_options": "on",
            "feedback_timing": quiz.feedback_timing,
            "closes_at": "",
            "sector_scenarios": "2",
            "core_scenarios": "2",
            "items": inline_formset([]),
            "draw_rules": inline_formset([]),
            "action-publish": "action-publish",
            **changes,
        }
    )


def edit_url(quiz) -> str:
    return reverse("wagtailsnippets_assessments_quiz:edit", args=[quiz.pk])


def draft_final():
    quiz = Quiz(code="FIN-EDIT", title_en="Final", title_ar="ختامي", kind=Quiz.Kind.FINAL)
    quiz.save()
    return quiz


@pytest.mark.django_db
def test_publishing_names_each_sector_whose_pool_falls_short(client, programme_manager):
    bank(LI=2, HL=2, SH=2, LC=2, JD=1, CORE=1)  # no civil-society case, one judge's, one core
    quiz = draft_final()
    sign_in(client, programme_manager)

    response = client.post(edit_url(quiz), publish_form(quiz))

    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors["sector_scenarios"] == [
        "Civil society falls short: each attempt draws 2 scenarios of its own (role CSO, not "
        "core) and the pool holds 0.",
        "Labour court falls short: each attempt draws 2 scenarios of its own (role JD, not "
        "core) and the pool holds 1.",
    ]
    assert errors["core_scenarios"] == [
        "Each attempt draws 2 core scenarios (tagged with every sector's role) and the pool "
        "holds 1."
    ]
    assert not QuizVersion.objects.filter(quiz=quiz).exists()


@pytest.mark.django_db
def test_a_quiz_draws_per_tag_or_per_sector_not_both(client, programme_manager):
    bank(LI=2, HL=2, SH=2, LC=2, JD=2, CSO=2, CORE=2)
    quiz = draft_final()
    sign_in(client, programme_manager)
    tag = Tag.objects.get(code="NRM-1")

    response = client.post(
        edit_url(quiz), publish_form(quiz, draw_rules=inline_formset([{"tag": tag.pk, "count": 2}]))
    )

    assert response.status_code == 200
    assert response.context["form"].errors["sector_scenarios"] == [
        "A quiz draws either per tag or per sector, not both: remove the draw rules, or set both "
        "numbers of the draw per sector to 0."
    ]


@pytest.mark.django_db
def test_no_sector_with_a_role_is_refused(client, programme_manager):
    bank(CORE=2)
    Sector.objects.update(scenario_role="")
    quiz = draft_final()
    sign_in(client, programme_manager)

    response = client.post(edit_url(quiz), publish_form(quiz))

    assert response.context["form"].errors["sector_scenarios"] == [
        "No sector has a frontline role code, so no trainee has scenarios of their own: set "
        "each sector's code under Programme, Sectors."
    ]


def choice_bank(**keys_longest):
    """Two one-question cases per sector and two core ones; a role's key is the longest option
    when `keys_longest[role]` (default false)."""
    return [
        choice_scenario(
            f"SCN-{role}-{n:03}",
            CORE if role == "CORE" else [role],
            key_longest=keys_longest.get(role, False),
        )
        for role in [*CORE, "CORE"]
        for n in (1, 2)
    ]


@pytest.mark.django_db
def test_publishing_asks_to_confirm_when_a_sectors_form_reaches_the_pass_mark(
    client, programme_manager
):
    # Only the inspectors' own cases give the answer away.
    services.import_scenarios(scenarios=choice_bank(LI=True), publish=True)
    quiz = draft_final()
    sign_in(client, programme_manager)

    refused = client.post(edit_url(quiz), publish_form(quiz, pass_mark="40"))

    assert refused.status_code == 200
    (message,) = refused.context["form"].errors["confirm_test_wise"]
    assert message.startswith(
        "A trainee who never reads the cases reaches the pass mark (40%) on the forms of "
        "Labour inspection: 50.00% (random guessing: "
    )
    assert "Labour court" not in message
    assert not QuizVersion.objects.filter(quiz=quiz).exists()

    confirmed = client.post(
        edit_url(quiz), publish_form(quiz, pass_mark="40", confirm_test_wise="on")
    )

    assert confirmed.status_code == 302
    version = QuizVersion.objects.get(quiz=quiz)
    assert version.sector_draw == {"sector": 2, "core": 2, "roles": SECTOR_ROLES}
    assert len(version.scenarios) == 14
    # The figures per sector are shown on publishing.
    shown = [str(m) for m in get_messages(confirmed.wsgi_request) if "Test-wise" in str(m)]
    assert shown == [
        "Test-wise baseline per sector (pass mark 40%): Civil society 0.0%; Hotline 0.0%; "
        "Labour committee 0.0%; Labour court 0.0%; Labour inspection 50.0%; Shelter 0.0%."
    ]


@pytest.mark.django_db
def test_a_draft_with_a_short_pool_saves_and_empty_numbers_mean_no_sector_draw(
    client, programme_manager
):
    quiz = draft_final()
    sign_in(client, programme_manager)
    form = publish_form(quiz)
    del form["action-publish"]

    assert client.post(edit_url(quiz), form).status_code == 302

    form = publish_form(quiz, sector_scenarios="", core_scenarios="")
    del form["action-publish"]
    assert client.post(edit_url(quiz), form).status_code == 302
    quiz.refresh_from_db()
    assert (quiz.sector_scenarios, quiz.core_scenarios, quiz.drawn_per_sector) == (0, 0, False)


# --- The test-wise baseline per sector ---------------------------------------------------------


def test_the_baseline_is_computed_per_sector_form():
    scenarios = choice_bank(LI=True, CORE=True)
    sector_draw = {"sector": 2, "core": 2, "roles": SECTOR_ROLES}

    results = test_wise.sector_baselines(
        scenarios=scenarios, sector_draw=sector_draw, shuffle_options=True, shuffles=50
    )

    assert list(results) == list(SECTOR_ROLES)
    # The inspectors' form: every key is the longest; everyone else's: the core cases' only.
    assert {sector: r.heuristic for sector, r in results.items()} == {
        "civil-society": Decimal("50.00"),
        "hotline": Decimal("50.00"),
        "labour-committee": Decimal("50.00"),
        "labour-court": Decimal("50.00"),
        "labour-inspection": Decimal("100.00"),
        "shelter": Decimal("50.00"),
    }
    # A form holds only its sector's and the core questions (one per case, in pool order).
    codes = [s["code"] for s in scenarios]
    assert sorted(codes[item.index] for item in results["labour-court"].items) == [
        "SCN-CORE-001",
        "SCN-CORE-002",
        "SCN-JD-001",
        "SCN-JD-002",
    ]


def test_the_pool_split_names_core_own_and_other_scenarios():
    scenarios = [
        {"code": "A", "roles": CORE},
        {"code": "B", "roles": ["LI"]},
        {"code": "C", "roles": ["LI", "LC"]},
        {"code": "D", "roles": ["JD"]},
        {"code": "E", "roles": []},
    ]
    sector_draw = {"sector": 2, "core": 1, "roles": SECTOR_ROLES}

    pools = drawing.pools(scenarios, sector_draw=sector_draw, sector="labour-inspection")

    assert pools == drawing.SectorPools(own=("B", "C"), core=("A",), others=("D", "E"))
    assert drawing.shortfalls(scenarios, sector_draw=sector_draw) == [
        drawing.Shortfall("civil-society", "CSO", 0, 2),
        drawing.Shortfall("hotline", "HL", 0, 2),
        drawing.Shortfall("labour-committee", "LC", 1, 2),
        drawing.Shortfall("labour-court", "JD", 1, 2),
        drawing.Shortfall("shelter", "SH", 0, 2),
    ]


@pytest.mark.django_db
def test_analytics_show_the_baseline_per_sector(client, trainer_client_for_analytics):
    services.import_scenarios(scenarios=choice_bank(LI=True), publish=True)
    quiz = final(pass_mark=Decimal("40"))

    html = trainer_client_for_analytics.get(reverse("assessments:analytics", args=[quiz.pk])).text

    section = html[html.index('id="test-wise-sectors"') :]
    section = section[: section.index("</table>")]
    assert section.count('<th scope="row">') == 6
    rows = {row.split("</th>")[0]: row for row in section.split('<th scope="row">')[1:]}
    assert "reaches the pass mark" in rows["Labour inspection"]
    assert "reaches the pass mark" not in rows["Labour court"]
    assert "A trainee who never reads the cases reaches the pass mark on some sectors" in html


@pytest.fixture
def trainer_client_for_analytics(client, trainer):
    sign_in(client, trainer)
    return client


# --- The demo ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_demo_final_is_drawn_per_sector_from_the_whole_bank_and_every_quiz_shuffles():
    demo.seed(stdout=type("Out", (), {"write": lambda self, text: None})())

    the_final = Quiz.objects.get(code="VOT-FINAL")
    version = the_final.current_version
    assert version.sector_draw == {"sector": 2, "core": 2, "roles": SECTOR_ROLES}
    assert len(version.scenarios) == Scenario.objects.filter(live=True).count()
    assert drawing.shortfalls(version.scenarios, sector_draw=version.sector_draw) == []
    assert set(Quiz.objects.values_list("shuffle_options", flat=True)) == {True}
    judge = person_in("labour-court")
    codes = drawn(services.start_attempt(user=judge, quiz=the_final))
    bank_roles = {s["code"]: s["roles"] for s in yaml.safe_load(demo.bank_text())}
    assert len(codes) == 4
    assert all("JD" in bank_roles[code] for code in codes)


# --- The sector's role code in the admin --------------------------------------------------------


@pytest.mark.django_db
def test_a_programme_manager_sets_a_sectors_role_code_in_the_admin(client, programme_manager):
    sector = Sector.objects.get(code="labour-court")
    url = reverse("wagtailsnippets_people_sector:edit", args=[sector.pk])
    sign_in(client, programme_manager)
    form = {"code": sector.code, "name_en": sector.name_en, "name_ar": sector.name_ar}

    refused = client.post(url, {**form, "scenario_role": "jd"})
    saved = client.post(url, {**form, "scenario_role": "PP"})

    assert refused.context["form"].errors["scenario_role"] == [
        "Use capital letters only, e.g. LI or CSO."
    ]
    assert saved.status_code == 302
    sector.refresh_from_db()
    assert sector.scenario_role == "PP"


@pytest.mark.django_db
def test_the_editors_preview_shows_a_form_as_the_previewers_sector_draws_it(rf):
    bank(LI=3, JD=3, CORE=3)
    quiz = final()
    request = rf.get("/")
    request.user = person_in("labour-inspection")

    html = serve_trainee_preview(request, obj=quiz, language="en").content.decode()

    # Four whole cases of three questions: two of the sector's and two core ones.
    assert html.count('class="question__number"') == 12
    assert "Question 12 of 12" in html
