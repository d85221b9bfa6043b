"""Rules that span files: references between them, dependency cycles, dates against the plan.

Each check yields issues located at the referring entry (the `depends_on` line, the
item id), found through the file's tree, because that is where a planner fixes it.
"""
from __future__ import annotations

from collections import deque
from typing import Iterator

from . import model as m
from .issues import Issue
from .yamldoc import locate, locate_key


def check_references(ws: m.Workspace, trees: dict, project_stems: set[str]) -> Iterator[Issue]:
    known = _Known(ws)
    if ws.plan is not None:
        yield from _plan(ws.plan, trees.get("plan.yaml"), known)
    for p in ws.projects.values():
        yield from _project(p, trees[p.path], ws, known, project_stems)
    yield from _cycles(ws, trees)
    for a in ws.assessments:
        yield from _assessment(a, trees[a.path], known)
    for c in ws.catalogs.values():
        yield from _catalog(c, trees[c.path])
    for mm in ws.models.values():
        yield from _maturity_model(mm, trees[mm.path])


class _Known:
    """Id sets and lookups computed once per load."""

    def __init__(self, ws: m.Workspace):
        plan = ws.plan
        self.objectives = {o.id for o in plan.objectives} if plan else None
        self.programmes = {p.id for p in plan.programmes} if plan else None
        self.period = plan.period if plan else None
        self.currency = plan.currency if plan else "USD"
        self.rates = set(plan.exchange_rates) if plan else set()
        self.catalogs = ws.catalogs
        self.models = ws.models
        self.items = {cid: {i.id for i in c.items} for cid, c in ws.catalogs.items()}
        self.children: dict[str, dict[str, list[str]]] = {}
        for cid, c in ws.catalogs.items():
            kids: dict[str, list[str]] = {}
            for i in c.items:
                if i.parent is not None:
                    kids.setdefault(i.parent, []).append(i.id)
            self.children[cid] = kids
        self.dimensions = {mid: set(mm.dimension_ids()) for mid, mm in ws.models.items()}


def _issue(path: str, tree, keys: tuple, code: str, message: str, at_key: bool = False) -> Issue:
    line, col = (locate_key if at_key else locate)(tree, *keys)
    return Issue(path, line, col, code, message)


def _dotted(keys: tuple) -> str:
    return "".join(f"[{k}]" if isinstance(k, int) else (f".{k}" if i else k) for i, k in enumerate(keys))


def _duplicates(path: str, tree, ids: list, keys: tuple, what: str) -> Iterator[Issue]:
    seen: dict = {}
    for i, ident in enumerate(ids):
        if ident is None:
            continue
        if ident in seen:
            where = keys + (i, "id")
            yield _issue(path, tree, where, "duplicate-id",
                         f"{_dotted(where)}: {what} id {ident!r} is already used at {_dotted(keys + (seen[ident],))}")
        else:
            seen[ident] = i


def _maturity_ref(path: str, tree, keys: tuple, model_id: str, dimension: str, level: float | None,
                  known: _Known) -> Iterator[Issue]:
    model = known.models.get(model_id)
    if model is None:
        yield _issue(path, tree, keys + ("model",), "unknown-ref",
                     f"{_dotted(keys + ('model',))}: no maturity model {model_id!r}; known: {', '.join(sorted(known.models)) or 'none'}")
        return
    if dimension not in known.dimensions[model_id]:
        yield _issue(path, tree, keys + ("dimension",), "unknown-ref",
                     f"{_dotted(keys + ('dimension',))}: {model_id} has no dimension {dimension!r}; "
                     f"known: {', '.join(model.dimension_ids())}")
    if level is not None and not model.scale.min <= level <= model.scale.max:
        yield _issue(path, tree, keys + ("level",), "range",
                     f"{_dotted(keys + ('level',))}: {level:g} is outside {model_id}'s scale "
                     f"{model.scale.min:g}..{model.scale.max:g}")


def _in_period(path: str, tree, keys: tuple, day, known: _Known) -> Iterator[Issue]:
    period = known.period
    if period is not None and not period.start <= day <= period.end:
        yield _issue(path, tree, keys, "outside-period",
                     f"{_dotted(keys)}: {day} is outside the plan period {period.start} .. {period.end}")


def _plan(plan: m.Plan, tree, known: _Known) -> Iterator[Issue]:
    path = "plan.yaml"
    yield from _duplicates(path, tree, [o.id for o in plan.objectives], ("objectives",), "objective")
    yield from _duplicates(path, tree, [p.id for p in plan.programmes], ("programmes",), "programme")
    for i, prog in enumerate(plan.programmes):
        for j, oid in enumerate(prog.objectives):
            if oid not in known.objectives:
                keys = ("programmes", i, "objectives", j)
                yield _issue(path, tree, keys, "unknown-ref", f"{_dotted(keys)}: no objective {oid!r} in plan.yaml")
    for i, t in enumerate(plan.targets):
        yield from _maturity_ref(path, tree, ("targets", i), t.model, t.dimension, t.level, known)
    for cur in plan.exchange_rates:
        if cur == plan.currency:
            keys = ("exchange_rates", cur)
            yield _issue(path, tree, keys, "inconsistent",
                         f"{_dotted(keys)}: the plan currency needs no exchange rate", at_key=True)


def _project(p: m.Project, tree, ws: m.Workspace, known: _Known, stems: set[str]) -> Iterator[Issue]:
    path = p.path
    if p.programme is not None and known.programmes is not None and p.programme not in known.programmes:
        yield _issue(path, tree, ("programme",), "unknown-ref",
                     f"programme: no programme {p.programme!r} in plan.yaml; known: {', '.join(sorted(known.programmes)) or 'none'}")
    if known.objectives is not None:
        for j, oid in enumerate(p.objectives):
            if oid not in known.objectives:
                yield _issue(path, tree, ("objectives", j), "unknown-ref",
                             f"objectives[{j}]: no objective {oid!r} in plan.yaml; known: {', '.join(sorted(known.objectives)) or 'none'}")
    seen: set[str] = set()
    for j, dep in enumerate(p.depends_on):
        keys = ("depends_on", j)
        if dep.project == p.id:
            yield _issue(path, tree, keys, "self-dependency", f"depends_on[{j}]: {p.id} depends on itself")
        elif dep.project not in stems:
            yield _issue(path, tree, keys, "unknown-ref",
                         f"depends_on[{j}]: no project {dep.project!r} (no file projects/{dep.project}.yaml)")
        elif dep.project in seen:
            yield _issue(path, tree, keys, "duplicate-dependency",
                         f"depends_on[{j}]: {dep.project!r} is listed twice; keep one entry")
        seen.add(dep.project)
    yield from _guideline_refs(p, tree, known)
    for j, d in enumerate(p.delivers):
        yield from _maturity_ref(path, tree, ("delivers", j), d.model, d.dimension, d.level, known)
    yield from _project_dates(p, tree, known)
    yield from _duplicates(path, tree, [ms.id for ms in p.milestones], ("milestones",), "milestone")
    yield from _duplicates(path, tree, [r.id for r in p.risks], ("risks",), "risk")
    yield from _project_consistency(p, tree, known)


def _guideline_refs(p: m.Project, tree, known: _Known) -> Iterator[Issue]:
    for cid, items in p.guidelines.items():
        if cid not in known.catalogs:
            yield _issue(p.path, tree, ("guidelines", cid), "unknown-ref",
                         f"guidelines.{cid}: no catalog {cid!r}; known: {', '.join(sorted(known.catalogs)) or 'none'}",
                         at_key=True)
            continue
        for j, item in enumerate(items):
            keys = ("guidelines", cid, j)
            if item not in known.items[cid]:
                yield _issue(p.path, tree, keys, "unknown-ref", f"{_dotted(keys)}: {cid} has no item {item!r}")
            elif item in known.children[cid]:
                kids = known.children[cid][item]
                yield _issue(p.path, tree, keys, "parent-item",
                             f"{_dotted(keys)}: {item!r} groups other items; name the ones this project serves: "
                             + ", ".join(repr(k) for k in kids))


def _project_dates(p: m.Project, tree, known: _Known) -> Iterator[Issue]:
    yield from _in_period(p.path, tree, ("start",), p.start, known)
    yield from _in_period(p.path, tree, ("end",), p.end, known)
    for j, ms in enumerate(p.milestones):
        keys = ("milestones", j, "date")
        if not p.start <= ms.date <= p.end:
            yield _issue(p.path, tree, keys, "outside-project",
                         f"{_dotted(keys)}: {ms.date} is outside the project's {p.start} .. {p.end}")
        else:
            yield from _in_period(p.path, tree, keys, ms.date, known)


def _project_consistency(p: m.Project, tree, known: _Known) -> Iterator[Issue]:
    b = p.budget
    if b is not None:
        currency = b.currency or known.currency
        if currency != known.currency and currency not in known.rates:
            yield _issue(p.path, tree, ("budget", "currency"), "currency",
                         f"budget.currency: {currency} has no rate in plan.yaml exchange_rates, so this budget "
                         f"is shown apart from {known.currency} totals; add e.g. exchange_rates: {{{currency}: 1.0}}")
        if b.spent is not None and b.spent > b.planned:
            yield _issue(p.path, tree, ("budget", "spent"), "overspent",
                         f"budget.spent: {b.spent:,.0f} is more than planned {b.planned:,.0f}")
        if b.funding in ("donor", "mixed") and not b.donor:
            yield _issue(p.path, tree, ("budget", "funding"), "inconsistent",
                         f"budget.funding: {b.funding} but no donor is named; add budget.donor")
    if p.status == "completed" and p.progress is not None and p.progress < 100:
        yield _issue(p.path, tree, ("progress",), "inconsistent",
                     f"progress: {p.progress:g}% but status is completed")


def _cycles(ws: m.Workspace, trees: dict) -> Iterator[Issue]:
    """Each dependency inside a cycle is reported at its own entry, naming a shortest cycle through it."""
    graph = {pid: [d.project for d in p.depends_on if d.project in ws.projects and d.project != pid]
             for pid, p in ws.projects.items()}
    for component in _strongly_connected(graph):
        if len(component) < 2:
            continue
        for pid in sorted(component):
            p = ws.projects[pid]
            for j, dep in enumerate(p.depends_on):
                if dep.project in component and dep.project != pid:
                    loop = _shortest_path(graph, dep.project, pid, component)
                    names = " -> ".join([pid] + loop)
                    yield _issue(p.path, trees[p.path], ("depends_on", j), "cycle",
                                 f"depends_on[{j}]: dependency cycle {names} (each waits for the next); "
                                 "remove one of these dependencies")


def _shortest_path(graph: dict, start: str, goal: str, within: set) -> list[str]:
    parents = {start: None}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        if node == goal:
            break
        for nxt in graph[node]:
            if nxt in within and nxt not in parents:
                parents[nxt] = node
                queue.append(nxt)
    path = []
    node = goal
    while node is not None:
        path.append(node)
        node = parents[node]
    return path[::-1]


def _strongly_connected(graph: dict) -> list[set]:
    """Tarjan's algorithm, iterative: deep chains of 10,000 projects must not hit the recursion limit.

    networkx has this too, but importing it costs more than `portfolio check` of a
    whole example workspace; the pre-commit path stays light.
    """
    index: dict = {}
    low: dict = {}
    on_stack: set = set()
    stack: list = []
    result: list[set] = []
    counter = 0
    for root in graph:
        if root in index:
            continue
        work = [(root, iter(graph[root]))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            advanced = False
            for child in children:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(graph[child])))
                    advanced = True
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            if advanced:
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.add(member)
                    if member == node:
                        break
                result.append(component)
    return result


def _assessment(a: m.Assessment, tree, known: _Known) -> Iterator[Issue]:
    model = known.models.get(a.model)
    if model is None:
        yield _issue(a.path, tree, ("model",), "unknown-ref",
                     f"model: no maturity model {a.model!r}; known: {', '.join(sorted(known.models)) or 'none'}")
        return
    dims = known.dimensions[a.model]
    for field in ("scores", "evidence"):
        for dim in getattr(a, field):
            if dim not in dims:
                yield _issue(a.path, tree, (field, dim), "unknown-ref",
                             f"{field}.{dim}: {a.model} has no dimension {dim!r}", at_key=True)
    for dim, score in a.scores.items():
        if score is not None and not model.scale.min <= score <= model.scale.max:
            yield _issue(a.path, tree, ("scores", dim), "range",
                         f"scores.{dim}: {score:g} is outside {a.model}'s scale {model.scale.min:g}..{model.scale.max:g}")


def _catalog(c: m.Catalog, tree) -> Iterator[Issue]:
    yield from _duplicates(c.path, tree, [i.id for i in c.items], ("items",), "item")
    ids = {i.id: i for i in c.items}
    for j, item in enumerate(c.items):
        if item.parent is None:
            continue
        keys = ("items", j, "parent")
        if item.parent not in ids:
            yield _issue(c.path, tree, keys, "unknown-ref", f"{_dotted(keys)}: no item {item.parent!r} in {c.id}")
            continue
        seen = {item.id}
        up = item.parent
        while up is not None and up in ids:
            if up in seen:
                yield _issue(c.path, tree, keys, "cycle", f"{_dotted(keys)}: item {item.id!r} is its own ancestor")
                break
            seen.add(up)
            up = ids[up].parent


def _maturity_model(mm: m.MaturityModel, tree) -> Iterator[Issue]:
    if mm.scale.min >= mm.scale.max:
        yield _issue(mm.path, tree, ("scale", "max"), "range",
                     f"scale.max: {mm.scale.max:g} must be greater than scale.min {mm.scale.min:g}")
    yield from _duplicates(mm.path, tree, [g.id for g in mm.groups], ("groups",), "group")
    seen: dict[str, str] = {}
    for gi, group in enumerate(mm.groups):
        for di, dim in enumerate(group.dimensions):
            if dim.id in seen:
                keys = ("groups", gi, "dimensions", di, "id")
                yield _issue(mm.path, tree, keys, "duplicate-id",
                             f"{_dotted(keys)}: dimension {dim.id!r} is already in group {seen[dim.id]!r}")
            else:
                seen[dim.id] = group.id
    yield from _duplicates(mm.path, tree, [b.id for b in mm.bands], ("bands",), "band")
    for bi, band in enumerate(mm.bands):
        if not mm.scale.min <= band.min <= mm.scale.max:
            keys = ("bands", bi, "min")
            yield _issue(mm.path, tree, keys, "range",
                         f"{_dotted(keys)}: {band.min:g} is outside the scale {mm.scale.min:g}..{mm.scale.max:g}")
