"""The portfolio as typed, immutable values: what the analyses read.

Objects are built only from checked data (see `schema` and `workspace`), so code
that reads them never has to re-check a type. `path` fields are workspace-relative
and let analyses point back to the file a user should open.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal, Mapping

Status = Literal["proposed", "approved", "in-progress", "on-hold", "completed", "cancelled"]
Health = Literal["green", "amber", "red"]
Method = Literal["waterfall", "agile", "iterative", "hybrid"]
Funding = Literal["internal", "donor", "ppp", "mixed"]

STATUSES: tuple[str, ...] = ("proposed", "approved", "in-progress", "on-hold", "completed", "cancelled")
HEALTHS: tuple[str, ...] = ("green", "amber", "red")
METHODS: tuple[str, ...] = ("waterfall", "agile", "iterative", "hybrid")
FUNDINGS: tuple[str, ...] = ("internal", "donor", "ppp", "mixed")

@dataclass(frozen=True, slots=True)
class Period:
    start: date
    end: date


@dataclass(frozen=True, slots=True)
class Kpi:
    name: str
    baseline: float | None = None
    target: float | None = None
    unit: str | None = None


@dataclass(frozen=True, slots=True)
class Objective:
    id: str
    name: str
    description: str | None = None
    kpis: tuple[Kpi, ...] = ()


@dataclass(frozen=True, slots=True)
class Programme:
    id: str
    name: str
    objectives: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Target:
    """A maturity level the plan aims to reach on one dimension by a date."""

    model: str
    dimension: str
    level: float
    by: date


@dataclass(frozen=True, slots=True)
class Plan:
    administration: str
    name: str
    period: Period
    currency: str = "USD"
    vision: str | None = None
    objectives: tuple[Objective, ...] = ()
    programmes: tuple[Programme, ...] = ()
    targets: tuple[Target, ...] = ()
    exchange_rates: Mapping[str, float] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Budget:
    planned: float
    funding: Funding
    spent: float | None = None
    currency: str | None = None
    donor: str | None = None


@dataclass(frozen=True, slots=True)
class Sustainment:
    """Who runs and pays for a system after go-live: the gap reviews keep finding."""

    funded: bool
    owner: str | None = None
    annual_cost: float | None = None


@dataclass(frozen=True, slots=True)
class Dependency:
    """Finish-to-start: the dependent starts the day after `project` ends, plus `lag` days."""

    project: str
    lag: int = 0


@dataclass(frozen=True, slots=True)
class Delivery:
    model: str
    dimension: str
    level: float


@dataclass(frozen=True, slots=True)
class Milestone:
    name: str
    date: date
    id: str | None = None
    done: bool = False


@dataclass(frozen=True, slots=True)
class Risk:
    title: str
    likelihood: int
    impact: int
    id: str | None = None
    mitigation: str | None = None
    owner: str | None = None

    @property
    def score(self) -> int:
        return self.likelihood * self.impact


@dataclass(frozen=True, slots=True)
class Project:
    id: str
    path: str
    name: str
    status: Status
    start: date
    end: date
    summary: str | None = None
    programme: str | None = None
    objectives: tuple[str, ...] = ()
    owner: str | None = None
    sponsor: str | None = None
    health: Health | None = None
    progress: float | None = None
    method: Method | None = None
    budget: Budget | None = None
    sustainment: Sustainment | None = None
    depends_on: tuple[Dependency, ...] = ()
    guidelines: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    delivers: tuple[Delivery, ...] = ()
    milestones: tuple[Milestone, ...] = ()
    risks: tuple[Risk, ...] = ()

    @property
    def duration_days(self) -> int:
        """Both planned dates are inclusive."""
        return (self.end - self.start).days + 1


@dataclass(frozen=True, slots=True)
class Assessment:
    path: str
    model: str
    date: date
    scores: Mapping[str, float | None]  # None = "n/a"; a dimension not listed was not assessed
    administration: str | None = None
    assessor: str | None = None
    evidence: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class CatalogItem:
    id: str
    title: str
    parent: str | None = None
    description: str | None = None
    type: str | None = None


@dataclass(frozen=True, slots=True)
class Catalog:
    id: str
    name: str
    source: str
    items: tuple[CatalogItem, ...]
    path: str = ""
    notes: str | None = None
    builtin: bool = False

    def children(self, item_id: str) -> tuple[str, ...]:
        return tuple(i.id for i in self.items if i.parent == item_id)


@dataclass(frozen=True, slots=True)
class Dimension:
    id: str
    name: str
    description: str | None = None


@dataclass(frozen=True, slots=True)
class DimensionGroup:
    id: str
    name: str
    dimensions: tuple[Dimension, ...]


@dataclass(frozen=True, slots=True)
class Scale:
    min: float
    max: float
    labels: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Band:
    id: str
    name: str
    min: float


@dataclass(frozen=True, slots=True)
class MaturityModel:
    id: str
    name: str
    source: str
    scale: Scale
    groups: tuple[DimensionGroup, ...]
    bands: tuple[Band, ...] = ()
    path: str = ""
    notes: str | None = None
    builtin: bool = False

    def dimension_ids(self) -> tuple[str, ...]:
        return tuple(d.id for g in self.groups for d in g.dimensions)


@dataclass(frozen=True)
class Workspace:
    """A loaded workspace: every valid object, plus every problem found on the way.

    A file with errors in required fields is left out of the model and listed in
    `unloaded`, so nothing disappears without a trace.
    """

    root: str
    plan: Plan | None
    projects: Mapping[str, Project]
    assessments: tuple[Assessment, ...]
    catalogs: Mapping[str, Catalog]
    models: Mapping[str, MaturityModel]
    issues: tuple = ()
    unloaded: tuple[str, ...] = ()
    files: int = 0  # read from the workspace folder; built-in guidelines not counted

    @property
    def errors(self) -> tuple:
        return tuple(i for i in self.issues if i.severity == "error")

    @property
    def warnings(self) -> tuple:
        return tuple(i for i in self.issues if i.severity == "warning")
