"""The Timeline and Dependencies pages in a real browser: bars, tooltips, the programme view,
what-if, the graph drawn by Graphviz in the page, hostile names, and a 5,000-project portfolio."""
from __future__ import annotations

import random
import re
import time
from pathlib import Path

import pytest
from playwright.sync_api import expect

from browser_helpers import HOSTILE, App, click_and_settle, settle, watch

pytestmark = pytest.mark.browser

CHART = '[data-testid="stVegaLiteChart"]'
GRAPH = '[data-testid="stGraphVizChart"]'
BIG = 5000


def marks(page, contains: str):
    """Marks of the first timeline chart whose description (aria-label) contains `contains`."""
    return page.locator(CHART).first.locator(f'[role="graphics-symbol"][aria-label*="{contains}"]')


def wait_drawn(page, contains: str = ": forecast ") -> None:
    marks(page, contains).first.wait_for()  # Vega draws after Streamlit's run has finished


def segment(page, label: str):
    return page.get_by_role("radio", name=label, exact=True)  # a segmented control's option


# --- Timeline ------------------------------------------------------------------------------------

def test_timeline_draws_plan_forecast_critical_path_milestones_and_today(open_page):
    page = open_page("timeline")
    expect(page.get_by_role("heading", name="Timeline")).to_be_visible()
    wait_drawn(page)
    assert marks(page, ": forecast ").count() == 30  # 31 projects, one cancelled
    assert marks(page, ": planned ").count() == 31
    critical = marks(page, ", critical path")
    assert critical.count() == 3
    labels = [critical.nth(i).get_attribute("aria-label") for i in range(3)]
    assert "E-commerce and low-value consignment processing: forecast 2028-02-16 to 2029-01-13, slip 44 days, " \
        "critical path" in labels
    assert marks(page, ": milestone ").count() > 30
    assert marks(page, "today, ").count() >= 1


def test_timeline_tooltip_explains_a_bar(open_page):
    page = open_page("timeline")
    wait_drawn(page)
    marks(page, "E-commerce and low-value consignment processing: forecast").hover()
    tip = page.locator("#vg-tooltip-element")
    expect(tip).to_be_visible()
    text = tip.inner_text()
    assert "slip (days)" in text and "44" in text and "float (days)" in text
    assert "2028-02-16 to 2029-01-13" in text


def test_timeline_rolls_up_to_one_bar_per_programme(open_page):
    page = open_page("timeline")
    wait_drawn(page)
    click_and_settle(page, segment(page, "Programmes"))
    wait_drawn(page)
    assert marks(page, ": forecast ").count() == 7
    assert marks(page, "Risk management, intelligence and analytics: forecast").count() == 1


def test_what_if_in_the_page(open_page):
    page = open_page("timeline")
    wait_drawn(page)
    picker = page.get_by_role("combobox", name="Delay")
    picker.click()
    picker.press_sequentially("Single Window")  # the list is long and drawn lazily: narrow it first
    click_and_settle(page, page.locator('[role="option"]').filter(has_text="(national-single-window)"))
    days = page.get_by_label("by days")
    days.fill("95")
    click_and_settle(page, _Press(days, "Enter"))
    body = page.locator("body").inner_text()
    assert "moves 1 project and 3 milestones" in body
    assert "Misses target wco-dcmm/single-window level 3 by 2028-12-31" in body
    assert "Misses objective A connected border (obj-connectivity)" in body


class _Press:
    """A click target for click_and_settle that presses a key in a field instead."""

    def __init__(self, locator, key: str):
        self.locator, self.key = locator, key

    def click(self):
        self.locator.press(self.key)


# --- Dependencies --------------------------------------------------------------------------------

def node(page, pid: str):
    return page.locator(GRAPH).locator("g.node").filter(has=page.locator(f'title:text-is("{pid}")'))


def test_dependency_graph_drawn_with_the_critical_path_and_a_projects_neighbours(open_page):
    page = open_page("dependencies?project=risk-engine")
    page.locator(f"{GRAPH} svg").wait_for()
    assert page.locator(GRAPH).locator("g.node").count() == 30
    assert page.locator(GRAPH).locator("g.edge").count() == 24
    assert node(page, "risk-engine").locator("path").first.get_attribute("stroke") == "#1f4e79"  # the chosen one
    assert node(page, "data-warehouse-bi").locator("path").first.get_attribute("stroke") == "#c0392b"  # critical
    body = page.locator("body").inner_text()
    assert "Waits for (2)" in body and "Holds up (2)" in body and "Critical path (3)" in body


def test_dependency_graph_around_a_project_only(open_page):
    page = open_page("dependencies?project=risk-engine")
    page.locator(f"{GRAPH} svg").wait_for()
    click_and_settle(page, segment(page, "Around the project"))
    page.locator(f"{GRAPH} svg").wait_for()
    expect(page.locator(GRAPH).locator("g.node")).to_have_count(5)


# --- hostile names -------------------------------------------------------------------------------

@pytest.mark.parametrize("path", ["timeline", "dependencies"])
def test_hostile_names_are_text(open_page, hostile_app, path):
    page = open_page(path, app=hostile_app)
    if path == "timeline":
        wait_drawn(page)
        assert marks(page, f"Portal {HOSTILE}: planned").count() == 1
    else:
        page.locator(f"{GRAPH} svg").wait_for()  # the whole portfolio: the example is small
        texts = page.locator(GRAPH).locator("text").evaluate_all("els => els.map(e => e.textContent)")
        assert f"Portal {HOSTILE}" in texts
    assert page.locator("img[src=x]").count() == 0  # and settle() checked no alert() ran


# --- a large portfolio ---------------------------------------------------------------------------

def write_big(root: Path, n: int) -> Path:
    rng = random.Random(11)
    (root / "projects").mkdir(parents=True)
    progs = "\n".join(f"  - {{id: prg-{i}, name: Programme {i}}}" for i in range(40))
    (root / "plan.yaml").write_text("administration: Big Customs\nname: Big plan\n"
                                    "period: {start: 2026-01-01, end: 2032-12-31}\n"
                                    f"programmes:\n{progs}\n", encoding="utf-8")
    for i in range(n):
        deps = sorted({f"p{rng.randrange(max(0, i - 300), i)}" for _ in range(rng.choice([0, 1, 2, 2, 3]))}) if i else []
        y, mth = 2026 + rng.randrange(4), 1 + rng.randrange(12)
        (root / "projects" / f"p{i}.yaml").write_text(
            f"name: Project {i}\nstatus: {rng.choice(['approved', 'in-progress', 'proposed'])}\n"
            f"health: {rng.choice(['green', 'amber', 'red'])}\nprogramme: prg-{i % 40}\n"
            f"start: {y}-{mth:02d}-01\nend: {y + 1}-{mth:02d}-15\ndepends_on: [{', '.join(deps)}]\n"
            f"milestones:\n  - {{name: Half way, date: {y}-{mth:02d}-20}}\n", encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def big_app(tmp_path_factory):
    d = tmp_path_factory.mktemp("ws-big")
    app = App("big", write_big(d / "big", BIG), d / "streamlit.log")
    try:
        yield app.start()
    finally:
        app.stop()


def test_five_thousand_projects_stay_responsive(browser, big_app):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    context.set_default_timeout(90_000)  # the first run loads 5,000 files
    page = context.new_page()
    watch(page)
    try:
        page.goto(big_app.url + "timeline", wait_until="domcontentloaded")
        settle(page)
        wait_drawn(page)
        # One bar per programme by default: the browser gets 40 rows, not 5,000 tooltips.
        assert marks(page, ": forecast ").count() == 40
        assert page.locator('[role="graphics-symbol"]').count() < 200
        started = time.monotonic()
        click_and_settle(page, segment(page, "Projects"))
        wait_drawn(page)
        switched = time.monotonic() - started
        assert marks(page, ": forecast ").count() == 50  # one page of projects
        assert "of 5,000" in page.locator("body").inner_text()
        assert switched < 20, f"switching to projects took {switched:.1f} s"
        page.goto(big_app.url + "dependencies?project=p4999", wait_until="domcontentloaded")
        settle(page)
        page.locator(f"{GRAPH} svg").wait_for()
        drawn = page.locator(GRAPH).locator("g.node").count()
        assert 1 <= drawn <= 250  # the neighbourhood, not the whole graph
        assert re.search(r"Waits for \(\d+\)", page.locator("body").inner_text())
    finally:
        context.close()
