"""Which scenarios and questions an attempt draws: pure Python (no Django), like ``scoring``, so
the draw at start (`services.draw_layout`), the publish check (`admin_forms.QuizForm`) and the
test-wise baseline of each sector's form (`test_wise.sector_baselines`) share one rule.

A per-sector draw (a final as parallel forms, docs/scoring.md) is frozen in a quiz version as
``{"sector": N, "core": M, "roles": {sector code: ROLE code}}`` beside its pool of scenarios in
the exchange format. A scenario is *core* when its roles hold every frontline role of ``roles``
(every sector sits it); otherwise it belongs to each sector whose role it carries. A trainee
draws N whole scenarios of their own sector and M core ones. A trainee whose sector has no role
in the version (no sector, or one added after publishing), or whose sector has too few
scenarios in the pool, makes up the N with scenarios of the other sectors ("core + any").

No repeats: a person's earlier attempts (at any quiz) are ``seen``, a mapping of scenario code
to when it was last shown. A draw takes unseen scenarios first, at random; only when too few
remain does it take the least recently seen, oldest first.
"""

import random
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

__all__ = [
    "SectorPools",
    "Shortfall",
    "draw_scenarios",
    "frontline_roles",
    "is_core",
    "pick",
    "pools",
    "shortfalls",
]


def frontline_roles(sector_draw: Mapping) -> frozenset[str]:
    """The ROLE codes of every sector the draw knows: a core scenario carries them all."""
    return frozenset(role for role in sector_draw.get("roles", {}).values() if role)


def is_core(scenario: Mapping, frontline: frozenset[str]) -> bool:
    """Whether every sector sits the scenario. With no frontline role at all nothing is core
    (the draw is then misconfigured, and the publish check says so)."""
    return bool(frontline) and frontline <= set(scenario.get("roles", []))


@dataclass(frozen=True)
class SectorPools:
    """The codes one sector's trainee may draw, in the pool's order: their own sector's
    scenarios, the core ones, and the other sectors' (drawn only to make up a short own pool)."""

    own: tuple[str, ...]
    core: tuple[str, ...]
    others: tuple[str, ...]


def pools(scenarios: list[Mapping], *, sector_draw: Mapping, sector: str | None) -> SectorPools:
    """The pools of a trainee of ``sector`` (a sector code, or None for no sector)."""
    frontline = frontline_roles(sector_draw)
    role = sector_draw.get("roles", {}).get(sector) if sector else None
    own, core, others = [], [], []
    for scenario in scenarios:
        if is_core(scenario, frontline):
            core.append(scenario["code"])
        elif role and role in scenario.get("roles", []):
            own.append(scenario["code"])
        else:
            others.append(scenario["code"])
    return SectorPools(own=tuple(own), core=tuple(core), others=tuple(others))


def pick(
    candidates: list[str],
    count: int,
    *,
    seen: Mapping[str, Any],
    rng: random.Random,
    scenario: Callable[[str], str] = lambda code: code,
) -> list[str]:
    """``count`` of ``candidates`` (all of them if there are fewer), none of a scenario in
    ``seen`` while unseen ones remain: unseen ones at random, then the least recently seen
    (``seen``'s values order them; ties at random). ``scenario`` names a candidate's scenario
    (candidates may be questions, keyed "SCENARIO/QUESTION")."""
    unseen = [code for code in candidates if scenario(code) not in seen]
    chosen = rng.sample(unseen, min(count, len(unseen)))
    if len(chosen) < count:
        again = [code for code in candidates if scenario(code) in seen]
        rng.shuffle(again)
        again.sort(key=lambda code: seen[scenario(code)])
        chosen += again[: count - len(chosen)]
    return chosen


def draw_scenarios(
    scenarios: list[Mapping],
    *,
    sector_draw: Mapping,
    sector: str | None,
    seen: Mapping[str, Any],
    rng: random.Random,
) -> list[str]:
    """The codes of the whole scenarios a trainee of ``sector`` draws, in the pool's order."""
    available = pools(scenarios, sector_draw=sector_draw, sector=sector)
    wanted = sector_draw.get("sector", 0)
    chosen = pick(list(available.core), sector_draw.get("core", 0), seen=seen, rng=rng)
    own = pick(list(available.own), wanted, seen=seen, rng=rng)
    if len(own) < wanted:
        own += pick(list(available.others), wanted - len(own), seen=seen, rng=rng)
    drawn = {*chosen, *own}
    return [scenario["code"] for scenario in scenarios if scenario["code"] in drawn]


@dataclass(frozen=True)
class Shortfall:
    """A pool too small for the draw: ``sector`` is a sector code, or None for the core."""

    sector: str | None
    role: str
    available: int
    needed: int


def shortfalls(scenarios: list[Mapping], *, sector_draw: Mapping) -> list[Shortfall]:
    """Where the pool holds fewer scenarios than the draw takes: the core first, then each
    sector (in the order of ``sector_draw["roles"]``) with fewer than N of its own."""
    short = []
    first = pools(scenarios, sector_draw=sector_draw, sector=None)
    if len(first.core) < sector_draw.get("core", 0):
        short.append(Shortfall(None, "", len(first.core), sector_draw["core"]))
    for sector, role in sector_draw.get("roles", {}).items():
        own = pools(scenarios, sector_draw=sector_draw, sector=sector).own
        if len(own) < sector_draw.get("sector", 0):
            short.append(Shortfall(sector, role, len(own), sector_draw["sector"]))
    return short
