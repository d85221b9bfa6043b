"""Plain helpers for the browser tests (fixtures are in conftest.py): the workspaces the
tests run on, a Streamlit server, and reading a Streamlit page."""
from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "plans" / "example"
CHROMIUM = os.environ.get("PORTFOLIO_CHROMIUM", "/usr/bin/chromium")
# The background-networking flags matter: without them Chromium phones home at start-up,
# and on a closed network that ends in refused connections.
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
SERVER_START_TIMEOUT = 90  # seconds; a cold start on a small CI machine imports pandas, altair…
RUN_TIMEOUT_MS = 30_000    # one Streamlit script run, as seen from the browser
VIEWPORT = {"width": 1400, "height": 1000}

# Text planners may type that must show as text: not HTML, not Markdown.
HOSTILE = "<img src=x onerror=alert(1)> **bold**"

# The broken workspace: a copy of the example with these files broken, one way each.
# Chosen among projects no other file depends on, so each break is one error.
BROKEN = {
    "projects/appeals-case-management.yaml": "syntax",
    "projects/blockchain-coo-pilot.yaml": "duplicate-key",
    "projects/cloud-migration.yaml": "enum",
    "projects/data-governance.yaml": "empty",
    "projects/e-learning-platform.yaml": "encoding",
}


# --- workspaces ------------------------------------------------------------------------------

def _sub_once(path: Path, pattern: str, replacement: str) -> None:
    text = path.read_text(encoding="utf-8")
    new, n = re.subn(pattern, replacement, text, count=1, flags=re.M)
    if n != 1:
        pytest.fail(f"{path.name}: no line matches {pattern!r}; the example workspace changed, "
                    f"update tests/browser/conftest.py")
    path.write_text(new, encoding="utf-8")


def _copy_example(dest: Path) -> Path:
    shutil.copytree(EXAMPLE, dest)
    return dest


def make_broken_workspace(dest: Path) -> Path:
    ws = _copy_example(dest)
    for rel in BROKEN:
        if not (ws / rel).is_file():
            pytest.fail(f"{rel} is not in plans/example any more; pick another file in BROKEN "
                        f"(tests/browser/conftest.py)")
    # A YAML syntax error: an unclosed flow sequence at the end.
    p = ws / "projects/appeals-case-management.yaml"
    p.write_text(p.read_text(encoding="utf-8") + "notes: [unclosed\n", encoding="utf-8")
    # A duplicate key: YAML itself would silently keep the last one.
    p = ws / "projects/blockchain-coo-pilot.yaml"
    p.write_text(p.read_text(encoding="utf-8") + "status: approved\n", encoding="utf-8")
    # A status that is not one of the allowed values.
    _sub_once(ws / "projects/cloud-migration.yaml", r"^status: .*$", "status: ongoing")
    # An empty file.
    (ws / "projects/data-governance.yaml").write_bytes(b"")
    # A file saved in Latin-1, not UTF-8.
    p = ws / "projects/e-learning-platform.yaml"
    data, n = re.subn(rb"^name: .*$", "name: Formación de funcionarios".encode("latin-1"),
                      p.read_bytes(), count=1, flags=re.M)
    assert n == 1, "e-learning-platform.yaml has no name line"
    p.write_bytes(data)
    return ws


def first_project(ws: Path) -> Path:
    return sorted((ws / "projects").glob("*.yaml"))[0]


def make_hostile_workspace(dest: Path) -> Path:
    """A valid workspace whose texts look like HTML and Markdown."""
    ws = _copy_example(dest)
    quoted = HOSTILE.replace('"', '\\"')
    _sub_once(ws / "plan.yaml", r"^name: .*$", f'name: "Plan {quoted}"')
    _sub_once(ws / "plan.yaml", r"^administration: .*$", f'administration: "Customs {quoted}"')
    _sub_once(first_project(ws), r"^name: .*$", f'name: "Portal {quoted}"')
    return ws


# --- Streamlit servers -----------------------------------------------------------------------

def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("", 0))
        return s.getsockname()[1]


@dataclass
class App:
    """One `streamlit run app.py` serving one workspace."""

    name: str
    workspace: Path
    log_path: Path
    port: int = 0
    proc: subprocess.Popen | None = field(default=None, repr=False)

    @property
    def url(self) -> str:
        return f"http://localhost:{self.port}/"

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def start(self) -> App:
        for _attempt in range(3):  # the free port may be taken between choosing and binding it
            self.port = _free_port()
            env = {**os.environ, "PORTFOLIO_WORKSPACE": str(self.workspace),
                   "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false",
                   "STREAMLIT_SERVER_HEADLESS": "true"}
            with open(self.log_path, "ab") as log:
                self.proc = subprocess.Popen(
                    [sys.executable, "-m", "streamlit", "run", "app.py",
                     "--server.headless", "true", "--server.port", str(self.port),
                     "--server.fileWatcherType", "none", "--browser.gatherUsageStats", "false",
                     # a known address: Streamlit then does not look up the external IP
                     "--browser.serverAddress", "localhost"],
                    cwd=REPO, env=env, stdin=subprocess.DEVNULL, stdout=log,
                    stderr=subprocess.STDOUT, start_new_session=True)
            if self._wait_healthy():
                return self
            self.stop()
            if "already in use" not in self.log():
                break
        pytest.fail(f"streamlit for the {self.name} workspace did not start; its log:\n"
                    + self.log()[-4000:])

    def _wait_healthy(self) -> bool:
        deadline = time.monotonic() + SERVER_START_TIMEOUT
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                return False
            try:
                with urllib.request.urlopen(f"{self.url}_stcore/health", timeout=2) as r:
                    if r.status == 200:
                        return True
            except OSError:
                pass
            time.sleep(0.2)
        return False

    def stop(self) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        try:
            os.killpg(self.proc.pid, signal.SIGTERM)
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(timeout=10)
        except ProcessLookupError:
            pass


def settle(page) -> None:
    """After page.goto: wait until Streamlit has finished running the script, then check
    the screen is clean. (After a click, use click_and_settle.)"""
    app = '[data-testid="stApp"]'
    page.locator(app + '[data-test-connection-state="CONNECTED"]').wait_for(state="attached")
    page.locator(app + '[data-test-script-state="notRunning"]').wait_for(state="attached")
    page.locator('[data-testid="stStatusWidget"]').wait_for(state="hidden")
    # The last messages of a run may not be painted yet: let React render two frames.
    page.evaluate("new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    assert_no_error_on_screen(page)


def watch(page) -> None:
    """Record what the helpers below check: JavaScript dialogs (dismissed) and the app's
    websockets. The `page` fixture calls this; call it on any page you make yourself."""
    page.js_dialogs = []  # an alert() from rendered text would be an injection
    page.st_sockets = []
    page.on("dialog", lambda d: (page.js_dialogs.append(d.message), d.dismiss()))
    page.on("websocket", lambda ws: page.st_sockets.append(ws)
            if ws.url.endswith("/_stcore/stream") else None)


_RUN_DONE = (ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_WITH_COMPILE_ERROR)


def _script_finished(payload) -> bool:
    """Is this websocket frame the server's "script run finished" message?"""
    if isinstance(payload, str):
        return False
    try:
        msg = ForwardMsg.FromString(payload)
    except Exception:  # noqa: BLE001 - not a ForwardMsg, not ours
        return False
    return msg.WhichOneof("type") == "script_finished" and msg.script_finished in _RUN_DONE


def click_and_settle(page, target) -> None:
    """Click `target` (a locator) — a click that makes Streamlit rerun the script, such
    as a navigation link or a widget — wait for that run to finish, and check the screen.

    The "script state" attribute of the page is of no use here: switching pages does not
    change it. So this waits for the server's "script finished" message on the websocket.
    """
    live = [ws for ws in page.st_sockets if not ws.is_closed()]
    assert live, "no open Streamlit websocket on this page (was it opened with open_page?)"
    with live[-1].expect_event("framereceived", predicate=_script_finished,
                               timeout=RUN_TIMEOUT_MS):
        target.click()
    settle(page)


def assert_no_error_on_screen(page) -> None:
    exceptions = page.locator('[data-testid="stException"]')
    if exceptions.count():
        pytest.fail(f"exception on {page.url}:\n" + "\n---\n".join(exceptions.all_inner_texts()))
    body = page.locator("body").inner_text()
    assert "Traceback" not in body, f"'Traceback' on {page.url}:\n{body[:4000]}"
    assert not page.js_dialogs, f"JavaScript dialog opened on {page.url}: {page.js_dialogs}"


# --- reading the screen ----------------------------------------------------------------------

def nav_links(page) -> dict[str, str]:
    """The navigation's page labels (icon names left out) -> their hrefs."""
    more = page.locator('[data-testid="stSidebarNavViewButton"]')
    if more.count() and "more" in more.inner_text().lower():
        more.click()
    links = {}
    for a in page.locator('[data-testid="stSidebarNavLink"]').all():
        label = [line for line in a.inner_text().splitlines() if line.strip()][-1].strip()
        links[label] = a.get_attribute("href")
    return links


def metric(page, label: str) -> str:
    """The value of the st.metric whose label is exactly `label`."""
    m = page.locator('[data-testid="stMetric"]').filter(
        has=page.locator('[data-testid="stMetricLabel"]', has_text=re.compile(rf"^\s*{re.escape(label)}\s*$")))
    return m.locator('[data-testid="stMetricValue"]').inner_text().strip()


def grid_rows(dataframe) -> int:
    """Rows of data (header left out) in an st.dataframe, all of them, not just those on screen."""
    grid = dataframe.locator('[role="grid"]')
    grid.wait_for(state="attached")
    return int(grid.get_attribute("aria-rowcount")) - 1


def grid_text(dataframe) -> str:
    """The text of the cells of an st.dataframe that are on screen (its accessible table)."""
    return dataframe.locator('[role="grid"]').text_content() or ""
