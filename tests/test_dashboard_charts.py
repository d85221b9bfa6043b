"""Overview charts through `chart.to_dict()`: titles, legends, colours, order, data, selections."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from portfolio import alignment as al
from portfolio import charts_dashboard as charts
from portfolio import dashboard as db
from portfolio.schedule import schedule
from portfolio.workspace import load_workspace

EXAMPLE = Path(__file__).resolve().parents[1] / "plans" / "example"


@pytest.fixture(scope="module")
def view():
    ws = load_workspace(EXAMPLE)
    return db.View(ws, schedule(ws), date(2026, 11, 23))


def rows(spec: dict) -> list[dict]:
    return next(iter(spec["datasets"].values()))


def title(spec: dict) -> str:
    t = spec["title"]
    return t if isinstance(t, str) else t["text"]


def test_status_health(view):
    spec = charts.status_health(db.status_health(view), select=True).to_dict()
    assert title(spec) == "Projects by status and health"
    enc = spec["encoding"]
    assert enc["y"]["sort"] == ["proposed", "approved", "in-progress", "on-hold", "completed", "cancelled"]
    assert enc["color"]["title"] == "Health"
    assert dict(zip(enc["color"]["scale"]["domain"], enc["color"]["scale"]["range"])) == charts.HEALTH_COLOURS
    assert sum(r["projects"] for r in rows(spec)) == 31
    assert spec["params"][0]["name"] == charts.SELECTION
    assert spec["params"][0]["select"]["fields"] == ["status", "health"]
    assert "params" not in charts.status_health(db.status_health(view)).to_dict()


def test_burn(view):
    b = db.burn(view)
    spec = charts.burn(b.frame, "USD", select=True).to_dict()
    assert title(spec) == "Budget planned vs spent by funding source (USD)"
    assert spec["encoding"]["y"]["sort"][:2] == ["Internal", "World Bank"]
    assert spec["encoding"]["x"]["title"] == "Amount (USD)"
    data = {(r["source"], r["measure"]): r["amount"] for r in rows(spec)}
    assert data[("World Bank", "Planned")] == 19_300_000 and data[("World Bank", "Spent")] == 3_250_000
    assert len(data) == 2 * len(b.frame)
    assert spec["encoding"]["color"]["scale"]["domain"] == ["Planned", "Spent"]


def test_slips_top_and_subtitle(view):
    s = db.slips(view)
    spec = charts.slips(s, top=3).to_dict()
    assert spec["title"]["text"] == "Projects slipping: forecast end after planned end"
    assert spec["title"]["subtitle"] == ["The 3 largest of 5"]
    assert [r["project"] for r in rows(spec)] == ["border-queue-management", "risk-engine", "ecommerce-low-value"]
    assert [r["path"] for r in rows(spec)] == ["Not critical", "On the critical path", "On the critical path"]
    assert rows(spec)[1]["forecast_end"] == "2028-02-15"  # ISO text, JSON-safe
    assert "subtitle" not in charts.slips(s).to_dict()["title"] or not charts.slips(s).to_dict()["title"]["subtitle"]


def test_risk_heatmap(view):
    spec = charts.risk_heatmap(db.risk_matrix(view), select=True).to_dict()
    assert title(spec) == "Open risks: likelihood x impact"
    rect = spec["layer"][0]
    assert rect["encoding"]["y"]["sort"] == [5, 4, 3, 2, 1]
    assert rect["encoding"]["color"]["title"] == "Zone (score)"
    cells = {(r["likelihood"], r["impact"]): (r["zone"], r["label"]) for r in rows(spec)}
    assert len(cells) == 25
    assert cells[(5, 5)] == ("high", "1") and cells[(3, 3)] == ("medium", "10") and cells[(1, 1)] == ("low", "")
    assert spec["params"][0]["name"] == charts.SELECTION and spec["params"][0]["views"] == [rect["name"]]
    assert spec["params"][0]["select"]["fields"] == ["likelihood", "impact"]
    assert [charts.zone(s) for s in (5, 6, 14, 15)] == ["low", "medium", "medium", "high"]


def test_alignment_chart(view):
    spec = charts.alignment(al.objective_summary(view.ws)).to_dict()
    assert title(spec) == "Projects serving each objective"
    data = {(r["objective"], r["kind"]): r["projects"] for r in rows(spec)}
    assert data[("A connected border", "Active")] == 3 and data[("A connected border", "Other statuses")] == 3


def test_charts_of_empty_frames_still_build(ws):
    w = ws.load()
    v = db.View(w, schedule(w), date(2026, 1, 1))
    for chart in (charts.status_health(db.status_health(v)), charts.burn(db.burn(v).frame, "USD"),
                  charts.slips(db.slips(v)), charts.risk_heatmap(db.risk_matrix(v))):
        assert chart.to_dict()["$schema"]
