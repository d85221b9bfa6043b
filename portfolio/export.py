"""The schedule as files other tools read: a Mermaid `gantt` and an iCalendar (.ics) file.

Mermaid: GitHub renders a ```mermaid block in any Markdown file of the planners'
repository. Names come from YAML and may hold characters Mermaid's gantt grammar
treats as syntax (`:` ends a task's text, `#x;` is an entity, `%%` a comment, and a
line starting with `section`, `title`, `excludes`... is a statement), so they are
written as Mermaid entity codes (`#58;` for `:`), which render as the character.
Durations are given in days (`90d`), which is exactly the inclusive length of the
project; dates are the forecast unless the planned dates are asked for.

iCalendar (RFC 5545): milestones and project ends as all-day events that Outlook
and Google Calendar import. UIDs are stable (`<project>.end...`), so importing a
newer export updates events instead of duplicating them.
"""
from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone

from . import model as m
from .schedule import Schedule

# Statements of the gantt grammar that a task's text must not start with (case-insensitive).
_KEYWORDS = re.compile(r"^(?:gantt\b|dateformat\s|inclusiveenddates\b|topaxis\b|axisformat\s|tickinterval\s|"
                       r"includes\s|excludes\s|todaymarker\s|weekday\s|weekend\s|title\s|accdescription\s|"
                       r"acctitle\s*:|accdescr\b|section\s|click\s|call\s|href\s|\d{4}-\d\d-\d\d)", re.I)
_SPECIAL = re.compile(r"[:#;%&<>\"]")
NO_PROGRAMME = "(no programme)"
#: GitHub (like Mermaid by default) refuses diagrams longer than this.
MERMAID_MAX_TEXT = 50_000


def mermaid_text(text: object) -> str:
    """Free text made safe for a gantt line: one line, special characters as `#NN;` entity codes."""
    s = " ".join(str(text).split())
    s = _SPECIAL.sub(lambda c: f"#{ord(c.group())};", s)
    if _KEYWORDS.match(s):
        s = f"#{ord(s[0])};{s[1:]}"
    return s or "(unnamed)"


def _mermaid_id(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]", "-", text)


def mermaid_gantt(ws: m.Workspace, sched: Schedule, *, planned: bool = False,
                  programmes: tuple[str, ...] = (), title: str | None = None) -> str:
    """A Mermaid gantt of every scheduled project, one section per programme, milestones included.

    Tags: `crit` for the critical path, `done` for completed work, `active` for
    projects in progress. `programmes` limits it to those programme ids.
    """
    names = {p.id: p.name for p in ws.plan.programmes} if ws.plan else {}
    if title is None:
        title = f"{ws.plan.name} ({'planned' if planned else 'forecast'})" if ws.plan else "Portfolio"
    by_section: dict[str, list[str]] = {}
    milestones: dict[str, list] = {}
    for ms in sched.milestones:
        milestones.setdefault(ms.project, []).append(ms)
    for pid, s in sorted(sched.projects.items(), key=lambda kv: (kv[1].forecast_start or kv[1].planned_start, kv[0])):
        p = ws.projects[pid]
        if s.forecast_start is None or (programmes and p.programme not in programmes):
            continue
        start, end = (s.planned_start, s.planned_end) if planned else (s.forecast_start, s.forecast_end)
        tags = [t for t, on in (("crit", s.critical), ("done", p.status == "completed"),
                                ("active", p.status == "in-progress")) if on]
        lines = by_section.setdefault(names.get(p.programme, p.programme) or NO_PROGRAMME, [])
        lines.append(f"    {mermaid_text(p.name)} :{', '.join([*tags, pid])}, {start.isoformat()}, "
                     f"{(end - start).days + 1}d")
        for ms in milestones.get(pid, ()):
            when = ms.planned if planned else ms.forecast
            ms_tags = ["milestone", *(["crit"] if s.critical else []), *(["done"] if ms.done else [])]
            ms_id = _mermaid_id(f"{pid}__{ms.id if ms.id else ms.index + 1}")
            lines.append(f"    {mermaid_text(ms.name)} :{', '.join([*ms_tags, ms_id])}, {when.isoformat()}, 0d")
    out = ["gantt", f"    title {mermaid_text(title)}", "    dateFormat YYYY-MM-DD", "    axisFormat %Y-%m"]
    for section in sorted(by_section):
        out.append(f"    section {mermaid_text(section)}")
        out.extend(by_section[section])
    return "\n".join(out) + "\n"


def markdown(diagram: str, heading: str | None = None) -> str:
    """The diagram in a ```mermaid block, which GitHub renders in any Markdown file."""
    head = f"# {heading}\n\n" if heading else ""
    return f"{head}```mermaid\n{diagram}```\n"


# --- iCalendar -------------------------------------------------------------------------------

def ics_text(text: object) -> str:
    """An RFC 5545 TEXT value: backslash, semicolon, comma and newline escaped."""
    s = str(text).replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return s.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")


def _fold(line: str) -> str:
    """Lines longer than 75 octets folded with CRLF + space, never inside a UTF-8 character."""
    out, current, size = [], [], 0
    for ch in line:
        n = len(ch.encode("utf-8"))
        if size + n > 75:
            out.append("".join(current))
            current, size = [" "], 1
        current.append(ch)
        size += n
    out.append("".join(current))
    return "\r\n".join(out)


def _day(d: date) -> str:
    return d.strftime("%Y%m%d")


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "portfolio"


def ics_calendar(ws: m.Workspace, sched: Schedule, *, stamp: datetime | None = None) -> str:
    """Milestones and project ends (forecast dates) as all-day VEVENTs of one VCALENDAR.

    `stamp` is the DTSTAMP of every event (now, in UTC, by default).
    """
    stamp = (stamp or datetime.now(timezone.utc)).astimezone(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    domain = _slug(ws.plan.administration if ws.plan else "portfolio")
    name = ws.plan.name if ws.plan else "ICT portfolio"
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//customs-ict-portfolio//schedule export//EN",
             "CALSCALE:GREGORIAN", "METHOD:PUBLISH", f"X-WR-CALNAME:{ics_text(name)}"]

    def event(uid: str, day: date, summary: str, description: str, category: str) -> None:
        lines.extend(["BEGIN:VEVENT", f"UID:{uid}@{domain}.customs-ict-portfolio", f"DTSTAMP:{stamp}",
                      f"DTSTART;VALUE=DATE:{_day(day)}", f"DTEND;VALUE=DATE:{_day(day + timedelta(days=1))}",
                      f"SUMMARY:{ics_text(summary)}", f"DESCRIPTION:{ics_text(description)}",
                      f"CATEGORIES:{category}", "TRANSP:TRANSPARENT", "END:VEVENT"])

    for pid, s in sched.projects.items():
        if s.forecast_end is None:
            continue
        p = ws.projects[pid]
        slip = f"; slip {s.slip_days} days" if s.slip_days else ""
        event(f"{pid}.end", s.forecast_end, f"{p.name}: end",
              f"Project {pid} ({p.status}). Forecast end {s.forecast_end}, planned end {s.planned_end}{slip}."
              + (" On the critical path." if s.critical else ""), "PROJECT-END")
    for ms in sched.milestones:
        p = ws.projects[ms.project]
        moved = f"; moved {ms.moved_days} days by its project's dependencies" if ms.moved_days else ""
        event(f"{ms.project}.milestone.{ms.id or ms.index + 1}", ms.forecast,
              f"{p.name}: {ms.name}" + (" (done)" if ms.done else ""),
              f"Milestone of project {ms.project}. Forecast {ms.forecast}, planned {ms.planned}{moved}.", "MILESTONE")
    lines.append("END:VCALENDAR")
    return "".join(_fold(line) + "\r\n" for line in lines)
