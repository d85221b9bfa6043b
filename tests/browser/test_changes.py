"""The Changes page in a browser, on a temporary git repository with tags (tests/gitrepos.py).

The last commit gives a project a name, and the commit a message, that look like HTML
and Markdown: both must show as text.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from playwright.sync_api import expect

from browser_helpers import HOSTILE, App, click_and_settle, grid_rows, grid_text, metric, nav_links, settle

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/, for gitrepos
from gitrepos import ALPHA_V2, GitRepoFactory, build_history  # noqa: E402

pytestmark = pytest.mark.browser
FOLDER = "plans/national"


@pytest.fixture(scope="module")
def git_app(tmp_path_factory):
    d = tmp_path_factory.mktemp("ws-git")
    repo = GitRepoFactory(d / "planning")
    shas = build_history(repo, FOLDER)
    quoted = HOSTILE.replace('"', '\\"')
    repo.write(f"{FOLDER}/projects/alpha.yaml", ALPHA_V2.replace("name: Electronic manifest", f'name: "{quoted}"'))
    shas["hostile"] = repo.commit(f"Rename alpha {HOSTILE}")
    app = App("git", repo.root / FOLDER, d / "streamlit.log")
    try:
        app.start()
        yield app, shas
    finally:
        app.stop()


def open_changes(page, app: App, query: str = ""):
    page.goto(app.url + "changes" + query, wait_until="domcontentloaded")
    settle(page)
    expect(page.get_by_role("heading", name="Changes since a baseline")).to_be_visible()
    return page


def test_changes_page_is_in_the_navigation(page, git_app):
    app, _ = git_app
    page.goto(app.url, wait_until="domcontentloaded")
    settle(page)
    assert "Changes" in nav_links(page)


def test_approved_plan_against_the_working_tree(page, git_app):
    app, shas = git_app
    open_changes(page, app, "?base=v1.0")
    assert metric(page, "Added / removed") == "1 / 1"
    assert metric(page, "Changed") == "2"
    assert metric(page, "Forecast finish") == "2027-06-30"
    body = page.locator("body").inner_text()
    assert "Added projects (1)" in body and "Removed projects (1)" in body and "Renamed projects (1)" in body
    assert f"v1.0 ({shas['v1.0'][:10]})" in body
    tables = page.locator('[data-testid="stDataFrame"]')
    slips = tables.first
    assert grid_rows(slips) == 2 and "alpha" in grid_text(slips)
    # The hostile name is in the changes table and the Markdown, as text; no dialog opened (settle checks).
    page.get_by_text("Markdown to copy").click()
    code = page.locator('[data-testid="stCode"]').first.inner_text()
    assert "## Changes from v1.0" in code and "onerror" in code
    assert page.locator("img[src=x]").count() == 0


def test_picking_another_baseline_and_a_baseline_without_the_workspace(page, git_app):
    app, shas = git_app
    open_changes(page, app)
    # The newest commit's message is hostile HTML: it must appear as text in the list.
    page.get_by_role("combobox", name="Baseline").click()  # opening the list does not rerun the script
    options = page.locator('[role="option"]')
    expect(options.first).to_be_visible()
    labels = options.all_inner_texts()
    assert [label.split(" — ")[0] for label in labels[:3]] == ["broken", "v1.0", "before-ws"]
    assert any(HOSTILE in label for label in labels)
    click_and_settle(page, options.filter(has_text=re.compile(r"^before-ws")))
    assert "did not exist at before-ws" in page.locator('[data-testid="stAlert"]').first.inner_text()
    assert page.locator("img[src=x]").count() == 0
    expect(page).to_have_url(re.compile(r"base=before-ws"))
