import random
import time
from datetime import timedelta
from importlib import import_module

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone

from certificates import scale
from courses.models import CoursePage
from lms.people import scale as people_scale
from lms.people.models import Region, Sector, User

DOMAIN = "scale.himaya.example"
EMAIL = "{number:06d}@" + DOMAIN
# Stored as the password: unusable (it starts with "!"), so nobody signs in as these people.
NO_PASSWORD = "!seed-scale"  # noqa: S105 (not a password)
PEOPLE_PER_ORGANISATION = 250
SEX_RECORDED = 0.85
JOINED_DAYS_AGO = (3, 420)


class Command(BaseCommand):
    help = (
        "Builds a synthetic programme of N fictional people for measuring (bench/completion.py): "
        "the demo content and staff (seed_demo without its cohort), organisations in every "
        "sector and region, and each person's year in the demo course: enrolment and due date, "
        "lessons, workshops and attendance, graded attempts with the rows analytics read, and "
        "certificates of both kinds (some expiring, revoked, re-issued), written with bulk "
        "inserts. Run it on a fresh database: a second run with the same N changes nothing, "
        "with another N it refuses."
    )

    def add_arguments(self, parser):
        parser.add_argument("--people", type=int, required=True, help="how many people (N)")
        parser.add_argument("--seed", type=int, default=1, help="the same seed, the same data")

    def handle(self, *args, people, seed, **options):
        if settings.HIMAYA_ENVIRONMENT == "production":
            raise CommandError("seed_scale refuses to run with production settings.")
        if people < 1:
            raise CommandError("--people must be at least 1.")
        existing = User.objects.filter(email__endswith="@" + DOMAIN).count()
        if existing == people:
            self.stdout.write(f"A programme of {people} synthetic people is already there.")
            return
        if existing:
            raise CommandError(
                f"This database already holds a synthetic programme of {existing} people; "
                "run seed_scale on a fresh database."
            )
        started = time.monotonic()
        with transaction.atomic():
            self._content()
            self._programme(people, seed)
        # Tables filled in minutes have no planner statistics yet (PostgreSQL's autovacuum would
        # gather them later); without them the dashboard's joins were planned three times slower.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        self.stdout.write(self.style.SUCCESS(f"Built in {time.monotonic() - started:.1f} s."))

    def _content(self):
        """The demo course, quizzes, staff and paths, through each app's demo seed."""
        for app_name in settings.HIMAYA_APPS:
            try:
                demo = import_module(f"{app_name}.demo")
            except ModuleNotFoundError as error:
                if error.name != f"{app_name}.demo":
                    raise
                continue
            if app_name == "certificates":
                demo.seed(stdout=self.stdout, cohort=False)
            else:
                demo.seed(stdout=self.stdout)

    def _programme(self, count, seed):
        rng = random.Random(seed)
        now = timezone.now()
        organisations = people_scale.organisations(_organisation_specs(count))
        people = []
        for number in range(1, count + 1):
            organisation = organisations[rng.randrange(len(organisations))]
            sex = rng.choice(list(User.Sex)) if rng.random() < SEX_RECORDED else ""
            name_en, name_ar = people_scale.fictional_name(rng, sex)
            people.append(
                people_scale.Person(
                    email=EMAIL.format(number=number),
                    name_en=name_en,
                    name_ar=name_ar,
                    sex=sex,
                    organisation_id=organisation.pk,
                    job_title=people_scale.JOB_TITLES.get(organisation.sector.code, ""),
                    joined=now - timedelta(days=rng.uniform(*JOINED_DAYS_AGO)),
                )
            )
        programme = scale.build_programme(
            people=people,
            course=CoursePage.objects.get(code="VOT-101", locale__language_code="en"),
            trainer=User.objects.get(email="trainer@himaya.example"),
            manager=User.objects.get(email="manager@himaya.example"),
            password=NO_PASSWORD,
            now=now,
            seed=seed,
        )
        self.stdout.write(
            f"{programme.people} people in {len(organisations)} organisations ("
            + ", ".join(
                f"{n} {state.replace('_', ' ')}" for state, n in programme.enrolments.items()
            )
            + f"), {programme.certificates} certificates"
        )


def _organisation_specs(people: int) -> list[tuple[str, str, str, str]]:
    """At least one organisation per sector and region, about PEOPLE_PER_ORGANISATION people
    each; fictional names."""
    sectors, regions = list(Sector.objects.order_by("code")), list(Region.objects.order_by("code"))
    per_pair = max(1, people // (PEOPLE_PER_ORGANISATION * len(sectors) * len(regions)))
    return [
        (
            f"{sector.name_en} unit {number}, {region.name_en} (synthetic)",
            f"وحدة {sector.name_ar} {number} في {region.name_ar} (تجريبية)",
            sector.code,
            region.code,
        )
        for sector in sectors
        for region in regions
        for number in range(1, per_pair + 1)
    ]
