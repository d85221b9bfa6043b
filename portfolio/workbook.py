"""The portfolio table, and the same as an Excel workbook for people who live in Excel.

`portfolio_table` is the one wide table of projects: the app's "All projects" tab and
the workbook's first sheet. Money appears twice: as written in the project file (its
own currency) and in the plan currency, empty when no exchange rate is given.
"""
from __future__ import annotations

import io
from datetime import date

import pandas as pd

from . import alignment as al
from . import dashboard as db
from .overview import to_plan_currency

TABLE_COLUMNS = ["project", "name", "programme", "objectives", "owner", "sponsor", "status", "health", "progress",
                 "start", "end", "forecast_start", "forecast_end", "slip_days", "critical", "funding", "source",
                 "currency", "planned", "spent", "planned_plan_ccy", "spent_plan_ccy", "sustainment_funded",
                 "sustainment_annual_cost", "milestones_open", "open_risks", "max_risk_score", "path"]


def portfolio_table(view: db.View) -> pd.DataFrame:
    ws, sched = view.ws, view.sched
    progs, known = al.programmes_by_id(ws), al.known_objectives(ws)
    rows = []
    for pid, p in ws.projects.items():
        s = sched.projects.get(pid)
        b = p.budget
        ccy = (b.currency or view.currency) if b else None
        sus = p.sustainment
        open_ = p.status in db.OPEN
        planned_ccy = to_plan_currency(ws, b.planned, b.currency) if b else None
        spent_ccy = to_plan_currency(ws, b.spent, b.currency) if b and b.spent is not None else None
        rows.append((  # in TABLE_COLUMNS order; tuples build a frame much faster than dicts
            pid, p.name, p.programme, ", ".join(al.serves(p, progs, known)), p.owner, p.sponsor, p.status,
            p.health, p.progress, p.start, p.end, s.forecast_start if s else None, s.forecast_end if s else None,
            s.slip_days if s else None, bool(s and s.critical), b.funding if b else None, db.funding_source(p), ccy,
            b.planned if b else None, b.spent if b else None, planned_ccy, spent_ccy,
            sus.funded if sus else None, sus.annual_cost if sus else None,
            sum(not ms.done for ms in p.milestones), len(p.risks) if open_ else 0,
            max((r.score for r in p.risks), default=None) if open_ else None, p.path))
    frame = pd.DataFrame(rows, columns=TABLE_COLUMNS)
    frame["slip_days"] = frame["slip_days"].astype("Int64")
    return frame


HEADERS = {
    "project": "Id", "name": "Name", "programme": "Programme", "objectives": "Objectives", "owner": "Owner",
    "sponsor": "Sponsor", "status": "Status", "health": "Health", "progress": "Progress (%)",
    "start": "Planned start", "end": "Planned end", "forecast_start": "Forecast start",
    "forecast_end": "Forecast end", "slip_days": "Slip (days)", "critical": "Critical path",
    "funding": "Funding", "source": "Funding source", "currency": "Budget currency", "planned": "Planned",
    "spent": "Spent", "planned_plan_ccy": "Planned ({ccy})", "spent_plan_ccy": "Spent ({ccy})",
    "sustainment_funded": "Sustainment funded", "sustainment_annual_cost": "Sustainment cost a year",
    "milestones_open": "Milestones open", "open_risks": "Open risks", "max_risk_score": "Highest risk score",
    "path": "File",
}
MONEY = {"planned", "spent", "planned_plan_ccy", "spent_plan_ccy", "sustainment_annual_cost", "annual_cost"}


def _sheet(wb, title: str, frame: pd.DataFrame, headers: dict[str, str]) -> None:
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    ws = wb.create_sheet(title)
    ws.append([headers.get(c, c.replace("_", " ").capitalize()) for c in frame.columns])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for r, row in enumerate(frame.itertuples(index=False), start=2):
        values = [None if (v is pd.NA or (isinstance(v, float) and v != v)) else v for v in row]
        ws.append(values)
        for c, v in enumerate(values, start=1):
            # openpyxl stores text starting with "=" as a formula; a planner's text is never one
            if isinstance(v, str) and v.startswith("="):
                ws.cell(r, c).data_type = "s"
    for i, col in enumerate(frame.columns, start=1):
        letter = get_column_letter(i)
        fmt = "#,##0" if col in MONEY else "yyyy-mm-dd" if frame[col].map(
            lambda v: isinstance(v, date)).any() else None
        if fmt:
            for cell in ws[letter][1:]:
                cell.number_format = fmt
        width = max([len(str(ws.cell(1, i).value))] + [len(str(v)) for v in frame[col].head(200) if v is not None])
        ws.column_dimensions[letter].width = min(max(width + 2, 8), 60)
    ws.freeze_panes = "C2" if "name" in frame.columns else "A2"
    if len(frame.columns):
        ws.auto_filter.ref = f"A1:{get_column_letter(len(frame.columns))}{max(len(frame) + 1, 1)}"


def to_xlsx(view: db.View) -> bytes:
    """Sheets: Portfolio (one row per project), Milestones, Risks; dates are dates, money numbers."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    headers = {k: v.format(ccy=view.currency) for k, v in HEADERS.items()}
    _sheet(wb, "Portfolio", portfolio_table(view), headers)
    ms = view.sched.milestone_frame()
    ms = ms[ms["project"].isin(set(view.ws.projects))].reset_index(drop=True)
    _sheet(wb, "Milestones", ms, {"moved_days": "Moved (days)"})
    _sheet(wb, "Risks", db.open_risks(view), {"project_name": "Project name"})
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
