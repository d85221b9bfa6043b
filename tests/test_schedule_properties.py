"""Property tests of the schedule on random portfolios (hypothesis).

Invariants: the forecast is never earlier than the plan and respects every
dependency with nothing to spare where it was pushed; the critical chain is
contiguous and ends at the portfolio's latest forecast end; total float is zero
exactly on the critical path and is the slip a project can take without moving
that end. Random graphs with cycles must schedule too, without hanging.
"""
from __future__ import annotations

from datetime import timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from portfolio.schedule import schedule
from portfolio.whatif import what_if

from schedule_samples import d, proj, workspace

DAY0 = d("2026-01-01")
STATUSES = ["proposed", "approved", "in-progress", "on-hold", "completed", "cancelled"]
FIXED = ("completed",)


@st.composite
def portfolios(draw, acyclic: bool = True, max_size: int = 14):
    n = draw(st.integers(1, max_size))
    projects = []
    for i in range(n):
        start = DAY0 + timedelta(days=draw(st.integers(0, 120)))
        end = start + timedelta(days=draw(st.integers(0, 60)))
        candidates = list(range(i)) if acyclic else list(range(n))
        preds = draw(st.lists(st.sampled_from(candidates), max_size=3, unique=True)) if candidates else []
        deps = [(f"p{j}", draw(st.integers(-10, 20))) for j in preds]
        status = draw(st.sampled_from(STATUSES + ["approved"] * 3))  # mostly schedulable
        milestones = [("m", str(start + timedelta(days=draw(st.integers(0, 60)))), draw(st.booleans()))]
        projects.append(proj(f"p{i}", str(start), str(end), status=status, deps=deps, milestones=milestones))
    return workspace(*projects)


def active_links(ws, s):
    """(p, q, lag) for every link that constrains q: both scheduled, q neither completed nor cyclic."""
    out = []
    for q in ws.projects.values():
        sq = s.projects[q.id]
        if sq.forecast_start is None or q.status in FIXED or sq.cyclic:
            continue
        for dep in q.depends_on:
            p = ws.projects.get(dep.project)
            if p is not None and p.status != "cancelled" and p.id != q.id:
                out.append((p.id, q.id, dep.lag))
    return out


def check_invariants(ws, s):
    scheduled = {pid: x for pid, x in s.projects.items() if x.forecast_start is not None}
    links = active_links(ws, s)
    for pid, x in scheduled.items():
        p = ws.projects[pid]
        assert x.forecast_start >= p.start, "forecast never earlier than planned"
        assert (x.forecast_end - x.forecast_start) == (p.end - p.start), "duration kept"
        assert x.slip_days == (x.forecast_end - p.end).days >= 0
        if p.status in FIXED or x.cyclic:
            assert (x.forecast_start, x.forecast_end) == (p.start, p.end)
        assert x.float_days >= 0
        assert (x.float_days == 0) == x.critical, "zero float exactly on the critical path"
    for p, q, lag in links:
        assert scheduled[q].forecast_start >= scheduled[p].forecast_end + timedelta(days=1 + lag), \
            "every dependency respected"
    for q, x in scheduled.items():  # and nothing to spare: the start is the latest constraint
        if ws.projects[q].status in FIXED or x.cyclic:
            continue
        bounds = [ws.projects[q].start] + [scheduled[p].forecast_end + timedelta(days=1 + lag)
                                           for p, qq, lag in links if qq == q]
        assert x.forecast_start == max(bounds)
    for pid, x in s.projects.items():
        if x.forecast_start is None:
            assert ws.projects[pid].status == "cancelled" and not x.critical
    if not scheduled:
        assert s.finish is None and s.critical_path == ()
        return
    finish = max(x.forecast_end for x in scheduled.values())
    assert s.finish == finish
    crit = set(s.critical_path)
    assert any(scheduled[c].forecast_end == finish for c in crit), "the chain ends at the latest end"
    for c in crit:  # contiguous: each critical project leads, through a binding link, to the end
        x = scheduled[c]
        assert x.forecast_end == finish or any(
            p == c and q in crit and scheduled[q].forecast_start == x.forecast_end + timedelta(days=1 + lag)
            for p, q, lag in links)
    for p, q, lag in links:  # and it takes every binding predecessor of a critical project
        if q in crit and scheduled[q].forecast_start == scheduled[p].forecast_end + timedelta(days=1 + lag):
            assert p in crit
    for ms in s.milestones:
        x = scheduled[ms.project]
        assert ms.forecast == (ms.planned if ms.done else ms.planned + (x.forecast_start - x.planned_start))


@settings(max_examples=200, deadline=None)
@given(portfolios())
def test_invariants_on_acyclic_portfolios(ws):
    s = schedule(ws)
    assert s.cyclic == ()
    check_invariants(ws, s)


@settings(max_examples=150, deadline=None)
@given(portfolios(acyclic=False))
def test_graphs_with_cycles_schedule_and_keep_the_invariants_elsewhere(ws):
    s = schedule(ws)
    for pid in s.cyclic:
        assert ws.projects[pid].status not in ("cancelled", *FIXED)
    check_invariants(ws, s)


@settings(max_examples=100, deadline=None)
@given(portfolios(), st.data())
def test_float_is_the_delay_a_project_can_take_without_moving_the_finish(ws, data):
    s = schedule(ws)
    movable = [pid for pid, x in s.projects.items()
               if x.forecast_start is not None and ws.projects[pid].status not in FIXED]
    if not movable:
        return
    pid = data.draw(st.sampled_from(movable))
    slack = s.projects[pid].float_days
    assert schedule(ws, {pid: slack}).finish == s.finish
    assert schedule(ws, {pid: slack + 1}).finish == s.finish + timedelta(days=1)


@settings(max_examples=100, deadline=None)
@given(portfolios(acyclic=False), st.data())
def test_a_delay_never_moves_anything_earlier(ws, data):
    s = schedule(ws)
    movable = sorted(pid for pid, x in s.projects.items()
                     if x.forecast_start is not None and ws.projects[pid].status not in FIXED)
    if not movable:
        return
    delays = data.draw(st.dictionaries(st.sampled_from(movable), st.integers(0, 90), min_size=1))
    r = what_if(ws, delays, before=s)
    for pid, x in r.after.projects.items():
        b = s.projects[pid]
        if x.forecast_end is not None:
            assert x.forecast_end >= b.forecast_end
    moved = {m.project for m in r.projects}
    assert moved == {pid for pid, x in r.after.projects.items()
                     if x.forecast_end is not None and x.forecast_end != s.projects[pid].forecast_end}
    for pid, days in delays.items():
        if days:
            assert pid in moved
