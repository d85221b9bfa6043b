"""The Overview and Project pages in a real browser: figures, deep links, filters in the URL,
hostile project names, the board report download, and a screenshot of every page.

Screenshots go to tests/browser/artifacts/ (ignored by git; CI keeps it as an artifact).
"""
from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
from playwright.sync_api import expect

from browser_helpers import EXAMPLE, App, click_and_settle, grid_rows, grid_text, metric, nav_links, settle

pytestmark = pytest.mark.browser

ARTIFACTS = Path(__file__).parent / "artifacts"
SCRIPT_NAME = '<script>alert("name")</script><b>bold</b> & <i>more</i>'


def shoot(page, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{re.sub(r'[^a-z0-9]+', '-', name.lower()).strip('-')}.png"
    # Streamlit scrolls inside its main block, so a "full page" is the viewport: make it tall.
    size = page.viewport_size
    page.set_viewport_size({"width": size["width"], "height": 2400})
    page.wait_for_timeout(300)
    page.screenshot(path=str(path))
    page.set_viewport_size(size)
    assert path.stat().st_size > 10_000, f"{path} looks blank"
    return path


@pytest.fixture(scope="module")
def script_app(tmp_path_factory):
    """A copy of the example whose e-manifest is named with a <script> element and HTML."""
    d = tmp_path_factory.mktemp("ws-script")
    ws = d / "ws"
    shutil.copytree(EXAMPLE, ws)
    p = ws / "projects" / "e-manifest.yaml"
    text = p.read_text(encoding="utf-8")
    escaped = SCRIPT_NAME.replace('"', '\\"')
    p.write_text(re.sub(r"^name: .*$", f'name: "{escaped}"', text, count=1, flags=re.M), encoding="utf-8")
    app = App("script", ws, d / "streamlit.log")
    try:
        yield app.start()
    finally:
        app.stop()


def test_every_page_loads_and_is_photographed(open_page, example_app):
    page = open_page(app=example_app)
    links = nav_links(page)
    assert {"Overview", "Project"} <= set(links), links
    for label, href in links.items():
        page.goto(href, wait_until="domcontentloaded")
        settle(page)
        page.wait_for_timeout(500)  # charts draw after the run ends
        assert page.locator('[data-testid="stMain"] h1').count() >= 1, label
        shoot(page, f"page-{label}")


def test_overview_figures_and_list_behind(open_page, example_app):
    page = open_page("?as_of=2026-11-23", app=example_app)
    expect(page.get_by_role("heading", name="Portfolio overview")).to_be_visible()
    assert metric(page, "Projects") == "31"
    assert metric(page, "Planned budget (USD)") == "57.98M"
    assert metric(page, "Overdue milestones") == "4"
    assert metric(page, "No funded sustainment") == "11"
    click_and_settle(page, page.get_by_role("radio", name=re.compile(r"^Slipping: 5$")))
    table = page.locator('[data-testid="stDataFrame"]').first
    assert grid_rows(table) == 5
    assert "border-queue-management" in grid_text(table)
    shoot(page, "overview-slipping-list")


def test_clicking_a_status_bar_lists_its_projects(open_page, example_app):
    page = open_page(app=example_app)
    chart = page.locator('[data-testid="stVegaLiteChart"]').first
    bar = chart.locator('path[role="graphics-symbol"][aria-label*="status: on-hold"]')
    bar.wait_for()
    click_and_settle(page, bar)
    body = page.locator('[data-testid="stMain"]')
    expect(body.get_by_text("Projects of the bar clicked")).to_be_visible()
    tables = body.locator('[data-testid="stDataFrame"]')
    assert any("border-queue-management" in grid_text(tables.nth(i)) and grid_rows(tables.nth(i)) == 1
               for i in range(tables.count()))


@pytest.mark.parametrize("query, name", [("project=risk-engine", "Risk management engine"),
                                         ("id=e-manifest", "Electronic cargo manifest")])
def test_deep_link_opens_the_project(open_page, example_app, query, name):
    page = open_page(f"project?{query}", app=example_app)
    expect(page.locator('[data-testid="stMain"] h1').first).to_contain_text(name)
    pid = query.split("=", 1)[1]
    assert f"projects/{pid}.yaml" in page.locator('[data-testid="stCode"]').first.inner_text()
    shoot(page, f"project-{pid}")


def test_deep_link_to_an_unknown_project_says_so(open_page, example_app):
    page = open_page("project?project=nowhere", app=example_app)
    expect(page.locator('[data-testid="stAlertContentError"]')).to_contain_text("No project “nowhere”")


def test_filter_in_the_url_is_applied(open_page, example_app):
    page = open_page("?status=approved&status=on-hold&funding=donor", app=example_app)
    assert metric(page, "Projects") == "4"
    side = page.locator('[data-testid="stSidebar"]')
    expect(side.get_by_text("on-hold", exact=True)).to_be_visible()  # the chips of the Status filter
    expect(page.locator('[data-testid="stMain"]').get_by_text("Showing 4 of 31 projects")).to_be_visible()
    shoot(page, "overview-filtered")


def test_filters_survive_a_page_switch(open_page, example_app):
    page = open_page("?programme=prg-regional", app=example_app)
    assert metric(page, "Projects") == "4"
    click_and_settle(page, page.locator('[data-testid="stSidebarNavLink"]', has_text="Overview"))
    assert metric(page, "Projects") == "4"
    assert "programme=prg-regional" in page.url


def test_script_in_a_project_name_is_text(open_page, script_app):
    page = open_page("project?project=e-manifest", app=script_app)
    h1 = page.locator('[data-testid="stMain"] h1').first
    expect(h1).to_contain_text('<script>alert("name")</script><b>bold</b>')
    assert page.locator('[data-testid="stMain"] b', has_text="bold").count() == 0
    assert page.locator("script", has_text="alert").count() == 0
    shoot(page, "project-script-name")
    page = open_page("?status=completed", app=script_app)  # five projects: all rows on screen
    table = page.locator('[data-testid="stDataFrame"]').first
    assert SCRIPT_NAME in grid_text(table)
    page.wait_for_timeout(300)  # time for any injected handler to fire
    assert not page.js_dialogs


class _Sections(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids, self.scripts = [], 0

    def handle_starttag(self, tag, attrs):
        if tag == "section":
            self.ids.append(dict(attrs)["id"])
        self.scripts += tag == "script"


def test_board_report_download(open_page, example_app):
    page = open_page("?as_of=2026-11-23&status=approved", app=example_app)
    with page.expect_download(timeout=60_000) as info:
        page.get_by_role("button", name=re.compile("Board report")).click()
    html = Path(info.value.path()).read_text(encoding="utf-8")
    parsed = _Sections()
    parsed.feed(html)
    assert parsed.ids[:3] == ["overview", "budget", "slips"] and parsed.scripts == 0
    assert 'data-figure="projects" data-value="9.00"' in html and "Filtered: status: approved." in html
    assert info.value.suggested_filename == "portfolio-report-2026-11-23.html"
