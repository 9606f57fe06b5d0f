"""The test-wise baseline of a final drawn per sector (`test_wise.sector_baselines`), kept in the
cache: it scores every question of the pool hundreds of times (seconds for a bank of 30
scenarios), and the same figures are wanted when publishing, right after it and on the
analytics page. Keyed by what the figures depend on (the pool, the draw, the option shuffle,
the scoring rules), so what the editor measured before publishing is what the frozen version
shows, and a test database that gives an id again never reads another's figures."""

import hashlib
import json

from django.core.cache import cache

from . import test_wise
from .scoring import CURRENT_RULES

# A day: the figures never change for the same key; the cache only spares recomputing them.
CACHE_SECONDS = 24 * 60 * 60


def sector_baselines(
    *, scenarios: list[dict], sector_draw: dict, shuffle_options: bool, rules: int = CURRENT_RULES
) -> dict[str, test_wise.Baseline]:
    digest = hashlib.sha256(
        json.dumps([scenarios, sector_draw, bool(shuffle_options), rules], sort_keys=True).encode()
    ).hexdigest()
    return cache.get_or_set(
        f"assessments:test-wise:{digest}",
        lambda: test_wise.sector_baselines(
            scenarios=scenarios,
            sector_draw=sector_draw,
            shuffle_options=bool(shuffle_options),
            rules=rules,
        ),
        CACHE_SECONDS,
    )
