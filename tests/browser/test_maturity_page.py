"""The Maturity page in a browser: the CAREC 2016 study and the example workspace.

The CAREC figures below are the source's published values (see
tests/test_maturity_carec.py and plans/carec-2016/README.md), not our output.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from browser_helpers import REPO, App, click_and_settle, grid_text

pytestmark = pytest.mark.browser

CAREC = REPO / "plans" / "carec-2016"
CHINA = "People's Republic of China"
PUBLISHED = {  # administration -> (readiness, maturity)
    "Azerbaijan": ("3.9", "3.6"), "Kazakhstan": ("3.3", "2.8"), "Kyrgyz Republic": ("3.2", "2.8"),
    "Mongolia": ("2.9", "2.2"), CHINA: ("3.3", "3.5"), "Tajikistan": ("2.7", "2.2"),
    "Uzbekistan": ("3.6", "2.9"),
}
AT_RISK_RED = "#d7301f"


@pytest.fixture(scope="module")
def carec_app(tmp_path_factory):
    """The app on plans/carec-2016 (the shared fixtures serve the example and its variants)."""
    app = App("carec", CAREC, Path(tmp_path_factory.mktemp("ws-carec")) / "streamlit.log")
    try:
        yield app.start()
    finally:
        app.stop()


def rows(dataframe) -> list[list[str]]:
    """The cells of the rows of an st.dataframe that are on screen, header first."""
    dataframe.locator('[role="grid"]').wait_for(state="attached")
    return [[c.text_content() for c in r.locator('[role="gridcell"], [role="columnheader"]').all()]
            for r in dataframe.locator('[role="row"]').all()]


def charts(page):
    return page.locator('[data-testid="stVegaLiteChart"]')


def red_cells(chart):
    """Marks drawn in the at-risk colour (legend symbols are not rect marks); a locator, so
    `expect(...).to_have_count(n)` waits for Vega to redraw."""
    return chart.locator(f'svg .mark-rect path[fill="{AT_RISK_RED}"], '
                         f'svg .mark-rect rect[fill="{AT_RISK_RED}"]')


class _Key:
    """Something `click_and_settle` can "click" that presses a key instead."""

    def __init__(self, page, key: str):
        self.page, self.key = page, key

    def click(self) -> None:
        self.page.keyboard.press(self.key)


def choose(page, selectbox, option: str) -> None:
    """Pick `option` in an st.selectbox by typing it, as a keyboard user would, and wait for the rerun.

    Typing rather than clicking the option: the list opens below the box and, while the
    charts above are still laying out, an option can be out of reach of the pointer.
    """
    selectbox.locator("input").click()
    page.keyboard.type(option)
    page.get_by_role("option", name=option, exact=True).wait_for(state="attached")
    click_and_settle(page, _Key(page, "Enter"))


def test_carec_published_averages_and_china_partial(open_page, carec_app):
    page = open_page("maturity", app=carec_app)
    expect(page.get_by_role("heading", name="Maturity", exact=True)).to_be_visible()
    table = rows(page.locator('[data-testid="stDataFrame"]').first)
    header = table[0]
    col = {name: header.index(name) for name in ("administration", "IE readiness", "IE maturity", "partial")}
    shown = {r[col["administration"]]: (r[col["IE readiness"]], r[col["IE maturity"]], r[col["partial"]])
             for r in table[1:]}
    assert {who: v[:2] for who, v in shown.items()} == PUBLISHED
    assert shown[CHINA][2] == "IE readiness (2 of 10), IE maturity (5 of 10)"
    assert all(v[2] == "" for who, v in shown.items() if who != CHINA)


def test_carec_heatmap_in_the_three_bands(open_page, carec_app):
    page = open_page("maturity", app=carec_app)
    heatmap = charts(page).first
    expect(heatmap.locator("svg")).to_be_visible()
    labels = heatmap.locator("svg text").all_text_contents()
    assert labels.count("3.3*") == 1 and labels.count("3.5*") == 1  # China's partial averages
    for legend in ("At risk", "Simple pilot level", "Complex pilot level"):
        assert legend in labels
    # 6 key areas at risk for Mongolia and for Tajikistan, 1 each for Kazakhstan, Kyrgyz Republic, Uzbekistan
    expect(red_cells(heatmap)).to_have_count(15)


def test_carec_profile_follows_the_chosen_administration(open_page, carec_app):
    page = open_page("maturity", app=carec_app)
    main = page.locator('[data-testid="stMain"]')
    expect(main.get_by_role("heading", name="Profile")).to_be_visible()
    profile = charts(page).nth(1)
    expect(profile.locator("svg .mark-rect path").first).to_be_attached()
    expect(red_cells(profile)).to_have_count(0)  # Azerbaijan, first in the list: nothing at risk
    choose(page, main.locator('[data-testid="stSelectbox"]').filter(has_text="Administration"), "Mongolia")
    expect(main.get_by_text(re.compile(r"^Mongolia, assessed 2016-09-21"))).to_be_visible()
    expect(red_cells(charts(page).nth(1))).to_have_count(6)
    assert "One assessment of this administration" in main.inner_text()  # no trend for 2016 alone


def test_example_trend_and_projected_maturity_against_targets(open_page, example_app):
    page = open_page("maturity", app=example_app)
    main = page.locator('[data-testid="stMain"]')
    for heading in ("Trend", "Projected maturity against targets"):
        expect(main.get_by_role("heading", name=heading)).to_be_visible()
    expect(charts(page)).to_have_count(4)  # heatmap, profile, trend, projection
    # with the dependency forecast, the risk engine finishes after the 2027-12-31 target
    assert outcomes(main) == {"Within Customs": "late", "With other agencies through a Single Window": "met",
                              "International": "no-project", "Program Management": "met",
                              "Information Technology": "met"}
    assert "risk-engine" in grid_text(main.locator('[data-testid="stDataFrame"]').last)

    click_and_settle(page, main.locator("label", has_text="Use planned end dates instead of the forecast"))
    table = main.locator('[data-testid="stDataFrame"]').last
    expect(table.locator('[role="gridcell"]', has_text=re.compile(r"^late$"))).to_have_count(0)  # redrawn
    assert outcomes(main)["Within Customs"] == "met"
    assert outcomes(main)["International"] == "no-project"


def outcomes(main) -> dict[str, str]:
    """Target name -> outcome, from the targets table (the page's last dataframe)."""
    table = rows(main.locator('[data-testid="stDataFrame"]').last)
    name, outcome = table[0].index("name"), table[0].index("outcome")
    return {r[name]: r[outcome] for r in table[1:]}


def test_maturity_page_opens_clean_on_every_workspace(open_page, any_app):
    page = open_page("maturity", app=any_app)
    expect(page.get_by_role("heading", name="Maturity", exact=True)).to_be_visible()
    assert page.locator('img[src="x"]').count() == 0
