"""The Changes page's logic through AppTest, on a temporary git repository (tests/gitrepos.py)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from gitrepos import GitRepoFactory, build_history

PAGE = str(Path(__file__).resolve().parents[1] / "ui" / "changes.py")
FOLDER = "plans/national"


@pytest.fixture(scope="module")
def history(tmp_path_factory):
    repo = GitRepoFactory(tmp_path_factory.mktemp("git") / "planning")
    return repo, build_history(repo, FOLDER)


def open_page(monkeypatch, workspace, base: str | None = None):
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("PORTFOLIO_WORKSPACE", str(workspace))
    at = AppTest.from_file(PAGE, default_timeout=60)
    if base:
        at.query_params["base"] = base
    at.run()
    assert not at.exception, at.exception
    return at


def plain(markdown: str) -> str:
    """What a reader sees of Markdown the page escaped."""
    return re.sub(r"\\(.)", r"\1", markdown)


def frame_with(at, *columns: str):
    found = [d.value for d in at.dataframe if set(columns) <= set(d.value.columns)]
    assert len(found) == 1, [list(d.value.columns) for d in at.dataframe]
    return found[0]


def test_baselines_listed_tags_first_and_the_newest_tag_picked(history, monkeypatch):
    r, shas = history
    at = open_page(monkeypatch, r.root / FOLDER)
    box = at.selectbox(key="changes-base")
    assert [o.split(" — ")[0] for o in box.options[:3]] == ["broken", "v1.0", "before-ws"]
    assert box.options[3].startswith(shas["HEAD"][:10])
    assert box.value.name == "broken"
    # epsilon.yaml is broken at that tag: said so, and not counted as added.
    warning = plain(at.warning[0].value)
    assert "could not be loaded" in warning and "- before (broken (" in warning
    assert "projects/epsilon.yaml:3:6: YAML syntax" in warning
    assert [(m.label, m.value) for m in at.metric][:3] == [("Projects", "4"), ("Added / removed", "0 / 0"),
                                                          ("Changed", "0")]


def test_the_approved_plan_against_the_working_tree(history, monkeypatch):
    r, _ = history
    at = open_page(monkeypatch, r.root / FOLDER, base="v1.0")
    assert at.selectbox(key="changes-base").value.name == "v1.0"
    assert [(m.label, m.value, m.delta) for m in at.metric] == [
        ("Projects", "4", ""), ("Added / removed", "1 / 1", ""), ("Changed", "2", ""),
        ("Planned budget (usd)", "250,000", "+70,000"), ("Forecast finish", "2027-06-30", "+91 days")]
    slips = frame_with(at, "planned end moved (days)")
    slips["project"] = slips["project"].str.removeprefix("/project?project=")  # ui.tables.show links ids
    assert slips.to_dict("records") == [
        {"project": "alpha", "name": "Electronic manifest", "planned end moved (days)": 30,
         "forecast end moved (days)": 30},
        {"project": "beta", "name": "Risk engine", "planned end moved (days)": 0, "forecast end moved (days)": 30}]
    changes = frame_with(at, "project", "field")
    assert list(changes["project"].str.removeprefix("/project?project=").unique()) == ["alpha", "beta"]
    assert ("guidelines", "gained tfa 10.4") in set(zip(changes["field"], changes["change"]))
    assert list(frame_with(at, "gained")["gained"]) == ["10.4"]
    assert at.query_params["base"] == "v1.0"
    assert "portfolio diff v1.0 --workspace" in at.code[-1].value


def test_two_revisions(history, monkeypatch):
    r, _ = history
    at = open_page(monkeypatch, r.root / FOLDER, base="v1.0")
    target = at.selectbox(key="changes-target")
    target.select(next(o for o in target.options if o.startswith("broken"))).run()
    assert not at.exception
    assert [(m.label, m.value) for m in at.metric][:3] == [("Projects", "3"), ("Added / removed", "0 / 1"),
                                                          ("Changed", "2")]
    assert "- after (broken (" in plain(at.warning[0].value)


def test_a_baseline_before_the_workspace_existed(history, monkeypatch):
    r, _ = history
    at = open_page(monkeypatch, r.root / FOLDER, base="before-ws")
    assert plain(at.error[0].value).startswith("the workspace folder plans/national/ did not exist at before-ws (")


def test_a_workspace_outside_git_says_why(ws, monkeypatch):
    at = open_page(monkeypatch, ws.root)
    assert "Baselines are not available" in at.info[0].value
    assert "not in a git repository" in at.info[0].value
