"""Maturity results as rows and frames: the one shape the CLI, the exports and the app share.

Rows are plain dicts (JSON- and CSV-ready); frames are the same rows in pandas for
the app and the charts. Published precision: `average` is rounded half up to one
decimal (see `maturity.round_half_up`); `exact` keeps the unrounded mean.
"""
from __future__ import annotations

from datetime import date, timedelta
from typing import Mapping

from . import model as m
from . import maturity as mt
from . import projection as pj

#: columns of `portfolio maturity --format csv` (the default, one row per assessment and group)
ASSESSMENT_COLUMNS = ("administration", "model", "date", "group", "average", "partial")
#: columns of `portfolio maturity --format csv --by dimension`
DIMENSION_COLUMNS = ("model", "group", "dimension", "name", "average", "scored", "administrations")


def _exact(value) -> float | None:
    return None if value is None else float(value)


def _band(model: m.MaturityModel, value) -> str | None:
    band = mt.band_of(model, value)
    return band.id if band else None


def assessment_rows(ws: m.Workspace, model: str | None = None) -> list[dict]:
    """One row per assessment and group; the first six keys are the CSV's columns."""
    rows = []
    for g in mt.all_group_averages(ws, model):
        rows.append({
            "administration": g.administration, "model": g.model, "date": g.date.isoformat(),
            "group": g.group, "average": g.average, "partial": g.partial,
            "group_name": g.group_name, "exact": _exact(g.exact), "scored": g.scored,
            "dimensions": g.total, "na": g.na, "not_assessed": g.missing,
            "band": _band(ws.models[g.model], g.average), "path": g.path,
        })
    return rows


def dimension_rows(ws: m.Workspace, model: str | None = None) -> list[dict]:
    """One row per model dimension, averaged over each administration's latest assessment."""
    rows = []
    for model_id in sorted({a.model for a in mt.assessments_for(ws, model)}):
        mm = ws.models[model_id]
        for a in mt.area_averages(ws, model_id):
            rows.append({
                "model": a.model, "group": a.group, "dimension": a.dimension, "name": a.name,
                "average": a.average, "scored": a.scored, "administrations": a.administrations,
                "exact": _exact(a.exact), "na": a.na, "not_assessed": a.missing,
                "band": _band(mm, a.average),
            })
    return rows


def eligibility_rows(ws: m.Workspace, model: str | None = None) -> list[dict]:
    """Per administration (latest assessment), the band all its group averages reach."""
    rows = []
    for model_id in sorted({a.model for a in mt.assessments_for(ws, model)}):
        mm = ws.models[model_id]
        if not mm.bands:
            continue
        for a in mt.latest_assessments(ws, model_id):
            e = mt.eligibility(a, mm, ws.plan)
            rows.append({
                "administration": e.administration, "model": e.model, "date": e.date.isoformat(),
                "level": e.level.id if e.level else None, "level_name": e.level.name if e.level else None,
                "partial": e.partial, "at_risk": list(e.at_risk), "below_level": list(e.below_level),
                "path": e.path,
            })
    return rows


def change_rows(ws: m.Workspace, model: str | None = None) -> list[dict]:
    """Per pair of consecutive assessments of one administration, each group's change."""
    rows = []
    for c in mt.changes(ws, model):
        for before, after in c.groups:
            rows.append({
                "administration": c.administration, "model": c.model, "group": before.group,
                "before_date": c.before.isoformat(), "after_date": c.after.isoformat(),
                "before": before.average, "after": after.average, "change": c.group_delta(before.group),
                "partial": before.partial or after.partial,
                "before_partial": before.partial, "after_partial": after.partial,
            })
    return rows


def target_rows(ws: m.Workspace, forecast: Mapping[str, date] | None = None) -> list[dict]:
    """Every plan target and its outcome against the projected maturity."""
    rows = []
    for r in pj.assess_targets(ws, forecast):
        t, tr = r.target, r.trajectory
        rows.append({
            "model": t.model, "dimension": t.dimension, "name": tr.name, "level": float(t.level),
            "by": t.by.isoformat(), "outcome": r.outcome,
            "reached_on": r.reached_on.isoformat() if r.reached_on else None,
            "days_late": r.days_late, "projects": list(r.projects), "level_by": float(r.level_by),
            "baseline": tr.baseline, "baseline_source": tr.baseline_source,
            "delivered_by": [d.project for d in tr.deliveries], "cancelled": list(tr.cancelled),
        })
    return rows


# ---------------------------------------------------------------- frames for the app and charts

def heatmap_frame(ws: m.Workspace, model: str):
    """Administrations x dimensions (latest assessment each), plus each group's average.

    `kind` is "area" or "average"; `state` is "scored", "n/a" or "not assessed";
    `label` is the figure as shown (averages carry * when partial).
    """
    import pandas as pd

    mm = ws.models[model]
    rows = []
    order = 0
    for a in mt.latest_assessments(ws, model):
        who = mt.administration_of(a, ws.plan)
        for g, avg in zip(mm.groups, mt.group_averages(a, mm, ws.plan)):
            for d in g.dimensions:
                raw = a.scores.get(d.id)
                state = "not assessed" if d.id not in a.scores else "n/a" if raw is None else "scored"
                rows.append({"administration": who, "group": g.name, "area": d.name, "dimension": d.id,
                             "kind": "area", "score": None if raw is None else float(raw), "state": state,
                             "label": f"{float(raw):.1f}" if raw is not None else ("n/a" if state == "n/a" else ""),
                             "band": _band_name(mm, raw), "order": order})
                order += 1
            rows.append({"administration": who, "group": g.name, "area": f"{g.name} average",
                         "dimension": f"{g.id}-average", "kind": "average", "score": avg.average,
                         "state": "scored" if avg.average is not None else "not assessed",
                         "label": "" if avg.average is None else f"{avg.average:.1f}{'*' if avg.partial else ''}",
                         "band": _band_name(mm, avg.average), "order": order})
            order += 1
    return pd.DataFrame(rows, columns=["administration", "group", "area", "dimension", "kind", "score",
                                       "state", "label", "band", "order"])


def _band_name(model: m.MaturityModel, value) -> str | None:
    band = mt.band_of(model, value)
    return band.name if band else None


def administration_frame(ws: m.Workspace, model: str):
    """One row per assessment: each group's published average and band, and which are partial.

    `partial` names the partial groups with how many dimensions they average, e.g.
    "IE readiness (2 of 10)", empty when none is.
    """
    import pandas as pd

    mm = ws.models[model]
    rows: dict[tuple, dict] = {}
    for g in mt.all_group_averages(ws, model):
        row = rows.setdefault((g.administration, g.date, g.path),
                              {"administration": g.administration, "date": g.date, "partial": ""})
        row[g.group_name] = g.average
        row[f"{g.group_name} band"] = _band_name(mm, g.average)
        if g.partial:
            note = f"{g.group_name} ({g.scored} of {g.total})"
            row["partial"] = f"{row['partial']}, {note}" if row["partial"] else note
    frame = pd.DataFrame(list(rows.values()))
    if not frame.empty:  # the partial note last, after every group's columns
        frame = frame[[c for c in frame.columns if c != "partial"] + ["partial"]]
    return frame


def area_frame(ws: m.Workspace, model: str):
    """Per dimension across administrations, strongest first (as the CAREC table is ordered)."""
    import pandas as pd

    frame = pd.DataFrame([r for r in dimension_rows(ws, model)])
    if frame.empty:
        return frame
    names = {b.id: b.name for b in ws.models[model].bands}
    frame["band"] = frame["band"].map(lambda b: names.get(b))
    frame = frame.sort_values(["average", "exact"], ascending=False, kind="stable")
    return frame[["group", "name", "average", "scored", "administrations", "band"]].reset_index(drop=True)


def profile_frame(ws: m.Workspace, assessment: m.Assessment):
    """One administration's scores per dimension, model order, with bands and states."""
    import pandas as pd

    mm = ws.models[assessment.model]
    rows = []
    for g in mm.groups:
        for d in g.dimensions:
            raw = assessment.scores.get(d.id)
            state = "not assessed" if d.id not in assessment.scores else "n/a" if raw is None else "scored"
            rows.append({"group": g.name, "dimension": d.id, "area": d.name,
                         "score": None if raw is None else float(raw), "state": state,
                         "band": _band_name(mm, raw), "evidence": assessment.evidence.get(d.id, "")})
    return pd.DataFrame(rows)


def trend_frame(ws: m.Workspace, model: str, administration: str):
    """One administration's group averages at each assessment date."""
    import pandas as pd

    rows = [{"date": pd.Timestamp(g.date), "group": g.group_name, "average": g.average,
             "partial": g.partial}
            for g in mt.all_group_averages(ws, model) if g.administration == administration]
    return pd.DataFrame(rows, columns=["date", "group", "average", "partial"])


def projection_frames(ws: m.Workspace, forecast: Mapping[str, date] | None = None):
    """(steps, targets): projected level per dimension over time, and the targets held against it.

    Each trajectory is drawn from its baseline (the assessment's date, else the plan
    start; earlier if a delivery is) to a horizon 90 days past the last delivery,
    target and plan end, so step lines end level.
    """
    import pandas as pd

    trajs = pj.trajectories(ws, forecast)
    results = pj.assess_targets(ws, forecast)
    plan_start = ws.plan.period.start if ws.plan else None
    ends = [d.date for t in trajs for d in t.deliveries] + [r.target.by for r in results]
    if ws.plan:
        ends.append(ws.plan.period.end)
    starts = [t.baseline_date for t in trajs if t.baseline_date] + ([plan_start] if plan_start else [])
    rows = []
    if trajs and ends and starts:
        first = min(starts + [d.date for t in trajs for d in t.deliveries])
        horizon = max(ends) + timedelta(days=90)
        for t in trajs:
            label = f"{t.model}: {t.name}"
            start = min([t.baseline_date or plan_start or first] + [d.date for d in t.deliveries])
            rows.append({"series": label, "model": t.model, "dimension": t.dimension, "date": pd.Timestamp(start),
                         "level": float(t.baseline), "projects": f"baseline ({t.baseline_source})"})
            for s in t.steps:
                rows.append({"series": label, "model": t.model, "dimension": t.dimension,
                             "date": pd.Timestamp(s.date), "level": float(s.level), "projects": ", ".join(s.projects)})
            rows.append({"series": label, "model": t.model, "dimension": t.dimension, "date": pd.Timestamp(horizon),
                         "level": float(t.level_on(horizon)), "projects": ""})
    steps = pd.DataFrame(rows, columns=["series", "model", "dimension", "date", "level", "projects"])
    targets = pd.DataFrame([{"series": f"{r.target.model}: {r.trajectory.name}", "model": r.target.model,
                             "dimension": r.target.dimension, "date": pd.Timestamp(r.target.by),
                             "level": float(r.target.level), "outcome": r.outcome,
                             "reached_on": r.reached_on.isoformat() if r.reached_on else "",
                             "days_late": r.days_late} for r in results],
                           columns=["series", "model", "dimension", "date", "level", "outcome", "reached_on",
                                    "days_late"])
    return steps, targets
