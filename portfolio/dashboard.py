"""What an executive asks of the portfolio before a steering committee, one function per question.

Every function takes the workspace to report on (possibly filtered, see `filters`) and
the `Schedule` of the *whole* workspace: forecasts depend on every predecessor, also
those a filter hides. Dates that depend on "today" take an explicit `as_of`, so a
figure is reproducible; the app and the CLI pass `date.today()`.

The headline figures and the lists behind them are assembled in `headline` (a `Board`
computed once per workspace and narrowed by filters); the functions here make the lists.

Conventions, shared by the app, the report and the Excel export:
- Money is in the plan currency; budgets with no exchange rate are left out of sums and
  listed (see `overview.to_plan_currency`). Cancelled projects count for no money.
- *Open* projects are those neither completed nor cancelled: their risks are the open risks.
- *Going live without funded sustainment*: a project that is not cancelled whose
  `sustainment` is missing or not funded (`overview.sustainment_gap`); go-live is its
  forecast end.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Mapping

import pandas as pd

from . import model as m
from .overview import plan_currency, sustainment_gap, to_plan_currency
from .schedule import Schedule

HORIZON_DAYS = 90  # "due soon": within this many days after the as-of date
HIGH_RISK = 15  # likelihood x impact at or above this is a high risk (the red corner of a 5x5 matrix)
OPEN = frozenset({"proposed", "approved", "in-progress", "on-hold"})

FUNDING_LABELS = {"internal": "Internal", "ppp": "PPP", "mixed": "Mixed", "donor": "Donor"}


@dataclass(frozen=True)
class View:
    """The projects to report on, the schedule of the whole workspace, and the as-of date."""

    ws: m.Workspace
    sched: Schedule
    as_of: date
    horizon: int = HORIZON_DAYS

    @property
    def currency(self) -> str:
        return plan_currency(self.ws)

    @property
    def due_by(self) -> date:
        return self.as_of + timedelta(days=self.horizon)


def funding_source(p: m.Project) -> str | None:
    """Where a project's money comes from, donor by donor: 'Internal', 'PPP', 'World Bank', 'Mixed (World Bank)'."""
    b = p.budget
    if b is None:
        return None
    if b.funding == "donor":
        return b.donor or "Donor (not named)"
    if b.funding == "mixed" and b.donor:
        return f"Mixed ({b.donor})"
    return FUNDING_LABELS[b.funding]


# --- status and health ---------------------------------------------------------------------

PROJECT_COLUMNS = ["project", "name", "programme", "status", "health", "owner", "end", "forecast_end", "progress"]


def project_rows(view: View) -> pd.DataFrame:
    """One row per project in view: what lists of projects show."""
    rows = []
    for pid, p in view.ws.projects.items():
        s = view.sched.projects.get(pid)
        rows.append((pid, p.name, p.programme, p.status, p.health, p.owner, p.end,
                     s.forecast_end if s else None, p.progress))
    return pd.DataFrame(rows, columns=PROJECT_COLUMNS)


def status_health_of(projects: pd.DataFrame) -> pd.DataFrame:
    """Projects per status and health (from `project_rows`), statuses in lifecycle order."""
    counts = projects.groupby([projects["status"], projects["health"].fillna("not set")]).size().to_dict() \
        if not projects.empty else {}
    health_order = [*m.HEALTHS, "not set"]
    rows = [{"status": s, "health": h, "projects": int(counts[(s, h)])}
            for s in m.STATUSES for h in health_order if (s, h) in counts]
    return pd.DataFrame(rows, columns=["status", "health", "projects"])


def status_health(view: View) -> pd.DataFrame:
    return status_health_of(project_rows(view))


# --- budget and burn -----------------------------------------------------------------------

@dataclass(frozen=True)
class Burn:
    """Planned and spent per funding source, in the plan currency."""

    currency: str
    frame: pd.DataFrame  # funding, source, projects, planned, spent, burn (spent / planned, None when 0)
    unconverted: Mapping[str, float] = field(default_factory=dict)  # currency -> planned, no rate
    unconverted_projects: tuple[str, ...] = ()

    @property
    def planned(self) -> float:
        return float(self.frame["planned"].sum())

    @property
    def spent(self) -> float:
        return float(self.frame["spent"].sum())

    @property
    def rate(self) -> float | None:
        return self.spent / self.planned if self.planned else None


BURN_COLUMNS = ["funding", "source", "projects", "planned", "spent", "burn"]
BUDGET_COLUMNS = ["project", "name", "status", "funding", "source", "planned", "spent", "budget_currency"]


def budget_rows(view: View) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Budgets of projects not cancelled: (rows in the plan currency, rows with no exchange rate).

    The second frame has columns project, currency, planned (as written).
    """
    ws = view.ws
    rows, skipped = [], []
    for pid, p in ws.projects.items():
        b = p.budget
        if b is None or p.status == "cancelled":
            continue
        planned = to_plan_currency(ws, b.planned, b.currency)
        if planned is None:
            skipped.append((pid, b.currency, b.planned))
            continue
        spent = to_plan_currency(ws, b.spent or 0.0, b.currency) or 0.0
        rows.append((pid, p.name, p.status, b.funding, funding_source(p), planned, spent,
                     b.currency or view.currency))
    frame = pd.DataFrame(rows, columns=BUDGET_COLUMNS)
    frame = frame.sort_values("planned", ascending=False, kind="stable").reset_index(drop=True)
    return frame, pd.DataFrame(skipped, columns=["project", "currency", "planned"])


def burn_of(budgets: pd.DataFrame, unconverted: pd.DataFrame, currency: str) -> Burn:
    """Planned and spent per funding source, from `budget_rows`; kinds in FUNDINGS order, then largest first."""
    order = {f: i for i, f in enumerate(m.FUNDINGS)}
    if budgets.empty:
        frame = pd.DataFrame(columns=BURN_COLUMNS)
    else:
        g = budgets.groupby(["funding", "source"], sort=False).agg(
            projects=("project", "size"), planned=("planned", "sum"), spent=("spent", "sum")).reset_index()
        g["burn"] = [sp / pl if pl else None for sp, pl in zip(g["spent"], g["planned"])]
        g["_order"] = g["funding"].map(order)
        frame = g.sort_values(["_order", "planned", "source"], ascending=[True, False, True],
                              kind="stable").drop(columns="_order").reset_index(drop=True)[BURN_COLUMNS]
    by_ccy = unconverted.groupby("currency")["planned"].sum().to_dict() if not unconverted.empty else {}
    return Burn(currency, frame, {k: float(v) for k, v in by_ccy.items()}, tuple(unconverted["project"]))


def burn(view: View) -> Burn:
    return burn_of(*budget_rows(view), view.currency)


# --- schedule: slips, overdue and due milestones -------------------------------------------

SLIP_COLUMNS = ["project", "name", "status", "health", "planned_end", "forecast_end", "slip_days", "driven_by",
                "critical"]


def slips(view: View) -> pd.DataFrame:
    """Projects whose forecast end is after their planned end, largest slip first (then by id)."""
    rows = []
    for pid, p in view.ws.projects.items():
        s = view.sched.projects.get(pid)
        if s is None or not s.slip_days or s.slip_days <= 0:
            continue
        rows.append({"project": pid, "name": p.name, "status": p.status, "health": p.health,
                     "planned_end": s.planned_end, "forecast_end": s.forecast_end, "slip_days": s.slip_days,
                     "driven_by": ", ".join(s.driven_by), "critical": s.critical})
    rows.sort(key=lambda r: (-r["slip_days"], r["project"]))
    return pd.DataFrame(rows, columns=SLIP_COLUMNS)


MILESTONE_COLUMNS = ["project", "project_name", "milestone", "name", "planned", "forecast", "moved_days", "days"]


def _milestones(view: View, overdue: bool) -> pd.DataFrame:
    rows = []
    for ms in view.sched.milestones:
        if ms.done or ms.project not in view.ws.projects:
            continue
        if overdue and not ms.forecast < view.as_of:
            continue
        if not overdue and not view.as_of <= ms.forecast <= view.due_by:
            continue
        rows.append({"project": ms.project, "project_name": view.ws.projects[ms.project].name,
                     "milestone": ms.id or f"#{ms.index + 1}", "name": ms.name, "planned": ms.planned,
                     "forecast": ms.forecast, "moved_days": ms.moved_days,
                     # overdue: days late as of today; due: days left
                     "days": (view.as_of - ms.forecast).days if overdue else (ms.forecast - view.as_of).days})
    rows.sort(key=lambda r: (r["forecast"], r["project"], r["milestone"]))
    return pd.DataFrame(rows, columns=MILESTONE_COLUMNS)


def overdue_milestones(view: View) -> pd.DataFrame:
    """Milestones not done whose forecast date is before the as-of date; `days` = days late."""
    return _milestones(view, overdue=True)


def due_milestones(view: View) -> pd.DataFrame:
    """Milestones not done forecast from the as-of date to `horizon` days after it; `days` = days left."""
    return _milestones(view, overdue=False)


def overdue_projects(view: View) -> pd.DataFrame:
    """The contract's overdue projects: open, forecast end before the as-of date."""
    rows = []
    for pid, p in view.ws.projects.items():
        s = view.sched.projects.get(pid)
        if p.status in OPEN and s is not None and s.forecast_end is not None and s.forecast_end < view.as_of:
            rows.append({"project": pid, "name": p.name, "status": p.status, "forecast_end": s.forecast_end,
                         "days": (view.as_of - s.forecast_end).days})
    rows.sort(key=lambda r: (-r["days"], r["project"]))
    return pd.DataFrame(rows, columns=["project", "name", "status", "forecast_end", "days"])


# --- sustainment ---------------------------------------------------------------------------

GAP_COLUMNS = ["project", "name", "status", "go_live", "live", "gap", "owner", "annual_cost", "funding"]


def sustainment_gaps(view: View) -> pd.DataFrame:
    """Projects going live (or live) with nobody funded to run them, by go-live date.

    `gap` says which: 'not funded' (a sustainment block with funded: false) or 'no plan'
    (no sustainment block at all). `annual_cost` is in the plan currency (None: not
    given, or no exchange rate). `live`: go-live is on or before the as-of date.
    """
    rows = []
    for pid, p in view.ws.projects.items():
        if not sustainment_gap(p):
            continue
        s = view.sched.projects.get(pid)
        go_live = s.forecast_end if s is not None and s.forecast_end is not None else p.end
        sus = p.sustainment
        cost = None
        if sus is not None and sus.annual_cost is not None:
            cost = to_plan_currency(view.ws, sus.annual_cost, p.budget.currency if p.budget else None)
        rows.append({"project": pid, "name": p.name, "status": p.status, "go_live": go_live,
                     "live": go_live <= view.as_of, "gap": "no plan" if sus is None else "not funded",
                     "owner": sus.owner if sus else None, "annual_cost": cost, "funding": funding_source(p)})
    rows.sort(key=lambda r: (r["go_live"], r["project"]))
    return pd.DataFrame(rows, columns=GAP_COLUMNS)


# --- risks ---------------------------------------------------------------------------------

RISK_COLUMNS = ["project", "project_name", "risk", "title", "likelihood", "impact", "score", "mitigation", "owner"]


def open_risks(view: View) -> pd.DataFrame:
    """Risks of open projects, highest score first (then impact, project, position)."""
    rows = []
    for pid, p in view.ws.projects.items():
        if p.status not in OPEN:
            continue
        for i, r in enumerate(p.risks):
            rows.append({"project": pid, "project_name": p.name, "risk": r.id or f"#{i + 1}", "title": r.title,
                         "likelihood": r.likelihood, "impact": r.impact, "score": r.score,
                         "mitigation": r.mitigation, "owner": r.owner, "_i": i})
    rows.sort(key=lambda r: (-r["score"], -r["impact"], r["project"], r["_i"]))
    return pd.DataFrame(rows, columns=[*RISK_COLUMNS, "_i"]).drop(columns="_i")


def top_risks(view: View, n: int = 10) -> pd.DataFrame:
    return open_risks(view).head(n).reset_index(drop=True)


def risk_matrix(view: View | None, risks: pd.DataFrame | None = None) -> pd.DataFrame:
    """All 25 cells of the likelihood x impact matrix with the number of open risks (`open_risks`) in each."""
    risks = open_risks(view) if risks is None else risks
    counts = risks.groupby(["likelihood", "impact"]).size().to_dict() if not risks.empty else {}
    rows = [{"likelihood": li, "impact": im, "score": li * im, "risks": int(counts.get((li, im), 0))}
            for li in range(1, 6) for im in range(1, 6)]
    return pd.DataFrame(rows, columns=["likelihood", "impact", "score", "risks"])
