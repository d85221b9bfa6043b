"""Browser tests: the real app in a real Chromium, through Playwright's sync API.

What this gives page tests (see test_app.py for examples):

- `example_app`, `broken_app`, `hostile_app`: a Streamlit server per workspace, started
  once per session on a free port (`App.url`, `App.workspace`, `App.log()`).
  `any_app` is the same three as one parametrised fixture.
- `page`: a fresh Playwright page (own browser context) in the one shared Chromium.
- `open_page(path="", app=None)`: opens http://localhost:PORT/<path> of `app` (default:
  the example workspace), waits until Streamlit has finished running the script and
  asserts that no exception, no "Traceback" and no JavaScript dialog is on screen.
  After a click that reruns the script, `click_and_settle(page, locator)` waits and checks.
- In browser_helpers.py: `click_and_settle`, `settle`, `nav_links(page)`, `metric(page, label)`, `grid_rows(locator)`,
  `grid_text(locator)` (st.dataframe draws on a canvas; its accessible table holds
  the cells of the rows on screen).

The browser is Debian's /usr/bin/chromium (or $PORTFOLIO_CHROMIUM), never a
Playwright download. Without it the tests are skipped, except in CI (env CI set),
where a missing browser is an error.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

# Test files here say `from browser_helpers import ...`: this package is imported as
# `browser` from tests/, so its own folder has to be on the path too.
sys.path.insert(0, str(Path(__file__).parent))

from browser_helpers import (CHROMIUM, CHROMIUM_ARGS, EXAMPLE, RUN_TIMEOUT_MS, VIEWPORT, App,
                             make_broken_workspace, make_hostile_workspace, settle, watch)  # noqa: E402


def pytest_collection_modifyitems(config, items):
    """Every test in this folder is a browser test, even if its author forgot the marker."""
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.path)).parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def _apps(tmp_path_factory):
    """Starts each workspace's server on first use; stops them all at the end."""
    started: dict[str, App] = {}
    builders = {
        "example": lambda d: EXAMPLE,
        "broken": lambda d: make_broken_workspace(d / "broken"),
        "hostile": lambda d: make_hostile_workspace(d / "hostile"),
    }

    def get(name: str) -> App:
        if name not in started:
            d = tmp_path_factory.mktemp(f"ws-{name}")
            app = App(name, builders[name](d), d / "streamlit.log")
            started[name] = app  # before start(): a failed start is still stopped
            app.start()
        return started[name]

    yield get
    for app in started.values():
        app.stop()


@pytest.fixture(scope="session")
def example_app(_apps) -> App:
    return _apps("example")


@pytest.fixture(scope="session")
def broken_app(_apps) -> App:
    return _apps("broken")


@pytest.fixture(scope="session")
def hostile_app(_apps) -> App:
    return _apps("hostile")


@pytest.fixture(params=["example", "broken", "hostile"])
def any_app(request, _apps) -> App:
    return _apps(request.param)


# --- the browser -----------------------------------------------------------------------------

@pytest.fixture(scope="session")
def browser():
    if not os.access(CHROMIUM, os.X_OK):
        message = f"{CHROMIUM} not found: install Debian's chromium (./dev test does)"
        if os.environ.get("CI"):
            pytest.fail(message + " — a missing browser is an error in CI")
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport=VIEWPORT)
    context.set_default_timeout(RUN_TIMEOUT_MS)
    p = context.new_page()
    watch(p)
    yield p
    context.close()


@pytest.fixture
def open_page(page, _apps):
    """open_page(path="", app=None) -> the Playwright page, loaded and checked."""

    def open_(path: str = "", app: App | None = None):
        app = app or _apps("example")
        page.goto(app.url + path.lstrip("/"), wait_until="domcontentloaded")
        settle(page)
        return page

    return open_
