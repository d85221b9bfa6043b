"""Maturity frames and Altair charts, checked through `chart.to_dict()`."""
from __future__ import annotations

from pathlib import Path

import pytest

from portfolio import charts_maturity as charts
from portfolio import maturity_report as report
from portfolio.workspace import load_workspace

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def carec():
    return load_workspace(ROOT / "plans" / "carec-2016")


@pytest.fixture(scope="module")
def example():
    return load_workspace(ROOT / "plans" / "example")


def test_heatmap_frame_cells(carec):
    frame = report.heatmap_frame(carec, "carec-ie")
    assert len(frame) == 7 * (20 + 2)  # 20 key areas and 2 group averages per country
    china = frame[frame["administration"] == "People's Republic of China"].set_index("dimension")
    assert china.loc["sponsorship", "state"] == "not assessed" and china.loc["sponsorship", "label"] == ""
    assert china.loc["readiness-average", "label"] == "3.3*"
    mongolia = frame[frame["administration"] == "Mongolia"].set_index("dimension")
    assert mongolia.loc["linkages", "band"] == "At risk" and mongolia.loc["linkages", "label"] == "1.3"
    assert mongolia.loc["governance-compliance", "band"] == "Complex pilot level"  # 4.0


def test_heatmap_colours_follow_the_bands(carec):
    model = carec.models["carec-ie"]
    spec = charts.heatmap(report.heatmap_frame(carec, "carec-ie"), model).to_dict()
    rect = spec["layer"][0]
    assert rect["mark"]["type"] == "rect"
    scale = rect["encoding"]["color"]["scale"]
    assert scale["domain"] == ["At risk", "Simple pilot level", "Complex pilot level"]
    assert scale["range"] == ["#d7301f", "#f0a020", "#1a9850"]  # red, amber, green
    x_sort = spec["layer"][0]["encoding"]["x"]["sort"]
    assert x_sort[0] == "Sponsorship" and x_sort[10] == "IE readiness average" and x_sort[-1] == "IE maturity average"
    assert spec["layer"][2]["encoding"]["text"]["field"] == "label"


def test_band_scale_for_other_band_counts(carec):
    import dataclasses

    from portfolio.model import Band

    model = carec.models["carec-ie"]
    two = dataclasses.replace(model, bands=(Band("no", "No", 0), Band("yes", "Yes", 3)))
    assert charts.band_scale(two).to_dict() == {"domain": ["No", "Yes"], "range": ["#d7301f", "#1a9850"]}
    none = dataclasses.replace(model, bands=())
    assert charts.band_scale(none).to_dict() == {"scheme": "blues"}


def test_model_without_bands_colours_by_score(example):
    import dataclasses

    model = dataclasses.replace(example.models["carec-ie"], bands=())
    spec = charts.heatmap(report.heatmap_frame(example, "carec-ie"), model).to_dict()
    assert spec["layer"][0]["encoding"]["color"]["field"] == "score"


def test_profile_has_threshold_rules(carec):
    model = carec.models["carec-ie"]
    china = next(a for a in carec.assessments if a.path.endswith("china-2016.yaml"))
    frame = report.profile_frame(carec, china)
    assert list(frame["state"]).count("not assessed") == 13
    spec = charts.profile(frame, model).to_dict()
    assert spec["layer"][0]["mark"]["type"] == "bar"
    assert spec["layer"][0]["encoding"]["x"]["scale"]["domain"] == [1, 5]
    rules = spec["layer"][2]
    assert rules["mark"]["type"] == "rule"
    assert rules["data"]["values"] == [{"band": "Simple pilot level", "min": 2.0},
                                       {"band": "Complex pilot level", "min": 3.5}]


def test_trend_chart(example):
    model = example.models["carec-ie"]
    frame = report.trend_frame(example, "carec-ie", example.plan.administration)
    assert list(frame["average"]) == [3.0, 2.4, 3.3, 2.8]
    assert list(frame["partial"]) == [False, True, False, False]
    spec = charts.trend(frame, model).to_dict()
    assert spec["mark"] == {"type": "line", "point": True}
    assert spec["encoding"]["x"]["field"] == "date" and spec["encoding"]["y"]["field"] == "average"


def test_projection_frames_and_chart(example):
    steps, targets = report.projection_frames(example)  # planned end dates
    within = steps[steps["dimension"] == "within-customs"]
    assert list(within["level"]) == [1.0, 3.0, 4.0, 4.0]  # baseline, two deliveries, horizon
    assert list(within["projects"])[1:3] == ["declaration-system-upgrade", "risk-engine"]
    assert str(within["date"].iloc[0].date()) == "2026-01-01"  # no wco-dcmm assessment: from the plan start
    it = steps[steps["dimension"] == "information-technology"]
    assert str(it["date"].iloc[0].date()) == "2026-09-25"  # from the follow-up assessment that sets it
    assert set(targets["outcome"]) == {"met", "no-project"}
    spec = charts.projection(steps, targets).to_dict()
    line, points = spec["layer"]
    assert line["mark"]["interpolate"] == "step-after"
    assert points["encoding"]["fill"]["scale"]["domain"] == ["met", "late", "short", "no-project"]


def test_projection_with_forecast_shows_the_late_target(example):
    from portfolio.schedule import schedule

    _, targets = report.projection_frames(example, schedule(example).forecast_ends())
    late = targets[targets["outcome"] == "late"]
    assert list(late["dimension"]) == ["within-customs"] and int(late["days_late"].iloc[0]) > 0


def test_area_frame_is_strongest_first(carec):
    frame = report.area_frame(carec, "carec-ie")
    assert list(frame["average"])[:3] == [3.9, 3.9, 3.9] and list(frame["average"])[-1] == 1.9
    assert list(frame["name"])[-1] == "Program Management"
