"""Strategic alignment: objectives -> programmes -> projects, and what lines up with nothing.

A project serves an objective when it names it in `objectives`, or when its programme
does (plan.yaml `programmes[].objectives`): a programme's projects serve the
programme's objectives even when a file does not repeat them. `via` says which.

*Active* projects are `approved` or `in-progress`: work funded and going on. An
objective whose projects are all proposed, on hold, completed or cancelled has no
active project: nothing is moving it now.
"""
from __future__ import annotations

import pandas as pd

from . import model as m

ACTIVE = frozenset({"approved", "in-progress"})
NO_PROGRAMME = "(no programme)"


def objectives_of(ws: m.Workspace, p: m.Project) -> dict[str, str]:
    """objective id -> 'project', 'programme' or 'both': how `p` serves it (known objectives only)."""
    return serves(p, programmes_by_id(ws), known_objectives(ws))


def known_objectives(ws: m.Workspace) -> set[str]:
    return {o.id for o in ws.plan.objectives} if ws.plan else set()


def serves(p: m.Project, progs: dict[str, m.Programme], known: set[str]) -> dict[str, str]:
    prog = progs.get(p.programme) if p.programme else None
    out: dict[str, str] = {}
    for o in p.objectives:
        if o in known:
            out[o] = "project"
    for o in (prog.objectives if prog else ()):
        if o in known:
            out[o] = "both" if o in out else "programme"
    return out


def programmes_by_id(ws: m.Workspace) -> dict[str, m.Programme]:
    return {g.id: g for g in ws.plan.programmes} if ws.plan else {}


TREE_COLUMNS = ["objective", "objective_name", "programme", "programme_name", "project", "project_name",
                "status", "active", "via"]


def tree(ws: m.Workspace) -> pd.DataFrame:
    """One row per (objective, project serving it), in plan order of objectives and programmes.

    An objective no project serves still has one row, with empty programme and project,
    so the tree shows every objective.
    """
    if ws.plan is None:
        return pd.DataFrame(columns=TREE_COLUMNS)
    progs = programmes_by_id(ws)
    prog_order = {g.id: i for i, g in enumerate(ws.plan.programmes)}
    serving: dict[str, list[tuple[m.Project, str]]] = {o.id: [] for o in ws.plan.objectives}
    known = known_objectives(ws)
    for p in ws.projects.values():
        for o, via in serves(p, progs, known).items():
            serving[o].append((p, via))
    rows = []
    for o in ws.plan.objectives:
        found = sorted(serving[o.id], key=lambda pv: (prog_order.get(pv[0].programme, len(prog_order)),
                                                     pv[0].programme or "", pv[0].id))
        if not found:
            rows.append((o.id, o.name, None, None, None, None, None, False, None))
        for p, via in found:  # tuples, not dicts: a 10,000-project portfolio has ~25,000 rows here
            prog = progs.get(p.programme) if p.programme else None
            rows.append((o.id, o.name, p.programme, prog.name if prog else NO_PROGRAMME, p.id, p.name, p.status,
                         p.status in ACTIVE, via))
    return pd.DataFrame(rows, columns=TREE_COLUMNS)


def narrow_tree(plan: m.Plan | None, tree_frame: pd.DataFrame, keep: set[str] | None) -> pd.DataFrame:
    """The tree of the projects `keep` only (None: rows already selected): what `tree` gives for a
    workspace of those projects, objectives no project serves included."""
    rows = tree_frame[tree_frame["project"].notna()] if keep is None else tree_frame[tree_frame["project"].isin(keep)]
    if plan is None:
        return rows.reset_index(drop=True)
    present = set(rows["objective"].unique())
    missing = [o for o in plan.objectives if o.id not in present]
    if missing:
        empty = pd.DataFrame([{"objective": o.id, "objective_name": o.name, "programme": None, "programme_name": None,
                               "project": None, "project_name": None, "status": None, "active": False, "via": None}
                              for o in missing], columns=TREE_COLUMNS)
        order = {o.id: i for i, o in enumerate(plan.objectives)}
        rows = pd.concat([rows, empty]) if not rows.empty else empty
        rows = rows.sort_values("objective", key=lambda c: c.map(order), kind="stable")
    return rows.reset_index(drop=True)


OBJECTIVE_COLUMNS = ["objective", "name", "programmes", "projects", "active", "by_status"]


def objective_summary(ws: m.Workspace, tree_frame: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per objective: programmes and projects serving it, how many are active, and the statuses."""
    return summary_of(ws.plan, tree(ws) if tree_frame is None else tree_frame)


def summary_of(plan: m.Plan | None, tree_frame: pd.DataFrame) -> pd.DataFrame:
    """`objective_summary` from a tree frame (possibly narrowed to some projects)."""
    served = tree_frame[tree_frame["project"].notna()]
    groups = dict(tuple(served.groupby("objective", sort=False))) if not served.empty else {}
    rows = []
    for o in (plan.objectives if plan else ()):
        mine = groups.get(o.id)
        if mine is None:
            rows.append({"objective": o.id, "name": o.name, "programmes": 0, "projects": 0, "active": 0,
                         "by_status": ""})
            continue
        statuses = mine["status"].value_counts().to_dict()
        rows.append({"objective": o.id, "name": o.name, "programmes": int(mine["programme"].nunique()),
                     "projects": len(mine), "active": int(mine["active"].sum()),
                     "by_status": ", ".join(f"{statuses[s]} {s}" for s in m.STATUSES if s in statuses)})
    return pd.DataFrame(rows, columns=OBJECTIVE_COLUMNS)


def objectives_without_active_project(ws: m.Workspace, tree_frame: pd.DataFrame | None = None) -> pd.DataFrame:
    """Objectives of the plan no approved or in-progress project serves (statuses of the others given)."""
    s = objective_summary(ws, tree_frame)
    return s[s["active"] == 0].reset_index(drop=True)


def unaligned_projects(ws: m.Workspace) -> pd.DataFrame:
    """Projects (cancelled ones left out) that serve no objective of the plan, directly or by programme."""
    progs, known = programmes_by_id(ws), known_objectives(ws)
    rows = [{"project": p.id, "name": p.name, "status": p.status, "programme": p.programme, "owner": p.owner,
             "path": p.path}
            for p in ws.projects.values() if p.status != "cancelled" and not serves(p, progs, known)]
    return pd.DataFrame(rows, columns=["project", "name", "status", "programme", "owner", "path"])
