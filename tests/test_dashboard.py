"""Dashboard figures on the example workspace, checked by hand against its YAML files
(plans/example, as of 23 November 2026), and the edge cases on small workspaces of our own."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from portfolio import alignment as al
from portfolio import dashboard as db
from portfolio import filters as fl
from portfolio import headline as hl
from portfolio.overview import totals
from portfolio.schedule import schedule
from portfolio.workspace import load_workspace

EXAMPLE = Path(__file__).resolve().parents[1] / "plans" / "example"
AS_OF = date(2026, 11, 23)


@pytest.fixture(scope="module")
def example():
    return load_workspace(EXAMPLE)


@pytest.fixture(scope="module")
def view(example):
    return db.View(example, schedule(example), AS_OF)


def view_of(ws, as_of=AS_OF):
    return db.View(ws, schedule(ws), as_of)


def project(ws, pid: str, extra: str = "", status: str = "approved", start: str = "2026-03-01",
            end: str = "2026-09-30") -> None:
    """A project file with these fields (the shared sample fixes status and dates, which a test may need to set)."""
    ws.write(f"projects/{pid}.yaml", f"name: {pid}\nstatus: {status}\nstart: {start}\nend: {end}\n" + extra)


# --- status and health -----------------------------------------------------------------------

def test_status_and_health_counts(view):
    got = {(r.status, r.health): r.projects for r in db.status_health(view).itertuples()}
    assert got == {
        ("proposed", "green"): 3,  # appeals, officer-mobile-inspection, regional-data-exchange
        ("approved", "green"): 8, ("approved", "amber"): 1,  # amber: national-single-window
        ("in-progress", "green"): 6, ("in-progress", "amber"): 4,  # amber: border-network, declaration, e-learning, e-tir
        ("in-progress", "red"): 2,  # data-warehouse-bi, dr-site
        ("on-hold", "red"): 1, ("completed", "green"): 5, ("cancelled", "red"): 1,
    }
    assert list(db.status_health(view)["status"].drop_duplicates()) == [
        "proposed", "approved", "in-progress", "on-hold", "completed", "cancelled"]


# --- budget ----------------------------------------------------------------------------------

def test_burn_by_funding_source_donor_by_donor(view):
    b = db.burn(view)
    rows = {r.source: (r.funding, r.projects, r.planned, r.spent) for r in b.frame.itertuples()}
    # Internal: 17 projects, sum of their planned and spent as written (all USD).
    assert rows["Internal"] == ("internal", 17, 17_250_000, 6_446_000)
    # World Bank: declaration-system-upgrade 6.5M/2.9M + national-single-window 12.8M/0.35M.
    assert rows["World Bank"] == ("donor", 2, 19_300_000, 3_250_000)
    # European Union, in EUR at 1.08: aeo 600k + queue 1.5M + e-learning 850k + e-tir 2.4M = 5.35M EUR;
    # spent 0 + 60k + 410k + 150k = 620k EUR. The cancelled blockchain pilot is left out.
    assert rows["European Union"][:2] == ("donor", 4)
    assert rows["European Union"][2] == pytest.approx(5_350_000 * 1.08)
    assert rows["European Union"][3] == pytest.approx(620_000 * 1.08)
    assert rows["Asian Development Bank"] == ("donor", 2, 5_100_000, 2_350_000)
    assert rows["Japan International Cooperation Agency (JICA)"] == ("donor", 1, 3_600_000, 0)
    assert rows["PPP"] == ("ppp", 1, 1_200_000, 980_000)  # e-payment
    assert rows["Mixed (World Bank)"] == ("mixed", 2, 5_500_000, 0)  # cloud-migration, risk-engine
    assert list(b.frame["funding"]) == ["internal", "donor", "donor", "donor", "donor", "donor", "ppp", "mixed"]
    assert b.planned == pytest.approx(57_978_000)
    assert b.spent == pytest.approx(13_933_600)
    t = totals(view.ws)  # the overview's own totals agree
    assert (b.planned, b.spent) == (pytest.approx(t.planned), pytest.approx(t.spent))
    assert b.unconverted == {}


def test_burn_leaves_out_budgets_without_exchange_rate(ws):
    ws.write("plan.yaml", "administration: A\nname: P\nperiod: {start: 2026-01-01, end: 2028-12-31}\n")
    ws.project("usd", "budget: {planned: 1000, spent: 250, funding: internal}\n")
    ws.project("gbp", "budget: {planned: 500, currency: GBP, funding: donor, donor: Fund}\n")
    b = db.burn(view_of(ws.load()))
    assert list(b.frame["source"]) == ["Internal"]
    assert b.rate == 0.25
    assert b.unconverted == {"GBP": 500} and b.unconverted_projects == ("gbp",)


# --- schedule --------------------------------------------------------------------------------

def test_slips_ranked_largest_first(view):
    s = db.slips(view)
    assert list(zip(s["project"], s["slip_days"])) == [
        ("border-queue-management", 178), ("risk-engine", 60), ("ecommerce-low-value", 44),
        ("post-clearance-audit", 37), ("trader-mobile-app", 31)]
    assert list(s["driven_by"]) == ["border-network-upgrade", "data-warehouse-bi", "risk-engine", "risk-engine",
                                    "api-gateway"]
    assert s.set_index("project").loc["risk-engine", "forecast_end"] == date(2028, 2, 15)


def test_overdue_milestones_as_of(view):
    over = db.overdue_milestones(view)
    # Not done, dated before 23 Nov 2026 (none of these projects moves): days late from the as-of date.
    assert list(zip(over["project"], over["milestone"], over["forecast"], over["days"])) == [
        ("border-network-upgrade", "m2", date(2026, 10, 30), 24),
        ("dr-site", "m2", date(2026, 10, 30), 24),
        ("e-learning-platform", "m2", date(2026, 11, 13), 10),
        ("data-warehouse-bi", "m2", date(2026, 11, 16), 7)]


def test_due_milestones_within_90_days(view):
    due = db.due_milestones(view)
    assert view.due_by == date(2027, 2, 21)
    # blockchain-coo-pilot m2 (4 Dec 2026) is not listed: the project is cancelled.
    assert list(zip(due["project"], due["milestone"], due["days"])) == [
        ("hs-advance-rulings", "m2", 8), ("e-payment", "m3", 18), ("declaration-system-upgrade", "m2", 21),
        ("api-gateway", "m2", 53), ("hs-advance-rulings", "m3", 60), ("cybersecurity-soc", "m2", 67),
        ("enterprise-architecture-pmo", "m3", 67), ("pre-arrival-processing", "m1", 67)]


def test_as_of_moves_the_milestone_lists(view):
    later = db.View(view.ws, view.sched, date(2027, 1, 20))
    over = db.overdue_milestones(later)
    assert ("hs-advance-rulings", "m2") in set(zip(over["project"], over["milestone"]))
    assert set(db.due_milestones(later)["forecast"]) and min(db.due_milestones(later)["forecast"]) >= later.as_of


def test_milestone_moves_with_its_project(ws):
    project(ws, "first", end="2026-10-31")
    project(ws, "second", "depends_on: [first]\nmilestones: [{id: m1, name: Go, date: 2026-04-01}]\n")
    v = view_of(ws.load(), as_of=date(2026, 4, 15))
    # second starts 1 Nov instead of 1 Mar (+245 days); its milestone moves as much: not overdue.
    assert db.overdue_milestones(v).empty
    assert db.slips(v)["slip_days"].tolist() == [245]


def test_overdue_projects(ws):
    project(ws, "late", status="in-progress", end="2026-05-31")
    project(ws, "done", status="completed", end="2026-05-31")
    v = view_of(ws.load(), as_of=date(2026, 6, 10))
    assert db.overdue_projects(v)[["project", "days"]].values.tolist() == [["late", 10]]


# --- sustainment -----------------------------------------------------------------------------

def test_sustainment_gaps_at_go_live(view):
    g = db.sustainment_gaps(view)
    assert list(g["project"]) == [
        "ict-strategic-plan", "e-learning-platform", "data-warehouse-bi", "dr-site", "trader-mobile-app",
        "officer-mobile-inspection", "border-queue-management", "appeals-case-management", "nii-image-sharing",
        "national-single-window", "regional-data-exchange"]
    by = g.set_index("project")
    assert set(by.index[by["gap"] == "no plan"]) == {"ict-strategic-plan", "appeals-case-management",
                                                     "regional-data-exchange"}
    assert by.loc["ict-strategic-plan", "live"] and not by.loc["dr-site", "live"]
    # Go-live is the forecast end: the queue project waits for the border network.
    assert by.loc["border-queue-management", "go_live"] == date(2028, 6, 12)
    # EUR running costs converted: e-learning 110,000 and queue 130,000 EUR at 1.08.
    assert by.loc["e-learning-platform", "annual_cost"] == pytest.approx(118_800)
    assert g["annual_cost"].sum() == pytest.approx(118_800 + 260_000 + 350_000 + 80_000 + 90_000 + 140_400
                                                   + 380_000 + 1_400_000)


# --- risks -----------------------------------------------------------------------------------

def test_top_risks_ranked_by_score_then_impact(view):
    top = db.top_risks(view, 8)
    assert list(zip(top["project"], top["risk"], top["score"])) == [
        ("border-queue-management", "r1", 25),  # on hold, still open; the cancelled pilot's 5x5 is not
        ("declaration-system-upgrade", "r1", 20), ("dr-site", "r2", 20), ("national-single-window", "r1", 20),
        ("nii-image-sharing", "r2", 20), ("regional-data-exchange", "r1", 20),  # 4 x 5 before 5 x 4
        ("data-warehouse-bi", "r1", 20), ("dr-site", "r1", 20)]
    assert top.loc[0, "mitigation"].startswith("On hold until the bilateral agreement")


def test_risk_matrix_cells(view):
    mx = db.risk_matrix(view)
    assert len(mx) == 25
    cell = {(r.likelihood, r.impact): r.risks for r in mx.itertuples()}
    assert cell[(5, 5)] == 1 and cell[(5, 4)] == 2 and cell[(4, 5)] == 5 and cell[(4, 4)] == 5
    assert cell[(3, 5)] == 2 and cell[(3, 3)] == 10
    assert sum(cell.values()) == len(db.open_risks(view))
    # no risk of a completed project counts: e-manifest's 3x3 is closed
    assert "e-manifest" not in set(db.open_risks(view)["project"])


# --- alignment -------------------------------------------------------------------------------

def test_objective_summary(view):
    s = al.objective_summary(view.ws).set_index("objective")
    # obj-connectivity: api-gateway, e-tir (in progress), national-single-window (approved) are active;
    # regional-data-exchange (proposed), border-queue (on hold), blockchain pilot (cancelled) are not.
    assert s.loc["obj-connectivity", ["projects", "active"]].tolist() == [6, 3]
    assert s.loc["obj-connectivity", "by_status"] == "1 proposed, 1 approved, 2 in-progress, 1 on-hold, 1 cancelled"
    # obj-capability: the four of prg-governance and data-warehouse-bi, which names it directly.
    assert s.loc["obj-capability", ["projects", "active"]].tolist() == [5, 4]
    assert al.objectives_without_active_project(view.ws).empty
    assert al.unaligned_projects(view.ws).empty


def test_alignment_tree_via_programme(ws):
    ws.write("plan.yaml", """\
        administration: A
        name: P
        period: {start: 2026-01-01, end: 2028-12-31}
        objectives: [{id: obj-a, name: A}, {id: obj-b, name: B}, {id: obj-c, name: C}]
        programmes: [{id: prog-a, name: Core, objectives: [obj-a]}, {id: prog-x, name: Loose}]
        """)
    ws.project("direct", "objectives: [obj-b]\nprogramme: prog-a\n")
    project(ws, "inherits", "programme: prog-a\n", status="proposed")
    project(ws, "orphan", "programme: prog-x\n")
    project(ws, "gone", status="cancelled")
    w = ws.load()
    t = al.tree(w).astype(object).where(al.tree(w).notna(), None)
    assert t[["objective", "project", "via"]].values.tolist() == [
        ["obj-a", "direct", "programme"], ["obj-a", "inherits", "programme"], ["obj-b", "direct", "project"],
        ["obj-c", None, None]]  # an objective nobody serves still has its row
    assert list(al.objectives_without_active_project(w)["objective"]) == ["obj-c"]
    assert list(al.unaligned_projects(w)["project"]) == ["orphan"]  # the cancelled one is left out


def test_no_active_project_counts_proposed_and_on_hold_as_inactive(ws):
    project(ws, "idea", "objectives: [obj-a]\n", status="proposed")
    project(ws, "paused", "objectives: [obj-a]\n", status="on-hold")
    none_active = al.objectives_without_active_project(ws.load())
    assert none_active[["objective", "by_status"]].values.tolist() == [["obj-a", "1 proposed, 1 on-hold"]]


# --- headline figures and their lists --------------------------------------------------------

def test_headline_figures(view):
    assert hl.figures(hl.Board.build(view)) == {
        "projects": 31, "in-progress": 12, "red": 4, "amber": 5,
        "planned": pytest.approx(57_978_000), "spent": pytest.approx(13_933_600),
        "slipping": 5, "overdue-milestones": 4, "due-milestones": 8, "sustainment-gaps": 11, "high-risks": 15,
        "objectives-without-active": 0, "unaligned": 0}


@pytest.mark.parametrize("figure", hl.FIGURES, ids=lambda f: f.key)
def test_every_figure_is_its_list(view, figure):
    board = hl.Board.build(view)
    rows = hl.drilldown(board, figure.key)
    assert hl.figures(board)[figure.key] == pytest.approx(hl.value(figure, rows))
    if not figure.money:
        assert len(rows) == hl.figures(board)[figure.key]
    assert figure.label and figure.help


def plain(frame: pd.DataFrame) -> pd.DataFrame:
    """Missing values as None whatever the column's dtype (a concat may turn None into NaN)."""
    return frame.astype(object).where(frame.notna(), None).reset_index(drop=True)


@pytest.mark.parametrize("filters", [
    fl.Filters(status=("approved",)), fl.Filters(programme=("prg-regional",), funding=("donor",)),
    fl.Filters(objective=("obj-capability",)), fl.Filters(status=("completed",), funding=("ppp",)),
], ids=lambda f: f.describe())
def test_narrowing_a_board_is_building_it_on_the_filtered_workspace(view, filters):
    """A filter change selects rows of the whole board; that must equal the analysis of the filtered view."""
    narrowed = hl.Board.build(view).narrow(fl.matches(view.ws, filters))
    direct = hl.Board.build(db.View(fl.apply(view.ws, filters), view.sched, view.as_of))
    assert narrowed.frames.keys() == direct.frames.keys()
    for name in direct.frames:
        left, right = plain(narrowed[name]), plain(direct[name])
        pd.testing.assert_frame_equal(left, right, check_dtype=False, obj=name)
    assert hl.figures(narrowed) == hl.figures(direct)
    pd.testing.assert_frame_equal(narrowed.burn().frame, db.burn(direct_view := db.View(
        fl.apply(view.ws, filters), view.sched, view.as_of)).frame, check_dtype=False)
    pd.testing.assert_frame_equal(narrowed.status_health(), db.status_health(direct_view))
    pd.testing.assert_frame_equal(narrowed.objective_summary(), al.objective_summary(direct_view.ws))


def test_figures_of_an_empty_workspace(ws):
    v = view_of(ws.load())
    values = hl.figures(hl.Board.build(v))
    assert values["projects"] == 0 and values["planned"] == 0 and values["high-risks"] == 0
    assert db.status_health(v).empty and db.risk_matrix(v)["risks"].sum() == 0
    assert list(al.objectives_without_active_project(v.ws)["objective"]) == ["obj-a"]
