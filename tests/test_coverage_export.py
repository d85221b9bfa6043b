"""The coverage files reviewers receive: exact CSV, JSON, Markdown and an XLSX read back with openpyxl."""
from __future__ import annotations

import io
import json
from datetime import date

import openpyxl
import pytest

from portfolio.coverage import STATE_COLOURS, coverage
from portfolio.coverage_export import to_csv, to_json, to_markdown, to_table, to_xlsx
from test_coverage import write_small


@pytest.fixture
def small(ws):
    write_small(ws)
    return ws.load()


def test_csv_one_row_per_item_parents_included(small):
    assert to_csv(coverage(small, "own")) == (
        "item,title,parent,state,projects\n"
        "A,Alpha,,stalled,p-done p-run p-hold\n"
        "A.1,Alpha one,A,delivered,p-done p-run\n"
        "A.2,Alpha two,A,in-delivery,p-run\n"
        "A.3,Alpha three,A,stalled,p-hold\n"
        "B,Beta,,planned,p-plan p-prop p-hold\n"
        "B.1,Beta one,B,planned,p-plan p-prop p-hold\n"
        "B.1.a,Beta one a,B.1,planned,p-plan\n"
        "B.1.b,Beta one b,B.1,planned,p-prop p-hold\n"
        "C,Gamma,,delivered,p-done\n"
        "D,Delta,,uncovered,\n")


def test_csv_gaps_only(small):
    assert to_csv(coverage(small, "own"), gaps_only=True) == "item,title,parent,state,projects\nD,Delta,,uncovered,\n"


def test_csv_guards_against_formula_injection(ws):
    ws.write("guidelines/own.yaml", "kind: catalog\nid: own\nname: O\nsource: s\nitems:\n"
                                    "  - {id: X, title: '=HYPERLINK(\"http://x\")'}\n")
    assert to_csv(coverage(ws.load(), "own")).splitlines()[1] == "X,\"'=HYPERLINK(\"\"http://x\"\")\",,uncovered,"


def test_json_has_figures_items_projects_and_curve(small):
    doc = json.loads(to_json(coverage(small, "own"), period=small.plan.period))
    assert (doc["leaves"], doc["covered"], doc["delivered"]) == (7, 6, 2)
    assert doc["ratio"] == round(6 / 7, 4)
    a1 = next(i for i in doc["items"] if i["id"] == "A.1")
    assert a1 == {"id": "A.1", "title": "Alpha one", "parent": "A", "leaf": True, "state": "delivered",
                  "leaves": 1, "covered": 1, "delivered": 1, "delivered_on": "2026-06-30",
                  "projects": {"delivered": ["p-done"], "in-delivery": ["p-run"]}}
    assert doc["curve"][0] == {"date": "2026-01-01", "delivered": 0, "ratio": 0.0}
    assert doc["curve"][-1]["date"] == "2028-12-31"
    assert {"id": "p-hold", "state": "stalled", "forecast_end": "2027-06-30"} in doc["projects"]
    gaps = json.loads(to_json(coverage(small, "own"), gaps_only=True))
    assert [i["id"] for i in gaps["items"]] == ["D"]


def test_markdown_and_table(small):
    cov = coverage(small, "own")
    md = to_markdown(cov)
    assert "| **A** | Alpha | stalled | 3/3 | 2027-06-30 | p-done p-run p-hold |" in md
    assert "| D | Delta | uncovered |  |  |  |" in md
    assert "own: 6 of 7 items covered (86%), 2 delivered (29%), 1 gaps" in md
    table = to_table(cov).splitlines()
    assert table[0].split() == ["item", "title", "state", "covered", "delivered", "by", "projects"]
    assert table[2].startswith("  A.1 ")  # children indented under their parent
    assert table[-1] == "own: 6 of 7 items covered (86%), 2 delivered (29%), 1 gaps"


def test_markdown_escapes_pipes(ws):
    ws.write("guidelines/own.yaml", "kind: catalog\nid: own\nname: O\nsource: s\nitems:\n"
                                    "  - {id: X, title: 'a | b'}\n")
    assert "| X | a \\| b | uncovered |" in to_markdown(coverage(ws.load(), "own"))


def _book(data: bytes):
    return openpyxl.load_workbook(io.BytesIO(data))


def test_xlsx_is_the_traceability_matrix(small):
    cov = coverage(small, "own")
    book = _book(to_xlsx(small, cov))
    assert book.sheetnames == ["Matrix", "Legend", "Projects"]
    sheet = book["Matrix"]
    header = [c.value for c in sheet[4]]
    assert header == ["Item", "Title", "State", "Covered", "Delivered by",
                      "p-done", "p-hold", "p-plan", "p-prop", "p-run"]
    assert sheet.freeze_panes == "F5"
    rows = {sheet.cell(r, 1).value.strip(): r for r in range(5, sheet.max_row + 1)}
    assert list(rows) == ["A", "A.1", "A.2", "A.3", "B", "B.1", "B.1.a", "B.1.b", "C", "D"]
    assert [c.value for c in sheet[rows["A.1"]]][1:3] == ["Alpha one", "delivered"]
    assert sheet.cell(rows["A.1"], 5).value.date() == date(2026, 6, 30)
    assert sheet.cell(rows["A.1"], 6).value == "D"  # p-done
    assert sheet.cell(rows["A.1"], 10).value == "I"  # p-run
    assert sheet.cell(rows["A.1"], 7).value is None  # p-hold does not cover A.1
    assert sheet.cell(rows["A.1"], 6).fill.fgColor.rgb.endswith(STATE_COLOURS["delivered"][1:].upper())
    assert sheet.cell(rows["A"], 4).value == "3/3" and sheet.cell(rows["A"], 1).font.bold
    assert sheet.cell(rows["D"], 3).value == "uncovered"
    assert all(sheet.cell(rows["D"], k).value is None for k in range(6, 11))
    legend = book["Legend"]
    assert [legend.cell(r, 2).value for r in range(2, 7)] == [
        "delivered", "in-delivery", "planned", "stalled", "uncovered"]
    assert [legend.cell(r, 1).value for r in range(2, 6)] == ["D", "I", "P", "S"]
    projects = book["Projects"]
    assert [c.value for c in projects[2]][:5] == ["p-done", "Project p-done", "prog-a", "completed", "delivered"]


def test_xlsx_by_programme(small):
    sheet = _book(to_xlsx(small, coverage(small, "own"), by="programme"))["Matrix"]
    assert [c.value for c in sheet[4]][5:] == ["prog-a", "(no programme)"]


def test_xlsx_keeps_formula_like_text_as_text(ws):
    ws.write("guidelines/own.yaml", "kind: catalog\nid: own\nname: O\nsource: s\nitems:\n"
                                    "  - {id: X, title: '=1+1'}\n")
    sheet = _book(to_xlsx(ws.load(), coverage(ws.load(), "own")))["Matrix"]
    assert sheet.cell(5, 2).value == "=1+1" and sheet.cell(5, 2).data_type == "s"
