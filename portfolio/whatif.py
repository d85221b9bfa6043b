"""What-if: delay some projects and see what moves and which plan dates are then missed.

A delay of N days adds N to a project's forecast start after its dependencies are
respected: the project keeps its duration and ends N days later than it would
have, and everything downstream moves as the contract's forecast rules say.

What a delay can make the plan miss:
- a **target** (`plan.yaml` `targets: {model, dimension, level, by}`) is reached on
  the earliest forecast end of a project that `delivers` that dimension at that
  level or higher, unless an assessment of that model dated on or before `by`
  already scores the dimension at the level (then no project delay can miss it).
  It is *missed* when it was reached by `by` before the delay and is not after.
- an **objective** has no date of its own in the workspace format; its date is the
  end of the plan's period. An objective is missed through a project aligned to it
  (`objectives:`) whose forecast end moves from within the period to after it.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Mapping

from . import model as m
from .schedule import Schedule, schedule


@dataclass(frozen=True, slots=True)
class ProjectMove:
    project: str
    name: str
    before_start: date
    before_end: date
    after_start: date
    after_end: date

    @property
    def days(self) -> int:
        return (self.after_end - self.before_end).days


@dataclass(frozen=True, slots=True)
class MilestoneMove:
    project: str
    milestone: str  # `project/id`, or `project#n` for one without an id
    name: str
    before: date
    after: date

    @property
    def days(self) -> int:
        return (self.after - self.before).days


@dataclass(frozen=True, slots=True)
class TargetMiss:
    model: str
    dimension: str
    level: float
    by: date
    before: date | None  # when the schedule reached it without the delay
    after: date | None  # and with it; None: no project delivers it any more


@dataclass(frozen=True, slots=True)
class ObjectiveMiss:
    objective: str
    project: str
    deadline: date  # the end of the plan's period
    before: date
    after: date


@dataclass(frozen=True)
class WhatIf:
    delays: Mapping[str, int]
    projects: tuple[ProjectMove, ...]  # by days moved (most first), then id
    milestones: tuple[MilestoneMove, ...]
    targets: tuple[TargetMiss, ...]
    objectives: tuple[ObjectiveMiss, ...]
    before: Schedule
    after: Schedule

    def frame(self):
        """The moves as one table: kind (project/milestone), project, milestone, name, before, after, days."""
        import pandas as pd

        rows = [("project", x.project, None, x.name, x.before_end, x.after_end, x.days) for x in self.projects]
        rows += [("milestone", x.project, x.milestone, x.name, x.before, x.after, x.days) for x in self.milestones]
        return pd.DataFrame(rows, columns=["kind", "project", "milestone", "name", "before", "after", "days"])


def check_delays(ws: m.Workspace, delays: Mapping[str, int]) -> None:
    """Raise ValueError saying what to fix when a delay cannot be applied."""
    if not delays:
        raise ValueError("give at least one delay, as PROJECT=DAYS")
    for pid, days in delays.items():
        p = ws.projects.get(pid)
        if p is None:
            raise ValueError(f"no project {pid!r} in the workspace (or its file has errors; run `portfolio check`)")
        if p.status in ("completed", "cancelled"):
            raise ValueError(f"{pid!r} is {p.status}: its dates cannot move; delay a project that is not")
        if isinstance(days, bool) or not isinstance(days, int) or days < 0:
            raise ValueError(f"{pid}={days!r}: a delay is a whole number of days, 0 or more")


def what_if(ws: m.Workspace, delays: Mapping[str, int], before: Schedule | None = None) -> WhatIf:
    """Every project and milestone whose forecast moves when `delays` are applied, and the plan dates missed."""
    check_delays(ws, delays)
    before = before or schedule(ws)
    after = schedule(ws, delays)
    moves = []
    for pid, a in after.projects.items():
        b = before.projects[pid]
        if a.forecast_end is not None and a.forecast_end != b.forecast_end:
            moves.append(ProjectMove(pid, ws.projects[pid].name, b.forecast_start, b.forecast_end,
                                     a.forecast_start, a.forecast_end))
    moves.sort(key=lambda x: (-x.days, x.project))
    milestones = tuple(MilestoneMove(a.project, a.key, a.name, b.forecast, a.forecast)
                       for b, a in zip(before.milestones, after.milestones) if a.forecast != b.forecast)
    return WhatIf(dict(delays), tuple(moves), milestones, tuple(_target_misses(ws, before, after)),
                  tuple(_objective_misses(ws, before, after)), before, after)


def messages(ws: m.Workspace, result: WhatIf) -> list[str]:
    """One plain sentence per missed target or objective, for the CLI and the app (text, not Markdown)."""
    names = {o.id: o.name for o in ws.plan.objectives} if ws.plan else {}
    out = []
    for t in result.targets:
        now = f"now reached {t.after}" if t.after else "no longer reached by any project"
        out.append(f"Misses target {t.model}/{t.dimension} level {t.level:g} by {t.by}: "
                   f"reached {t.before} before the delay, {now}.")
    for o in result.objectives:
        out.append(f"Misses objective {names.get(o.objective, o.objective)} ({o.objective}): {o.project} now ends "
                   f"{o.after}, after the plan ends on {o.deadline} (was {o.before}).")
    return out


def target_dates(ws: m.Workspace, sched: Schedule) -> dict[m.Target, date | None]:
    """When the schedule reaches each plan target: an assessment date, a forecast end, or None (never)."""
    if ws.plan is None:
        return {}
    out: dict[m.Target, date | None] = {}
    for t in ws.plan.targets:
        assessed = [a.date for a in ws.assessments
                    if a.model == t.model and a.date <= t.by and (a.scores.get(t.dimension) or 0) >= t.level]
        delivered = [sched.projects[p.id].forecast_end for p in ws.projects.values()
                     if p.status != "cancelled"
                     and any(d.model == t.model and d.dimension == t.dimension and d.level >= t.level
                             for d in p.delivers)]
        dates = assessed + [d for d in delivered if d is not None]
        out[t] = min(dates) if dates else None
    return out


def _target_misses(ws: m.Workspace, before: Schedule, after: Schedule):
    then, now = target_dates(ws, before), target_dates(ws, after)
    for t, reached in then.items():
        if reached is not None and reached <= t.by and (now[t] is None or now[t] > t.by):
            yield TargetMiss(t.model, t.dimension, t.level, t.by, reached, now[t])


def _objective_misses(ws: m.Workspace, before: Schedule, after: Schedule):
    if ws.plan is None:
        return
    deadline = ws.plan.period.end
    for o in ws.plan.objectives:
        for pid, p in ws.projects.items():
            if o.id not in p.objectives:
                continue
            b, a = before.projects[pid].forecast_end, after.projects[pid].forecast_end
            if b is not None and a is not None and b <= deadline < a:
                yield ObjectiveMiss(o.id, pid, deadline, b, a)
