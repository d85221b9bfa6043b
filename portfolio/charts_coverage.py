"""Altair charts of catalog coverage; each takes a frame from `portfolio.coverage` and returns a chart.

Colours are `coverage.STATE_COLOURS` (green delivered to red uncovered), and every
cell also carries its state's letter, so colour is never the only cue.
"""
from __future__ import annotations

import json

import altair as alt
import pandas as pd

from .coverage import ITEM_STATE_COLUMN, STATE_COLOURS, STATES

#: Name of the point selection on the heatmap; the page reads `event.selection[SELECTION]`.
SELECTION = "item"


def state_scale(states: tuple[str, ...] = STATES) -> alt.Scale:
    return alt.Scale(domain=list(states), range=[STATE_COLOURS[s] for s in states])


def heatmap(frame: pd.DataFrame, columns: list[str], title: str = "") -> alt.LayerChart:
    """Items (rows, catalog order) x projects or programmes (columns), cells coloured by state.

    `frame` is `coverage.heatmap_frame`; the first column is each item's own state,
    so gaps show as a red cell on an otherwise empty row. Parent rows are bold.
    Clicking a cell selects its item (a point selection named `SELECTION` on `item`); a click
    on a cell's letter counts too, as Vega-Lite takes the datum of any mark in the view.
    """
    labels = list(dict.fromkeys(frame["label"]))
    parents = sorted(set(frame.loc[~frame["leaf"].astype(bool), "label"]))
    order = [ITEM_STATE_COLUMN, *columns]
    pick = alt.selection_point(name=SELECTION, fields=["item"], on="click", clear="dblclick")
    weight = alt.expr(f"indexof({json.dumps(parents)}, datum.value) >= 0 ? 'bold' : 'normal'")
    base = alt.Chart(frame).encode(
        x=alt.X("column:N", sort=order, title=None,
                axis=alt.Axis(orient="top", labelAngle=-60, labelLimit=180, labelOverlap=False)),
        y=alt.Y("label:N", sort=labels, title=None,
                axis=alt.Axis(labelLimit=320, labelFontWeight=weight, labelOverlap=False)),
        tooltip=[alt.Tooltip("item:N"), alt.Tooltip("label:N", title="title"),
                 alt.Tooltip("column:N", title="column"), alt.Tooltip("state:N")],
    )
    cells = base.mark_rect(stroke="white", strokeWidth=1).encode(
        color=alt.Color("state:N", scale=state_scale(), title="state", sort=list(STATES)),
        opacity=alt.condition(pick, alt.value(1.0), alt.value(0.35)),
    ).add_params(pick)
    text = base.mark_text(fontSize=10).encode(
        text="code:N", color=alt.condition(alt.datum.state == "delivered", alt.value("white"), alt.value("#222")),
    )
    # A fixed step per row and column: every label stays readable however many there are.
    return alt.layer(cells, text).properties(
        title=title, height=alt.Step(17), width=alt.Step(22))


def curve_chart(points: pd.DataFrame, covered_ratio: float, period_end=None, title: str = "") -> alt.LayerChart:
    """The share of leaves delivered by each day (a step line), and how far the portfolio could go.

    `points` is `coverage.curve`; the dashed rule is the coverage ratio (leaves some
    live project names): the gap between the line's end and the rule is what the plan
    does not deliver by `period_end`, or at all.
    """
    line = alt.Chart(points).mark_line(interpolate="step-after", point=True,
                                        color=STATE_COLOURS["delivered"]).encode(
        x=alt.X("date:T", title=None),
        y=alt.Y("ratio:Q", title="items delivered", scale=alt.Scale(domain=[0, 1]),
                axis=alt.Axis(format="%")),
        tooltip=[alt.Tooltip("date:T"), alt.Tooltip("delivered:Q", title="items delivered"),
                 alt.Tooltip("ratio:Q", format=".0%", title="share")],
    )
    ceiling = alt.Chart(pd.DataFrame({"ratio": [covered_ratio], "what": ["covered by a live project"]})) \
        .mark_rule(strokeDash=[5, 4], color="#555").encode(y="ratio:Q", tooltip=[
            alt.Tooltip("what:N", title=""), alt.Tooltip("ratio:Q", format=".0%", title="share")])
    layers = [line, ceiling]
    if period_end is not None:
        layers.append(alt.Chart(pd.DataFrame({"date": [pd.Timestamp(period_end)], "what": ["end of the plan"]}))
                      .mark_rule(color="#999").encode(x="date:T", tooltip=[alt.Tooltip("what:N", title=""),
                                                                           alt.Tooltip("date:T")]))
    return alt.layer(*layers).properties(title=title, height=260)


def group_bars(frame: pd.DataFrame, title: str = "") -> alt.Chart:
    """Leaves per state under each top-level item (`coverage.group_frame`), stacked, catalog order."""
    labels = list(dict.fromkeys(frame["label"]))
    return alt.Chart(frame).mark_bar().encode(
        x=alt.X("leaves:Q", title="items", stack="zero"),
        y=alt.Y("label:N", sort=labels, title=None, axis=alt.Axis(labelLimit=320)),
        color=alt.Color("state:N", scale=state_scale(), title="state", sort=list(STATES)),
        order=alt.Order("order:Q"),
        tooltip=["item:N", "state:N", "leaves:Q"],
    ).properties(title=title)
