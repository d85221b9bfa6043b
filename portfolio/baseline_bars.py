"""Baseline bars: each project's dates in an approved past plan, drawn behind today's.

`frame` lines up a baseline workspace (from `revisions.load_at`) with the current one;
`chart` draws it as an Altair chart: a wide dashed outline for the baseline's planned
dates, the current planned dates inside it, and a thin dark bar for the forecast.
A bar covers its end day (dates are inclusive), so it is drawn to end + 1.
"""
from __future__ import annotations

from datetime import timedelta

import altair as alt
import pandas as pd

from . import model as m
from .schedule import Schedule

COLUMNS = ["id", "name", "baseline_start", "baseline_end", "start", "end", "forecast_start", "forecast_end",
           "slip_days", "in_baseline"]
MAX_ROWS = 500
ROW_STEP = 24


def frame(baseline: m.Workspace, current: m.Workspace, sched: Schedule | None = None) -> pd.DataFrame:
    """One row per project of `current`, in its order.

    baseline_start/baseline_end: the planned dates in `baseline` (missing when the
    project was added since: `in_baseline` False). start/end: planned now.
    forecast_start/forecast_end: from `sched` (missing without one, or when cancelled).
    slip_days: current planned end - baseline planned end.
    """
    rows = []
    for pid, p in current.projects.items():
        b = baseline.projects.get(pid)
        s = sched.projects.get(pid) if sched is not None else None
        rows.append((pid, p.name, b.start if b else None, b.end if b else None, p.start, p.end,
                     s.forecast_start if s else None, s.forecast_end if s else None,
                     (p.end - b.end).days if b else None, b is not None))
    out = pd.DataFrame(rows, columns=COLUMNS)
    out["slip_days"] = out["slip_days"].astype("Int64")
    return out


def _day(d) -> str | None:
    return None if d is None or pd.isna(d) else d.isoformat()


def _after(d) -> str | None:
    return None if d is None or pd.isna(d) else (d + timedelta(days=1)).isoformat()


def chart(data: pd.DataFrame, width: int = 620) -> alt.LayerChart:
    """Rows of `frame` (filter or page it first: at most MAX_ROWS) as baseline, planned and forecast bars."""
    if len(data) > MAX_ROWS:
        raise ValueError(f"{len(data)} projects in one chart is too many to draw; filter or page the frame first")
    rows = []
    for i, r in enumerate(data.itertuples(index=False)):
        common = {"order": i, "label": f"{r.name} ({r.id})", "id": r.id,
                  "baseline": f"{_day(r.baseline_start)} to {_day(r.baseline_end)}" if r.in_baseline
                  else "not in the baseline (added since)",
                  "planned": f"{_day(r.start)} to {_day(r.end)}",
                  "forecast": f"{_day(r.forecast_start)} to {_day(r.forecast_end)}" if _day(r.forecast_start)
                  else "not scheduled",
                  "slip_days": None if pd.isna(r.slip_days) else int(r.slip_days)}
        if r.in_baseline:
            rows.append({**common, "kind": "baseline", "start": _day(r.baseline_start), "end": _after(r.baseline_end)})
        rows.append({**common, "kind": "planned", "start": _day(r.start), "end": _after(r.end)})
        if _day(r.forecast_start):
            rows.append({**common, "kind": "forecast", "start": _day(r.forecast_start), "end": _after(r.forecast_end)})
    table = pd.DataFrame(rows) if rows else pd.DataFrame(columns=["kind", "label", "order", "start", "end"])
    y = alt.Y("label:N", title=None, sort=alt.EncodingSortField("order", order="ascending"),
              axis=alt.Axis(labelLimit=280))
    x = alt.X("start:T", title=None, scale=alt.Scale(type="utc"),
              axis=alt.Axis(format="%Y-%m", labelAngle=0, orient="top", grid=True))
    tooltip = [alt.Tooltip("label:N", title="project"), alt.Tooltip("baseline:N"), alt.Tooltip("planned:N"),
               alt.Tooltip("forecast:N"), alt.Tooltip("slip_days:Q", title="end moved since the baseline (days)")]
    base = alt.Chart()
    layers = [
        base.mark_bar(color="#eeeeee", stroke="#616161", strokeDash=[4, 2], strokeWidth=1, size=18)
        .encode(y=y, x=x, x2="end:T", tooltip=tooltip).transform_filter(alt.datum.kind == "baseline"),
        base.mark_bar(color="#64b5f6", size=10).encode(y=y, x=x, x2="end:T", tooltip=tooltip)
        .transform_filter(alt.datum.kind == "planned"),
        base.mark_bar(color="#263238", size=3).encode(y=y, x=x, x2="end:T", tooltip=tooltip)
        .transform_filter(alt.datum.kind == "forecast"),
    ]
    return alt.layer(*layers, data=table).properties(width=width, height=alt.Step(ROW_STEP))
