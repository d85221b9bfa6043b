"""`portfolio diff`: what changed since a baseline (a git tag, branch or commit).

Thin: git reads are in `gitrepo`/`revisions`, the comparison in `baseline`, the
formats in `baseline_report`. Heavy imports happen inside the command.
"""
from __future__ import annotations

import json
from pathlib import Path

import click

FORMATS = ("table", "json", "md")


@click.command("diff")
@click.argument("rev")
@click.argument("rev2", required=False)
@click.option("-w", "--workspace", default=".", show_default=True, type=click.Path(file_okay=False),
              help="The workspace folder; it must be inside a git repository (a sub-folder is fine).")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True,
              help="table: for a terminal; json: for machines; md: Markdown to paste into a pull "
                   "request or a committee paper.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True),
              help="Write to this file instead of standard output.")
def diff_command(rev: str, rev2: str | None, workspace: str, fmt: str, output: str | None) -> None:
    """Compare the workspace at REV (the baseline) with REV2, or with the working tree.

    REV and REV2 are anything git names a commit by: a tag (v1.0, steering-2026-03),
    a branch, a commit id, HEAD~3. The working tree, the index and the refs are only
    read, never changed. Shows projects added, removed and renamed; per project the
    changes of planned and forecast dates (in days), budget, status, health,
    progress, guideline items, dependencies and milestones; plan changes; coverage
    gained or lost; portfolio totals before and after.

    Exit status: 0 the diff was printed (whether or not anything changed), 2 the
    workspace is not in a git repository, or a revision does not exist or has no
    workspace, 1 git itself failed.

    \b
    Examples:
      portfolio diff v1.0 --workspace plans/national
      portfolio diff steering-2026-03 HEAD --format md > changes.md
      portfolio diff HEAD~5 --format json
    """
    from . import baseline_report as report
    from .baseline import diff
    from .gitrepo import BadRevision, GitError, NotARepository, find_repo, resolve
    from .revisions import WorkspaceMissing, describe, load_at
    from .workspace import load_workspace

    if not Path(workspace).is_dir():
        raise click.BadParameter(f"{workspace!r} is not a folder", param_hint="--workspace")
    try:
        repo = find_repo(workspace)
    except NotARepository as exc:
        raise click.UsageError(str(exc)) from None
    try:
        states = []
        for hint, r in (("REV", rev), ("REV2", rev2)):
            if r is None:
                continue
            try:
                sha = resolve(repo, r)
                label = describe(repo, sha, r)
                states.append((load_at(repo, sha, label=label), label))
            except (BadRevision, WorkspaceMissing) as exc:
                raise click.BadParameter(str(exc), param_hint=hint) from None
        if rev2 is None:
            states.append((load_workspace(workspace), "working tree"))
    except GitError as exc:
        raise click.ClickException(f"git: {exc}") from None

    (before, before_label), (after, after_label) = states
    result = diff(before, after, before_label, after_label)
    text = {"table": report.to_text, "md": report.to_markdown,
            "json": lambda d: json.dumps(report.as_dict(d), indent=2) + "\n"}[fmt](result)
    for n in result.not_compared:
        at = before_label if n.side == "before" else after_label
        click.echo(f"warning: not compared, could not be loaded at {at}: {n.message}", err=True)
    if output:
        Path(output).write_text(text, encoding="utf-8")
    else:
        click.echo(text, nl=False)
