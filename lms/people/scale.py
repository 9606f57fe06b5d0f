"""Many fictional people at once, for `seed_demo`'s cohort and `seed_scale`.

`create_people` writes what `services.invite_person` and an accepted invitation leave behind
(the account in the Trainee role, its verified address, the accepted invitation), with
`lms.bulk` instead of one transaction per person. It sends no signal: the layers above write
their own rows for these people (`courses.scale` enrols them as their sector's path would).

The names are composed from invented first and family names; none refers to a real person.
"""

import random
from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth.models import Group

from lms import bulk

from .models import Invitation, Organisation, Region, Sector, User
from .roles import Role

# (English, Arabic) first names by sex, and family names: common, invented combinations.
FIRST_NAMES = {
    User.Sex.FEMALE: [
        ("Amal", "أمل"),
        ("Asma", "أسماء"),
        ("Bushra", "بشرى"),
        ("Dalal", "دلال"),
        ("Fatimah", "فاطمة"),
        ("Ghadeer", "غدير"),
        ("Hanan", "حنان"),
        ("Huda", "هدى"),
        ("Jumana", "جمانة"),
        ("Khulood", "خلود"),
        ("Lina", "لينا"),
        ("Manal", "منال"),
        ("Mashael", "مشاعل"),
        ("Nada", "ندى"),
        ("Nouf", "نوف"),
        ("Rana", "رنا"),
        ("Razan", "رزان"),
        ("Samar", "سمر"),
        ("Shahad", "شهد"),
        ("Tahani", "تهاني"),
        ("Wijdan", "وجدان"),
        ("Yara", "يارا"),
    ],
    User.Sex.MALE: [
        ("Ahmed", "أحمد"),
        ("Ali", "علي"),
        ("Badr", "بدر"),
        ("Fahad", "فهد"),
        ("Hamad", "حمد"),
        ("Hatem", "حاتم"),
        ("Ibrahim", "إبراهيم"),
        ("Khalid", "خالد"),
        ("Mansour", "منصور"),
        ("Mishal", "مشعل"),
        ("Mohammed", "محمد"),
        ("Mutlaq", "مطلق"),
        ("Nawaf", "نواف"),
        ("Rayan", "ريان"),
        ("Saleh", "صالح"),
        ("Sami", "سامي"),
        ("Sultan", "سلطان"),
        ("Talal", "طلال"),
        ("Waleed", "وليد"),
        ("Ziyad", "زياد"),
    ],
}
FAMILY_NAMES = [
    ("Al-Amri", "العمري"),
    ("Al-Baqami", "البقمي"),
    ("Al-Dawood", "الداود"),
    ("Al-Faifi", "الفيفي"),
    ("Al-Ghamdi", "الغامدي"),
    ("Al-Hajri", "الهاجري"),
    ("Al-Harthi", "الحارثي"),
    ("Al-Jabri", "الجابري"),
    ("Al-Khaldi", "الخالدي"),
    ("Al-Mansour", "المنصور"),
    ("Al-Mutlaq", "المطلق"),
    ("Al-Nafisah", "النفيسة"),
    ("Al-Omari", "العمري"),
    ("Al-Qahtani", "القحطاني"),
    ("Al-Rasheed", "الرشيد"),
    ("Al-Saleh", "الصالح"),
    ("Al-Sharif", "الشريف"),
    ("Al-Suwailem", "السويلم"),
    ("Al-Thunayan", "الثنيان"),
    ("Al-Wadaani", "الوادعي"),
    ("Al-Zahrani", "الزهراني"),
    ("Bin Saeed", "بن سعيد"),
]
JOB_TITLES = {
    "labour-inspection": "Labour inspector",
    "hotline": "Hotline operator",
    "shelter": "Shelter case worker",
    "labour-committee": "Committee member",
    "labour-court": "Court clerk",
    "civil-society": "Outreach worker",
}


@dataclass(frozen=True)
class Person:
    """One person to create: a trainee of `organisation_id` since `joined`."""

    email: str
    name_en: str
    name_ar: str
    sex: str  # "" when not recorded
    organisation_id: int
    job_title: str
    joined: datetime
    language: str = User.Language.ARABIC


def fictional_name(rng: random.Random, sex: str) -> tuple[str, str]:
    """An (English, Arabic) name; a person whose sex is not recorded still has a first name."""
    first = rng.choice(FIRST_NAMES.get(sex) or rng.choice(list(FIRST_NAMES.values())))
    family = rng.choice(FAMILY_NAMES)
    return f"{first[0]} {family[0]}", f"{first[1]} {family[1]}"


def organisations(specs: list[tuple[str, str, str, str]]) -> list[Organisation]:
    """(name_en, name_ar, sector code, region code) → organisations, created if missing."""
    sectors = {s.code: s for s in Sector.objects.all()}
    regions = {r.code: r for r in Region.objects.all()}
    existing = {
        o.name_en: o for o in Organisation.objects.filter(name_en__in=[s[0] for s in specs])
    }
    missing = [
        Organisation(name_en=en, name_ar=ar, sector=sectors[sector], region=regions[region])
        for en, ar, sector, region in specs
        if en not in existing
    ]
    Organisation.objects.bulk_create(missing)
    existing.update({o.name_en: o for o in missing})
    return [existing[spec[0]] for spec in specs]


def create_people(*, people: list[Person], password: str, invited_by: User | None) -> list[int]:
    """Create the people as trainees whose invitation was accepted when they joined; returns
    their ids in order. `password` is a stored password (e.g. one `make_password` shared by the
    whole demo cohort, or an unusable one), never hashed again per person."""
    from allauth.account.models import EmailAddress

    user_ids = bulk.Ids(User).take(len(people))
    bulk.insert(
        User,
        [
            "id",
            "password",
            "email",
            "name_en",
            "name_ar",
            "preferred_language",
            "job_title",
            "phone",
            "sex",
            "organisation",
            "is_staff",
            "is_superuser",
            "is_active",
            "date_joined",
        ],
        (
            (
                pk,
                password,
                p.email,
                p.name_en,
                p.name_ar,
                p.language,
                p.job_title,
                "",
                p.sex,
                p.organisation_id,
                False,
                False,
                True,
                p.joined,
            )
            for pk, p in zip(user_ids, people, strict=True)
        ),
    )
    trainee = Group.objects.get(name=Role.TRAINEE)
    memberships = bulk.Ids(User.groups.through).take(len(people))
    bulk.insert(
        User.groups.through,
        ["id", "user", "group"],
        ((pk, user_id, trainee.pk) for pk, user_id in zip(memberships, user_ids, strict=True)),
    )
    addresses = bulk.Ids(EmailAddress).take(len(people))
    bulk.insert(
        EmailAddress,
        ["id", "user", "email", "verified", "primary"],
        (
            (pk, user_id, p.email, True, True)
            for pk, user_id, p in zip(addresses, user_ids, people, strict=True)
        ),
    )
    invitations = bulk.Ids(Invitation).take(len(people))
    bulk.insert(
        Invitation,
        ["id", "user", "invited_by", "created_at", "sent_at", "accepted_at"],
        (
            (pk, user_id, invited_by.pk if invited_by else None, p.joined, p.joined, p.joined)
            for pk, user_id, p in zip(invitations, user_ids, people, strict=True)
        ),
    )
    bulk.reset_sequences(User, User.groups.through, EmailAddress, Invitation)
    return list(user_ids)
