"""Projected maturity: what the portfolio's projects will lift, and when, against the plan's targets.

Per (model, dimension) the level starts at a baseline - the score in the plan
administration's latest assessment on that model, or the model's scale minimum when
that assessment gives no number (n/a, not assessed) or there is none - and each
project that `delivers` the dimension raises it to max(current, delivered level) on
its forecast end date. Completed projects count from their planned end; cancelled
projects never count. Forecast end dates come from the caller (the scheduler);
without them the planned end is used, which is the forecast when nothing slips.

A target `{model, dimension, level, by}` is then one of:
  met        the projected level reaches it on or before `by` (or the baseline already does)
  late       it is reached, but after `by` (`days_late` says by how much)
  short      projects deliver the dimension, but none up to the target level
  no-project no project (that is not cancelled) delivers the dimension at all
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal, Mapping

from . import model as m
from .maturity import administration_of

Outcome = Literal["met", "late", "short", "no-project"]
OUTCOMES: tuple[str, ...] = ("met", "late", "short", "no-project")


@dataclass(frozen=True)
class Delivery:
    project: str
    date: date  # forecast end (planned end for completed projects)
    level: float


@dataclass(frozen=True)
class Step:
    """From `date` on, the projected level is `level`, thanks to `projects`."""

    date: date
    level: float
    projects: tuple[str, ...]


@dataclass(frozen=True)
class Trajectory:
    model: str
    dimension: str
    name: str
    group: str
    baseline: float
    baseline_date: date | None  # the assessment's date; None when the scale minimum is assumed
    baseline_source: str  # assessment path, or "scale minimum"
    deliveries: tuple[Delivery, ...]  # by date
    cancelled: tuple[str, ...]  # cancelled projects that would have delivered this dimension

    @property
    def steps(self) -> tuple[Step, ...]:
        """Each date the level rises, with the projects finishing that day."""
        out: list[Step] = []
        level = self.baseline
        by_day: dict[date, list[Delivery]] = {}
        for d in self.deliveries:
            by_day.setdefault(d.date, []).append(d)
        for day in sorted(by_day):
            top = max(d.level for d in by_day[day])
            if top > level:
                level = top
                out.append(Step(day, level, tuple(d.project for d in by_day[day] if d.level == top)))
        return tuple(out)

    def level_on(self, day: date) -> float:
        """Projected level at the end of `day`."""
        level = self.baseline
        for s in self.steps:
            if s.date <= day:
                level = s.level
        return level

    def reaching(self, level: float) -> Step | None:
        """The first step at or above `level` (None if the baseline already is, or never)."""
        return next((s for s in self.steps if s.level >= level), None)


@dataclass(frozen=True)
class TargetResult:
    target: m.Target
    outcome: Outcome
    trajectory: Trajectory
    reached_on: date | None  # None: never, or met by the baseline without a project
    projects: tuple[str, ...]  # the projects whose delivery reaches the level
    level_by: float  # projected level on the target date

    @property
    def days_late(self) -> int | None:
        if self.outcome != "late" or self.reached_on is None:
            return None
        return (self.reached_on - self.target.by).days

    @property
    def already_met(self) -> bool:
        return self.trajectory.baseline >= self.target.level


def forecast_dates(ws: m.Workspace, forecast: Mapping[str, date] | None = None) -> dict[str, date]:
    """The date each non-cancelled project delivers: its forecast end, planned end by default.

    A completed project's forecast is its planned dates whatever the mapping says.
    """
    forecast = forecast or {}
    return {p.id: (p.end if p.status == "completed" else forecast.get(p.id, p.end))
            for p in ws.projects.values() if p.status != "cancelled"}


def baseline_assessment(ws: m.Workspace, model: str) -> m.Assessment | None:
    """The plan administration's latest assessment on `model`."""
    if ws.plan is None:
        return None
    own = [a for a in ws.assessments if a.model == model
           and administration_of(a, ws.plan) == ws.plan.administration]
    return max(own, key=lambda a: (a.date, a.path), default=None)


def _dimension(mm: m.MaturityModel, dim: str) -> tuple[str, str] | None:
    for g in mm.groups:
        for d in g.dimensions:
            if d.id == dim:
                return d.name, g.id
    return None


def trajectories(ws: m.Workspace, forecast: Mapping[str, date] | None = None) -> list[Trajectory]:
    """One trajectory per dimension that a target names or a project delivers, model order.

    References to unknown models or dimensions are left out (`portfolio check` reports them).
    """
    ends = forecast_dates(ws, forecast)
    wanted: set[tuple[str, str]] = set()
    if ws.plan:
        wanted |= {(t.model, t.dimension) for t in ws.plan.targets}
    for p in ws.projects.values():
        wanted |= {(d.model, d.dimension) for d in p.delivers}
    out = []
    for model_id, mm in ws.models.items():
        latest = baseline_assessment(ws, model_id)
        for dim in mm.dimension_ids():
            if (model_id, dim) not in wanted:
                continue
            name, group = _dimension(mm, dim)
            score = latest.scores.get(dim) if latest else None
            deliveries = sorted((Delivery(p.id, ends[p.id], d.level) for p in ws.projects.values()
                                 if p.id in ends for d in p.delivers
                                 if (d.model, d.dimension) == (model_id, dim)),
                                key=lambda d: (d.date, d.project))
            cancelled = tuple(sorted(p.id for p in ws.projects.values() if p.status == "cancelled"
                                     and any((d.model, d.dimension) == (model_id, dim) for d in p.delivers)))
            out.append(Trajectory(model_id, dim, name, group,
                                  float(score) if score is not None else float(mm.scale.min),
                                  latest.date if score is not None else None,
                                  latest.path if score is not None else "scale minimum",
                                  tuple(deliveries), cancelled))
    return out


def assess_target(target: m.Target, trajectory: Trajectory) -> TargetResult:
    level_by = trajectory.level_on(target.by)
    if trajectory.baseline >= target.level:
        return TargetResult(target, "met", trajectory, None, (), level_by)
    step = trajectory.reaching(target.level)
    if step is None:
        outcome: Outcome = "short" if trajectory.deliveries else "no-project"
        return TargetResult(target, outcome, trajectory, None, (), level_by)
    return TargetResult(target, "met" if step.date <= target.by else "late", trajectory,
                        step.date, step.projects, level_by)


def assess_targets(ws: m.Workspace, forecast: Mapping[str, date] | None = None) -> list[TargetResult]:
    """Every plan target held against the projected maturity, in the plan's order."""
    if ws.plan is None:
        return []
    by_dim = {(t.model, t.dimension): t for t in trajectories(ws, forecast)}
    return [assess_target(t, by_dim[(t.model, t.dimension)]) for t in ws.plan.targets
            if (t.model, t.dimension) in by_dim]
