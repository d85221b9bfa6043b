"""Coverage of a catalog as files reviewers use: CSV, JSON, Markdown, a text table and XLSX.

Every format lists the same items in catalog order, parents included, with the
state defined in `portfolio.coverage`. With `gaps_only` only the uncovered *leaves*
are listed: a parent is uncovered whenever one of its children is, so listing
articles too would repeat each gap.

Text from YAML files is data, never markup or formulas: a CSV cell that starts
with `=`, `+`, `-`, `@` or a tab gets a leading `'` (the usual guard against
spreadsheet formula injection), XLSX cells are written as strings, and Markdown
tables escape `|`.
"""
from __future__ import annotations

import csv
import io
import json
from datetime import date

from . import model as m
from .coverage import (STATE_CODES, STATE_COLOURS, STATE_MEANING, STATES, Coverage, ItemCoverage,
                       columns, curve, matrix)

CSV_COLUMNS = ("item", "title", "parent", "state", "projects")


def listed(cov: Coverage, gaps_only: bool = False) -> tuple[ItemCoverage, ...]:
    return cov.gaps if gaps_only else cov.items


def summary_line(cov: Coverage) -> str:
    n = len(cov.leaves)
    return (f"{cov.catalog.id}: {cov.covered} of {n} items covered ({cov.ratio:.0%}), "
            f"{cov.delivered} delivered ({cov.delivered_ratio:.0%}), {len(cov.gaps)} gaps")


def _csv_safe(text: str) -> str:
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def to_csv(cov: Coverage, gaps_only: bool = False) -> str:
    """One row per item: `item,title,parent,state,projects` (projects separated by spaces)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for i in listed(cov, gaps_only):
        writer.writerow([_csv_safe(i.id), _csv_safe(i.title), _csv_safe(i.parent or ""), i.state,
                         " ".join(i.projects)])
    return out.getvalue()


def to_json(cov: Coverage, gaps_only: bool = False, period: m.Period | None = None) -> str:
    """Everything the other formats show, for machines; dates as ISO text."""
    c = cov.catalog
    points = curve(cov, period.start if period else None, period.end if period else None)
    doc = {
        "catalog": {"id": c.id, "name": c.name, "source": c.source},
        "leaves": len(cov.leaves), "covered": cov.covered, "delivered": cov.delivered,
        "ratio": round(cov.ratio, 4), "delivered_ratio": round(cov.delivered_ratio, 4),
        "states": cov.state_counts(),
        "items": [{
            "id": i.id, "title": i.title, "parent": i.parent, "leaf": i.leaf, "state": i.state,
            "leaves": i.leaves, "covered": i.covered, "delivered": i.delivered,
            "delivered_on": _iso(i.delivered_on), "projects": {s: list(ps) for s, ps in i.by_state.items()},
        } for i in listed(cov, gaps_only)],
        "projects": [{"id": p, "state": cov.project_state[p], "forecast_end": _iso(cov.project_end[p])}
                     for p in cov.projects],
        "curve": [{"date": _iso(r.date), "delivered": int(r.delivered), "ratio": round(float(r.ratio), 4)}
                  for r in points.itertuples()],
    }
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def _count(i: ItemCoverage) -> str:
    return "" if i.leaf else f"{i.covered}/{i.leaves}"


def to_markdown(cov: Coverage, gaps_only: bool = False) -> str:
    def cell(text: object) -> str:
        return str(text).replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")

    lines = [f"# Coverage of {cell(cov.catalog.name)}", "", summary_line(cov), "",
             "| item | title | state | covered | delivered by | projects |",
             "|---|---|---|---|---|---|"]
    for i in listed(cov, gaps_only):
        item = cell(i.id) if i.leaf else f"**{cell(i.id)}**"
        lines.append(f"| {item} | {cell(i.title)} | {i.state} | {_count(i)} | {_iso(i.delivered_on) or ''} "
                     f"| {' '.join(i.projects)} |")
    return "\n".join(lines) + "\n"


def to_table(cov: Coverage, gaps_only: bool = False, width: int = 48) -> str:
    """A plain text table for a terminal: children indented under their parent."""
    header = ("item", "title", "state", "covered", "delivered by", "projects")
    rows = [header]
    for i in listed(cov, gaps_only):
        title = i.title if len(i.title) <= width else i.title[:width - 1] + "…"
        rows.append(("  " * (0 if gaps_only else i.depth) + i.id, title, i.state, _count(i),
                     _iso(i.delivered_on) or "-", " ".join(i.projects) or "-"))
    widths = [max(len(r[k]) for r in rows) for k in range(len(header) - 1)]
    text = [" ".join(v.ljust(w) for v, w in zip(r, widths)) + " " + r[-1] for r in rows]
    return "\n".join(line.rstrip() for line in text) + "\n" + summary_line(cov) + "\n"


# ---------------------------------------------------------------------------- XLSX
_FIXED = ("Item", "Title", "State", "Covered", "Delivered by")


def to_xlsx(ws: m.Workspace, cov: Coverage, by: str = "project") -> bytes:
    """The traceability matrix: one row per item, one column per project (or programme).

    Sheet "Matrix" has the catalog's name and figures on top, frozen header row and
    item columns, a state code in each cell (D, I, P, S) on its state's colour;
    "Legend" explains codes and colours; "Projects" lists each column's project.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    fills = {s: PatternFill("solid", fgColor=c.lstrip("#").upper()) for s, c in STATE_COLOURS.items()}
    bold = Font(bold=True)
    wb = Workbook()
    sheet = wb.active
    sheet.title = "Matrix"
    cols = columns(ws, cov, by)
    cells = {(r.item, r.column): r.cell for r in matrix(ws, cov, by).itertuples()}

    _put(sheet, 1, 1, f"Coverage of {cov.catalog.name}").font = Font(bold=True, size=14)
    _put(sheet, 2, 1, summary_line(cov) + f". Columns: {by}s. Codes: see the Legend sheet.")
    header_row = 4
    for k, title in enumerate((*_FIXED, *cols), start=1):
        c = _put(sheet, header_row, k, title)
        c.font = bold
        if k > len(_FIXED):
            c.alignment = Alignment(text_rotation=90, horizontal="center")
    for r, i in enumerate(cov.items, start=header_row + 1):
        values = ("  " * i.depth + i.id, i.title, i.state, _count(i), i.delivered_on)
        for k, v in enumerate(values, start=1):
            c = _put(sheet, r, k, v)
            if not i.leaf:
                c.font = bold
        sheet.cell(r, 3).fill = fills[i.state]
        if i.delivered_on:
            sheet.cell(r, 5).number_format = "yyyy-mm-dd"
        for k, col in enumerate(cols, start=len(_FIXED) + 1):
            state = cells.get((i.id, col))
            if state:
                c = _put(sheet, r, k, STATE_CODES[state])
                c.fill = fills[state]
                c.alignment = Alignment(horizontal="center")
    sheet.freeze_panes = sheet.cell(header_row + 1, len(_FIXED) + 1)
    sheet.auto_filter.ref = f"A{header_row}:{get_column_letter(len(_FIXED) + len(cols))}{header_row + len(cov.items)}"
    for k, w in enumerate((14, 60, 12, 9, 13), start=1):
        sheet.column_dimensions[get_column_letter(k)].width = w
    for k in range(len(_FIXED) + 1, len(_FIXED) + len(cols) + 1):
        sheet.column_dimensions[get_column_letter(k)].width = 4
    sheet.row_dimensions[header_row].height = 150

    legend = wb.create_sheet("Legend")
    for k, title in enumerate(("Code", "State", "Meaning"), start=1):
        _put(legend, 1, k, title).font = bold
    for r, s in enumerate(STATES, start=2):
        _put(legend, r, 1, STATE_CODES[s]).fill = fills[s]
        _put(legend, r, 2, s).fill = fills[s]
        _put(legend, r, 3, STATE_MEANING[s])
    notes = ("A leaf item takes the most advanced state of its projects; a parent (bold) the least "
             "advanced of its children, with covered/all leaves in 'Covered'. A cell on a parent row "
             "marks a column that covers some item below it.",
             "Delivered by: the forecast end of the first project that delivers the item.")
    for r, text in enumerate(notes, start=len(STATES) + 3):
        _put(legend, r, 1, text)
    legend.column_dimensions["B"].width = 14
    legend.column_dimensions["C"].width = 60

    projects = wb.create_sheet("Projects")
    heads = ("Project", "Name", "Programme", "Status", "State", "Forecast end")
    for k, title in enumerate(heads, start=1):
        _put(projects, 1, k, title).font = bold
    for r, pid in enumerate(cov.projects, start=2):
        p = ws.projects[pid]
        for k, v in enumerate((pid, p.name, p.programme or "", p.status, cov.project_state[pid],
                               cov.project_end[pid]), start=1):
            _put(projects, r, k, v)
        projects.cell(r, 5).fill = fills[cov.project_state[pid]]
        projects.cell(r, 6).number_format = "yyyy-mm-dd"
    projects.freeze_panes = "A2"
    projects.column_dimensions["A"].width = 28
    projects.column_dimensions["B"].width = 50

    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _put(sheet, row: int, col: int, value):
    """Set a cell; text stays text even when it starts with '=' (openpyxl would make it a formula)."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    c = sheet.cell(row, col)
    if isinstance(value, str):
        c.value = ILLEGAL_CHARACTERS_RE.sub("\ufffd", value)  # control characters are not allowed in XLSX
        c.data_type = "s"
    else:
        c.value = value
    return c
