"""The git sections of other pages, through AppTest: a project's history on the Project page,
baseline bars on the Timeline page (tests/gitrepos.py builds the repository)."""
from __future__ import annotations

from pathlib import Path

import pytest

from gitrepos import AUTHOR, GitRepoFactory, build_history

UI = Path(__file__).resolve().parents[1] / "ui"
FOLDER = "plans/national"


@pytest.fixture(scope="module")
def history(tmp_path_factory):
    repo = GitRepoFactory(tmp_path_factory.mktemp("git") / "planning")
    return repo, build_history(repo, FOLDER)


def run_page(monkeypatch, name: str, workspace, **query):
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("PORTFOLIO_WORKSPACE", str(workspace))
    at = AppTest.from_file(str(UI / name), default_timeout=60)
    for k, v in query.items():
        at.query_params[k] = v
    at.run()
    assert not at.exception, at.exception
    return at


def frame_with(at, *columns: str):
    found = [d.value for d in at.dataframe if set(columns) <= set(d.value.columns)]
    assert len(found) == 1, [list(d.value.columns) for d in at.dataframe]
    return found[0]


def test_project_page_lists_the_commits_that_touched_the_file(history, monkeypatch):
    r, shas = history
    at = run_page(monkeypatch, "project.py", r.root / FOLDER, project="alpha")
    rows = frame_with(at, "author", "what changed").to_dict("records")
    assert [(x["date"], x["author"], x["commit"], x["message"]) for x in rows] == [
        ("2026-01-03", AUTHOR[0], shas["update"][:10], "Alpha re-planned; gamma dropped; epsilon added"),
        ("2026-01-02", AUTHOR[0], shas["v1.0"][:10], "Plan approved by the steering committee")]
    assert rows[1]["what changed"] == "file added"
    assert rows[0]["what changed"].startswith("status approved → in-progress; health green → amber; "
                                              "progress 0 → 40 (+40); end 2026-09-30 → 2026-10-30 (+30 days);")
    assert "guidelines: gained tfa 10.4; milestone m1 2026-06-01 → 2026-06-15 (+14 days)" in rows[0]["what changed"]
    assert rows[0]["what changed"].endswith("milestone m2 dropped (2026-09-01); milestone m3 added (2026-10-15)")


def test_project_page_history_of_a_file_broken_then_fixed(history, monkeypatch):
    r, _ = history
    at = run_page(monkeypatch, "project.py", r.root / FOLDER, project="epsilon")
    rows = frame_with(at, "author", "what changed")["what changed"].tolist()
    assert rows[0].startswith("made it load again (before this commit: projects/epsilon.yaml:3:6: YAML syntax")
    assert rows[1].startswith("changed; it cannot be loaded: projects/epsilon.yaml:3:6: YAML syntax")
    assert rows[2] == "file added"


def test_timeline_outside_git_says_why(ws, monkeypatch):
    ws.project("alpha")
    at = run_page(monkeypatch, "timeline.py", ws.root)
    at.toggle(key="timeline-baseline-on").set_value(True).run()
    assert any(c.value.startswith("Not available:") and "not in a git repository" in c.value for c in at.caption)


def test_project_page_outside_git_says_why(ws, monkeypatch):
    ws.project("alpha")
    at = run_page(monkeypatch, "project.py", ws.root, project="alpha")
    assert any("No history" in c.value and "not in a git repository" in c.value for c in at.caption)


def test_timeline_baseline_bars(history, monkeypatch):
    r, _ = history
    at = run_page(monkeypatch, "timeline.py", r.root / FOLDER)
    assert not [b for b in at.selectbox if b.key == "timeline-baseline"]  # nothing read from git until asked
    at.toggle(key="timeline-baseline-on").set_value(True).run()
    box = at.selectbox(key="timeline-baseline")
    assert box.value.name == "broken"
    box.select(next(o for o in box.options if o.startswith("v1.0"))).run()
    assert not at.exception
    moved = frame_with(at, "baseline end", "days")
    assert moved["project"].str.removeprefix("/project?project=").tolist() == ["alpha"]
    assert moved["days"].tolist() == [30]
    assert any("were added since the baseline" in c.value for c in at.caption)
