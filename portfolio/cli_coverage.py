"""`portfolio coverage`: which items of a guideline catalog the portfolio covers, and by when.

Thin: it loads, asks `portfolio.coverage`, and hands the result to `coverage_export`.
Heavy imports (pandas, openpyxl, the scheduler) happen inside the command, so
`portfolio check` does not pay for them.
"""
from __future__ import annotations

import sys
from pathlib import Path

import click

FORMATS = ("table", "csv", "json", "xlsx", "md")


@click.command("coverage")
@click.argument("workspace", default=".", type=click.Path(file_okay=False))
@click.option("-c", "--catalog", "catalog_id", metavar="ID",
              help="Catalog to trace, e.g. tfa, rkc-ict, smart, or one of the workspace's own. "
                   "Without it, the command lists the catalogs it knows.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True,
              help="table: for a terminal; csv: item,title,parent,state,projects (one row per item, "
                   "parents included, projects separated by spaces); json: everything, with the "
                   "coverage curve; md: a Markdown table; xlsx: the traceability matrix (one row per "
                   "item, one column per project, a legend, frozen headers).")
@click.option("--gaps", is_flag=True, help="List only the uncovered items (leaves no live project names).")
@click.option("--by", type=click.Choice(["project", "programme"]), default="project", show_default=True,
              help="Columns of the XLSX matrix: one per project, or one per programme for large portfolios.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True),
              help="Write to this file instead of standard output. xlsx needs it when standard "
                   "output is a terminal; piped or redirected, xlsx goes to standard output.")
@click.option("--planned-dates", is_flag=True,
              help="Date deliveries by each project's planned end instead of its forecast end "
                   "(the forecast respects every dependency).")
@click.option("--no-cache", is_flag=True, help="Re-parse every file instead of reusing unchanged ones.")
def coverage_command(workspace: str, catalog_id: str | None, fmt: str, gaps: bool, by: str,
                     output: str | None, planned_dates: bool, no_cache: bool) -> None:
    """Trace a guideline catalog (TFA, RKC, ...) to the projects that cover its items.

    An item's state is the most advanced of its projects': delivered (completed),
    in-delivery (in-progress), planned (proposed or approved), stalled (on-hold), or
    uncovered. Cancelled projects never count. A parent item (a TFA article) is as
    advanced as its least advanced child; "covered" shows how many of its leaves
    have a project. Figures count leaf items only.

    \b
    Examples:
      portfolio coverage plans/example --catalog tfa
      portfolio coverage --catalog tfa --gaps
      portfolio coverage --catalog rkc-ict --format xlsx -o rkc-matrix.xlsx
    """
    from .cli import _load
    from .coverage import coverage
    from .schedule import schedule
    from . import coverage_export as export

    if fmt == "xlsx" and not output and sys.stdout.isatty():
        raise click.UsageError("an XLSX file is binary: give --output FILE (or redirect standard output)")
    ws = _load(workspace, use_cache=not no_cache, quiet=fmt != "table" or output is not None)
    if not catalog_id or catalog_id not in ws.catalogs:
        known = "\n".join(f"  {c.id:<22} {c.name}" for c in sorted(ws.catalogs.values(), key=lambda c: c.id))
        what = f"no catalog {catalog_id!r} in {workspace}" if catalog_id else "name a catalog with --catalog ID"
        raise click.UsageError(f"{what}; the catalogs are:\n{known or '  (none)'}")
    if ws.errors:
        click.echo(f"warning: {len(ws.errors)} errors in the workspace; what failed to load is not counted. "
                   f"Run `portfolio check {workspace}` for the list.", err=True)

    cov = coverage(ws, catalog_id, forecast_end=None if planned_dates else schedule(ws).forecast_ends())
    if fmt == "xlsx":
        data = export.to_xlsx(ws, cov, by=by)
        if output:
            Path(output).write_bytes(data)
        else:
            sys.stdout.flush()
            sys.stdout.buffer.write(data)
            sys.stdout.buffer.flush()
        return
    period = ws.plan.period if ws.plan else None
    text = {
        "table": lambda: export.to_table(cov, gaps),
        "csv": lambda: export.to_csv(cov, gaps),
        "json": lambda: export.to_json(cov, gaps, period),
        "md": lambda: export.to_markdown(cov, gaps),
    }[fmt]()
    if output:
        Path(output).write_text(text, encoding="utf-8")
    else:
        click.echo(text, nl=False)
