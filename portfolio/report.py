"""The board report: one self-contained HTML file for a steering committee.

Self-contained means it opens offline and prints cleanly to PDF: no script, no
stylesheet or font from the network. Charts are the app's Altair charts rendered
to inline SVG by vl-convert (a Vega engine packaged as a Python wheel, no browser).
Every text that comes from YAML files is passed through `html.escape`; the SVG
renderer escapes the chart labels it draws (tests check both with `<script>` names).

Sections (ids, in order): overview, budget, slips, milestones, sustainment, risks,
alignment, coverage, maturity. Each headline figure carries `data-figure="<key>"`
(see `headline.FIGURES`), so the file can be read back by a program.
"""
from __future__ import annotations

import html
from datetime import date, datetime
from typing import Callable, Iterable, Sequence

import pandas as pd

from . import charts_dashboard as charts
from . import dashboard as db
from . import headline as hl
from . import humanize as hz
from . import model as m
from .filters import Filters, apply

SECTIONS = (("overview", "Overview"), ("budget", "Budget and funding"), ("slips", "Projects slipping"),
            ("milestones", "Milestones"), ("sustainment", "Sustainment after go-live"), ("risks", "Risks"),
            ("alignment", "Strategic alignment"), ("coverage", "Guideline coverage"), ("maturity", "Maturity"))

CSS = """
@page { size: A4; margin: 14mm; }
body { font-family: "Helvetica Neue", Arial, sans-serif; color: #212121; margin: 2rem auto; max-width: 60rem;
       font-size: 10.5pt; line-height: 1.4; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; } h2 { font-size: 1.25rem; border-bottom: 2px solid #1565c0;
     padding-bottom: .2rem; margin-top: 2rem; break-after: avoid; } h3 { font-size: 1.05rem; break-after: avoid; }
.meta { color: #616161; margin: 0; }
.figures { display: grid; grid-template-columns: repeat(auto-fill, minmax(11rem, 1fr)); gap: .5rem; }
.figure { border: 1px solid #e0e0e0; border-radius: 4px; padding: .4rem .6rem; break-inside: avoid; }
.figure .value { font-size: 1.3rem; font-weight: bold; display: block; }
.figure .label { color: #616161; font-size: .85rem; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; font-size: .9em; }
th, td { border-bottom: 1px solid #e0e0e0; padding: .25rem .4rem; text-align: left; vertical-align: top; }
th { background: #f5f5f5; } td.num, th.num { text-align: right; white-space: nowrap; }
tr { break-inside: avoid; } thead { display: table-header-group; }
figure { margin: .5rem 0; break-inside: avoid; } figure svg { max-width: 100%; height: auto; }
.empty { color: #616161; font-style: italic; } .note { color: #616161; font-size: .9em; }
.warn { background: #fff8e1; border-left: 4px solid #f9a825; padding: .4rem .6rem; }
@media print { body { margin: 0; max-width: none; } a { color: inherit; text-decoration: none; } }
"""

e = html.escape


class Column:
    """One column of an HTML table: frame column, header, how to format a cell, numeric or not."""

    def __init__(self, key: str, header: str, fmt: Callable[[object], str] | None = None, num: bool = False):
        self.key, self.header, self.num = key, header, num
        self.fmt = fmt or (lambda v: "" if v is None or (isinstance(v, float) and v != v) else str(v))


def table(frame: pd.DataFrame, columns: Sequence[Column], empty: str, limit: int | None = None) -> str:
    if frame.empty:
        return f'<p class="empty">{e(empty)}</p>'
    shown = frame if limit is None else frame.head(limit)
    head = "".join(f'<th class="num">{e(c.header)}</th>' if c.num else f"<th>{e(c.header)}</th>" for c in columns)
    body = []
    for row in shown.to_dict("records"):
        cells = "".join(f'<td class="num">{e(c.fmt(row[c.key]))}</td>' if c.num else f"<td>{e(c.fmt(row[c.key]))}</td>"
                        for c in columns)
        body.append(f"<tr>{cells}</tr>")
    more = (f'<p class="note">The first {limit:,} of {len(frame):,} rows; the Excel export '
            "(portfolio report --format xlsx) has them all.</p>") if limit is not None and len(frame) > limit else ""
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>{more}"


def svg(chart) -> str:
    """An Altair chart as inline SVG (no script, no network)."""
    import altair as alt
    import vl_convert as vlc  # heavy: only the report needs it

    if isinstance(chart, alt.Chart):  # a fixed width for paper; the app stretches charts instead
        chart = chart.properties(width=520)
    text = vlc.vegalite_to_svg(chart.to_dict())
    return f'<figure>{text[text.find("<svg"):]}</figure>'


def _figures(board: hl.Board) -> str:
    values = hl.figures(board)
    cells = []
    for f in hl.FIGURES:
        v = values[f.key]
        shown = hz.money(v, board.currency, short=True) if f.money else hz.count(v)
        cells.append(f'<div class="figure" data-figure="{e(f.key)}" data-value="{v:.2f}" title="{e(f.help)}">'
                     f'<span class="value">{e(shown)}</span><span class="label">{e(f.label)}</span></div>')
    return f'<div class="figures">{"".join(cells)}</div>'


def _section(sid: str, title: str, body: Iterable[str]) -> str:
    return f'<section id="{sid}"><h2>{e(title)}</h2>{"".join(body)}</section>'


def _money(ccy: str) -> Callable[[object], str]:
    return lambda v: hz.money(v, ccy)


def build(ws: m.Workspace, *, as_of: date, filters: Filters | None = None, charts_on: bool = True,
          generated: datetime | None = None, sched=None) -> str:
    """The report of `ws` (narrowed by `filters`) as of `as_of`, as one HTML document."""
    from .schedule import schedule

    filters = filters or Filters()
    sched = sched or schedule(ws)
    view = db.View(apply(ws, filters), sched, as_of)
    board = hl.Board.build(view)
    chart = svg if charts_on else (lambda c: "")
    plan = ws.plan
    title = f"{plan.name} — portfolio report" if plan else "Portfolio report"
    ccy = view.currency
    meta = [f"{e(plan.administration)}. Plan period {hz.day(plan.period.start)} to {hz.day(plan.period.end)}."
            if plan else "The workspace has no valid plan.yaml.",
            f'As of <time datetime="{as_of.isoformat()}">{hz.day(as_of)}</time>; '
            f"{hz.plural(len(view.ws.projects), 'project')} in view"
            + (f" of {len(ws.projects):,}" if filters else "") + "."]
    if filters:
        meta.append(f"Filtered: {e(filters.describe())}.")
    if generated:
        meta.append(f"Generated {e(generated.strftime('%d %b %Y %H:%M'))}.")
    warn = ""
    if ws.errors or ws.unloaded:
        warn = (f'<p class="warn">{len(ws.errors):,} errors in the workspace files; {len(ws.unloaded):,} files '
                "could not be loaded and are not counted. Run <code>portfolio check</code>.</p>")

    sections = [
        _overview(board, chart), _budget(board, chart, ccy), _slips(board, chart), _milestones(view, board),
        _sustainment(board, ccy), _risks(board, chart), _alignment(board, chart), _coverage(view), _maturity(ws, sched),
    ]
    toc = " · ".join(f'<a href="#{sid}">{e(name)}</a>' for sid, name in SECTIONS)
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            f"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{e(title)}</title>"
            f"<style>{CSS}</style></head><body><header><h1>{e(title)}</h1>"
            + "".join(f'<p class="meta">{line}</p>' for line in meta)
            + f"{warn}<nav><p>{toc}</p></nav></header><main>{''.join(sections)}</main></body></html>\n")


def _overview(board: hl.Board, chart) -> str:
    sh = board.status_health()
    body = [_figures(board)]
    body.append(chart(charts.status_health(sh)) if not sh.empty else '<p class="empty">No projects in view.</p>')
    return _section("overview", "Overview", body)


def _budget(board: hl.Board, chart, ccy: str) -> str:
    b = board.burn()
    body = [f'<p>Planned <strong>{e(hz.money(b.planned, ccy))}</strong>, spent <strong>{e(hz.money(b.spent, ccy))}'
            f"</strong> ({e(hz.percent(b.rate))}). Cancelled projects are left out.</p>"]
    if not b.frame.empty:
        body.append(chart(charts.burn(b.frame, ccy)))
    body.append(table(b.frame, [Column("source", "Funding source"), Column("funding", "Kind"),
                                Column("projects", "Projects", hz.count, True),
                                Column("planned", f"Planned ({ccy})", _money(ccy), True),
                                Column("spent", f"Spent ({ccy})", _money(ccy), True),
                                Column("burn", "Spent of planned", hz.percent, True)],
                      "No project in view has a budget."))
    if b.unconverted:
        body.append('<p class="note">Not in these sums, for want of an exchange rate in plan.yaml: '
                    + e(", ".join(f"{amount:,.0f} {cur}" for cur, amount in b.unconverted.items())) + ".</p>")
    return _section("budget", "Budget and funding", body)


def _slips(board: hl.Board, chart) -> str:
    s = board["slips"]
    body = [f"<p>{hz.plural(len(s), 'project')} will finish after the planned end because a project "
            "they depend on finishes late.</p>" if len(s) else ""]
    if not s.empty:
        body.append(chart(charts.slips(s)))
    body.append(table(s, [Column("project", "Project"), Column("name", "Name"), Column("status", "Status"),
                          Column("planned_end", "Planned end", hz.day, True),
                          Column("forecast_end", "Forecast end", hz.day, True),
                          Column("slip_days", "Slip", hz.days, True), Column("driven_by", "Waits for")],
                      "No project is forecast to finish after its planned end.", limit=50))
    return _section("slips", "Projects slipping", body)


MILESTONE_COLS = [Column("project", "Project"), Column("name", "Milestone"),
                  Column("forecast", "Forecast", hz.day, True)]


def _milestones(view: db.View, board: hl.Board) -> str:
    over, due = board["overdue-milestones"], board["due-milestones"]
    body = [f"<h3>Overdue on {hz.day(view.as_of)}</h3>",
            table(over, [*MILESTONE_COLS, Column("days", "Days late", hz.count, True)],
                  "No milestone is overdue.", limit=50),
            f"<h3>Due by {hz.day(view.due_by)} (next {view.horizon} days)</h3>",
            table(due, [*MILESTONE_COLS, Column("days", "Days left", hz.count, True)],
                  f"No milestone is due in the next {view.horizon} days.", limit=50)]
    return _section("milestones", "Milestones", body)


def _sustainment(board: hl.Board, ccy: str) -> str:
    g = board["sustainment-gaps"]
    cost = g["annual_cost"].sum() if not g.empty else 0
    body = [f"<p>{hz.plural(len(g), 'project')} going live (or live) with no funded sustainment; known running "
            f"costs of {e(hz.money(cost, ccy))} a year are not funded. Reviews of Customs ICT keep finding "
            "systems that stop when the project money ends.</p>" if len(g) else "",
            table(g, [Column("project", "Project"), Column("name", "Name"), Column("status", "Status"),
                      Column("go_live", "Go-live (forecast)", hz.day, True), Column("gap", "Gap"),
                      Column("owner", "Run by"), Column("annual_cost", f"Cost a year ({ccy})", _money(ccy), True),
                      Column("funding", "Funded by")],
                  "Every project has funded sustainment.", limit=100)]
    return _section("sustainment", "Sustainment after go-live", body)


def _risks(board: hl.Board, chart) -> str:
    risks = board["risks"]
    body = [chart(charts.risk_heatmap(board.risk_matrix()))] if not risks.empty else []
    body.append("<h3>Top risks</h3>")
    body.append(table(risks.head(10), [Column("project", "Project"), Column("title", "Risk"),
                                       Column("likelihood", "L", num=True), Column("impact", "I", num=True),
                                       Column("score", "Score", num=True), Column("mitigation", "Mitigation"),
                                       Column("owner", "Owner")], "No open project lists a risk."))
    return _section("risks", "Risks", body)


def _alignment(board: hl.Board, chart) -> str:
    summary = board.objective_summary()
    none_active = summary[summary["active"] == 0]
    unaligned = board["unaligned"]
    body = [chart(charts.alignment(summary)) if not summary.empty else "",
            table(summary, [Column("name", "Objective"), Column("programmes", "Programmes", num=True),
                            Column("projects", "Projects", num=True), Column("active", "Active", num=True),
                            Column("by_status", "By status")], "The plan has no objectives."),
            "<h3>Objectives with no active project</h3>",
            table(none_active, [Column("objective", "Id"), Column("name", "Objective"),
                                Column("by_status", "Projects by status")],
                  "Every objective has an approved or in-progress project."),
            "<h3>Projects aligned to no objective</h3>",
            table(unaligned, [Column("project", "Project"), Column("name", "Name"), Column("status", "Status"),
                              Column("path", "File")], "Every project serves an objective of the plan.")]
    return _section("alignment", "Strategic alignment", body)


def _coverage(view: db.View) -> str:
    from . import coverage as cv

    named = sorted({c for p in view.ws.projects.values() for c in p.guidelines if c in view.ws.catalogs})
    ends = {pid: s.forecast_end for pid, s in view.sched.projects.items() if s.forecast_end is not None}
    rows = []
    for cid in named:
        c = cv.coverage(view.ws, cid, ends)
        rows.append({"catalog": view.ws.catalogs[cid].name, "items": len(c.leaves), "covered": c.ratio,
                     "delivered": c.delivered_ratio, "gaps": len(c.gaps)})
    frame = pd.DataFrame(rows, columns=["catalog", "items", "covered", "delivered", "gaps"])
    return _section("coverage", "Guideline coverage", [
        '<p class="note">Share of each catalog\'s items named by a live project (covered) and by a completed '
        "one (delivered). See <code>portfolio coverage</code> for the items.</p>",
        table(frame, [Column("catalog", "Catalog"), Column("items", "Items", num=True),
                      Column("covered", "Covered", hz.percent, True),
                      Column("delivered", "Delivered", hz.percent, True), Column("gaps", "Gaps", num=True)],
              "No project names a guideline catalog item.")])


def _maturity(ws: m.Workspace, sched) -> str:
    from . import maturity_report as mr

    rows = mr.assessment_rows(ws)
    latest: dict[tuple, str] = {}
    for r in rows:
        key = (r["administration"], r["model"])
        latest[key] = max(latest.get(key, ""), r["date"])
    current = pd.DataFrame([{**r, "band_name": _band_name(ws, r)} for r in rows
                            if r["date"] == latest[(r["administration"], r["model"])]],
                           columns=[*mr.ASSESSMENT_COLUMNS, "group_name", "band_name"])
    forecast = {pid: s.forecast_end for pid, s in sched.projects.items() if s.forecast_end is not None}
    targets = pd.DataFrame(mr.target_rows(ws, forecast) if ws.plan else [],
                           columns=["model", "name", "level", "by", "outcome", "reached_on", "days_late",
                                    "projects"])
    if not targets.empty:
        targets["projects"] = targets["projects"].map(", ".join)
    body = ["<h3>Latest assessments</h3>",
            table(current, [Column("administration", "Administration"), Column("model", "Model"),
                            Column("date", "Assessed"), Column("group_name", "Group"),
                            Column("average", "Average", lambda v: "–" if v is None else f"{v:.1f}", True),
                            Column("partial", "Partial", lambda v: "yes" if v else ""),
                            Column("band_name", "Band")], "No maturity assessment in the workspace."),
            "<h3>Plan targets against the forecast</h3>",
            table(targets, [Column("model", "Model"), Column("name", "Dimension"),
                            Column("level", "Level", lambda v: f"{v:g}", True), Column("by", "By"),
                            Column("outcome", "Outcome"), Column("reached_on", "Reached on"),
                            Column("days_late", "Days late", lambda v: "" if v is None or v != v else f"{v:,.0f}",
                                   True), Column("projects", "Reached by")],
                  "The plan sets no maturity targets.")]
    return _section("maturity", "Maturity", body)


def _band_name(ws: m.Workspace, row: dict) -> str | None:
    mm = ws.models.get(row["model"])
    for b in (mm.bands if mm else ()):
        if b.id == row["band"]:
            return b.name
    return None
