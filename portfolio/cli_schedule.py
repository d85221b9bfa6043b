"""`portfolio schedule` and `portfolio export mermaid|ics`: the schedule engine from the command line.

Registered in `cli.py` with `main.add_command`; the library does the work, this
module parses options and formats. pandas and networkx are imported only when
one of these commands runs, so `portfolio check` stays fast to start.
"""
from __future__ import annotations

import json
from pathlib import Path

import click

SCHEDULE_FORMATS = ("table", "csv", "json")


NO_CACHE = click.option("--no-cache", is_flag=True, help="Re-parse every file instead of reusing unchanged ones.")


def _workspace(path: str, no_cache: bool):
    from .cli import _load

    ws = _load(path, use_cache=not no_cache, quiet=True)
    if ws.errors:
        click.echo(f"note: {len(ws.errors)} errors in the workspace; files with errors in required fields are "
                   f"left out of the schedule. Run `portfolio check {path}` for details.", err=True)
    return ws


def _parse_delays(values: tuple[str, ...]) -> dict[str, int]:
    delays: dict[str, int] = {}
    for value in values:
        pid, sep, days = value.partition("=")
        try:
            n = int(days)
        except ValueError:
            n = None
        if not sep or not pid or n is None:
            raise click.BadParameter(f"{value!r}: write PROJECT=DAYS, e.g. national-single-window=90",
                                     param_hint="--delay")
        delays[pid.strip()] = delays.get(pid.strip(), 0) + n
    return delays


def _jsonable(value):
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def _records(frame) -> list[dict]:
    return [{k: _jsonable(None if _missing(v) else v) for k, v in row.items()} for row in frame.to_dict("records")]


def _missing(v) -> bool:
    import pandas as pd

    return not isinstance(v, (list, tuple)) and pd.isna(v)


def _emit(frame, fmt: str) -> None:
    if fmt == "csv":
        click.echo(frame.to_csv(index=False, lineterminator="\n"), nl=False)
    elif fmt == "json":
        click.echo(json.dumps(_records(frame), indent=2))
    elif len(frame):
        text = frame.astype(object).where(frame.notna(), "")
        left = {c: _left(text[c]) for c in ("id", "project", "milestone", "name") if c in text}
        click.echo(text.to_string(index=False, formatters=left, justify="left"))


def _left(column):
    width = max((len(str(v)) for v in column), default=0)
    return lambda v: f"{v!s:<{width}}"


@click.command()
@click.argument("workspace", default=".", type=click.Path(file_okay=False))
@click.option("--format", "fmt", type=click.Choice(SCHEDULE_FORMATS), default="table", show_default=True)
@click.option("--delay", "delays", multiple=True, metavar="ID=DAYS",
              help="What-if: delay a project by DAYS (repeatable); prints what moves and what the plan then misses.")
@click.option("--critical", "critical_only", is_flag=True, help="Only the projects on the critical path.")
@NO_CACHE
def schedule(workspace: str, fmt: str, delays: tuple[str, ...], critical_only: bool, no_cache: bool) -> None:
    """Forecast dates, slip, float and the critical path of every project.

    One row per project: id, planned_start, planned_end, forecast_start,
    forecast_end, slip_days, float_days, critical. Cancelled projects have no
    forecast. With --delay, prints every project and milestone whose forecast
    moves, and the plan targets and objectives it then misses.
    """
    from .schedule import COLUMNS
    from .schedule import schedule as run

    ws = _workspace(workspace, no_cache)
    if delays:
        _what_if(ws, _parse_delays(delays), fmt)
        return
    sched = run(ws)
    frame = sched.frame()
    if critical_only:
        frame = frame[frame["critical"]]
    _emit(frame[COLUMNS], fmt)
    if sched.cyclic:
        click.echo(f"warning: {len(sched.cyclic)} projects are in a dependency cycle and kept at their planned "
                   f"dates: {', '.join(sched.cyclic)}. Run `portfolio check` to see the cycle.", err=True)
    if fmt == "table":
        finish = f"; portfolio finish {sched.finish}" if sched.finish else ""
        click.echo(f"{len(sched.critical_path)} critical, {len(sched.conflicts)} dependency conflicts{finish}",
                   err=True)


def _what_if(ws, delays: dict[str, int], fmt: str) -> None:
    from .whatif import messages, what_if

    try:
        result = what_if(ws, delays)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--delay") from exc
    moves = result.frame()
    if fmt == "json":
        click.echo(json.dumps({
            "delays": result.delays,
            "moves": _records(moves),
            "targets_missed": [{k: _jsonable(getattr(t, k)) for k in t.__slots__} for t in result.targets],
            "objectives_missed": [{k: _jsonable(getattr(o, k)) for k in o.__slots__} for o in result.objectives],
        }, indent=2))
        return
    if fmt == "csv":  # the moves only; json carries the missed targets and objectives too
        _emit(moves, "csv")
        return
    given = ", ".join(f"{pid} +{days}d" for pid, days in delays.items())
    if not len(moves):
        click.echo(f"Delaying {given} moves nothing.")
        return
    projects = (moves["kind"] == "project").sum()
    click.echo(f"Delaying {given} moves {projects} projects and {len(moves) - projects} milestones:\n")
    _emit(moves.drop(columns=["kind"]), "table")
    lines = messages(ws, result)
    if lines:
        click.echo("")
    for line in lines:
        click.echo(line)


@click.group()
def export() -> None:
    """Write the schedule for other tools: a Mermaid gantt or an iCalendar file."""


def _write(text: str, output: str | None) -> None:
    """As bytes, so the CRLF line ends iCalendar requires survive on every platform."""
    data = text.encode("utf-8")
    if output in (None, "-"):
        click.echo(data, nl=False)  # bytes go to the binary stream untouched
        return
    Path(output).write_bytes(data)
    click.echo(f"wrote {output}", err=True)


@export.command()
@click.argument("workspace", default=".", type=click.Path(file_okay=False))
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write to this file instead of standard output.")
@click.option("--markdown", is_flag=True, help="Wrap it in a ```mermaid block, for a .md file GitHub renders.")
@click.option("--planned", is_flag=True, help="Draw the planned dates instead of the forecast.")
@click.option("--programme", "programmes", multiple=True, metavar="ID", help="Only this programme (repeatable).")
@NO_CACHE
def mermaid(workspace: str, output: str | None, markdown: bool, planned: bool, programmes: tuple[str, ...],
            no_cache: bool) -> None:
    """A Mermaid gantt of the schedule: one section per programme, critical path marked."""
    from .export import MERMAID_MAX_TEXT, markdown as wrap, mermaid_gantt
    from .schedule import schedule as run

    ws = _workspace(workspace, no_cache)
    text = mermaid_gantt(ws, run(ws), planned=planned, programmes=programmes)
    if len(text) > MERMAID_MAX_TEXT:
        click.echo(f"warning: the diagram is {len(text):,} characters; GitHub does not render more than "
                   f"{MERMAID_MAX_TEXT:,}. Export fewer projects with --programme.", err=True)
    _write(wrap(text, ws.plan.name if ws.plan else None) if markdown else text, output)


@export.command()
@click.argument("workspace", default=".", type=click.Path(file_okay=False))
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write to this file instead of standard output.")
@NO_CACHE
def ics(workspace: str, output: str | None, no_cache: bool) -> None:
    """Milestones and project ends (forecast dates) as an iCalendar file for Outlook or Google Calendar."""
    from .export import ics_calendar
    from .schedule import schedule as run

    ws = _workspace(workspace, no_cache)
    _write(ics_calendar(ws, run(ws)), output)
