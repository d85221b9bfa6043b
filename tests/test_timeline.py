"""Timeline frames, the Altair timeline through `chart.to_dict()`, and the dependency graph and its DOT."""
from __future__ import annotations

from datetime import date

import pytest

from portfolio import charts_schedule as charts
from portfolio import depgraph as dg
from portfolio import model as m
from portfolio import timeline as tl
from portfolio.schedule import schedule

from schedule_samples import plan, proj, workspace

TODAY = date(2026, 11, 23)


@pytest.fixture
def small():
    ws = workspace(
        proj("a", "2026-01-01", "2026-03-31", programme="prog-b", health="red", owner="K. Maren",
             milestones=[("design", "2026-02-01", True)], objectives=("obj-x",),
             budget=m.Budget(100.0, "donor")),
        proj("b", "2026-03-15", "2026-04-30", deps=["a"], programme="prog-b", health="green",
             milestones=[("go-live", "2026-04-20")]),
        proj("c", "2026-02-01", "2026-02-10", programme="prog-a", status="completed"),
        proj("gone", "2026-01-01", "2026-01-31", programme="prog-a", status="cancelled"),
        proj("solo", "2026-05-01", "2026-05-10", name="B"),  # the same name as b's
        plan=plan(programmes=(m.Programme("prog-a", "Alpha"), m.Programme("prog-b", "Beta"))))
    return ws, schedule(ws)


def spec_rows(spec: dict) -> list[dict]:
    return next(iter(spec["datasets"].values()))


def layers(spec: dict) -> list[dict]:
    return spec["spec"]["layer"] if "spec" in spec else spec["layer"]


def test_frame_orders_by_programme_then_forecast_and_marks_overdue(small):
    ws, s = small
    f = tl.timeline_frame(ws, s, date(2026, 4, 20))
    assert list(f["id"]) == ["gone", "c", "a", "b", "solo"]
    assert list(f["programme_name"]) == ["Alpha", "Alpha", "Beta", "Beta", "(no programme)"]
    row = f.set_index("id")
    assert row.loc["a", "overdue"] and not row.loc["c", "overdue"]  # completed is never overdue
    assert not row.loc["b", "overdue"] and not row.loc["gone", "overdue"]
    assert row.loc["a", "objectives"] == ("obj-x",) and row.loc["a", "funding"] == "donor"


def test_select_by_ids_and_critical(small):
    ws, s = small
    f = tl.timeline_frame(ws, s, TODAY)
    assert list(tl.select(f, ["b", "c"])["id"]) == ["c", "b"]
    assert set(tl.select(f, None, critical_only=True)["id"]) == set(s.critical_path)


def test_pages_are_clamped(small):
    ws, s = small
    f = tl.timeline_frame(ws, s, TODAY)
    part, pages = tl.page_of(f, 2, 2)
    assert pages == 3 and list(part["id"]) == list(f["id"][2:4])
    assert list(tl.page_of(f, 99, 2)[0]["id"]) == list(f["id"][4:])
    assert tl.page_of(f.iloc[:0], 1, 50)[1] == 1


def test_programme_rollup_spans_worst_health_and_counts(small):
    ws, s = small
    r = tl.programme_rollup(tl.timeline_frame(ws, s, TODAY)).set_index("programme")
    beta = r.loc["prog-b"]
    assert (str(beta["planned_start"]), str(beta["planned_end"])) == ("2026-01-01", "2026-04-30")
    assert str(beta["forecast_end"]) == "2026-05-17"  # b starts 04-01 after a, 47 days
    assert beta["health"] == "red" and beta["projects"] == 2 and beta["critical"]
    assert r.loc["prog-a", "projects"] == 2  # the cancelled one counted, not dated
    assert r.loc["prog-a", "status"] == "completed"


def test_timeline_chart_bars_milestones_today_and_critical(small):
    ws, s = small
    f = tl.timeline_frame(ws, s, TODAY)
    spec = charts.timeline_chart(f, tl.milestones_for(s, f["id"]), TODAY).to_dict()
    assert spec["facet"]["row"]["field"] == "programme"
    assert spec["resolve"]["scale"]["y"] == "independent"
    rows = spec_rows(spec)
    kinds = [(r["kind"], r.get("id") or r.get("project")) for r in rows]
    assert ("forecast", "gone") not in kinds and ("planned", "gone") in kinds  # cancelled: plan only
    b = next(r for r in rows if r["kind"] == "forecast" and r["id"] == "b")
    assert (b["start"], b["end"]) == ("2026-04-01", "2026-05-18")  # drawn to the end day + 1
    assert b["forecast"] == "2026-04-01 to 2026-05-17" and b["slip_days"] == 17 and b["critical"]
    assert b["aria"] == "B (b): forecast 2026-04-01 to 2026-05-17, slip 17 days, critical path"
    labels = {r["id"]: r["label"] for r in rows if r["kind"] == "planned"}
    assert labels["b"] == "B (b)" and labels["solo"] == "B (solo)"  # equal names told apart
    ms = [r for r in rows if r["kind"] == "milestone"]
    assert {(r["milestone"], r["start"], r["done"]) for r in ms} == {("design", "2026-02-01", True),
                                                                     ("go-live", "2026-05-07", False)}  # +17 days
    marks = [layer["mark"]["type"] if isinstance(layer["mark"], dict) else layer["mark"] for layer in layers(spec)]
    assert marks == ["bar", "bar", "point", "rule"]
    forecast = layers(spec)[1]
    assert forecast["encoding"]["strokeWidth"]["condition"]["value"] == 2  # critical outline
    assert forecast["encoding"]["color"]["scale"]["domain"] == ["green", "amber", "red", "unknown"]
    assert {t["field"] for t in forecast["encoding"]["tooltip"]} >= {"name", "forecast", "slip_days", "critical"}
    assert layers(spec)[3]["encoding"]["x"]["datum"] == {"year": 2026, "month": 11, "date": 23, "utc": True}
    assert all(layer["encoding"]["description"] for layer in layers(spec))  # every mark is labelled
    assert layers(spec)[0]["encoding"]["x"]["scale"]["type"] == "utc"


def test_timeline_chart_by_status_ungrouped_without_milestones(small):
    ws, s = small
    f = tl.timeline_frame(ws, s, TODAY)
    spec = charts.timeline_chart(f, None, TODAY, color_by="status", group=False).to_dict()
    assert "facet" not in spec and len(spec["layer"]) == 3
    assert spec["layer"][1]["encoding"]["color"]["scale"]["domain"] == list(m.STATUSES)
    assert {r["colour"] for r in spec_rows(spec) if r["kind"] == "forecast"} == {"approved", "completed"}


def test_timeline_chart_refuses_an_unpaged_portfolio(small):
    ws, s = small
    f = tl.timeline_frame(ws, s, TODAY)
    big = f.loc[f.index.repeat(charts.MAX_ROWS // len(f) + 1)]
    with pytest.raises(ValueError, match="page the frame"):
        charts.timeline_chart(big, None, TODAY)
    with pytest.raises(ValueError, match="color_by"):
        charts.timeline_chart(f, None, TODAY, color_by="budget")


def test_programme_chart_has_one_row_per_programme(small):
    ws, s = small
    rollup = tl.programme_rollup(tl.timeline_frame(ws, s, TODAY))
    spec = charts.programme_chart(rollup, TODAY).to_dict()
    rows = spec_rows(spec)
    assert list(dict.fromkeys(r["label"] for r in rows)) == ["Alpha", "Beta", "(no programme)"]  # plan order
    beta = next(r for r in rows if r["label"] == "Beta" and r["kind"] == "forecast")
    assert beta["colour"] == "red" and beta["projects"] == 2


def test_empty_frame_still_makes_a_chart(small):
    ws, s = small
    f = tl.timeline_frame(ws, s, TODAY).iloc[:0]
    assert "layer" in charts.timeline_chart(f, None, TODAY, group=False).to_dict()


# --- dependency graph ----------------------------------------------------------------------------

def diamond():
    ws = workspace(proj("a", "2026-01-01", "2026-01-31", name='Quote " and \\ backslash'),
                   proj("b", "2026-02-01", "2026-03-31", deps=["a"]),
                   proj("c", "2026-02-01", "2026-02-10", deps=[("a", 5)]),
                   proj("d", "2026-04-01", "2026-04-30", deps=["b", "c"]),
                   proj("x", "2026-01-01", "2026-01-31", status="cancelled", deps=["a"]),
                   proj("e", "2026-01-01", "2026-01-31"))
    return ws, schedule(ws)


def test_graph_and_neighbourhood():
    ws, s = diamond()
    g = dg.dependency_graph(ws, s)
    assert sorted(g.nodes) == ["a", "b", "c", "d", "e"]  # cancelled x left out
    assert sorted(g.edges) == [("a", "b"), ("a", "c"), ("b", "d"), ("c", "d")]
    assert g.edges["a", "c"]["lag"] == 5
    hood = dg.neighbourhood(g, "b")
    assert (hood.upstream, hood.downstream) == (("a",), ("d",))
    assert dg.neighbourhood(g, "a").downstream == ("b", "c", "d")
    with pytest.raises(KeyError):
        dg.neighbourhood(g, "x")
    assert dg.drawn_nodes(g, "b", "focus") == ["a", "b", "d"]
    assert dg.drawn_nodes(g, None, "critical") == ["a", "b", "d"]
    assert dg.drawn_nodes(g, None, "all") == ["a", "b", "c", "d", "e"]


def test_dot_marks_the_critical_path_the_focus_and_escapes_names():
    ws, s = diamond()
    g = dg.dependency_graph(ws, s)
    text = dg.dot(g, focus="c")
    assert text.startswith("digraph dependencies {") and text.endswith("}")
    assert 'label="Quote \\" and \\\\ backslash\\na"' in text
    assert '"a" -> "b" [color="#c0392b", penwidth=2];' in text  # critical, binding
    assert '"c" -> "d" [color="#1f4e79", penwidth=2];' in text  # downstream of the focus
    assert '"a" -> "c" [label="+5d", color="#1f4e79", penwidth=2];' in text
    assert '"c" [' in text and 'penwidth=4' in text
    assert '"x"' not in text
    sub = dg.dot(g, nodes=["a", "b"])
    assert '"d"' not in sub and '"a" -> "b"' in sub


def test_dot_is_valid_graphviz(tmp_path):
    """When Graphviz is installed, `dot` itself reads the text (the app draws it in the browser)."""
    import os
    import shutil
    import subprocess

    exe = shutil.which("dot")
    if exe is None:
        if os.environ.get("CI"):
            pytest.fail("Graphviz `dot` is missing; ./dev test installs it")
        pytest.skip("Graphviz not installed (the browser test draws it in the app)")
    ws, s = diamond()
    done = subprocess.run([exe, "-Tsvg"], input=dg.dot(dg.dependency_graph(ws, s), focus="b"),
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert 'Quote &quot; and \\ backslash' in done.stdout


def test_project_rows_in_forecast_order():
    ws, s = diamond()
    rows = dg.project_rows(ws, s, ["d", "a", "missing"])
    assert list(rows["id"]) == ["a", "d"] and list(rows.columns) == dg.ROW_COLUMNS
