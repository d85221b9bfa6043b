"""Altair charts of maturity results; each takes a frame from `maturity_report` and returns a chart.

Colours follow the CAREC study's legend: key areas at risk, at the simple pilot level,
at the complex pilot level - red, amber, green - generalised to a model's bands from
lowest to highest. Cells with no score are grey (n/a) or blank (not assessed).
"""
from __future__ import annotations

import altair as alt

from . import model as m
from .maturity import ordered_bands

#: lowest band first; a model with n bands uses the first n-1 and the last
BAND_COLOURS = ("#d7301f", "#f0a020", "#fee08b", "#91cf60", "#1a9850")
NA_COLOUR = "#bdbdbd"
OUTCOME_COLOURS = {"met": "#1a9850", "late": "#f0a020", "short": "#d7301f", "no-project": "#6a3d9a"}


def band_scale(model: m.MaturityModel) -> alt.Scale:
    """Band name -> colour, lowest band red, highest green."""
    names = [b.name for b in ordered_bands(model)]
    if not names:
        return alt.Scale(scheme="blues")
    if len(names) == 1:
        colours = [BAND_COLOURS[-1]]
    elif len(names) == 3:
        colours = [BAND_COLOURS[0], BAND_COLOURS[1], BAND_COLOURS[-1]]
    else:
        step = (len(BAND_COLOURS) - 1) / (len(names) - 1)
        colours = [BAND_COLOURS[round(i * step)] for i in range(len(names))]
    return alt.Scale(domain=names, range=colours)


def _colour(model: m.MaturityModel, title: str = "band") -> alt.Color:
    if model.bands:
        return alt.Color("band:N", scale=band_scale(model), title=title,
                         sort=[b.name for b in ordered_bands(model)], legend=alt.Legend(orient="bottom"))
    return alt.Color("score:Q", scale=alt.Scale(scheme="blues", domain=[model.scale.min, model.scale.max]),
                     title="score", legend=alt.Legend(orient="bottom"))


def heatmap(frame, model: m.MaturityModel) -> alt.Chart:
    """Administrations (rows) x key areas and group averages (columns), cells coloured by band."""
    areas = list(dict.fromkeys(frame.sort_values("order")["area"])) if len(frame) else []
    base = alt.Chart(frame).encode(
        x=alt.X("area:N", sort=areas, title=None,
                axis=alt.Axis(labelAngle=-45, labelLimit=260, labelOverlap=False, orient="top")),
        y=alt.Y("administration:N", title=None, axis=alt.Axis(labelLimit=320)),
        tooltip=["administration:N", "group:N", "area:N", alt.Tooltip("score:Q", format=".2f"),
                 "state:N", "band:N"],
    )
    scored = base.transform_filter(alt.datum.state == "scored").mark_rect(stroke="white").encode(
        color=_colour(model))
    na = base.transform_filter(alt.datum.state == "n/a").mark_rect(color=NA_COLOUR, stroke="white")
    text = base.mark_text(fontSize=11).encode(text="label:N")
    return (scored + na + text).properties(width=alt.Step(36), height=alt.Step(26),
                                           padding={"left": 5, "top": 5, "right": 90, "bottom": 5})


def profile(frame, model: m.MaturityModel) -> alt.Chart:
    """One administration's score per key area, coloured by band, with the band thresholds as rules."""
    order = list(frame["area"]) if len(frame) else []
    y = alt.Y("area:N", sort=order, title=None, axis=alt.Axis(labelLimit=300, labelOverlap=False))
    bars = alt.Chart(frame).transform_filter(alt.datum.state == "scored").mark_bar().encode(
        x=alt.X("score:Q", scale=alt.Scale(domain=[model.scale.min, model.scale.max], zero=False), title="score"),
        x2=alt.datum(model.scale.min),  # bars grow from the bottom of the scale, not from 0
        y=y,
        color=_colour(model),
        tooltip=["group:N", "area:N", "score:Q", "band:N"],
    )
    missing = alt.Chart(frame).transform_filter(alt.datum.state != "scored").mark_text(
        align="left", dx=4, color="#555").encode(
        x=alt.value(0), y=y, text="state:N")
    layers = [bars, missing]
    thresholds = [{"band": b.name, "min": b.min} for b in ordered_bands(model)[1:]]
    if thresholds:
        layers.append(alt.Chart(alt.Data(values=thresholds)).mark_rule(strokeDash=[4, 3]).encode(
            x="min:Q", tooltip=["band:N", "min:Q"]))
    return alt.layer(*layers).properties(height=alt.Step(22))


def trend(frame, model: m.MaturityModel) -> alt.Chart:
    """Group averages of one administration across its assessments."""
    return alt.Chart(frame).mark_line(point=True).encode(
        x=alt.X("date:T", title="assessment date"),
        y=alt.Y("average:Q", scale=alt.Scale(domain=[model.scale.min, model.scale.max]), title="average"),
        color=alt.Color("group:N", title="group"),
        tooltip=[alt.Tooltip("date:T"), "group:N", "average:Q", "partial:N"],
    )


def projection(steps, targets) -> alt.Chart:
    """Projected level per dimension as a step line, the plan's targets as points coloured by outcome."""
    lines = alt.Chart(steps).mark_line(interpolate="step-after", point=True).encode(
        x=alt.X("date:T", title=None),
        y=alt.Y("level:Q", title="projected level"),
        color=alt.Color("series:N", title="dimension", legend=alt.Legend(labelLimit=360, orient="bottom",
                                                                          columns=2)),
        tooltip=["series:N", alt.Tooltip("date:T"), "level:Q", "projects:N"],
    )
    marks = alt.Chart(targets).mark_point(shape="diamond", size=160, filled=True, stroke="black",
                                          strokeWidth=0.5, opacity=1).encode(
        x="date:T", y="level:Q",
        fill=alt.Fill("outcome:N", title="target",
                      scale=alt.Scale(domain=list(OUTCOME_COLOURS), range=list(OUTCOME_COLOURS.values()))),
        tooltip=["series:N", alt.Tooltip("date:T", title="by"), "level:Q", "outcome:N", "reached_on:N",
                 "days_late:Q"],
    )
    return alt.layer(lines, marks).resolve_scale(color="independent")
