"""Which items of a guideline catalog (TFA, RKC, SMART, an own one) the portfolio covers, and by when.

Definitions, so that the CLI, the app, exports and tests all mean the same thing:

* A project's **state** on the items it names comes from its status:
  `completed` -> delivered, `in-progress` -> in-delivery, `proposed` / `approved` ->
  planned, `on-hold` -> stalled. A `cancelled` project never covers anything.
* A **leaf** item (no children) takes the most advanced state of the projects that
  name it (delivered > in-delivery > planned > stalled), or `uncovered` when none does.
* A **parent** item (a TFA article, an RKC chapter) is rolled up from its children:
  its state is the *least* advanced of its children's states, so an article is
  delivered only when every measure in it is, and `uncovered` while any measure is.
  Its `leaves`, `covered` and `delivered` count the leaves below it, so "3 of 4
  measures covered" is always shown beside that state. Its projects are those of
  the leaves below it. Parents of parents (RKC 7.4 under chapter 7) roll up the same way.
* Projects map to leaves only; naming a parent or an unknown item is a validation
  error (`portfolio check`) and is ignored here rather than guessed at.
* **Coverage ratio** of a catalog = leaves whose state is not `uncovered` / all leaves;
  the **delivered ratio** = delivered leaves / all leaves. Parents are never counted,
  so a catalog is not "more covered" for having more articles. A catalog without
  items has both ratios 0.
* **Gaps** are the leaves nothing covers (the parents over them follow from that).
* **Delivered on**: the day a leaf becomes delivered by the forecast = the earliest
  forecast end of the non-cancelled projects naming it (on-hold ones included, as in
  the forecast: it assumes they resume). A parent is delivered on the latest of its
  children's days, or never when a child never is. The forecast ends are a parameter
  (`project id -> date`, e.g. from `portfolio.schedule`); without one, a project's
  planned `end` is used. The **coverage curve** counts the leaves delivered by each day.

Analysis only: nothing here reads or writes a file.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Iterable, Mapping

import pandas as pd

from . import model as m

#: Most advanced first. `uncovered` is a state of items only, never of a project.
STATES: tuple[str, ...] = ("delivered", "in-delivery", "planned", "stalled", "uncovered")
RANK: dict[str, int] = {s: len(STATES) - 1 - i for i, s in enumerate(STATES)}  # uncovered 0 .. delivered 4

#: Project status -> the state it gives the items it names; cancelled gives none.
STATUS_STATE: dict[str, str | None] = {
    "completed": "delivered",
    "in-progress": "in-delivery",
    "proposed": "planned",
    "approved": "planned",
    "on-hold": "stalled",
    "cancelled": None,
}

#: Colours shared by the charts and the XLSX legend (green = done, red = nothing planned);
#: every display also writes the state or its code, so colour is never the only cue.
STATE_COLOURS: dict[str, str] = {
    "delivered": "#1a9850",
    "in-delivery": "#a6d96a",
    "planned": "#fee08b",
    "stalled": "#fdae61",
    "uncovered": "#d73027",
}
#: One-letter codes for cells of a printed or spreadsheet matrix.
STATE_CODES: dict[str, str] = {"delivered": "D", "in-delivery": "I", "planned": "P", "stalled": "S", "uncovered": "–"}

STATE_MEANING: dict[str, str] = {
    "delivered": "a completed project covers it",
    "in-delivery": "an in-progress project covers it",
    "planned": "a proposed or approved project covers it",
    "stalled": "only on-hold projects cover it",
    "uncovered": "no project covers it (cancelled ones never count)",
}


def project_state(project: m.Project) -> str | None:
    return STATUS_STATE[project.status]


def most_advanced(states: Iterable[str]) -> str:
    return max(states, key=RANK.__getitem__, default="uncovered")


def least_advanced(states: Iterable[str]) -> str:
    return min(states, key=RANK.__getitem__, default="uncovered")


@dataclass(frozen=True)
class ItemCoverage:
    """One catalog item: its state and, per state, the projects that bring it there."""

    id: str
    title: str
    parent: str | None
    depth: int  # 0 for a top-level item
    leaf: bool
    state: str
    by_state: Mapping[str, tuple[str, ...]]  # state -> project ids (sorted); only states that occur
    leaves: int  # leaves at or below this item (1 for a leaf)
    covered: int  # of those, not uncovered
    delivered: int  # of those, delivered
    delivered_on: date | None  # forecast day it becomes delivered; None = not by any project

    @property
    def projects(self) -> tuple[str, ...]:
        """Every covering project, most advanced state first, then by id."""
        return tuple(p for s in STATES for p in self.by_state.get(s, ()))


@dataclass(frozen=True)
class Coverage:
    catalog: m.Catalog
    items: tuple[ItemCoverage, ...]  # catalog order
    projects: tuple[str, ...]  # ids of projects covering at least one item, sorted
    project_state: Mapping[str, str]  # those projects -> their state
    project_end: Mapping[str, date]  # those projects -> forecast end used

    def item(self, item_id: str) -> ItemCoverage:
        for i in self.items:
            if i.id == item_id:
                return i
        raise KeyError(f"no item {item_id!r} in catalog {self.catalog.id!r}")

    @property
    def leaves(self) -> tuple[ItemCoverage, ...]:
        return tuple(i for i in self.items if i.leaf)

    @property
    def covered(self) -> int:
        return sum(i.state != "uncovered" for i in self.leaves)

    @property
    def delivered(self) -> int:
        return sum(i.state == "delivered" for i in self.leaves)

    @property
    def ratio(self) -> float:
        n = len(self.leaves)
        return self.covered / n if n else 0.0

    @property
    def delivered_ratio(self) -> float:
        n = len(self.leaves)
        return self.delivered / n if n else 0.0

    @property
    def gaps(self) -> tuple[ItemCoverage, ...]:
        return tuple(i for i in self.leaves if i.state == "uncovered")

    def state_counts(self) -> dict[str, int]:
        """Leaves per state, every state present (zero when none)."""
        return {s: sum(i.state == s for i in self.leaves) for s in STATES}


def coverage(ws: m.Workspace, catalog_id: str, forecast_end: Mapping[str, date] | None = None) -> Coverage:
    """The coverage of one catalog by the workspace's projects.

    `forecast_end` maps project id -> forecast end date; a project it does not name
    (or all of them, when it is None) counts with its planned `end`.
    """
    try:
        catalog = ws.catalogs[catalog_id]
    except KeyError:
        known = ", ".join(sorted(ws.catalogs)) or "none"
        raise KeyError(f"no catalog {catalog_id!r}; the workspace has: {known}") from None
    ids = [i.id for i in catalog.items]
    known_ids = set(ids)
    children: dict[str, list[str]] = {i: [] for i in ids}
    for it in catalog.items:
        if it.parent in children and it.parent != it.id:
            children[it.parent].append(it.id)

    # Direct references of live projects to leaves.
    direct: dict[str, dict[str, list[str]]] = {}  # leaf -> state -> project ids
    ends: dict[str, date] = {}
    states: dict[str, str] = {}
    for p in sorted(ws.projects.values(), key=lambda p: p.id):
        state = project_state(p)
        if state is None:
            continue
        named = [i for i in p.guidelines.get(catalog_id, ()) if i in known_ids and not children[i]]
        if not named:
            continue
        states[p.id] = state
        ends[p.id] = (forecast_end or {}).get(p.id, p.end)
        for i in dict.fromkeys(named):
            direct.setdefault(i, {}).setdefault(state, []).append(p.id)

    done: dict[str, ItemCoverage] = {}
    by_id = {it.id: it for it in catalog.items}

    def visit(item_id: str, depth: int, path: frozenset[str]) -> ItemCoverage:
        # `path` guards against a parent cycle in a broken catalog (reported by `check`).
        if item_id in done:
            return done[item_id]
        it = by_id[item_id]
        kids = [visit(k, depth + 1, path | {item_id}) for k in children[item_id] if k not in path | {item_id}]
        if not kids:
            found = {s: tuple(v) for s, v in direct.get(item_id, {}).items()}
            on = [ends[p] for s, ps in found.items() for p in ps]
            cov = ItemCoverage(it.id, it.title, it.parent, depth, True,
                               most_advanced(found), _ordered(found), 1,
                               int(bool(found)), int("delivered" in found), min(on, default=None))
        else:
            merged: dict[str, set[str]] = {}
            for k in kids:
                for s, ps in k.by_state.items():
                    merged.setdefault(s, set()).update(ps)
            days = [k.delivered_on for k in kids]
            cov = ItemCoverage(it.id, it.title, it.parent, depth, False,
                               least_advanced(k.state for k in kids),
                               _ordered({s: tuple(sorted(ps)) for s, ps in merged.items()}),
                               sum(k.leaves for k in kids), sum(k.covered for k in kids),
                               sum(k.delivered for k in kids),
                               None if None in days else max(days))
        done[item_id] = cov
        return cov

    for it in catalog.items:
        if it.parent not in children or it.parent == it.id:  # top level (or a dangling parent)
            visit(it.id, 0, frozenset())
    for it in catalog.items:  # items only reachable through a parent cycle
        if it.id not in done:
            visit(it.id, 0, frozenset())
    return Coverage(catalog, tuple(done[i] for i in dict.fromkeys(ids)), tuple(sorted(states)),
                    dict(states), dict(ends))


def _ordered(found: Mapping[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
    return {s: found[s] for s in STATES if found.get(s)}


def curve(cov: Coverage, start: date | None = None, end: date | None = None) -> pd.DataFrame:
    """The coverage curve: leaves delivered by each day on which that number changes.

    One row per such day (`date`, `delivered`, `ratio` of all leaves), starting with
    `start` (what is delivered by then) and ending with `end` when given, so the
    curve spans the plan period; days outside [start, end] are left out.
    """
    n = len(cov.leaves)
    days = sorted(i.delivered_on for i in cov.leaves if i.delivered_on is not None)
    points: dict[date, int] = {}
    for k, d in enumerate(days, start=1):
        points[d] = k
    if start is not None:
        points[start] = sum(d <= start for d in days)
    if end is not None:
        points[end] = sum(d <= end for d in days)
    rows = [(d, c) for d, c in sorted(points.items())
            if (start is None or d >= start) and (end is None or d <= end)]
    frame = pd.DataFrame(rows, columns=["date", "delivered"])
    frame["ratio"] = frame["delivered"] / n if n else 0.0
    return frame


MATRIX_COLUMNS = ["item", "title", "parent", "depth", "leaf", "state", "column", "cell"]


def matrix(ws: m.Workspace, cov: Coverage, by: str = "project") -> pd.DataFrame:
    """The item x project (or x programme) matrix in long form, one row per marked cell.

    A cell holds the state the column brings the item to: for a project its own
    state; for a programme the most advanced state of its covering projects. On a
    parent row a column is marked when it covers any leaf below it (it *contributes*;
    the row's own state is the roll-up). Projects without a programme fall in
    the column "(no programme)".
    """
    if by not in ("project", "programme"):
        raise ValueError("by must be 'project' or 'programme'")
    rows = []
    for i in cov.items:
        cells: dict[str, list[str]] = {}
        for s, ps in i.by_state.items():
            for p in ps:
                col = p if by == "project" else (ws.projects[p].programme or NO_PROGRAMME)
                cells.setdefault(col, []).append(s)
        for col, ss in cells.items():
            rows.append((i.id, i.title, i.parent, i.depth, i.leaf, i.state, col, most_advanced(ss)))
    return pd.DataFrame(rows, columns=MATRIX_COLUMNS)


NO_PROGRAMME = "(no programme)"


def columns(ws: m.Workspace, cov: Coverage, by: str = "project") -> list[str]:
    """The matrix's columns in a stable order: covering projects by id, or programmes in plan order."""
    if by == "project":
        return list(cov.projects)
    used = {ws.projects[p].programme or NO_PROGRAMME for p in cov.projects}
    order = [g.id for g in ws.plan.programmes] if ws.plan else []
    return [g for g in order if g in used] + sorted(used - set(order) - {NO_PROGRAMME}) + \
        ([NO_PROGRAMME] if NO_PROGRAMME in used else [])


def item_frame(cov: Coverage) -> pd.DataFrame:
    """One row per item (parents included) with its state, counts, projects and delivery day."""
    return pd.DataFrame([{
        "item": i.id, "title": i.title, "parent": i.parent, "depth": i.depth, "leaf": i.leaf,
        "state": i.state, "covered": i.covered, "delivered": i.delivered, "leaves": i.leaves,
        "delivered_on": i.delivered_on, "projects": " ".join(i.projects),
    } for i in cov.items], columns=["item", "title", "parent", "depth", "leaf", "state", "covered",
                                     "delivered", "leaves", "delivered_on", "projects"])


def item_projects(ws: m.Workspace, cov: Coverage, item_id: str) -> pd.DataFrame:
    """The projects covering one item (for a parent: any leaf below it), most advanced first."""
    item = cov.item(item_id)
    rows = []
    for p in item.projects:
        proj = ws.projects[p]
        rows.append({"project": p, "name": proj.name, "programme": proj.programme, "status": proj.status,
                     "state": cov.project_state[p], "forecast_end": cov.project_end[p]})
    return pd.DataFrame(rows, columns=["project", "name", "programme", "status", "state", "forecast_end"])


ITEM_STATE_COLUMN = "item state"


def label(item: ItemCoverage) -> str:
    """How charts name an item: its id and title (ids alone are cryptic, titles alone ambiguous)."""
    return f"{item.id} {item.title}"


def heatmap_frame(ws: m.Workspace, cov: Coverage, by: str = "project") -> pd.DataFrame:
    """`matrix` plus, for every item (gaps included), a first column with the item's own state.

    Columns: item, label, depth, leaf, column, state, code, kind ("item" for the
    item-state column, else "cell"), so a chart shows every row even when nothing covers it.
    """
    cells = matrix(ws, cov, by)
    rows = [(i.id, label(i), i.depth, i.leaf, ITEM_STATE_COLUMN, i.state, "item") for i in cov.items]
    labels = {i.id: label(i) for i in cov.items}
    rows += [(r.item, labels[r.item], r.depth, r.leaf, r.column, r.cell, "cell") for r in cells.itertuples()]
    frame = pd.DataFrame(rows, columns=["item", "label", "depth", "leaf", "column", "state", "kind"])
    frame["code"] = frame["state"].map(STATE_CODES)
    return frame


def group_frame(cov: Coverage) -> pd.DataFrame:
    """Leaves per state under each top-level item (a TFA article), in catalog order, zero counts left out."""
    by_id = {i.id: i for i in cov.items}
    counts: dict[str, dict[str, int]] = {}
    for leaf in cov.leaves:
        node, seen = leaf, set()
        while node.depth > 0 and node.parent in by_id and node.id not in seen:
            seen.add(node.id)
            node = by_id[node.parent]
        per = counts.setdefault(node.id, {})
        per[leaf.state] = per.get(leaf.state, 0) + 1
    rows = [(top.id, label(top), s, counts[top.id][s], STATES.index(s))
            for top in cov.items if top.depth == 0 and top.id in counts
            for s in STATES if counts[top.id].get(s)]
    return pd.DataFrame(rows, columns=["item", "label", "state", "leaves", "order"])
