"""The board report parsed back: sections, figures, tables, offline, escaped; the CLI and the Excel workbook."""
from __future__ import annotations

import io
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from portfolio import dashboard as db
from portfolio import filters as fl
from portfolio import report
from portfolio.cli import main
from portfolio.schedule import schedule
from portfolio.workbook import TABLE_COLUMNS, portfolio_table, to_xlsx
from portfolio.workspace import load_workspace

EXAMPLE = Path(__file__).resolve().parents[1] / "plans" / "example"
AS_OF = date(2026, 11, 23)
EVIL = '<script>alert("x")</script><img src=x onerror=alert(1)> & "quotes"'


class Parsed(HTMLParser):
    """What a reader of the file needs: sections, figures, tables as text, and anything that loads."""

    def __init__(self, text: str):
        super().__init__()
        self.sections: list[str] = []
        self.figures: dict[str, float] = {}
        self.tags: list[tuple[str, dict]] = []
        self.tables: dict[str, list[list[str]]] = {}  # section id -> rows of cell texts (all tables)
        self.text: list[str] = []
        self._section = None
        self._cell: list[str] | None = None
        self._row: list[str] | None = None
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append((tag, a))
        if tag == "section":
            self._section = a["id"]
            self.sections.append(a["id"])
        if "data-figure" in a:
            self.figures[a["data-figure"]] = float(a["data-value"])
        if tag == "tr":
            self._row = []
        if tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            self._row.append("".join(self._cell).strip())
            self._cell = None
        if tag == "tr" and self._row is not None:
            self.tables.setdefault(self._section, []).append(self._row)
            self._row = None

    def handle_data(self, data):
        self.text.append(data)
        if self._cell is not None:
            self._cell.append(data)


@pytest.fixture(scope="module")
def example():
    return load_workspace(EXAMPLE)


@pytest.fixture(scope="module")
def parsed(example) -> Parsed:
    return Parsed(report.build(example, as_of=AS_OF))


def test_sections_in_order(parsed):
    assert parsed.sections == [sid for sid, _ in report.SECTIONS]


def test_headline_figures(parsed):
    assert parsed.figures == {
        "projects": 31, "in-progress": 12, "red": 4, "amber": 5, "planned": 57_978_000, "spent": 13_933_600,
        "slipping": 5, "overdue-milestones": 4, "due-milestones": 8, "sustainment-gaps": 11, "high-risks": 15,
        "objectives-without-active": 0, "unaligned": 0}
    text = "".join(parsed.text)
    assert "USD 57.98M" in text and "As of 23 Nov 2026" in text


def test_tables_hold_the_figures(parsed):
    budget = parsed.tables["budget"]
    assert budget[0] == ["Funding source", "Kind", "Projects", "Planned (USD)", "Spent (USD)", "Spent of planned"]
    assert ["Internal", "internal", "17", "USD 17,250,000", "USD 6,446,000", "37%"] in budget
    assert ["European Union", "donor", "4", "USD 5,778,000", "USD 669,600", "12%"] in budget
    slips = parsed.tables["slips"]
    assert slips[1][:1] + slips[1][3:6] == ["border-queue-management", "17 Dec 2027", "12 Jun 2028", "178 days"]
    assert [r[0] for r in slips[1:]] == ["border-queue-management", "risk-engine", "ecommerce-low-value",
                                         "post-clearance-audit", "trader-mobile-app"]
    milestones = parsed.tables["milestones"]
    assert ["data-warehouse-bi", "Release time and revenue dashboards for management", "16 Nov 2026", "7"] in milestones
    assert len(parsed.tables["sustainment"]) == 1 + 11
    risks = parsed.tables["risks"]
    assert risks[1][:5] == ["border-queue-management",
                            "Neighbouring administration has not agreed to the joint inspection area", "5", "5", "25"]
    coverage = {r[0]: r for r in parsed.tables["coverage"][1:]}
    assert "WTO Trade Facilitation Agreement, Section I" in " ".join(coverage) or coverage
    maturity = parsed.tables["maturity"]
    assert ["wco-dcmm", "Within Customs", "4", "2027-12-31", "late", "2028-02-15", "46", "risk-engine"] in maturity
    assert any(r[:3] == ["Meridonia Customs Service (Republic of Meridonia)", "carec-ie", "2026-09-25"]
               for r in maturity)


def test_alignment_section(parsed):
    rows = {r[0]: r for r in parsed.tables["alignment"][1:]}
    assert rows["A connected border"][1:4] == ["2", "6", "3"]
    text = "".join(parsed.text)
    assert "Every objective has an approved or in-progress project." in text
    assert "Every project serves an objective of the plan." in text


def test_opens_offline_and_runs_nothing(parsed):
    for tag, attrs in parsed.tags:
        assert tag not in ("script", "link", "iframe", "object", "embed"), (tag, attrs)
        for name in ("src", "href"):
            value = attrs.get(name) or ""
            assert not value.lower().startswith(("http:", "https:", "//", "javascript:")), (tag, attrs)
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)
    svgs = [t for t, _ in parsed.tags if t == "svg"]
    assert len(svgs) == 5  # status, burn, slips, risk heatmap, alignment
    assert "@media print" in report.CSS and "@page" in report.CSS


def test_every_yaml_text_is_escaped(ws):
    ws.write("plan.yaml", f"""\
        administration: '{EVIL}'
        name: 'Plan {EVIL}'
        period: {{start: 2026-01-01, end: 2028-12-31}}
        objectives: [{{id: obj-a, name: '{EVIL}'}}]
        programmes: [{{id: prog-a, name: '{EVIL}', objectives: [obj-a]}}]
        """)
    ws.write("projects/evil.yaml", f"""\
        name: '{EVIL}'
        status: in-progress
        start: 2026-01-01
        end: 2026-06-30
        programme: prog-a
        owner: '{EVIL}'
        budget: {{planned: 100, funding: donor, donor: '{EVIL}'}}
        milestones: [{{name: '{EVIL}', date: 2026-05-01}}]
        risks: [{{title: '{EVIL}', likelihood: 5, impact: 5, mitigation: '{EVIL}'}}]
        """)
    w = ws.load()
    assert not w.errors, w.errors
    text = report.build(w, as_of=date(2026, 5, 20))
    p = Parsed(text)
    assert not [t for t, _ in p.tags if t in ("script", "img")]
    assert "<script>" not in text and "onerror=alert" not in text.replace("onerror=alert(1)&gt;", "")
    assert "&lt;script&gt;" in text
    assert EVIL in "".join(p.text)  # shown as the planner typed it


def test_filtered_report_says_so(example):
    p = Parsed(report.build(example, as_of=AS_OF, filters=fl.Filters(status=("approved",)), charts_on=False))
    assert p.figures["projects"] == 9
    text = "".join(p.text)
    assert "9 projects in view of 31" in text and "Filtered: status: approved." in text


def test_empty_workspace_says_what_is_missing(ws):
    p = Parsed(report.build(ws.load(), as_of=AS_OF, charts_on=False))
    text = "".join(p.text)
    assert "No project in view has a budget." in text
    assert "No milestone is overdue." in text
    assert "No open project lists a risk." in text
    assert p.figures["projects"] == 0


# --- the CLI ---------------------------------------------------------------------------------

def test_cli_writes_the_report(tmp_path):
    out = tmp_path / "report.html"
    result = CliRunner().invoke(main, ["report", str(EXAMPLE), "--out", str(out), "--as-of", "2026-11-23",
                                       "--no-charts"])
    assert result.exit_code == 0, result.output
    p = Parsed(out.read_text(encoding="utf-8"))
    assert p.figures["overdue-milestones"] == 4 and p.sections[0] == "overview"


def test_cli_filters_and_stdout():
    result = CliRunner().invoke(main, ["report", str(EXAMPLE), "--out", "-", "--as-of", "2026-11-23",
                                       "--no-charts", "--funding", "ppp"])
    assert result.exit_code == 0
    assert Parsed(result.stdout).figures["projects"] == 1


@pytest.mark.parametrize("args, message", [
    (["--as-of", "23/11/2026"], "not an ISO date"),
    (["--status", "ongoing"], "status: ongoing"),
    (["--format", "xlsx", "--out", "-"], "not written to standard output"),
])
def test_cli_usage_errors(args, message):
    result = CliRunner().invoke(main, ["report", str(EXAMPLE), *args])
    assert result.exit_code == 2 and message in result.output


def test_cli_writes_the_workbook(tmp_path):
    out = tmp_path / "p.xlsx"
    result = CliRunner().invoke(main, ["report", str(EXAMPLE), "--format", "xlsx", "--out", str(out)])
    assert result.exit_code == 0, result.output
    from openpyxl import load_workbook

    wb = load_workbook(out)
    assert wb.sheetnames == ["Portfolio", "Milestones", "Risks"]


# --- the Excel workbook ----------------------------------------------------------------------

def test_workbook_rows_types_and_formats(example):
    from openpyxl import load_workbook

    view = db.View(example, schedule(example), AS_OF)
    wb = load_workbook(io.BytesIO(to_xlsx(view)))
    sheet = wb["Portfolio"]
    header = [c.value for c in sheet[1]]
    assert header[:3] == ["Id", "Name", "Programme"] and "Planned (USD)" in header
    assert sheet.max_row == 1 + 31
    rows = {r[0]: dict(zip(header, r)) for r in sheet.iter_rows(min_row=2, values_only=True)}
    eu = rows["e-tir-transit"]
    assert eu["Planned"] == 2_400_000 and eu["Budget currency"] == "EUR"
    assert eu["Planned (USD)"] == pytest.approx(2_592_000)
    assert rows["risk-engine"]["Slip (days)"] == 60
    assert rows["risk-engine"]["Forecast end"].date() == date(2028, 2, 15)
    planned_col = header.index("Planned") + 1
    assert sheet.cell(2, planned_col).number_format == "#,##0"
    assert sheet.freeze_panes == "C2" and sheet.auto_filter.ref
    assert wb["Risks"].max_row - 1 == len(db.open_risks(view))


def test_workbook_neutralises_formulas(ws):
    ws.project("f", "owner: '=HYPERLINK(\"http://x\",\"y\")'\n")
    w = ws.load()
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(to_xlsx(db.View(w, schedule(w), AS_OF))))["Portfolio"]
    header = [c.value for c in sheet[1]]
    cell = sheet.cell(2, header.index("Owner") + 1)
    assert cell.data_type == "s" and cell.value == '=HYPERLINK("http://x","y")'  # text, not a formula


def test_portfolio_table_columns(example):
    t = portfolio_table(db.View(example, schedule(example), AS_OF))
    assert list(t.columns) == TABLE_COLUMNS and len(t) == 31
    row = t.set_index("project").loc["data-warehouse-bi"]
    assert row["objectives"] == "obj-compliance, obj-capability" and row["sustainment_funded"] is False or \
        row["sustainment_funded"] == False  # noqa: E712 - numpy bool
