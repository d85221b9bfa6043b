"""Portfolio filters: the values, their form in a URL, and a workspace narrowed by them.

A filter is a set of allowed values per field; an empty set does not filter. Within
one field values are alternatives (OR), across fields they all apply (AND).

In a URL each field is a query key repeated once per value
(`?status=in-progress&status=approved&programme=prg-core-clearance`): owners contain
commas, so values are never joined. Only the keys of `FIELDS` are read; anything else
in the URL (`project=`, …) is left alone. Values are plain text, never evaluated.

`apply` returns a workspace with fewer projects and nothing else changed; forecasts
must still come from the schedule of the whole workspace (see `dashboard.View`).
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from types import MappingProxyType
from typing import Iterable, Mapping

from . import alignment as al
from . import model as m

#: field -> label, in sidebar order
FIELDS: dict[str, str] = {
    "programme": "Programme",
    "objective": "Objective",
    "owner": "Owner",
    "status": "Status",
    "funding": "Funding",
}
NO_VALUE = "(none)"  # the value of a project with no programme, owner or budget
MAX_VALUES = 200  # per key, from a URL: a link is not a way to make the app do unbounded work


@dataclass(frozen=True)
class Filters:
    programme: tuple[str, ...] = ()
    objective: tuple[str, ...] = ()
    owner: tuple[str, ...] = ()
    status: tuple[str, ...] = ()
    funding: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return any(getattr(self, f) for f in FIELDS)

    def active(self) -> dict[str, tuple[str, ...]]:
        return {f: getattr(self, f) for f in FIELDS if getattr(self, f)}

    def describe(self) -> str:
        """'status: in-progress or approved; owner: K. Maren' — for captions and the report."""
        return "; ".join(f"{FIELDS[f].lower()}: {' or '.join(v)}" for f, v in self.active().items())


def _values(raw) -> list[str]:
    if raw is None:
        return []
    if isinstance(raw, str):
        return [raw]
    return [str(v) for v in raw]


def from_query(params: Mapping[str, object]) -> Filters:
    """Filters from query parameters: key -> a value or a list of values (repeated keys).

    Duplicates are dropped, order kept; blank values are ignored.
    """
    found = {}
    for f in FIELDS:
        seen: dict[str, None] = {}
        for v in _values(params.get(f))[:MAX_VALUES]:
            v = v.strip()
            if v:
                seen.setdefault(v, None)
        found[f] = tuple(seen)
    return Filters(**found)


def to_query(filters: Filters) -> dict[str, list[str]]:
    """Query parameters for the filters: only the fields that filter."""
    return {f: list(v) for f, v in filters.active().items()}


def options(ws: m.Workspace) -> dict[str, list[str]]:
    """The values each field can take in `ws`, in a useful order (plan order, lifecycle order, A-Z)."""
    projects = list(ws.projects.values())
    programmes = [g.id for g in ws.plan.programmes] if ws.plan else []
    extra = sorted({p.programme for p in projects if p.programme and p.programme not in programmes})
    owners = sorted({p.owner for p in projects if p.owner})
    return {
        "programme": programmes + extra + ([NO_VALUE] if any(not p.programme for p in projects) else []),
        "objective": [o.id for o in ws.plan.objectives] if ws.plan else [],
        "owner": owners + ([NO_VALUE] if any(not p.owner for p in projects) else []),
        "status": list(m.STATUSES),
        "funding": list(m.FUNDINGS) + ([NO_VALUE] if any(p.budget is None for p in projects) else []),
    }


def unknown(filters: Filters, ws: m.Workspace) -> dict[str, tuple[str, ...]]:
    """Values in the filters that this workspace does not have (a stale or mistyped link)."""
    opts = options(ws)
    out = {}
    for f, values in filters.active().items():
        bad = tuple(v for v in values if v not in opts[f])
        if bad:
            out[f] = bad
    return out


def matches(ws: m.Workspace, filters: Filters) -> list[str]:
    """Ids of the projects that pass every field of `filters`, in workspace order."""
    if not filters:
        return list(ws.projects)
    programme, objective = set(filters.programme), set(filters.objective)
    owner, status, funding = set(filters.owner), set(filters.status), set(filters.funding)
    progs = {g.id: g for g in ws.plan.programmes} if ws.plan else {}
    known = {o.id for o in ws.plan.objectives} if ws.plan else set()
    out = []
    for pid, p in ws.projects.items():
        if programme and (p.programme or NO_VALUE) not in programme:
            continue
        if owner and (p.owner or NO_VALUE) not in owner:
            continue
        if status and p.status not in status:
            continue
        if funding and (p.budget.funding if p.budget else NO_VALUE) not in funding:
            continue
        if objective and not objective.intersection(al.serves(p, progs, known)):
            continue
        out.append(pid)
    return out


def apply(ws: m.Workspace, filters: Filters) -> m.Workspace:
    """The workspace with only the projects that pass the filters (the same object when none filter)."""
    if not filters:
        return ws
    keep = matches(ws, filters)
    return dataclasses.replace(ws, projects=MappingProxyType({pid: ws.projects[pid] for pid in keep}))


def merge(filters: Filters, **changes: Iterable[str]) -> Filters:
    return dataclasses.replace(filters, **{k: tuple(v) for k, v in changes.items()})
