"""The headline figures of the overview and the board report, each with the list behind it.

A `Board` holds every list the overview shows, computed once for a set of projects.
`Board.narrow(ids)` keeps the rows of some projects only: that is what a filter
does, and it is a selection of rows, not a new analysis, so a filter change on a
10,000-project portfolio costs milliseconds (forecasts come from the schedule of
the whole workspace either way, see `dashboard.View`).

One declarative table, `FIGURES`, names every figure, its label and help text, and
the function that returns its list from a board; the figure is the length of that
list (money figures: the sum of a column). So every number shown drills down to
exactly the rows it counts.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Iterable

import numpy as np
import pandas as pd

from . import alignment as al
from . import dashboard as db
from . import model as m
from .workbook import portfolio_table

#: board frames with one project per row (or several rows per project): narrowed by project id
PER_PROJECT = ("projects", "budgets", "unconverted", "slips", "overdue-milestones", "due-milestones",
               "overdue-projects", "sustainment-gaps", "risks", "tree", "unaligned", "table")


@dataclass(frozen=True)
class Board:
    plan: m.Plan | None
    currency: str
    frames: dict[str, pd.DataFrame]
    total: int = 0  # projects before any narrowing
    # each project id's number, and per frame the number of each row's project (-1: none), so that
    # narrowing is a numpy lookup: pandas' isin on text columns loops in Python
    index: dict[str, int] = field(default_factory=dict, compare=False, repr=False)
    rows_of: dict[str, np.ndarray] = field(default_factory=dict, compare=False, repr=False)
    _cache: dict = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def build(cls, view: db.View) -> Board:
        budgets, unconverted = db.budget_rows(view)
        frames = {
            "projects": db.project_rows(view), "budgets": budgets, "unconverted": unconverted,
            "slips": db.slips(view), "overdue-milestones": db.overdue_milestones(view),
            "due-milestones": db.due_milestones(view), "overdue-projects": db.overdue_projects(view),
            "sustainment-gaps": db.sustainment_gaps(view), "risks": db.open_risks(view),
            "tree": al.tree(view.ws), "unaligned": al.unaligned_projects(view.ws),
            "table": portfolio_table(view),
        }
        index = {pid: i for i, pid in enumerate(view.ws.projects)}
        rows_of = {name: np.fromiter((index.get(p, -1) if isinstance(p, str) else -1 for p in frame["project"]),
                                     dtype=np.int64, count=len(frame))
                   for name, frame in frames.items() if name in PER_PROJECT}
        return cls(view.ws.plan, view.currency, frames, len(view.ws.projects), index, rows_of)

    def narrow(self, ids: Iterable[str] | None) -> Board:
        """The board of the projects `ids` only (None: all of them)."""
        if ids is None:
            return self
        wanted = np.zeros(len(self.index) + 1, dtype=bool)  # the extra last slot is -1: no project
        wanted[[self.index[p] for p in ids if p in self.index]] = True
        frames, rows_of = {}, {}
        for name, frame in self.frames.items():
            if name in PER_PROJECT:
                mask = wanted[self.rows_of[name]]
                frame = frame[mask].reset_index(drop=True)
                rows_of[name] = self.rows_of[name][mask]
                if name == "tree":
                    before = len(frame)
                    frame = al.narrow_tree(self.plan, frame, None)
                if name == "tree" and len(frame) != before:  # objectives no project serves any more: re-number
                    rows_of[name] = np.fromiter((self.index.get(p, -1) if isinstance(p, str) else -1
                                                 for p in frame["project"]), dtype=np.int64, count=len(frame))
            frames[name] = frame
        return Board(self.plan, self.currency, frames, self.total, self.index, rows_of)

    def __getitem__(self, name: str) -> pd.DataFrame:
        return self.frames[name]

    # --- what the page and the report derive from the lists (cheap: groupbys on small frames) ---
    def status_health(self) -> pd.DataFrame:
        return db.status_health_of(self["projects"])

    def burn(self) -> db.Burn:
        if "burn" not in self._cache:
            self._cache["burn"] = db.burn_of(self["budgets"], self["unconverted"], self.currency)
        return self._cache["burn"]

    def risk_matrix(self) -> pd.DataFrame:
        return db.risk_matrix(None, self["risks"])

    def objective_summary(self) -> pd.DataFrame:
        if "objectives" not in self._cache:
            self._cache["objectives"] = al.summary_of(self.plan, self["tree"])
        return self._cache["objectives"]


@dataclass(frozen=True)
class Figure:
    key: str
    label: str
    help: str
    rows: Callable[[Board], pd.DataFrame]
    money: str | None = None  # the column summed for a money figure; None: the figure counts rows


def _where(frame: pd.DataFrame, column: str, value) -> pd.DataFrame:
    return frame[frame[column] == value].reset_index(drop=True)


FIGURES: tuple[Figure, ...] = (
    Figure("projects", "Projects", "Every project in view, whatever its status.", lambda b: b["projects"]),
    Figure("in-progress", "In progress", "Projects with status in-progress.",
           lambda b: _where(b["projects"], "status", "in-progress")),
    Figure("red", "Red", "Projects whose health is red.", lambda b: _where(b["projects"], "health", "red")),
    Figure("amber", "Amber", "Projects whose health is amber.", lambda b: _where(b["projects"], "health", "amber")),
    Figure("planned", "Planned budget", "Planned budgets of projects not cancelled, in the plan currency "
           "(budgets in a currency without an exchange rate are left out).", lambda b: b["budgets"],
           money="planned"),
    Figure("spent", "Spent", "Money spent so far on the same projects, in the plan currency.",
           lambda b: b["budgets"], money="spent"),
    Figure("slipping", "Slipping", "Projects whose forecast end is after their planned end, because a "
           "predecessor finishes late.", lambda b: b["slips"]),
    Figure("overdue-milestones", "Overdue milestones", "Milestones not done whose forecast date is before "
           "the as-of date.", lambda b: b["overdue-milestones"]),
    Figure("due-milestones", "Due in 90 days", "Milestones not done forecast between the as-of date and "
           "90 days after it.", lambda b: b["due-milestones"]),
    Figure("sustainment-gaps", "No funded sustainment", "Projects (not cancelled) going live with nobody "
           "funded to run them afterwards: funded: false, or no sustainment block.", lambda b: b["sustainment-gaps"]),
    Figure("high-risks", "High risks", f"Open risks with likelihood x impact of {db.HIGH_RISK} or more.",
           lambda b: b["risks"][b["risks"]["score"] >= db.HIGH_RISK].reset_index(drop=True)),
    Figure("objectives-without-active", "Objectives with no active project", "Plan objectives that no "
           "approved or in-progress project serves.",
           lambda b: b.objective_summary()[b.objective_summary()["active"] == 0].reset_index(drop=True)),
    Figure("unaligned", "Projects aligned to no objective", "Projects (not cancelled) that serve no objective, "
           "neither directly nor through their programme.", lambda b: b["unaligned"]),
)
BY_KEY = {f.key: f for f in FIGURES}


def drilldown(board: Board, key: str) -> pd.DataFrame:
    """The rows behind the figure `key`."""
    return BY_KEY[key].rows(board)


def value(figure: Figure, rows: pd.DataFrame) -> float:
    return float(rows[figure.money].sum()) if figure.money else len(rows)


def figures(board: Board) -> dict[str, float]:
    """Every headline figure: key -> value (a count, or money in the plan currency)."""
    return {f.key: value(f, f.rows(board)) for f in FIGURES}
