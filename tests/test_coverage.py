"""Coverage of a catalog, worked out by hand on a small workspace with an own catalog.

The catalog `own` (in the workspace's guidelines/ folder):

    A        parent of A.1 A.2 A.3
    B        parent of B.1, itself the parent of B.1.a B.1.b   (two levels)
    C, D     leaves at the top level

and six projects (planned ends):

    p-done    completed    2026-06-30   A.1 C
    p-run     in-progress  2027-03-31   A.1 A.2      (A.1 is covered twice)
    p-plan    approved     2027-12-31   B.1.a
    p-prop    proposed     2028-06-30   B.1.b
    p-hold    on-hold      2027-06-30   A.3 B.1.b
    p-cancel  cancelled    2026-12-31   B.1.a D      (never counts: D stays a gap)
"""
from __future__ import annotations

from datetime import date
from types import MappingProxyType

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from portfolio import model as m
from portfolio.coverage import (NO_PROGRAMME, RANK, STATES, columns, coverage, curve, item_frame,
                                item_projects, matrix)
from portfolio.workspace import load_workspace

OWN = """\
kind: catalog
id: own
name: Our own reform agenda
source: Drafted by the planning unit
items:
  - {id: A, title: Alpha}
  - {id: A.1, title: Alpha one, parent: A}
  - {id: A.2, title: Alpha two, parent: A}
  - {id: A.3, title: Alpha three, parent: A}
  - {id: B, title: Beta}
  - {id: B.1, title: Beta one, parent: B}
  - {id: B.1.a, title: Beta one a, parent: B.1}
  - {id: B.1.b, title: Beta one b, parent: B.1}
  - {id: C, title: Gamma}
  - {id: D, title: Delta}
"""

PROJECTS = {
    "p-done": ("completed", "2026-06-30", '["A.1", "C"]', "prog-a"),
    "p-run": ("in-progress", "2027-03-31", '["A.1", "A.2"]', "prog-a"),
    "p-plan": ("approved", "2027-12-31", '["B.1.a"]', None),
    "p-prop": ("proposed", "2028-06-30", '["B.1.b"]', None),
    "p-hold": ("on-hold", "2027-06-30", '["A.3", "B.1.b"]', None),
    "p-cancel": ("cancelled", "2026-12-31", '["B.1.a", "D"]', "prog-a"),
}


def write_small(ws) -> None:
    ws.write("guidelines/own.yaml", OWN)
    for pid, (status, end, items, programme) in PROJECTS.items():
        prog = f"programme: {programme}\n" if programme else ""
        ws.write(f"projects/{pid}.yaml",
                 f"name: Project {pid}\nstatus: {status}\nstart: 2026-01-05\nend: {end}\n{prog}"
                 f"guidelines:\n  own: {items}\n")


@pytest.fixture
def small(ws):
    write_small(ws)
    loaded = ws.load()
    assert loaded.issues == (), [i.format() for i in loaded.issues]
    return loaded


def test_leaf_states_take_the_most_advanced_project(small):
    cov = coverage(small, "own")
    states = {i.id: i.state for i in cov.items if i.leaf}
    assert states == {"A.1": "delivered", "A.2": "in-delivery", "A.3": "stalled", "B.1.a": "planned",
                      "B.1.b": "planned", "C": "delivered", "D": "uncovered"}


def test_item_covered_twice_lists_both_projects_by_state(small):
    a1 = coverage(small, "own").item("A.1")
    assert a1.by_state == {"delivered": ("p-done",), "in-delivery": ("p-run",)}
    assert a1.projects == ("p-done", "p-run")
    b1b = coverage(small, "own").item("B.1.b")
    assert b1b.by_state == {"planned": ("p-prop",), "stalled": ("p-hold",)}


def test_cancelled_project_never_covers(small):
    cov = coverage(small, "own")
    assert cov.item("D").state == "uncovered" and cov.item("D").projects == ()
    assert cov.item("B.1.a").projects == ("p-plan",)
    assert "p-cancel" not in cov.projects


def test_parents_roll_up_least_advanced_with_counts(small):
    cov = coverage(small, "own")
    a, b, b1 = cov.item("A"), cov.item("B"), cov.item("B.1")
    assert (a.state, a.leaves, a.covered, a.delivered) == ("stalled", 3, 3, 1)
    assert a.projects == ("p-done", "p-run", "p-hold")
    assert (b1.state, b1.leaves, b1.covered, b1.delivered, b1.depth) == ("planned", 2, 2, 0, 1)
    assert (b.state, b.leaves, b.covered, b.delivered, b.depth) == ("planned", 2, 2, 0, 0)
    assert b.by_state == {"planned": ("p-plan", "p-prop"), "stalled": ("p-hold",)}
    assert cov.item("B.1.a").depth == 2
    assert not a.leaf and cov.item("C").leaf


def test_parent_is_uncovered_while_any_child_is(ws):
    write_small(ws)
    ws.write("projects/p-run.yaml", "name: R\nstatus: in-progress\nstart: 2026-01-05\nend: 2027-03-31\n"
                                    "guidelines:\n  own: [A.1]\n")  # A.2 no longer covered
    a = coverage(ws.load(), "own").item("A")
    assert (a.state, a.covered, a.leaves) == ("uncovered", 2, 3)


def test_parent_is_delivered_only_when_all_children_are(ws):
    ws.write("guidelines/own.yaml", OWN)
    ws.write("projects/all-a.yaml", "name: All A\nstatus: completed\nstart: 2026-01-05\nend: 2026-05-31\n"
                                    'guidelines:\n  own: ["A.1", "A.2", "A.3"]\n')
    cov = coverage(ws.load(), "own")
    assert cov.item("A").state == "delivered"
    assert cov.item("A").delivered_on == date(2026, 5, 31)
    assert cov.item("B").state == "uncovered"


def test_ratios_and_gaps(small):
    cov = coverage(small, "own")
    assert (len(cov.leaves), cov.covered, cov.delivered) == (7, 6, 2)
    assert cov.ratio == pytest.approx(6 / 7)
    assert cov.delivered_ratio == pytest.approx(2 / 7)
    assert [g.id for g in cov.gaps] == ["D"]
    assert cov.state_counts() == {"delivered": 2, "in-delivery": 1, "planned": 2, "stalled": 1, "uncovered": 1}
    assert cov.projects == ("p-done", "p-hold", "p-plan", "p-prop", "p-run")


def test_delivery_days_from_planned_ends_by_default(small):
    cov = coverage(small, "own")
    on = {i.id: i.delivered_on for i in cov.items}
    assert on == {
        "A.1": date(2026, 6, 30),  # the earlier of its two projects
        "A.2": date(2027, 3, 31),
        "A.3": date(2027, 6, 30),  # on-hold counts: the forecast assumes it resumes
        "A": date(2027, 6, 30),  # the last of its children
        "B.1.a": date(2027, 12, 31),
        "B.1.b": date(2027, 6, 30),
        "B.1": date(2027, 12, 31),
        "B": date(2027, 12, 31),
        "C": date(2026, 6, 30),
        "D": None,
    }


def test_forecast_ends_replace_planned_ends(small):
    cov = coverage(small, "own", forecast_end={"p-run": date(2027, 9, 30), "p-hold": date(2028, 2, 29)})
    assert cov.item("A.2").delivered_on == date(2027, 9, 30)
    assert cov.item("A.3").delivered_on == date(2028, 2, 29)
    assert cov.item("B.1.b").delivered_on == date(2028, 2, 29)  # still earlier than p-prop's 2028-06-30
    assert cov.item("A").delivered_on == date(2028, 2, 29)
    assert cov.project_end["p-plan"] == date(2027, 12, 31)  # not in the mapping: planned end


def test_curve_over_the_plan_period(small):
    cov = coverage(small, "own")
    points = curve(cov, date(2026, 1, 1), date(2028, 12, 31))
    assert [(r.date, r.delivered) for r in points.itertuples()] == [
        (date(2026, 1, 1), 0), (date(2026, 6, 30), 2), (date(2027, 3, 31), 3),
        (date(2027, 6, 30), 5), (date(2027, 12, 31), 6), (date(2028, 12, 31), 6)]
    assert points["ratio"].iloc[-1] == pytest.approx(6 / 7)


def test_curve_clips_to_the_period(small):
    points = curve(coverage(small, "own"), date(2027, 1, 1), date(2027, 6, 30))
    assert [(r.date, r.delivered) for r in points.itertuples()] == [
        (date(2027, 1, 1), 2), (date(2027, 3, 31), 3), (date(2027, 6, 30), 5)]


def test_matrix_by_project_and_by_programme(small):
    cov = coverage(small, "own")
    cells = {(r.item, r.column): r.cell for r in matrix(small, cov).itertuples()}
    assert cells[("A.1", "p-done")] == "delivered" and cells[("A.1", "p-run")] == "in-delivery"
    assert cells[("A", "p-hold")] == "stalled"  # a parent row marks every contributing project
    assert ("D", "p-cancel") not in cells
    by_prog = {(r.item, r.column): r.cell for r in matrix(small, cov, by="programme").itertuples()}
    assert by_prog[("A.1", "prog-a")] == "delivered"  # most advanced of p-done and p-run
    assert by_prog[("B.1.b", NO_PROGRAMME)] == "planned"
    assert columns(small, cov, "programme") == ["prog-a", NO_PROGRAMME]
    assert columns(small, cov) == list(cov.projects)
    with pytest.raises(ValueError):
        matrix(small, cov, by="owner")


def test_item_frame_and_item_projects(small):
    cov = coverage(small, "own")
    frame = item_frame(cov)
    assert list(frame["item"]) == ["A", "A.1", "A.2", "A.3", "B", "B.1", "B.1.a", "B.1.b", "C", "D"]
    assert frame.set_index("item").loc["A.1", "projects"] == "p-done p-run"
    rows = item_projects(small, cov, "A")
    assert list(rows["project"]) == ["p-done", "p-run", "p-hold"]
    assert list(rows["state"]) == ["delivered", "in-delivery", "stalled"]


def test_references_to_parents_or_unknown_items_are_ignored(ws):
    ws.write("guidelines/own.yaml", OWN)
    ws.write("projects/wrong.yaml", "name: W\nstatus: completed\nstart: 2026-01-05\nend: 2026-05-31\n"
                                    'guidelines:\n  own: ["A", "Z"]\n')
    loaded = ws.load()
    assert {i.code for i in loaded.errors} == {"parent-item", "unknown-ref"}  # `check` reports them
    cov = coverage(loaded, "own")
    assert cov.covered == 0 and cov.projects == ()


def test_unknown_catalog_names_the_known_ones(small):
    with pytest.raises(KeyError, match="no catalog 'rkc'.*own"):
        coverage(small, "rkc")


def test_broken_parent_cycle_does_not_hang(ws):
    ws.write("guidelines/own.yaml", "kind: catalog\nid: own\nname: O\nsource: s\nitems:\n"
                                    "  - {id: X, title: X, parent: Y}\n  - {id: Y, title: Y, parent: X}\n"
                                    "  - {id: Z, title: Z}\n")
    cov = coverage(ws.load(), "own")
    assert sorted(i.id for i in cov.items) == ["X", "Y", "Z"]


# ------------------------------------------------------------------ built-in catalogs
def test_builtin_catalogs_load_cleanly_with_expected_counts(ws):
    loaded = ws.load(builtin=True)
    assert [i.format() for i in loaded.issues if i.path.startswith("<builtin>")] == []
    counts = {}
    for cid in ("tfa", "rkc-ict", "rkc-ict-review-2019", "smart"):
        c = loaded.catalogs[cid]
        assert c.builtin
        top = [i for i in c.items if i.parent is None]
        cov = coverage(loaded, cid)
        counts[cid] = (len(c.items), len(top), len(cov.leaves))
        assert cov.covered == 0 and len(cov.gaps) == len(cov.leaves)  # no project: all gaps
    assert counts == {
        "tfa": (42, 12, 36),  # 12 articles, 36 measures
        "rkc-ict": (31, 5, 25),
        "rkc-ict-review-2019": (8, 8, 8),
        "smart": (5, 5, 5),
    }


def test_tfa_single_measure_articles_are_leaves(ws):
    cov = coverage(ws.load(builtin=True), "tfa")
    top = [i for i in cov.items if i.depth == 0]
    assert [i.id for i in top] == [str(n) for n in range(1, 13)]
    assert [i.id for i in top if i.leaf] == ["3", "4", "8", "9", "11", "12"]
    assert sum(i.leaves for i in top) == 36
    assert cov.item("7").leaves == 9 and cov.item("10").leaves == 9


def test_example_workspace_covers_tfa():
    from pathlib import Path

    ws = load_workspace(Path(__file__).resolve().parent.parent / "plans" / "example")
    cov = coverage(ws, "tfa")
    assert 0 < cov.delivered <= cov.covered < len(cov.leaves) == 36


# ------------------------------------------------------------------ invariants
LEAVES = ("A.1", "A.2", "A.3", "B.1.a", "B.1.b", "C", "D")


def _catalog() -> m.Catalog:
    items = [m.CatalogItem("A", "A"), *(m.CatalogItem(f"A.{n}", "a", "A") for n in (1, 2, 3)),
             m.CatalogItem("B", "B"), m.CatalogItem("B.1", "b", "B"), m.CatalogItem("B.1.a", "x", "B.1"),
             m.CatalogItem("B.1.b", "y", "B.1"), m.CatalogItem("C", "C"), m.CatalogItem("D", "D")]
    return m.Catalog("own", "Own", "s", tuple(items))


projects_strategy = st.lists(
    st.tuples(st.sampled_from(m.STATUSES), st.sets(st.sampled_from(LEAVES)), st.integers(0, 900)),
    max_size=8)


@settings(max_examples=200, deadline=None)
@given(projects_strategy)
def test_roll_up_invariants(specs):
    projects = {}
    for n, (status, items, days) in enumerate(specs):
        end = date.fromordinal(date(2026, 1, 1).toordinal() + days)
        projects[f"p{n}"] = m.Project(id=f"p{n}", path="", name="", status=status, start=date(2026, 1, 1),
                                      end=end, guidelines={"own": tuple(sorted(items))})
    ws = m.Workspace(root="", plan=None, projects=MappingProxyType(projects), assessments=(),
                     catalogs=MappingProxyType({"own": _catalog()}), models=MappingProxyType({}))
    cov = coverage(ws, "own")
    for i in cov.items:
        below = [x for x in cov.leaves if _under(cov, x.id, i.id)]
        assert i.leaves == len(below)
        assert i.state == min((x.state for x in below), key=RANK.__getitem__)
        assert i.delivered <= i.covered <= i.leaves
        assert (i.state == "delivered") == (i.delivered == i.leaves)
        assert (i.state != "uncovered") == (i.covered == i.leaves)
        assert set(i.projects) == {p for x in below for p in x.projects}
        assert all(projects[p].status != "cancelled" for p in i.projects)
        if i.delivered_on is None:
            assert any(x.delivered_on is None for x in below)
    assert 0 <= cov.delivered_ratio <= cov.ratio <= 1
    points = curve(cov)
    assert list(points["delivered"]) == sorted(points["delivered"])
    assert all(s in STATES for s in (i.state for i in cov.items))


def _under(cov, leaf: str, ancestor: str) -> bool:
    node = leaf
    while node is not None:
        if node == ancestor:
            return True
        node = cov.item(node).parent
    return False
