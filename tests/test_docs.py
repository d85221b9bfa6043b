"""The README is kept honest: every check code, CLI command and the pre-commit hook are documented as they are."""
from __future__ import annotations

import re
from pathlib import Path

import yaml

from portfolio.cli import main
from portfolio.issues import CODES

REPO = Path(__file__).resolve().parent.parent
README = (REPO / "README.md").read_text(encoding="utf-8")


def test_every_check_code_is_documented_with_its_severity():
    documented = dict(re.findall(r"^\| `([a-z-]+)` \| (error|warning) \|", README, flags=re.M))
    assert documented == {code: severity for code, (severity, _) in CODES.items()}


def test_every_cli_command_is_documented():
    for name in main.commands:
        assert f"portfolio {name}" in README, name


def test_readme_shows_the_two_commands_and_ci_calls_the_test_one():
    assert "./dev app" in README and "./dev test" in README
    assert "./dev test" in (REPO / ".ci" / "run").read_text()


def test_pre_commit_hook_runs_portfolio_check():
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())
    assert [h["id"] for h in hooks] == ["portfolio-check"]
    assert hooks[0]["entry"] == "portfolio check"
    assert hooks[0]["pass_filenames"] is False
    assert "id: portfolio-check" in README


def test_library_never_imports_streamlit():
    for path in (REPO / "portfolio").glob("*.py"):
        assert not re.search(r"^\s*(import|from)\s+streamlit", path.read_text(), flags=re.M), path.name


def test_readme_yaml_examples_load_cleanly_in_the_example_workspace(tmp_path):
    """The project and assessment files shown in the README are valid against the example plan."""
    import shutil

    from portfolio.workspace import load_workspace

    blocks = re.findall(r"```yaml\n(.*?)```", README, flags=re.S)
    project = next(b for b in blocks if b.startswith("name: "))
    assessment = next(b for b in blocks if b.startswith("model: "))
    root = tmp_path / "ws"
    shutil.copytree(REPO / "plans" / "example", root)
    (root / "projects" / "readme-sample.yaml").write_text(project, encoding="utf-8")
    (root / "assessments" / "readme-sample.yaml").write_text(assessment, encoding="utf-8")
    ws = load_workspace(root)
    mine = [i.format() for i in ws.issues if "readme-sample" in i.path]
    assert mine == []
    assert "readme-sample" in ws.projects
    assert any(a.path == "assessments/readme-sample.yaml" for a in ws.assessments)
