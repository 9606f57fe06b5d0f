"""How fast certificates render: N bilingual PDFs with the default template, one process.

    cd /work/main && DJANGO_SETTINGS_MODULE=lms.settings.test \
        .venv/bin/python bench/certificates_render.py [N]

Prints PDFs per second, the mean and slowest render and the mean size. Each certificate has its
own serial, code, name and date, so every QR code and every text run is drawn afresh. No
database is touched.
"""

from __future__ import annotations

import dataclasses
import datetime
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


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100)
