"""Tables behind the timeline view: one row per project, filters, a roll-up per programme, paging.

The chart functions (`charts_schedule`) draw whatever frame they are given; keeping
the frame small is this module's job, so the browser never gets thousands of
tooltips at once: select (`select`, with the ids `portfolio.filters` matches), then
page (`page_of`) or roll up (`programme_rollup`).
"""
from __future__ import annotations

from datetime import date

import pandas as pd

from . import model as m
from .schedule import Schedule

NO_PROGRAMME = "(no programme)"
HEALTH_ORDER = {"red": 0, "amber": 1, "green": 2}

TIMELINE_COLUMNS = ["id", "name", "programme", "programme_name", "objectives", "owner", "status", "health",
                    "funding", "planned_start", "planned_end", "forecast_start", "forecast_end", "slip_days",
                    "float_days", "critical", "overdue"]


def timeline_frame(ws: m.Workspace, sched: Schedule, as_of: date) -> pd.DataFrame:
    """One row per loaded project, by programme (plan order; none last) then forecast start.

    `objectives` is a tuple of ids; `overdue` is the contract's notion (not completed
    or cancelled, forecast end before `as_of`). Cancelled projects have no forecast.
    """
    names = {p.id: p.name for p in ws.plan.programmes} if ws.plan else {}
    rows = []
    for pid, s in sched.projects.items():
        p = ws.projects[pid]
        rows.append((pid, p.name, p.programme or NO_PROGRAMME, names.get(p.programme, p.programme or NO_PROGRAMME),
                     p.objectives, p.owner, p.status, p.health, p.budget.funding if p.budget else None,
                     s.planned_start, s.planned_end, s.forecast_start, s.forecast_end, s.slip_days, s.float_days,
                     s.critical, s.forecast_end is not None and p.status != "completed" and s.forecast_end < as_of))
    frame = pd.DataFrame(rows, columns=TIMELINE_COLUMNS)
    for col in ("slip_days", "float_days"):
        frame[col] = frame[col].astype("Int64")
    rank = {g.id: i for i, g in enumerate(ws.plan.programmes)} if ws.plan else {}
    order = frame.assign(
        _rank=frame["programme"].map(lambda p: rank.get(p, len(rank) + (p == NO_PROGRAMME))),
        _fs=frame["forecast_start"].fillna(frame["planned_start"]))
    order = order.sort_values(["_rank", "programme_name", "_fs", "id"], kind="stable")
    return frame.loc[order.index].reset_index(drop=True)


def select(frame: pd.DataFrame, ids=None, critical_only: bool = False) -> pd.DataFrame:
    """The rows of `ids` (e.g. `filters.matches(ws, f)`; None = all), optionally only critical ones."""
    keep = pd.Series(True, index=frame.index) if ids is None else frame["id"].isin(set(ids))
    if critical_only:
        keep &= frame["critical"]
    return frame[keep].reset_index(drop=True)


def page_of(frame: pd.DataFrame, page: int, size: int) -> tuple[pd.DataFrame, int]:
    """Rows of page `page` (1-based, clamped to the last page) and the number of pages."""
    pages = max(1, -(-len(frame) // size))
    page = min(max(page, 1), pages)
    return frame.iloc[(page - 1) * size: page * size].reset_index(drop=True), pages


def programme_rollup(frame: pd.DataFrame) -> pd.DataFrame:
    """One row per programme: earliest start, latest end (planned and forecast), worst health, counts.

    Cancelled projects are left out of the dates (they have no forecast), counted in `projects`.
    """
    live = frame[frame["forecast_start"].notna()]
    groups = live.groupby(["programme", "programme_name"], sort=False, dropna=False)
    rolled = groups.agg(planned_start=("planned_start", "min"), planned_end=("planned_end", "max"),
                        forecast_start=("forecast_start", "min"), forecast_end=("forecast_end", "max"),
                        slip_days=("slip_days", "max"), critical=("critical", "any"), overdue=("overdue", "sum"),
                        health=("health", _worst_health)).reset_index()
    counts = frame.groupby("programme").size().rename("projects")
    rolled = rolled.join(counts, on="programme")
    rolled["status"] = [_status_mix(frame[frame["programme"] == p]["status"]) for p in rolled["programme"]]
    rolled["overdue"] = rolled["overdue"].astype(int)
    return rolled.reset_index(drop=True)  # in the frame's order of programmes


def _worst_health(values: pd.Series) -> str | None:
    known = [v for v in values if v in HEALTH_ORDER]
    return min(known, key=HEALTH_ORDER.__getitem__) if known else None


def _status_mix(values: pd.Series) -> str:
    """The most common status of a programme's projects, cancelled ones aside where others exist."""
    counts = values[values != "cancelled"].value_counts() if (values != "cancelled").any() else values.value_counts()
    return str(counts.index[0]) if len(counts) else "proposed"


def milestones_for(sched: Schedule, ids) -> pd.DataFrame:
    """Milestones of the given projects: project, name, planned, forecast, done."""
    wanted = set(ids)
    return pd.DataFrame([(x.project, x.name, x.planned, x.forecast, x.done) for x in sched.milestones
                         if x.project in wanted],
                        columns=["project", "name", "planned", "forecast", "done"])


def conflict_frame(sched: Schedule) -> pd.DataFrame:
    """Plans that start before a dependency allows: project, predecessor, lag, planned_start, earliest_start, days."""
    rows = [(c.project, c.predecessor, c.lag, c.planned_start, c.earliest_start, c.days) for c in sched.conflicts]
    frame = pd.DataFrame(rows, columns=["project", "predecessor", "lag", "planned_start", "earliest_start", "days"])
    return frame.sort_values(["days", "project"], ascending=[False, True], kind="stable").reset_index(drop=True)
