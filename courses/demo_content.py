"""Demo course content for Himaya: the core course VOT-101, in English and Arabic.

Pure data. Every case in this file is a fictional composite written for Himaya: the first names
are invented and no real person, employer, agency, address or case is described. Lessons that
contain a case narrative open with a content warning block.

Lesson bodies are lists of (block_type, value) tuples matching the Wagtail StreamField blocks
"heading", "paragraph", "callout", "content_warning" and "case_narrative". The Arabic body of
each lesson mirrors the English one block for block.
"""

# ---------------------------------------------------------------------------------------------
# C1 Concepts and law
# ---------------------------------------------------------------------------------------------

C1_WHAT_IS_TRAFFICKING = {
    "slug": "what-is-trafficking",
    "title": {
        "en": "What trafficking in persons is: act, means and purpose",
        "ar": "ما هو الاتجار بالأشخاص: الفعل والوسيلة والغرض",
    },
    "estimated_minutes": 30,
    "body": {
        "en": [
            ("heading", {"text": "Three elements, one crime", "level": "h2"}),
            (
                "paragraph",
                (
                    "<p>International law defines trafficking in persons through three elements "
                    "that must come together when the victim is an adult:</p>"
                    "<ul><li><b>Act</b>: what is done. Recruitment, transportation, transfer, "
                    "harbouring or receipt of a person.</li>"
                    "<li><b>Means</b>: how it is done. Threat or use of force or other forms of "
                    "coercion, abduction, fraud, deception, abuse of power or of a position of "
                    "vulnerability, or giving or receiving payments or benefits to obtain the "
                    "consent of a person who has control over the victim.</li>"
                    "<li><b>Purpose</b>: why it is done. Exploitation, which includes at a "
                    "minimum sexual exploitation, forced labour or services, slavery or practices "
                    "similar to slavery, servitude and the removal of organs.</li></ul>"
                    "<p>The exploitation does not need to have happened yet. It is enough that "
                    "the act was carried out by one of the means <i>for the purpose</i> of "
                    "exploitation. A recruiter who deceives a worker about a job in order to "
                    "exploit them has committed the crime even if the worker is rescued at the "
                    "airport.</p>"
                ),
            ),
            (
                "callout",
                {
                    "kind": "legal",
                    "title": "Palermo Protocol (2000), Article 3",
                    "body": (
                        "<p>The UN Protocol to Prevent, Suppress and Punish Trafficking in "
                        "Persons, Especially Women and Children, which supplements the UN "
                        "Convention against Transnational Organized Crime, sets out the act, "
                        "means and purpose definition. It adds two rules: the consent of a "
                        "victim to the intended exploitation is irrelevant once any of the means "
                        "has been used, and when the victim is a child (anyone under 18) the act "
                        "and the purpose are enough, without any means.</p>"
                    ),
                },
            ),
            ("heading", {"text": "Consent and the child rule", "level": "h3"}),
            (
                "paragraph",
                (
                    "<p>Frontline staff are sometimes told that a worker 'signed the contract' or "
                    "'accepted the job'. Agreeing to migrate or to work is not agreeing to be "
                    "exploited. If a worker accepted a job because they were deceived about the "
                    "wages, or stays in it because their passport is held and they are told they "
                    "owe a debt, their earlier agreement does not change the analysis.</p>"
                    "<p>For a child you do not look for a means at all: recruiting, moving, "
                    "harbouring or receiving a child for exploitation is trafficking, even if "
                    "the child or the family agreed.</p>"
                ),
            ),
            (
                "callout",
                {
                    "kind": "note",
                    "title": "Presumed, not proven",
                    "body": (
                        "<p>You do not have to prove any element. When reasonable indicators "
                        "point to an act, a means and a purpose, treat the person as a "
                        "<b>presumed victim</b> and refer. The formal determination belongs to "
                        "the Public Prosecution at stage NRM-3.</p>"
                    ),
                },
            ),
        ],
        "ar": [
            ("heading", {"text": "ثلاثة عناصر لجريمة واحدة", "level": "h2"}),
            (
                "paragraph",
                (
                    "<p>يعرّف القانون الدولي الاتجار بالأشخاص من خلال ثلاثة عناصر يجب أن تجتمع "
                    "معًا عندما تكون الضحية شخصًا بالغًا:</p>"
                    "<ul><li><b>الفعل</b>: ما يُرتكب، أي تجنيد شخص أو نقله أو تنقيله أو إيواؤه "
                    "أو استقباله.</li>"
                    "<li><b>الوسيلة</b>: كيف يُرتكب الفعل، أي التهديد بالقوة أو استعمالها أو "
                    "غير ذلك من أشكال القسر، أو الاختطاف أو الاحتيال أو الخداع، أو إساءة "
                    "استعمال السلطة أو استغلال حالة استضعاف، أو إعطاء أو تلقي مبالغ مالية أو "
                    "مزايا لنيل موافقة شخص له سيطرة على الضحية.</li>"
                    "<li><b>الغرض</b>: لماذا يُرتكب الفعل، وهو الاستغلال الذي يشمل كحد أدنى "
                    "الاستغلال الجنسي، والعمل الجبري أو الخدمة القسرية، والاسترقاق أو "
                    "الممارسات الشبيهة بالرق، والاستعباد، ونزع الأعضاء.</li></ul>"
                    "<p>لا يُشترط أن يكون الاستغلال قد وقع فعلًا، إذ يكفي أن يُرتكب الفعل "
                    "بإحدى الوسائل <i>بغرض</i> الاستغلال. فالوكيل الذي يخدع عاملًا بشأن "
                    "الوظيفة بهدف استغلاله يكون قد ارتكب الجريمة حتى لو أُنقذ العامل في "
                    "المطار.</p>"
                ),
            ),
            (
                "callout",
                {
                    "kind": "legal",
                    "title": "بروتوكول باليرمو (2000)، المادة 3",
                    "body": (
                        "<p>يضع بروتوكول الأمم المتحدة لمنع وقمع ومعاقبة الاتجار بالأشخاص، "
                        "وبخاصة النساء والأطفال، المكمّل لاتفاقية الأمم المتحدة لمكافحة "
                        "الجريمة المنظمة عبر الوطنية، تعريفَ الاتجار القائم على الفعل والوسيلة "
                        "والغرض. ويضيف قاعدتين: لا عبرة بموافقة الضحية على الاستغلال المقصود "
                        "متى استُخدمت أي من الوسائل، وإذا كانت الضحية طفلًا (أي شخص دون الثامنة "
                        "عشرة) يكفي توافر الفعل والغرض دون حاجة إلى أي وسيلة.</p>"
                    ),
                },
            ),
            ("heading", {"text": "الموافقة وقاعدة الطفل", "level": "h3"}),
            (
                "paragraph",
                (
                    "<p>يُقال للعاملين في الخطوط الأمامية أحيانًا إن العامل «وقّع العقد» أو "
                    "«قبل الوظيفة». غير أن الموافقة على الهجرة أو العمل ليست موافقة على "
                    "الاستغلال. فإذا قبل العامل الوظيفة لأنه خُدع بشأن الأجر، أو بقي فيها لأن "
                    "جواز سفره محتجز ويُقال له إن عليه دينًا، فإن موافقته السابقة لا تغيّر "
                    "التحليل.</p>"
                    "<p>أما الطفل فلا يُبحث في حالته عن الوسيلة أصلًا: فتجنيد طفل أو نقله أو "
                    "إيواؤه أو استقباله بغرض الاستغلال اتجارٌ بالأشخاص، حتى لو وافق الطفل أو "
                    "أسرته.</p>"
                ),
            ),
            (
                "callout",
                {
                    "kind": "note",
                    "title": "ضحية مفترضة لا ضحية مثبتة",
                    "body": (
                        "<p>لست مطالبًا بإثبات أي عنصر. فحين تشير مؤشرات معقولة إلى وجود فعل "
                        "ووسيلة وغرض، تعامل مع الشخص بوصفه <b>ضحية مفترضة</b> وأحِل حالته. أما "
                        "التحديد الرسمي فمن اختصاص النيابة العامة في المرحلة NRM-3.</p>"
                    ),
                },
            ),
        ],
    },
}

C1_TRAFFICKING_SMUGGLING_VIOLATION = {
    "slug": "trafficking-smuggling-labour-violation",
    "title": {
        "en": "Trafficking, smuggling or a labour violation?",
        "ar": "اتجار بالأشخاص أم تهريب أم مخالفة عمالية؟",
    },
    "estimated_minutes": 30,
    "body": {
        "en": [
            ("heading", {"text": "Three situations that are often confused", "level": "h2"}),
            (
                "paragraph",
                (
                    "<p>Many of the people you meet have a problem with their work or their "
                    "migration status. Only some of them are victims of trafficking. Telling the "
                    "three situations apart decides which route you take.</p>"
                    "<ul><li><b>Migrant smuggling</b> is a crime against the State: a person is "
                    "helped to cross a border irregularly in return for a financial or material "
                    "benefit. The relationship usually ends on arrival, the migrant consents, and "
                    "smuggling always involves crossing a border.</li>"
                    "<li><b>Trafficking in persons</b> is a crime against the person: its aim is "
                    "exploitation, which continues after arrival. Consent is irrelevant once a "
                    "means has been used, and trafficking can take place entirely inside one "
                    "country and to people who entered it legally.</li>"
                    "<li><b>A labour violation</b> is a breach of labour rules, such as late "
                    "wages, long hours without overtime pay or a missing safety notice. It calls "
                    "for inspection and dispute settlement but, on its own, does not show that "
                    "the worker is not free to leave.</li></ul>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p>The line between a labour violation and forced labour is the "
                    "<b>freedom to leave</b> and the <b>menace of a penalty</b>. Unpaid wages "
                    "are a violation. Unpaid wages together with a held passport, a debt the "
                    "worker cannot repay and the threat of an 'absconding' report suggest that "
                    "the worker is kept at work by coercion.</p>"
                    "<p>Think of a continuum that runs from decent work, through labour "
                    "violations and exploitation, to forced labour and trafficking. Cases move "
                    "along it, and the same worker may be at a different point next month.</p>"
                ),
            ),
            (
                "callout",
                {
                    "kind": "note",
                    "title": "Smuggling can turn into trafficking",
                    "body": (
                        "<p>A migrant who paid a smuggler may be held on arrival until a 'debt' "
                        "is worked off. From that moment the case may be trafficking. Look at "
                        "the person's situation now, not only at how they arrived.</p>"
                    ),
                },
            ),
            (
                "callout",
                {
                    "kind": "warning",
                    "title": "Do not sort people by their status",
                    "body": (
                        "<p>An irregular migration status is not evidence against trafficking. "
                        "Traffickers often cause it, by holding documents or letting residence "
                        "permits expire. Questions of status come after safety and "
                        "identification.</p>"
                    ),
                },
            ),
        ],
        "ar": [
            ("heading", {"text": "ثلاث حالات يكثر الخلط بينها", "level": "h2"}),
            (
                "paragraph",
                (
                    "<p>لدى كثير ممن تلتقيهم مشكلة تتعلق بعملهم أو بوضعهم بوصفهم مهاجرين، لكن "
                    "بعضهم فقط ضحايا للاتجار بالأشخاص. والتمييز بين الحالات الثلاث هو ما يحدد "
                    "المسار الذي تسلكه.</p>"
                    "<ul><li><b>تهريب المهاجرين</b> جريمة ضد الدولة: يُساعَد شخص على عبور "
                    "الحدود بصورة غير نظامية مقابل منفعة مالية أو مادية. وعادةً ما تنتهي "
                    "العلاقة عند الوصول، ويكون المهاجر موافقًا، وينطوي التهريب دائمًا على عبور "
                    "للحدود.</li>"
                    "<li><b>الاتجار بالأشخاص</b> جريمة ضد الشخص: هدفه الاستغلال الذي يستمر بعد "
                    "الوصول. ولا عبرة بالموافقة متى استُخدمت وسيلة، وقد يقع الاتجار بالكامل "
                    "داخل بلد واحد وعلى أشخاص دخلوه بصورة نظامية.</li>"
                    "<li><b>المخالفة العمالية</b> إخلال بأحكام العمل، مثل تأخير الأجور أو "
                    "ساعات العمل الطويلة دون أجر إضافي أو غياب لوحات السلامة. وهي تستدعي "
                    "التفتيش وتسوية الخلاف، لكنها وحدها لا تدل على أن العامل غير حر في ترك "
                    "العمل.</li></ul>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p>الحد الفاصل بين المخالفة العمالية والعمل الجبري هو <b>حرية ترك "
                    "العمل</b> و<b>التهديد بعقوبة</b>. فعدم دفع الأجور مخالفة، أما عدم دفعها "
                    "مقترنًا باحتجاز جواز السفر ودين لا يستطيع العامل سداده والتهديد ببلاغ "
                    "تغيّب عن العمل، فيشير إلى أن العامل مُبقى في عمله بالإكراه.</p>"
                    "<p>تخيّل سلسلة متصلة تبدأ بالعمل اللائق، وتمر بالمخالفات العمالية "
                    "والاستغلال، وتنتهي بالعمل الجبري والاتجار بالأشخاص. والحالات تتحرك على "
                    "هذه السلسلة، وقد يكون العامل نفسه في موضع مختلف بعد شهر.</p>"
                ),
            ),
            (
                "callout",
                {
                    "kind": "note",
                    "title": "قد يتحول التهريب إلى اتجار",
                    "body": (
                        "<p>قد يُحتجز مهاجر دفع لمهرّب عند وصوله حتى يسدد «دينًا» بعمله، ومن "
                        "تلك اللحظة قد تصبح الحالة اتجارًا بالأشخاص. انظر إلى وضع الشخص "
                        "الراهن، لا إلى طريقة وصوله فحسب.</p>"
                    ),
                },
            ),
            (
                "callout",
                {
                    "kind": "warning",
                    "title": "لا تصنّف الأشخاص حسب وضعهم النظامي",
                    "body": (
                        "<p>الوضع غير النظامي للمهاجر ليس دليلًا على انتفاء الاتجار، بل كثيرًا "
                        "ما يتسبب فيه المتجرون أنفسهم باحتجاز الوثائق أو بترك تصاريح الإقامة "
                        "تنتهي. وتأتي مسائل الوضع النظامي بعد السلامة والتعرف على الضحية.</p>"
                    ),
                },
            ),
        ],
    },
}

C1_NATIONAL_LAW = {
    "slug": "national-law-and-duty-to-report",
    "title": {
        "en": "The national law and the duty to report",
        "ar": "النظام الوطني وواجب الإبلاغ",
    },
    "estimated_minutes": 20,
    "body": {
        "en": [
            ("heading", {"text": "The Anti-Trafficking in Persons Law (2009)", "level": "h2"}),
            (
                "callout",
                {
                    "kind": "legal",
                    "title": "Anti-Trafficking in Persons Law, 2009",
                    "body": (
                        "<p>The national law makes trafficking in persons a crime and follows "
                        "the international definition of act, means and purpose, covering forced "
                        "labour, servitude, sexual exploitation, forced begging and other forms. "
                        "Two of its rules matter most at the front line: a victim's consent does "
                        "not excuse the offence, and <b>anyone who becomes aware of a "
                        "trafficking offence must report it</b> to the competent authorities. "
                        "The law also provides for victims to be told of their rights in a "
                        "language they understand and to be protected during proceedings.</p>"
                    ),
                },
            ),
            (
                "paragraph",
                (
                    "<p>The duty to report applies to you as a professional. You meet it by "
                    "using your organisation's reporting route into the National Referral "
                    "Mechanism, covered in module C3. Reporting is not an accusation: you pass "
                    "on the indicators you observed, and the competent authorities "
                    "investigate.</p>"
                    "<ul><li>Report on reasonable indicators; do not wait for certainty.</li>"
                    "<li>Report through the official route, never by confronting the employer "
                    "or the recruiter.</li>"
                    "<li>Record what you saw and heard factually, with dates.</li>"
                    "<li>If someone is in immediate danger, act for their safety first and "
                    "report at once.</li></ul>"
                ),
            ),
            (
                "callout",
                {
                    "kind": "legal",
                    "title": "ILO Forced Labour Protocol, 2014 (P29)",
                    "body": (
                        "<p>The Protocol of 2014 to the ILO Forced Labour Convention, 1930 "
                        "(No. 29) requires States to prevent forced labour, to protect its "
                        "victims and to give them access to remedies such as compensation. It "
                        "expressly covers trafficking for forced labour, and asks States to "
                        "ensure that the authorities are able not to prosecute or penalise "
                        "victims for unlawful acts they were compelled to commit as a direct "
                        "consequence of being subjected to forced labour.</p>"
                    ),
                },
            ),
        ],
        "ar": [
            ("heading", {"text": "نظام مكافحة جرائم الاتجار بالأشخاص (2009)", "level": "h2"}),
            (
                "callout",
                {
                    "kind": "legal",
                    "title": "نظام مكافحة جرائم الاتجار بالأشخاص، 2009",
                    "body": (
                        "<p>يجرّم النظام الوطني الاتجار بالأشخاص ويتبع التعريف الدولي القائم "
                        "على الفعل والوسيلة والغرض، فيشمل العمل الجبري والاستعباد والاستغلال "
                        "الجنسي والتسول القسري وغيرها من الأشكال. وأهم قاعدتين فيه للعاملين "
                        "في الخطوط الأمامية: أن موافقة الضحية لا تنفي الجريمة، وأن <b>على كل "
                        "من علم بجريمة اتجار بالأشخاص أن يبلغ عنها</b> الجهات المختصة. كما ينص "
                        "النظام على إبلاغ الضحايا بحقوقهم بلغة يفهمونها وعلى حمايتهم أثناء "
                        "الإجراءات.</p>"
                    ),
                },
            ),
            (
                "paragraph",
                (
                    "<p>ينطبق واجب الإبلاغ عليك بصفتك المهنية، وتؤديه باستخدام مسار الإبلاغ "
                    "المعتمد في جهتك إلى الآلية الوطنية للإحالة، وهو ما تتناوله الوحدة C3. "
                    "والإبلاغ ليس اتهامًا: فأنت تنقل المؤشرات التي لاحظتها، والجهات المختصة "
                    "هي التي تحقق.</p>"
                    "<ul><li>أبلغ بناءً على مؤشرات معقولة، ولا تنتظر اليقين.</li>"
                    "<li>أبلغ عبر المسار الرسمي، ولا تواجه صاحب العمل أو وكيل الاستقدام "
                    "أبدًا.</li>"
                    "<li>دوّن ما رأيته وسمعته بموضوعية ومع التواريخ.</li>"
                    "<li>إذا كان أحد في خطر داهم، فتصرّف أولًا لضمان سلامته ثم أبلغ "
                    "فورًا.</li></ul>"
                ),
            ),
            (
                "callout",
                {
                    "kind": "legal",
                    "title": "بروتوكول العمل الجبري لمنظمة العمل الدولية، 2014 (P29)",
                    "body": (
                        "<p>يُلزم بروتوكول عام 2014 الملحق باتفاقية العمل الجبري لعام 1930 "
                        "(رقم 29) الدولَ بمنع العمل الجبري وحماية ضحاياه وتمكينهم من الوصول "
                        "إلى سبل الانتصاف كالتعويض. ويشمل صراحةً الاتجار بالأشخاص لأغراض "
                        "العمل الجبري، ويطلب من الدول أن تضمن تمكين السلطات المختصة من عدم "
                        "ملاحقة الضحايا أو معاقبتهم على أفعال غير مشروعة أُرغموا على ارتكابها "
                        "نتيجةً مباشرة لإخضاعهم للعمل الجبري.</p>"
                    ),
                },
            ),
        ],
    },
}

MODULE_C1 = {
    "slug": "c1-concepts-and-law",
    "code": "C1",
    "title": {
        "en": "Concepts and law",
        "ar": "المفاهيم والإطار القانوني",
    },
    "intro": {
        "en": (
            "What trafficking in persons is under international and national law, how it differs "
            "from migrant smuggling and from labour violations, and why consent does not matter "
            "once coercion or deception has been used."
        ),
        "ar": (
            "ما هو الاتجار بالأشخاص في القانون الدولي والنظام الوطني، وكيف يختلف عن تهريب "
            "المهاجرين وعن المخالفات العمالية، ولماذا لا عبرة بالموافقة متى استُخدم الإكراه أو "
            "الخداع."
        ),
    },
    "sectors": [],
    "content_warning": "CW0",
    "lessons": [C1_WHAT_IS_TRAFFICKING, C1_TRAFFICKING_SMUGGLING_VIOLATION, C1_NATIONAL_LAW],
}

# ---------------------------------------------------------------------------------------------
# C2 Indicators
# ---------------------------------------------------------------------------------------------

C2_FORCED_LABOUR_INDICATORS = {
    "slug": "forced-labour-and-general-indicators",
    "title": {
        "en": "Reading the indicators of forced labour and trafficking",
        "ar": "قراءة مؤشرات العمل الجبري والاتجار بالأشخاص",
    },
    "estimated_minutes": 35,
    "body": {
        "en": [
            ("heading", {"text": "Indicators are clues, not a checklist", "level": "h2"}),
            (
                "paragraph",
                (
                    "<p>An indicator is a fact that makes trafficking or forced labour more "
                    "likely. No single indicator proves it, and most victims will not show all "
                    "of them. What matters is the <b>combination</b>: signs that the person is "
                    "not free to leave (restriction, documents held, debt, threats) together "
                    "with signs of exploitation (no pay, excessive hours, degrading conditions). "
                    "Write down what you observe and what the person tells you, in their own "
                    "words where possible.</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p>The ILO describes eleven indicators of forced labour. Himaya uses their "
                    "codes to tag questions and to show you what you have mastered:</p>"
                    "<ul><li>ILO-01 abuse of vulnerability</li>"
                    "<li>ILO-02 deception</li>"
                    "<li>ILO-03 restriction of movement</li>"
                    "<li>ILO-04 isolation</li>"
                    "<li>ILO-05 physical and sexual violence</li>"
                    "<li>ILO-06 intimidation and threats</li>"
                    "<li>ILO-07 retention of identity documents</li>"
                    "<li>ILO-08 withholding of wages</li>"
                    "<li>ILO-09 debt bondage</li>"
                    "<li>ILO-10 abusive working and living conditions</li>"
                    "<li>ILO-11 excessive overtime</li></ul>"
                    "<p>UNODC's general indicators add what you may notice in a person's "
                    "behaviour and situation. They fall into groups:</p>"
                    "<ul><li><b>Control</b>: believes they must work against their will, cannot "
                    "leave the workplace, has their movements controlled.</li>"
                    "<li><b>Fear</b>: anxiety, threats against them or their family, injuries, "
                    "distrust of the authorities.</li>"
                    "<li><b>Status and documents</b>: threatened with being handed over to the "
                    "authorities, passport held by someone else, false documents.</li>"
                    "<li><b>Communication and isolation</b>: lets others speak for them, tells a "
                    "story that sounds coached, does not know their home or work address, has "
                    "little contact with family.</li>"
                    "<li><b>Work, pay and debt</b>: little or no pay, no access to earnings, no "
                    "days off, believes they are bound by a debt, has travel fees to repay "
                    "through work.</li></ul>"
                ),
            ),
            (
                "callout",
                {
                    "kind": "legal",
                    "title": "ILO Forced Labour Convention No. 29 and Protocol P29",
                    "body": (
                        "<p>Convention No. 29 defines forced or compulsory labour as all work or "
                        "service that is exacted from a person under the menace of a penalty and "
                        "for which the person has not offered themselves voluntarily. The 2014 "
                        "Protocol (P29) confirms that this includes trafficking for forced "
                        "labour. The 'penalty' is understood broadly: besides violence it "
                        "covers loss of wages, threats to denounce a worker to the authorities "
                        "and the withholding of identity documents.</p>"
                    ),
                },
            ),
            (
                "callout",
                {
                    "kind": "note",
                    "title": "One strong indicator is enough to look closer",
                    "body": (
                        "<p>A worker who says 'I cannot leave' deserves a careful, private "
                        "conversation even if nothing else is visible yet.</p>"
                    ),
                },
            ),
        ],
        "ar": [
            ("heading", {"text": "المؤشرات دلائل وليست قائمة تدقيق", "level": "h2"}),
            (
                "paragraph",
                (
                    "<p>المؤشر واقعة تجعل الاتجار بالأشخاص أو العمل الجبري أكثر احتمالًا. ولا "
                    "يثبت أي مؤشر منفرد وقوعهما، ولن تظهر على معظم الضحايا جميع المؤشرات. "
                    "المهم هو <b>اجتماع المؤشرات</b>: علامات على أن الشخص غير حر في المغادرة "
                    "(تقييد الحركة، احتجاز الوثائق، الدين، التهديد) مع علامات على الاستغلال "
                    "(عدم الأجر، ساعات العمل المفرطة، الظروف المهينة). دوّن ما تلاحظه وما "
                    "يخبرك به الشخص، بكلماته هو كلما أمكن.</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p>تحدد منظمة العمل الدولية أحد عشر مؤشرًا للعمل الجبري، وتستخدم منصة "
                    "حماية رموزها لتصنيف الأسئلة ولتبيّن لك ما أتقنته:</p>"
                    "<ul><li>ILO-01 استغلال حالة الاستضعاف</li>"
                    "<li>ILO-02 الخداع</li>"
                    "<li>ILO-03 تقييد حرية التنقل</li>"
                    "<li>ILO-04 العزل</li>"
                    "<li>ILO-05 العنف الجسدي والجنسي</li>"
                    "<li>ILO-06 الترهيب والتهديد</li>"
                    "<li>ILO-07 احتجاز وثائق الهوية</li>"
                    "<li>ILO-08 حجب الأجور</li>"
                    "<li>ILO-09 عبودية الدين</li>"
                    "<li>ILO-10 ظروف العمل والمعيشة المسيئة</li>"
                    "<li>ILO-11 العمل الإضافي المفرط</li></ul>"
                    "<p>وتضيف المؤشرات العامة لمكتب الأمم المتحدة المعني بالمخدرات والجريمة "
                    "ما قد تلاحظه في سلوك الشخص وظروفه، وهي تنقسم إلى مجموعات:</p>"
                    "<ul><li><b>السيطرة</b>: يعتقد أنه مجبر على العمل رغمًا عنه، ولا يستطيع "
                    "مغادرة مكان العمل، وتحركاته خاضعة للسيطرة.</li>"
                    "<li><b>الخوف</b>: القلق، والتهديدات الموجهة إليه أو إلى أسرته، والإصابات، "
                    "وعدم الثقة بالسلطات.</li>"
                    "<li><b>الوضع النظامي والوثائق</b>: التهديد بتسليمه إلى السلطات، واحتجاز "
                    "جواز سفره لدى شخص آخر، والوثائق المزورة.</li>"
                    "<li><b>التواصل والعزلة</b>: يترك الآخرين يتحدثون نيابةً عنه، ويروي قصة "
                    "تبدو ملقّنة، ولا يعرف عنوان سكنه أو عمله، وتواصله مع أسرته محدود.</li>"
                    "<li><b>العمل والأجر والدين</b>: أجر زهيد أو منعدم، وعجزه عن التصرف في مكاسبه، "
                    "وعدم وجود أيام راحة، واعتقاده أنه مقيد بدين، ومطالبته بسداد تكاليف السفر "
                    "من عمله.</li></ul>"
                ),
            ),
            (
                "callout",
                {
                    "kind": "legal",
                    "title": "اتفاقية العمل الجبري رقم 29 والبروتوكول P29",
                    "body": (
                        "<p>تعرّف الاتفاقية رقم 29 العمل الجبري أو الإلزامي بأنه كل عمل أو خدمة "
                        "تُفرض عنوةً على أي شخص تحت التهديد بأي عقوبة ولم يتطوع هذا الشخص "
                        "بأدائها بمحض اختياره. ويؤكد بروتوكول عام 2014 (P29) أن ذلك يشمل "
                        "الاتجار بالأشخاص لأغراض العمل الجبري. ويُفهم مفهوم «العقوبة» فهمًا "
                        "واسعًا: فإلى جانب العنف يشمل فقدان الأجور، والتهديد بإبلاغ السلطات عن "
                        "العامل، واحتجاز وثائق الهوية.</p>"
                    ),
                },
            ),
            (
                "callout",
                {
                    "kind": "note",
                    "title": "مؤشر واحد قوي يكفي لإمعان النظر",
                    "body": (
                        "<p>العامل الذي يقول «لا أستطيع المغادرة» يستحق محادثة متأنية على "
                        "انفراد، حتى لو لم يظهر شيء آخر بعد.</p>"
                    ),
                },
            ),
        ],
    },
}

C2_DOMESTIC_SERVITUDE = {
    "slug": "domestic-servitude-and-local-patterns",
    "title": {
        "en": "Domestic servitude and local patterns",
        "ar": "الاستعباد المنزلي والأنماط المحلية",
    },
    "estimated_minutes": 35,
    "body": {
        "en": [
            (
                "content_warning",
                {
                    "level": "CW1",
                    "message": (
                        "This lesson includes a fictional case of a domestic worker whose "
                        "passport is held and who is threatened by her employer. It contains no "
                        "descriptions of violence."
                    ),
                },
            ),
            ("heading", {"text": "Signs specific to domestic work", "level": "h2"}),
            (
                "paragraph",
                (
                    "<p>Domestic workers live inside the employer's home, which hides "
                    "exploitation from view. Indicators of domestic servitude include a worker "
                    "who:</p>"
                    "<ul><li>lives with the employing family but eats apart, or only "
                    "leftovers;</li>"
                    "<li>has no private or proper place to sleep;</li>"
                    "<li>rarely leaves the house for social reasons, or never leaves it without "
                    "the employer;</li>"
                    "<li>is insulted, threatened or hit;</li>"
                    "<li>has been reported as having 'absconded' while still living in the "
                    "house.</li></ul>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p>Across the region, watch for these local patterns:</p>"
                    "<ul><li><b>Passport retention</b>: the employer or recruiter keeps the "
                    "passport, sometimes with a 'consent' form that the worker did not "
                    "understand or could not refuse.</li>"
                    "<li><b>Recruitment-fee debt</b>: fees or visa costs paid in the home "
                    "country, or charged on arrival, are turned into a debt deducted from wages. "
                    "This can amount to debt bondage.</li>"
                    "<li><b>'Absconding' reports as leverage</b>: a report that the worker has "
                    "left their employer, or the threat to file one, exposes the worker to "
                    "detention and deportation and is used to keep them at work.</li>"
                    "<li><b>Contract substitution</b>: on arrival the worker is given a "
                    "different contract, with lower pay, other duties or another "
                    "employer.</li>"
                    "<li><b>Irregular wage records</b>: missing or irregular entries in the "
                    "wage protection system.</li>"
                    "<li><b>Work outside the labour law</b>: domestic workers, drivers and "
                    "shepherds may fall under separate rules with fewer protections, which adds "
                    "to their vulnerability.</li></ul>"
                ),
            ),
            (
                "case_narrative",
                {
                    "title": "Maria and the 'absconding' report",
                    "narrative": (
                        "<p>Maria, 31, came to the country to work as a domestic worker for a "
                        "family. On her first day the employer took her passport 'for "
                        "safekeeping'. She works from early morning until after midnight, seven "
                        "days a week, and sleeps on a mattress in the laundry room. For the first "
                        "four months she received part of her salary; since then she has been "
                        "told that the rest is kept back for her recruitment costs.</p>"
                        "<p>When Maria asked to call her family more often, the employer told "
                        "her that if she caused trouble he would report her as absconded and she "
                        "would be put in prison. A driver working in the same street told a "
                        "community volunteer that Maria had not been seen outside the house for "
                        "weeks, and the volunteer called the hotline. A check later showed that "
                        "an absconding report had already been filed against Maria, although "
                        "she was still living and working in the employer's house.</p>"
                    ),
                    "reflection": (
                        "<p>Which indicators can you identify, and which codes would you give "
                        "them (for example ILO-07, ILO-09, DS-04, LOC-ABS)? Why should the "
                        "absconding report not be treated as evidence against Maria?</p>"
                    ),
                },
            ),
            (
                "callout",
                {
                    "kind": "warning",
                    "title": "An 'absconding' report is not the end of the story",
                    "body": (
                        "<p>A report against a worker is an allegation made by the employer. "
                        "Check for indicators before any action is taken against the worker, and "
                        "refer where they are present. Penalising a presumed victim for leaving "
                        "an exploitative situation breaches the principle of "
                        "non-punishment.</p>"
                    ),
                },
            ),
        ],
        "ar": [
            (
                "content_warning",
                {
                    "level": "CW1",
                    "message": (
                        "يتضمن هذا الدرس حالة متخيلة لعاملة منزلية محتجز جواز سفرها ويهددها "
                        "صاحب العمل. ولا يتضمن أي وصف للعنف."
                    ),
                },
            ),
            ("heading", {"text": "علامات خاصة بالعمل المنزلي", "level": "h2"}),
            (
                "paragraph",
                (
                    "<p>يقيم العمال المنزليون داخل منزل صاحب العمل، مما يحجب الاستغلال عن "
                    "الأنظار. ومن مؤشرات الاستعباد المنزلي أن يكون العامل:</p>"
                    "<ul><li>مقيمًا مع الأسرة المشغّلة لكنه يأكل منفردًا أو لا يأكل إلا "
                    "بقايا الطعام؛</li>"
                    "<li>بلا مكان خاص أو لائق للنوم؛</li>"
                    "<li>نادرًا ما يغادر المنزل لأسباب اجتماعية، أو لا يغادره أبدًا إلا برفقة "
                    "صاحب العمل؛</li>"
                    "<li>يتعرض للإهانة أو التهديد أو الضرب؛</li>"
                    "<li>مُبلَّغًا عن «تغيّبه» مع أنه لا يزال يقيم في المنزل.</li></ul>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p>وفي المنطقة، انتبه إلى الأنماط المحلية التالية:</p>"
                    "<ul><li><b>احتجاز جواز السفر</b>: يحتفظ صاحب العمل أو وكيل الاستقدام "
                    "بالجواز، وأحيانًا بموجب نموذج «موافقة» لم يفهمه العامل أو لم يكن "
                    "بإمكانه رفضه.</li>"
                    "<li><b>دين رسوم الاستقدام</b>: تتحول الرسوم أو تكاليف التأشيرة المدفوعة "
                    "في بلد المنشأ، أو المفروضة عند الوصول، إلى دين يُقتطع من الأجر، وقد يرقى "
                    "ذلك إلى عبودية الدين.</li>"
                    "<li><b>بلاغات التغيّب وسيلةً للضغط</b>: بلاغ التغيّب عن العمل (المعروف "
                    "بـ«بلاغ الهروب») أو التهديد بتقديمه يعرّض العامل للاحتجاز والترحيل، "
                    "ويُستخدم لإبقائه في العمل.</li>"
                    "<li><b>استبدال العقد</b>: يُعطى العامل عند وصوله عقدًا مختلفًا، بأجر أقل "
                    "أو مهام أخرى أو صاحب عمل آخر.</li>"
                    "<li><b>عدم انتظام سجلات الأجور</b>: قيود ناقصة أو غير منتظمة في نظام "
                    "حماية الأجور.</li>"
                    "<li><b>العمل خارج نطاق نظام العمل</b>: قد يخضع العمال المنزليون والسائقون "
                    "والرعاة لقواعد مستقلة توفر حماية أقل، مما يزيد من استضعافهم.</li></ul>"
                ),
            ),
            (
                "case_narrative",
                {
                    "title": "ماريا وبلاغ التغيّب",
                    "narrative": (
                        "<p>قدمت ماريا، البالغة من العمر 31 عامًا، إلى البلاد للعمل عاملةً "
                        "منزلية لدى أسرة. وفي يومها الأول أخذ صاحب العمل جواز سفرها «لحفظه». "
                        "وهي تعمل من الصباح الباكر حتى ما بعد منتصف الليل طوال أيام الأسبوع، "
                        "وتنام على فراش في غرفة الغسيل. وفي الأشهر الأربعة الأولى تقاضت جزءًا "
                        "من راتبها، ومنذ ذلك الحين يُقال لها إن الباقي يُحتجز مقابل تكاليف "
                        "استقدامها.</p>"
                        "<p>وعندما طلبت ماريا الاتصال بأسرتها أكثر، قال لها صاحب العمل إنها إن "
                        "أثارت المشكلات فسيبلّغ عن تغيّبها وستُسجن. وأخبر سائق يعمل في الشارع "
                        "نفسه متطوعًا مجتمعيًا أن ماريا لم تُشاهَد خارج المنزل منذ أسابيع، "
                        "فاتصل المتطوع بالخط الساخن. وتبيّن لاحقًا أن بلاغ تغيّب قد قُدّم "
                        "بالفعل ضد ماريا، مع أنها كانت لا تزال تقيم وتعمل في منزل صاحب "
                        "العمل.</p>"
                    ),
                    "reflection": (
                        "<p>ما المؤشرات التي يمكنك تحديدها، وما الرموز التي تعطيها لها (مثل "
                        "ILO-07 وILO-09 وDS-04 وLOC-ABS)؟ ولماذا لا ينبغي معاملة بلاغ التغيّب "
                        "دليلًا ضد ماريا؟</p>"
                    ),
                },
            ),
            (
                "callout",
                {
                    "kind": "warning",
                    "title": "بلاغ التغيّب ليس نهاية القصة",
                    "body": (
                        "<p>البلاغ المقدم ضد العامل ادعاءٌ من صاحب العمل. تحقق من وجود "
                        "المؤشرات قبل اتخاذ أي إجراء ضد العامل، وأحِل الحالة إذا وُجدت. "
                        "فمعاقبة ضحية مفترضة لأنها تركت وضعًا استغلاليًا تخالف مبدأ عدم "
                        "المعاقبة.</p>"
                    ),
                },
            ),
        ],
    },
}

MODULE_C2 = {
    "slug": "c2-indicators",
    "code": "C2",
    "title": {
        "en": "Indicators of trafficking and forced labour",
        "ar": "مؤشرات الاتجار بالأشخاص والعمل الجبري",
    },
    "intro": {
        "en": (
            "The ILO forced labour indicators, the UNODC general indicators, the signs of "
            "domestic servitude and the local patterns that keep workers in exploitation."
        ),
        "ar": (
            "مؤشرات العمل الجبري لدى منظمة العمل الدولية، والمؤشرات العامة لدى مكتب الأمم "
            "المتحدة المعني بالمخدرات والجريمة، وعلامات الاستعباد المنزلي، والأنماط المحلية "
            "التي تُبقي العمال في دائرة الاستغلال."
        ),
    },
    "sectors": [],
    "content_warning": "CW1",
    "lessons": [C2_FORCED_LABOUR_INDICATORS, C2_DOMESTIC_SERVITUDE],
}

# ---------------------------------------------------------------------------------------------
# C3 The National Referral Mechanism
# ---------------------------------------------------------------------------------------------

C3_SIX_STAGES = {
    "slug": "six-stages",
    "title": {
        "en": "The six stages of the National Referral Mechanism",
        "ar": "المراحل الست للآلية الوطنية للإحالة",
    },
    "estimated_minutes": 30,
    "body": {
        "en": [
            ("heading", {"text": "From first contact to a new start", "level": "h2"}),
            (
                "paragraph",
                (
                    "<p>The National Referral Mechanism (NRM) is the framework through which "
                    "State bodies and civil society work together to identify, protect and "
                    "assist victims of trafficking. It is coordinated by a central team, with "
                    "sub-units in each of the country's 13 regions so that cases can be handled "
                    "close to where the person is.</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<ol><li><b>NRM-1 Initial identification</b>: a frontline worker notices "
                    "indicators, treats the person as a presumed victim and reports through the "
                    "official route.</li>"
                    "<li><b>NRM-2 Rescue, transfer and registration</b>: the person is moved to "
                    "safety, their basic needs are met and the case is registered with the "
                    "mechanism.</li>"
                    "<li><b>NRM-3 Investigation and prosecution</b>: the competent authorities "
                    "investigate, and the Public Prosecution makes the formal determination of "
                    "victim status and prosecutes the offenders.</li>"
                    "<li><b>NRM-4 Protection and assistance</b>: shelter, medical care, "
                    "psychosocial support, legal aid and interpretation, and non-punishment for "
                    "offences linked to the trafficking.</li>"
                    "<li><b>NRM-5 Durable solutions</b>: a safe, voluntary return to the country "
                    "of origin, or a regularised stay with the right to work, based on a risk "
                    "assessment and the person's wishes.</li>"
                    "<li><b>NRM-6 Integration or reintegration</b>: support for the survivor to "
                    "rebuild their life, in the country or after return, with follow-up.</li>"
                    "</ol>"
                ),
            ),
            (
                "callout",
                {
                    "kind": "note",
                    "title": "The stages overlap",
                    "body": (
                        "<p>Protection starts at once, not after the investigation. A presumed "
                        "victim needs safety, care and interpretation from stage NRM-2 onwards, "
                        "and good practice is that assistance does not depend on whether the "
                        "person agrees to give evidence.</p>"
                    ),
                },
            ),
            (
                "callout",
                {
                    "kind": "warning",
                    "title": "Identification is not investigation",
                    "body": (
                        "<p>At NRM-1 your job is to notice, protect and report. Do not try to "
                        "gather evidence of the crime yourself, confront suspects or make the "
                        "person repeat their story many times. That is the work of "
                        "investigators at NRM-3.</p>"
                    ),
                },
            ),
        ],
        "ar": [
            ("heading", {"text": "من التواصل الأول إلى بداية جديدة", "level": "h2"}),
            (
                "paragraph",
                (
                    "<p>الآلية الوطنية للإحالة هي الإطار الذي تتعاون من خلاله الجهات الحكومية "
                    "ومنظمات المجتمع المدني للتعرف على ضحايا الاتجار بالأشخاص وحمايتهم "
                    "ومساعدتهم. ويتولى تنسيقها فريق مركزي، مع وحدات فرعية في كل منطقة من مناطق "
                    "البلاد الثلاث عشرة، حتى تُعالج الحالات بالقرب من مكان وجود الشخص.</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<ol><li><b>NRM-1 التعرف الأولي</b>: يلاحظ العامل في الخطوط الأمامية "
                    "المؤشرات، ويتعامل مع الشخص بوصفه ضحية مفترضة، ويبلّغ عبر المسار "
                    "الرسمي.</li>"
                    "<li><b>NRM-2 الإنقاذ والنقل والتسجيل</b>: يُنقل الشخص إلى مكان آمن، "
                    "وتُلبّى احتياجاته الأساسية، وتُسجَّل الحالة لدى الآلية.</li>"
                    "<li><b>NRM-3 التحقيق والملاحقة القضائية</b>: تحقق الجهات المختصة، وتتولى "
                    "النيابة العامة التحديد الرسمي لصفة الضحية وملاحقة الجناة.</li>"
                    "<li><b>NRM-4 الحماية والمساعدة</b>: الإيواء والرعاية الطبية والدعم "
                    "النفسي والاجتماعي والمساعدة القانونية والترجمة، وعدم المعاقبة على "
                    "المخالفات المرتبطة بالاتجار.</li>"
                    "<li><b>NRM-5 الحلول المستدامة</b>: العودة الطوعية الآمنة إلى بلد المنشأ، "
                    "أو الإقامة النظامية مع حق العمل، بناءً على تقييم للمخاطر وعلى رغبة "
                    "الشخص.</li>"
                    "<li><b>NRM-6 الإدماج أو إعادة الإدماج</b>: دعم الناجي لإعادة بناء حياته "
                    "داخل البلاد أو بعد عودته، مع المتابعة.</li></ol>"
                ),
            ),
            (
                "callout",
                {
                    "kind": "note",
                    "title": "المراحل متداخلة",
                    "body": (
                        "<p>تبدأ الحماية فورًا لا بعد انتهاء التحقيق. فالضحية المفترضة تحتاج "
                        "إلى الأمان والرعاية والترجمة منذ المرحلة NRM-2، والممارسة الجيدة ألا "
                        "تتوقف المساعدة على موافقة الشخص على الإدلاء بشهادته.</p>"
                    ),
                },
            ),
            (
                "callout",
                {
                    "kind": "warning",
                    "title": "التعرف على الضحية ليس تحقيقًا",
                    "body": (
                        "<p>مهمتك في المرحلة NRM-1 هي الملاحظة والحماية والإبلاغ. لا تحاول جمع "
                        "أدلة الجريمة بنفسك، ولا تواجه المشتبه بهم، ولا تطلب من الشخص تكرار "
                        "قصته مرات عديدة؛ فذلك عمل المحققين في المرحلة NRM-3.</p>"
                    ),
                },
            ),
        ],
    },
}

C3_WHO_DOES_WHAT = {
    "slug": "who-does-what-and-making-a-referral",
    "title": {
        "en": "Who does what, and how to make a good referral",
        "ar": "من يفعل ماذا، وكيف تُعِد إحالة جيدة",
    },
    "estimated_minutes": 30,
    "body": {
        "en": [
            ("heading", {"text": "Your sector's place in the mechanism", "level": "h2"}),
            (
                "paragraph",
                (
                    "<ul><li><b>Labour inspectors</b> (NRM-1, NRM-2) identify indicators during "
                    "inspections, interview workers safely and report without alerting the "
                    "employer.</li>"
                    "<li><b>Hotline operators</b> (NRM-1, NRM-2) triage calls, respond to "
                    "immediate danger and pass cases on with the minimum necessary data.</li>"
                    "<li><b>Shelter staff</b> (NRM-2, NRM-4, NRM-5, NRM-6) receive presumed "
                    "victims, assess their needs, provide care with informed consent and "
                    "prepare return or integration.</li>"
                    "<li><b>Labour committees and labour courts</b> (NRM-1, NRM-3, NRM-4) spot "
                    "indicators inside disputes, apply non-punishment and refer to the Public "
                    "Prosecution.</li>"
                    "<li><b>Civil-society organisations</b> (NRM-1, NRM-4, NRM-6) reach hidden "
                    "groups, refer safely, accompany survivors and support "
                    "reintegration.</li></ul>"
                ),
            ),
            ("heading", {"text": "What a referral should contain", "level": "h3"}),
            (
                "paragraph",
                (
                    "<p>A prepared referral spares the person from telling their story again and "
                    "again. Give the receiving team what it needs to act, and no more:</p>"
                    "<ul><li>why you consider the person a presumed victim: the indicators you "
                    "observed or were told about, with dates;</li>"
                    "<li>immediate safety concerns and where the person is now;</li>"
                    "<li>language and interpreter needs, and urgent medical needs;</li>"
                    "<li>whether a child may be involved;</li>"
                    "<li>what the person has been told and what they have agreed to;</li>"
                    "<li>your name, role and how to reach you.</li></ul>"
                ),
            ),
            (
                "callout",
                {
                    "kind": "note",
                    "title": "Tell the person what happens next",
                    "body": (
                        "<p>Explain in simple words who will contact them, what the mechanism "
                        "can offer and what it cannot. Do not promise outcomes such as a "
                        "particular decision, a payment or a date to go home.</p>"
                    ),
                },
            ),
        ],
        "ar": [
            ("heading", {"text": "موقع قطاعك في الآلية", "level": "h2"}),
            (
                "paragraph",
                (
                    "<ul><li><b>مفتشو العمل</b> (NRM-1 وNRM-2): يتعرفون على المؤشرات أثناء "
                    "التفتيش، ويقابلون العمال بأمان، ويبلّغون دون تنبيه صاحب العمل.</li>"
                    "<li><b>موظفو الخطوط الساخنة</b> (NRM-1 وNRM-2): يفرزون المكالمات، "
                    "ويستجيبون للخطر الداهم، ويحيلون الحالات بالحد الأدنى الضروري من "
                    "البيانات.</li>"
                    "<li><b>العاملون في دور الإيواء</b> (NRM-2 وNRM-4 وNRM-5 وNRM-6): "
                    "يستقبلون الضحايا المفترضين، ويقيّمون احتياجاتهم، ويقدمون الرعاية "
                    "بموافقتهم المستنيرة، ويُعِدّون للعودة أو الإدماج.</li>"
                    "<li><b>اللجان العمالية والمحاكم العمالية</b> (NRM-1 وNRM-3 وNRM-4): "
                    "يرصدون المؤشرات داخل النزاعات، ويطبقون مبدأ عدم المعاقبة، ويحيلون إلى "
                    "النيابة العامة.</li>"
                    "<li><b>منظمات المجتمع المدني</b> (NRM-1 وNRM-4 وNRM-6): تصل إلى الفئات "
                    "المخفية، وتحيل بأمان، وترافق الناجين، وتدعم إعادة إدماجهم.</li></ul>"
                ),
            ),
            ("heading", {"text": "ما الذي ينبغي أن تتضمنه الإحالة", "level": "h3"}),
            (
                "paragraph",
                (
                    "<p>الإحالة المُعدّة جيدًا تُغني الشخص عن رواية قصته مرة بعد مرة. قدّم "
                    "للفريق المستقبِل ما يحتاج إليه للتصرف، لا أكثر:</p>"
                    "<ul><li>سبب اعتبارك الشخص ضحية مفترضة: المؤشرات التي لاحظتها أو أُخبرت "
                    "بها، مع التواريخ؛</li>"
                    "<li>المخاوف العاجلة المتعلقة بالسلامة، ومكان وجود الشخص الآن؛</li>"
                    "<li>اللغة والحاجة إلى مترجم، والاحتياجات الطبية العاجلة؛</li>"
                    "<li>ما إذا كان الأمر قد يتعلق بطفل؛</li>"
                    "<li>ما قيل للشخص وما وافق عليه؛</li>"
                    "<li>اسمك وصفتك وطريقة التواصل معك.</li></ul>"
                ),
            ),
            (
                "callout",
                {
                    "kind": "note",
                    "title": "أخبر الشخص بما سيحدث بعد ذلك",
                    "body": (
                        "<p>اشرح بكلمات بسيطة من سيتواصل معه، وما الذي تستطيع الآلية تقديمه "
                        "وما لا تستطيعه. ولا تَعِد بنتائج مثل قرار بعينه أو مبلغ مالي أو موعد "
                        "للعودة إلى بلده.</p>"
                    ),
                },
            ),
        ],
    },
}

MODULE_C3 = {
    "slug": "c3-national-referral-mechanism",
    "code": "C3",
    "title": {
        "en": "The National Referral Mechanism",
        "ar": "الآلية الوطنية للإحالة",
    },
    "intro": {
        "en": (
            "The six stages of the National Referral Mechanism, the role of each sector, and how "
            "to make a referral that helps the person instead of exposing them."
        ),
        "ar": (
            "المراحل الست للآلية الوطنية للإحالة، ودور كل قطاع فيها، وكيف تُعِد إحالة تساعد "
            "الشخص بدلًا من أن تعرّضه للخطر."
        ),
    },
    "sectors": [],
    "content_warning": "CW0",
    "lessons": [C3_SIX_STAGES, C3_WHO_DOES_WHAT],
}

# ---------------------------------------------------------------------------------------------
# C4 Victim-centred, trauma-informed communication
# ---------------------------------------------------------------------------------------------

C4_TRAUMA_INFORMED = {
    "slug": "trauma-informed-communication",
    "title": {
        "en": "Speaking with a presumed victim",
        "ar": "التحدث مع ضحية مفترضة",
    },
    "estimated_minutes": 30,
    "body": {
        "en": [
            ("heading", {"text": "How trauma shapes a conversation", "level": "h2"}),
            (
                "paragraph",
                (
                    "<p>People who have been exploited have often lived with fear, control and "
                    "deception for a long time, and this affects how they talk to you. They may "
                    "seem calm, confused, angry or distrustful. Their account may have gaps or "
                    "change in its details, and they may deny any problem at first. These are "
                    "common effects of trauma and fear, not signs of lying. Traffickers may also "
                    "have told them what to say to officials.</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<ul><li><b>Safety first</b>: speak in a private, safe place, away from "
                    "employers, supervisors and anyone who came with the person.</li>"
                    "<li><b>Do no harm</b>: ask only what you need for your role, and do not "
                    "press for details of abuse.</li>"
                    "<li><b>Explain and offer choice</b>: say who you are and what you can and "
                    "cannot do, and that the person may pause or stop at any time.</li>"
                    "<li><b>Plain language and open questions</b>: 'Can you tell me about your "
                    "work here?' rather than 'Are you being forced to work?'</li>"
                    "<li><b>Believe and do not judge</b>: avoid questions that imply blame, such "
                    "as why the person did not leave earlier.</li>"
                    "<li><b>No promises you cannot keep</b>: about visas, wages, prosecution or "
                    "going home.</li></ul>"
                ),
            ),
            (
                "callout",
                {
                    "kind": "note",
                    "title": "Words that help",
                    "body": (
                        "<p>'You are not in trouble for talking to me.' 'You can stop at any "
                        "time.' 'I will explain what happens next.' In your records, write "
                        "'presumed victim' at identification and 'survivor' once the person is "
                        "rebuilding their life.</p>"
                    ),
                },
            ),
            (
                "callout",
                {
                    "kind": "warning",
                    "title": "When to stop",
                    "body": (
                        "<p>If the person becomes very distressed, stop the questions, attend "
                        "to their immediate needs and bring in specialised support. "
                        "Identification can continue later; harm from re-traumatisation cannot "
                        "be undone.</p>"
                    ),
                },
            ),
        ],
        "ar": [
            ("heading", {"text": "كيف تؤثر الصدمة في المحادثة", "level": "h2"}),
            (
                "paragraph",
                (
                    "<p>كثيرًا ما يكون من تعرضوا للاستغلال قد عاشوا طويلًا في ظل الخوف "
                    "والسيطرة والخداع، وهذا يؤثر في طريقة حديثهم إليك. فقد يبدون هادئين أو "
                    "مرتبكين أو غاضبين أو متشككين، وقد تتخلل روايتهم ثغرات أو تتغير تفاصيلها، "
                    "وقد ينكرون وجود أي مشكلة في البداية. هذه آثار شائعة للصدمة والخوف، وليست "
                    "علامات على الكذب. وربما لقّنهم المتجرون أيضًا ما يقولونه للمسؤولين.</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<ul><li><b>السلامة أولًا</b>: تحدّث في مكان خاص وآمن، بعيدًا عن أصحاب "
                    "العمل والمشرفين وأي شخص رافق الضحية.</li>"
                    "<li><b>عدم الإضرار</b>: لا تسأل إلا عما تحتاج إليه في دورك، ولا تُلحّ في "
                    "طلب تفاصيل الإساءة.</li>"
                    "<li><b>الشرح وإتاحة الخيار</b>: عرّف بنفسك وبما تستطيع فعله وما لا "
                    "تستطيعه، وأوضح أن بإمكان الشخص التوقف مؤقتًا أو نهائيًا في أي وقت.</li>"
                    "<li><b>لغة بسيطة وأسئلة مفتوحة</b>: «هل يمكنك أن تحدثني عن عملك هنا؟» "
                    "بدلًا من «هل تُجبَر على العمل؟»</li>"
                    "<li><b>التصديق وعدم إصدار الأحكام</b>: تجنّب الأسئلة التي توحي باللوم، "
                    "مثل سبب عدم مغادرته في وقت أبكر.</li>"
                    "<li><b>لا وعود لا تستطيع الوفاء بها</b>: بشأن التأشيرات أو الأجور أو "
                    "الملاحقة القضائية أو العودة إلى الوطن.</li></ul>"
                ),
            ),
            (
                "callout",
                {
                    "kind": "note",
                    "title": "عبارات تساعد",
                    "body": (
                        "<p>«لن تقع في أي مشكلة لأنك تحدثت معي.» «يمكنك التوقف في أي وقت.» "
                        "«سأشرح لك ما سيحدث بعد ذلك.» وفي سجلاتك، اكتب «ضحية مفترضة» عند "
                        "التعرف، و«ناجٍ» أو «ناجية» حين يعيد الشخص بناء حياته.</p>"
                    ),
                },
            ),
            (
                "callout",
                {
                    "kind": "warning",
                    "title": "متى تتوقف",
                    "body": (
                        "<p>إذا اشتد ضيق الشخص، فأوقف الأسئلة، واهتم باحتياجاته العاجلة، واستعن "
                        "بالدعم المتخصص. يمكن استكمال التعرف لاحقًا، أما الضرر الناتج عن إعادة "
                        "الصدمة فلا يمكن محوه.</p>"
                    ),
                },
            ),
        ],
    },
}

C4_INTERPRETERS = {
    "slug": "working-with-interpreters",
    "title": {
        "en": "Working with an independent interpreter",
        "ar": "العمل مع مترجم مستقل",
    },
    "estimated_minutes": 20,
    "body": {
        "en": [
            ("heading", {"text": "Why the interpreter must be independent", "level": "h2"}),
            (
                "paragraph",
                (
                    "<p>Many presumed victims do not speak Arabic or English well enough to "
                    "explain their situation, and a professional, independent interpreter is "
                    "essential. Never use the employer, a supervisor, a co-worker from the same "
                    "workplace, the recruiter or anyone who accompanied the person: they may be "
                    "part of the exploitation, may report back, or may change what is said. "
                    "Never use a child to interpret.</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p>Before, during and after the conversation:</p>"
                    "<ol><li>Check that the interpreter speaks the right language or dialect and "
                    "has no link to the person, the employer or the community involved.</li>"
                    "<li>Where possible, ask the person whether they would prefer a woman or a "
                    "man to interpret.</li>"
                    "<li>Brief the interpreter on the purpose, on confidentiality and on "
                    "sensitive topics, and ask them to interpret everything in the first "
                    "person, without adding, leaving out or summarising.</li>"
                    "<li>Speak to the person, not to the interpreter, in short sentences.</li>"
                    "<li>Debrief the interpreter afterwards: they may also be affected by what "
                    "they heard.</li></ol>"
                ),
            ),
            (
                "callout",
                {
                    "kind": "note",
                    "title": "Telephone and video interpreting",
                    "body": (
                        "<p>Remote interpreting helps when no suitable interpreter can come in "
                        "person, and the distance can add to safety. Make sure no one else is "
                        "listening at either end.</p>"
                    ),
                },
            ),
        ],
        "ar": [
            ("heading", {"text": "لماذا يجب أن يكون المترجم مستقلًا", "level": "h2"}),
            (
                "paragraph",
                (
                    "<p>لا يتقن كثير من الضحايا المفترضين العربية أو الإنجليزية بما يكفي لشرح "
                    "أوضاعهم، ولذلك لا غنى عن مترجم محترف ومستقل. ولا تستعن أبدًا بصاحب العمل "
                    "أو المشرف أو زميل من مكان العمل نفسه أو وكيل الاستقدام أو أي شخص رافق "
                    "الضحية، فقد يكونون جزءًا من الاستغلال، أو ينقلون ما يُقال، أو يحرّفونه. "
                    "ولا تستعن أبدًا بطفل للترجمة.</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p>قبل المحادثة وأثناءها وبعدها:</p>"
                    "<ol><li>تأكد من أن المترجم يتحدث اللغة أو اللهجة المناسبة، وأنه لا صلة له "
                    "بالشخص أو بصاحب العمل أو بالمجتمع المعني.</li>"
                    "<li>اسأل الشخص، كلما أمكن، عما إذا كان يفضّل مترجمة أو مترجمًا.</li>"
                    "<li>أطلع المترجم على الغرض من المقابلة وعلى السرية والموضوعات الحساسة، "
                    "واطلب منه ترجمة كل ما يُقال بصيغة المتكلم دون إضافة أو حذف أو "
                    "تلخيص.</li>"
                    "<li>وجّه كلامك إلى الشخص لا إلى المترجم، وبجمل قصيرة.</li>"
                    "<li>اعقد جلسة استخلاص مع المترجم بعد ذلك، فقد يتأثر هو أيضًا بما "
                    "سمعه.</li></ol>"
                ),
            ),
            (
                "callout",
                {
                    "kind": "note",
                    "title": "الترجمة عبر الهاتف والفيديو",
                    "body": (
                        "<p>تفيد الترجمة عن بُعد حين يتعذر حضور مترجم مناسب شخصيًا، وقد تزيد "
                        "المسافة من السلامة. تأكد من ألا يستمع أحد آخر في أي من الطرفين.</p>"
                    ),
                },
            ),
        ],
    },
}

MODULE_C4 = {
    "slug": "c4-victim-centred-communication",
    "code": "C4",
    "title": {
        "en": "Victim-centred, trauma-informed communication",
        "ar": "التواصل المتمحور حول الضحية والمراعي للصدمات",
    },
    "intro": {
        "en": (
            "How trauma affects what people say and how they say it, how to speak with a "
            "presumed victim safely and respectfully, and how to work with an independent "
            "interpreter."
        ),
        "ar": (
            "كيف تؤثر الصدمة فيما يقوله الناس وفي طريقة قوله، وكيف تتحدث مع ضحية مفترضة بأمان "
            "واحترام، وكيف تعمل مع مترجم مستقل."
        ),
    },
    "sectors": [],
    "content_warning": "CW0",
    "lessons": [C4_TRAUMA_INFORMED, C4_INTERPRETERS],
}

# ---------------------------------------------------------------------------------------------
# C5 Confidentiality and data protection
# ---------------------------------------------------------------------------------------------

C5_CONFIDENTIALITY = {
    "slug": "confidentiality-and-data-protection",
    "title": {
        "en": "Confidentiality and data protection in case work",
        "ar": "السرية وحماية البيانات في العمل على الحالات",
    },
    "estimated_minutes": 30,
    "body": {
        "en": [
            ("heading", {"text": "Confidentiality protects people", "level": "h2"}),
            (
                "paragraph",
                (
                    "<p>Information about a presumed victim can put them and their family at "
                    "risk if it reaches the trafficker, the employer, the recruiter or their "
                    "community, and it can expose the worker to penalties. Confidentiality is a "
                    "safety measure, not a formality.</p>"
                    "<ul><li>Share case information only with people who need it to protect or "
                    "assist the person, through your organisation's approved channels.</li>"
                    "<li>Explain to the person what will be shared, with whom and why, and seek "
                    "their informed consent. Where there is immediate danger or a legal duty to "
                    "report, tell them honestly that you must pass information on.</li>"
                    "<li>Do not discuss cases in public places, on social media or in group "
                    "chats, and do not photograph people or their documents with a personal "
                    "phone.</li></ul>"
                ),
            ),
            (
                "callout",
                {
                    "kind": "legal",
                    "title": "Personal Data Protection Law",
                    "body": (
                        "<p>The national Personal Data Protection Law, in force since 14 "
                        "September 2023, governs how personal data is processed. It requires a "
                        "lawful basis and notice to the people concerned, gives them rights over "
                        "their data, limits transfers abroad and requires breaches to be "
                        "notified to the competent authority within 72 hours. Case information "
                        "about a presumed victim, such as health, migration status and details "
                        "of abuse, is among the most sensitive data you will handle.</p>"
                    ),
                },
            ),
            (
                "paragraph",
                (
                    "<p><b>Minimum necessary data.</b> Collect only what your role and the "
                    "referral require. A hotline operator needs a safe way to reach the caller "
                    "and the location of any immediate danger, not a full life story. Keep "
                    "records in the official case system, not in personal notebooks or "
                    "messaging apps, and keep them no longer than needed. Lists of the staff who "
                    "work on trafficking cases are sensitive too: do not circulate them.</p>"
                ),
            ),
            (
                "callout",
                {
                    "kind": "warning",
                    "title": "Never paste real case details into Himaya",
                    "body": (
                        "<p>Himaya is a training platform. In answers, notes and questions, do "
                        "not include real names, passport or phone numbers, addresses, employers "
                        "or any detail that could identify a real person or case. Describe "
                        "situations in general terms. Every case in this course is a fictional "
                        "composite.</p>"
                    ),
                },
            ),
        ],
        "ar": [
            ("heading", {"text": "السرية تحمي الناس", "level": "h2"}),
            (
                "paragraph",
                (
                    "<p>قد تتعرض الضحية المفترضة وأسرتها للخطر إذا وصلت المعلومات المتعلقة بها "
                    "إلى المتجر أو صاحب العمل أو وكيل الاستقدام أو مجتمعها، وقد تعرّض هذه "
                    "المعلومات العاملَ للعقوبات. فالسرية تدبير للسلامة وليست إجراءً شكليًا.</p>"
                    "<ul><li>لا تشارك معلومات الحالة إلا مع من يحتاج إليها لحماية الشخص أو "
                    "مساعدته، وعبر القنوات المعتمدة في جهتك.</li>"
                    "<li>اشرح للشخص ما الذي سيُشارَك ومع من ولماذا، واطلب موافقته المستنيرة. "
                    "وإذا كان هناك خطر داهم أو واجب قانوني بالإبلاغ، فأخبره بصدق أنك ملزم "
                    "بنقل المعلومات.</li>"
                    "<li>لا تناقش الحالات في الأماكن العامة أو على وسائل التواصل الاجتماعي أو "
                    "في مجموعات الدردشة، ولا تصوّر الأشخاص أو وثائقهم بهاتفك "
                    "الشخصي.</li></ul>"
                ),
            ),
            (
                "callout",
                {
                    "kind": "legal",
                    "title": "نظام حماية البيانات الشخصية",
                    "body": (
                        "<p>ينظّم نظام حماية البيانات الشخصية الوطني، النافذ منذ 14 سبتمبر "
                        "2023، معالجة البيانات الشخصية. فهو يشترط وجود أساس نظامي للمعالجة "
                        "وإشعار أصحاب البيانات، ويمنحهم حقوقًا على بياناتهم، ويقيّد نقلها إلى "
                        "الخارج، ويوجب إبلاغ الجهة المختصة بأي تسرب خلال 72 ساعة. ومعلومات "
                        "الحالة الخاصة بالضحية المفترضة، كالصحة والوضع النظامي وتفاصيل "
                        "الإساءة، من أشد البيانات التي تتعامل معها حساسية.</p>"
                    ),
                },
            ),
            (
                "paragraph",
                (
                    "<p><b>الحد الأدنى الضروري من البيانات.</b> لا تجمع إلا ما يتطلبه دورك "
                    "والإحالة. فموظف الخط الساخن يحتاج إلى وسيلة آمنة للتواصل مع المتصل وإلى "
                    "موقع أي خطر داهم، لا إلى قصة حياته كاملة. احفظ السجلات في نظام الحالات "
                    "الرسمي، لا في دفاتر شخصية أو تطبيقات المراسلة، ولا تحتفظ بها أطول من "
                    "اللازم. وقوائم الموظفين العاملين على حالات الاتجار حساسة أيضًا، فلا "
                    "تتداولها.</p>"
                ),
            ),
            (
                "callout",
                {
                    "kind": "warning",
                    "title": "لا تُدخل أبدًا تفاصيل حالات حقيقية في منصة حماية",
                    "body": (
                        "<p>منصة حماية منصة تدريبية. لا تُضمّن إجاباتك وملاحظاتك وأسئلتك أسماء "
                        "حقيقية أو أرقام جوازات سفر أو هواتف أو عناوين أو أسماء أصحاب عمل أو أي "
                        "تفصيل قد يكشف هوية شخص أو حالة حقيقية. صِف المواقف بعبارات عامة. وجميع "
                        "الحالات الواردة في هذه الدورة حالات مركّبة متخيلة.</p>"
                    ),
                },
            ),
        ],
    },
}

MODULE_C5 = {
    "slug": "c5-confidentiality-and-data-protection",
    "code": "C5",
    "title": {
        "en": "Confidentiality and data protection",
        "ar": "السرية وحماية البيانات",
    },
    "intro": {
        "en": (
            "Why confidentiality is a safety measure, what the Personal Data Protection Law "
            "requires, and how to keep case data to the minimum necessary."
        ),
        "ar": (
            "لماذا تُعد السرية تدبيرًا للسلامة، وما يقتضيه نظام حماية البيانات الشخصية، وكيف "
            "تقصر بيانات الحالات على الحد الأدنى الضروري."
        ),
    },
    "sectors": [],
    "content_warning": "CW0",
    "lessons": [C5_CONFIDENTIALITY],
}

# ---------------------------------------------------------------------------------------------
# C6 Self-care and vicarious trauma
# ---------------------------------------------------------------------------------------------

C6_SELF_CARE = {
    "slug": "self-care-and-vicarious-trauma",
    "title": {
        "en": "Looking after yourself: vicarious trauma and burnout",
        "ar": "العناية بنفسك: الصدمة غير المباشرة والاحتراق الوظيفي",
    },
    "estimated_minutes": 25,
    "body": {
        "en": [
            ("heading", {"text": "Caring for yourself is part of the job", "level": "h2"}),
            (
                "paragraph",
                (
                    "<p>Listening to accounts of exploitation, often under time pressure, "
                    "affects the people who help. <b>Vicarious trauma</b> is a gradual change in "
                    "how you see yourself, other people and the world that can follow repeated "
                    "exposure to other people's trauma. It is related to, but different from, "
                    "<b>burnout</b> (exhaustion caused by workload and stress) and "
                    "<b>compassion fatigue</b> (a reduced capacity to feel empathy).</p>"
                    "<p>Common signs include:</p>"
                    "<ul><li>intrusive thoughts or images from cases, and trouble "
                    "sleeping;</li>"
                    "<li>irritability, numbness or cynicism, a feeling that nothing helps;</li>"
                    "<li>withdrawing from family and friends;</li>"
                    "<li>overworking, or avoiding certain cases or calls.</li></ul>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p>What helps:</p>"
                    "<ul><li>Set boundaries between work and home, for example a short routine "
                    "that marks the end of the working day.</li>"
                    "<li>Use supervision and peer debriefing after difficult cases, without "
                    "sharing identifying details.</li>"
                    "<li>Look after sleep, movement, food and time with people who support "
                    "you.</li>"
                    "<li>Focus on what you can control, and recognise the difference a good "
                    "referral makes even when you never learn the outcome.</li>"
                    "<li>Seek professional support early: it is a sign of responsibility, not "
                    "of weakness.</li></ul>"
                ),
            ),
            (
                "callout",
                {
                    "kind": "note",
                    "title": "Organisations share the responsibility",
                    "body": (
                        "<p>Managers should provide manageable caseloads, regular supervision, "
                        "debriefing after critical incidents and access to confidential "
                        "psychological support. Self-care is not only an individual task.</p>"
                    ),
                },
            ),
            (
                "callout",
                {
                    "kind": "note",
                    "title": "Take a break from this course",
                    "body": (
                        "<p>If any content in Himaya is distressing, pause. Your progress is "
                        "saved and you can come back later. The support link shown on the "
                        "course pages leads to your organisation's staff-support service.</p>"
                    ),
                },
            ),
        ],
        "ar": [
            ("heading", {"text": "العناية بنفسك جزء من العمل", "level": "h2"}),
            (
                "paragraph",
                (
                    "<p>يؤثر الاستماع إلى روايات الاستغلال، وغالبًا تحت ضغط الوقت، في من "
                    "يقدمون المساعدة. و<b>الصدمة غير المباشرة</b> تغيّر تدريجي في نظرتك إلى "
                    "نفسك وإلى الآخرين وإلى العالم، قد ينتج عن التعرض المتكرر لصدمات الآخرين. "
                    "وهي مرتبطة بـ<b>الاحتراق الوظيفي</b> (الإنهاك الناتج عن عبء العمل "
                    "والضغط) وبـ<b>إجهاد التعاطف</b> (تراجع القدرة على التعاطف)، لكنها تختلف "
                    "عنهما.</p>"
                    "<p>ومن العلامات الشائعة:</p>"
                    "<ul><li>أفكار أو صور متطفلة من الحالات، وصعوبة في النوم؛</li>"
                    "<li>سرعة الانفعال أو التبلد أو التشاؤم، والشعور بأن لا شيء يجدي؛</li>"
                    "<li>الانسحاب من الأسرة والأصدقاء؛</li>"
                    "<li>الإفراط في العمل، أو تجنب حالات أو مكالمات معينة.</li></ul>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p>ما الذي يساعد:</p>"
                    "<ul><li>ضع حدودًا بين العمل والمنزل، كعادة قصيرة تُعلن بها نهاية يوم "
                    "العمل.</li>"
                    "<li>استفد من الإشراف ومن جلسات الاستخلاص مع الزملاء بعد الحالات الصعبة، "
                    "دون مشاركة تفاصيل تكشف الهوية.</li>"
                    "<li>اهتم بنومك وحركتك وغذائك وبالوقت الذي تقضيه مع من يساندونك.</li>"
                    "<li>ركّز على ما يمكنك التحكم فيه، وأدرك الفرق الذي تصنعه الإحالة الجيدة "
                    "حتى لو لم تعرف نتيجتها أبدًا.</li>"
                    "<li>اطلب الدعم المتخصص مبكرًا، فذلك دليل على المسؤولية لا على "
                    "الضعف.</li></ul>"
                ),
            ),
            (
                "callout",
                {
                    "kind": "note",
                    "title": "المسؤولية مشتركة مع الجهات",
                    "body": (
                        "<p>على المديرين توفير أعباء عمل معقولة، وإشراف منتظم، وجلسات استخلاص "
                        "بعد الحوادث الحرجة، وإمكانية الحصول على دعم نفسي سري. فالعناية "
                        "بالذات ليست مهمة فردية فقط.</p>"
                    ),
                },
            ),
            (
                "callout",
                {
                    "kind": "note",
                    "title": "خذ استراحة من هذه الدورة",
                    "body": (
                        "<p>إذا وجدت أي محتوى في منصة حماية مرهقًا فتوقف قليلًا. فتقدّمك "
                        "محفوظ ويمكنك العودة لاحقًا. ويقودك رابط الدعم الظاهر في صفحات "
                        "الدورة إلى خدمة دعم الموظفين في جهتك.</p>"
                    ),
                },
            ),
        ],
    },
}

MODULE_C6 = {
    "slug": "c6-self-care",
    "code": "C6",
    "title": {
        "en": "Self-care and vicarious trauma",
        "ar": "الرعاية الذاتية والصدمة غير المباشرة",
    },
    "intro": {
        "en": (
            "Recognising vicarious trauma and burnout in yourself and your colleagues, and "
            "practical ways to look after yourself and your team."
        ),
        "ar": (
            "التعرف على الصدمة غير المباشرة والاحتراق الوظيفي لديك ولدى زملائك، وطرق عملية "
            "للعناية بنفسك وبفريقك."
        ),
    },
    "sectors": [],
    "content_warning": "CW0",
    "lessons": [C6_SELF_CARE],
}

# ---------------------------------------------------------------------------------------------
# LI Labour inspection
# ---------------------------------------------------------------------------------------------

LI_READING_A_WORKPLACE = {
    "slug": "reading-a-workplace-and-records",
    "title": {
        "en": "Reading a workplace, its accommodation and its records",
        "ar": "قراءة مكان العمل والسكن والسجلات",
    },
    "estimated_minutes": 30,
    "body": {
        "en": [
            ("heading", {"text": "What the site and the housing tell you", "level": "h2"}),
            (
                "paragraph",
                (
                    "<p>During an inspection, observe before you ask. Signs that point beyond a "
                    "labour violation include:</p>"
                    "<ul><li>workers living on site in a group, in overcrowded or degraded "
                    "housing;</li>"
                    "<li>locked doors or gates, or security staff and supervisors who keep "
                    "workers on the premises;</li>"
                    "<li>no proper clothing or protective equipment, and no safety "
                    "notices;</li>"
                    "<li>workers who depend on the employer for transport, food and housing, or "
                    "who pay for their own tools, food or housing;</li>"
                    "<li>fines used as discipline;</li>"
                    "<li>workers who look at a supervisor before answering, or who all give the "
                    "same answer.</li></ul>"
                ),
            ),
            ("heading", {"text": "Records to check", "level": "h3"}),
            (
                "paragraph",
                (
                    "<ul><li><b>Wage protection records</b>: are wages paid in full, on time and "
                    "into an account the worker controls? Look for gaps, identical round sums "
                    "and deductions labelled as fees or advances.</li>"
                    "<li><b>Contracts</b>: compare the contract signed in the country of origin "
                    "with the one used here. A different wage, job or employer suggests "
                    "contract substitution.</li>"
                    "<li><b>Passport custody</b>: who holds the workers' passports and "
                    "residence permits? Ask to see them. A signed 'consent' to keep a passport "
                    "does not show that the worker understood it or agreed freely.</li>"
                    "<li><b>Time and attendance</b>: hours, rest days and overtime.</li>"
                    "<li><b>Absence reports</b>: check whether 'absconding' reports have been "
                    "filed against workers who are in fact still on site.</li></ul>"
                ),
            ),
            (
                "callout",
                {
                    "kind": "note",
                    "title": "Labour violation or forced labour?",
                    "body": (
                        "<p>Record breaches of the labour law as you normally would. When they "
                        "come together with signs that workers cannot leave, such as documents "
                        "held, debts, threats or locked accommodation, treat the workers "
                        "concerned as presumed victims and follow the reporting route.</p>"
                    ),
                },
            ),
        ],
        "ar": [
            ("heading", {"text": "ما يخبرك به الموقع والسكن", "level": "h2"}),
            (
                "paragraph",
                (
                    "<p>أثناء التفتيش، لاحِظ قبل أن تسأل. ومن العلامات التي تشير إلى ما هو "
                    "أبعد من المخالفة العمالية:</p>"
                    "<ul><li>عمال يقيمون في الموقع في مجموعات، في سكن مكتظ أو متدهور؛</li>"
                    "<li>أبواب أو بوابات مقفلة، أو حراس ومشرفون يُبقون العمال داخل "
                    "الموقع؛</li>"
                    "<li>غياب الملابس المناسبة ومعدات الوقاية، وغياب لوحات السلامة؛</li>"
                    "<li>عمال يعتمدون على صاحب العمل في التنقل والطعام والسكن، أو يدفعون ثمن "
                    "أدواتهم أو طعامهم أو سكنهم؛</li>"
                    "<li>استخدام الغرامات وسيلةً للتأديب؛</li>"
                    "<li>عمال ينظرون إلى المشرف قبل الإجابة، أو يقدمون جميعًا الإجابة "
                    "نفسها.</li></ul>"
                ),
            ),
            ("heading", {"text": "السجلات التي ينبغي فحصها", "level": "h3"}),
            (
                "paragraph",
                (
                    "<ul><li><b>سجلات نظام حماية الأجور</b>: هل تُدفع الأجور كاملة وفي موعدها "
                    "وفي حساب يتصرف فيه العامل؟ ابحث عن الفجوات والمبالغ المقرّبة المتطابقة "
                    "والاستقطاعات المسجلة على أنها رسوم أو سُلَف.</li>"
                    "<li><b>العقود</b>: قارن العقد الموقّع في بلد المنشأ بالعقد المعمول به "
                    "هنا. فاختلاف الأجر أو الوظيفة أو صاحب العمل يشير إلى استبدال "
                    "العقد.</li>"
                    "<li><b>حيازة جوازات السفر</b>: من يحتفظ بجوازات سفر العمال وتصاريح "
                    "إقامتهم؟ اطلب الاطلاع عليها. فوجود «موافقة» موقّعة على الاحتفاظ بالجواز "
                    "لا يثبت أن العامل فهمها أو وافق عليها بحرية.</li>"
                    "<li><b>سجلات الدوام</b>: ساعات العمل وأيام الراحة والعمل الإضافي.</li>"
                    "<li><b>بلاغات التغيّب</b>: تحقق مما إذا كانت بلاغات تغيّب قد قُدّمت ضد "
                    "عمال لا يزالون في الواقع في الموقع.</li></ul>"
                ),
            ),
            (
                "callout",
                {
                    "kind": "note",
                    "title": "مخالفة عمالية أم عمل جبري؟",
                    "body": (
                        "<p>سجّل مخالفات نظام العمل كما تفعل عادةً. وحين تقترن بعلامات على أن "
                        "العمال لا يستطيعون المغادرة، كاحتجاز الوثائق أو الديون أو التهديد أو "
                        "السكن المقفل، فتعامل مع العمال المعنيين بوصفهم ضحايا مفترضين واتبع "
                        "مسار الإبلاغ.</p>"
                    ),
                },
            ),
        ],
    },
}

LI_INTERVIEWING = {
    "slug": "interviewing-workers-and-no-tipping-off",
    "title": {
        "en": "Interviewing workers safely and reporting without tipping off",
        "ar": "مقابلة العمال بأمان والإبلاغ دون تنبيه المشتبه بهم",
    },
    "estimated_minutes": 30,
    "body": {
        "en": [
            (
                "content_warning",
                {
                    "level": "CW1",
                    "message": (
                        "This lesson includes a fictional inspection in which workers describe "
                        "threats, held passports and unpaid wages. It contains no descriptions "
                        "of violence."
                    ),
                },
            ),
            ("heading", {"text": "Interviewing workers apart from supervisors", "level": "h2"}),
            (
                "paragraph",
                (
                    "<p>Speak with workers away from employers, supervisors and security staff, "
                    "where they cannot be seen or overheard, and with an independent "
                    "interpreter. Speak briefly with many workers so that the employer cannot "
                    "tell who said what. Start with general questions about the work, pay and "
                    "rest days, and listen for restriction, debt, threats and documents. Keep "
                    "it short, and tell workers how they can contact you safely "
                    "afterwards.</p>"
                ),
            ),
            (
                "case_narrative",
                {
                    "title": "A routine visit to a metal workshop",
                    "narrative": (
                        "<p>An inspector visits a metal workshop as part of a routine "
                        "programme. The manager is helpful and produces wage records that look "
                        "complete. In the yard, the inspector notices a padlocked gate between "
                        "the workshop and a row of containers where the workers sleep.</p>"
                        "<p>With an interpreter, the inspector speaks with several workers one "
                        "by one, away from the office. Kamal, 24, says quietly that the "
                        "workers' passports are 'with the office', that they have not been paid "
                        "for three months and that they were told they still owe the cost of "
                        "their visas. He says a worker who complained last month was reported "
                        "as absconded. He does not know the address of the place where he "
                        "sleeps. Three other workers give the same short answer: 'Everything is "
                        "fine.'</p>"
                    ),
                    "reflection": (
                        "<p>Which facts suggest more than a labour violation? What should the "
                        "inspector say, and not say, to the manager before leaving?</p>"
                    ),
                },
            ),
            (
                "callout",
                {
                    "kind": "warning",
                    "title": "No tipping-off",
                    "body": (
                        "<p>Do not tell the employer, manager or recruiter that you suspect "
                        "trafficking, and do not reveal which workers spoke to you. Complete the "
                        "inspection in the normal way, then report at once through your "
                        "sector's route into the NRM. If workers are in immediate danger, call "
                        "for urgent support before you leave the site. A suspect who has been "
                        "warned can move, threaten or hide victims and destroy evidence.</p>"
                    ),
                },
            ),
        ],
        "ar": [
            (
                "content_warning",
                {
                    "level": "CW1",
                    "message": (
                        "يتضمن هذا الدرس زيارة تفتيشية متخيلة يصف فيها العمال تهديدات واحتجاز "
                        "جوازات السفر وعدم دفع الأجور. ولا يتضمن أي وصف للعنف."
                    ),
                },
            ),
            ("heading", {"text": "مقابلة العمال بمعزل عن المشرفين", "level": "h2"}),
            (
                "paragraph",
                (
                    "<p>تحدّث مع العمال بعيدًا عن أصحاب العمل والمشرفين والحراس، في مكان لا "
                    "يُرون فيه ولا يُسمعون، وبحضور مترجم مستقل. وتحدّث لفترة قصيرة مع عدد "
                    "كبير من العمال حتى لا يعرف صاحب العمل من قال ماذا. ابدأ بأسئلة عامة عن "
                    "العمل والأجر وأيام الراحة، وأصغِ إلى ما يدل على تقييد الحركة أو الدين "
                    "أو التهديد أو الوثائق. اجعل المقابلة قصيرة، وأخبر العمال كيف يمكنهم "
                    "التواصل معك بأمان بعد ذلك.</p>"
                ),
            ),
            (
                "case_narrative",
                {
                    "title": "زيارة روتينية إلى ورشة معادن",
                    "narrative": (
                        "<p>يزور مفتش ورشة معادن ضمن برنامج تفتيش روتيني. ويتعاون المدير معه "
                        "ويقدم سجلات أجور تبدو مكتملة. وفي الفناء يلاحظ المفتش بوابة موصدة "
                        "بقفل بين الورشة وصف من الحاويات ينام فيها العمال.</p>"
                        "<p>يتحدث المفتش، بمساعدة مترجم، مع عدد من العمال كلٍّ على حدة بعيدًا "
                        "عن المكتب. فيقول كمال، البالغ من العمر 24 عامًا، بصوت خافت إن جوازات "
                        "سفر العمال «لدى المكتب»، وإنهم لم يتقاضوا أجورهم منذ ثلاثة أشهر، "
                        "وإنه قيل لهم إنهم لا يزالون مدينين بتكلفة تأشيراتهم. ويذكر أن عاملًا "
                        "اشتكى في الشهر الماضي فقُدّم ضده بلاغ تغيّب. ولا يعرف كمال عنوان "
                        "المكان الذي ينام فيه. أما ثلاثة عمال آخرون فيقدمون الإجابة المقتضبة "
                        "نفسها: «كل شيء على ما يرام».</p>"
                    ),
                    "reflection": (
                        "<p>ما الوقائع التي تشير إلى ما هو أبعد من المخالفة العمالية؟ وما "
                        "الذي ينبغي للمفتش أن يقوله للمدير قبل المغادرة، وما الذي لا ينبغي "
                        "أن يقوله؟</p>"
                    ),
                },
            ),
            (
                "callout",
                {
                    "kind": "warning",
                    "title": "عدم تنبيه المشتبه بهم",
                    "body": (
                        "<p>لا تُخبر صاحب العمل أو المدير أو وكيل الاستقدام بأنك تشتبه في "
                        "وجود اتجار بالأشخاص، ولا تكشف أي العمال تحدثوا إليك. أكمل التفتيش "
                        "بالطريقة المعتادة، ثم أبلغ فورًا عبر مسار قطاعك إلى الآلية الوطنية "
                        "للإحالة. وإذا كان العمال في خطر داهم، فاطلب الدعم العاجل قبل مغادرة "
                        "الموقع. فالمشتبه به الذي نُبّه قد ينقل الضحايا أو يهددهم أو يخفيهم "
                        "ويُتلف الأدلة.</p>"
                    ),
                },
            ),
        ],
    },
}

MODULE_LI = {
    "slug": "li-labour-inspection",
    "code": "LI",
    "title": {
        "en": "Labour inspection: from violation to forced labour",
        "ar": "تفتيش العمل: من المخالفة إلى العمل الجبري",
    },
    "intro": {
        "en": (
            "Reading a workplace and its accommodation, checking records, interviewing workers "
            "apart from supervisors and reporting without tipping off the employer."
        ),
        "ar": (
            "قراءة مكان العمل والسكن، وفحص السجلات، ومقابلة العمال بمعزل عن المشرفين، "
            "والإبلاغ دون تنبيه صاحب العمل."
        ),
    },
    "sectors": ["labour-inspection"],
    "content_warning": "CW1",
    "lessons": [LI_READING_A_WORKPLACE, LI_INTERVIEWING],
}

# ---------------------------------------------------------------------------------------------
# HL Hotlines
# ---------------------------------------------------------------------------------------------

HL_TRIAGE = {
    "slug": "call-triage-and-immediate-danger",
    "title": {
        "en": "Call triage: immediate danger, safety and no promises",
        "ar": "فرز المكالمات: الخطر الداهم والسلامة وعدم تقديم الوعود",
    },
    "estimated_minutes": 35,
    "body": {
        "en": [
            (
                "content_warning",
                {
                    "level": "CW1",
                    "message": (
                        "This lesson includes a fictional hotline call from a worker who "
                        "describes threats, debt and a held passport. It contains no "
                        "descriptions of violence."
                    ),
                },
            ),
            ("heading", {"text": "Triage: safety first", "level": "h2"}),
            (
                "paragraph",
                (
                    "<p>Every call about possible trafficking follows the same order:</p>"
                    "<ol><li><b>Check for immediate danger</b>: is the caller, or anyone else, "
                    "at risk of harm right now? Is it safe for them to talk? Agree what you "
                    "will do if the call is cut off.</li>"
                    "<li><b>If there is immediate danger</b>, get the location first and "
                    "escalate to the emergency services at once, following the hotline's "
                    "protocol.</li>"
                    "<li><b>Sort out the language</b>: bring in an interpreter on the line if "
                    "needed, so that the caller can speak freely.</li>"
                    "<li><b>Listen for indicators</b> with open questions, and collect the "
                    "minimum necessary data: a safe way to reach the caller, where they are, "
                    "and what is happening.</li>"
                    "<li><b>Plan for safety</b> with the caller: when and how they can call "
                    "again, safe times, and what to say if they are overheard.</li>"
                    "<li><b>Escalate and refer</b> through the NRM, and record the call "
                    "factually.</li></ol>"
                ),
            ),
            (
                "case_narrative",
                {
                    "title": "A call from a building site",
                    "narrative": (
                        "<p>On a Friday evening a man calls the hotline speaking Bengali, and "
                        "the operator brings a telephone interpreter onto the line. Rahim, 27, "
                        "says he works on a construction site. He paid a large recruitment fee "
                        "at home with money borrowed from relatives, and on arrival he was told "
                        "that he also owes the employer for his visa and flight. His wage is "
                        "much lower than he was promised, and most of it is deducted for the "
                        "'debt'. His supervisor keeps his passport.</p>"
                        "<p>Rahim is calling from a shared phone behind the accommodation block. "
                        "He says the supervisor threatened to report him as absconded if he "
                        "tried to change employer. He is not injured, but he is afraid that "
                        "someone will see him on the phone.</p>"
                    ),
                    "reflection": (
                        "<p>What should the operator check first, and why? What should the "
                        "operator say if Rahim asks: 'Can you promise that I will get my "
                        "passport back and go home next week?'</p>"
                    ),
                },
            ),
            (
                "callout",
                {
                    "kind": "warning",
                    "title": "No promises",
                    "body": (
                        "<p>Callers often ask for guarantees. Do not promise outcomes that are "
                        "not in your hands, such as the return of documents, payment of wages, "
                        "a change of employer or a date to go home. Explain honestly what the "
                        "hotline will do next and what the mechanism can offer. A broken "
                        "promise destroys trust and can put the caller at risk.</p>"
                    ),
                },
            ),
        ],
        "ar": [
            (
                "content_warning",
                {
                    "level": "CW1",
                    "message": (
                        "يتضمن هذا الدرس مكالمة متخيلة إلى الخط الساخن من عامل يصف تهديدات "
                        "ودينًا واحتجاز جواز سفره. ولا يتضمن أي وصف للعنف."
                    ),
                },
            ),
            ("heading", {"text": "الفرز: السلامة أولًا", "level": "h2"}),
            (
                "paragraph",
                (
                    "<p>تتبع كل مكالمة تتعلق باحتمال الاتجار بالأشخاص الترتيب نفسه:</p>"
                    "<ol><li><b>تحقق من وجود خطر داهم</b>: هل المتصل، أو أي شخص آخر، معرّض "
                    "للأذى الآن؟ هل يستطيع التحدث بأمان؟ اتفق معه على ما ستفعله إذا انقطعت "
                    "المكالمة.</li>"
                    "<li><b>إذا وُجد خطر داهم</b>، فاحصل على الموقع أولًا وصعّد الحالة فورًا "
                    "إلى خدمات الطوارئ وفق بروتوكول الخط الساخن.</li>"
                    "<li><b>حُلّ مسألة اللغة</b>: أشرك مترجمًا في المكالمة عند الحاجة، حتى "
                    "يتمكن المتصل من التحدث بحرية.</li>"
                    "<li><b>أصغِ إلى المؤشرات</b> بأسئلة مفتوحة، واجمع الحد الأدنى الضروري "
                    "من البيانات: وسيلة آمنة للتواصل مع المتصل، ومكان وجوده، وما الذي "
                    "يحدث.</li>"
                    "<li><b>خطّط للسلامة</b> مع المتصل: متى وكيف يمكنه الاتصال مجددًا، "
                    "والأوقات الآمنة، وما يقوله إذا سمعه أحد.</li>"
                    "<li><b>صعّد وأحِل</b> عبر الآلية الوطنية للإحالة، ودوّن المكالمة "
                    "بموضوعية.</li></ol>"
                ),
            ),
            (
                "case_narrative",
                {
                    "title": "مكالمة من موقع بناء",
                    "narrative": (
                        "<p>في مساء يوم جمعة يتصل رجل بالخط الساخن متحدثًا بالبنغالية، فيُشرك "
                        "الموظف مترجمًا هاتفيًا في المكالمة. يقول رحيم، البالغ من العمر 27 "
                        "عامًا، إنه يعمل في موقع بناء. وقد دفع رسوم استقدام كبيرة في بلده "
                        "بأموال اقترضها من أقاربه، وعند وصوله قيل له إنه مدين أيضًا لصاحب "
                        "العمل بتكلفة تأشيرته ورحلته. وأجره أقل بكثير مما وُعد به، ويُقتطع "
                        "معظمه سدادًا لـ«الدين». ويحتفظ المشرف بجواز سفره.</p>"
                        "<p>يتصل رحيم من هاتف مشترك خلف مبنى السكن. ويقول إن المشرف هدده "
                        "بتقديم بلاغ تغيّب ضده إذا حاول تغيير صاحب العمل. وهو غير مصاب، لكنه "
                        "يخشى أن يراه أحد وهو يتحدث في الهاتف.</p>"
                    ),
                    "reflection": (
                        "<p>ما الذي ينبغي للموظف التحقق منه أولًا، ولماذا؟ وماذا ينبغي أن "
                        "يقول إذا سأله رحيم: «هل تعدني بأن أستعيد جواز سفري وأعود إلى بلدي "
                        "الأسبوع المقبل؟»</p>"
                    ),
                },
            ),
            (
                "callout",
                {
                    "kind": "warning",
                    "title": "لا وعود",
                    "body": (
                        "<p>كثيرًا ما يطلب المتصلون ضمانات. لا تَعِد بنتائج ليست بيدك، مثل "
                        "استعادة الوثائق أو دفع الأجور أو تغيير صاحب العمل أو موعد العودة إلى "
                        "الوطن. واشرح بصدق ما سيفعله الخط الساخن بعد ذلك وما يمكن أن تقدمه "
                        "الآلية. فالوعد الذي لا يُوفى به يهدم الثقة وقد يعرّض المتصل "
                        "للخطر.</p>"
                    ),
                },
            ),
        ],
    },
}

MODULE_HL = {
    "slug": "hl-hotline",
    "code": "HL",
    "title": {
        "en": "Hotlines: handling calls about possible trafficking",
        "ar": "الخطوط الساخنة: التعامل مع المكالمات المتعلقة باحتمال الاتجار بالأشخاص",
    },
    "intro": {
        "en": (
            "Triage of calls about possible trafficking: immediate danger first, interpreter "
            "relay, safety planning, minimum necessary data, escalation and no promises."
        ),
        "ar": (
            "فرز المكالمات المتعلقة باحتمال الاتجار بالأشخاص: الخطر الداهم أولًا، والترجمة "
            "عبر مترجم وسيط، وتخطيط السلامة، والحد الأدنى الضروري من البيانات، والتصعيد، وعدم "
            "تقديم الوعود."
        ),
    },
    "sectors": ["hotline"],
    "content_warning": "CW1",
    "lessons": [HL_TRIAGE],
}

# ---------------------------------------------------------------------------------------------
# SH Shelters
# ---------------------------------------------------------------------------------------------

SH_INTAKE = {
    "slug": "intake-consent-and-best-interests",
    "title": {
        "en": "Intake, consent for services and the best interests of the child",
        "ar": "الاستقبال والموافقة على الخدمات ومصلحة الطفل الفضلى",
    },
    "estimated_minutes": 40,
    "body": {
        "en": [
            (
                "content_warning",
                {
                    "level": "CW1",
                    "message": (
                        "This lesson includes a fictional shelter intake of a young domestic "
                        "worker who describes exploitation and isolation. It contains no "
                        "descriptions of violence."
                    ),
                },
            ),
            ("heading", {"text": "The first hours in the shelter", "level": "h2"}),
            (
                "paragraph",
                (
                    "<p>At intake, the first priorities are safety and basic needs: rest, food, "
                    "clothing, medical attention and, where it is safe, contact with family. "
                    "Screen for indicators and urgent health needs, but leave the detailed "
                    "account for later. Then build a care plan with the person, covering "
                    "accommodation, health and psychosocial care, legal aid, interpretation and "
                    "contact with the investigation.</p>"
                    "<ul><li><b>Informed consent for services</b>: explain each service in a "
                    "language the person understands before they agree to it. Consent can be "
                    "refused or withdrawn, and refusing one service does not end access to the "
                    "others.</li>"
                    "<li><b>Confidentiality</b>: the shelter's location and the identity of "
                    "residents are never disclosed without authority.</li>"
                    "<li><b>Preparing victim-witnesses</b>: explain the legal process and "
                    "support the person before and during any interview or hearing.</li>"
                    "<li><b>Return and reintegration</b>: start planning early, based on a risk "
                    "assessment and the person's own wishes.</li></ul>"
                ),
            ),
            (
                "case_narrative",
                {
                    "title": "Sunita arrives at the shelter",
                    "narrative": (
                        "<p>Sunita is brought to the shelter late at night after a labour "
                        "inspection team and the police found her in a house where she worked. "
                        "Her passport, which the employer handed over, says she is 23. Through "
                        "the interpreter she says she is 16 and that an agent in her village "
                        "changed her age so that she could travel. She worked in the house for "
                        "eight months without a day off and was not allowed to call her "
                        "mother.</p>"
                        "<p>Sunita is tired and frightened. She asks whether she will be sent "
                        "to prison because her passport is false, and says she does not want to "
                        "talk to the police tonight.</p>"
                    ),
                    "reflection": (
                        "<p>How should the shelter treat Sunita while her age is unclear? What "
                        "can staff tell her about her fear of being punished, and what should "
                        "they not promise?</p>"
                    ),
                },
            ),
            (
                "callout",
                {
                    "kind": "legal",
                    "title": "The child rule and the best interests of the child",
                    "body": (
                        "<p>Under the Palermo Protocol a child is anyone under 18, and for a "
                        "child the act and the purpose are enough: no means need to be shown. "
                        "International guidance adds that where age is uncertain and there are "
                        "reasons to believe the person is a child, they should be treated as a "
                        "child until their age has been assessed. Every decision about a child, "
                        "including care, interviews and return, is guided by the child's best "
                        "interests, with a guardian appointed and family tracing carried out "
                        "only where it is safe.</p>"
                    ),
                },
            ),
        ],
        "ar": [
            (
                "content_warning",
                {
                    "level": "CW1",
                    "message": (
                        "يتضمن هذا الدرس حالة استقبال متخيلة في دار إيواء لعاملة منزلية صغيرة "
                        "السن تصف الاستغلال والعزلة. ولا يتضمن أي وصف للعنف."
                    ),
                },
            ),
            ("heading", {"text": "الساعات الأولى في دار الإيواء", "level": "h2"}),
            (
                "paragraph",
                (
                    "<p>عند الاستقبال، تأتي السلامة والاحتياجات الأساسية أولًا: الراحة والطعام "
                    "والملبس والرعاية الطبية، والتواصل مع الأسرة حين يكون ذلك آمنًا. افحص "
                    "المؤشرات والاحتياجات الصحية العاجلة، لكن أرجئ الرواية التفصيلية إلى وقت "
                    "لاحق. ثم ضع مع الشخص خطة رعاية تشمل الإيواء والرعاية الصحية والنفسية "
                    "والاجتماعية والمساعدة القانونية والترجمة والتواصل مع جهات التحقيق.</p>"
                    "<ul><li><b>الموافقة المستنيرة على الخدمات</b>: اشرح كل خدمة بلغة يفهمها "
                    "الشخص قبل أن يوافق عليها. ويجوز رفض الموافقة أو سحبها، ورفض خدمة لا ينهي "
                    "الحصول على الخدمات الأخرى.</li>"
                    "<li><b>السرية</b>: لا يُكشف موقع الدار ولا هوية المقيمين فيها أبدًا دون "
                    "تفويض.</li>"
                    "<li><b>تهيئة الضحايا الشهود</b>: اشرح الإجراءات القانونية، وادعم الشخص "
                    "قبل أي مقابلة أو جلسة وأثناءها.</li>"
                    "<li><b>العودة وإعادة الإدماج</b>: ابدأ التخطيط مبكرًا، بناءً على تقييم "
                    "للمخاطر وعلى رغبات الشخص نفسه.</li></ul>"
                ),
            ),
            (
                "case_narrative",
                {
                    "title": "وصول سونيتا إلى دار الإيواء",
                    "narrative": (
                        "<p>تصل سونيتا إلى دار الإيواء في وقت متأخر من الليل، بعد أن وجدها "
                        "فريق تفتيش العمل والشرطة في منزل كانت تعمل فيه. ويذكر جواز سفرها، "
                        "الذي سلّمه صاحب العمل، أن عمرها 23 عامًا. لكنها تقول عبر المترجمة "
                        "إن عمرها 16 عامًا، وإن وكيلًا في قريتها غيّر عمرها حتى تتمكن من "
                        "السفر. وقد عملت في المنزل ثمانية أشهر دون يوم راحة، ولم يُسمح لها "
                        "بالاتصال بأمها.</p>"
                        "<p>سونيتا متعبة وخائفة. وتسأل عمّا إذا كانت ستُسجن لأن جواز سفرها "
                        "مزور، وتقول إنها لا تريد التحدث إلى الشرطة الليلة.</p>"
                    ),
                    "reflection": (
                        "<p>كيف ينبغي للدار أن تعامل سونيتا ما دام عمرها غير واضح؟ وما الذي "
                        "يمكن للموظفين قوله لها بشأن خوفها من العقاب، وما الذي لا ينبغي أن "
                        "يعدوها به؟</p>"
                    ),
                },
            ),
            (
                "callout",
                {
                    "kind": "legal",
                    "title": "قاعدة الطفل ومصلحة الطفل الفضلى",
                    "body": (
                        "<p>وفقًا لبروتوكول باليرمو، الطفل هو كل شخص دون الثامنة عشرة، ويكفي في "
                        "حالته توافر الفعل والغرض دون حاجة إلى إثبات أي وسيلة. وتضيف "
                        "الإرشادات الدولية أنه حين يكون العمر غير مؤكد وتوجد أسباب تدعو إلى "
                        "الاعتقاد بأن الشخص طفل، يُعامل معاملة الطفل إلى أن يُقيَّم عمره. وتسترشد "
                        "كل القرارات المتعلقة بالطفل، بما فيها الرعاية والمقابلات والعودة، "
                        "بمصلحة الطفل الفضلى، مع تعيين وصي عليه، وعدم البحث عن أسرته إلا حين "
                        "يكون ذلك آمنًا.</p>"
                    ),
                },
            ),
        ],
    },
}

MODULE_SH = {
    "slug": "sh-shelter",
    "code": "SH",
    "title": {
        "en": "Shelters: care for presumed victims",
        "ar": "دور الإيواء: رعاية الضحايا المفترضين",
    },
    "intro": {
        "en": (
            "Receiving presumed victims in a shelter: intake screening, needs assessment, "
            "informed consent for services, the best interests of the child, and planning for "
            "return or integration."
        ),
        "ar": (
            "استقبال الضحايا المفترضين في دار الإيواء: الفحص عند الاستقبال، وتقييم "
            "الاحتياجات، والموافقة المستنيرة على الخدمات، ومصلحة الطفل الفضلى، والتخطيط "
            "للعودة أو الإدماج."
        ),
    },
    "sectors": ["shelter"],
    "content_warning": "CW1",
    "lessons": [SH_INTAKE],
}

# ---------------------------------------------------------------------------------------------
# LC Labour committees
# ---------------------------------------------------------------------------------------------

LC_INDICATORS_IN_DISPUTES = {
    "slug": "indicators-in-wage-and-absconding-disputes",
    "title": {
        "en": "Indicators inside wage and 'absconding' disputes",
        "ar": "المؤشرات داخل نزاعات الأجور وبلاغات التغيّب",
    },
    "estimated_minutes": 35,
    "body": {
        "en": [
            (
                "content_warning",
                {
                    "level": "CW1",
                    "message": (
                        "This lesson includes a fictional labour dispute in which workers "
                        "describe being locked in, held documents and threats. It contains no "
                        "descriptions of violence."
                    ),
                },
            ),
            ("heading", {"text": "Looking behind a wage dispute", "level": "h2"}),
            (
                "paragraph",
                (
                    "<p>Labour committees meet workers at the moment they decide to complain, "
                    "often after months without pay. Many disputes are ordinary labour "
                    "violations; some hide forced labour. In every wage or 'absconding' "
                    "dispute, ask:</p>"
                    "<ul><li>Could the worker leave if they wanted to? Who holds the passport "
                    "and the residence permit?</li>"
                    "<li>Is a debt for recruitment fees, the visa or travel being deducted from "
                    "wages?</li>"
                    "<li>Was the contract changed after arrival?</li>"
                    "<li>Did the employer file an 'absconding' report after the worker "
                    "complained or asked for wages?</li>"
                    "<li>Has the worker been threatened with the authorities, deportation or "
                    "harm to their family?</li></ul>"
                ),
            ),
            (
                "case_narrative",
                {
                    "title": "Five months without pay",
                    "narrative": (
                        "<p>Anil and four co-workers bring a claim for five months of unpaid "
                        "wages against the cleaning company that employs them. At the hearing, "
                        "the company's representative says the workers absconded, produces "
                        "absconding reports filed two days after the claim was lodged, and asks "
                        "the committee to dismiss the claim.</p>"
                        "<p>Asked through an interpreter why they left, Anil explains that "
                        "they were housed in a room that was locked at night, that the company "
                        "kept their passports, and that each of them was told he owed a "
                        "recruitment debt equal to a year's wages. They left together after a "
                        "supervisor threatened one of them.</p>"
                    ),
                    "reflection": (
                        "<p>Which indicators appear in the workers' account? Should the "
                        "committee only decide the wage claim, and what weight should it give "
                        "to the absconding reports?</p>"
                    ),
                },
            ),
            (
                "callout",
                {
                    "kind": "legal",
                    "title": "Non-punishment and the duty to refer",
                    "body": (
                        "<p>ILO Protocol P29 and international guidance on trafficking call for "
                        "presumed victims not to be punished for acts they were compelled to "
                        "commit as a direct consequence of their exploitation, such as leaving "
                        "an employer, overstaying or working without a valid permit. Under the "
                        "national Anti-Trafficking in Persons Law of 2009, anyone aware of a "
                        "trafficking offence must report it. When indicators appear in a "
                        "dispute, refer the matter to the Public Prosecution through the "
                        "reporting route, and do not treat an 'absconding' report as grounds to "
                        "penalise the worker.</p>"
                    ),
                },
            ),
            (
                "callout",
                {
                    "kind": "note",
                    "title": "The wage claim still matters",
                    "body": (
                        "<p>A referral does not take away the worker's right to their wages. "
                        "Deciding back pay and end-of-service benefits can be part of "
                        "protection and of a durable solution. Coordinate with the prosecution "
                        "so that the two proceedings do not harm the worker.</p>"
                    ),
                },
            ),
        ],
        "ar": [
            (
                "content_warning",
                {
                    "level": "CW1",
                    "message": (
                        "يتضمن هذا الدرس نزاعًا عماليًا متخيلًا يصف فيه العمال حبسهم في "
                        "مسكنهم واحتجاز وثائقهم وتهديدهم. ولا يتضمن أي وصف للعنف."
                    ),
                },
            ),
            ("heading", {"text": "ما وراء نزاع الأجور", "level": "h2"}),
            (
                "paragraph",
                (
                    "<p>تلتقي اللجان العمالية بالعمال في اللحظة التي يقررون فيها الشكوى، "
                    "وغالبًا بعد أشهر دون أجر. وكثير من النزاعات مخالفات عمالية عادية، لكن "
                    "بعضها يخفي عملًا جبريًا. لذا اسأل في كل نزاع يتعلق بالأجور أو بالتغيّب "
                    "عن العمل:</p>"
                    "<ul><li>هل كان بإمكان العامل المغادرة لو أراد؟ ومن يحتفظ بجواز السفر "
                    "وتصريح الإقامة؟</li>"
                    "<li>هل يُقتطع من الأجر دين مقابل رسوم الاستقدام أو التأشيرة أو "
                    "السفر؟</li>"
                    "<li>هل تغيّر العقد بعد الوصول؟</li>"
                    "<li>هل قدّم صاحب العمل بلاغ تغيّب بعد أن اشتكى العامل أو طالب "
                    "بأجره؟</li>"
                    "<li>هل هُدّد العامل بالسلطات أو بالترحيل أو بإيذاء أسرته؟</li></ul>"
                ),
            ),
            (
                "case_narrative",
                {
                    "title": "خمسة أشهر بلا أجر",
                    "narrative": (
                        "<p>يرفع أنيل وأربعة من زملائه دعوى للمطالبة بأجور خمسة أشهر غير "
                        "مدفوعة ضد شركة التنظيف التي توظفهم. وفي الجلسة يقول ممثل الشركة إن "
                        "العمال تغيّبوا عن العمل، ويقدم بلاغات تغيّب قُدّمت بعد يومين من "
                        "رفع الدعوى، ويطلب من اللجنة رفضها.</p>"
                        "<p>وعندما يُسأل أنيل عبر مترجم عن سبب مغادرتهم، يوضح أنهم كانوا "
                        "يسكنون في غرفة تُقفل ليلًا، وأن الشركة احتفظت بجوازات سفرهم، وأن كلًّا "
                        "منهم قيل له إنه مدين بدين استقدام يعادل أجر سنة كاملة. وقد غادروا "
                        "معًا بعد أن هدد أحد المشرفين واحدًا منهم.</p>"
                    ),
                    "reflection": (
                        "<p>ما المؤشرات التي تظهر في رواية العمال؟ وهل ينبغي للجنة أن تكتفي "
                        "بالفصل في المطالبة بالأجور، وما الوزن الذي ينبغي أن تعطيه لبلاغات "
                        "التغيّب؟</p>"
                    ),
                },
            ),
            (
                "callout",
                {
                    "kind": "legal",
                    "title": "عدم المعاقبة وواجب الإحالة",
                    "body": (
                        "<p>يدعو بروتوكول منظمة العمل الدولية P29 والإرشادات الدولية بشأن "
                        "الاتجار بالأشخاص إلى عدم معاقبة الضحايا المفترضين على أفعال أُرغموا "
                        "على ارتكابها نتيجةً مباشرة لاستغلالهم، مثل ترك صاحب العمل أو تجاوز "
                        "مدة الإقامة أو العمل دون تصريح سارٍ. وبموجب نظام مكافحة جرائم الاتجار "
                        "بالأشخاص لعام 2009، على كل من علم بجريمة اتجار أن يبلغ عنها. فإذا ظهرت "
                        "المؤشرات في نزاع، فأحِل الأمر إلى النيابة العامة عبر مسار الإبلاغ، "
                        "ولا تتخذ من بلاغ التغيّب سببًا لمعاقبة العامل.</p>"
                    ),
                },
            ),
            (
                "callout",
                {
                    "kind": "note",
                    "title": "المطالبة بالأجور تظل مهمة",
                    "body": (
                        "<p>الإحالة لا تُسقط حق العامل في أجوره. فالفصل في الأجور المتأخرة "
                        "ومكافأة نهاية الخدمة قد يكون جزءًا من الحماية ومن الحل المستدام. "
                        "نسّق مع النيابة العامة حتى لا يُلحق أيٌّ من الإجراءين ضررًا "
                        "بالعامل.</p>"
                    ),
                },
            ),
        ],
    },
}

MODULE_LC = {
    "slug": "lc-labour-committee",
    "code": "LC",
    "title": {
        "en": "Labour committees: forced labour behind a dispute",
        "ar": "اللجان العمالية: العمل الجبري وراء النزاع",
    },
    "intro": {
        "en": (
            "Recognising indicators of forced labour inside wage and 'absconding' disputes, "
            "applying non-punishment and referring to the Public Prosecution."
        ),
        "ar": (
            "التعرف على مؤشرات العمل الجبري داخل نزاعات الأجور وبلاغات التغيّب، وتطبيق مبدأ "
            "عدم المعاقبة، والإحالة إلى النيابة العامة."
        ),
    },
    "sectors": ["labour-committee"],
    "content_warning": "CW1",
    "lessons": [LC_INDICATORS_IN_DISPUTES],
}

# ---------------------------------------------------------------------------------------------
# JD Labour courts
# ---------------------------------------------------------------------------------------------

JD_EVIDENCE = {
    "slug": "evidence-consent-and-non-punishment",
    "title": {
        "en": "Evidence, consent and non-punishment in the labour court",
        "ar": "الإثبات والموافقة وعدم المعاقبة أمام المحكمة العمالية",
    },
    "estimated_minutes": 35,
    "body": {
        "en": [
            (
                "content_warning",
                {
                    "level": "CW1",
                    "message": (
                        "This lesson includes a fictional court case in which a worker describes "
                        "coercion, a held passport and unpaid wages. It contains no descriptions "
                        "of violence."
                    ),
                },
            ),
            ("heading", {"text": "Trafficking indicators in the courtroom", "level": "h2"}),
            (
                "paragraph",
                (
                    "<p>A labour court judge may be the first official to hear a full account "
                    "of forced labour. Such cases raise particular evidential issues:</p>"
                    "<ul><li><b>Consent</b>: a signed contract, a passport-custody form or a "
                    "statement that the worker agreed does not weigh against the worker once "
                    "coercion, deception or abuse of vulnerability is shown.</li>"
                    "<li><b>Coercion that leaves no marks</b>: the absence of locks or injuries "
                    "does not mean the worker was free. Debt, held documents and the threat of "
                    "an 'absconding' report can be the means of control.</li>"
                    "<li><b>Credibility</b>: gaps, changes and late disclosure are common "
                    "effects of trauma and fear, and are not in themselves reasons to disbelieve "
                    "a witness.</li>"
                    "<li><b>Corroboration</b>: wage protection records, the original and the "
                    "substituted contract, the date an absconding report was filed and "
                    "messages can all support the worker's account.</li>"
                    "<li><b>Fair participation</b>: a qualified, independent interpreter, and "
                    "measures that spare the worker from facing the employer in an intimidating "
                    "way.</li></ul>"
                ),
            ),
            (
                "case_narrative",
                {
                    "title": "A claim for recruitment costs",
                    "narrative": (
                        "<p>A restaurant owner sues Arjun, a cook, for breach of contract and "
                        "claims the cost of his recruitment and visa because Arjun left before "
                        "his contract ended. Arjun appears without a lawyer. Through an "
                        "interpreter, he says he was hired as a cook but was made to work "
                        "sixteen hours a day, seven days a week, also cleaning and making "
                        "deliveries. The owner kept his passport, paid him for only four of the "
                        "last ten months, and told him he could not leave until he had repaid "
                        "his visa.</p>"
                        "<p>The owner's file includes a document, signed by Arjun in a language "
                        "he cannot read, stating that the employer may keep his passport.</p>"
                    ),
                    "reflection": (
                        "<p>What weight should the court give to the signed document? Which "
                        "steps are open to the court before it decides the claim?</p>"
                    ),
                },
            ),
            (
                "callout",
                {
                    "kind": "legal",
                    "title": "Consent under the Palermo Protocol and the national law",
                    "body": (
                        "<p>Both the Palermo Protocol and the national Anti-Trafficking in "
                        "Persons Law of 2009 make a victim's consent irrelevant once a means "
                        "such as deception, coercion or abuse of vulnerability has been used. "
                        "Where the evidence discloses indicators of trafficking, the court "
                        "should refer the matter to the Public Prosecution, avoid any order "
                        "that penalises the worker for conduct linked to the exploitation, and "
                        "consider whether claims against the worker, such as the recovery of "
                        "recruitment costs, are themselves part of the exploitation.</p>"
                    ),
                },
            ),
        ],
        "ar": [
            (
                "content_warning",
                {
                    "level": "CW1",
                    "message": (
                        "يتضمن هذا الدرس قضية متخيلة يصف فيها عامل الإكراه واحتجاز جواز سفره "
                        "وعدم دفع أجوره. ولا يتضمن أي وصف للعنف."
                    ),
                },
            ),
            ("heading", {"text": "مؤشرات الاتجار بالأشخاص في قاعة المحكمة", "level": "h2"}),
            (
                "paragraph",
                (
                    "<p>قد يكون قاضي المحكمة العمالية أول مسؤول يستمع إلى رواية كاملة عن عمل "
                    "جبري. وتثير هذه القضايا مسائل إثبات خاصة:</p>"
                    "<ul><li><b>الموافقة</b>: لا يُحتج على العامل بعقد موقّع أو نموذج للاحتفاظ "
                    "بجواز السفر أو إفادة بأنه وافق، متى ثبت الإكراه أو الخداع أو استغلال "
                    "حالة الاستضعاف.</li>"
                    "<li><b>إكراه لا يترك أثرًا</b>: غياب الأقفال أو الإصابات لا يعني أن "
                    "العامل كان حرًا. فالدين واحتجاز الوثائق والتهديد ببلاغ تغيّب قد تكون "
                    "وسائل السيطرة.</li>"
                    "<li><b>المصداقية</b>: الثغرات وتغيّر التفاصيل والإفصاح المتأخر آثار "
                    "شائعة للصدمة والخوف، وليست في حد ذاتها سببًا لعدم تصديق الشاهد.</li>"
                    "<li><b>القرائن المعززة</b>: سجلات نظام حماية الأجور، والعقد الأصلي "
                    "والعقد البديل، وتاريخ تقديم بلاغ التغيّب، والرسائل، كلها قد تدعم رواية "
                    "العامل.</li>"
                    "<li><b>المشاركة العادلة</b>: مترجم مؤهل ومستقل، وتدابير تجنّب العامل "
                    "مواجهة صاحب العمل على نحو يُرهبه.</li></ul>"
                ),
            ),
            (
                "case_narrative",
                {
                    "title": "مطالبة بتكاليف الاستقدام",
                    "narrative": (
                        "<p>يقاضي صاحب مطعم أرجون، وهو طاهٍ، بدعوى الإخلال بالعقد، ويطالبه "
                        "بتكلفة استقدامه وتأشيرته لأنه غادر قبل انتهاء عقده. ويحضر أرجون دون "
                        "محامٍ، ويقول عبر مترجم إنه استُقدم للعمل طاهيًا، لكنه أُجبر على "
                        "العمل ست عشرة ساعة يوميًا طوال أيام الأسبوع، وعلى التنظيف وتوصيل "
                        "الطلبات أيضًا. وقد احتفظ صاحب المطعم بجواز سفره، ولم يدفع له أجره "
                        "إلا عن أربعة من الأشهر العشرة الأخيرة، وقال له إنه لا يستطيع "
                        "المغادرة حتى يسدد تكلفة تأشيرته.</p>"
                        "<p>ويتضمن ملف صاحب المطعم مستندًا وقّعه أرجون بلغة لا يستطيع قراءتها، "
                        "ينص على أن لصاحب العمل الاحتفاظ بجواز سفره.</p>"
                    ),
                    "reflection": (
                        "<p>ما الوزن الذي ينبغي أن تعطيه المحكمة للمستند الموقّع؟ وما "
                        "الخطوات المتاحة للمحكمة قبل الفصل في الدعوى؟</p>"
                    ),
                },
            ),
            (
                "callout",
                {
                    "kind": "legal",
                    "title": "الموافقة في بروتوكول باليرمو والنظام الوطني",
                    "body": (
                        "<p>يقضي كل من بروتوكول باليرمو ونظام مكافحة جرائم الاتجار بالأشخاص "
                        "لعام 2009 بأنه لا عبرة بموافقة الضحية متى استُخدمت وسيلة كالخداع أو "
                        "الإكراه أو استغلال حالة الاستضعاف. وإذا كشفت الأدلة عن مؤشرات "
                        "اتجار بالأشخاص، فينبغي للمحكمة أن تحيل الأمر إلى النيابة العامة، وأن "
                        "تتجنب أي حكم يعاقب العامل على سلوك مرتبط باستغلاله، وأن تنظر فيما "
                        "إذا كانت المطالبات الموجهة ضد العامل، كاسترداد تكاليف الاستقدام، هي "
                        "نفسها جزءًا من الاستغلال.</p>"
                    ),
                },
            ),
        ],
    },
}

MODULE_JD = {
    "slug": "jd-labour-court",
    "code": "JD",
    "title": {
        "en": "Labour courts: trafficking indicators in proceedings",
        "ar": "المحاكم العمالية: مؤشرات الاتجار بالأشخاص في الدعاوى",
    },
    "intro": {
        "en": (
            "Trafficking indicators in labour court proceedings: consent, coercion that leaves "
            "no marks, credibility and corroboration, non-punishment and referral."
        ),
        "ar": (
            "مؤشرات الاتجار بالأشخاص في دعاوى المحاكم العمالية: الموافقة، والإكراه الذي لا "
            "يترك أثرًا، والمصداقية والقرائن المعززة، وعدم المعاقبة، والإحالة."
        ),
    },
    "sectors": ["labour-court"],
    "content_warning": "CW1",
    "lessons": [JD_EVIDENCE],
}

# ---------------------------------------------------------------------------------------------
# CSO Civil society
# ---------------------------------------------------------------------------------------------

CSO_OUTREACH = {
    "slug": "outreach-referral-and-ethical-storytelling",
    "title": {
        "en": "Outreach, safe referral, accompaniment and ethical storytelling",
        "ar": "التواصل الميداني والإحالة الآمنة والمرافقة ورواية القصص الأخلاقية",
    },
    "estimated_minutes": 35,
    "body": {
        "en": [
            (
                "content_warning",
                {
                    "level": "CW1",
                    "message": (
                        "This lesson includes a fictional case of a domestic worker whose "
                        "documents are held and whose wages are withheld. It contains no "
                        "descriptions of violence."
                    ),
                },
            ),
            ("heading", {"text": "Reaching people who cannot reach you", "level": "h2"}),
            (
                "paragraph",
                (
                    "<p>Civil-society organisations are often trusted by migrant communities "
                    "and can reach people whom official services do not see: domestic workers, "
                    "workers on remote sites, people without valid documents.</p>"
                    "<ul><li><b>Outreach</b>: share information on rights and on how to get "
                    "help, in workers' own languages and in places they can safely go. Avoid "
                    "materials that could put a worker at risk if an employer finds them.</li>"
                    "<li><b>Safe referral</b>: know the NRM route and the contacts of your "
                    "regional sub-unit before you need them. With the person's informed "
                    "consent, pass on the minimum necessary information and check that the "
                    "referral was received.</li>"
                    "<li><b>Accompaniment</b>: if the person wishes, go with them to "
                    "interviews, medical appointments or hearings, explain what is happening "
                    "and help them be heard. Stay alongside survivors through return or "
                    "integration (NRM-6).</li></ul>"
                ),
            ),
            (
                "case_narrative",
                {
                    "title": "Dewi's referral and a donor's request",
                    "narrative": (
                        "<p>At a community event, Dewi, 29, tells an outreach worker that her "
                        "employer has taken her phone and passport and that she has not been "
                        "paid for six months. She was recruited to work in a shop, but on "
                        "arrival she was sent to work in a private house for a different "
                        "employer. She is allowed out only for this event, with the employer's "
                        "family.</p>"
                        "<p>The organisation agrees with Dewi on a safe way to stay in touch "
                        "and, with her consent, refers her to the NRM. A social worker goes "
                        "with her to her first interview. Months later, a donor asks the "
                        "organisation for a photograph of Dewi and her full story for a "
                        "fundraising campaign.</p>"
                    ),
                    "reflection": (
                        "<p>What made the referral safe? How should the organisation answer "
                        "the donor, and what would ethical storytelling look like here?</p>"
                    ),
                },
            ),
            (
                "callout",
                {
                    "kind": "note",
                    "title": "Ethical storytelling",
                    "body": (
                        "<p>Survivors own their stories. Share a story only with the survivor's "
                        "informed and freely given consent, which they can withdraw, and "
                        "explain where it will appear and who will see it. Never publish names, "
                        "faces, workplaces or details that could identify the person; prefer "
                        "anonymised or composite accounts. Avoid sensational images and "
                        "language, never make support depend on agreeing to tell a story, and "
                        "use words that show strength and agency.</p>"
                    ),
                },
            ),
        ],
        "ar": [
            (
                "content_warning",
                {
                    "level": "CW1",
                    "message": (
                        "يتضمن هذا الدرس حالة متخيلة لعاملة منزلية محتجزة وثائقها ومحجوبة "
                        "أجورها. ولا يتضمن أي وصف للعنف."
                    ),
                },
            ),
            ("heading", {"text": "الوصول إلى من لا يستطيعون الوصول إليك", "level": "h2"}),
            (
                "paragraph",
                (
                    "<p>كثيرًا ما تحظى منظمات المجتمع المدني بثقة مجتمعات المهاجرين، وتستطيع "
                    "الوصول إلى من لا تراهم الخدمات الرسمية: العمال المنزليون، والعاملون في "
                    "المواقع النائية، ومن لا يحملون وثائق سارية.</p>"
                    "<ul><li><b>التواصل الميداني</b>: انشر المعلومات عن الحقوق وعن طرق طلب "
                    "المساعدة بلغات العمال أنفسهم، وفي أماكن يمكنهم الذهاب إليها بأمان. وتجنّب "
                    "المواد التي قد تعرّض العامل للخطر إذا عثر عليها صاحب العمل.</li>"
                    "<li><b>الإحالة الآمنة</b>: اعرف مسار الآلية الوطنية للإحالة وجهات "
                    "الاتصال في الوحدة الفرعية لمنطقتك قبل أن تحتاج إليها. وبموافقة الشخص "
                    "المستنيرة، انقل الحد الأدنى الضروري من المعلومات وتأكد من استلام "
                    "الإحالة.</li>"
                    "<li><b>المرافقة</b>: إذا رغب الشخص، فرافقه إلى المقابلات والمواعيد "
                    "الطبية والجلسات، واشرح له ما يجري، وساعده على إيصال صوته. وابقَ إلى "
                    "جانب الناجين خلال العودة أو الإدماج (NRM-6).</li></ul>"
                ),
            ),
            (
                "case_narrative",
                {
                    "title": "إحالة ديوي وطلب من جهة مانحة",
                    "narrative": (
                        "<p>في فعالية مجتمعية، تخبر ديوي، البالغة من العمر 29 عامًا، إحدى "
                        "العاملات الميدانيات بأن صاحب العمل أخذ هاتفها وجواز سفرها، وأنها لم "
                        "تتقاضَ أجرها منذ ستة أشهر. وقد استُقدمت للعمل في متجر، لكنها أُرسلت "
                        "عند وصولها للعمل في منزل خاص لدى صاحب عمل آخر. ولا يُسمح لها بالخروج "
                        "إلا لحضور هذه الفعالية، برفقة أسرة صاحب العمل.</p>"
                        "<p>تتفق المنظمة مع ديوي على وسيلة آمنة للبقاء على تواصل، وتحيلها "
                        "بموافقتها إلى الآلية الوطنية للإحالة. وترافقها أخصائية اجتماعية إلى "
                        "مقابلتها الأولى. وبعد أشهر، تطلب جهة مانحة من المنظمة صورة لديوي "
                        "وقصتها كاملة لاستخدامهما في حملة لجمع التبرعات.</p>"
                    ),
                    "reflection": (
                        "<p>ما الذي جعل الإحالة آمنة؟ وكيف ينبغي للمنظمة أن ترد على الجهة "
                        "المانحة، وكيف تبدو رواية القصص الأخلاقية في هذه الحالة؟</p>"
                    ),
                },
            ),
            (
                "callout",
                {
                    "kind": "note",
                    "title": "رواية القصص الأخلاقية",
                    "body": (
                        "<p>الناجون هم أصحاب قصصهم. لا تنشر قصة إلا بموافقة الناجي المستنيرة "
                        "والحرة، التي يحق له سحبها، واشرح له أين ستُنشر ومن سيطّلع عليها. ولا "
                        "تنشر أبدًا الأسماء أو الوجوه أو أماكن العمل أو أي تفاصيل قد تكشف "
                        "هويته، وفضّل الروايات مجهولة الهوية أو المركّبة. وتجنّب الصور "
                        "والعبارات المثيرة، ولا تجعل الدعم مشروطًا أبدًا بالموافقة على رواية "
                        "القصة، واستخدم كلمات تُظهر قوة الناجين وقدرتهم على الفعل.</p>"
                    ),
                },
            ),
        ],
    },
}

MODULE_CSO = {
    "slug": "cso-civil-society",
    "code": "CSO",
    "title": {
        "en": "Civil society: outreach, referral and accompaniment",
        "ar": "المجتمع المدني: التواصل الميداني والإحالة والمرافقة",
    },
    "intro": {
        "en": (
            "Outreach to hidden groups, safe referral into the National Referral Mechanism, "
            "accompaniment of survivors and ethical storytelling."
        ),
        "ar": (
            "التواصل الميداني مع الفئات المخفية، والإحالة الآمنة إلى الآلية الوطنية للإحالة، "
            "ومرافقة الناجين، ورواية القصص الأخلاقية."
        ),
    },
    "sectors": ["civil-society"],
    "content_warning": "CW1",
    "lessons": [CSO_OUTREACH],
}

# ---------------------------------------------------------------------------------------------
# The course
# ---------------------------------------------------------------------------------------------

COURSE = {
    "slug": "identifying-and-referring-victims",
    "code": "VOT-101",
    "title": {
        "en": "Identifying and referring victims of trafficking",
        "ar": "التعرف على ضحايا الاتجار بالأشخاص وإحالتهم",
    },
    "summary": {
        "en": (
            "<p>The core course of the Himaya programme for frontline workers who may meet "
            "victims of trafficking: labour inspectors, hotline operators, shelter staff, labour "
            "committees, labour courts and civil-society organisations.</p>"
            "<p>Six core modules cover concepts and law, indicators, the National Referral "
            "Mechanism, trauma-informed communication, confidentiality and self-care. A role "
            "module for your sector then puts them into practice. All cases are fictional "
            "composites; lessons that mention abuse open with a content warning, and you can "
            "take a break at any time.</p>"
        ),
        "ar": (
            "<p>الدورة الأساسية في برنامج حماية للعاملين في الخطوط الأمامية الذين قد يلتقون "
            "بضحايا الاتجار بالأشخاص: مفتشو العمل، وموظفو الخطوط الساخنة، والعاملون في دور "
            "الإيواء، واللجان العمالية، والمحاكم العمالية، ومنظمات المجتمع المدني.</p>"
            "<p>تتناول ست وحدات أساسية المفاهيم والإطار القانوني، والمؤشرات، والآلية الوطنية "
            "للإحالة، والتواصل المراعي للصدمات، والسرية، والرعاية الذاتية. ثم تضع وحدة خاصة "
            "بدور قطاعك ذلك موضع التطبيق. وجميع الحالات مركّبة ومتخيلة، وتبدأ الدروس التي "
            "تذكر الإساءة بتنبيه بشأن المحتوى، ويمكنك أخذ استراحة في أي وقت.</p>"
        ),
    },
    "estimated_hours": 8,
    "content_warning": "CW1",
    "modules": [
        MODULE_C1,
        MODULE_C2,
        MODULE_C3,
        MODULE_C4,
        MODULE_C5,
        MODULE_C6,
        MODULE_LI,
        MODULE_HL,
        MODULE_SH,
        MODULE_LC,
        MODULE_JD,
        MODULE_CSO,
    ],
}
