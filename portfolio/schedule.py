"""The schedule: forecast dates, slip, total float, the critical path and conflicts.

This module implements the contract's "Dates and dependencies (exact semantics)"
(shared WORKSPACE-FORMAT.md) and nothing looser. Dates are calendar days; every
figure is a whole number of days.

Scheduled projects and links
    Every loaded project except `cancelled` ones is scheduled. A *link* p -> q is
    an entry of q's `depends_on` naming p, where p is loaded and not cancelled
    (a dependency on a cancelled project is dropped, not passed through; one on
    an id that failed validation is skipped, validation already said so).
    A `completed` project is *fixed*: its forecast is its planned dates, so links
    into it constrain nothing. A project in a dependency cycle (of the links just
    described, a dependency on itself included) is fixed too: it is left at its
    planned dates and listed in `Schedule.cyclic`, and the engine never loops.

Forecast
    forecast start(q) = max(planned start(q), forecast end(p) + 1 + lag for each
    link p -> q), plus a what-if delay if one is given; forecast end = forecast
    start + duration - 1. It ignores today's date and progress.
    Slip = forecast end - planned end.

Total float (calendar days)
    Let F be the portfolio's latest forecast end. A backward pass gives each
    project a *late end*: F if nothing depends on it, else the least of F and,
    over links p -> q into a project q that is not fixed, late start(q) - 1 - lag
    (late start = late end - duration + 1). Total float = late end - forecast end.
    It is the number of days a project can slip without moving F. Float is never
    negative, and it is zero exactly for the projects of the contract's critical
    path (the walk below); tests check both on random portfolios.

Critical path
    Start from every project whose forecast end is F and walk back through each
    link whose predecessor's forecast end + 1 + lag equals the dependent's forecast
    start (ties included); the walk stops at a fixed project, which can itself be
    critical.

Conflicts
    A link p -> q into a scheduled, not fixed project q whose planned start is
    before the day the dependency allows (forecast end(p) + 1 + lag): the plan of
    q does not respect its dependency, by `days`. This covers the case of a project
    planned to start before a predecessor's forecast end.

The core runs on dicts of day numbers, not networkx: 100,000 projects schedule in
well under a second this way (see bench/schedule.py). networkx is used for what it
is good at: the strongly connected components when a cycle is present, and the
graph views in `depgraph`.
"""
from __future__ import annotations

import gc
from collections import deque
from dataclasses import dataclass
from datetime import date
from typing import Mapping

from . import model as m

FIXED_STATUSES = ("completed",)


@dataclass(frozen=True, slots=True)
class ProjectSchedule:
    """One project's planned and forecast dates. A cancelled project has no forecast (None)."""

    id: str
    status: str
    planned_start: date
    planned_end: date
    forecast_start: date | None
    forecast_end: date | None
    slip_days: int | None
    float_days: int | None
    critical: bool = False
    cyclic: bool = False
    delay_days: int = 0
    driven_by: tuple[str, ...] = ()  # predecessors whose finish sets the forecast start (ties included)


@dataclass(frozen=True, slots=True)
class MilestoneForecast:
    project: str
    index: int  # position in the project's `milestones` list
    id: str | None
    name: str
    planned: date
    forecast: date
    done: bool

    @property
    def key(self) -> str:
        """`project/milestone-id`, or `project#n` (1-based) for a milestone without an id."""
        return f"{self.project}/{self.id}" if self.id else f"{self.project}#{self.index + 1}"

    @property
    def moved_days(self) -> int:
        return (self.forecast - self.planned).days


@dataclass(frozen=True, slots=True)
class Link:
    """A finish-to-start link that takes part in scheduling: `successor` waits for `predecessor`."""

    predecessor: str
    successor: str
    lag: int


@dataclass(frozen=True, slots=True)
class Conflict:
    """`project` is planned to start `days` days before its dependency on `predecessor` allows."""

    project: str
    predecessor: str
    lag: int
    planned_start: date
    earliest_start: date

    @property
    def days(self) -> int:
        return (self.earliest_start - self.planned_start).days


@dataclass(frozen=True)
class Schedule:
    projects: Mapping[str, ProjectSchedule]  # every loaded project, in workspace order
    milestones: tuple[MilestoneForecast, ...]  # of every project that is not cancelled
    links: tuple[Link, ...]
    finish: date | None  # the portfolio's latest forecast end; None when nothing is scheduled
    critical_path: tuple[str, ...]  # critical projects by forecast start, then id
    cyclic: tuple[str, ...]  # projects left at their planned dates because they are in a cycle
    conflicts: tuple[Conflict, ...]

    def forecast_ends(self) -> dict[str, date]:
        """Forecast end of every scheduled project: what coverage and projected maturity date by."""
        return {pid: s.forecast_end for pid, s in self.projects.items() if s.forecast_end is not None}

    def frame(self):
        """One row per project: the columns of `portfolio schedule`, then status, cyclic, delay, driven_by."""
        import pandas as pd

        rows = [(s.id, s.planned_start, s.planned_end, s.forecast_start, s.forecast_end, s.slip_days,
                 s.float_days, s.critical, s.status, s.cyclic, s.delay_days, ", ".join(s.driven_by))
                for s in self.projects.values()]
        frame = pd.DataFrame(rows, columns=[*COLUMNS, "status", "cyclic", "delay_days", "driven_by"])
        for col in ("slip_days", "float_days"):
            frame[col] = frame[col].astype("Int64")
        return frame

    def milestone_frame(self):
        import pandas as pd

        return pd.DataFrame([(x.project, x.id, x.name, x.planned, x.forecast, x.moved_days, x.done)
                             for x in self.milestones],
                            columns=["project", "milestone", "name", "planned", "forecast", "moved_days", "done"])


#: The columns `portfolio schedule` prints, in order.
COLUMNS = ["id", "planned_start", "planned_end", "forecast_start", "forecast_end", "slip_days", "float_days",
           "critical"]


def links(projects: Mapping[str, m.Project]) -> tuple[dict[str, dict[str, int]], set[str]]:
    """Scheduling links as {successor: {predecessor: lag}}, and the projects that depend on themselves.

    Links into completed projects are kept here (`Schedule.links` lists them; the
    forecast ignores them); a project listed twice keeps its largest lag, the binding one.
    """
    preds: dict[str, dict[str, int]] = {}
    self_loops: set[str] = set()
    for qid, q in projects.items():
        if q.status == "cancelled" or not q.depends_on:
            continue
        mine: dict[str, int] = {}
        for d in q.depends_on:
            p = projects.get(d.project)
            if p is None or p.status == "cancelled":
                continue
            if d.project == qid:
                self_loops.add(qid)
                continue
            lag = mine.get(d.project)
            mine[d.project] = d.lag if lag is None else max(lag, d.lag)
        if mine:
            preds[qid] = mine
    return preds, self_loops


def _topological(nodes, preds: dict[str, dict[str, int]]) -> tuple[list[str], list[str]]:
    """Kahn's order of `nodes`, and the nodes left over (in or behind a cycle)."""
    indegree = {n: 0 for n in nodes}
    succs: dict[str, list[str]] = {}
    for q, ps in preds.items():
        indegree[q] = len(ps)
        for p in ps:
            succs.setdefault(p, []).append(q)
    queue = deque(n for n, k in indegree.items() if k == 0)
    order = []
    while queue:
        n = queue.popleft()
        order.append(n)
        for q in succs.get(n, ()):
            indegree[q] -= 1
            if indegree[q] == 0:
                queue.append(q)
    left = [n for n, k in indegree.items() if k > 0] if len(order) < len(indegree) else []
    return order, left


def _cyclic(left: list[str], preds: dict[str, dict[str, int]]) -> set[str]:
    """The projects on a cycle among those Kahn's algorithm could not order."""
    import networkx as nx

    graph = nx.DiGraph()
    graph.add_nodes_from(left)
    inside = set(left)
    graph.add_edges_from((p, q) for q in left for p in preds.get(q, ()) if p in inside)
    return {n for comp in nx.strongly_connected_components(graph) if len(comp) > 1 for n in comp}


def schedule(ws: m.Workspace, delays: Mapping[str, int] | None = None) -> Schedule:
    """Forecast, slip, float, critical path and conflicts of every project of `ws`.

    `delays` maps project ids to days added to their forecast start (a what-if; see
    `portfolio.whatif`, which checks them): the project keeps its duration and moves
    by that much after its dependencies are respected.
    """
    # Everything built here is acyclic; the cyclic GC would only rescan the whole
    # workspace again and again while 100,000s of small results are created.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _schedule(ws, delays or {})
    finally:
        if collecting:
            gc.enable()


def _schedule(ws: m.Workspace, delays: Mapping[str, int]) -> Schedule:
    projects = ws.projects
    active = [pid for pid, p in projects.items() if p.status != "cancelled"]
    start = {pid: projects[pid].start.toordinal() for pid in active}
    length = {pid: projects[pid].end.toordinal() - start[pid] + 1 for pid in active}
    all_preds, self_loops = links(projects)
    fixed = {pid for pid in active if projects[pid].status in FIXED_STATUSES}
    preds = {q: ps for q, ps in all_preds.items() if q not in fixed and q not in self_loops}
    order, left = _topological(active, preds)
    cyclic = self_loops - fixed  # a completed project is fixed: no cycle can move it
    if left:
        cyclic |= _cyclic(left, preds)
        preds = {q: ps for q, ps in preds.items() if q not in cyclic}
        order, left = _topological(active, preds)
        assert not left, "every cycle was broken"  # noqa: S101 - an engine bug, not bad data
    fixed |= cyclic

    # Forward pass: forecast start and end as day numbers.
    fs: dict[str, int] = {}
    fe: dict[str, int] = {}
    driven: dict[str, tuple[str, ...]] = {}
    conflicts: list[tuple[str, str, int, int]] = []  # (project, predecessor, lag, earliest start)
    for q in order:
        s = planned = start[q]
        ps = preds.get(q)
        if ps:
            for p, lag in ps.items():
                allowed = fe[p] + 1 + lag
                if allowed > planned:
                    conflicts.append((q, p, lag, allowed))
                    if allowed > s:
                        s = allowed
            if s > planned:
                driven[q] = tuple(p for p, lag in ps.items() if fe[p] + 1 + lag == s)
        if delays:
            s += delays.get(q, 0)
        fs[q] = s
        fe[q] = s + length[q] - 1
    finish = max(fe.values()) if fe else None

    # Backward pass: late end, then total float.
    succs: dict[str, list[tuple[str, int]]] = {}
    for q, ps in preds.items():
        for p, lag in ps.items():
            succs.setdefault(p, []).append((q, lag))
    late: dict[str, int] = {}
    for p in reversed(order):
        le = finish
        for q, lag in succs.get(p, ()):
            allowed = late[q] - length[q] - lag  # late start(q) - 1 - lag
            if allowed < le:
                le = allowed
        late[p] = le

    critical = _critical_walk(fe, fs, preds, fixed, finish)

    out: dict[str, ProjectSchedule] = {}
    milestones: list[MilestoneForecast] = []
    fromordinal = date.fromordinal
    for pid, p in projects.items():
        if p.status == "cancelled":
            out[pid] = ProjectSchedule(pid, p.status, p.start, p.end, None, None, None, None)
            continue
        f_start, f_end = fromordinal(fs[pid]), fromordinal(fe[pid])
        slip = fe[pid] - (start[pid] + length[pid] - 1)
        out[pid] = ProjectSchedule(pid, p.status, p.start, p.end, f_start, f_end, slip, late[pid] - fe[pid],
                                   pid in critical, pid in cyclic, delays.get(pid, 0), driven.get(pid, ()))
        if p.milestones:
            shift = f_start - p.start
            for i, ms in enumerate(p.milestones):
                milestones.append(MilestoneForecast(pid, i, ms.id, ms.name, ms.date,
                                                    ms.date if ms.done else ms.date + shift, ms.done))

    return Schedule(
        projects=out,
        milestones=tuple(milestones),
        links=tuple(Link(p, q, lag) for q, ps in all_preds.items() for p, lag in ps.items()),
        finish=fromordinal(finish) if finish is not None else None,
        critical_path=tuple(sorted(critical, key=lambda pid: (fs[pid], pid))),
        cyclic=tuple(sorted(cyclic)),
        conflicts=tuple(Conflict(q, p, lag, projects[q].start, fromordinal(earliest))
                        for q, p, lag, earliest in conflicts),
    )


def _critical_walk(fe: dict[str, int], fs: dict[str, int], preds: dict[str, dict[str, int]],
                   fixed: set[str], finish: int | None) -> set[str]:
    """The contract's walk: back from the latest forecast ends through binding links, stopping at fixed ones."""
    if finish is None:
        return set()
    todo = [pid for pid, end in fe.items() if end == finish]
    seen = set(todo)
    while todo:
        q = todo.pop()
        if q in fixed:
            continue
        for p, lag in preds.get(q, {}).items():
            if p not in seen and fe[p] + 1 + lag == fs[q]:
                seen.add(p)
                todo.append(p)
    return seen


def link_index(sched: Schedule) -> tuple[dict[str, list[Link]], dict[str, list[Link]]]:
    """Links by successor and by predecessor, for views that follow them."""
    into: dict[str, list[Link]] = {}
    out: dict[str, list[Link]] = {}
    for link in sched.links:
        into.setdefault(link.successor, []).append(link)
        out.setdefault(link.predecessor, []).append(link)
    return into, out
