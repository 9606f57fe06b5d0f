"""Fictional demo people and organisations for `manage.py seed_demo`.

Every name here is invented for Himaya; none refers to a real person or organisation."""

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.utils import encrypt
from django.contrib.auth.models import Group

from .models import Invitation, Organisation, Region, Sector, User

DEMO_PASSWORD = "himaya-demo-2026"
# Base32 TOTP secret shared by every demo staff account; add it to any authenticator app.
DEMO_TOTP_SECRET = "HIMAYADEMOTOTPSECRETKEY234567ABC"
# Fixed so that the demo recovery codes are the same on every machine.
DEMO_RECOVERY_SEED = "himaya-demo-recovery-seed-not-a-secret-0000000000000000000000000000"

# (name_en, name_ar, sector code, region code)
ORGANISATIONS = [
    (
        "Riyadh Labour Inspection Office",
        "مكتب التفتيش العمالي بالرياض",
        "labour-inspection",
        "riyadh",
    ),
    (
        "Eastern Province Inspection Unit",
        "وحدة التفتيش بالمنطقة الشرقية",
        "labour-inspection",
        "eastern",
    ),
    ("National Support Hotline", "خط المساندة الوطني", "hotline", "riyadh"),
    ("Makkah Migrant Workers Helpline", "خط مساعدة العمالة الوافدة بمكة", "hotline", "makkah"),
    ("Dar Al-Aman Shelter Jeddah", "دار الأمان للإيواء بجدة", "shelter", "makkah"),
    ("Al-Rahma Shelter Madinah", "دار الرحمة للإيواء بالمدينة", "shelter", "madinah"),
    (
        "Riyadh Labour Dispute Committee",
        "لجنة تسوية الخلافات العمالية بالرياض",
        "labour-committee",
        "riyadh",
    ),
    ("Qassim Labour Committee", "اللجنة العمالية بالقصيم", "labour-committee", "qassim"),
    ("Riyadh Labour Court", "المحكمة العمالية بالرياض", "labour-court", "riyadh"),
    ("Dammam Labour Court", "المحكمة العمالية بالدمام", "labour-court", "eastern"),
    ("Sanad Workers Association", "جمعية سند للعمال", "civil-society", "asir"),
    ("Basma Community Foundation", "مؤسسة بسمة المجتمعية", "civil-society", "tabuk"),
]
# Where the demo cohort (certificates/demo.py) works besides the organisations above.
COHORT_ORGANISATIONS = [
    (
        "Madinah Labour Inspection Office",
        "مكتب التفتيش العمالي بالمدينة المنورة",
        "labour-inspection",
        "madinah",
    ),
    ("Jazan Inspection Unit", "وحدة التفتيش بجازان", "labour-inspection", "jazan"),
    ("Eastern Province Support Line", "خط المساندة بالمنطقة الشرقية", "hotline", "eastern"),
    ("Hail Community Helpline", "خط المساعدة المجتمعي بحائل", "hotline", "hail"),
    ("Dar Al-Wafa Shelter Riyadh", "دار الوفاء للإيواء بالرياض", "shelter", "riyadh"),
    ("Al-Sakina Shelter Dammam", "دار السكينة للإيواء بالدمام", "shelter", "eastern"),
    (
        "Makkah Labour Dispute Committee",
        "لجنة تسوية الخلافات العمالية بمكة",
        "labour-committee",
        "makkah",
    ),
    ("Asir Labour Committee", "اللجنة العمالية بعسير", "labour-committee", "asir"),
    ("Jeddah Labour Court", "المحكمة العمالية بجدة", "labour-court", "makkah"),
    ("Tabuk Labour Court Circuit", "الدائرة العمالية بتبوك", "labour-court", "tabuk"),
    (
        "Wafa Migrant Support Society",
        "جمعية وفاء لمساندة العمالة الوافدة",
        "civil-society",
        "riyadh",
    ),
    ("Najran Families Association", "جمعية أسر نجران", "civil-society", "najran"),
]

# (email local part, name_en, name_ar, role, organisation name_en or None, job title). A job
# title is typed by the person, in their language: every demo person prefers Arabic.
STAFF = [
    ("admin", "Hala Al-Qahtani", "هالة القحطاني", "Administrator", None, "مديرة المنصة"),
    ("manager", "Faisal Al-Harbi", "فيصل الحربي", "Programme manager", None, "مدير البرنامج"),
    (
        "orgmanager",
        "Noura Al-Shammari",
        "نورة الشمري",
        "Organisation manager",
        "Riyadh Labour Inspection Office",
        "رئيسة التدريب",
    ),
    ("trainer", "Khalid Al-Otaibi", "خالد العتيبي", "Trainer", None, "مدرب أول"),
]

# Fictional trainees: (name_en, name_ar)
TRAINEE_NAMES = [
    ("Abdullah Al-Dosari", "عبدالله الدوسري"),
    ("Sara Al-Zahrani", "سارة الزهراني"),
    ("Omar Al-Ghamdi", "عمر الغامدي"),
    ("Reem Al-Mutairi", "ريم المطيري"),
    ("Yousef Al-Anazi", "يوسف العنزي"),
    ("Lama Al-Shehri", "لمى الشهري"),
    ("Turki Al-Subaie", "تركي السبيعي"),
    ("Maha Al-Rashidi", "مها الرشيدي"),
    ("Nasser Al-Juhani", "ناصر الجهني"),
    ("Dana Al-Malki", "دانة المالكي"),
    ("Saad Al-Yami", "سعد اليامي"),
    ("Hessa Al-Balawi", "حصة البلوي"),
    ("Majed Al-Asmari", "ماجد الأسمري"),
    ("Ghada Al-Sulami", "غادة السلمي"),
    ("Bandar Al-Shahrani", "بندر الشهراني"),
    ("Afnan Al-Hazmi", "أفنان الحازمي"),
    ("Rakan Al-Qarni", "راكان القرني"),
    ("Wafa Al-Enezi", "وفاء العنزي"),
]
TRAINEES_PER_SECTOR = 3
EMAIL_DOMAIN = "himaya.example"


def seed(*, stdout) -> None:
    """Creates the demo organisations and people; running it again changes nothing."""
    sectors = {s.code: s for s in Sector.objects.all()}
    regions = {r.code: r for r in Region.objects.all()}
    organisations = {}
    for name_en, name_ar, sector, region in ORGANISATIONS + COHORT_ORGANISATIONS:
        organisations[name_en], _ = Organisation.objects.get_or_create(
            name_en=name_en,
            defaults={"name_ar": name_ar, "sector": sectors[sector], "region": regions[region]},
        )

    def person(local_part, name_en, name_ar, role, organisation, job_title="", accepted=True):
        email = f"{local_part}@{EMAIL_DOMAIN}"
        user, created = User.objects.get_or_create(
            email=email,
            defaults={
                "name_en": name_en,
                "name_ar": name_ar,
                "organisation": organisation,
                "job_title": job_title,
                "preferred_language": "ar",
                "is_staff": role == "Administrator",
                "is_superuser": role == "Administrator",
            },
        )
        if created:
            if accepted:
                user.set_password(DEMO_PASSWORD)
            else:
                user.set_unusable_password()
            user.save(update_fields=["password"])
            user.groups.add(Group.objects.get(name=role))
            EmailAddress.objects.create(user=user, email=email, primary=True, verified=accepted)
        return user

    manager = None
    for local_part, name_en, name_ar, role, organisation, job_title in STAFF:
        user = person(
            local_part, name_en, name_ar, role, organisations.get(organisation), job_title
        )
        if role == "Programme manager":
            manager = user
        if not Authenticator.objects.filter(user=user).exists():
            Authenticator.objects.create(
                user=user, type=Authenticator.Type.TOTP, data={"secret": encrypt(DEMO_TOTP_SECRET)}
            )
            Authenticator.objects.create(
                user=user,
                type=Authenticator.Type.RECOVERY_CODES,
                data={"seed": encrypt(DEMO_RECOVERY_SEED), "used_mask": 0},
            )

    names = iter(TRAINEE_NAMES)
    by_sector: dict[str, list] = {}
    for name_en, _, sector, _ in ORGANISATIONS:
        by_sector.setdefault(sector, []).append(organisations[name_en])
    for sector, sector_organisations in by_sector.items():
        for number in range(1, TRAINEES_PER_SECTOR + 1):
            name_en, name_ar = next(names)
            local_part = f"trainee.{sector}.{number}"
            if sector == "labour-inspection" and number == 1:
                local_part = "trainee"
            organisation = sector_organisations[(number - 1) % len(sector_organisations)]
            person(local_part, name_en, name_ar, "Trainee", organisation, "مفتش")

    invited = person(
        "invited",
        "Jawaher Al-Tamimi",
        "جواهر التميمي",
        "Trainee",
        organisations["National Support Hotline"],
        accepted=False,
    )
    Invitation.objects.get_or_create(user=invited, defaults={"invited_by": manager})
    stdout.write(f"  people: {User.objects.count()}, organisations: {Organisation.objects.count()}")
