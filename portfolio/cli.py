"""The `portfolio` command: a thin layer that loads, asks the library, and formats.

Exit codes follow linters: 0 clean (warnings pass unless --strict), 1 problems,
2 usage error (click's own). Heavy imports (pandas, networkx) stay out of
`check`, which runs on every commit.
"""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click

from .issues import Issue

FORMATS = ("text", "json", "github")


def _display_path(issue: Issue, workspace: str) -> str:
    if issue.path.startswith("<builtin>/"):
        from .builtin import guidelines_dir
        return os.path.normpath(guidelines_dir() / issue.path.removeprefix("<builtin>/"))
    return os.path.normpath(os.path.join(workspace, issue.path))


def _load(workspace: str, use_cache: bool, quiet: bool):
    from .workspace import load_workspace

    if not Path(workspace).is_dir():
        raise click.BadParameter(f"{workspace!r} is not a folder", param_hint="WORKSPACE")
    if quiet or not sys.stderr.isatty():
        return load_workspace(workspace, cache=use_cache)
    from rich.progress import Progress  # only a person at a terminal sees it

    with Progress(transient=True, console=None) as bar:
        task = bar.add_task("reading files", total=None)
        return load_workspace(workspace, cache=use_cache,
                              progress=lambda done, total: bar.update(task, completed=done, total=total))


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="customs-ict-portfolio")
def main() -> None:
    """ICT portfolio and strategic-plan manager for Customs administrations."""


@main.command()
@click.argument("workspace", default=".", type=click.Path(file_okay=False))
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True,
              help="text: path:line:col lines; json: for machines; github: GitHub Actions annotations.")
@click.option("--strict", is_flag=True, help="Fail on warnings too.")
@click.option("--no-cache", is_flag=True, help="Re-parse every file instead of reusing unchanged ones.")
@click.option("-q", "--quiet", is_flag=True, help="Print problems only, no summary or progress.")
def check(workspace: str, fmt: str, strict: bool, no_cache: bool, quiet: bool) -> None:
    """Validate a workspace and print every problem as path:line:col: severity: message."""
    ws = _load(workspace, use_cache=not no_cache, quiet=quiet or fmt != "text")
    errors, warnings = len(ws.errors), len(ws.warnings)
    if fmt == "json":
        click.echo(json.dumps({
            "workspace": workspace,
            "files": ws.files,
            "errors": errors,
            "warnings": warnings,
            "unloaded": [_display_path(Issue(p, 0, 0, "syntax", ""), workspace) for p in ws.unloaded],
            "issues": [{**i.as_dict(), "path": _display_path(i, workspace)} for i in ws.issues],
        }, indent=2))
    else:
        for issue in ws.issues:
            if fmt == "github":
                click.echo(f"::{issue.severity} file={_display_path(issue, workspace)},line={max(issue.line, 1)},"
                           f"col={max(issue.column, 1)},title={issue.code}::{issue.message}")
            else:
                click.echo(f"{_display_path(issue, workspace)}:{issue.format().split(':', 1)[1]}")
        if not quiet and fmt == "text":
            unloaded = f"; {len(ws.unloaded)} not loaded" if ws.unloaded else ""
            click.echo(f"{_plural(errors, 'error')}, {_plural(warnings, 'warning')} in "
                       f"{_plural(ws.files, 'file')}{unloaded}")
    sys.exit(1 if errors or (strict and warnings) else 0)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


@main.command()
@click.argument("kind", type=click.Choice(["plan", "project", "assessment", "catalog", "maturity-model"]),
                required=False)
@click.option("-o", "--output", type=click.Path(file_okay=False),
              help="Write <kind>.schema.json files for every kind into this folder.")
def schema(kind: str | None, output: str | None) -> None:
    """Print the JSON Schema of one file kind, or write all of them with --output."""
    from .editor_schema import TITLES, json_schema

    if output:
        folder = Path(output)
        folder.mkdir(parents=True, exist_ok=True)
        for k in ([kind] if kind else TITLES):
            target = folder / f"{k}.schema.json"
            target.write_text(json.dumps(json_schema(k), indent=2) + "\n", encoding="utf-8")
            click.echo(f"wrote {target}")
        return
    if not kind:
        raise click.UsageError("name a KIND to print, or give --output DIR to write them all")
    click.echo(json.dumps(json_schema(kind), indent=2))
from .cli_maturity import maturity as _maturity; main.add_command(_maturity)  # noqa: E402,E702
from .cli_coverage import coverage_command as _coverage; main.add_command(_coverage)  # noqa: E402,E702
from .cli_schedule import schedule as _schedule; main.add_command(_schedule)  # noqa: E402,E702
from .cli_schedule import export as _export; main.add_command(_export)  # noqa: E402,E702
from .cli_diff import diff_command as _diff; main.add_command(_diff)  # noqa: E402,E702
from .cli_report import report_command as _report; main.add_command(_report)  # noqa: E402,E702
