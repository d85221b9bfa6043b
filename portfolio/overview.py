"""The portfolio at a glance: one row per project and the headline figures executives ask for.

Money is only added up within one currency unless plan.yaml gives an exchange rate,
so a total never silently mixes USD and EUR.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import pandas as pd

from . import model as m


@dataclass(frozen=True)
class Totals:
    """Planned and spent money, in the plan currency where a rate allows, else per currency."""

    currency: str
    planned: float = 0.0
    spent: float = 0.0
    donor_planned: float = 0.0
    unconverted: dict[str, float] = field(default_factory=dict)  # currency -> planned, no rate


@dataclass(frozen=True)
class Summary:
    projects: int
    by_status: dict[str, int]
    by_health: dict[str, int]
    totals: Totals
    sustainment_gaps: tuple[str, ...]  # live or coming projects whose running cost no one funds
    errors: int
    warnings: int
    unloaded: int


def plan_currency(ws: m.Workspace) -> str:
    return ws.plan.currency if ws.plan else "USD"


def to_plan_currency(ws: m.Workspace, amount: float, currency: str | None) -> float | None:
    """The amount in the plan currency, or None when no exchange rate is given."""
    base = plan_currency(ws)
    currency = currency or base
    if currency == base:
        return amount
    rate = ws.plan.exchange_rates.get(currency) if ws.plan else None
    return None if rate is None else amount * rate


def totals(ws: m.Workspace) -> Totals:
    planned = spent = donor = 0.0
    unconverted: Counter = Counter()
    for p in ws.projects.values():
        b = p.budget
        if b is None or p.status == "cancelled":
            continue
        converted = to_plan_currency(ws, b.planned, b.currency)
        if converted is None:
            unconverted[b.currency] += b.planned
            continue
        planned += converted
        spent += to_plan_currency(ws, b.spent or 0.0, b.currency) or 0.0
        if b.funding == "donor":
            donor += converted
    return Totals(plan_currency(ws), planned, spent, donor, dict(unconverted))


def sustainment_gap(p: m.Project) -> bool:
    """A project that will run a system nobody has funded to keep running."""
    if p.status == "cancelled":
        return False
    return p.sustainment is None or not p.sustainment.funded


def summary(ws: m.Workspace) -> Summary:
    projects = ws.projects.values()
    return Summary(
        projects=len(ws.projects),
        by_status={s: n for s in m.STATUSES if (n := sum(p.status == s for p in projects))},
        by_health={h: n for h in (*m.HEALTHS, None) if (n := sum(p.health == h for p in projects))},
        totals=totals(ws),
        sustainment_gaps=tuple(sorted(p.id for p in projects if sustainment_gap(p))),
        errors=len(ws.errors),
        warnings=len(ws.warnings),
        unloaded=len(ws.unloaded),
    )


PROJECT_COLUMNS = ["id", "name", "programme", "status", "health", "start", "end", "progress",
                   "owner", "funding", "donor", "budget", "spent", "currency", "sustainment_funded", "path"]


def project_frame(ws: m.Workspace) -> pd.DataFrame:
    """One row per loaded project, with the fields dashboards filter and sort on."""
    rows = []
    for p in ws.projects.values():
        b = p.budget
        rows.append({
            "id": p.id, "name": p.name, "programme": p.programme, "status": p.status,
            "health": p.health, "start": p.start, "end": p.end, "progress": p.progress,
            "owner": p.owner, "funding": b.funding if b else None, "donor": b.donor if b else None,
            "budget": b.planned if b else None, "spent": b.spent if b else None,
            "currency": (b.currency or plan_currency(ws)) if b else None,
            "sustainment_funded": p.sustainment.funded if p.sustainment else None,
            "path": p.path,
        })
    return pd.DataFrame(rows, columns=PROJECT_COLUMNS)


def issue_frame(ws: m.Workspace) -> pd.DataFrame:
    return pd.DataFrame([i.as_dict() for i in ws.issues],
                        columns=["severity", "path", "line", "column", "code", "message"])
