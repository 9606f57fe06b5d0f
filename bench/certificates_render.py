"""How fast certificates render: N bilingual PDFs with the default template, one process.

    cd /work/main && DJANGO_SETTINGS_MODULE=lms.settings.test \
        .venv/bin/python bench/certificates_render.py [N]

Prints PDFs per second, the mean and slowest render and the mean size. Each certificate has its
own serial, code, name and date, so every QR code and every text run is drawn afresh. No
database is touched.

    cd /work/main && .venv/bin/python bench/certificates_render.py --ratio [N]

The ratio of issue 14 (as `bench/pages.py --only certificates`): the default certificate against
raw xhtml2pdf of `bench/pages.py`'s minimal bilingual page in Amiri, but the two interleaved, one
of each in turn, so that a change in the machine's load falls on both alike; the ratio of PDFs
per second by wall clock and by CPU time (this process's), and the load average. Run it from the
repository root: raw xhtml2pdf reads only files under the working directory, and elsewhere draws
that page in Helvetica (checked: it stops).
"""

from __future__ import annotations

import dataclasses
import datetime
import io
import json
import os
import statistics
import sys
import time
from pathlib import Path

import django

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.test")

django.setup()

from certificates.rendering import render_pdf, sample_context  # noqa: E402

CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def contexts(count: int):
    base = sample_context()
    for number in range(count):
        code = "".join(CROCKFORD[(number * 7 + i * 13) % 32] for i in range(16))
        yield dataclasses.replace(
            base,
            serial=f"HMY-2025-{number:06d}",
            verification_code=code,
            verification_url=f"https://himaya.example.org/certificates/verify/{code}/",
            holder_name_en=f"Trainee {number:03d} Al-Zahrani",
            kind="competency" if number % 2 else "completion",
            issued_on=datetime.date(2025, 1, 1) + datetime.timedelta(days=number),
        )


def main(count: int) -> None:
    render_pdf(sample_context())  # warm-up: imports, font parsing, the cached logo
    timings, sizes = [], []
    started = time.perf_counter()
    for context in contexts(count):
        before = time.perf_counter()
        pdf = render_pdf(context)
        timings.append(time.perf_counter() - before)
        sizes.append(len(pdf))
    elapsed = time.perf_counter() - started
    print(f"certificates rendered: {count} in {elapsed:.2f} s")
    print(f"PDFs/s:                {count / elapsed:.1f}")
    print(f"mean render:           {statistics.mean(timings) * 1000:.1f} ms")
    print(f"slowest render:        {max(timings) * 1000:.1f} ms")
    print(f"mean size:             {statistics.mean(sizes) / 1024:.1f} KiB")


def ratio(count: int) -> dict:
    from xhtml2pdf import pisa

    from bench.pages import MINIMAL_BILINGUAL
    from certificates.rendering import FONT_FILES

    def raw(number: int) -> bytes:
        out = io.BytesIO()
        html = MINIMAL_BILINGUAL.format(
            font=FONT_FILES["Amiri-Regular.ttf"],
            n=number,
            ar_title="شهادة إتمام",
            ar_body="تشهد هذه الوثيقة بأن المتدرب أتمّ الدورة التدريبية بنجاح.",
        )
        pisa.CreatePDF(html, dest=out, encoding="utf-8")
        return out.getvalue()

    if b"Amiri" not in raw(0):
        raise SystemExit("raw xhtml2pdf did not embed Amiri: run this from the repository root")
    render_pdf(sample_context())
    wall = {"raw": 0.0, "certificate": 0.0}
    cpu = dict(wall)
    for number, context in enumerate(contexts(count)):
        for name, make, argument in (("raw", raw, number), ("certificate", render_pdf, context)):
            started, started_cpu = time.perf_counter(), time.process_time()
            make(argument)
            wall[name] += time.perf_counter() - started
            cpu[name] += time.process_time() - started_cpu
    return {
        "pdfs": count,
        "raw_xhtml2pdf_per_s": round(count / wall["raw"], 1),
        "certificate_per_s": round(count / wall["certificate"], 1),
        "ratio": round(wall["raw"] / wall["certificate"], 3),
        "cpu_ms_raw": round(cpu["raw"] / count * 1000, 1),
        "cpu_ms_certificate": round(cpu["certificate"] / count * 1000, 1),
        "cpu_ratio": round(cpu["raw"] / cpu["certificate"], 3),
        "load": [round(load, 2) for load in os.getloadavg()],
    }


if __name__ == "__main__":
    if "--ratio" in sys.argv:
        numbers = [arg for arg in sys.argv[1:] if arg != "--ratio"]
        print(json.dumps(ratio(int(numbers[0]) if numbers else 50)))
    else:
        main(int(sys.argv[1]) if len(sys.argv) > 1 else 100)
