"""The Overview and Project pages' logic through AppTest, and the project library behind the page."""
from __future__ import annotations

from pathlib import Path

import pytest

from portfolio import project_info as pi
from portfolio.schedule import schedule
from portfolio.workspace import load_workspace

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "plans" / "example"
OVERVIEW = str(REPO / "ui" / "overview.py")
PROJECT = str(REPO / "ui" / "project.py")


@pytest.fixture(scope="module")
def example():
    return load_workspace(EXAMPLE)


# --- the library behind the project page -----------------------------------------------------

def test_dependencies_up_and_down(example):
    info = pi.project_info(example, schedule(example), "risk-engine")
    up = info.upstream.set_index("project")
    assert list(info.upstream["project"])[:2] == ["data-warehouse-bi", "declaration-system-upgrade"]
    assert up.loc["data-warehouse-bi", "lag"] == 30 and up.loc["data-warehouse-bi", "binding"]
    assert not up.loc["declaration-system-upgrade", "binding"]
    down = info.downstream.set_index("project")
    assert set(down.index[down["depth"] == 1]) == {"ecommerce-low-value", "post-clearance-audit"}
    assert down.loc["ecommerce-low-value", "binding"]  # its forecast start is set by the risk engine
    assert info.schedule.slip_days == 60 and info.schedule.critical


def test_transitive_dependencies_have_depth_and_via(example):
    info = pi.project_info(example, schedule(example), "ecommerce-low-value")
    up = info.upstream.set_index("project")
    assert up.loc["risk-engine", "depth"] == 1
    assert up.loc["data-warehouse-bi", "depth"] == 2 and up.loc["data-warehouse-bi", "via"] == "risk-engine"


def test_guidelines_milestones_risks(example):
    info = pi.project_info(example, schedule(example), "e-manifest")
    assert info.guidelines[["catalog", "item"]].values.tolist() == [
        ["tfa", "7.1"], ["tfa", "10.3"], ["rkc-ict", "7.2"], ["rkc-ict", "3.18"], ["smart", "automated"]]
    assert info.guidelines["title"].notna().all()
    assert info.milestones["milestone"].tolist() == ["m1", "m2", "m3"] and info.milestones["done"].all()
    assert info.risks[["risk", "score"]].values.tolist() == [["r1", 9]]
    assert info.objectives == {"obj-facilitation": "both", "obj-compliance": "project", "obj-revenue": "programme"}


def test_requested_id_reads_both_keys():
    assert pi.requested_id({"project": "a"}) == "a"
    assert pi.requested_id({"id": "b"}) == "b"
    assert pi.requested_id({"project": ["c"], "id": "d"}) == "c"
    assert pi.requested_id({"other": "x"}) is None


# --- the pages -------------------------------------------------------------------------------

def run(page: str, monkeypatch, params: dict | None = None, workspace: Path = EXAMPLE):
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("PORTFOLIO_WORKSPACE", str(workspace))
    at = AppTest.from_file(page, default_timeout=60)
    for k, v in (params or {}).items():
        at.query_params[k] = v
    at.run()
    assert not at.exception, at.exception
    return at


def as_list(value) -> list[str]:
    return [value] if isinstance(value, str) else list(value)


def metrics(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def test_overview_figures_formatted(monkeypatch):
    at = run(OVERVIEW, monkeypatch, {"as_of": "2026-11-23"})
    got = metrics(at)
    assert got["Projects"] == "31" and got["Red"] == "4" and got["Amber"] == "5"
    assert got["Planned budget (USD)"] == "57.98M" and got["Spent (USD)"] == "13.93M"
    assert got["Overdue milestones"] == "4" and got["Due in 90 days"] == "8"
    assert got["No funded sustainment"] == "11" and got["High risks"] == "15"
    # The list behind "Projects" is open by default: every project.
    assert len(at.dataframe[0].value) == 31


def test_overview_drills_down_to_each_figure(monkeypatch):
    at = run(OVERVIEW, monkeypatch, {"as_of": "2026-11-23"})
    at.segmented_control(key="overview-drill").set_value("overdue-milestones").run()
    rows = at.dataframe[0].value
    assert len(rows) == 4 and rows["project"].iloc[-1] == "/project?project=data-warehouse-bi"
    at.segmented_control(key="overview-drill").set_value("unaligned").run()
    assert "None: the list behind" in " ".join(m.value for m in at.markdown)


def test_filter_in_the_url_is_applied(monkeypatch):
    at = run(OVERVIEW, monkeypatch, {"status": ["approved", "on-hold"], "funding": "donor"})
    # aeo-portal (EU), national-single-window (World Bank), nii-image-sharing (JICA); border-queue-management (EU)
    assert metrics(at)["Projects"] == "4"
    assert at.multiselect(key="filter-status").value == ["approved", "on-hold"]
    assert "Showing 4 of 31 projects" in at.info[0].value


def test_changing_a_filter_writes_the_url(monkeypatch):
    at = run(OVERVIEW, monkeypatch)
    at.multiselect(key="filter-programme").select("prg-regional").run()
    assert as_list(at.query_params["programme"]) == ["prg-regional"]
    assert metrics(at)["Projects"] == "4"
    at.button[0].click().run()  # Clear filters
    assert "programme" not in at.query_params and metrics(at)["Projects"] == "31"


def test_unknown_filter_value_is_reported_not_applied(monkeypatch):
    at = run(OVERVIEW, monkeypatch, {"status": "ongoing"})
    assert "ongoing" in at.sidebar.warning[0].value
    assert metrics(at)["Projects"] == "31"


def test_no_matching_project_says_so(monkeypatch):
    at = run(OVERVIEW, monkeypatch, {"programme": "prg-regional", "status": "completed"})
    assert any("no project matches the filters" in i.value for i in at.info)


@pytest.mark.parametrize("key", ["project", "id"])
def test_project_deep_link(monkeypatch, key):
    at = run(PROJECT, monkeypatch, {key: "risk-engine"})
    assert at.selectbox(key="project-pick").value == "risk-engine"
    assert "Risk management engine" in at.title[0].value
    got = metrics(at)
    assert got["Forecast end"] == "15 Feb 2028" and got["Float"] == "0 days"
    assert any(c.value.endswith("projects/risk-engine.yaml") for c in at.code)


def test_project_unknown_id(monkeypatch):
    at = run(PROJECT, monkeypatch, {"project": "no-such-project"})
    assert "no-such-project" in at.error[0].value.replace("\\", "")  # Markdown-escaped on screen
    assert at.selectbox(key="project-pick").value == "aeo-portal"


def test_project_pick_updates_the_url(monkeypatch):
    at = run(PROJECT, monkeypatch, {"id": "e-manifest"})
    at.selectbox(key="project-pick").select("trader-pki").run()
    assert as_list(at.query_params["project"]) == ["trader-pki"] and "id" not in at.query_params
    assert "Trader digital identity" in at.title[0].value


def test_every_section_draws(monkeypatch):
    SECTIONS = ("Status and health", "Budget and funding", "Schedule", "Sustainment", "Risks",
                "Strategic alignment", "All projects")  # as ui/overview.py names them
    at = run(OVERVIEW, monkeypatch, {"as_of": "2026-11-23"})
    for section in SECTIONS:
        at.segmented_control(key="overview-section").set_value(section).run()
        assert not at.exception, (section, at.exception)
    assert len(at.dataframe[-1].value) == 31  # All projects, the last section


def test_empty_workspace_says_what_is_missing(ws, monkeypatch):
    at = run(OVERVIEW, monkeypatch, workspace=ws.root)
    assert any("add project files under projects/" in i.value for i in at.info)
