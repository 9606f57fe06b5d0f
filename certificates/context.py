"""What a certificate prints, frozen at issue: :class:`CertificateContext`, and the default
template's text. Light on purpose: issuing a certificate (inside a trainee's submit) builds a
context and queues the rendering; only the task worker, which renders, imports
:mod:`certificates.rendering` and with it xhtml2pdf and reportlab (about 0.6 s on a warm machine,
1.45 s measured under an exam rush).
"""

from __future__ import annotations

import dataclasses
import datetime
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# What certificates issued before the programme's names were frozen in their context printed; a
# context without them (from_dict) gets these. New certificates take the admin's settings.
PROGRAMME_BEFORE_SETTINGS = {
    "programme_name_en": "Himaya",
    "programme_name_ar": "حماية",
    "programme_full_name_en": (
        "National programme for identifying and referring victims of trafficking"
    ),
    "programme_full_name_ar": "البرنامج الوطني للتعرف على ضحايا الاتجار بالأشخاص وإحالتهم",
}

KINDS = {
    "completion": ("Certificate of completion", "شهادة إتمام"),
    "competency": ("Certificate of competency", "شهادة كفاءة"),
}

# The default certificate, certificates/pdf/default.html beside the other templates. Two mirrored
# columns, English on the left and Arabic on the right, under one header, with the verification
# block between the two signatures; each block in an @frame of its own (no tables, no static
# frames: issue 14). Every Arabic text sits in a block of its own with dir="rtl", and codes,
# serials and URLs are never inside an Arabic sentence. It is the text a new default
# CertificateTemplate starts from, rendered by the same bare engine as a template edited in the
# admin, so it is read as text, not loaded through Django's template loaders (which would give it
# the project's tags and filters).
DEFAULT_TEMPLATE_PATH = (
    Path(__file__).parent / "templates" / "certificates" / "pdf" / "default.html"
)
DEFAULT_TEMPLATE = DEFAULT_TEMPLATE_PATH.read_text(encoding="utf-8")


@dataclass(frozen=True)
class CertificateContext:
    """Everything a certificate prints, frozen when it is issued."""

    serial: str
    verification_code: str
    verification_url: str
    kind: str
    holder_name_en: str
    holder_name_ar: str
    course_title_en: str
    course_title_ar: str
    course_code: str
    sector_en: str
    sector_ar: str
    organisation_en: str
    organisation_ar: str
    hours: str
    issued_on: datetime.date
    expires_on: datetime.date | None
    signatory_name_en: str
    signatory_name_ar: str
    signatory_title_en: str
    signatory_title_ar: str
    template_version: str
    programme_name_en: str = PROGRAMME_BEFORE_SETTINGS["programme_name_en"]
    programme_name_ar: str = PROGRAMME_BEFORE_SETTINGS["programme_name_ar"]
    programme_full_name_en: str = PROGRAMME_BEFORE_SETTINGS["programme_full_name_en"]
    programme_full_name_ar: str = PROGRAMME_BEFORE_SETTINGS["programme_full_name_ar"]

    def __post_init__(self):
        # A model's TextChoices member arrives here as often as a plain string; keep the string.
        object.__setattr__(self, "kind", str(getattr(self.kind, "value", self.kind)))
        if self.kind not in KINDS:
            expected = " or ".join(KINDS)
            raise ValueError(f"Unknown certificate kind {self.kind!r}; expected {expected}.")

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready: the dates as ISO strings, everything else as it is."""
        data = dataclasses.asdict(self)
        data["issued_on"] = self.issued_on.isoformat()
        data["expires_on"] = self.expires_on.isoformat() if self.expires_on else None
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> CertificateContext:
        """The inverse of :meth:`as_dict`. Keys this version does not know are ignored; a field
        with a default (added after certificates were first issued) may be absent."""
        fields = dataclasses.fields(cls)
        required = {field.name for field in fields if field.default is dataclasses.MISSING}
        missing = sorted(required - data.keys())
        if missing:
            raise ValueError(f"Certificate context is missing {', '.join(missing)}.")
        values = {field.name: data[field.name] for field in fields if field.name in data}
        values["issued_on"] = _as_date(values["issued_on"])
        values["expires_on"] = _as_date(values["expires_on"]) if values["expires_on"] else None
        return cls(**values)


def _as_date(value: datetime.date | str) -> datetime.date:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    return datetime.date.fromisoformat(value)


def sample_context() -> CertificateContext:
    """A fictional certificate, for validating templates and for the admin's live preview."""
    return CertificateContext(
        serial="HMY-2025-000123",
        verification_code="7KQF3M2XRA9DHT4P",
        verification_url="https://himaya.example.org/certificates/verify/7KQF3M2XRA9DHT4P/",
        kind="completion",
        holder_name_en="Sara Al-Zahrani",
        holder_name_ar="سارة الزهراني",
        course_title_en="Identifying and referring victims of trafficking",
        course_title_ar="التعرف على ضحايا الاتجار بالأشخاص وإحالتهم",
        course_code="VOT-101",
        sector_en="Labour inspection",
        sector_ar="التفتيش العمالي",
        organisation_en="Riyadh Labour Inspection Office",
        organisation_ar="مكتب التفتيش العمالي بالرياض",
        hours="7.5",
        issued_on=datetime.date(2025, 3, 15),
        expires_on=datetime.date(2028, 3, 14),
        signatory_name_en="Dr. Huda Al-Qahtani",
        signatory_name_ar="د. هدى القحطاني",
        signatory_title_en="Programme Director",
        signatory_title_ar="مديرة البرنامج",
        template_version="1",
    )
