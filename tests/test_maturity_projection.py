"""Projected maturity, hand-worked: baselines, steps, forecast dates, and targets met, late, short or undelivered."""
from __future__ import annotations

from datetime import date

import pytest

from portfolio import projection as pj
from portfolio.schedule import schedule
from maturity_samples import TINY

PLAN_WITH_TARGETS = """\
administration: Customs Service of Testland
name: ICT Strategic Plan 2026-2028
period: {start: 2026-01-01, end: 2028-12-31}
targets:
  - {model: tiny, dimension: a, level: 4, by: 2027-04-30}   # reached 2027-03-31 planned, 2027-05-15 forecast
  - {model: tiny, dimension: d, level: 3, by: 2027-12-31}   # only a cancelled project delivers d
  - {model: tiny, dimension: b, level: 5, by: 2028-06-30}   # delivered, but only up to 3
  - {model: tiny, dimension: a, level: 2, by: 2026-06-30}   # the baseline already meets it
  - {model: tiny, dimension: e, level: 2, by: 2028-12-31}   # nobody delivers e; baseline = scale min 1
"""


def project(ws, pid, status, start, end, delivers):
    ws.project(pid, "delivers:\n" + "".join(
        f"  - {{model: tiny, dimension: {d}, level: {lvl}}}\n" for d, lvl in delivers))
    path = ws.root / f"projects/{pid}.yaml"
    text = path.read_text().replace("status: approved", f"status: {status}")
    text = text.replace("start: 2026-03-01", f"start: {start}").replace("end: 2026-09-30", f"end: {end}")
    path.write_text(text)


@pytest.fixture
def planned(ws):
    ws.write("guidelines/tiny.yaml", TINY)
    ws.write("plan.yaml", PLAN_WITH_TARGETS)
    # Baseline: the plan administration's latest assessment. a = 2 there; b is n/a there
    # (2.5 in the older one is not used); another administration's 4.5 is ignored.
    ws.write("assessments/own-2025.yaml", "model: tiny\ndate: 2025-06-01\nscores: {a: 1, b: 2.5}\n")
    ws.write("assessments/own-2026.yaml", 'model: tiny\ndate: 2026-01-10\nscores: {a: 2, b: "n/a"}\n')
    ws.write("assessments/other.yaml", "model: tiny\ndate: 2026-02-01\nadministration: Elsewhere\n"
                                       "scores: {a: 4.5, b: 4.5}\n")
    project(ws, "p1", "completed", "2026-02-01", "2026-09-30", [("a", 3)])
    project(ws, "p2", "approved", "2026-10-01", "2027-06-30", [("a", 2.5)])   # lower: no step
    project(ws, "p3", "in-progress", "2026-06-01", "2027-03-31", [("a", 4), ("b", 3)])
    project(ws, "p4", "cancelled", "2026-03-01", "2026-12-31", [("d", 5)])
    project(ws, "p5", "on-hold", "2026-05-01", "2027-03-31", [("b", 3)])     # same day, same level as p3
    loaded = ws.load()
    assert not loaded.errors, loaded.errors
    return loaded


def by_dim(trajectories):
    return {t.dimension: t for t in trajectories}


def test_baseline_is_the_latest_own_assessment_else_the_scale_min(planned):
    t = by_dim(pj.trajectories(planned))
    assert (t["a"].baseline, t["a"].baseline_date, t["a"].baseline_source) == \
        (2.0, date(2026, 1, 10), "assessments/own-2026.yaml")
    # n/a in the latest assessment: the scale minimum, not the older 2.5 and not Elsewhere's 4.5
    assert (t["b"].baseline, t["b"].baseline_date, t["b"].baseline_source) == (1.0, None, "scale minimum")
    assert t["e"].baseline == 1.0 and t["e"].deliveries == ()
    assert set(t) == {"a", "b", "d", "e"}  # c: no target, no delivery


def test_steps_rise_to_the_max_at_each_forecast_end(planned):
    a = by_dim(pj.trajectories(planned))["a"]
    assert [(s.date, s.level, s.projects) for s in a.steps] == [
        (date(2026, 9, 30), 3, ("p1",)),   # completed: counts from its end date
        (date(2027, 3, 31), 4, ("p3",)),   # p2's 2.5 on 2027-06-30 raises nothing
    ]
    assert [a.level_on(d) for d in (date(2026, 9, 29), date(2026, 9, 30), date(2027, 3, 30),
                                    date(2027, 3, 31), date(2030, 1, 1))] == [2.0, 3, 3, 4, 4]


def test_projects_finishing_the_same_day_are_listed_together(planned):
    b = by_dim(pj.trajectories(planned))["b"]
    assert [(s.date, s.level, s.projects) for s in b.steps] == [(date(2027, 3, 31), 3, ("p3", "p5"))]


def test_cancelled_projects_never_count(planned):
    d = by_dim(pj.trajectories(planned))["d"]
    assert d.deliveries == () and d.steps == () and d.cancelled == ("p4",)


def test_targets_from_planned_dates(planned):
    results = pj.assess_targets(planned)
    outcomes = [(r.target.dimension, r.target.level, r.outcome, r.reached_on, r.days_late) for r in results]
    assert outcomes == [
        ("a", 4, "met", date(2027, 3, 31), None),
        ("d", 3, "no-project", None, None),
        ("b", 5, "short", None, None),
        ("a", 2, "met", None, None),
        ("e", 2, "no-project", None, None),
    ]
    assert results[0].projects == ("p3",) and results[0].level_by == 4
    assert results[2].level_by == 3 and results[3].already_met


def test_a_forecast_slip_makes_a_target_late_by_the_slip(planned):
    forecast = {"p3": date(2027, 5, 15), "p1": date(2027, 12, 31)}  # p1 is completed: its planned end holds
    first = pj.assess_targets(planned, forecast)[0]
    assert (first.outcome, first.reached_on, first.days_late, first.projects) == \
        ("late", date(2027, 5, 15), 15, ("p3",))
    assert first.level_by == 3  # on 2027-04-30 only p1's level 3 is in
    a = by_dim(pj.trajectories(planned, forecast))["a"]
    assert a.steps[0].date == date(2026, 9, 30)


def test_forecast_dates_default_to_planned_end(planned):
    dates = pj.forecast_dates(planned, {"p2": date(2027, 8, 1)})
    assert dates == {"p1": date(2026, 9, 30), "p2": date(2027, 8, 1), "p3": date(2027, 3, 31),
                     "p5": date(2027, 3, 31)}


def test_no_plan_no_targets(ws):
    ws.write("guidelines/tiny.yaml", TINY)
    (ws.root / "plan.yaml").unlink()
    assert pj.assess_targets(ws.load()) == []


def test_scheduled_forecast_moves_a_dependent_delivery(ws):
    """With the scheduler: p-late waits for p-first, so its delivery and the target slip."""
    ws.write("guidelines/tiny.yaml", TINY)
    ws.write("plan.yaml", PLAN_WITH_TARGETS.split("targets:")[0]
             + "targets:\n  - {model: tiny, dimension: a, level: 4, by: 2027-04-30}\n")
    project(ws, "p-first", "in-progress", "2026-06-01", "2027-05-31", [("a", 3)])
    project(ws, "p-late", "approved", "2027-01-01", "2027-03-31", [("a", 4)])
    path = ws.root / "projects/p-late.yaml"
    path.write_text(path.read_text() + "depends_on: [p-first]\n")
    loaded = ws.load()
    forecast = schedule(loaded).forecast_ends()
    assert forecast["p-late"] == date(2027, 8, 29)  # starts 2027-06-01, keeps its 90 days
    (result,) = pj.assess_targets(loaded, forecast)
    assert (result.outcome, result.reached_on, result.days_late) == ("late", date(2027, 8, 29), 121)
