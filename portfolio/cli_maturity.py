"""`portfolio maturity`: assessment averages, key-area averages, pilot eligibility and targets.

A thin layer over `maturity`, `projection` and `maturity_report`; pandas and the
scheduler are imported only when this command runs.
"""
from __future__ import annotations

import csv
import json
import sys

import click

FORMATS = ("text", "csv", "json")


@click.command("maturity")
@click.argument("workspace", default=".", type=click.Path(file_okay=False))
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True,
              help="text: tables for people; csv: one table (see --by); json: every result.")
@click.option("--by", "by", type=click.Choice(["assessment", "dimension"]), default="assessment",
              show_default=True,
              help="CSV rows: one per assessment and group, or one per model dimension across "
                   "administrations (each administration's latest assessment).")
@click.option("--model", "model", metavar="ID", help="Only this maturity model (e.g. carec-ie).")
@click.option("--planned-dates", is_flag=True,
              help="Project targets from planned end dates instead of the dependency forecast.")
@click.option("--no-cache", is_flag=True, help="Re-parse every file instead of reusing unchanged ones.")
def maturity(workspace: str, fmt: str, by: str, model: str | None, planned_dates: bool, no_cache: bool) -> None:
    """Maturity averages per administration and per key area, and the plan's targets.

    Averages skip n/a; an average over fewer dimensions than its group has is partial
    (marked * in text). Figures are rounded half up to one decimal, as published.
    """
    from . import maturity_report as report
    from .cli import _load
    from .schedule import schedule

    ws = _load(workspace, use_cache=not no_cache, quiet=True)
    if model is not None and model not in ws.models:
        raise click.BadParameter(f"no maturity model {model!r}; known: {', '.join(sorted(ws.models)) or 'none'}",
                                 param_hint="--model")
    if ws.errors:
        click.echo(f"warning: {len(ws.errors)} errors in the workspace; files that could not be loaded are "
                   f"left out. Run `portfolio check {workspace}` for details.", err=True)
    forecast = None if planned_dates else schedule(ws).forecast_ends()

    if fmt == "csv":
        rows = report.assessment_rows(ws, model) if by == "assessment" else report.dimension_rows(ws, model)
        columns = report.ASSESSMENT_COLUMNS if by == "assessment" else report.DIMENSION_COLUMNS
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(columns)
        for row in rows:
            writer.writerow([_csv_value(row[c]) for c in columns])
        return
    targets = report.target_rows(ws, forecast) if model is None else \
        [t for t in report.target_rows(ws, forecast) if t["model"] == model]
    if fmt == "json":
        click.echo(json.dumps({
            "workspace": workspace,
            "assessments": report.assessment_rows(ws, model),
            "dimensions": report.dimension_rows(ws, model),
            "eligibility": report.eligibility_rows(ws, model),
            "changes": report.change_rows(ws, model),
            "targets": targets,
            "forecast": "planned" if planned_dates else "scheduled",
        }, indent=2))
        return
    _print_text(ws, model, targets, planned_dates)


def _csv_value(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return f"{value:.1f}"
    return str(value)


def _fmt(value, partial: bool = False) -> str:
    return "-" if value is None else f"{value:.1f}{'*' if partial else ''}"


def _table(headers: list[str], rows: list[list[str]]) -> None:
    widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(headers)]
    click.echo("  ".join(h.ljust(w) for h, w in zip(headers, widths)).rstrip())
    click.echo("  ".join("-" * w for w in widths))
    for r in rows:
        click.echo("  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip())


def _print_text(ws, model: str | None, targets: list[dict], planned_dates: bool) -> None:
    from . import maturity as mt
    from . import maturity_report as report

    models = sorted({a.model for a in mt.assessments_for(ws, model)})
    if not models:
        click.echo("No assessments" + (f" on {model}" if model else "") + " in this workspace.")
    any_partial = False
    for model_id in models:
        mm = ws.models[model_id]
        click.echo(f"{mm.name} ({model_id})")
        if mm.bands:
            bands = mt.ordered_bands(mm)
            click.echo("bands: " + "; ".join(f"{b.name} from {b.min:g}" for b in bands))
        click.echo("")
        groups = [g.name for g in mm.groups]
        rows = []
        for a in mt.assessments_for(ws, model_id):
            avgs = mt.group_averages(a, mm, ws.plan)
            any_partial |= any(g.partial for g in avgs)
            row = [mt.administration_of(a, ws.plan), a.date.isoformat(), *(_fmt(g.average, g.partial) for g in avgs)]
            if mm.bands:
                e = mt.eligibility(a, mm, ws.plan)
                row += [e.level.name if e.level else "-", ", ".join(e.at_risk) or "-"]
            rows.append(row)
        _table(["administration", "date", *groups, *(["level reached", "areas at risk"] if mm.bands else [])], rows)
        click.echo("")
        area_rows = [[r["group"], r["name"], _fmt(r["average"]), f"{r['scored']}/{r['administrations']}",
                      r["band"] or "-"] for r in report.dimension_rows(ws, model_id)]
        click.echo("Per key area, each administration's latest assessment:")
        _table(["group", "dimension", "average", "scored", "band"], area_rows)
        click.echo("")
        changes = [c for c in report.change_rows(ws, model_id)]
        if changes:
            click.echo("Change between assessments:")
            _table(["administration", "group", "from", "to", "before", "after", "change"],
                   [[c["administration"], c["group"], c["before_date"], c["after_date"],
                     _fmt(c["before"], c["before_partial"]), _fmt(c["after"], c["after_partial"]),
                     "-" if c["change"] is None else f"{c['change']:+.1f}"] for c in changes])
            click.echo("")
    if any_partial:
        click.echo("* partial: averaged over fewer dimensions than the group has (n/a or not assessed)")
        click.echo("")
    if targets:
        source = "planned end dates" if planned_dates else "forecast end dates (dependencies respected)"
        click.echo(f"Plan targets against projected maturity, from {source}:")
        _table(["model", "dimension", "level", "by", "outcome", "reached", "late (days)", "projects"],
               [[t["model"], t["dimension"], f"{t['level']:g}", t["by"], t["outcome"], t["reached_on"] or "-",
                 "-" if t["days_late"] is None else str(t["days_late"]),
                 _projects(t)] for t in targets])


def _projects(target: dict) -> str:
    """Who reaches the target; else who delivers the dimension at all; cancelled ones named."""
    names = ", ".join(target["projects"] or target["delivered_by"]) or "-"
    if target["cancelled"]:
        names += f" (cancelled: {', '.join(target['cancelled'])})"
    return names
