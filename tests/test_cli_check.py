"""`portfolio check` and `portfolio schema` as a planner and a CI job use them."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml
from click.testing import CliRunner

from portfolio.cli import main

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "plans" / "example"


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_clean_workspace_exits_zero(ws):
    ws.project("p")
    result = run("check", str(ws.root), "--no-cache")
    assert result.exit_code == 0
    assert result.output.strip().endswith("0 errors, 0 warnings in 2 files")


def test_errors_exit_one_with_editor_positions(ws, monkeypatch):
    ws.write("projects/e-manifest.yaml", "name: E\nstatus: ongoing\nstart: 2026-01-01\nend: 2026-02-01\n")
    monkeypatch.chdir(ws.root)
    result = run("check", "--no-cache")
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[0].startswith("projects/e-manifest.yaml:2:9: error: status: 'ongoing' is not one of")
    assert lines[-1] == "1 error, 0 warnings in 2 files; 1 not loaded"


def test_warnings_pass_unless_strict(ws):
    ws.project("p", "sumary: typo\n")
    assert run("check", str(ws.root), "--no-cache").exit_code == 0
    assert run("check", str(ws.root), "--no-cache", "--strict").exit_code == 1


def test_usage_error_exits_two(tmp_path):
    assert run("check", str(tmp_path / "missing")).exit_code == 2
    assert run("check", "--format", "xml").exit_code == 2


def test_json_format(ws):
    ws.project("p", "owner: NO\n")
    result = run("check", str(ws.root), "--format", "json", "--no-cache")
    data = json.loads(result.output)
    assert (data["errors"], data["warnings"], data["files"]) == (1, 0, 2)
    issue = data["issues"][0]
    assert issue["path"].endswith(os.path.join("projects", "p.yaml"))
    assert (issue["line"], issue["column"], issue["severity"], issue["code"]) == (5, 8, "error", "quote")


def test_github_annotations(ws):
    ws.project("p", "owner: NO\n")
    result = run("check", str(ws.root), "--format", "github", "--no-cache")
    assert result.output.startswith("::error file=")
    assert ",line=5,col=8,title=quote::owner: YAML reads NO" in result.output


def test_cache_gives_same_issues_and_picks_up_edits(ws, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    ws.project("p", "owner: NO\nstatus: done\n")
    first = run("check", str(ws.root), "--format", "json")
    second = run("check", str(ws.root), "--format", "json")
    assert list((tmp_path / "cache" / "portfolio").glob("*.marshal"))
    assert json.loads(first.output) == json.loads(second.output)
    assert json.loads(first.output)["errors"] == 2
    ws.project("p")
    assert json.loads(run("check", str(ws.root), "--format", "json").output)["errors"] == 0


def test_check_never_writes_into_the_workspace(ws, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    ws.project("p")
    before = sorted(p.relative_to(ws.root) for p in ws.root.rglob("*"))
    run("check", str(ws.root))
    assert sorted(p.relative_to(ws.root) for p in ws.root.rglob("*")) == before


def test_example_workspace_passes_strict_check():
    result = run("check", str(EXAMPLE), "--strict", "--no-cache")
    assert result.exit_code == 0, result.output


def test_console_script_runs_as_a_process(ws):
    ws.write("projects/p.yaml", "name: P\nstart: 2026-01-01\nend: 2026-01-02\nstatus: ongoing\n")
    proc = subprocess.run([sys.executable, "-m", "portfolio", "check", str(ws.root), "--no-cache"],
                          capture_output=True, text=True)
    assert proc.returncode == 1
    assert "p.yaml:4:9: error: status" in proc.stdout


@pytest.mark.parametrize("kind", ["plan", "project", "assessment", "catalog", "maturity-model"])
def test_schema_is_valid_json_schema(kind):
    schema = json.loads(run("schema", kind).output)
    jsonschema.Draft202012Validator.check_schema(schema)


def test_schema_accepts_the_example_and_rejects_a_typo(tmp_path):
    assert run("schema", "--output", str(tmp_path)).exit_code == 0
    project_schema = json.loads((tmp_path / "project.schema.json").read_text())
    validator = jsonschema.Draft202012Validator(project_schema, format_checker=jsonschema.FormatChecker())
    for path in sorted((EXAMPLE / "projects").glob("*.yaml")):
        doc = json.loads(json.dumps(yaml.safe_load(path.read_text()), default=str))
        assert not list(validator.iter_errors(doc)), path.name
    errors = list(validator.iter_errors({"name": "X", "status": "ongoing", "start": "2026-01-01", "end": "2026-01-02"}))
    assert [e.json_path for e in errors] == ["$.status"]
    plan_schema = json.loads((tmp_path / "plan.schema.json").read_text())
    plan = json.loads(json.dumps(yaml.safe_load((EXAMPLE / "plan.yaml").read_text()), default=str))
    assert not list(jsonschema.Draft202012Validator(plan_schema).iter_errors(plan))
