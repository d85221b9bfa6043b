"""Exports checked by real parsers: Mermaid's own (tests/js, through node) and the `icalendar` package.

The Mermaid parser is the npm package of tests/package.json, which `./dev setup` installs
(`npm ci --prefix tests`); tests/js/mermaid-parse.mjs runs it. Without node or that
install these tests skip, except in CI (env CI set), where that is an error.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from portfolio import export
from portfolio import model as m
from portfolio.schedule import schedule
from portfolio.workspace import load_workspace

from schedule_samples import d, plan, proj, workspace

REPO = Path(__file__).resolve().parents[1]
JS = REPO / "tests" / "js"
EXAMPLE = REPO / "plans" / "example"

HOSTILE_NAMES = [
    "Phase 1: design; build",
    "Release #2 & #58; <b>bold</b> \"quoted\"",
    "section 7 upgrade",
    "Title deeds registry",
    "title of the plan",
    "2026-01-01 go-live",
    "%% not a comment",
    "excludes weekends",
    "click here",
    "Multi\nline  name",
    "Ünïcödé — Zollverwaltung 海关",
]


def mermaid_parse(tmp_path: Path, text: str) -> dict:
    node = shutil.which("node")
    if node is None or not (JS.parent / "node_modules" / "mermaid").is_dir():
        message = "Mermaid's parser is not installed: run `./dev setup` (or `npm ci --prefix tests`)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    src = tmp_path / "diagram.mmd"
    src.write_text(text, encoding="utf-8")
    done = subprocess.run([node, str(JS / "mermaid-parse.mjs"), str(src)], capture_output=True, text=True,
                          timeout=120, env={**os.environ, "TZ": "UTC"})
    assert done.returncode == 0, f"Mermaid rejected the diagram: {done.stderr}\n{text}"
    return json.loads(done.stdout)


def iso_day(s: str):
    return datetime.fromisoformat(s.replace("Z", "+00:00")).date()


@pytest.fixture(scope="module")
def example():
    ws = load_workspace(EXAMPLE)
    return ws, schedule(ws)


# --- Mermaid ------------------------------------------------------------------------------------

def test_example_gantt_parses_and_mermaid_reads_back_every_bar_and_milestone(example, tmp_path):
    ws, s = example
    parsed = mermaid_parse(tmp_path, export.mermaid_gantt(ws, s))
    assert parsed["type"] == "gantt"
    assert parsed["title"] == f"{ws.plan.name} (forecast)"
    tasks = {t["id"]: t for t in parsed["tasks"]}
    scheduled = {pid: x for pid, x in s.projects.items() if x.forecast_start}
    assert len(parsed["tasks"]) == len(scheduled) + len(s.milestones)
    programme_names = {g.id: g.name for g in ws.plan.programmes}
    for pid, x in scheduled.items():
        t = tasks[pid]
        p = ws.projects[pid]
        assert t["task"] == p.name
        assert t["section"] == programme_names[p.programme]
        assert iso_day(t["start"]) == x.forecast_start
        assert iso_day(t["end"]) == x.forecast_end + timedelta(days=1)  # Mermaid's end is exclusive
        assert t["crit"] == x.critical
        assert t["done"] == (p.status == "completed")
        assert t["active"] == (p.status == "in-progress")
    for ms in s.milestones:
        t = tasks[f"{ms.project}__{ms.id}"]
        assert t["milestone"] and t["task"] == ms.name and iso_day(t["start"]) == ms.forecast
        assert t["done"] == ms.done
    assert "Cancelled" not in json.dumps(parsed) and "blockchain-coo-pilot" not in tasks


def test_hostile_names_survive_mermaid_as_written(tmp_path):
    projects = [proj(f"p{i}", "2026-01-01", "2026-02-28", name=name, programme="prog-a" if i % 2 else None,
                     milestones=[(name, "2026-02-01")]) for i, name in enumerate(HOSTILE_NAMES)]
    ws = workspace(*projects, plan=plan(programmes=(m.Programme("prog-a", "Section: #1; 100% of %% it"),)))
    text = export.mermaid_gantt(ws, schedule(ws), title="Plan: #1 %% title")
    parsed = mermaid_parse(tmp_path, text)
    assert parsed["title"] == "Plan: #1 %% title"
    names = {t["id"]: t["task"] for t in parsed["tasks"]}
    for i, name in enumerate(HOSTILE_NAMES):
        assert names[f"p{i}"] == " ".join(name.split()), text
        assert names[f"p{i}__m1"] == " ".join(name.split())
    assert set(parsed["sections"]) == {"Section: #1; 100% of %% it", "(no programme)"}


def test_planned_dates_and_programme_filter(example, tmp_path):
    ws, s = example
    text = export.mermaid_gantt(ws, s, planned=True, programmes=("prg-risk-intelligence",))
    parsed = mermaid_parse(tmp_path, text)
    ids = {t["id"] for t in parsed["tasks"] if not t["milestone"]}
    assert ids == {p.id for p in ws.projects.values()
                   if p.programme == "prg-risk-intelligence" and p.status != "cancelled"}
    risk = next(t for t in parsed["tasks"] if t["id"] == "risk-engine")
    assert iso_day(risk["start"]) == ws.projects["risk-engine"].start  # planned, not the forecast 2027-07-31
    assert parsed["title"].endswith("(planned)")


@pytest.mark.parametrize("line", ["A task without data", "A :x1, 2026-13-45, 3d"])
def test_mermaid_rejects_what_it_should(tmp_path, line):
    """The validator is not a rubber stamp: a line that is no task, or an impossible date, fails."""
    with pytest.raises(AssertionError, match="Mermaid rejected"):
        mermaid_parse(tmp_path, f"gantt\n    dateFormat YYYY-MM-DD\n    section A\n    {line}\n")


def test_a_raw_colon_would_have_cut_the_name(tmp_path):
    """Why names are escaped: Mermaid reads `A: b` as the task `A` with `b` as its data."""
    parsed = mermaid_parse(tmp_path, "gantt\n    dateFormat YYYY-MM-DD\n    section S\n    A: b :x1, 2026-01-01, 3d\n")
    assert parsed["tasks"][0]["task"] == "A"


def test_markdown_block_for_github():
    assert export.markdown("gantt\n", "Plan") == "# Plan\n\n```mermaid\ngantt\n```\n"


@pytest.mark.parametrize("name, written", [
    ("a: b", "a#58; b"),
    ("Section 2", "#83;ection 2"),
    ("2026-01-01 go-live", "#50;026-01-01 go-live"),
    ("  two\n lines ", "two lines"),
    ("", "(unnamed)"),
])
def test_mermaid_text(name, written):
    assert export.mermaid_text(name) == written


# --- iCalendar -----------------------------------------------------------------------------------

def parse_ics(text: str):
    icalendar = pytest.importorskip("icalendar")
    return icalendar.Calendar.from_ical(text)


def test_example_calendar_parses_with_every_milestone_and_project_end(example):
    ws, s = example
    stamp = datetime(2026, 11, 23, 9, 30, tzinfo=timezone.utc)
    text = export.ics_calendar(ws, s, stamp=stamp)
    cal = parse_ics(text)
    assert str(cal["VERSION"]) == "2.0" and "PRODID" in cal
    events = cal.walk("VEVENT")
    scheduled = [x for x in s.projects.values() if x.forecast_end]
    assert len(events) == len(scheduled) + len(s.milestones)
    by_uid = {str(e["UID"]): e for e in events}
    assert len(by_uid) == len(events)  # UIDs unique
    end = next(e for uid, e in by_uid.items() if uid.startswith("ecommerce-low-value.end@"))
    assert end.decoded("DTSTART") == d("2029-01-13") and end.decoded("DTEND") == d("2029-01-14")
    assert str(end["SUMMARY"]) == "E-commerce and low-value consignment processing: end"
    assert "slip 44 days" in str(end["DESCRIPTION"]) and "critical path" in str(end["DESCRIPTION"])
    assert end.decoded("DTSTAMP") == stamp
    ms = next(x for x in s.milestones if x.project == "risk-engine" and x.id == "m1")
    event = by_uid[next(u for u in by_uid if u.startswith("risk-engine.milestone.m1@"))]
    assert event.decoded("DTSTART") == ms.forecast
    assert str(event["SUMMARY"]) == f"{ws.projects['risk-engine'].name}: {ms.name}"


def test_calendar_text_escaping_and_line_folding_round_trip():
    long = "Ünïcödé Zollverwaltung 海关 " * 6
    names = ["Comma, semicolon; backslash \\ done", "Two\nlines", long]
    ws = workspace(*[proj(f"p{i}", "2026-01-01", "2026-01-31", name=n, milestones=[(n, "2026-01-15")])
                     for i, n in enumerate(names)], plan=plan())
    text = export.ics_calendar(ws, schedule(ws))
    raw = text.encode("utf-8")
    assert raw.endswith(b"\r\n") and b"\n" not in raw.replace(b"\r\n", b"")
    assert all(len(line) <= 75 for line in raw.split(b"\r\n")), "folded at 75 octets"
    text.encode("utf-8").decode("utf-8")  # never split inside a character
    summaries = {str(e["SUMMARY"]) for e in parse_ics(text).walk("VEVENT")}
    for n in names:
        assert f"{n}: end" in summaries and f"{n}: {n}" in summaries


def test_calendar_of_an_empty_workspace_is_still_valid():
    cal = parse_ics(export.ics_calendar(workspace(), schedule(workspace())))
    assert cal.walk("VEVENT") == [] and str(cal["X-WR-CALNAME"]) == "ICT portfolio"
