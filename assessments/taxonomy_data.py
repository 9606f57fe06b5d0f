"""The tagging taxonomy of docs/taxonomy.md as plain data: framework ▸ group ▸ tag.

Codes are stable ASCII and never change when wording changes; only the names are translated.
Arabic names follow UNODC and ILO Arabic usage (the Arabic text of the Palermo Protocol for its
elements, the ILO Arabic forced-labour indicators). Plain data, so migrations, seed commands,
importers and tests can all read it; the content-warning levels (the CW framework) come from
their one declaration, `cms.content_warnings`.

Shape::

    FRAMEWORKS = [{"code", "name": {"en", "ar"}, "groups": [{"code", "name", "tags": [
        {"code", "name": {"en", "ar"}}]}]}]

A framework without natural groups has one group whose code is the framework's code. The ROLE,
BL and CW tags keep the bare codes the exchange format uses (``roles: [HL]``,
``content_warning: CW1``).
"""

from cms.content_warnings import NOT_ALLOWED, TAXONOMY_NAMES


def _tag(code: str, en: str, ar: str) -> dict:
    return {"code": code, "name": {"en": en, "ar": ar}}


def _group(code: str, en: str, ar: str, tags: list[tuple[str, str, str]]) -> dict:
    return {"code": code, "name": {"en": en, "ar": ar}, "tags": [_tag(*tag) for tag in tags]}


def _framework(code: str, en: str, ar: str, groups: list[dict]) -> dict:
    return {"code": code, "name": {"en": en, "ar": ar}, "groups": groups}


def _flat(code: str, en: str, ar: str, tags: list[tuple[str, str, str]]) -> dict:
    return _framework(code, en, ar, [_group(code, en, ar, tags)])


PAL = _framework(
    "PAL",
    "Palermo Protocol elements",
    "عناصر بروتوكول باليرمو",
    [
        _group(
            "PAL-A",
            "Acts",
            "الأفعال",
            [
                ("PAL-A-REC", "Recruitment", "التجنيد"),
                ("PAL-A-TRA", "Transportation", "النقل"),
                ("PAL-A-TRF", "Transfer", "التنقيل"),
                ("PAL-A-HAR", "Harbouring", "الإيواء"),
                ("PAL-A-RCP", "Receipt", "الاستقبال"),
            ],
        ),
        _group(
            "PAL-M",
            "Means",
            "الوسائل",
            [
                ("PAL-M-FOR", "Threat or use of force", "التهديد بالقوة أو استعمالها"),
                ("PAL-M-COE", "Other forms of coercion", "غير ذلك من أشكال القسر"),
                ("PAL-M-ABD", "Abduction", "الاختطاف"),
                ("PAL-M-FRA", "Fraud", "الاحتيال"),
                ("PAL-M-DEC", "Deception", "الخداع"),
                ("PAL-M-APO", "Abuse of power", "استغلال السلطة"),
                ("PAL-M-AVU", "Abuse of a position of vulnerability", "استغلال حالة استضعاف"),
                (
                    "PAL-M-PAY",
                    "Payments or benefits to a person in control",
                    "إعطاء أو تلقي مبالغ مالية أو مزايا لنيل موافقة شخص له سيطرة على شخص آخر",
                ),
            ],
        ),
        _group(
            "PAL-P",
            "Purposes (exploitation)",
            "أغراض الاستغلال",
            [
                ("PAL-P-SEX", "Sexual exploitation", "الاستغلال الجنسي"),
                ("PAL-P-FLS", "Forced labour or services", "العمل الجبري أو الخدمة قسرًا"),
                (
                    "PAL-P-SLV",
                    "Slavery or practices similar to slavery",
                    "الاسترقاق أو الممارسات الشبيهة بالرق",
                ),
                (
                    "PAL-P-SRV",
                    "Servitude (including domestic servitude)",
                    "الاستعباد (بما في ذلك الاستعباد المنزلي)",
                ),
                ("PAL-P-ORG", "Removal of organs", "نزع الأعضاء"),
                ("PAL-P-BEG", "Forced begging", "التسول القسري"),
                ("PAL-P-CRM", "Forced criminality", "الإكراه على ارتكاب أنشطة إجرامية"),
            ],
        ),
        _group(
            "PAL-X",
            "Rules",
            "القواعد",
            [
                (
                    "PAL-X-CON",
                    "Consent is irrelevant once a means is used",
                    "لا يُعتدّ بموافقة الضحية متى استُخدمت أيٌّ من الوسائل",
                ),
                (
                    "PAL-X-CHD",
                    "Child: act and purpose suffice",
                    "الطفل: يكفي توافر الفعل والغرض دون الحاجة إلى الوسائل",
                ),
            ],
        ),
    ],
)

ILO = _flat(
    "ILO",
    "ILO indicators of forced labour",
    "مؤشرات منظمة العمل الدولية للعمل الجبري",
    [
        ("ILO-01", "Abuse of vulnerability", "إساءة استغلال حالة الاستضعاف"),
        ("ILO-02", "Deception", "الخداع"),
        ("ILO-03", "Restriction of movement", "تقييد حرية التنقل"),
        ("ILO-04", "Isolation", "العزل"),
        ("ILO-05", "Physical and sexual violence", "العنف الجسدي والجنسي"),
        ("ILO-06", "Intimidation and threats", "الترهيب والتهديد"),
        ("ILO-07", "Retention of identity documents", "احتجاز وثائق الهوية"),
        ("ILO-08", "Withholding of wages", "حجب الأجور"),
        ("ILO-09", "Debt bondage", "عبودية الدين"),
        ("ILO-10", "Abusive working and living conditions", "ظروف العمل والمعيشة المسيئة"),
        ("ILO-11", "Excessive overtime", "العمل الإضافي المفرط"),
    ],
)

GEN = _framework(
    "GEN",
    "UNODC general indicators",
    "المؤشرات العامة لمكتب الأمم المتحدة المعني بالمخدرات والجريمة",
    [
        _group(
            "GEN-CTL",
            "Control",
            "السيطرة",
            [
                (
                    "GEN-01",
                    "Believes they must work against their will",
                    "يعتقد أنه مُجبَر على العمل رغمًا عن إرادته",
                ),
                (
                    "GEN-02",
                    "Unable to leave the work environment",
                    "غير قادر على مغادرة بيئة العمل",
                ),
                ("GEN-03", "Movements are controlled", "تخضع تحركاته للسيطرة"),
                ("GEN-04", "Feels unable to leave", "يشعر بأنه لا يستطيع المغادرة"),
            ],
        ),
        _group(
            "GEN-FEA",
            "Fear and violence",
            "الخوف والعنف",
            [
                ("GEN-05", "Shows fear or anxiety", "تظهر عليه علامات الخوف أو القلق"),
                (
                    "GEN-06",
                    "Violence or threats against self or family",
                    "تعرّضه هو أو أسرته للعنف أو للتهديد به",
                ),
                (
                    "GEN-07",
                    "Injuries from assault or from control measures",
                    "إصابات ناجمة عن الاعتداء أو عن وسائل السيطرة",
                ),
                ("GEN-08", "Distrust of the authorities", "عدم الثقة بالسلطات"),
            ],
        ),
        _group(
            "GEN-STA",
            "Immigration status",
            "وضع الإقامة والهجرة",
            [
                (
                    "GEN-09",
                    "Threatened with being handed over to the authorities",
                    "يُهدَّد بتسليمه إلى السلطات",
                ),
                (
                    "GEN-10",
                    "Afraid to reveal their immigration status",
                    "يخشى الكشف عن وضعه من حيث الإقامة والهجرة",
                ),
            ],
        ),
        _group(
            "GEN-DOC",
            "Documents",
            "الوثائق",
            [
                (
                    "GEN-11",
                    "Passport or identity document held by someone else",
                    "جواز سفره أو وثيقة هويته بحوزة شخص آخر",
                ),
                (
                    "GEN-12",
                    "False identity or travel documents",
                    "يحمل وثائق هوية أو سفر مزوّرة",
                ),
            ],
        ),
        _group(
            "GEN-COM",
            "Communication",
            "التواصل",
            [
                ("GEN-13", "Lets others speak for them", "يترك الآخرين يتحدثون نيابةً عنه"),
                ("GEN-14", "Tells a coached story", "يروي قصة يبدو أنه لُقِّنها"),
                ("GEN-15", "Does not speak the local language", "لا يتحدث اللغة المحلية"),
                (
                    "GEN-16",
                    "Does not know their home or work address",
                    "لا يعرف عنوان سكنه أو عمله",
                ),
            ],
        ),
        _group(
            "GEN-ISO",
            "Isolation",
            "العزلة",
            [
                ("GEN-17", "Little or no social interaction", "تفاعله الاجتماعي محدود أو منعدم"),
                ("GEN-18", "Limited contact with family", "تواصله مع أسرته محدود"),
                (
                    "GEN-19",
                    "Cannot communicate freely with others",
                    "لا يستطيع التواصل بحرية مع الآخرين",
                ),
            ],
        ),
        _group(
            "GEN-WRK",
            "Work and pay",
            "العمل والأجر",
            [
                ("GEN-20", "Little or no pay", "يتقاضى أجرًا زهيدًا أو لا يتقاضى أجرًا"),
                ("GEN-21", "No access to their earnings", "لا يستطيع التصرف في أجره"),
                ("GEN-22", "Works excessive hours", "يعمل ساعات مفرطة"),
                ("GEN-23", "No days off", "لا يحصل على أيام راحة"),
                (
                    "GEN-24",
                    "Cannot negotiate working conditions",
                    "لا يستطيع التفاوض على شروط عمله",
                ),
            ],
        ),
        _group(
            "GEN-LIV",
            "Living conditions",
            "ظروف المعيشة",
            [
                ("GEN-25", "Substandard accommodation", "يقيم في مسكن دون المستوى اللائق"),
                ("GEN-26", "No access to medical care", "لا يحصل على الرعاية الطبية"),
            ],
        ),
        _group(
            "GEN-DBT",
            "Debt",
            "الديون",
            [
                ("GEN-27", "Believes they are bonded by debt", "يعتقد أنه مُكبَّل بدَين"),
                (
                    "GEN-28",
                    "Travel fees to be repaid through work",
                    "مُطالَب بسداد تكاليف سفره من خلال العمل",
                ),
            ],
        ),
        _group(
            "GEN-REC",
            "Recruitment",
            "التوظيف والاستقدام",
            [
                ("GEN-29", "Acted on false promises", "تصرّف بناءً على وعود كاذبة"),
            ],
        ),
        _group(
            "GEN-SIT",
            "Situational",
            "مؤشرات ظرفية",
            [
                (
                    "GEN-30",
                    "Found in a place likely to be used for exploitation",
                    "وُجد في مكان يُرجَّح استخدامه للاستغلال",
                ),
                (
                    "GEN-31",
                    "Comes from a known source area",
                    "قادم من منطقة معروفة بأنها مصدر للاتجار بالأشخاص",
                ),
            ],
        ),
    ],
)

DS = _flat(
    "DS",
    "Domestic servitude",
    "الاستعباد المنزلي",
    [
        ("DS-01", "Lives with the employing family", "يقيم مع الأسرة التي يعمل لديها"),
        (
            "DS-02",
            "Eats apart from the family or only leftovers",
            "لا يأكل مع الأسرة أو لا يُقدَّم له إلا بقايا الطعام",
        ),
        (
            "DS-03",
            "No private or proper sleeping space",
            "لا يتوفر له مكان نوم خاص أو لائق",
        ),
        (
            "DS-04",
            'Reported as "absconded" while still in the house',
            "صدر بحقه بلاغ «تغيّب عن العمل» (هروب) وهو لا يزال في المنزل",
        ),
        (
            "DS-05",
            "Rarely leaves the house for social reasons",
            "نادرًا ما يغادر المنزل لأغراض اجتماعية",
        ),
        (
            "DS-06",
            "Never leaves the house without the employer",
            "لا يغادر المنزل أبدًا دون صاحب العمل",
        ),
        (
            "DS-07",
            "Insults, abuse, threats or violence",
            "يتعرّض للإهانة أو الإساءة أو التهديد أو العنف",
        ),
    ],
)

SX = _flat(
    "SX",
    "Sexual exploitation",
    "الاستغلال الجنسي",
    [
        ("SX-01", "Moved between locations", "يُنقَل من مكان إلى آخر"),
        ("SX-02", "Escorted whenever they go out", "يُرافَق دائمًا عند خروجه وتنقله"),
        (
            "SX-03",
            'Tattoos or other marks of "ownership"',
            "وشم أو علامات أخرى تدل على «ملكية» المستغِلّين له",
        ),
        ("SX-04", "Sleeps where they work", "ينام في مكان العمل"),
        ("SX-05", "Lives or travels in a group", "يعيش أو يتنقل ضمن مجموعة"),
        ("SX-06", "Has very few clothes", "لا يملك إلا القليل من الملابس"),
        (
            "SX-07",
            "Knows only sex-related words in the local language",
            "لا يعرف من اللغة المحلية إلا مفردات مرتبطة بالجنس",
        ),
        ("SX-08", "Has no cash of their own", "لا يملك نقودًا خاصة به"),
        ("SX-09", "Has no identity document", "لا يحمل وثيقة هوية"),
        ("SX-10", "Evidence of having been sold", "دلائل على أنه بِيع"),
        (
            "SX-11",
            "Advertisements offering people of a particular nationality or ethnicity",
            "إعلانات تعرض أشخاصًا من جنسية أو أصل عرقي معيّن",
        ),
    ],
)

LX = _flat(
    "LX",
    "Labour exploitation: the person",
    "الاستغلال في العمل: مؤشرات تتعلق بالشخص",
    [
        ("LX-01", "Lives on site in a group", "يقيم في موقع العمل ضمن مجموعة"),
        ("LX-02", "Degraded housing", "يقيم في مسكن متردٍّ"),
        (
            "LX-03",
            "No proper clothing or personal protective equipment",
            "لا يملك ملابس مناسبة أو معدات الوقاية الشخصية",
        ),
        ("LX-04", "No employment contract", "ليس لديه عقد عمل"),
        (
            "LX-05",
            "Depends on the employer for transport and housing",
            "يعتمد على صاحب العمل في التنقل والسكن",
        ),
        (
            "LX-06",
            "Security staff keep them on the premises",
            "يمنعه حراس الأمن من مغادرة المنشأة",
        ),
        ("LX-07", "Fined as a form of discipline", "تُفرض عليه غرامات وسيلةً للتأديب"),
        (
            "LX-08",
            "Lacks the training or licences the work requires",
            "يفتقر إلى التدريب أو التراخيص التي يتطلبها العمل",
        ),
    ],
)

LW = _flat(
    "LW",
    "Labour exploitation: the workplace",
    "الاستغلال في العمل: مؤشرات تتعلق بمكان العمل",
    [
        ("LW-01", "No health and safety notices", "لا توجد لافتات أو إرشادات للسلامة"),
        (
            "LW-02",
            "Employer cannot show the workers' documents",
            "لا يستطيع صاحب العمل إبراز وثائق العمال",
        ),
        ("LW-03", "No wage records", "لا توجد سجلات للأجور"),
        ("LW-04", "Equipment modified for use by children", "معدات مُعدَّلة ليستخدمها الأطفال"),
        (
            "LW-05",
            "Workers pay for tools, food or housing",
            "يدفع العمال ثمن الأدوات أو الطعام أو السكن",
        ),
        ("LW-06", "Breaches of the labour law", "مخالفات لنظام العمل"),
    ],
)

BG = _flat(
    "BG",
    "Begging and petty crime",
    "التسول والجرائم البسيطة",
    [
        (
            "BG-01",
            "Begs in public places or on public transport",
            "يتسوّل في الأماكن العامة أو في وسائل النقل العام",
        ),
        (
            "BG-02",
            "Physical impairments that appear to result from mutilation",
            "إعاقات جسدية يبدو أنها ناتجة عن تشويه متعمَّد",
        ),
        (
            "BG-03",
            "Moves daily in large groups with only a few adults",
            "يتنقل يوميًا ضمن مجموعات كبيرة لا يرافقها إلا عدد قليل من البالغين",
        ),
        (
            "BG-04",
            "Hands over the money collected to someone else",
            "يسلّم ما يجمعه من مال إلى شخص آخر",
        ),
        (
            "BG-05",
            "Punished for not collecting or stealing enough",
            "يُعاقَب إذا لم يجمع أو يسرق ما يكفي",
        ),
        (
            "BG-06",
            "Lives with gang members or with adults who are not their parents",
            "يعيش مع أفراد عصابة أو مع بالغين ليسوا والديه",
        ),
        (
            "BG-07",
            "Carries or sells drugs or commits petty crime for others",
            "يحمل المخدرات أو يبيعها أو يرتكب جرائم بسيطة لحساب غيره",
        ),
    ],
)

CH = _flat(
    "CH",
    "Children",
    "الأطفال",
    [
        (
            "CH-01",
            "No access to parents or guardians",
            "لا يستطيع التواصل مع والديه أو أولياء أمره",
        ),
        (
            "CH-02",
            "Looks intimidated or behaves unlike children of the same age",
            "يبدو خائفًا أو يتصرف على نحو لا يناسب أقرانه في العمر",
        ),
        ("CH-03", "No access to education", "محروم من التعليم"),
        (
            "CH-04",
            "No time to play and no friends of the same age outside work",
            "لا وقت لديه للعب وليس له أصدقاء من عمره خارج العمل",
        ),
        ("CH-05", "Does work unsuitable for children", "يؤدي أعمالًا لا تناسب الأطفال"),
        (
            "CH-06",
            "Travels unaccompanied or with adults who are not relatives",
            "يسافر دون مرافق أو مع بالغين ليسوا من أقاربه",
        ),
        (
            "CH-07",
            'An adult claims to have "found" an unaccompanied child',
            "يدّعي شخص بالغ أنه «عثر» على طفل غير مصحوب",
        ),
    ],
)

LOC = _flat(
    "LOC",
    "Local patterns",
    "أنماط محلية",
    [
        (
            "LOC-ABS",
            '"Absconding" report or threat used as leverage',
            "بلاغ «تغيّب عن العمل» (هروب) أو التهديد به وسيلةً للضغط",
        ),
        (
            "LOC-RFE",
            "Recruitment fees or visa costs turned into debt",
            "رسوم الاستقدام أو تكلفة التأشيرة تتحوّل إلى دَين على العامل",
        ),
        ("LOC-CSB", "Contract substitution on arrival", "استبدال عقد العمل عند الوصول"),
        (
            "LOC-PPC",
            'Passport "consent" form not understood or not freely given',
            "نموذج «موافقة» على الاحتفاظ بجواز السفر لم يُفهم أو لم يُعطَ بحرية",
        ),
        (
            "LOC-WPS",
            "Missing or irregular wage-protection records",
            "سجلات حماية الأجور مفقودة أو غير منتظمة",
        ),
        (
            "LOC-DWX",
            "Worker in a category outside the labour law (domestic worker, driver, shepherd)",
            "عامل من فئة لا يشملها نظام العمل (عامل منزلي، سائق، راعٍ)",
        ),
        (
            "LOC-PEN",
            "Risk of being penalised (immigration or other charges)",
            "خطر معاقبة الضحية (بتهم تتعلق بالإقامة والهجرة أو غيرها)",
        ),
    ],
)

NRM = _flat(
    "NRM",
    "National Referral Mechanism stages",
    "مراحل الآلية الوطنية للإحالة",
    [
        ("NRM-1", "Initial identification", "التعرّف الأولي"),
        ("NRM-2", "Rescue, transfer and registration", "الإنقاذ والنقل والتسجيل"),
        ("NRM-3", "Investigation and prosecution", "التحقيق والملاحقة القضائية"),
        ("NRM-4", "Protection and assistance", "الحماية والمساعدة"),
        ("NRM-5", "Durable solutions", "الحلول المستدامة"),
        ("NRM-6", "Integration and reintegration", "الإدماج وإعادة الإدماج"),
    ],
)

PRN = _flat(
    "PRN",
    "Principles",
    "المبادئ",
    [
        ("PRN-DNH", "Do no harm", "عدم الإضرار"),
        ("PRN-SAF", "Safety first", "السلامة أولًا"),
        ("PRN-CNF", "Confidentiality", "السرية"),
        ("PRN-CNS", "Informed consent", "الموافقة المستنيرة"),
        ("PRN-INT", "Independent interpreter", "مترجم شفوي مستقل"),
        ("PRN-NPR", "No promises you cannot keep", "عدم تقديم وعود لا يمكن الوفاء بها"),
        ("PRN-REF", "Prepared referral information", "إعداد معلومات الإحالة مسبقًا"),
        ("PRN-TIA", "Trauma-informed approach", "النهج المراعي للصدمات"),
        ("PRN-NPN", "Non-punishment", "عدم المعاقبة"),
        ("PRN-BIC", "Best interests of the child", "مصلحة الطفل الفضلى"),
        ("PRN-MIN", "Data minimisation", "تقليل البيانات إلى الحد الأدنى"),
        ("PRN-RPT", "Duty to report", "واجب الإبلاغ"),
        ("PRN-TIP", "No tipping-off of suspects", "عدم تنبيه المشتبه بهم"),
    ],
)

ROLE = _flat(
    "ROLE",
    "Roles",
    "الأدوار الوظيفية",
    [
        ("LI", "Labour inspector", "مفتش عمل"),
        ("HL", "Hotline operator", "موظف الخط الساخن"),
        ("SH", "Shelter staff", "موظف دار الإيواء"),
        ("LC", "Labour committee member", "عضو لجنة عمالية"),
        ("JD", "Labour court judge", "قاضي المحكمة العمالية"),
        ("CSO", "Civil society worker", "موظف منظمة مجتمع مدني"),
        ("RA", "Recruitment office staff", "موظف مكتب استقدام"),
        ("MD", "Medical staff", "الكادر الطبي"),
        ("BS", "Border security", "أمن الحدود"),
        ("LE", "Police", "الشرطة"),
        ("PP", "Public prosecution", "النيابة العامة"),
    ],
)

BL = _flat(
    "BL",
    "Cognitive level",
    "المستوى المعرفي",
    [
        ("BL1", "Recall", "التذكّر"),
        ("BL2", "Understand", "الفهم"),
        ("BL3", "Apply", "التطبيق"),
        ("BL4", "Analyse", "التحليل"),
        ("BL5", "Evaluate and decide", "التقييم واتخاذ القرار"),
    ],
)

# The levels are declared once, in cms.content_warnings.
CW = _flat(
    "CW",
    "Content sensitivity",
    "حساسية المحتوى",
    [(code, english, arabic) for code, (english, arabic) in TAXONOMY_NAMES.items()],
)

FRAMEWORKS: list[dict] = [
    PAL,
    ILO,
    GEN,
    DS,
    SX,
    LX,
    LW,
    BG,
    CH,
    LOC,
    NRM,
    PRN,
    ROLE,
    BL,
    CW,
]

# Content warnings a question or scenario may not carry: CW3 material is refused by the bank.
NOT_ALLOWED_IN_BANK = frozenset({NOT_ALLOWED})

# ILO indicator -> UNODC (GEN and form-specific) and local codes, for analytics roll-ups.
CROSSWALK: dict[str, list[str]] = {
    "ILO-01": ["GEN-10", "GEN-15", "GEN-31", "LOC-DWX"],
    "ILO-02": ["GEN-29", "LOC-CSB"],
    "ILO-03": ["GEN-02", "GEN-03", "DS-06", "LX-06", "SX-02"],
    "ILO-04": ["GEN-17", "GEN-18", "GEN-19", "DS-05"],
    "ILO-05": ["GEN-06", "GEN-07", "DS-07"],
    "ILO-06": ["GEN-06", "GEN-09", "LOC-ABS"],
    "ILO-07": ["GEN-11", "GEN-12", "SX-09", "LOC-PPC"],
    "ILO-08": ["GEN-20", "GEN-21", "LW-03", "LOC-WPS"],
    "ILO-09": ["GEN-27", "GEN-28", "LW-05", "LOC-RFE"],
    "ILO-10": ["GEN-25", "GEN-26", "DS-02", "DS-03", "LX-02", "LX-03"],
    "ILO-11": ["GEN-22", "GEN-23"],
}


def all_tag_codes() -> set[str]:
    """Every tag code in FRAMEWORKS (tags only, not framework or group codes)."""
    return {
        tag["code"]
        for framework in FRAMEWORKS
        for group in framework["groups"]
        for tag in group["tags"]
    }
