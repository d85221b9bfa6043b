"""`portfolio report`: the board report as one HTML file, or the portfolio table as an Excel workbook.

Registered in `cli.py` with one `main.add_command` line. pandas, Altair and the SVG
renderer are imported inside the command, so `portfolio check` stays quick to start.
"""
from __future__ import annotations

import sys
from datetime import date, datetime
from pathlib import Path

import click

FORMATS = ("html", "xlsx")
DEFAULT_OUT = {"html": "report.html", "xlsx": "portfolio.xlsx"}


def _as_of(ctx, param, value: str | None) -> date:
    if value is None:
        return date.today()
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not an ISO date; write it as 2026-11-23") from None


@click.command("report")
@click.argument("workspace", default=".", type=click.Path(file_okay=False))
@click.option("-o", "--out", type=click.Path(dir_okay=False),
              help="File to write (default: report.html, or portfolio.xlsx with --format xlsx); - for standard "
                   "output (html only).")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="html", show_default=True,
              help="html: the board report, self-contained (opens offline, prints to PDF); xlsx: the portfolio "
                   "table with milestones and open risks, for Excel.")
@click.option("--as-of", "as_of", callback=_as_of, metavar="DATE",
              help="Date that 'overdue' and 'due in 90 days' count from (default: today).")
@click.option("--programme", multiple=True, help="Only projects of this programme (repeat for more).")
@click.option("--objective", multiple=True, help="Only projects serving this objective (repeat for more).")
@click.option("--owner", multiple=True, help="Only projects of this owner (repeat for more).")
@click.option("--status", multiple=True, help="Only projects with this status (repeat for more).")
@click.option("--funding", multiple=True, help="Only projects with this funding: internal, donor, ppp, mixed.")
@click.option("--no-charts", is_flag=True, help="Leave the charts out of the HTML (smaller, quicker).")
def report_command(workspace: str, out: str | None, fmt: str, as_of: date, programme, objective, owner, status,
                   funding, no_charts: bool) -> None:
    """Write the board report (HTML) or the portfolio workbook (XLSX) of a workspace."""
    from . import filters as fl
    from .cli import _load

    ws = _load(workspace, use_cache=True, quiet=True)
    if ws.errors:
        click.echo(f"note: {len(ws.errors)} errors in the workspace; files with errors in required fields are "
                   f"left out. Run `portfolio check {workspace}` for details.", err=True)
    filters = fl.Filters(programme=programme, objective=objective, owner=owner, status=status, funding=funding)
    bad = fl.unknown(filters, ws)
    if bad:
        raise click.BadParameter("; ".join(f"{f}: {', '.join(v)} (known: {', '.join(fl.options(ws)[f]) or 'none'})"
                                           for f, v in bad.items()), param_hint="filters")
    out = out or DEFAULT_OUT[fmt]
    if fmt == "xlsx":
        if out == "-":
            raise click.BadParameter("an Excel workbook is not written to standard output; give a file name",
                                     param_hint="--out")
        from .dashboard import View
        from .schedule import schedule
        from .workbook import to_xlsx

        data = to_xlsx(View(fl.apply(ws, filters), schedule(ws), as_of))
    else:
        from .report import build

        data = build(ws, as_of=as_of, filters=filters, charts_on=not no_charts,
                     generated=datetime.now().replace(microsecond=0)).encode("utf-8")
    if out == "-":
        sys.stdout.buffer.write(data)
        return
    Path(out).write_bytes(data)
    click.echo(f"wrote {out}", err=True)
