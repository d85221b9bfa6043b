"""`portfolio schedule` (table, csv, json, --critical, --delay) and `portfolio export mermaid|ics`."""
from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from portfolio.cli import main

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = str(REPO / "plans" / "example")
COLUMNS = ["id", "planned_start", "planned_end", "forecast_start", "forecast_end", "slip_days", "float_days",
           "critical"]


def run(*args: str):
    return CliRunner().invoke(main, [*args, "--no-cache"], catch_exceptions=False)


@pytest.fixture
def small(ws):
    """a -> b (b planned to overlap a by 10 days), c cancelled, d waits for c (dropped)."""
    ws.write("projects/a.yaml", """\
        name: A
        status: in-progress
        start: 2026-03-01
        end: 2026-09-30
        milestones:
          - {id: m1, name: 'Go: live', date: 2026-06-01}
        """)
    ws.write("projects/b.yaml", """\
        name: Bee, with a comma
        status: approved
        start: 2026-09-21
        end: 2026-10-20
        depends_on: [a]
        milestones:
          - {id: kick, name: Kick-off, date: 2026-09-25}
        """)
    ws.write("projects/c.yaml", "name: C\nstatus: cancelled\nstart: 2026-01-01\nend: 2026-01-31\n")
    ws.write("projects/d.yaml", "name: D\nstatus: proposed\nstart: 2026-02-01\nend: 2026-02-28\ndepends_on: [c]\n")
    return str(ws.root)


def test_table_has_one_row_per_project_and_a_summary(small):
    result = run("schedule", small)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].split() == COLUMNS
    rows = {line.split()[0]: line.split() for line in lines[1:]}
    assert rows["b"] == ["b", "2026-09-21", "2026-10-20", "2026-10-01", "2026-10-30", "10", "0", "True"]
    assert rows["c"] == ["c", "2026-01-01", "2026-01-31", "False"]  # cancelled: no forecast
    assert "2 critical, 1 dependency conflicts; portfolio finish 2026-10-30" in result.stderr


def test_csv_is_machine_readable(small):
    result = run("schedule", small, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert list(rows[0]) == COLUMNS
    by_id = {r["id"]: r for r in rows}
    assert by_id["a"] == {"id": "a", "planned_start": "2026-03-01", "planned_end": "2026-09-30",
                          "forecast_start": "2026-03-01", "forecast_end": "2026-09-30", "slip_days": "0",
                          "float_days": "0", "critical": "True"}
    assert by_id["c"]["forecast_end"] == "" and by_id["c"]["slip_days"] == ""
    assert by_id["d"]["forecast_start"] == "2026-02-01"  # no longer waits for cancelled c
    assert result.stderr == ""


def test_json_is_a_list_of_rows(small):
    rows = json.loads(run("schedule", small, "--format", "json").stdout)
    assert [r["id"] for r in rows] == ["a", "b", "c", "d"]
    assert rows[1] == {"id": "b", "planned_start": "2026-09-21", "planned_end": "2026-10-20",
                       "forecast_start": "2026-10-01", "forecast_end": "2026-10-30", "slip_days": 10,
                       "float_days": 0, "critical": True}
    assert rows[2]["forecast_start"] is None and rows[2]["float_days"] is None
    assert rows[3]["float_days"] == 244  # d ends 2026-02-28; the finish is 2026-10-30


def test_critical_only(small):
    rows = json.loads(run("schedule", small, "--format", "json", "--critical").stdout)
    assert [r["id"] for r in rows] == ["a", "b"]


def test_what_if_table(small):
    result = run("schedule", small, "--delay", "a=14")
    assert result.exit_code == 0
    out = result.stdout
    assert out.startswith("Delaying a +14d moves 2 projects and 2 milestones:")
    assert "Go: live" in out and "Kick-off" in out
    assert "2026-10-05 2026-10-19" in out  # kick-off: 09-25, +10 days behind a, then +14


def test_what_if_json_and_csv(small):
    data = json.loads(run("schedule", small, "--delay", "a=14", "--delay", "b=1", "--format", "json").stdout)
    assert data["delays"] == {"a": 14, "b": 1}
    assert [(m["kind"], m["project"], m["days"]) for m in data["moves"]] == [
        ("project", "b", 15), ("project", "a", 14), ("milestone", "a", 14), ("milestone", "b", 15)]
    assert data["targets_missed"] == [] and data["objectives_missed"] == []
    rows = list(csv.DictReader(io.StringIO(run("schedule", small, "--delay", "a=14", "--format", "csv").stdout)))
    assert [r["kind"] for r in rows] == ["project", "project", "milestone", "milestone"]
    assert rows[2]["milestone"] == "a/m1" and rows[2]["before"] == "2026-06-01" and rows[2]["after"] == "2026-06-15"


@pytest.mark.parametrize("delay, message", [
    ("a", "write PROJECT=DAYS"),
    ("a=soon", "write PROJECT=DAYS"),
    ("zz=3", "no project 'zz'"),
    ("c=3", "'c' is cancelled"),
    ("a=-3", "0 or more"),
])
def test_bad_delays_are_usage_errors(small, delay, message):
    result = run("schedule", small, "--delay", delay)
    assert result.exit_code == 2 and message in result.stderr


def test_cycle_is_reported_and_scheduling_goes_on(ws):
    ws.project("x", "depends_on: [y]\n")
    ws.project("y", "depends_on: [x]\n")
    result = run("schedule", str(ws.root), "--format", "csv")
    assert result.exit_code == 0
    assert "errors in the workspace" in result.stderr
    assert "2 projects are in a dependency cycle and kept at their planned dates: x, y" in result.stderr
    assert len(result.stdout.splitlines()) == 3


def test_example_what_if_names_the_missed_target_and_objectives():
    result = run("schedule", EXAMPLE, "--delay", "national-single-window=95")
    assert "Misses target wco-dcmm/single-window level 3 by 2028-12-31" in result.stdout
    assert "Misses objective A connected border (obj-connectivity): national-single-window now ends 2029-01-02" \
        in result.stdout


def test_export_mermaid_to_a_file_and_as_markdown(small, tmp_path):
    out = tmp_path / "timeline.mmd"
    result = run("export", "mermaid", small, "-o", str(out))
    assert result.exit_code == 0 and f"wrote {out}" in result.stderr
    text = out.read_text(encoding="utf-8")
    assert text.startswith("gantt\n") and "Go#58; live :milestone, crit, a__m1, 2026-06-01, 0d" in text
    md = run("export", "mermaid", small, "--markdown").stdout
    assert md.startswith("# ICT Strategic Plan 2026-2028\n\n```mermaid\ngantt\n") and md.endswith("```\n")


def test_export_ics_keeps_crlf(small, tmp_path):
    out = tmp_path / "portfolio.ics"
    assert run("export", "ics", small, "-o", str(out)).exit_code == 0
    raw = out.read_bytes()
    assert raw.startswith(b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n") and raw.endswith(b"END:VCALENDAR\r\n")
    assert b"SUMMARY:Bee\\, with a comma: end\r\n" in raw
    assert raw.count(b"BEGIN:VEVENT") == 3 + 2  # a, b, d ends; two milestones


def test_check_does_not_import_the_schedule_stack():
    """`portfolio check` runs on every commit: registering these commands must not slow it down."""
    code = ("import sys; import portfolio.cli; "
            "print(sorted(m for m in ('pandas', 'networkx', 'altair') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
