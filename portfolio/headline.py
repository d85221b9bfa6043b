"""The headline figures of the overview and the board report, each with the list behind it.

One declarative table, `FIGURES`, names every figure, its label and help text, and the
function that returns its list; the figure is the length of that list (money figures:
the sum of a column). So every number shown drills down to exactly the rows it counts.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import pandas as pd

from . import alignment as al
from . import dashboard as db
from .overview import to_plan_currency


@dataclass(frozen=True)
class Figure:
    key: str
    label: str
    help: str
    rows: Callable[[db.View], pd.DataFrame]
    money: str | None = None  # the column summed for a money figure; None: the figure counts rows


def project_list(view: db.View, keep: Callable = lambda p: True) -> pd.DataFrame:
    rows = []
    for pid, p in view.ws.projects.items():
        if not keep(p):
            continue
        s = view.sched.projects.get(pid)
        rows.append({"project": pid, "name": p.name, "programme": p.programme, "status": p.status,
                     "health": p.health, "owner": p.owner, "end": p.end,
                     "forecast_end": s.forecast_end if s else None, "progress": p.progress})
    return pd.DataFrame(rows, columns=["project", "name", "programme", "status", "health", "owner", "end",
                                       "forecast_end", "progress"])


def budget_list(view: db.View) -> pd.DataFrame:
    """Projects whose budget counts in the plan-currency totals: not cancelled, convertible."""
    rows = []
    for pid, p in view.ws.projects.items():
        b = p.budget
        if b is None or p.status == "cancelled":
            continue
        planned = to_plan_currency(view.ws, b.planned, b.currency)
        if planned is None:
            continue
        rows.append({"project": pid, "name": p.name, "status": p.status, "source": db.funding_source(p),
                     "planned": planned, "spent": to_plan_currency(view.ws, b.spent or 0.0, b.currency) or 0.0,
                     "budget_currency": b.currency or view.currency})
    return pd.DataFrame(rows, columns=["project", "name", "status", "source", "planned", "spent",
                                       "budget_currency"]).sort_values("planned", ascending=False,
                                                                        kind="stable").reset_index(drop=True)


def _high_risks(view: db.View) -> pd.DataFrame:
    r = db.open_risks(view)
    return r[r["score"] >= db.HIGH_RISK].reset_index(drop=True)


FIGURES: tuple[Figure, ...] = (
    Figure("projects", "Projects", "Every project in view, whatever its status.", project_list),
    Figure("in-progress", "In progress", "Projects with status in-progress.",
           lambda v: project_list(v, lambda p: p.status == "in-progress")),
    Figure("red", "Red", "Projects whose health is red.", lambda v: project_list(v, lambda p: p.health == "red")),
    Figure("amber", "Amber", "Projects whose health is amber.",
           lambda v: project_list(v, lambda p: p.health == "amber")),
    Figure("planned", "Planned budget", "Planned budgets of projects not cancelled, in the plan currency "
           "(budgets in a currency without an exchange rate are left out).", budget_list, money="planned"),
    Figure("spent", "Spent", "Money spent so far on the same projects, in the plan currency.", budget_list,
           money="spent"),
    Figure("slipping", "Slipping", "Projects whose forecast end is after their planned end, because a "
           "predecessor finishes late.", db.slips),
    Figure("overdue-milestones", "Overdue milestones", "Milestones not done whose forecast date is before "
           "the as-of date.", db.overdue_milestones),
    Figure("due-milestones", "Due in 90 days", "Milestones not done forecast between the as-of date and "
           "90 days after it.", db.due_milestones),
    Figure("sustainment-gaps", "No funded sustainment", "Projects (not cancelled) going live with nobody "
           "funded to run them afterwards: funded: false, or no sustainment block.", db.sustainment_gaps),
    Figure("high-risks", "High risks", f"Open risks with likelihood x impact of {db.HIGH_RISK} or more.",
           _high_risks),
    Figure("objectives-without-active", "Objectives with no active project", "Plan objectives that no "
           "approved or in-progress project serves.", lambda v: al.objectives_without_active_project(v.ws)),
    Figure("unaligned", "Projects aligned to no objective", "Projects (not cancelled) that serve no objective, "
           "neither directly nor through their programme.", lambda v: al.unaligned_projects(v.ws)),
)
BY_KEY = {f.key: f for f in FIGURES}


def drilldown(view: db.View, key: str) -> pd.DataFrame:
    """The rows behind the figure `key`."""
    return BY_KEY[key].rows(view)


def value(figure: Figure, rows: pd.DataFrame) -> float:
    return float(rows[figure.money].sum()) if figure.money else len(rows)


def figures(view: db.View) -> dict[str, float]:
    """Every headline figure: key -> value (a count, or money in the plan currency)."""
    cache: dict = {}
    out = {}
    for f in FIGURES:
        rows = cache.get(f.rows)
        if rows is None:
            rows = cache[f.rows] = f.rows(view)
        out[f.key] = value(f, rows)
    return out
