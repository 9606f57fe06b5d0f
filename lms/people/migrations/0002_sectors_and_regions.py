"""The initial sectors (docs/domain.md) and the country's 13 administrative regions.

More sectors are added later as data, in the admin."""

from django.db import migrations

SECTORS = [
    ("labour-inspection", "Labour inspection", "التفتيش العمالي"),
    ("hotline", "Hotline", "الخطوط الساخنة"),
    ("shelter", "Shelter", "دور الإيواء"),
    ("labour-committee", "Labour committee", "اللجان العمالية"),
    ("labour-court", "Labour court", "المحاكم العمالية"),
    ("civil-society", "Civil society", "منظمات المجتمع المدني"),
]

REGIONS = [
    ("riyadh", "Riyadh", "الرياض"),
    ("makkah", "Makkah", "مكة المكرمة"),
    ("madinah", "Madinah", "المدينة المنورة"),
    ("eastern", "Eastern Province", "المنطقة الشرقية"),
    ("qassim", "Qassim", "القصيم"),
    ("asir", "Asir", "عسير"),
    ("tabuk", "Tabuk", "تبوك"),
    ("hail", "Hail", "حائل"),
    ("northern-borders", "Northern Borders", "الحدود الشمالية"),
    ("jazan", "Jazan", "جازان"),
    ("najran", "Najran", "نجران"),
    ("al-bahah", "Al Bahah", "الباحة"),
    ("al-jawf", "Al Jawf", "الجوف"),
]


def seed(apps, schema_editor):
    Sector = apps.get_model("people", "Sector")
    Region = apps.get_model("people", "Region")
    for code, name_en, name_ar in SECTORS:
        Sector.objects.update_or_create(code=code, defaults={"name_en": name_en, "name_ar": name_ar})
    for code, name_en, name_ar in REGIONS:
        Region.objects.update_or_create(code=code, defaults={"name_en": name_en, "name_ar": name_ar})


def unseed(apps, schema_editor):
    apps.get_model("people", "Region").objects.filter(code__in=[r[0] for r in REGIONS]).delete()
    apps.get_model("people", "Sector").objects.filter(code__in=[s[0] for s in SECTORS]).delete()


class Migration(migrations.Migration):
    dependencies = [("people", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
