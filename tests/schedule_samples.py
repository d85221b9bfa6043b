"""Workspaces built in memory for schedule tests: the model, without YAML in the way.

`proj("b", "2026-04-01", "2026-04-30", deps=["a", ("c", 10)])` reads like the file it
stands for; `workspace(...)` wraps projects (and an optional plan) into a Workspace.
"""
from __future__ import annotations

from datetime import date
from types import MappingProxyType

from portfolio import model as m


def d(text: str) -> date:
    return date.fromisoformat(text)


def proj(pid: str, start: str, end: str, status: str = "approved", deps=(), milestones=(), **kw) -> m.Project:
    """deps: ids, or (id, lag) pairs; milestones: (name, date) or (name, date, done) tuples."""
    depends = tuple(m.Dependency(x) if isinstance(x, str) else m.Dependency(*x) for x in deps)
    ms = tuple(m.Milestone(name=x[0], date=d(x[1]), id=f"m{i + 1}", done=bool(x[2]) if len(x) > 2 else False)
               for i, x in enumerate(milestones))
    return m.Project(id=pid, path=f"projects/{pid}.yaml", name=kw.pop("name", pid.replace("-", " ").title()),
                     status=status, start=d(start), end=d(end), depends_on=depends, milestones=ms, **kw)


def plan(**kw) -> m.Plan:
    kw.setdefault("period", m.Period(d("2026-01-01"), d("2028-12-31")))
    return m.Plan(administration="Customs Service of Testland", name="Test plan", **kw)


def workspace(*projects: m.Project, plan: m.Plan | None = None, assessments=()) -> m.Workspace:
    return m.Workspace(root=".", plan=plan, projects=MappingProxyType({p.id: p for p in projects}),
                       assessments=tuple(assessments), catalogs=MappingProxyType({}), models=MappingProxyType({}))
