"""Altair charts of the schedule: a Gantt-like timeline per project or per programme.

Each function takes a small frame from `portfolio.timeline` and returns an Altair
chart; nothing here reads files or knows about Streamlit. Grey bars are the plan,
coloured bars the forecast, a black outline marks the critical path, diamonds are
milestones (hollow when done) and the dashed red rule is today.

Dates are drawn on a UTC scale and shown in tooltips as ISO text, so a viewer's
time zone never shifts a date by a day. A bar covers its end day (both dates are
inclusive), so it is drawn to the end date + 1.
"""
from __future__ import annotations

from datetime import date, timedelta

import altair as alt
import pandas as pd

from .model import HEALTHS, STATUSES

#: More rows than this in one chart means the caller forgot to page or roll up.
MAX_ROWS = 500
ROW_STEP = 22
HEALTH_COLORS = {"green": "#2e7d32", "amber": "#f0a202", "red": "#c62828", "unknown": "#9e9e9e"}
STATUS_COLORS = {"proposed": "#bdbdbd", "approved": "#64b5f6", "in-progress": "#1e88e5", "on-hold": "#ff8f00",
                 "completed": "#43a047", "cancelled": "#6d4c41"}
COLOR_BY = ("health", "status")


def _iso(d) -> str | None:
    return None if d is None or pd.isna(d) else d.isoformat()


def _after(d) -> str | None:
    return None if d is None or pd.isna(d) else (d + timedelta(days=1)).isoformat()


def _color(color_by: str) -> alt.Color:
    if color_by not in COLOR_BY:
        raise ValueError(f"color_by must be one of {COLOR_BY}, not {color_by!r}")
    palette = HEALTH_COLORS if color_by == "health" else STATUS_COLORS
    domain = [*HEALTHS, "unknown"] if color_by == "health" else list(STATUSES)
    return alt.Color("colour:N", title=color_by,
                     scale=alt.Scale(domain=domain, range=[palette[d] for d in domain]))


def _labels(frame: pd.DataFrame, name: str, key: str) -> pd.Series:
    """Row labels: the name, with the id added where two rows share a name."""
    dup = frame[name].duplicated(keep=False)
    return frame[name].where(~dup, frame[name] + " (" + frame[key] + ")")


def _data(rows: list[dict]) -> pd.DataFrame:
    """The chart's one dataset; day counts stay whole numbers where some are missing."""
    if not rows:
        return pd.DataFrame(columns=["kind", "label", "order", "start", "end"])
    data = pd.DataFrame(rows)
    for col in ("slip_days", "float_days"):
        if col in data:
            data[col] = data[col].astype("Int64")
    return data


def _aria_forecast(label: str, row: dict) -> str:
    slip = f", slip {row['slip_days']} days" if row.get("slip_days") else ""
    return f"{label}: forecast {row['forecast']}{slip}" + (", critical path" if row["critical"] else "")


def _layers(data: pd.DataFrame, today: date, tooltip: list, colour: alt.Color,
            with_milestones: bool) -> alt.LayerChart:
    y = alt.Y("label:N", title=None, sort=alt.EncodingSortField("order", order="ascending"),
              axis=alt.Axis(labelLimit=280))
    x = alt.X("start:T", title=None, scale=alt.Scale(type="utc"),
              axis=alt.Axis(format="%Y-%m", labelAngle=0, orient="top", grid=True))
    base = alt.Chart()
    aria = alt.Description("aria:N")  # what a screen reader (and the browser test) reads for each mark
    planned = base.mark_bar(color="#cfcfcf", size=14).encode(
        y=y, x=x, x2="end:T", description=aria).transform_filter(alt.datum.kind == "planned")
    forecast = base.mark_bar(size=8, stroke="#111111").encode(
        y=y, x=x, x2="end:T", color=colour, description=aria,
        strokeWidth=alt.condition(alt.datum.critical, alt.value(2), alt.value(0)),
        tooltip=tooltip).transform_filter(alt.datum.kind == "forecast")
    layers = [planned, forecast]
    if with_milestones:
        layers.append(base.mark_point(shape="diamond", size=70, color="#37474f").encode(
            y=y, x=x, fill=alt.condition(alt.datum.done, alt.value("white"), alt.value("#37474f")), description=aria,
            tooltip=[alt.Tooltip("milestone:N", title="milestone"), alt.Tooltip("project:N"),
                     alt.Tooltip("forecast_text:N", title="forecast"), alt.Tooltip("planned_text:N", title="planned"),
                     alt.Tooltip("done:N")]).transform_filter(alt.datum.kind == "milestone"))
    layers.append(base.mark_rule(color="#d32f2f", strokeDash=[4, 3], size=1.5).encode(
        x=alt.XDatum(alt.DateTime(year=today.year, month=today.month, date=today.day, utc=True), type="temporal"),
        description=alt.value(f"today, {today.isoformat()}")))
    return alt.layer(*layers, data=data)


def timeline_chart(frame: pd.DataFrame, milestones: pd.DataFrame | None, today: date, *,
                   color_by: str = "health", group: bool = True, width: int = 620) -> alt.Chart:
    """One row per project of `frame` (from `timeline.timeline_frame`, already filtered and paged).

    `group` stacks one panel per programme. `milestones` (from `timeline.milestones_for`)
    are drawn at their forecast dates on their project's row.
    """
    if len(frame) > MAX_ROWS:
        raise ValueError(f"{len(frame)} projects in one chart is too many to draw; page the frame "
                         f"(timeline.page_of) or roll it up by programme (timeline.programme_rollup)")
    colour = _color(color_by)
    rows = []
    labels = _labels(frame, "name", "id")
    for i, (r, label) in enumerate(zip(frame.itertuples(index=False), labels)):
        common = {"order": i, "label": label, "id": r.id, "name": r.name, "programme": r.programme_name,
                  "status": r.status, "health": r.health or "unknown", "critical": bool(r.critical),
                  "colour": (r.health or "unknown") if color_by == "health" else r.status,
                  "planned": f"{_iso(r.planned_start)} to {_iso(r.planned_end)}",
                  "forecast": f"{_iso(r.forecast_start)} to {_iso(r.forecast_end)}" if _iso(r.forecast_start)
                  else "not scheduled (cancelled)",
                  "slip_days": None if pd.isna(r.slip_days) else int(r.slip_days),
                  "float_days": None if pd.isna(r.float_days) else int(r.float_days), "overdue": bool(r.overdue)}
        rows.append({**common, "kind": "planned", "start": _iso(r.planned_start), "end": _after(r.planned_end),
                     "aria": f"{label}: planned {common['planned']}"})
        if _iso(r.forecast_start):
            rows.append({**common, "kind": "forecast", "start": _iso(r.forecast_start),
                         "end": _after(r.forecast_end), "aria": _aria_forecast(label, common)})
    if milestones is not None and len(milestones):
        where = {r["id"]: r for r in rows if r["kind"] == "planned"}
        for ms in milestones.itertuples(index=False):
            row = where.get(ms.project)
            if row is not None:
                rows.append({"order": row["order"], "label": row["label"], "programme": row["programme"],
                             "kind": "milestone", "start": _iso(ms.forecast), "milestone": ms.name,
                             "project": ms.project, "done": bool(ms.done), "forecast_text": _iso(ms.forecast),
                             "planned_text": _iso(ms.planned),
                             "aria": f"{row['label']}: milestone {ms.name}, {_iso(ms.forecast)}"
                                     + (" (done)" if ms.done else "")})
    data = _data(rows)
    tooltip = [alt.Tooltip("name:N"), alt.Tooltip("id:N"), alt.Tooltip("programme:N"), alt.Tooltip("status:N"),
               alt.Tooltip("health:N"), alt.Tooltip("planned:N"), alt.Tooltip("forecast:N"),
               alt.Tooltip("slip_days:Q", title="slip (days)"), alt.Tooltip("float_days:Q", title="float (days)"),
               alt.Tooltip("critical:N"), alt.Tooltip("overdue:N")]
    chart = _layers(data, today, tooltip, colour, milestones is not None)
    description = f"Timeline of {len(frame)} projects: planned and forecast bars, milestones, today"
    if not group:
        return chart.properties(width=width, height=alt.Step(ROW_STEP), description=description)
    return chart.properties(width=width, height=alt.Step(ROW_STEP)).facet(
        row=alt.Row("programme:N", title=None, sort=list(dict.fromkeys(frame["programme_name"])),
                    header=alt.Header(labelAngle=0, labelAlign="left", labelAnchor="start", labelFontWeight="bold",
                                      labelOrient="top")),
        spacing=6, description=description).resolve_scale(y="independent")


def programme_chart(rollup: pd.DataFrame, today: date, *, color_by: str = "health", width: int = 620) -> alt.Chart:
    """One row per programme (from `timeline.programme_rollup`): its span planned and forecast.

    Colour is the worst health of its projects, or their most common status.
    """
    colour = _color(color_by)
    rows = []
    for i, r in enumerate(rollup.itertuples(index=False)):
        common = {"order": i, "label": r.programme_name, "programme": r.programme_name, "projects": int(r.projects),
                  "critical": bool(r.critical), "colour": (r.health or "unknown") if color_by == "health"
                  else r.status, "health": r.health or "unknown", "status": r.status,
                  "planned": f"{_iso(r.planned_start)} to {_iso(r.planned_end)}",
                  "forecast": f"{_iso(r.forecast_start)} to {_iso(r.forecast_end)}",
                  "slip_days": None if pd.isna(r.slip_days) else int(r.slip_days), "overdue": int(r.overdue)}
        rows.append({**common, "kind": "planned", "start": _iso(r.planned_start), "end": _after(r.planned_end),
                     "aria": f"{r.programme_name}: planned {common['planned']}"})
        rows.append({**common, "kind": "forecast", "start": _iso(r.forecast_start), "end": _after(r.forecast_end),
                     "aria": _aria_forecast(r.programme_name, common)})
    data = _data(rows)
    tooltip = [alt.Tooltip("programme:N"), alt.Tooltip("projects:Q"), alt.Tooltip("planned:N"),
               alt.Tooltip("forecast:N"), alt.Tooltip("slip_days:Q", title="largest slip (days)"),
               alt.Tooltip("health:N", title="worst health"), alt.Tooltip("status:N", title="most common status"),
               alt.Tooltip("critical:N", title="on the critical path"), alt.Tooltip("overdue:Q")]
    return _layers(data, today, tooltip, colour, False).properties(
        width=width, height=alt.Step(ROW_STEP), description=f"Timeline of {len(rollup)} programmes: planned and "
                                                            "forecast span of each")
