"""A `baseline.Diff` as JSON, Markdown (for a pull request or a committee paper), a terminal
table, and the frames the app shows. Formatting only: every figure comes from the Diff.
"""
from __future__ import annotations

import re
from datetime import date

from .baseline import Change, Diff, ProjectRef

_MD = re.compile(r"([\\`*_{}\[\]<>#|~$!])")


def value(v: object) -> str:
    """A before/after value as text: ISO dates, grouped numbers, yes/no, lists joined."""
    if v is None:
        return "—"
    if isinstance(v, bool):
        return "yes" if v else "no"
    if isinstance(v, date):
        return v.isoformat()
    if isinstance(v, (int, float)):
        return f"{v:,.0f}" if float(v).is_integer() else f"{v:,.2f}"
    if isinstance(v, (tuple, list)):
        return ", ".join(str(x) for x in v) or "—"
    return str(v)


def delta(c: Change | object) -> str:
    """The change column: `+62 days`, `+100,000`, `gained tfa 7.1; lost tfa 10.3`, `added`, ..."""
    if isinstance(c, Change) and (c.added or c.removed):
        parts = ([f"added {', '.join(c.added)}"] if c.added else []) + \
                ([f"removed {', '.join(c.removed)}"] if c.removed else [])
        if c.field == "guidelines":
            parts = [p.replace("added", "gained", 1).replace("removed", "lost", 1) for p in parts]
        return "; ".join(parts)
    d = c.delta
    before = getattr(c, "before", None)
    after = getattr(c, "after", None)
    if d is None:
        kind = getattr(c, "kind", "changed")
        return "" if kind == "changed" else kind
    if d == 0:
        return ""
    if isinstance(before, date) or isinstance(after, date):
        return f"{d:+d} day{'' if abs(d) == 1 else 's'}"
    return f"{d:+,.0f}" if float(d).is_integer() else f"{d:+,.2f}"


def _ref_dict(p: ProjectRef) -> dict:
    return {"id": p.id, "name": p.name, "status": p.status, "start": p.start.isoformat(),
            "end": p.end.isoformat(), "budget": p.budget, "currency": p.currency}


def _json_value(v: object) -> object:
    if isinstance(v, date):
        return v.isoformat()
    if isinstance(v, tuple):
        return list(v)
    return v


def _change_dict(c: Change) -> dict:
    out = {"field": c.field, "kind": c.kind, "before": _json_value(c.before), "after": _json_value(c.after),
           "delta": c.delta}
    if c.added or c.removed:
        out.update(added=list(c.added), removed=list(c.removed))
    return out


def as_dict(d: Diff) -> dict:
    """Everything in the diff, JSON-ready (dates as ISO text, deltas in days or currency units)."""
    return {
        "before": d.before,
        "after": d.after,
        "totals": [{"name": t.name, "before": _json_value(t.before), "after": _json_value(t.after),
                    "delta": t.delta} for t in d.totals],
        "added": [_ref_dict(p) for p in d.added],
        "removed": [_ref_dict(p) for p in d.removed],
        "renamed": [{"before": r.before, "after": r.after, "name": r.name} for r in d.renamed],
        "changed": [{"id": p.id, "name": p.name, "changes": [_change_dict(c) for c in p.changes]}
                    for p in d.changed],
        "plan": [_change_dict(c) for c in d.plan],
        "coverage": [{"catalog": c.catalog, "leaves": list(c.leaves), "covered": list(c.covered),
                      "gained": list(c.gained), "lost": list(c.lost)} for c in d.coverage],
        "not_compared": [{"side": n.side, "path": n.path, "message": n.message} for n in d.not_compared],
    }


def _md(text: object) -> str:
    """Text from a YAML file as a literal table cell: Markdown and HTML characters escaped."""
    return _MD.sub(r"\\\1", str(text)).replace("\n", " ")


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    return ["| " + " | ".join(header) + " |", "|" + "---|" * len(header),
            *("| " + " | ".join(r) + " |" for r in rows), ""]


def _refs_md(title: str, refs: tuple[ProjectRef, ...]) -> list[str]:
    if not refs:
        return []
    return [f"### {title} ({len(refs)})", "", *_table(
        ["project", "name", "status", "start", "end", "budget"],
        [[f"`{p.id}`", _md(p.name), p.status, value(p.start), value(p.end),
          f"{value(p.budget)} {p.currency or ''}".strip() if p.budget is not None else "—"] for p in refs])]


def to_markdown(d: Diff) -> str:
    lines = [f"## Changes from {_md(d.before)} to {_md(d.after)}", ""]
    if d.empty:
        lines += ["No project or plan changes.", ""]
    lines += _table(["", "before", "after", "change"],
                    [[t.name, value(t.before), value(t.after), delta(t)] for t in d.totals])
    lines += _refs_md("Added projects", d.added) + _refs_md("Removed projects", d.removed)
    if d.renamed:
        lines += [f"### Renamed projects ({len(d.renamed)})", "", *_table(
            ["before", "after", "name"], [[f"`{r.before}`", f"`{r.after}`", _md(r.name)] for r in d.renamed])]
    if d.changed:
        lines += [f"### Changed projects ({len(d.changed)})", ""]
        for p in d.changed:
            lines += [f"#### `{p.id}` {_md(p.name)}", "", *_table(
                ["field", "before", "after", "change"],
                [[_md(c.field), _md(value(c.before)), _md(value(c.after)), _md(delta(c))] for c in p.changes])]
    if d.plan:
        lines += ["### Plan", "", *_table(["field", "before", "after", "change"],
                                          [[_md(c.field), _md(value(c.before)), _md(value(c.after)),
                                            _md(delta(c))] for c in d.plan])]
    if d.coverage:
        lines += ["### Guideline coverage", "", *_table(
            ["catalog", "covered before", "covered after", "gained", "lost"],
            [[c.catalog, f"{c.covered[0]} of {c.leaves[0]}", f"{c.covered[1]} of {c.leaves[1]}",
              _md(", ".join(c.gained)) or "—", _md(", ".join(c.lost)) or "—"] for c in d.coverage])]
    if d.not_compared:
        lines += ["### Not compared", "", "These files could not be loaded, so their projects are neither "
                  "added, removed nor compared:", ""]
        lines += [f"- {n.side} ({_md(d.before if n.side == 'before' else d.after)}): {_md(n.message)}"
                  for n in d.not_compared] + [""]
    return "\n".join(lines)


def _columns(rows: list[tuple[str, ...]], indent: str = "  ") -> list[str]:
    widths = [max(len(r[k]) for r in rows) for k in range(len(rows[0]) - 1)]
    return [(indent + " ".join(v.ljust(w) for v, w in zip(r, widths)) + " " + r[-1]).rstrip() for r in rows]


def to_text(d: Diff) -> str:
    """For a terminal: totals, then each section as aligned columns."""
    out = [f"Changes from {d.before} to {d.after}", ""]
    out += _columns([("", "before", "after", "change"),
                     *((t.name, value(t.before), value(t.after), delta(t)) for t in d.totals)])
    for title, refs in (("Added", d.added), ("Removed", d.removed)):
        if refs:
            out += ["", f"{title} ({len(refs)}):"]
            out += _columns([(p.id, p.status, f"{p.start}..{p.end}", p.name) for p in refs])
    if d.renamed:
        out += ["", f"Renamed ({len(d.renamed)}):"]
        out += [f"  {r.before} -> {r.after}  {r.name}" for r in d.renamed]
    if d.changed:
        out += ["", f"Changed ({len(d.changed)}):"]
        for p in d.changed:
            out += [f"  {p.id}  {p.name}"]
            out += _columns([(c.field, value(c.before), "->", value(c.after), delta(c)) for c in p.changes],
                            indent="    ")
    if d.plan:
        out += ["", "Plan:"]
        out += _columns([(c.field, value(c.before), "->", value(c.after), delta(c)) for c in d.plan])
    if d.coverage:
        out += ["", "Guideline coverage:"]
        out += _columns([(c.catalog, f"{c.covered[0]}/{c.leaves[0]} -> {c.covered[1]}/{c.leaves[1]}",
                          f"gained: {', '.join(c.gained) or '-'}", f"lost: {', '.join(c.lost) or '-'}")
                         for c in d.coverage])
    if d.not_compared:
        out += ["", "Not compared (could not be loaded):"]
        out += [f"  {n.side}: {n.message}" for n in d.not_compared]
    if d.empty:
        out += ["", "No project or plan changes."]
    return "\n".join(out) + "\n"


def changes_frame(d: Diff):
    """One row per change of every project: kind (added/removed/renamed/changed), project, name, field,
    before, after, change (text). For the app's table."""
    import pandas as pd

    rows = [("added", p.id, p.name, "", "—", f"{p.start}..{p.end}", "added") for p in d.added]
    rows += [("removed", p.id, p.name, "", f"{p.start}..{p.end}", "—", "removed") for p in d.removed]
    rows += [("renamed", r.after, r.name, "file name", r.before, r.after, "renamed") for r in d.renamed]
    rows += [("changed", p.id, p.name, c.field, value(c.before), value(c.after), delta(c))
             for p in d.changed for c in p.changes]
    return pd.DataFrame(rows, columns=["kind", "project", "name", "field", "before", "after", "change"])


def slips_frame(d: Diff):
    """Projects whose planned or forecast end moved: project, name, end before/after, slip days."""
    import pandas as pd

    rows = []
    for p in d.changed:
        end, fend = p.change("end"), p.change("forecast end")
        if end or fend:
            rows.append((p.id, p.name, end.delta if end else 0, fend.delta if fend else None))
    frame = pd.DataFrame(rows, columns=["project", "name", "planned end moved (days)", "forecast end moved (days)"])
    return frame.astype({"planned end moved (days)": "Int64", "forecast end moved (days)": "Int64"})


def totals_frame(d: Diff):
    import pandas as pd

    return pd.DataFrame([(t.name, value(t.before), value(t.after), delta(t)) for t in d.totals],
                        columns=["figure", "before", "after", "change"])


def refs_frame(refs: tuple[ProjectRef, ...]):
    """Added or removed projects: project, name, status, start, end, planned, currency."""
    import pandas as pd

    return pd.DataFrame([(p.id, p.name, p.status, p.start, p.end, p.budget, p.currency) for p in refs],
                        columns=["project", "name", "status", "start", "end", "planned", "currency"])


def plan_frame(d: Diff):
    import pandas as pd

    return pd.DataFrame([(c.field, value(c.before), value(c.after), delta(c)) for c in d.plan],
                        columns=["field", "before", "after", "change"])


def coverage_frame(d: Diff):
    import pandas as pd

    return pd.DataFrame([(c.catalog, f"{c.covered[0]} of {c.leaves[0]}", f"{c.covered[1]} of {c.leaves[1]}",
                          ", ".join(c.gained), ", ".join(c.lost)) for c in d.coverage],
                        columns=["catalog", "covered before", "covered after", "gained", "lost"])


def summary_text(changes: tuple[Change, ...]) -> str:
    """Changes in one line: `end 2026-09-30 → 2026-10-30 (+30 days); health green → amber`."""
    parts = []
    for c in changes:
        if c.added or c.removed:
            parts.append(f"{c.field}: {delta(c)}")
        elif c.kind in ("added", "dropped", "removed") and c.field.startswith("milestone"):
            parts.append(f"{c.field} {c.kind} ({value(c.after if c.kind == 'added' else c.before)})")
        else:
            change = delta(c)
            parts.append(f"{c.field} {value(c.before)} → {value(c.after)}"
                         + (f" ({change})" if change and change != c.kind else ""))
    return "; ".join(parts)


def history_frame(entries) -> "pd.DataFrame":  # noqa: F821
    """`revisions.project_history` as rows: date, author, commit, message, what changed."""
    import pandas as pd

    rows = []
    for e in entries:
        if e.error and e.error_side == "after":
            what = f"{'added' if e.kind == 'added' else 'changed'}; it cannot be loaded: {e.error}"
        elif e.error:
            what = f"made it load again (before this commit: {e.error})"
        elif e.kind == "changed":
            what = summary_text(e.changes)
        elif e.kind == "unchanged":
            what = "layout or comments only"
        else:
            what = f"file {e.kind}"
        rows.append((e.commit.date[:10], e.commit.author, e.commit.short, e.commit.subject, what))
    return pd.DataFrame(rows, columns=["date", "author", "commit", "message", "what changed"])
