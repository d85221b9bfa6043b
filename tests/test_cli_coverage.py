"""`portfolio coverage` as a reviewer runs it: formats, gaps, forecast dates, XLSX output rules."""
from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import openpyxl
from click.testing import CliRunner

from portfolio.cli import main
from test_coverage import write_small

REPO = Path(__file__).resolve().parent.parent


def run(*args: str):
    return CliRunner().invoke(main, ["coverage", *args, "--no-cache"], catch_exceptions=False)


def test_csv_of_own_catalog(ws):
    write_small(ws)
    result = run(str(ws.root), "--catalog", "own", "--format", "csv")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "item,title,parent,state,projects"
    assert lines[1] == "A,Alpha,,stalled,p-done p-run p-hold"
    assert len(lines) == 11


def test_gaps_table(ws):
    write_small(ws)
    result = run(str(ws.root), "-c", "own", "--gaps")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[1].split() == ["D", "Delta", "uncovered", "-", "-"]
    assert lines[-1] == "own: 6 of 7 items covered (86%), 2 delivered (29%), 1 gaps"
    assert len(lines) == 3


def test_markdown_to_file(ws, tmp_path):
    write_small(ws)
    out = tmp_path / "cov.md"
    result = run(str(ws.root), "-c", "own", "--format", "md", "-o", str(out))
    assert result.exit_code == 0 and result.stdout == ""
    assert out.read_text(encoding="utf-8").startswith("# Coverage of Our own reform agenda\n")


DEPENDENT = """\
kind: catalog
id: own
name: Own
source: s
items:
  - {id: X, title: Ex}
"""


def test_delivery_dates_follow_the_forecast_unless_planned_dates(ws):
    ws.write("guidelines/own.yaml", DEPENDENT)
    ws.write("projects/first.yaml", "name: F\nstatus: in-progress\nstart: 2026-01-05\nend: 2026-12-31\n")
    ws.write("projects/second.yaml", "name: S\nstatus: approved\nstart: 2026-06-01\nend: 2026-09-30\n"
                                     "depends_on: [first]\nguidelines:\n  own: [X]\n")
    forecast = json.loads(run(str(ws.root), "-c", "own", "--format", "json").stdout)
    # second may start on 2027-01-01; it keeps its 122 days, so it ends on 2027-05-02
    assert forecast["items"][0]["delivered_on"] == "2027-05-02"
    assert forecast["projects"] == [{"id": "second", "state": "planned", "forecast_end": "2027-05-02"}]
    planned = json.loads(run(str(ws.root), "-c", "own", "--format", "json", "--planned-dates").stdout)
    assert planned["items"][0]["delivered_on"] == "2026-09-30"


def test_xlsx_to_file_and_to_a_pipe(ws, tmp_path):
    write_small(ws)
    out = tmp_path / "matrix.xlsx"
    assert run(str(ws.root), "-c", "own", "--format", "xlsx", "-o", str(out)).exit_code == 0
    book = openpyxl.load_workbook(out)
    assert book["Matrix"]["A5"].value == "A" and book["Matrix"].freeze_panes == "F5"
    piped = run(str(ws.root), "-c", "own", "--format", "xlsx", "--by", "programme")  # CliRunner: not a tty
    assert piped.exit_code == 0
    sheet = openpyxl.load_workbook(io.BytesIO(piped.stdout_bytes))["Matrix"]
    assert [c.value for c in sheet[4]][5:] == ["prog-a", "(no programme)"]


def test_xlsx_refuses_a_terminal(ws):
    """Binary data is not written to a terminal: run the real command with a pseudo-terminal as stdout."""
    write_small(ws)
    leader, follower = os.openpty()
    try:
        proc = subprocess.run([sys.executable, "-m", "portfolio", "coverage", str(ws.root), "-c", "own",
                               "--format", "xlsx"], stdout=follower, stderr=subprocess.PIPE, timeout=60)
    finally:
        os.close(follower)
        os.close(leader)
    assert proc.returncode == 2
    assert b"give --output FILE" in proc.stderr


def test_unknown_or_missing_catalog_lists_the_catalogs(ws):
    write_small(ws)
    result = run(str(ws.root), "-c", "rkc")
    assert result.exit_code == 2
    assert "no catalog 'rkc'" in result.output and "  own " in result.output
    assert "name a catalog with --catalog ID" in run(str(ws.root)).output


def test_warns_when_the_workspace_has_errors(ws):
    write_small(ws)
    ws.write("projects/bad.yaml", "name: B\nstatus: ongoing\nstart: 2026-01-01\nend: 2026-02-01\n")
    result = run(str(ws.root), "-c", "own", "--format", "csv")
    assert result.exit_code == 0
    assert "warning: 1 errors in the workspace" in result.stderr
    assert result.stdout.startswith("item,title,parent,state,projects\n")


def test_example_tfa_with_builtin_catalog():
    result = CliRunner().invoke(main, ["coverage", str(REPO / "plans" / "example"), "-c", "tfa", "--format", "csv"])
    assert result.exit_code == 0
    rows = result.stdout.splitlines()
    assert len(rows) == 1 + 42  # 12 articles and 30 measures of articles with children
    assert rows[1].startswith("1,Publication and availability of information,,")


def test_check_does_not_import_the_heavy_libraries():
    code = ("import sys, portfolio.cli; "
            "print(sorted(m for m in ('openpyxl', 'pandas', 'altair') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO)
    assert out.stdout.strip() == "[]"
