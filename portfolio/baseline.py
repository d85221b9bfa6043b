"""What changed between two states of a workspace: a baseline (an approved past plan) and now.

Pure: it compares two loaded `Workspace` values and reads no file, so it is tested
without git (`portfolio.revisions` loads a past state from git).

Definitions, so the CLI, the app and the tests mean the same thing:

* **Added / removed**: a project id loaded on one side only. A project whose file
  could not be loaded on a side is neither: it is listed in `not_compared` with the
  loader's message, because "added" or "dropped" would be a guess.
* **Renamed**: a removed and an added project whose loaded content is the same
  (everything but the id, i.e. the file name; an `id:` line does not count). Git's
  rename detection is not used: the model, not the text, decides.
* **Changed**: per project, each field that differs (`Change`), in a fixed order.
  Dates carry `delta` in days (`end`'s delta is the slip of the plan), money the
  difference in the budget's currency (none when the currency changed), progress
  points. The forecast (`portfolio.schedule`) of each side is compared too.
  Sets (objectives, dependencies, guideline items, deliveries) give `added` and
  `removed` items: guideline items gained or lost are coverage a project gained or
  lost. Milestones are matched by id, else by name: moved, added, dropped, done.
* **Plan**: plan fields, objectives and their KPI targets, programmes, maturity targets.
* **Coverage**: per catalog that some project names on either side, the items that
  became covered or uncovered (`portfolio.coverage`'s states).
* **Totals**: portfolio figures before and after (`portfolio.overview`, the forecast finish).
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Callable, Iterable

from . import model as m
from .overview import summary
from .schedule import Schedule, schedule


@dataclass(frozen=True, slots=True)
class Change:
    """One field that differs. `kind`: changed, added, removed, moved, dropped, done or reopened."""

    field: str
    before: object = None
    after: object = None
    delta: int | float | None = None
    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    kind: str = "changed"


@dataclass(frozen=True, slots=True)
class ProjectRef:
    id: str
    name: str
    status: str
    start: date
    end: date
    budget: float | None
    currency: str | None


@dataclass(frozen=True, slots=True)
class Rename:
    before: str
    after: str
    name: str


@dataclass(frozen=True, slots=True)
class ProjectDiff:
    id: str
    name: str
    changes: tuple[Change, ...]

    def change(self, field: str) -> Change | None:
        return next((c for c in self.changes if c.field == field), None)

    @property
    def slip_days(self) -> int | None:
        """Days the planned end moved (positive = later), None when it did not."""
        c = self.change("end")
        return c.delta if c else None


@dataclass(frozen=True, slots=True)
class CoverageChange:
    catalog: str
    leaves: tuple[int, int]  # items without children, before and after
    covered: tuple[int, int]
    gained: tuple[str, ...]  # items covered now and not before
    lost: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Total:
    name: str
    before: object
    after: object
    delta: int | float | None


@dataclass(frozen=True, slots=True)
class NotCompared:
    side: str  # "before" or "after"
    path: str
    message: str


@dataclass(frozen=True)
class Diff:
    before: str  # labels, e.g. "v1.0 (3f2a…)" and "working tree"
    after: str
    added: tuple[ProjectRef, ...] = ()
    removed: tuple[ProjectRef, ...] = ()
    renamed: tuple[Rename, ...] = ()
    changed: tuple[ProjectDiff, ...] = ()
    plan: tuple[Change, ...] = ()
    coverage: tuple[CoverageChange, ...] = ()
    totals: tuple[Total, ...] = ()
    not_compared: tuple[NotCompared, ...] = ()

    @property
    def empty(self) -> bool:
        """Nothing added, removed, renamed or changed (totals always exist)."""
        return not (self.added or self.removed or self.renamed or self.changed or self.plan or self.coverage)

    def project(self, pid: str) -> ProjectDiff | None:
        return next((p for p in self.changed if p.id == pid), None)


def _days(a: date | None, b: date | None) -> int | None:
    return (b - a).days if isinstance(a, date) and isinstance(b, date) else None


def _number(a, b) -> float | int | None:
    if isinstance(a, (int, float)) and isinstance(b, (int, float)) and not isinstance(a, bool):
        return b - a
    return None


def _scalar(field: str, a, b, delta: Callable = _number) -> list[Change]:
    if a == b:
        return []
    kind = "added" if a is None else "removed" if b is None else "changed"
    return [Change(field, a, b, delta(a, b), kind=kind)]


def _set(field: str, a: Iterable[str], b: Iterable[str]) -> list[Change]:
    a, b = tuple(dict.fromkeys(a)), tuple(dict.fromkeys(b))
    if set(a) == set(b):
        return []
    return [Change(field, a, b, added=tuple(x for x in b if x not in a), removed=tuple(x for x in a if x not in b))]


def _deps(p: m.Project) -> list[str]:
    return [d.project if not d.lag else f"{d.project} (lag {d.lag})" for d in p.depends_on]


def _items(p: m.Project) -> list[str]:
    return [f"{cat} {item}" for cat, items in p.guidelines.items() for item in items]


def _milestones(a: tuple[m.Milestone, ...], b: tuple[m.Milestone, ...]) -> list[Change]:
    def keyed(ms):
        out: dict[str, m.Milestone] = {}
        for x in ms:
            out.setdefault(x.id or x.name, x)
        return out

    before, after = keyed(a), keyed(b)
    changes: list[Change] = []
    for key in [*before, *(k for k in after if k not in before)]:
        x, y = before.get(key), after.get(key)
        field = f"milestone {key}"
        if y is None:
            changes.append(Change(field, x.date, None, kind="dropped"))
        elif x is None:
            changes.append(Change(field, None, y.date, kind="added"))
        else:
            if x.date != y.date:
                changes.append(Change(field, x.date, y.date, _days(x.date, y.date), kind="moved"))
            if x.name != y.name:
                changes.append(Change(f"{field} name", x.name, y.name))
            if x.done != y.done:
                changes.append(Change(f"{field} done", x.done, y.done, kind="done" if y.done else "reopened"))
    return changes


def project_changes(a: m.Project, b: m.Project, fa=None, fb=None) -> tuple[Change, ...]:
    """Every difference between two versions of one project, in a fixed order.

    `fa`/`fb` are the two sides' `ProjectSchedule`s (or None to leave the forecast out).
    """
    ba, bb = a.budget, b.budget
    same_currency = (ba.currency if ba else None) == (bb.currency if bb else None)
    money = _number if same_currency else (lambda x, y: None)
    out = [
        *_scalar("name", a.name, b.name),
        *_scalar("programme", a.programme, b.programme),
        *_set("objectives", a.objectives, b.objectives),
        *_scalar("owner", a.owner, b.owner),
        *_scalar("status", a.status, b.status),
        *_scalar("health", a.health, b.health),
        *_scalar("progress", a.progress, b.progress),
        *_scalar("start", a.start, b.start, _days),
        *_scalar("end", a.end, b.end, _days),
    ]
    if fa is not None or fb is not None:
        out += _scalar("forecast start", fa.forecast_start if fa else None, fb.forecast_start if fb else None, _days)
        out += _scalar("forecast end", fa.forecast_end if fa else None, fb.forecast_end if fb else None, _days)
    out += [
        *_scalar("budget planned", ba.planned if ba else None, bb.planned if bb else None, money),
        *_scalar("budget spent", ba.spent if ba else None, bb.spent if bb else None, money),
        *_scalar("budget currency", ba.currency if ba else None, bb.currency if bb else None),
        *_scalar("funding", ba.funding if ba else None, bb.funding if bb else None),
        *_scalar("sustainment funded", a.sustainment.funded if a.sustainment else None,
                 b.sustainment.funded if b.sustainment else None),
        *_set("depends on", _deps(a), _deps(b)),
        *_set("guidelines", _items(a), _items(b)),
        *_set("delivers", [f"{d.model}/{d.dimension} {d.level:g}" for d in a.delivers],
              [f"{d.model}/{d.dimension} {d.level:g}" for d in b.delivers]),
        *_milestones(a.milestones, b.milestones),
    ]
    return tuple(out)


def _ref(p: m.Project) -> ProjectRef:
    return ProjectRef(p.id, p.name, p.status, p.start, p.end, p.budget.planned if p.budget else None,
                      p.budget.currency if p.budget else None)


def _same_content(a: m.Project, b: m.Project) -> bool:
    return replace(a, id="", path="") == replace(b, id="", path="")


def _plan_changes(a: m.Plan | None, b: m.Plan | None) -> list[Change]:
    if a is None or b is None:
        return [] if a is b else [Change("plan", "loaded" if a else None, "loaded" if b else None,
                                         kind="added" if a is None else "removed")]
    out = [
        *_scalar("administration", a.administration, b.administration),
        *_scalar("name", a.name, b.name),
        *_scalar("period start", a.period.start, b.period.start, _days),
        *_scalar("period end", a.period.end, b.period.end, _days),
        *_scalar("currency", a.currency, b.currency),
        *_scalar("vision", a.vision, b.vision, lambda x, y: None),
    ]
    for cur in dict.fromkeys([*a.exchange_rates, *b.exchange_rates]):
        out += _scalar(f"exchange rate {cur}", a.exchange_rates.get(cur), b.exchange_rates.get(cur))
    oa, ob = {o.id: o for o in a.objectives}, {o.id: o for o in b.objectives}
    for oid in [*oa, *(k for k in ob if k not in oa)]:
        x, y = oa.get(oid), ob.get(oid)
        if x is None or y is None:
            out.append(Change(f"objective {oid}", x and x.name, y and y.name, kind="removed" if y is None else "added"))
            continue
        out += _scalar(f"objective {oid} name", x.name, y.name)
        ka, kb = {k.name: k for k in x.kpis}, {k.name: k for k in y.kpis}
        for name in [*ka, *(k for k in kb if k not in ka)]:
            u, v = ka.get(name), kb.get(name)
            if u is None or v is None:
                out.append(Change(f"objective {oid} KPI {name}", u and u.target, v and v.target,
                                  kind="removed" if v is None else "added"))
            else:
                out += _scalar(f"objective {oid} KPI {name} target", u.target, v.target)
                out += _scalar(f"objective {oid} KPI {name} baseline", u.baseline, v.baseline)
    pa, pb = {p.id: p for p in a.programmes}, {p.id: p for p in b.programmes}
    for pid in [*pa, *(k for k in pb if k not in pa)]:
        x, y = pa.get(pid), pb.get(pid)
        if x is None or y is None:
            out.append(Change(f"programme {pid}", x and x.name, y and y.name, kind="removed" if y is None else "added"))
        else:
            out += _scalar(f"programme {pid} name", x.name, y.name)
            out += _set(f"programme {pid} objectives", x.objectives, y.objectives)
    out += _targets(a.targets, b.targets)
    return out


def _targets(a: tuple[m.Target, ...], b: tuple[m.Target, ...]) -> list[Change]:
    def keyed(ts):
        out: dict[str, list[m.Target]] = {}
        for t in ts:
            out.setdefault(f"{t.model}/{t.dimension}", []).append(t)
        return out

    ta, tb = keyed(a), keyed(b)
    out: list[Change] = []
    for key in [*ta, *(k for k in tb if k not in ta)]:
        x, y = ta.get(key, []), tb.get(key, [])
        field = f"target {key}"
        if len(x) == 1 and len(y) == 1:
            out += _scalar(f"{field} level", x[0].level, y[0].level)
            out += _scalar(f"{field} by", x[0].by, y[0].by, _days)
        else:  # none, or several targets on one dimension: compare them as a set
            out += [Change(field, None, f"{t.level:g} by {t.by}", kind="added")
                    for t in y if t not in x]
            out += [Change(field, f"{t.level:g} by {t.by}", None, kind="removed")
                    for t in x if t not in y]
    return out


def _coverage(a: m.Workspace, b: m.Workspace) -> list[CoverageChange]:
    from .coverage import coverage

    named = {c for ws in (a, b) for p in ws.projects.values() for c in p.guidelines}
    out = []
    for cat in sorted(named):
        if cat not in a.catalogs or cat not in b.catalogs:
            continue
        ca, cb = coverage(a, cat), coverage(b, cat)
        before = {i.id for i in ca.leaves if i.state != "uncovered"}
        after = {i.id for i in cb.leaves if i.state != "uncovered"}
        order = [i.id for i in cb.leaves] + [i.id for i in ca.leaves]
        gained = tuple(dict.fromkeys(i for i in order if i in after - before))
        lost = tuple(dict.fromkeys(i for i in order if i in before - after))
        if gained or lost or len(ca.leaves) != len(cb.leaves):
            out.append(CoverageChange(cat, (len(ca.leaves), len(cb.leaves)), (ca.covered, cb.covered), gained, lost))
    return out


def _totals(a: m.Workspace, b: m.Workspace, sa: Schedule, sb: Schedule) -> list[Total]:
    xa, xb = summary(a), summary(b)
    cur_a, cur_b = xa.totals.currency, xb.totals.currency

    def money(label: str, x: float, y: float) -> Total:
        if cur_a == cur_b:
            return Total(f"{label} ({cur_a})", x, y, y - x)
        return Total(f"{label} ({cur_a} / {cur_b})", x, y, None)

    rows = [
        Total("projects", xa.projects, xb.projects, xb.projects - xa.projects),
        *(Total(s, xa.by_status.get(s, 0), xb.by_status.get(s, 0), xb.by_status.get(s, 0) - xa.by_status.get(s, 0))
          for s in ("in-progress", "completed", "cancelled")),
        *(Total(f"health {h}", xa.by_health.get(h, 0), xb.by_health.get(h, 0),
                xb.by_health.get(h, 0) - xa.by_health.get(h, 0)) for h in ("red", "amber")),
        money("planned budget", xa.totals.planned, xb.totals.planned),
        money("spent", xa.totals.spent, xb.totals.spent),
        money("donor-funded", xa.totals.donor_planned, xb.totals.donor_planned),
        Total("no funded sustainment", len(xa.sustainment_gaps), len(xb.sustainment_gaps),
              len(xb.sustainment_gaps) - len(xa.sustainment_gaps)),
        Total("forecast finish", sa.finish, sb.finish, _days(sa.finish, sb.finish)),
    ]
    return rows


def _unloaded(ws: m.Workspace, side: str) -> list[NotCompared]:
    out = []
    for path in ws.unloaded:
        if path.startswith("<builtin>"):
            continue
        first = next((i for i in ws.errors if i.path == path), None)
        where = f"{path}:{first.line}:{first.column}: " if first and first.line else f"{path}: "
        out.append(NotCompared(side, path, where + (first.message if first else "could not be loaded")))
    return out


def _broken_ids(ws: m.Workspace) -> set[str]:
    return {p.removeprefix("projects/").removesuffix(".yaml") for p in ws.unloaded if p.startswith("projects/")}


def diff(before: m.Workspace, after: m.Workspace, before_label: str = "before",
         after_label: str = "after") -> Diff:
    """Everything that changed from `before` (a baseline) to `after`."""
    sa, sb = schedule(before), schedule(after)
    broken = _broken_ids(before) | _broken_ids(after)
    old = [pid for pid in before.projects if pid not in after.projects and pid not in broken]
    new = [pid for pid in after.projects if pid not in before.projects and pid not in broken]
    renamed: list[Rename] = []
    for pid in sorted(old):
        match = next((q for q in sorted(new) if _same_content(before.projects[pid], after.projects[q])), None)
        if match is not None:
            renamed.append(Rename(pid, match, after.projects[match].name))
            new.remove(match)
    gone = {r.before for r in renamed}
    changed = []
    for pid in sorted(set(before.projects) & set(after.projects)):
        a, b = before.projects[pid], after.projects[pid]
        changes = project_changes(a, b, sa.projects.get(pid), sb.projects.get(pid))
        if changes:
            changed.append(ProjectDiff(pid, b.name, changes))
    broken_plan = "plan.yaml" in before.unloaded or "plan.yaml" in after.unloaded
    return Diff(
        before=before_label, after=after_label,
        added=tuple(_ref(after.projects[pid]) for pid in sorted(new)),
        removed=tuple(_ref(before.projects[pid]) for pid in sorted(old) if pid not in gone),
        renamed=tuple(renamed),
        changed=tuple(changed),
        plan=() if broken_plan else tuple(_plan_changes(before.plan, after.plan)),
        coverage=tuple(_coverage(before, after)),
        totals=tuple(_totals(before, after, sa, sb)),
        not_compared=tuple(_unloaded(before, "before") + _unloaded(after, "after")),
    )

