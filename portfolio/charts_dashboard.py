"""Altair charts of the overview and the board report. Each takes a frame from `dashboard` or
`alignment` and returns a chart with a title and a legend; `select=True` adds a click
selection (param `SELECTION`) the app uses to drill down to the rows behind a mark.

Charts never hold more rows than marks: the frames are aggregated before they get
here, so a 10,000-project portfolio draws as fast as the example.
"""
from __future__ import annotations

import altair as alt
import pandas as pd

from . import model as m

SELECTION = "pick"
HEALTH_COLOURS = {"green": "#2e7d32", "amber": "#f9a825", "red": "#c62828", "not set": "#9e9e9e"}
ZONE_COLOURS = {"low": "#c8e6c9", "medium": "#ffe082", "high": "#ef9a9a"}
MEASURE_COLOURS = {"Planned": "#90caf9", "Spent": "#1565c0"}
TOP_SLIPS = 15


def _select(chart: alt.Chart, fields: list[str], select: bool) -> alt.Chart:
    if not select:
        return chart
    return chart.add_params(alt.selection_point(name=SELECTION, fields=fields, on="click", clear="dblclick"))


def status_health(frame: pd.DataFrame, *, select: bool = False) -> alt.Chart:
    """Projects per status (lifecycle order), stacked by health."""
    statuses = [s for s in m.STATUSES if s in set(frame["status"])]
    chart = alt.Chart(frame, title="Projects by status and health").mark_bar().encode(
        y=alt.Y("status:N", sort=statuses, title=None),
        x=alt.X("projects:Q", title="Projects", axis=alt.Axis(tickMinStep=1, format="d")),
        color=alt.Color("health:N", title="Health", scale=alt.Scale(domain=list(HEALTH_COLOURS),
                                                                     range=list(HEALTH_COLOURS.values()))),
        order=alt.Order("health_rank:Q"),
        tooltip=["status:N", "health:N", "projects:Q"],
    ).transform_calculate(
        health_rank="indexof(['green', 'amber', 'red', 'not set'], datum.health)"
    ).properties(height=alt.Step(28))
    return _select(chart, ["status", "health"], select)


def burn(frame: pd.DataFrame, currency: str, *, select: bool = False) -> alt.Chart:
    """Planned and spent per funding source, side by side; burn rate in the tooltip."""
    long = frame.melt(id_vars=["funding", "source", "projects", "burn"], value_vars=["planned", "spent"],
                      var_name="measure", value_name="amount")
    long["measure"] = long["measure"].map({"planned": "Planned", "spent": "Spent"})
    sources = list(frame["source"])
    chart = alt.Chart(long, title=f"Budget planned vs spent by funding source ({currency})").mark_bar().encode(
        y=alt.Y("source:N", sort=sources, title=None, axis=alt.Axis(labelLimit=260)),
        yOffset=alt.YOffset("measure:N", sort=list(MEASURE_COLOURS)),
        x=alt.X("amount:Q", title=f"Amount ({currency})", axis=alt.Axis(format="~s")),
        color=alt.Color("measure:N", title=None, scale=alt.Scale(domain=list(MEASURE_COLOURS),
                                                                  range=list(MEASURE_COLOURS.values()))),
        tooltip=[alt.Tooltip("source:N", title="Funding"), "measure:N",
                 alt.Tooltip("amount:Q", format=",.0f", title=currency),
                 alt.Tooltip("burn:Q", format=".0%", title="Spent of planned"),
                 alt.Tooltip("projects:Q", title="Projects")],
    ).properties(height=alt.Step(14))
    return _select(chart, ["source"], select)


def slips(frame: pd.DataFrame, *, top: int = TOP_SLIPS, select: bool = False) -> alt.Chart:
    """The `top` largest slips in days, critical-path projects marked."""
    shown = frame.head(top).copy()
    for col in ("planned_end", "forecast_end"):  # ISO text: date objects are not JSON
        shown[col] = shown[col].map(lambda d: d.isoformat() if d is not None else None)
    shown["path"] = shown["critical"].map({True: "On the critical path", False: "Not critical"})
    more = len(frame) - len(shown)
    title = alt.TitleParams("Projects slipping: forecast end after planned end",
                            subtitle=[f"The {top} largest of {len(frame)}"] if more > 0 else [])
    chart = alt.Chart(shown, title=title).mark_bar().encode(
        y=alt.Y("project:N", sort=list(shown["project"]), title=None),
        x=alt.X("slip_days:Q", title="Slip (days)"),
        color=alt.Color("path:N", title=None, scale=alt.Scale(domain=["On the critical path", "Not critical"],
                                                               range=["#c62828", "#757575"])),
        tooltip=["project:N", "name:N", alt.Tooltip("slip_days:Q", title="Slip (days)"),
                 alt.Tooltip("planned_end:T", title="Planned end"), alt.Tooltip("forecast_end:T",
                                                                                title="Forecast end"),
                 alt.Tooltip("driven_by:N", title="Waits for")],
    ).properties(height=alt.Step(22))
    return _select(chart, ["project"], select)


def zone(score: int) -> str:
    return "high" if score >= 15 else "medium" if score >= 6 else "low"


def risk_heatmap(matrix: pd.DataFrame, *, select: bool = False) -> alt.Chart:
    """The 5 x 5 likelihood x impact matrix, coloured by zone, with the count of open risks per cell."""
    frame = matrix.assign(zone=[zone(s) for s in matrix["score"]],
                          label=[str(n) if n else "" for n in matrix["risks"]])
    base = alt.Chart(frame).encode(
        x=alt.X("impact:O", title="Impact", sort=[1, 2, 3, 4, 5], axis=alt.Axis(labelAngle=0)),
        y=alt.Y("likelihood:O", title="Likelihood", sort=[5, 4, 3, 2, 1]),
    )
    cells = base.mark_rect(stroke="white", strokeWidth=2).encode(
        color=alt.Color("zone:N", title="Zone (score)", scale=alt.Scale(
            domain=list(ZONE_COLOURS), range=list(ZONE_COLOURS.values())),
            legend=alt.Legend(labelExpr="{'low': 'low (1-5)', 'medium': 'medium (6-14)', "
                                        "'high': 'high (15-25)'}[datum.label]")),
        tooltip=["likelihood:O", "impact:O", "score:Q", alt.Tooltip("risks:Q", title="Open risks")],
    )
    cells = _select(cells, ["likelihood", "impact"], select)
    text = base.mark_text(fontSize=14, fontWeight="bold").encode(text="label:N")
    return (cells + text).properties(title="Open risks: likelihood x impact", width=300, height=300)


def alignment(summary: pd.DataFrame) -> alt.Chart:
    """Projects serving each objective: active (approved, in progress) and the others."""
    long = pd.DataFrame(
        [{"objective": r.name, "kind": "Active", "projects": int(r.active)} for r in summary.itertuples()]
        + [{"objective": r.name, "kind": "Other statuses", "projects": int(r.projects - r.active)}
           for r in summary.itertuples()],
        columns=["objective", "kind", "projects"])
    return alt.Chart(long, title="Projects serving each objective").mark_bar().encode(
        y=alt.Y("objective:N", sort=list(summary["name"]), title=None, axis=alt.Axis(labelLimit=260)),
        x=alt.X("projects:Q", title="Projects", axis=alt.Axis(tickMinStep=1, format="d")),
        color=alt.Color("kind:N", title=None, scale=alt.Scale(domain=["Active", "Other statuses"],
                                                               range=["#1565c0", "#bdbdbd"])),
        tooltip=["objective:N", "kind:N", "projects:Q"],
    ).properties(height=alt.Step(24))
