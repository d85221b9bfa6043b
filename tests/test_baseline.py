"""The diff of two loaded workspaces (no git): each rule of `portfolio.baseline`, worked by hand."""
from __future__ import annotations

import json
import re
from datetime import date

import pandas as pd
import pytest

from conftest import WorkspaceFactory
from portfolio import baseline_report as report
from portfolio import baseline_bars
from portfolio.baseline import Change, diff
from portfolio.schedule import schedule
from samples import PLAN


@pytest.fixture
def two(tmp_path):
    """Two workspaces with the same plan: `before` and `after`."""
    out = []
    for name in ("before", "after"):
        f = WorkspaceFactory(tmp_path / name)
        f.write("plan.yaml", PLAN)
        out.append(f)
    return out


def changes(d, pid) -> list[tuple]:
    return [(c.field, c.before, c.after, c.delta, c.kind) for c in d.project(pid).changes]


def test_same_files_give_an_empty_diff_with_totals(two):
    a, b = two
    for f in two:
        f.project("alpha", "budget: {planned: 1000, funding: internal}\n")
    d = diff(a.load(), b.load(), "v1", "now")
    assert d.empty and not d.not_compared
    totals = {t.name: (t.before, t.after, t.delta) for t in d.totals}
    assert totals["projects"] == (1, 1, 0)
    assert totals["planned budget (USD)"] == (1000, 1000, 0)
    assert totals["forecast finish"] == (date(2026, 9, 30), date(2026, 9, 30), 0)
    assert "No project or plan changes." in report.to_markdown(d)


def test_rename_is_same_content_under_a_new_file_name(two):
    a, b = two
    a.write("projects/portal.yaml", "name: Portal\nstatus: approved\nstart: 2026-03-01\nend: 2026-09-30\n")
    # Another layout, an id line and a comment: still the same project.
    b.write("projects/trader-portal.yaml", "id: trader-portal  # moved\nstart: '2026-03-01'\nend: 2026-09-30\n"
            "name: \"Portal\"\nstatus: approved\n")
    a.project("old", name="Old")
    b.project("new", name="New")  # same dates, other name: a different project
    d = diff(a.load(), b.load())
    assert [(r.before, r.after, r.name) for r in d.renamed] == [("portal", "trader-portal", "Portal")]
    assert [p.id for p in d.removed] == ["old"] and [p.id for p in d.added] == ["new"]
    assert d.changed == ()


def test_dates_budget_status_progress_and_forecast(two):
    a, b = two
    a.project("alpha", "health: green\nprogress: 10\nbudget: {planned: 1000, spent: 100, funding: internal}\n")
    b.write("projects/alpha.yaml", "name: alpha\nstatus: in-progress\nstart: 2026-03-01\nend: 2026-10-10\n"
            "health: red\nprogress: 35.5\nbudget: {planned: 1500, spent: 100, funding: donor, donor: EU}\n")
    for f in two:
        f.write("projects/beta.yaml", "name: beta\nstatus: approved\nstart: 2026-10-01\nend: 2026-10-31\n"
                "depends_on: [alpha]\n")
    d = diff(a.load(), b.load())
    assert changes(d, "alpha") == [
        ("status", "approved", "in-progress", None, "changed"),
        ("health", "green", "red", None, "changed"),
        ("progress", 10, 35.5, 25.5, "changed"),
        ("end", date(2026, 9, 30), date(2026, 10, 10), 10, "changed"),
        ("forecast end", date(2026, 9, 30), date(2026, 10, 10), 10, "changed"),
        ("budget planned", 1000, 1500, 500, "changed"),
        ("funding", "internal", "donor", None, "changed"),
    ]
    assert d.project("alpha").slip_days == 10
    # beta's plan did not change; its forecast follows alpha's new end.
    assert changes(d, "beta") == [
        ("forecast start", date(2026, 10, 1), date(2026, 10, 11), 10, "changed"),
        ("forecast end", date(2026, 10, 31), date(2026, 11, 10), 10, "changed"),
    ]
    assert d.project("beta").slip_days is None
    assert [report.delta(c) for c in d.project("alpha").changes] == [
        "", "", "+25.50", "+10 days", "+10 days", "+500", ""]


def test_money_in_another_currency_has_no_difference(two):
    a, b = two
    a.project("alpha", "budget: {planned: 1000, funding: internal}\n")
    b.project("alpha", "budget: {planned: 900, currency: EUR, funding: internal}\n")
    d = diff(a.load(), b.load())
    assert changes(d, "alpha") == [("budget planned", 1000, 900, None, "changed"),
                                   ("budget currency", None, "EUR", None, "added")]


def test_cancelled_project_leaves_the_forecast(two):
    a, b = two
    a.project("alpha")
    b.write("projects/alpha.yaml", "name: alpha\nstatus: cancelled\nstart: 2026-03-01\nend: 2026-09-30\n")
    d = diff(a.load(), b.load())
    assert changes(d, "alpha") == [
        ("status", "approved", "cancelled", None, "changed"),
        ("forecast start", date(2026, 3, 1), None, None, "removed"),
        ("forecast end", date(2026, 9, 30), None, None, "removed"),
    ]
    totals = {t.name: (t.before, t.after, t.delta) for t in d.totals}
    assert totals["cancelled"] == (0, 1, 1)
    assert totals["forecast finish"] == (date(2026, 9, 30), None, None)


def test_sets_dependencies_lags_and_guidelines(two):
    a, b = two
    for f in two:
        f.project("base")
        f.project("other")
    a.project("alpha", "depends_on: [base]\nobjectives: [obj-a]\n")
    b.project("alpha", "depends_on: [{project: base, lag: 10}, other]\n")
    d = diff(a.load(), b.load())
    got = d.project("alpha").changes
    assert [(c.field, c.added, c.removed) for c in got if c.added or c.removed] == [
        ("objectives", (), ("obj-a",)),
        ("depends on", ("base (lag 10)", "other"), ("base",)),
    ]
    assert report.delta(d.project("alpha").change("depends on")) == "added base (lag 10), other; removed base"


def test_milestones_by_id_else_by_name(two):
    a, b = two
    a.project("alpha", "milestones:\n"
              "  - {id: m1, name: First, date: 2026-04-01}\n"
              "  - {name: Go-live, date: 2026-09-01, done: true}\n"
              "  - {name: Training, date: 2026-05-01}\n")
    b.project("alpha", "milestones:\n"
              "  - {id: m1, name: First release, date: 2026-04-01, done: true}\n"
              "  - {name: Go-live, date: 2026-09-20}\n"
              "  - {name: Handover, date: 2026-09-30}\n")
    d = diff(a.load(), b.load())
    assert changes(d, "alpha") == [
        ("milestone m1 name", "First", "First release", None, "changed"),
        ("milestone m1 done", False, True, None, "done"),
        ("milestone Go-live", date(2026, 9, 1), date(2026, 9, 20), 19, "moved"),
        ("milestone Go-live done", True, False, None, "reopened"),
        ("milestone Training", date(2026, 5, 1), None, None, "dropped"),
        ("milestone Handover", None, date(2026, 9, 30), None, "added"),
    ]


def test_plan_objectives_programmes_and_maturity_targets(two):
    a, b = two
    a.write("plan.yaml", PLAN + "targets:\n  - {model: wco-dcmm, dimension: single-window, level: 3, by: 2027-12-31}\n"
            "  - {model: wco-dcmm, dimension: within-customs, level: 2, by: 2027-06-30}\n")
    b.write("plan.yaml", PLAN.replace("period: {start: 2026-01-01, end: 2028-12-31}",
                                      "period: {start: 2026-01-01, end: 2029-06-30}")
            .replace("Faster clearance", "Faster, simpler clearance")
            .replace("programmes:", "  - id: obj-b\n    name: Revenue\nprogrammes:")
            + "targets:\n  - {model: wco-dcmm, dimension: single-window, level: 4, by: 2028-06-30}\n")
    d = diff(a.load(builtin=True), b.load(builtin=True))
    assert [(c.field, c.before, c.after, c.delta, c.kind) for c in d.plan] == [
        ("period end", date(2028, 12, 31), date(2029, 6, 30), 181, "changed"),
        ("objective obj-a name", "Faster clearance", "Faster, simpler clearance", None, "changed"),
        ("objective obj-b", None, "Revenue", None, "added"),
        ("target wco-dcmm/single-window level", 3, 4, 1, "changed"),
        ("target wco-dcmm/single-window by", date(2027, 12, 31), date(2028, 6, 30), 182, "changed"),
        ("target wco-dcmm/within-customs", "2 by 2027-06-30", None, None, "removed"),
    ]


def test_coverage_gained_and_lost(two):
    a, b = two
    a.project("alpha", 'guidelines: {tfa: ["7.1", "10.4"]}\n')
    b.project("alpha", 'guidelines: {tfa: ["7.1", "7.2"]}\n')
    b.project("beta", 'guidelines: {tfa: ["1.1"]}\n')
    d = diff(a.load(builtin=True), b.load(builtin=True))
    [cov] = d.coverage
    assert (cov.catalog, cov.leaves, cov.covered, cov.gained, cov.lost) == ("tfa", (36, 36), (2, 3), ("1.1", "7.2"),
                                                                          ("10.4",))
    assert changes(d, "alpha") == [("guidelines", ("tfa 7.1", "tfa 10.4"), ("tfa 7.1", "tfa 7.2"), None, "changed")]
    assert report.delta(d.project("alpha").changes[0]) == "gained tfa 7.2; lost tfa 10.4"


def test_a_broken_file_is_not_compared_rather_than_added_or_removed(two):
    a, b = two
    a.write("projects/alpha.yaml", "name: alpha\nstatus: [approved\n")
    b.project("alpha")
    a.project("beta")
    b.write("projects/beta.yaml", "")
    d = diff(a.load(), b.load(), "v1", "now")
    assert d.added == () and d.removed == () and d.changed == ()
    assert [(n.side, n.path) for n in d.not_compared] == [("before", "projects/alpha.yaml"),
                                                         ("after", "projects/beta.yaml")]
    assert d.not_compared[0].message.startswith("projects/alpha.yaml:3:1: YAML syntax")
    assert "projects/beta.yaml" in d.not_compared[1].message
    assert "### Not compared" in report.to_markdown(d)


def test_a_broken_plan_is_not_compared(two):
    a, b = two
    b.write("plan.yaml", "administration: X\nname: [broken\n")
    d = diff(a.load(), b.load())
    assert d.plan == ()
    assert [(n.side, n.path) for n in d.not_compared] == [("after", "plan.yaml")]


def test_baseline_bars_frame_and_chart(two):
    a, b = two
    a.project("alpha")
    a.project("gone")
    b.write("projects/alpha.yaml", "name: alpha\nstatus: approved\nstart: 2026-04-01\nend: 2026-10-30\n")
    b.write("projects/new.yaml", "name: New\nstatus: approved\nstart: 2026-11-01\nend: 2026-11-30\n"
            "depends_on: [{project: alpha, lag: 5}]\n")
    now = b.load()
    frame = baseline_bars.frame(a.load(), now, schedule(now))
    assert frame.to_dict("records") == [
        {"id": "alpha", "name": "alpha", "baseline_start": date(2026, 3, 1), "baseline_end": date(2026, 9, 30),
         "start": date(2026, 4, 1), "end": date(2026, 10, 30), "forecast_start": date(2026, 4, 1),
         "forecast_end": date(2026, 10, 30), "slip_days": 30, "in_baseline": True},
        {"id": "new", "name": "New", "baseline_start": None, "baseline_end": None,
         "start": date(2026, 11, 1), "end": date(2026, 11, 30), "forecast_start": date(2026, 11, 5),
         "forecast_end": date(2026, 12, 4), "slip_days": None, "in_baseline": False},
    ]
    spec = baseline_bars.chart(frame).to_dict()
    rows = next(iter(spec["datasets"].values()))
    # A baseline bar only where the project existed then; bars run to the day after the end (inclusive dates).
    assert [(r["id"], r["kind"], r["start"], r["end"]) for r in rows] == [
        ("alpha", "baseline", "2026-03-01", "2026-10-01"), ("alpha", "planned", "2026-04-01", "2026-10-31"),
        ("alpha", "forecast", "2026-04-01", "2026-10-31"),
        ("new", "planned", "2026-11-01", "2026-12-01"), ("new", "forecast", "2026-11-05", "2026-12-05")]
    assert rows[3]["baseline"] == "not in the baseline (added since)" and rows[0]["slip_days"] == 30
    marks = [(layer["mark"]["color"], layer["mark"]["size"]) for layer in spec["layer"]]
    assert marks == [("#eeeeee", 18), ("#64b5f6", 10), ("#263238", 3)]  # the baseline drawn first, behind
    with pytest.raises(ValueError, match="too many"):
        baseline_bars.chart(pd.concat([frame] * 251))


def test_formats_keep_planners_text_as_text(two):
    a, b = two
    hostile = "<img src=x onerror=alert(1)> | **bold**"
    a.project("alpha")
    b.project("alpha", name=json.dumps(hostile))
    d = diff(a.load(), b.load(), "v1 <b>", "now")
    md = report.to_markdown(d)
    cells = [line for line in md.splitlines() if "img" in line or "v1" in line]
    assert len(cells) == 3, md
    assert all(not re.search(r"(?<!\\)[<>*]", line) for line in cells), cells
    assert r"\<img src=x onerror=alert(1)\> \| \*\*bold\*\*" in md
    data = json.loads(json.dumps(report.as_dict(d)))
    assert data["changed"] == [{"id": "alpha", "name": hostile, "changes": [
        {"field": "name", "kind": "changed", "before": "alpha", "after": hostile, "delta": None}]}]
    assert hostile in report.to_text(d)


def test_value_and_delta_text():
    assert [report.value(v) for v in (None, True, date(2026, 1, 2), 1500.0, 2.5, ("a", "b"), ())] == [
        "—", "yes", "2026-01-02", "1,500", "2.50", "a, b", "—"]
    assert report.delta(Change("end", date(2026, 1, 1), date(2026, 1, 2), 1)) == "+1 day"
    assert report.delta(Change("end", date(2026, 1, 3), date(2026, 1, 1), -2)) == "-2 days"
    assert report.delta(Change("milestone x", None, date(2026, 1, 1), kind="added")) == "added"
