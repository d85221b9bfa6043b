"""Everything about one project, as the project page and the report show it.

Dependencies are followed both ways: *upstream* the projects this one waits for
(its `depends_on`, then theirs), *downstream* the projects that wait for it. `depth`
1 is a direct link. Cancelled projects are listed with their status, because a
planner editing `depends_on` needs to see them, but they take no part in the
forecast (see `schedule`).
"""
from __future__ import annotations

from collections import deque
from dataclasses import dataclass

import pandas as pd

from . import alignment as al
from . import model as m
from .schedule import ProjectSchedule, Schedule

DEP_COLUMNS = ["project", "name", "status", "health", "depth", "via", "lag", "forecast_start", "forecast_end",
               "binding"]


@dataclass(frozen=True)
class ProjectInfo:
    project: m.Project
    schedule: ProjectSchedule | None
    programme: m.Programme | None
    objectives: dict[str, str]  # objective id -> how it is served: project, programme or both
    upstream: pd.DataFrame
    downstream: pd.DataFrame
    guidelines: pd.DataFrame
    milestones: pd.DataFrame
    risks: pd.DataFrame


def _walk(ws: m.Workspace, sched: Schedule, start: str, edges: dict[str, list[tuple[str, int]]],
          up: bool) -> pd.DataFrame:
    """Breadth-first from `start` over `edges` (id -> [(neighbour, lag)]), nearest first."""
    rows = []
    seen = {start}
    queue = deque((n, lag, 1, start) for n, lag in edges.get(start, ()))
    while queue:
        pid, lag, depth, via = queue.popleft()
        if pid in seen:
            continue
        seen.add(pid)
        p = ws.projects.get(pid)
        s = sched.projects.get(pid)
        # binding: this link sets the dependent's forecast start (the dependent "waits" for the predecessor)
        dependent, predecessor = (via, pid) if up else (pid, via)
        ds = sched.projects.get(dependent)
        rows.append({"project": pid, "name": p.name if p else None, "status": p.status if p else "not loaded",
                     "health": p.health if p else None, "depth": depth, "via": via, "lag": lag,
                     "forecast_start": s.forecast_start if s else None,
                     "forecast_end": s.forecast_end if s else None,
                     "binding": bool(ds and predecessor in ds.driven_by)})
        for n, nlag in edges.get(pid, ()):
            if n not in seen:
                queue.append((n, nlag, depth + 1, pid))
    return pd.DataFrame(rows, columns=DEP_COLUMNS)


def dependency_edges(ws: m.Workspace) -> tuple[dict[str, list[tuple[str, int]]], dict[str, list[tuple[str, int]]]]:
    """(predecessors, successors): id -> [(other id, lag)], from every loaded project's `depends_on`."""
    preds: dict[str, list[tuple[str, int]]] = {}
    succs: dict[str, list[tuple[str, int]]] = {}
    for q in ws.projects.values():
        for d in q.depends_on:
            preds.setdefault(q.id, []).append((d.project, d.lag))
            succs.setdefault(d.project, []).append((q.id, d.lag))
    return preds, succs


def guideline_rows(ws: m.Workspace, p: m.Project) -> pd.DataFrame:
    rows = []
    for catalog_id, items in p.guidelines.items():
        cat = ws.catalogs.get(catalog_id)
        titles = {i.id: i.title for i in cat.items} if cat else {}
        for item in items:
            rows.append({"catalog": catalog_id, "catalog_name": cat.name if cat else None, "item": item,
                         "title": titles.get(item)})
    return pd.DataFrame(rows, columns=["catalog", "catalog_name", "item", "title"])


def milestone_rows(sched: Schedule, p: m.Project) -> pd.DataFrame:
    forecast = {ms.index: ms.forecast for ms in sched.milestones if ms.project == p.id}
    rows = [{"milestone": ms.id or f"#{i + 1}", "name": ms.name, "planned": ms.date,
             "forecast": forecast.get(i), "done": ms.done} for i, ms in enumerate(p.milestones)]
    return pd.DataFrame(rows, columns=["milestone", "name", "planned", "forecast", "done"])


def risk_rows(p: m.Project) -> pd.DataFrame:
    rows = [{"risk": r.id or f"#{i + 1}", "title": r.title, "likelihood": r.likelihood, "impact": r.impact,
             "score": r.score, "mitigation": r.mitigation, "owner": r.owner} for i, r in enumerate(p.risks)]
    return pd.DataFrame(rows, columns=["risk", "title", "likelihood", "impact", "score", "mitigation", "owner"])


def project_info(ws: m.Workspace, sched: Schedule, project_id: str,
                 edges: tuple[dict, dict] | None = None) -> ProjectInfo:
    """Everything about `project_id` (KeyError when no such project is loaded)."""
    p = ws.projects[project_id]
    preds, succs = edges or dependency_edges(ws)
    programmes = al.programmes_by_id(ws)
    return ProjectInfo(
        project=p,
        schedule=sched.projects.get(project_id),
        programme=programmes.get(p.programme) if p.programme else None,
        objectives=al.objectives_of(ws, p),
        upstream=_walk(ws, sched, project_id, preds, up=True),
        downstream=_walk(ws, sched, project_id, succs, up=False),
        guidelines=guideline_rows(ws, p),
        milestones=milestone_rows(sched, p),
        risks=risk_rows(p),
    )


def requested_id(params) -> str | None:
    """The project a URL asks for: `?project=<id>`, or `?id=<id>` (the Coverage page's links)."""
    for key in ("project", "id"):
        value = params.get(key)
        if isinstance(value, (list, tuple)):
            value = value[0] if value else None
        if value:
            return str(value).strip()
    return None
