"""The Coverage page in a real browser: the matrix, a click on an item, gaps, downloads, hostile text."""
from __future__ import annotations

import io

import openpyxl
import pytest
from playwright.sync_api import expect

from browser_helpers import HOSTILE, click_and_settle, grid_rows, grid_text, metric
from portfolio.coverage import coverage
from portfolio.workspace import load_workspace

pytestmark = pytest.mark.browser

HEATMAP = '[data-testid="stVegaLiteChart"]'


def cell(page, item: str, column: str = "item state", mark: str = "path"):
    """One mark of the heatmap: its rect (`path`) or its letter (`text`).

    Vega's SVG names each mark by its fields in an aria-label.
    """
    found = page.locator(HEATMAP).first.locator(
        f'{mark}[role="graphics-symbol"][aria-label^="column: {column}; "][aria-label*="; item: {item}; "]')
    found.wait_for()  # Vega draws after Streamlit's run has finished
    return found


class Corner:
    """A click target for click_and_settle: the top-left corner of a mark, where no letter is."""

    def __init__(self, locator):
        self.locator = locator

    def click(self):
        self.locator.click(position={"x": 2, "y": 2})


def picked(page) -> str:
    """The item the "Item" picker shows."""
    return page.get_by_role("combobox", name="Item").input_value()


def tables(page):
    return page.locator('[data-testid="stDataFrame"]')


def test_figures_match_the_library(open_page, example_app):
    cov = coverage(load_workspace(example_app.workspace), "tfa")
    page = open_page("coverage", app=example_app)
    assert page.get_by_role("heading", name="Guideline coverage").is_visible()
    assert metric(page, "Items") == "36"
    assert metric(page, "Covered") == f"{cov.ratio:.0%}"
    assert metric(page, "Gaps") == str(len(cov.gaps))
    # the matrix draws one item-state cell per catalog item, gaps in red
    assert cell(page, cov.gaps[0].id).get_attribute("fill") == "#d73027"
    assert page.locator(HEATMAP).first.locator(
        'path[role="graphics-symbol"][aria-label^="column: item state; "]').count() == len(cov.items)
    gaps = tables(page).nth(1)
    assert grid_rows(gaps) == len(cov.gaps)
    assert cov.gaps[0].title in grid_text(gaps)


def test_clicking_an_item_lists_its_projects(open_page, example_app):
    cov = coverage(load_workspace(example_app.workspace), "tfa")
    item = cov.item("7.4")
    page = open_page("coverage", app=example_app)
    click_and_settle(page, cell(page, "7.4", mark="text"))  # on the letter, where a person clicks
    assert picked(page) == "7.4 Risk management"
    grid = tables(page).first.locator('[role="grid"]')
    for p in item.projects:  # the grid redraws after the run; expect() waits for it
        expect(grid).to_contain_text(f"/project?id={p}")
    assert grid_rows(tables(page).first) == len(item.projects)


def test_downloads_are_the_matrix_and_the_csv(open_page, example_app):
    page = open_page("coverage", app=example_app)
    with page.expect_download() as info:
        page.get_by_role("button", name="Download matrix (XLSX)").click()
    book = openpyxl.load_workbook(io.BytesIO(open(info.value.path(), "rb").read()))
    assert book.sheetnames == ["Matrix", "Legend", "Projects"]
    assert book["Matrix"]["A4"].value == "Item" and book["Matrix"].freeze_panes == "F5"
    with page.expect_download() as info:
        page.get_by_role("button", name="Download items (CSV)").click()
    assert info.value.suggested_filename == "coverage-tfa.csv"
    lines = open(info.value.path(), encoding="utf-8").read().splitlines()
    assert lines[0] == "item,title,parent,state,projects" and len(lines) == 43


def test_hostile_project_name_shows_as_text(open_page, hostile_app):
    page = open_page("coverage", app=hostile_app)
    # aeo-portal (renamed "Portal <img ...> **bold**" in the hostile workspace) covers TFA 7.7
    click_and_settle(page, Corner(cell(page, "7.7", "aeo-portal")))  # the rect itself, off its letter
    assert picked(page).startswith("7.7 ")
    expect(tables(page).first.locator('[role="grid"]')).to_contain_text(HOSTILE)
    assert page.locator('img[src="x"]').count() == 0


def test_broken_workspace_still_shows_coverage(open_page, broken_app):
    page = open_page("coverage", app=broken_app)
    assert "errors in the workspace files" in page.locator("body").inner_text()
    assert int(metric(page, "Items")) == 36
