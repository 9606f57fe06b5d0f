"""Demo site content for `manage.py seed_demo`: the home page and two standard pages, in English
and Arabic. Pages are only created when missing, so a second run adds no revisions."""

from wagtail.models import Locale, Page

from .models import HomePage, StandardPage

HOME = {
    "en": {
        "title": "Himaya",
        "tagline": "Training and certification for frontline workers who identify and refer "
        "victims of trafficking.",
        "intro": "<p>Labour inspectors, hotline operators, shelter staff, labour committees, "
        "labour courts and civil-society organisations meet people who may be victims of "
        "trafficking. Himaya trains them to recognise the indicators, respond safely and refer "
        "through the National Referral Mechanism.</p>",
        "body": [
            ("heading", {"text": "How the programme works", "level": "h2"}),
            (
                "paragraph",
                "<p>Each sector follows a learning path: a shared core on concepts, indicators, "
                "the referral mechanism, trauma-informed communication, data protection and "
                "self-care, then modules written for its own role. Fictional case scenarios "
                "check that you can apply what you learned.</p>",
            ),
            (
                "callout",
                {
                    "kind": "note",
                    "title": "Presumed victims",
                    "body": "<p>Frontline staff identify <b>presumed</b> victims on reasonable "
                    "indicators. You do not need proof to refer.</p>",
                },
            ),
        ],
        "support_text": "If the training material is distressing, take a break. Your "
        "organisation's staff-support service is there for you.",
    },
    "ar": {
        "title": "حماية",
        "tagline": "التدريب والاعتماد للعاملين في الخطوط الأمامية الذين يتعرفون على ضحايا "
        "الاتجار بالأشخاص ويحيلونهم.",
        "intro": "<p>يلتقي مفتشو العمل وموظفو الخطوط الساخنة والعاملون في دور الإيواء واللجان "
        "العمالية والمحاكم العمالية ومنظمات المجتمع المدني بأشخاص قد يكونون ضحايا للاتجار "
        "بالأشخاص. تدربهم منصة حماية على التعرف على المؤشرات والاستجابة الآمنة والإحالة عبر "
        "الآلية الوطنية للإحالة.</p>",
        "body": [
            ("heading", {"text": "كيف يعمل البرنامج", "level": "h2"}),
            (
                "paragraph",
                "<p>يتبع كل قطاع مسارًا تعليميًا: جزءًا أساسيًا مشتركًا عن المفاهيم والمؤشرات "
                "وآلية الإحالة والتواصل المراعي للصدمات وحماية البيانات والرعاية الذاتية، ثم "
                "وحدات مكتوبة لدوره. وتتحقق سيناريوهات حالات متخيلة من قدرتك على تطبيق ما "
                "تعلمته.</p>",
            ),
            (
                "callout",
                {
                    "kind": "note",
                    "title": "الضحايا المفترضون",
                    "body": "<p>يتعرف العاملون في الخطوط الأمامية على الضحايا <b>المفترضين</b> "
                    "بناءً على مؤشرات معقولة، ولا يلزم وجود دليل للإحالة.</p>",
                },
            ),
        ],
        "support_text": "إذا كانت مواد التدريب مرهقة فخذ استراحة، فخدمة دعم الموظفين في جهتك "
        "موجودة لمساندتك.",
    },
}

PAGES = [
    {
        "slug": "about",
        "en": {
            "title": "About the programme",
            "intro": "A national programme to train frontline workers across every sector that "
            "meets people at risk of trafficking.",
            "body": [
                (
                    "paragraph",
                    "<p>The programme trains more than 400 frontline workers. Managers follow "
                    "completion and certification by sector, organisation and region.</p>",
                )
            ],
        },
        "ar": {
            "title": "عن البرنامج",
            "intro": "برنامج وطني لتدريب العاملين في الخطوط الأمامية في جميع القطاعات التي "
            "تلتقي بأشخاص معرضين لخطر الاتجار.",
            "body": [
                (
                    "paragraph",
                    "<p>يدرب البرنامج أكثر من 400 من العاملين في الخطوط الأمامية، ويتابع "
                    "المديرون الإتمام والاعتماد حسب القطاع والجهة والمنطقة.</p>",
                )
            ],
        },
    },
    {
        "slug": "privacy",
        "en": {
            "title": "Privacy notice",
            "intro": "What Himaya stores about you, why, and your rights under the Personal Data "
            "Protection Law.",
            "body": [
                (
                    "paragraph",
                    "<p>We store your name in Arabic and English, email, sector, organisation, "
                    "region, language and job title, and, only if you give it, your sex for "
                    "aggregated reports. We use them to run your training and issue your "
                    "certificates. Organisation managers see only their own staff; reports to "
                    "donors are aggregated.</p>",
                ),
                (
                    "callout",
                    {
                        "kind": "warning",
                        "title": "Never enter real case details",
                        "body": "<p>Do not type names or facts from real cases into any "
                        "free-text field.</p>",
                    },
                ),
            ],
        },
        "ar": {
            "title": "إشعار الخصوصية",
            "intro": "ما الذي تحفظه منصة حماية عنك، ولماذا، وحقوقك بموجب نظام حماية البيانات "
            "الشخصية.",
            "body": [
                (
                    "paragraph",
                    "<p>نحفظ اسمك بالعربية والإنجليزية وبريدك الإلكتروني وقطاعك وجهتك ومنطقتك "
                    "ولغتك ومسماك الوظيفي، وجنسك فقط إن قدمته لاستخدامه في تقارير مجمعة. "
                    "ونستخدمها لإدارة تدريبك وإصدار شهاداتك. لا يرى مديرو الجهات إلا موظفي "
                    "جهاتهم، والتقارير المقدمة للجهات المانحة مجمعة.</p>",
                ),
                (
                    "callout",
                    {
                        "kind": "warning",
                        "title": "لا تدخل تفاصيل حالات حقيقية أبدًا",
                        "body": "<p>لا تكتب أسماء أو وقائع من حالات حقيقية في أي حقل نصي.</p>",
                    },
                ),
            ],
        },
    },
]


def _fill(page, content):
    for field, value in content.items():
        setattr(page, field, value)
    if "title" in content:
        page.draft_title = content["title"]


def seed(*, stdout) -> None:
    english = Locale.objects.get(language_code="en")
    arabic = Locale.objects.get(language_code="ar")
    home = HomePage.objects.get(locale=english)
    if not home.live_revision:
        _fill(home, HOME["en"])
        home.save_revision().publish()
    home_ar = home.get_translation_or_none(arabic)
    if home_ar is None:
        home_ar = home.copy_for_translation(arabic)
        _fill(home_ar, HOME["ar"])
        home_ar.save_revision().publish()

    for spec in PAGES:
        page = StandardPage.objects.filter(locale=english, slug=spec["slug"]).first()
        if page is None:
            page = StandardPage(slug=spec["slug"], locale=english)
            _fill(page, spec["en"])
            home.add_child(instance=page)
            page.save_revision().publish()
        if page.get_translation_or_none(arabic) is None:
            translation = page.copy_for_translation(arabic)
            _fill(translation, spec["ar"])
            translation.save_revision().publish()
    stdout.write(f"  pages: {Page.objects.live().count()} published")
