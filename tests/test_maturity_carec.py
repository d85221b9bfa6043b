"""The CAREC 2016 study reproduced by the library, the CLI and the app.

PUBLISHED_* are the source's printed figures (ADB TA 8585 Output 3, 21 September 2016:
the rows "READINESS AVERAGE" / "MATURITY AVERAGE" of the summary table and the table
under Recommendation 3), copied here by hand - not our output. See plans/carec-2016/README.md.
"""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from portfolio import maturity as mt
from portfolio.cli import main
from portfolio.workspace import load_workspace

CAREC = Path(__file__).resolve().parents[1] / "plans" / "carec-2016"
CHINA = "People's Republic of China"

# administration -> (readiness, maturity, partial: printed with *)
PUBLISHED_COUNTRIES = {
    "Azerbaijan": (3.9, 3.6, False),
    "Kazakhstan": (3.3, 2.8, False),
    "Kyrgyz Republic": (3.2, 2.8, False),
    "Mongolia": (2.9, 2.2, False),
    CHINA: (3.3, 3.5, True),
    "Tajikistan": (2.7, 2.2, False),
    "Uzbekistan": (3.6, 2.9, False),
}

# Recommendation 3, "Average IE Score" per key area across the seven countries, the source's order.
PUBLISHED_AREAS = {
    "Legislation & Policy": 3.9,
    "Governance & Compliance": 3.9,
    "Information Technology": 3.9,
    "Track Record": 3.5,
    "Sponsorship": 3.5,
    "Existing Agreement in Place": 3.3,
    "Leadership": 3.4,
    "Management": 3.4,
    "Partnerships": 3.4,
    "Intelligence & Information Sharing Culture": 3.0,
    "Security, Privacy and Confidentiality": 2.9,
    "Value-Add Defined": 2.8,
    "Customs Risk Management": 2.8,
    "Value Analysis & Benchmarking": 2.8,
    "Business Process": 2.7,
    "Project Management": 2.6,
    "Process & Methodology": 2.5,
    "Ability to Monitor & Evaluate": 2.3,
    "Linkages": 2.2,
    "Program Management": 1.9,
}


@pytest.fixture(scope="module")
def carec():
    ws = load_workspace(CAREC)
    assert not ws.errors and not ws.warnings, ws.issues
    return ws


def test_library_reproduces_country_averages(carec):
    got = {}
    for g in mt.all_group_averages(carec, "carec-ie"):
        got.setdefault(g.administration, {})[g.group] = g
    assert set(got) == set(PUBLISHED_COUNTRIES)
    for who, (readiness, maturity, partial) in PUBLISHED_COUNTRIES.items():
        r, m = got[who]["readiness"], got[who]["maturity"]
        assert (r.average, m.average) == (readiness, maturity), who
        assert r.partial is partial and m.partial is partial, who


def test_china_is_partial_over_what_was_assessed(carec):
    (r, m) = [g for g in mt.all_group_averages(carec, "carec-ie") if g.administration == CHINA]
    assert (r.scored, r.total, r.missing, r.na) == (2, 10, 8, 0)  # (2.6 + 4.0) / 2 = 3.3
    assert (m.scored, m.total) == (5, 10)  # 17.7 / 5 = 3.54 -> 3.5


def test_library_reproduces_recommendation_3_area_averages(carec):
    got = {a.name: a.average for a in mt.area_averages(carec, "carec-ie")}
    assert got == PUBLISHED_AREAS


def test_recommendation_3_low_areas_are_the_weakest_seven(carec):
    """"low maturity scores in non-technical key areas such as program management (1.9), ..."""
    ranked = mt.rank(mt.area_averages(carec, "carec-ie"), descending=False)
    weakest = [(r.item.name, r.item.average) for r in ranked][:7]
    assert weakest[:6] == [("Program Management", 1.9), ("Linkages", 2.2), ("Ability to Monitor & Evaluate", 2.3),
                           ("Process & Methodology", 2.5), ("Project Management", 2.6), ("Business Process", 2.7)]
    assert weakest[6][1] == 2.8  # value analysis & benchmarking shares 2.8 with two other areas


def test_bands_as_the_readme_reads_them(carec):
    """With the model's thresholds (the team's reading, see guidelines/carec-ie.yaml notes)."""
    model = carec.models["carec-ie"]
    results = {e.administration: e for e in (mt.eligibility(a, model, carec.plan) for a in carec.assessments)}
    assert {w: e.level.id for w, e in results.items()} == {
        "Azerbaijan": "complex-pilot", "Kazakhstan": "simple-pilot", "Kyrgyz Republic": "simple-pilot",
        "Mongolia": "simple-pilot", CHINA: "simple-pilot", "Tajikistan": "simple-pilot",
        "Uzbekistan": "simple-pilot"}
    assert {w: len(e.at_risk) for w, e in results.items()} == {
        "Azerbaijan": 0, "Kazakhstan": 1, "Kyrgyz Republic": 1, "Mongolia": 6, CHINA: 0, "Tajikistan": 6,
        "Uzbekistan": 1}
    assert results[CHINA].partial and not results["Azerbaijan"].partial


def _csv(*args) -> list[dict]:
    result = CliRunner().invoke(main, ["maturity", str(CAREC), "--no-cache", "--format", "csv", *args])
    assert result.exit_code == 0, result.output
    return list(csv.DictReader(io.StringIO(result.stdout)))


def test_cli_csv_reproduces_country_averages():
    rows = _csv()
    assert list(rows[0]) == ["administration", "model", "date", "group", "average", "partial"]
    assert len(rows) == 14
    got = {(r["administration"], r["group"]): (r["average"], r["partial"]) for r in rows}
    for who, (readiness, maturity, partial) in PUBLISHED_COUNTRIES.items():
        flag = "true" if partial else "false"
        assert got[(who, "readiness")] == (f"{readiness:.1f}", flag)
        assert got[(who, "maturity")] == (f"{maturity:.1f}", flag)
    assert {r["date"] for r in rows} == {"2016-09-21"} and {r["model"] for r in rows} == {"carec-ie"}


def test_cli_csv_by_dimension_reproduces_area_averages():
    rows = _csv("--by", "dimension")
    assert list(rows[0]) == ["model", "group", "dimension", "name", "average", "scored", "administrations"]
    assert {r["name"]: float(r["average"]) for r in rows} == PUBLISHED_AREAS
    assert {r["administrations"] for r in rows} == {"7"}
    assert {r["name"]: r["scored"] for r in rows}["Track Record"] == "7"
    assert {r["name"]: r["scored"] for r in rows}["Leadership"] == "6"


def test_cli_text_marks_china_partial():
    result = CliRunner().invoke(main, ["maturity", str(CAREC), "--no-cache"])
    assert result.exit_code == 0, result.output
    (line,) = [ln for ln in result.stdout.splitlines() if ln.startswith(CHINA)]
    assert "3.3*" in line and "3.5*" in line
    (line,) = [ln for ln in result.stdout.splitlines() if ln.startswith("Azerbaijan")]
    assert "3.9 " in line and "3.6 " in line and "*" not in line


def test_cli_json_carries_exact_and_published(carec):
    result = CliRunner().invoke(main, ["maturity", str(CAREC), "--no-cache", "--format", "json"])
    data = json.loads(result.stdout)
    china = [r for r in data["assessments"] if r["administration"] == CHINA and r["group"] == "maturity"]
    assert china[0]["average"] == 3.5 and china[0]["partial"] and china[0]["exact"] == pytest.approx(3.54)
    assert {r["name"]: r["average"] for r in data["dimensions"]} == PUBLISHED_AREAS
    assert data["targets"] == [] and data["changes"] == []


def test_app_reproduces_the_published_tables(monkeypatch):
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("PORTFOLIO_WORKSPACE", str(CAREC))
    at = AppTest.from_file(str(Path(__file__).resolve().parents[1] / "ui" / "maturity.py"),
                           default_timeout=60).run()
    assert not at.exception
    countries = at.dataframe[0].value.set_index("administration")
    for who, (readiness, maturity, partial) in PUBLISHED_COUNTRIES.items():
        assert countries.loc[who, "IE readiness"] == readiness
        assert countries.loc[who, "IE maturity"] == maturity
        assert bool(countries.loc[who, "partial"]) == partial
    assert countries.loc[CHINA, "partial"] == "IE readiness (2 of 10), IE maturity (5 of 10)"
    areas = at.dataframe[1].value
    assert dict(zip(areas["name"], areas["average"])) == PUBLISHED_AREAS
