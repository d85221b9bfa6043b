"""What-if delays: what moves, by how much, and which plan targets and objectives are then missed."""
from __future__ import annotations

import pytest

from portfolio import model as m
from portfolio.schedule import schedule
from portfolio.whatif import target_dates, what_if

from schedule_samples import d, plan, proj, workspace


OBJECTIVES = (m.Objective("obj-connect", "A connected border"), m.Objective("obj-trade", "Trade services"))


def chain(**plan_kw):
    plan_kw.setdefault("objectives", OBJECTIVES)
    return workspace(
        proj("sw", "2027-01-01", "2028-06-30", milestones=[("agencies live", "2027-12-15"), ("mou", "2027-02-01", True)],
             objectives=("obj-connect",),
             delivers=(m.Delivery("wco-dcmm", "single-window", 3),)),
        proj("portal", "2028-07-01", "2028-10-31", deps=["sw"], objectives=("obj-trade",),
             milestones=[("beta", "2028-08-01")]),
        proj("slack", "2028-11-20", "2028-12-10", deps=["sw"]),  # 140 days of room after sw
        proj("other", "2027-01-01", "2027-03-31", objectives=("obj-trade",)),
        plan=plan(**plan_kw),
    )


def test_delay_moves_the_project_its_dependents_and_their_milestones():
    r = what_if(chain(), {"sw": 92})
    assert [(x.project, x.days, str(x.after_start), str(x.after_end)) for x in r.projects] == [
        ("portal", 92, "2028-10-01", "2029-01-31"),
        ("sw", 92, "2027-04-03", "2028-09-30"),
    ]
    assert [(x.milestone, x.name, str(x.before), str(x.after), x.days) for x in r.milestones] == [
        ("sw/m1", "agencies live", "2027-12-15", "2028-03-16", 92),  # the done one stays
        ("portal/m1", "beta", "2028-08-01", "2028-11-01", 92),
    ]
    # `slack` had 141 days between sw's end and its start: a 92-day delay does not reach it.
    assert "slack" not in {x.project for x in r.projects}
    assert r.after.projects["sw"].delay_days == 92


def test_delay_of_a_project_already_pushed_by_its_predecessor_adds_to_the_push():
    ws = workspace(proj("a", "2026-01-01", "2026-03-31"), proj("b", "2026-03-01", "2026-03-31", deps=["a"]))
    r = what_if(ws, {"b": 10})
    assert [(x.project, str(x.before_start), str(x.after_start)) for x in r.projects] == [
        ("b", "2026-04-01", "2026-04-11")]


def test_delays_on_two_projects_take_the_larger_push_downstream():
    ws = workspace(proj("a", "2026-01-01", "2026-01-31"), proj("b", "2026-01-01", "2026-01-31"),
                   proj("c", "2026-02-01", "2026-02-28", deps=["a", "b"]))
    r = what_if(ws, {"a": 5, "b": 20})
    moved = {x.project: x.days for x in r.projects}
    assert moved == {"a": 5, "b": 20, "c": 20}
    assert [x.project for x in r.projects] == ["b", "c", "a"]  # most moved first, then id


def test_objective_missed_when_an_aligned_project_moves_past_the_plan_period():
    r = what_if(chain(), {"sw": 92})
    assert [(o.objective, o.project, str(o.deadline), str(o.before), str(o.after)) for o in r.objectives] == [
        ("obj-trade", "portal", "2028-12-31", "2028-10-31", "2029-01-31")]


def test_target_missed_when_its_delivering_project_moves_past_by():
    ws = chain(targets=(m.Target("wco-dcmm", "single-window", 3, d("2028-07-31")),
                        m.Target("wco-dcmm", "single-window", 4, d("2028-12-31"))))  # nobody delivers 4
    assert target_dates(ws, schedule(ws)) == {ws.plan.targets[0]: d("2028-06-30"), ws.plan.targets[1]: None}
    r = what_if(ws, {"sw": 31})
    # 31 days: sw ends 07-31, exactly on the target date: still met.
    assert r.targets == ()
    r = what_if(ws, {"sw": 32})
    assert [(t.dimension, str(t.before), str(t.after)) for t in r.targets] == [
        ("single-window", "2028-06-30", "2028-08-01")]


def test_target_already_reached_by_an_assessment_cannot_be_missed():
    target = m.Target("wco-dcmm", "single-window", 3, d("2028-07-31"))
    assessed = m.Assessment(path="assessments/a.yaml", model="wco-dcmm", date=d("2026-06-01"),
                            scores={"single-window": 3.5})
    ws = workspace(*chain().projects.values(), plan=plan(targets=(target,), objectives=OBJECTIVES),
                   assessments=[assessed])
    assert what_if(ws, {"sw": 365}).targets == ()


def test_a_target_missed_anyway_is_not_news():
    target = m.Target("wco-dcmm", "single-window", 3, d("2028-01-31"))  # sw ends 2028-06-30: already late
    ws = workspace(*chain().projects.values(), plan=plan(targets=(target,)))
    assert what_if(ws, {"sw": 30}).targets == ()


def test_zero_delay_moves_nothing():
    r = what_if(chain(), {"portal": 0})
    assert (r.projects, r.milestones, r.targets, r.objectives) == ((), (), (), ())


def test_frame_lists_projects_then_milestones():
    f = what_if(chain(), {"sw": 92}).frame()
    assert list(f.columns) == ["kind", "project", "milestone", "name", "before", "after", "days"]
    assert list(f["kind"]) == ["project", "project", "milestone", "milestone"]


@pytest.mark.parametrize("delays, message", [
    ({}, "at least one delay"),
    ({"nope": 5}, "no project 'nope'"),
    ({"done": 5}, "'done' is completed"),
    ({"gone": 5}, "'gone' is cancelled"),
    ({"sw": -3}, "0 or more"),
    ({"sw": 2.5}, "whole number"),
])
def test_delays_that_cannot_apply_say_why(delays, message):
    ws = workspace(*chain().projects.values(), proj("done", "2026-01-01", "2026-01-31", status="completed"),
                   proj("gone", "2026-01-01", "2026-01-31", status="cancelled"))
    with pytest.raises(ValueError, match=message):
        what_if(ws, delays)
