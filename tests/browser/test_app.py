"""The app in a browser: the example, a workspace with broken files, and hostile text."""
from __future__ import annotations

import re

import pytest
import yaml
from playwright.sync_api import expect

from browser_helpers import BROKEN, HOSTILE, click_and_settle, grid_rows, grid_text, metric, nav_links

pytestmark = pytest.mark.browser


def test_example_opens_on_overview_with_all_projects(open_page, example_app):
    page = open_page(app=example_app)
    expect(page.get_by_role("heading", name="Portfolio overview")).to_be_visible()
    plan = yaml.safe_load((example_app.workspace / "plan.yaml").read_text(encoding="utf-8"))
    assert plan["name"] in page.locator('[data-testid="stCaptionContainer"]').first.inner_text()

    projects = int(metric(page, "Projects"))
    assert projects >= 25
    table = page.locator('[data-testid="stDataFrame"]').first
    assert grid_rows(table) == projects
    first_id = sorted(p.stem for p in (example_app.workspace / "projects").glob("*.yaml"))[0]
    assert first_id in grid_text(table)
    assert "Problems" in nav_links(page)  # no errors, so no count


def test_example_has_no_problems_or_only_warnings(open_page, example_app):
    page = open_page("problems", app=example_app)
    expect(page.get_by_role("heading", name="Problems")).to_be_visible()
    body = page.locator("body").inner_text()
    assert "No problems" in body or re.search(r"\b0 errors and \d+ warnings", body), body[:2000]


def test_broken_files_leave_the_overview_up(open_page, broken_app):
    page = open_page(app=broken_app)
    expect(page.get_by_role("heading", name="Portfolio overview")).to_be_visible()
    projects = int(metric(page, "Projects"))
    assert projects >= 20  # the other files are still there
    assert grid_rows(page.locator('[data-testid="stDataFrame"]').first) == projects
    assert "could not be loaded" in page.locator("body").inner_text()


def test_broken_files_are_counted_in_the_navigation_and_listed(open_page, broken_app):
    page = open_page(app=broken_app)
    labels = [label for label in nav_links(page) if label.startswith("Problems")]
    assert len(labels) == 1, nav_links(page)
    count = re.fullmatch(r"Problems \((\d+)\)", labels[0])
    assert count and int(count.group(1)) >= len(BROKEN), labels

    click_and_settle(page, page.locator('[data-testid="stSidebarNavLink"]', has_text=labels[0]))
    expect(page).to_have_url(re.compile(r"/problems$"))
    expect(page.get_by_role("heading", name="Problems")).to_be_visible()
    tables = page.locator('[data-testid="stDataFrame"]')
    issues = grid_text(tables.first)
    missing = [path for path in BROKEN if path not in issues]
    assert not missing, f"not on the Problems page: {missing}\n{issues}"
    assert grid_rows(tables.first) >= len(BROKEN)


def test_broken_problems_page_opens_directly(open_page, broken_app):
    page = open_page("problems", app=broken_app)
    assert re.search(rf"\b{len(BROKEN)} errors", page.locator("body").inner_text())


def test_yaml_text_shows_as_text_not_html_or_markdown(open_page, hostile_app):
    page = open_page(app=hostile_app)
    main = page.locator('[data-testid="stMain"]')
    caption = main.locator('[data-testid="stCaptionContainer"]').first.inner_text()
    assert "<img src=x onerror=alert(1)>" in caption
    assert "**bold**" in caption
    assert "Portal " + HOSTILE in grid_text(main.locator('[data-testid="stDataFrame"]').first)
    assert page.locator('img[src="x"]').count() == 0
    assert main.locator("strong, b", has_text="bold").count() == 0
    page.wait_for_timeout(300)  # give a stray onerror handler time to fire
    assert not page.js_dialogs


def test_every_page_in_the_navigation_opens(open_page, any_app):
    """Each page of the app, in each workspace, renders without an exception: reached by
    its link in the navigation (as a person does; cheaper than loading each URL afresh)."""
    page = open_page(app=any_app)
    links = nav_links(page)
    assert len(links) >= 2, links
    for label, href in links.items():
        if href != page.url:  # the page already open was checked by open_page
            link = page.locator('[data-testid="stSidebarNavLink"]').filter(
                has=page.get_by_text(label, exact=True))
            click_and_settle(page, link)
            expect(page).to_have_url(re.compile(re.escape(href) + r"([?#].*)?$"))  # a page may add ?query
        assert page.locator('[data-testid="stMain"] h1').count() >= 1, f"{label}: no title"
