"""Coverage charts through `chart.to_dict()`, and the Coverage page's logic through AppTest."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from portfolio import charts_coverage as charts
from portfolio import coverage as cv
from test_coverage import write_small

PAGE = str(Path(__file__).resolve().parents[1] / "ui" / "coverage.py")


@pytest.fixture
def small(ws):
    write_small(ws)
    return ws.load()


def _layer(spec: dict, mark: str) -> dict:
    return next(layer for layer in spec["layer"] if layer["mark"]["type"] == mark)


def _rows(spec: dict) -> list[dict]:
    return next(iter(spec["datasets"].values()))


def test_heatmap_rows_columns_colours_and_selection(small):
    cov = cv.coverage(small, "own")
    spec = charts.heatmap(cv.heatmap_frame(small, cov), cv.columns(small, cov)).to_dict()
    rect = _layer(spec, "rect")
    assert rect["encoding"]["x"]["sort"] == ["item state", "p-done", "p-hold", "p-plan", "p-prop", "p-run"]
    assert rect["encoding"]["y"]["sort"][:2] == ["A Alpha", "A.1 Alpha one"]
    assert len(rect["encoding"]["y"]["sort"]) == 10  # every item, the gap D included
    scale = rect["encoding"]["color"]["scale"]
    assert dict(zip(scale["domain"], scale["range"])) == cv.STATE_COLOURS
    assert [p["name"] for p in spec["params"]] == [charts.SELECTION]
    assert spec["params"][0]["select"]["fields"] == ["item"]
    assert spec["params"][0]["views"] == [rect["name"]]  # a click on a letter counts too: see the browser test
    weight = rect["encoding"]["y"]["axis"]["labelFontWeight"]["expr"]
    assert '"A Alpha"' in weight and '"B.1 Beta one"' in weight and "A.1" not in weight
    assert _layer(spec, "text")["encoding"]["text"]["field"] == "code"
    cells = {(r["item"], r["column"]): (r["state"], r["code"]) for r in _rows(spec)}
    assert cells[("D", "item state")] == ("uncovered", "–")
    assert cells[("A.1", "p-run")] == ("in-delivery", "I")
    assert cells[("A", "item state")] == ("stalled", "S")


def test_heatmap_by_programme(small):
    cov = cv.coverage(small, "own")
    spec = charts.heatmap(cv.heatmap_frame(small, cov, "programme"), cv.columns(small, cov, "programme")).to_dict()
    assert _layer(spec, "rect")["encoding"]["x"]["sort"] == ["item state", "prog-a", "(no programme)"]


def test_curve_chart_steps_to_the_ceiling(small):
    cov = cv.coverage(small, "own")
    points = cv.curve(cov, date(2026, 1, 1), date(2028, 12, 31))
    spec = charts.curve_chart(points, cov.ratio, date(2028, 12, 31)).to_dict()
    line = _layer(spec, "line")
    assert line["mark"]["interpolate"] == "step-after"
    assert line["encoding"]["y"]["scale"]["domain"] == [0, 1]
    data = spec["datasets"]
    assert [r["delivered"] for r in data[line["data"]["name"]]] == [0, 2, 3, 5, 6, 6]
    rules = [layer for layer in spec["layer"] if layer["mark"]["type"] == "rule"]
    assert data[rules[0]["data"]["name"]][0]["ratio"] == pytest.approx(6 / 7)
    assert data[rules[1]["data"]["name"]][0]["date"].startswith("2028-12-31")


def test_group_bars_count_leaves_per_top_item(small):
    cov = cv.coverage(small, "own")
    frame = cv.group_frame(cov)
    assert [(r.item, r.state, r.leaves) for r in frame.itertuples()] == [
        ("A", "delivered", 1), ("A", "in-delivery", 1), ("A", "stalled", 1),
        ("B", "planned", 2), ("C", "delivered", 1), ("D", "uncovered", 1)]
    spec = charts.group_bars(frame).to_dict()
    assert spec["encoding"]["y"]["sort"] == ["A Alpha", "B Beta", "C Gamma", "D Delta"]


# ------------------------------------------------------------------ the page, through AppTest
def frame_with(at, column: str):
    """The page's table that has this column (AppTest does not expose a dataframe's key)."""
    found = [d.value for d in at.dataframe if column in d.value.columns]
    assert len(found) == 1, [list(d.value.columns) for d in at.dataframe]
    return found[0]


@pytest.fixture
def page(small, monkeypatch):
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("PORTFOLIO_WORKSPACE", small.root)
    at = AppTest.from_file(PAGE, default_timeout=60).run()
    assert not at.exception
    at.selectbox(key="coverage-catalog").select("own").run()
    assert not at.exception
    return at


def test_page_figures_and_gaps(page):
    assert [(m.label, m.value) for m in page.metric] == [
        ("Items", "7"), ("Covered", "86%"), ("Delivered", "29%"), ("Gaps", "1")]
    gaps = frame_with(page, "under")
    assert list(gaps["item"]) == ["D"]


def test_page_lists_an_items_projects_with_links(page):
    page.selectbox(key="coverage-item").select("A").run()
    assert not page.exception
    rows = frame_with(page, "forecast_end")
    assert list(rows["project"]) == ["/project?id=p-done", "/project?id=p-run", "/project?id=p-hold"]
    assert list(rows["state"]) == ["delivered", "in-delivery", "stalled"]
    assert "3 of 3 items below it covered" in page.markdown[-1].value


def test_page_planned_dates_toggle(page):
    page.selectbox(key="coverage-item").select("A.2").run()
    assert "delivered on 2027-03-31 by the forecast" in page.markdown[-1].value
    page.toggle(key="coverage-planned").set_value(True).run()
    assert not page.exception
    assert "by the plan" in page.markdown[-1].value


def test_page_offers_both_downloads(page):
    labels = [b.proto.label for b in page.get("download_button")]
    assert labels == ["Download matrix (XLSX)", "Download items (CSV)"]


def test_page_on_the_example_defaults_to_tfa(monkeypatch):
    from streamlit.testing.v1 import AppTest

    monkeypatch.delenv("PORTFOLIO_WORKSPACE", raising=False)
    at = AppTest.from_file(PAGE, default_timeout=60).run()
    assert not at.exception
    assert at.selectbox(key="coverage-catalog").value == "tfa"
    assert at.metric[0].value == "36"
