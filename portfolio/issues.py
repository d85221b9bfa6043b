"""Problems found in a workspace: one small value per problem, yielded and never raised.

Every check reports through `Issue`, so the CLI, the app and the tests all see the
same thing. `CODES` is the single table of what each code means and how severe it
is; the README's table of checks is kept honest against it by a test.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]

#: code -> (severity, what it means). Order is the order the README documents them.
CODES: dict[str, tuple[Severity, str]] = {
    "syntax": ("error", "the file is not valid YAML"),
    "encoding": ("error", "the file is not UTF-8 text"),
    "too-large": ("error", "the file is larger than the size limit and was not read"),
    "alias-bomb": ("error", "anchors and aliases expand to too many values (a 'billion laughs' file)"),
    "too-deep": ("error", "values are nested deeper than any workspace file needs"),
    "empty": ("error", "the file holds no data"),
    "not-a-map": ("error", "the file's top level is not a map of fields"),
    "duplicate-key": ("error", "the same key appears twice in one map (YAML would keep only the last)"),
    "missing": ("error", "a required field is missing"),
    "type": ("error", "a value has the wrong type"),
    "quote": ("error", "YAML reads an unquoted value as a number, boolean or null where text is expected"),
    "enum": ("error", "a value is not one of the allowed words"),
    "range": ("error", "a number is outside its allowed range"),
    "pattern": ("error", "a text does not have the required form (ids, currency codes)"),
    "date": ("error", "a date is not a real ISO calendar date, or is a timestamp"),
    "date-order": ("error", "an end date is before its start date"),
    "id-mismatch": ("error", "an `id:` inside a project file differs from the file name"),
    "file-name": ("error", "a project file's name is not a valid project id"),
    "duplicate-id": ("error", "the same id is used twice where ids must be unique"),
    "unknown-ref": ("error", "a reference names an objective, programme, project, catalog, item, model or dimension that does not exist"),
    "parent-item": ("error", "a project names a catalog item that has children; name the children"),
    "self-dependency": ("error", "a project depends on itself"),
    "duplicate-dependency": ("error", "the same project is listed twice in one `depends_on`"),
    "cycle": ("error", "projects depend on each other in a circle"),
    "missing-plan": ("error", "the workspace has no plan.yaml"),
    "unknown-field": ("warning", "a field the format does not define (probably a typo)"),
    "outside-period": ("warning", "a date lies outside the plan's period"),
    "outside-project": ("warning", "a milestone lies outside its project's start and end"),
    "currency": ("warning", "a budget's currency has no exchange rate in plan.yaml, so it is never added to plan totals"),
    "overspent": ("warning", "spent is more than planned"),
    "inconsistent": ("warning", "fields contradict each other (e.g. completed at 40% progress)"),
    "ignored-file": ("warning", "a file in the workspace is not read (wrong extension or place)"),
}


@dataclass(frozen=True, slots=True)
class Issue:
    """One problem at one place. `line` and `column` are 1-based; 0 means the whole file."""

    path: str
    line: int
    column: int
    code: str
    message: str

    @property
    def severity(self) -> Severity:
        return CODES[self.code][0]

    def format(self) -> str:
        """`path:line:col: severity: message [code]`, the form editors and CI annotate."""
        return f"{self.path}:{self.line}:{self.column}: {self.severity}: {self.message} [{self.code}]"

    def as_dict(self) -> dict:
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "severity": self.severity,
            "code": self.code,
            "message": self.message,
        }


def sort_key(issue: Issue) -> tuple:
    return (issue.path, issue.line, issue.column, issue.code, issue.message)
