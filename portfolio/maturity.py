"""Scoring maturity assessments: group averages, area averages, bands, ranking, change.

The rules come from the workspace format: averages skip `"n/a"`, and an average over
fewer dimensions than its group has (a dimension marked n/a, or not assessed at all)
is *partial*. Averages are computed exactly in `Decimal` from the scores as written
and rounded half up to `PLACES` decimals in one place (`round_half_up`), because the
published figures planners compare against (e.g. the CAREC 2016 study) are printed
to one decimal and a float mean such as 3.25 -> 3.2499999 must not round down.

A score or average falls in the band with the greatest `min` <= value; averages are
banded at the precision they are shown with, so the colour always matches the
figure. The lowest band is the "at risk" band; the others are levels an
administration can be eligible for (in the CAREC framework: simple and complex
information-exchange pilots).
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Iterable, Sequence

from . import model as m

PLACES = 1  # published maturity figures carry one decimal


def to_decimal(value: float | int | Decimal) -> Decimal:
    """The score as written: str() of a float is its shortest repr (4.1 -> '4.1')."""
    return value if isinstance(value, Decimal) else Decimal(str(value))


def round_half_up(value: float | Decimal | None, places: int = PLACES) -> float | None:
    """Round as the published tables do: 2.25 -> 2.3, 2.35 -> 2.4 (never to even)."""
    if value is None:
        return None
    return float(to_decimal(value).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP))


def mean(values: Iterable[float]) -> Decimal | None:
    """Exact arithmetic mean of the scores as written, or None for no values."""
    ds = [to_decimal(v) for v in values]
    return sum(ds, Decimal(0)) / len(ds) if ds else None


def administration_of(assessment: m.Assessment, plan: m.Plan | None) -> str:
    """Who was assessed: the file's `administration`, by default the plan's."""
    if assessment.administration:
        return assessment.administration
    return plan.administration if plan else "(administration not named)"


@dataclass(frozen=True)
class GroupAverage:
    """The average of one dimension group in one assessment."""

    administration: str
    model: str
    date: date
    group: str
    group_name: str
    exact: Decimal | None  # None when no dimension of the group has a number
    scored: int  # dimensions with a number
    na: int  # dimensions marked "n/a"
    missing: int  # dimensions not in the file (not assessed)
    path: str = ""

    @property
    def total(self) -> int:
        return self.scored + self.na + self.missing

    @property
    def partial(self) -> bool:
        """Over fewer dimensions than the group has, for whatever reason."""
        return self.scored < self.total

    @property
    def average(self) -> float | None:
        """Rounded as published (half up, `PLACES` decimals)."""
        return round_half_up(self.exact)


def group_averages(assessment: m.Assessment, model: m.MaturityModel,
                   plan: m.Plan | None = None) -> tuple[GroupAverage, ...]:
    """One average per group of the model, in the model's order."""
    who = administration_of(assessment, plan)
    out = []
    for g in model.groups:
        values, na, missing = [], 0, 0
        for d in g.dimensions:
            if d.id not in assessment.scores:
                missing += 1
            elif assessment.scores[d.id] is None:
                na += 1
            else:
                values.append(assessment.scores[d.id])
        out.append(GroupAverage(who, model.id, assessment.date, g.id, g.name, mean(values),
                                len(values), na, missing, assessment.path))
    return tuple(out)


def assessments_for(ws: m.Workspace, model: str | None = None) -> list[m.Assessment]:
    """Assessments whose model is loaded, by model, administration and date."""
    found = [a for a in ws.assessments if a.model in ws.models and (model is None or a.model == model)]
    return sorted(found, key=lambda a: (a.model, administration_of(a, ws.plan), a.date, a.path))


def all_group_averages(ws: m.Workspace, model: str | None = None) -> list[GroupAverage]:
    """Every assessment's group averages: one row per assessment and group."""
    return [ga for a in assessments_for(ws, model)
            for ga in group_averages(a, ws.models[a.model], ws.plan)]


def latest_assessments(ws: m.Workspace, model: str, as_of: date | None = None) -> list[m.Assessment]:
    """Each administration's most recent assessment on `model` (on or before `as_of`).

    Comparisons across administrations use one assessment each, so an administration
    assessed twice does not count twice.
    """
    latest: dict[str, m.Assessment] = {}
    for a in assessments_for(ws, model):
        if as_of is not None and a.date > as_of:
            continue
        latest[administration_of(a, ws.plan)] = a  # sorted by date: the last one wins
    return list(latest.values())


@dataclass(frozen=True)
class AreaAverage:
    """One dimension ("key area") averaged across administrations."""

    model: str
    group: str
    dimension: str
    name: str
    exact: Decimal | None
    scored: int  # administrations with a number for it
    na: int
    missing: int

    @property
    def administrations(self) -> int:
        return self.scored + self.na + self.missing

    @property
    def average(self) -> float | None:
        return round_half_up(self.exact)


def area_averages(ws: m.Workspace, model: str, as_of: date | None = None) -> list[AreaAverage]:
    """Per dimension, the mean over each administration's latest assessment, model order."""
    mm = ws.models[model]
    latest = latest_assessments(ws, model, as_of)
    out = []
    for g in mm.groups:
        for d in g.dimensions:
            values = [a.scores[d.id] for a in latest if a.scores.get(d.id) is not None]
            na = sum(1 for a in latest if d.id in a.scores and a.scores[d.id] is None)
            out.append(AreaAverage(model, g.id, d.id, d.name, mean(values), len(values), na,
                                   len(latest) - len(values) - na))
    return out


# ---------------------------------------------------------------- bands and thresholds

def band_of(model: m.MaturityModel, value: float | Decimal | None) -> m.Band | None:
    """The band with the greatest `min` <= value; None below every band or for no value."""
    if value is None:
        return None
    v = to_decimal(value)
    fitting = [b for b in model.bands if to_decimal(b.min) <= v]
    return max(fitting, key=lambda b: b.min) if fitting else None


def ordered_bands(model: m.MaturityModel) -> list[m.Band]:
    return sorted(model.bands, key=lambda b: b.min)


def risk_threshold(model: m.MaturityModel) -> float | None:
    """Below this a dimension is at risk: the `min` of the second-lowest band.

    None when the model has fewer than two bands (no threshold to apply).
    """
    bands = ordered_bands(model)
    return bands[1].min if len(bands) >= 2 else None


def areas_at_risk(assessment: m.Assessment, model: m.MaturityModel,
                  threshold: float | None = None) -> tuple[str, ...]:
    """Dimensions scored below the threshold (default `risk_threshold`), model order.

    n/a and unassessed dimensions are not at risk: there is no score to judge.
    """
    limit = risk_threshold(model) if threshold is None else threshold
    if limit is None:
        return ()
    return tuple(d for d in model.dimension_ids()
                 if assessment.scores.get(d) is not None and to_decimal(assessment.scores[d]) < to_decimal(limit))


@dataclass(frozen=True)
class Eligibility:
    """The highest band every group average of one assessment reaches."""

    administration: str
    model: str
    date: date
    level: m.Band | None  # None: some group average is in the lowest band, or unscored
    groups: tuple[GroupAverage, ...]
    at_risk: tuple[str, ...]  # dimensions below the risk threshold: the safeguards to add
    below_level: tuple[str, ...]  # scored dimensions under the level's own threshold
    path: str = ""

    @property
    def partial(self) -> bool:
        return any(g.partial for g in self.groups)


def eligibility(assessment: m.Assessment, model: m.MaturityModel,
                plan: m.Plan | None = None) -> Eligibility:
    """Pilot eligibility from thresholds: the highest non-lowest band all groups reach.

    Group averages are compared as published (rounded), so an average shown as 3.5
    meets a 3.5 threshold. A partial assessment is judged on what was scored and
    says so through `partial`.
    """
    groups = group_averages(assessment, model, plan)
    bands = ordered_bands(model)
    level = None
    if groups and all(g.exact is not None for g in groups):
        reached = [band_of(model, g.average) for g in groups]
        if all(b is not None for b in reached):
            lowest = min(reached, key=lambda b: b.min)
            level = lowest if bands and lowest is not bands[0] else None
    below = ()
    if level is not None:
        below = tuple(d for d in model.dimension_ids() if assessment.scores.get(d) is not None
                      and to_decimal(assessment.scores[d]) < to_decimal(level.min))
    return Eligibility(administration_of(assessment, plan), model.id, assessment.date, level, groups,
                       areas_at_risk(assessment, model), below, assessment.path)


# ---------------------------------------------------------------- ranking

@dataclass(frozen=True)
class Ranked:
    rank: int
    item: GroupAverage | AreaAverage


def rank(items: Sequence[GroupAverage] | Sequence[AreaAverage], *, descending: bool = True) -> list[Ranked]:
    """Order by average; equal published (rounded) figures share a rank (1, 2, 2, 4).

    Items without an average are left out. Ties follow the published precision so a
    ranking never separates two administrations that the table shows as equal.
    """
    scored = [i for i in items if i.exact is not None]
    scored.sort(key=lambda i: (-i.average if descending else i.average, -i.exact if descending else i.exact))
    out: list[Ranked] = []
    for n, item in enumerate(scored, start=1):
        same = out and out[-1].item.average == item.average
        out.append(Ranked(out[-1].rank if same else n, item))
    return out


def rank_administrations(averages: Iterable[GroupAverage], group: str) -> list[Ranked]:
    """Administrations by one group's average, best first (use latest assessments)."""
    return rank([g for g in averages if g.group == group])


# ---------------------------------------------------------------- change over time

@dataclass(frozen=True)
class DimensionChange:
    dimension: str
    name: str
    group: str
    before: float | None  # None: n/a or not assessed then
    after: float | None

    @property
    def delta(self) -> float | None:
        if self.before is None or self.after is None:
            return None
        return float(to_decimal(self.after) - to_decimal(self.before))


@dataclass(frozen=True)
class AssessmentChange:
    """How one administration's scores moved from one assessment to a later one."""

    administration: str
    model: str
    before: date
    after: date
    dimensions: tuple[DimensionChange, ...]
    groups: tuple[tuple[GroupAverage, GroupAverage], ...]  # (before, after) per group

    def group_delta(self, group: str) -> float | None:
        """Change of the published (rounded) group averages, as a reader would compute it."""
        for b, a in self.groups:
            if b.group == group:
                if b.average is None or a.average is None:
                    return None
                return round_half_up(to_decimal(a.average) - to_decimal(b.average))
        raise KeyError(group)


def compare(before: m.Assessment, after: m.Assessment, model: m.MaturityModel,
            plan: m.Plan | None = None) -> AssessmentChange:
    """Change between two assessments of the same administration on the same model."""
    if before.model != model.id or after.model != model.id:
        raise ValueError(f"both assessments must be on {model.id!r}: {before.path}, {after.path}")
    who_b, who_a = administration_of(before, plan), administration_of(after, plan)
    if who_b != who_a:
        raise ValueError(f"{before.path} assesses {who_b!r} and {after.path} {who_a!r}; "
                         "compare assessments of the same administration")
    if after.date < before.date:
        before, after = after, before
    dims = tuple(DimensionChange(d.id, d.name, g.id, before.scores.get(d.id), after.scores.get(d.id))
                 for g in model.groups for d in g.dimensions)
    pairs = tuple(zip(group_averages(before, model, plan), group_averages(after, model, plan)))
    return AssessmentChange(who_a, model.id, before.date, after.date, dims, pairs)


def changes(ws: m.Workspace, model: str | None = None) -> list[AssessmentChange]:
    """Each pair of consecutive assessments of one administration on one model."""
    series: dict[tuple[str, str], list[m.Assessment]] = defaultdict(list)
    for a in assessments_for(ws, model):
        series[(a.model, administration_of(a, ws.plan))].append(a)
    return [compare(x, y, ws.models[key[0]], ws.plan)
            for key, items in series.items() for x, y in zip(items, items[1:])]
