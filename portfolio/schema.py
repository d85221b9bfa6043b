"""What each workspace file may hold, declared once as data.

The type checker (`typecheck`), the JSON Schema for editors (`jsonschema`) and the
README's field tables all derive from these declarations, so they cannot drift.
Vocabularies come from `model`, the one place they are defined.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from . import model as m

ID_PATTERN = r"^[a-z][a-z0-9-]*$"
ID_HINT = "lowercase letters, digits and hyphens, starting with a letter"


@dataclass(frozen=True)
class Text:
    pattern: str | None = None
    hint: str | None = None
    numbers_ok: bool = False  # a key such as a scale level `1:` may be written unquoted


@dataclass(frozen=True)
class Date:
    pass


@dataclass(frozen=True)
class Number:
    minimum: float | None = None
    maximum: float | None = None
    integer: bool = False
    na_ok: bool = False  # "n/a" allowed, read as None
    text_ok: bool = False  # a KPI baseline may be "48 hours"


@dataclass(frozen=True)
class Boolean:
    pass


@dataclass(frozen=True)
class Enum:
    values: tuple[str, ...]


@dataclass(frozen=True)
class ListOf:
    item: object


@dataclass(frozen=True)
class MapOf:
    key: Text
    value: object


@dataclass(frozen=True)
class Field:
    name: str
    type: object
    required: bool = False
    doc: str = ""


@dataclass(frozen=True)
class Record:
    """A map with known fields; built into `cls` when given, else returned as a dict.

    `shorthand` names the field a bare scalar stands for (`depends_on: [b]` means
    `{project: b}`).
    """

    fields: tuple[Field, ...]
    cls: type | None = None
    shorthand: str | None = None
    by_name: dict = field(init=False, compare=False, repr=False)

    def __post_init__(self):
        object.__setattr__(self, "by_name", {f.name: f for f in self.fields})


ID = Text(ID_PATTERN, ID_HINT)
TEXT = Text()
ITEM_ID = Text()  # catalog item ids are free text ("7.1", "7.4.a"), but never an unquoted number
CURRENCY = Text(r"^[A-Z]{3}$", "a three-letter ISO 4217 code such as USD or EUR")
LEVEL = Number()

PERIOD = Record((
    Field("start", Date(), True, "first day of the plan"),
    Field("end", Date(), True, "last day of the plan"),
), m.Period)

KPI = Record((
    Field("name", TEXT, True),
    Field("baseline", Number(text_ok=True)),
    Field("target", Number(text_ok=True)),
    Field("unit", TEXT),
), m.Kpi)

OBJECTIVE = Record((
    Field("id", ID, True),
    Field("name", TEXT, True),
    Field("description", TEXT),
    Field("kpis", ListOf(KPI), doc="how progress on the objective is measured"),
), m.Objective)

PROGRAMME = Record((
    Field("id", ID, True),
    Field("name", TEXT, True),
    Field("objectives", ListOf(ID), doc="objective ids this programme serves"),
), m.Programme)

TARGET = Record((
    Field("model", ID, True, "maturity model id"),
    Field("dimension", ID, True, "dimension id within the model"),
    Field("level", LEVEL, True, "level on the model's scale"),
    Field("by", Date(), True, "date the level should be reached"),
), m.Target)

PLAN = Record((
    Field("administration", TEXT, True, "whose plan this is"),
    Field("name", TEXT, True, "title of the plan"),
    Field("period", PERIOD, True, "the plan's horizon"),
    Field("currency", CURRENCY, doc="currency of budgets that name none (default USD)"),
    Field("vision", TEXT),
    Field("objectives", ListOf(OBJECTIVE), doc="strategic objectives"),
    Field("programmes", ListOf(PROGRAMME), doc="groups of projects"),
    Field("targets", ListOf(TARGET), doc="maturity the plan aims for"),
    Field("exchange_rates", MapOf(CURRENCY, Number(minimum=0)),
          doc="units of the plan currency per unit of another currency"),
))

BUDGET = Record((
    Field("planned", Number(minimum=0), True, "planned cost"),
    Field("spent", Number(minimum=0), doc="spent so far"),
    Field("currency", CURRENCY, doc="defaults to the plan's currency"),
    Field("funding", Enum(m.FUNDINGS), True, "who pays"),
    Field("donor", TEXT, doc="the donor, when funding is donor or mixed"),
), m.Budget)

SUSTAINMENT = Record((
    Field("owner", TEXT, doc="who runs the system after go-live"),
    Field("annual_cost", Number(minimum=0), doc="yearly cost of running it"),
    Field("funded", Boolean(), True, "is that cost in a budget?"),
), m.Sustainment)

DEPENDENCY = Record((
    Field("project", ID, True, "the predecessor's id"),
    Field("lag", Number(integer=True), doc="days between the predecessor's end and this start; negative for a lead"),
), m.Dependency, shorthand="project")

DELIVERY = Record((
    Field("model", ID, True),
    Field("dimension", ID, True),
    Field("level", LEVEL, True),
), m.Delivery)

MILESTONE = Record((
    Field("id", ID),
    Field("name", TEXT, True),
    Field("date", Date(), True),
    Field("done", Boolean()),
), m.Milestone)

RISK = Record((
    Field("id", ID),
    Field("title", TEXT, True),
    Field("likelihood", Number(1, 5, integer=True), True, "1 (rare) to 5 (almost certain)"),
    Field("impact", Number(1, 5, integer=True), True, "1 (minor) to 5 (severe)"),
    Field("mitigation", TEXT),
    Field("owner", TEXT),
), m.Risk)

PROJECT = Record((
    Field("id", ID, doc="optional; must equal the file name"),
    Field("name", TEXT, True),
    Field("summary", TEXT),
    Field("programme", ID, doc="programme id from plan.yaml"),
    Field("objectives", ListOf(ID), doc="objective ids from plan.yaml"),
    Field("owner", TEXT),
    Field("sponsor", TEXT),
    Field("status", Enum(m.STATUSES), True),
    Field("health", Enum(m.HEALTHS)),
    Field("start", Date(), True, "planned start, inclusive"),
    Field("end", Date(), True, "planned end, inclusive"),
    Field("progress", Number(0, 100), doc="percent complete"),
    Field("method", Enum(m.METHODS), doc="delivery approach"),
    Field("budget", BUDGET),
    Field("sustainment", SUSTAINMENT, doc="who runs and pays for it after go-live"),
    Field("depends_on", ListOf(DEPENDENCY), doc="finish-to-start predecessors"),
    Field("guidelines", MapOf(ID, ListOf(ITEM_ID)), doc="catalog id -> item ids this project serves"),
    Field("delivers", ListOf(DELIVERY), doc="maturity reached when this project completes"),
    Field("milestones", ListOf(MILESTONE)),
    Field("risks", ListOf(RISK)),
))

ASSESSMENT = Record((
    Field("model", ID, True, "maturity model id"),
    Field("administration", TEXT, doc="who was assessed (default: the plan's administration)"),
    Field("date", Date(), True),
    Field("assessor", TEXT),
    Field("scores", MapOf(ID, Number(na_ok=True)), True, 'dimension id -> score on the scale, or "n/a"'),
    Field("evidence", MapOf(ID, TEXT), doc="dimension id -> why that score"),
))

CATALOG_ITEM = Record((
    Field("id", ITEM_ID, True),
    Field("title", TEXT, True),
    Field("parent", ITEM_ID),
    Field("description", TEXT),
    Field("type", TEXT, doc="e.g. Standard or Transitional Standard"),
), m.CatalogItem)

CATALOG = Record((
    Field("kind", Enum(("catalog",)), True),
    Field("id", ID, True),
    Field("name", TEXT, True),
    Field("source", TEXT, True, "the instrument this catalog follows"),
    Field("notes", TEXT),
    Field("items", ListOf(CATALOG_ITEM), True),
))

SCALE = Record((
    Field("min", Number(), True),
    Field("max", Number(), True),
    Field("labels", MapOf(Text(numbers_ok=True), TEXT), doc="level -> label"),
), m.Scale)

DIMENSION = Record((
    Field("id", ID, True),
    Field("name", TEXT, True),
    Field("description", TEXT),
), m.Dimension)

GROUP = Record((
    Field("id", ID, True),
    Field("name", TEXT, True),
    Field("dimensions", ListOf(DIMENSION), True),
), m.DimensionGroup)

BAND = Record((
    Field("id", ID, True),
    Field("name", TEXT, True),
    Field("min", Number(), True, "lowest score in the band"),
), m.Band)

MATURITY_MODEL = Record((
    Field("kind", Enum(("maturity-model",)), True),
    Field("id", ID, True),
    Field("name", TEXT, True),
    Field("source", TEXT, True),
    Field("notes", TEXT),
    Field("scale", SCALE, True),
    Field("groups", ListOf(GROUP), True),
    Field("bands", ListOf(BAND)),
))

#: file kind -> its top-level record; `guideline` files pick theirs by `kind:`.
FILE_KINDS: dict[str, Record] = {
    "plan": PLAN,
    "project": PROJECT,
    "assessment": ASSESSMENT,
    "catalog": CATALOG,
    "maturity-model": MATURITY_MODEL,
}
