"""`portfolio diff` on a temporary git repository (tests/gitrepos.py::build_history)."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from gitrepos import GitRepoFactory, build_history
from portfolio.cli import main

FOLDER = "plans/national"


@pytest.fixture(scope="module")
def history(tmp_path_factory):
    repo = GitRepoFactory(tmp_path_factory.mktemp("git") / "planning")
    return repo, build_history(repo, FOLDER)


def run(*args: str):
    return CliRunner().invoke(main, ["diff", *args], catch_exceptions=False)


def test_markdown_for_a_pull_request(history):
    r, shas = history
    result = run("v1.0", shas["update"], "--workspace", str(r.root / FOLDER), "--format", "md")
    assert result.exit_code == 0, result.output
    v1, update = shas["v1.0"][:10], shas["update"][:10]
    assert result.stdout == f"""\
## Changes from v1.0 ({v1}) to {update}

|  | before | after | change |
|---|---|---|---|
| projects | 4 | 4 |  |
| in-progress | 0 | 1 | +1 |
| completed | 0 | 0 |  |
| cancelled | 0 | 0 |  |
| health red | 0 | 0 |  |
| health amber | 0 | 1 | +1 |
| planned budget (USD) | 180,000 | 250,000 | +70,000 |
| spent (USD) | 0 | 50,000 | +50,000 |
| donor-funded (USD) | 50,000 | 50,000 |  |
| no funded sustainment | 4 | 4 |  |
| forecast finish | 2027-03-31 | 2027-06-30 | +91 days |

### Added projects (1)

| project | name | status | start | end | budget |
|---|---|---|---|---|---|
| `epsilon` | Data warehouse | proposed | 2027-02-01 | 2027-06-30 | 80,000 |

### Removed projects (1)

| project | name | status | start | end | budget |
|---|---|---|---|---|---|
| `gamma` | Legacy archive | proposed | 2027-01-01 | 2027-03-31 | 30,000 |

### Renamed projects (1)

| before | after | name |
|---|---|---|
| `delta` | `delta-2` | Trader portal |

### Changed projects (2)

#### `alpha` Electronic manifest

| field | before | after | change |
|---|---|---|---|
| status | approved | in-progress |  |
| health | green | amber |  |
| progress | 0 | 40 | +40 |
| end | 2026-09-30 | 2026-10-30 | +30 days |
| forecast end | 2026-09-30 | 2026-10-30 | +30 days |
| budget planned | 100,000 | 120,000 | +20,000 |
| budget spent | 0 | 50,000 | +50,000 |
| guidelines | tfa 7.1 | tfa 7.1, tfa 10.4 | gained tfa 10.4 |
| milestone m1 | 2026-06-01 | 2026-06-15 | +14 days |
| milestone m1 done | no | yes | done |
| milestone m2 | 2026-09-01 | — | dropped |
| milestone m3 | — | 2026-10-15 | added |

#### `beta` Risk engine

| field | before | after | change |
|---|---|---|---|
| forecast start | 2026-10-01 | 2026-10-31 | +30 days |
| forecast end | 2026-12-31 | 2027-01-30 | +30 days |

### Plan

| field | before | after | change |
|---|---|---|---|
| objective obj-a KPI Release time target | 24 | 12 | -12 |
| programme prog-b | — | Trader services | added |

### Guideline coverage

| catalog | covered before | covered after | gained | lost |
|---|---|---|---|---|
| tfa | 1 of 36 | 2 of 36 | 10.4 | — |
"""


def test_table_against_the_working_tree_from_inside_the_workspace(history, monkeypatch):
    r, shas = history
    monkeypatch.chdir(r.root / FOLDER / "projects")
    result = run("v1.0", "--workspace", "..")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == f"Changes from v1.0 ({shas['v1.0'][:10]}) to working tree"
    assert "  forecast finish       2027-03-31 2027-06-30 +91 days" in lines
    assert "  delta -> delta-2  Trader portal" in lines
    assert "    end               2026-09-30 -> 2026-10-30        +30 days" in lines


def test_json(history):
    r, shas = history
    result = run("v1.0", "HEAD", "-w", str(r.root / FOLDER), "--format", "json")
    data = json.loads(result.stdout)
    assert data["before"] == f"v1.0 ({shas['v1.0'][:10]})" and data["after"] == f"HEAD ({shas['HEAD'][:10]})"
    assert [p["id"] for p in data["added"]] == ["epsilon"]
    assert [p["id"] for p in data["changed"]] == ["alpha", "beta"]
    assert data["not_compared"] == []


def test_a_file_broken_at_a_revision_is_a_warning_not_a_failure(history, tmp_path):
    r, _ = history
    out = tmp_path / "changes.md"
    result = run("v1.0", "broken", "-w", str(r.root / FOLDER), "--format", "md", "-o", str(out))
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr.startswith("warning: not compared, could not be loaded at broken (")
    assert "projects/epsilon.yaml:3:6: YAML syntax" in result.stderr
    text = out.read_text(encoding="utf-8")
    assert "### Not compared" in text and "### Added projects" not in text  # epsilon is not "added"


@pytest.mark.parametrize("args, message", [
    (["nope"], "Invalid value for REV: no commit 'nope' in the repository at"),
    (["v1.0", "nope"], "Invalid value for REV2: no commit 'nope'"),
    (["--", "-x"], "Invalid value for REV: '-x' is not a revision (it starts with '-')"),
    (["before-ws"], "Invalid value for REV: the workspace folder plans/national/ did not exist at before-ws"),
])
def test_usage_errors_say_what_is_wrong(history, args, message):
    r, _ = history
    result = run("-w", str(r.root / FOLDER), *args)
    assert result.exit_code == 2
    assert message in " ".join(result.stderr.split()), result.stderr


def test_a_workspace_outside_git(tmp_path, ws):
    result = run("HEAD", "-w", str(ws.root))
    assert result.exit_code == 2
    assert "is not in a git repository, so there is no history to compare with" in " ".join(result.stderr.split())


def test_the_command_writes_nothing_in_the_repository(history):
    r, _ = history
    before = r.status()
    files = sorted(p.relative_to(r.root) for p in r.root.rglob("*"))
    run("v1.0", "-w", str(r.root / FOLDER))
    assert r.status() == before and sorted(p.relative_to(r.root) for p in r.root.rglob("*")) == files
