"""`portfolio maturity` on small workspaces and the example: formats, options, errors."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from click.testing import CliRunner

from portfolio.cli import main

from maturity_samples import TINY

EXAMPLE = Path(__file__).resolve().parents[1] / "plans" / "example"


def run(*args: str):
    return CliRunner().invoke(main, ["maturity", *args, "--no-cache"])


def tiny_workspace(ws):
    ws.write("guidelines/tiny.yaml", TINY)
    ws.write("assessments/x.yaml", 'model: tiny\ndate: 2026-01-15\nscores: {a: 2, b: "n/a", c: 3.25, d: 4, e: 4}\n')
    ws.write("assessments/y.yaml", "model: tiny\ndate: 2026-02-01\nadministration: Y\nscores: {a: 1.5, d: 3}\n")
    return ws


def test_csv_rows_per_assessment_and_group(ws):
    result = run(str(tiny_workspace(ws).root), "--format", "csv")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "administration,model,date,group,average,partial",
        "Customs Service of Testland,tiny,2026-01-15,g1,2.6,true",   # (2 + 3.25) / 2 = 2.625 -> 2.6
        "Customs Service of Testland,tiny,2026-01-15,g2,4.0,false",
        "Y,tiny,2026-02-01,g1,1.5,true",
        "Y,tiny,2026-02-01,g2,3.0,true",
    ]


def test_csv_by_dimension(ws):
    result = run(str(tiny_workspace(ws).root), "--format", "csv", "--by", "dimension")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [(r["dimension"], r["average"], r["scored"], r["administrations"]) for r in rows] == [
        ("a", "1.8", "2", "2"),   # (2 + 1.5) / 2 = 1.75 -> 1.8, half up
        ("b", "", "0", "2"),      # n/a for one, not assessed for the other
        ("c", "3.3", "1", "2"),   # 3.25 -> 3.3
        ("d", "3.5", "2", "2"),
        ("e", "4.0", "1", "2"),
    ]


def test_text_tables_and_partial_mark(ws):
    result = run(str(tiny_workspace(ws).root))
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Tiny model (tiny)" in out and "bands: Low from 1; Mid from 2; High from 3.5" in out
    (x,) = [ln for ln in out.splitlines() if ln.startswith("Customs Service of Testland")]
    assert x.split()[5:8] == ["2.6*", "4.0", "Mid"]
    (y,) = [ln for ln in out.splitlines() if ln.startswith("Y ")]
    assert "1.5*" in y and "3.0*" in y and y.rstrip().endswith("a")  # a is at risk (1.5 < 2.0)
    assert "* partial: averaged over fewer dimensions" in out


def test_json_has_every_section(ws):
    data = json.loads(run(str(tiny_workspace(ws).root), "--format", "json").stdout)
    assert set(data) == {"workspace", "assessments", "dimensions", "eligibility", "changes", "targets", "forecast"}
    assert data["assessments"][0]["exact"] == 2.625 and data["assessments"][0]["na"] == 1
    assert {e["administration"]: e["level"] for e in data["eligibility"]} == {
        "Customs Service of Testland": "mid", "Y": None}


def test_unknown_model_is_a_usage_error(ws):
    result = run(str(tiny_workspace(ws).root), "--model", "nope")
    assert result.exit_code == 2 and "no maturity model 'nope'" in result.output


def test_no_assessments(ws):
    result = run(str(ws.root))
    assert result.exit_code == 0 and "No assessments in this workspace." in result.stdout


def test_workspace_errors_are_warned_on_stderr(ws):
    tiny_workspace(ws).write("assessments/bad.yaml", "model: tiny\nscores: {a: 1}\n")  # no date
    result = run(str(ws.root), "--format", "csv")
    assert result.exit_code == 0
    assert "errors in the workspace" in result.stderr and "portfolio check" in result.stderr
    assert len(result.stdout.splitlines()) == 5


def test_example_targets_use_the_forecast():
    """risk-engine waits 30 days after data-warehouse-bi: its forecast end is past the target date."""
    data = json.loads(run(str(EXAMPLE), "--format", "json").stdout)
    targets = {t["dimension"]: t for t in data["targets"]}
    assert targets["within-customs"]["outcome"] == "late" and targets["within-customs"]["days_late"] > 0
    assert targets["within-customs"]["projects"] == ["risk-engine"]
    assert targets["international"]["outcome"] == "no-project"
    planned = json.loads(run(str(EXAMPLE), "--format", "json", "--planned-dates").stdout)
    assert {t["dimension"]: t["outcome"] for t in planned["targets"]}["within-customs"] == "met"
    assert planned["forecast"] == "planned" and data["forecast"] == "scheduled"


def test_example_change_between_assessments():
    data = json.loads(run(str(EXAMPLE), "--format", "json").stdout)
    maturity = [c for c in data["changes"] if c["group"] == "maturity"][0]
    # baseline maturity is partial (value-analysis n/a): 21.7 / 9 = 2.41 -> 2.4; follow-up 2.8
    assert (maturity["before"], maturity["before_partial"], maturity["after"], maturity["change"]) == \
        (2.4, True, 2.8, 0.4)


def test_maturity_is_listed_in_help():
    result = CliRunner().invoke(main, ["--help"])
    assert "maturity" in result.output
