"""The taxonomy's Arabic names follow the glossary (docs/glossary.md): one term per concept
(ILO-01, ILO-08, NRM-5, PRN-NPN; the LC role no longer bears the name of the commissions the
labour courts replaced) and tanween al-fath on the letter before the alif.

A fresh database already has these names (0002 reads assessments/taxonomy_data.py); this brings
existing ones in line. A name someone has since edited in the admin is left as they wrote it."""

from django.db import migrations

# code: (the name 0002 loaded, the glossary's name)
RENAMED = {
    "PAL-P-FLS": ("العمل الجبري أو الخدمة قسراً", "العمل الجبري أو الخدمة قسرًا"),
    "ILO-01": ("إساءة استغلال حالة الضعف", "إساءة استغلال حالة الاستضعاف"),
    "ILO-08": ("حجز الأجور", "حجب الأجور"),
    "GEN-01": (
        "يعتقد أنه مُجبَر على العمل رغماً عن إرادته",
        "يعتقد أنه مُجبَر على العمل رغمًا عن إرادته",
    ),
    "GEN-20": ("يتقاضى أجراً زهيداً أو لا يتقاضى أجراً", "يتقاضى أجرًا زهيدًا أو لا يتقاضى أجرًا"),
    "DS-05": ("نادراً ما يغادر المنزل لأغراض اجتماعية", "نادرًا ما يغادر المنزل لأغراض اجتماعية"),
    "DS-06": ("لا يغادر المنزل أبداً دون صاحب العمل", "لا يغادر المنزل أبدًا دون صاحب العمل"),
    "SX-02": ("يُرافَق دائماً عند خروجه وتنقله", "يُرافَق دائمًا عند خروجه وتنقله"),
    "SX-08": ("لا يملك نقوداً خاصة به", "لا يملك نقودًا خاصة به"),
    "SX-11": (
        "إعلانات تعرض أشخاصاً من جنسية أو أصل عرقي معيّن",
        "إعلانات تعرض أشخاصًا من جنسية أو أصل عرقي معيّن",
    ),
    "BG-03": (
        "يتنقل يومياً ضمن مجموعات كبيرة لا يرافقها إلا عدد قليل من البالغين",
        "يتنقل يوميًا ضمن مجموعات كبيرة لا يرافقها إلا عدد قليل من البالغين",
    ),
    "CH-02": (
        "يبدو خائفاً أو يتصرف على نحو لا يناسب أقرانه في العمر",
        "يبدو خائفًا أو يتصرف على نحو لا يناسب أقرانه في العمر",
    ),
    "CH-05": ("يؤدي أعمالاً لا تناسب الأطفال", "يؤدي أعمالًا لا تناسب الأطفال"),
    "NRM-5": ("الحلول الدائمة", "الحلول المستدامة"),
    "PRN-SAF": ("السلامة أولاً", "السلامة أولًا"),
    "PRN-REF": ("إعداد معلومات الإحالة مسبقاً", "إعداد معلومات الإحالة مسبقًا"),
    "PRN-NPN": ("عدم معاقبة الضحايا", "عدم المعاقبة"),
    "LC": ("عضو هيئة تسوية الخلافات العمالية", "عضو لجنة عمالية"),
}


def rename(apps, schema_editor):
    Tag = apps.get_model("assessments", "Tag")
    for code, (old, new) in RENAMED.items():
        Tag.objects.filter(code=code, name_ar=old).update(name_ar=new)


def restore(apps, schema_editor):
    Tag = apps.get_model("assessments", "Tag")
    for code, (old, new) in RENAMED.items():
        Tag.objects.filter(code=code, name_ar=new).update(name_ar=old)


class Migration(migrations.Migration):
    dependencies = [("assessments", "0010_per_sector_draw")]

    operations = [migrations.RunPython(rename, restore)]
