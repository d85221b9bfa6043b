"""Benchmark the Overview page on a large workspace, server-side, through Streamlit's AppTest.

Targets (issue 7), with 10,000 projects:
  - the Overview script's rerun after a filter change < 300 ms (workspace load cached);
  - the first load < 5 s (reading the files with a cold parse cache, scheduling, first run).

Baselines, measured in the same process so the ratios hold on any machine:
  - rerun: a minimal page that only loads the cached workspace and shows the project
    table (Streamlit's own floor for a page that shows 10,000 rows);
  - first load: `load_workspace` alone (reading and checking the files).

Also prints the library calls the page makes, each timed on its own.

    python bench/dashboard_bench.py            # 10,000 projects
    python bench/dashboard_bench.py 2000       # another size
"""
from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path[:0] = [str(REPO), str(HERE)]

from generate import generate  # noqa: E402

BASELINE_PAGE = """
import streamlit as st
from portfolio.overview import project_frame
from ui.state import current_workspace
ws = current_workspace()
st.title("Baseline")
st.dataframe(project_frame(ws), hide_index=True)
"""
FILTERS = [("filter-status", ["in-progress"]), ("filter-status", ["in-progress", "approved"]),
           ("filter-funding", ["donor"]), ("filter-programme", ["prog-1", "prog-2"]), ("filter-status", []),
           ("filter-funding", []), ("filter-programme", [])]


def timed(fn) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def app_test(path: str):
    from streamlit.testing.v1 import AppTest

    return AppTest.from_file(path, default_timeout=600)


def library_calls(root: Path, n: int) -> None:
    from portfolio import alignment as al
    from portfolio import dashboard as db
    from portfolio import filters as fl
    from portfolio import headline as hl
    from portfolio.schedule import schedule
    from portfolio.workbook import portfolio_table
    from portfolio.workspace import load_workspace

    ws = load_workspace(root)
    sched = schedule(ws)
    view = db.View(ws, sched, date(2028, 1, 1))
    board = hl.Board.build(view)
    narrowed = board.narrow(fl.matches(ws, fl.Filters(status=("in-progress",))))
    calls = {
        "schedule": lambda: schedule(ws),
        "filters.apply (status)": lambda: fl.apply(ws, fl.Filters(status=("in-progress",))),
        "Board.build (every list, once)": lambda: hl.Board.build(view),
        "  of which alignment tree": lambda: al.tree(ws),
        "  of which portfolio table": lambda: portfolio_table(view),
        "filters.matches + narrow": lambda: board.narrow(fl.matches(ws, fl.Filters(status=("in-progress",)))),
        "figures of a narrowed board": lambda: hl.figures(narrowed),
    }
    print(f"\nlibrary calls on {n:,} projects (median of 3):")
    for name, fn in calls.items():
        print(f"  {name:<34} {statistics.median(timed(fn) for _ in range(3)) * 1000:8.1f} ms")


def main(n: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = generate(Path(tmp) / "ws", n)
        os.environ["PORTFOLIO_WORKSPACE"] = str(root)
        os.environ["XDG_CACHE_HOME"] = str(Path(tmp) / "cache")  # a cold parse cache for the first load

        from portfolio.workspace import load_workspace

        baseline_load = timed(lambda: load_workspace(root, cache=False))

        at = app_test(str(REPO / "ui" / "overview.py"))
        first = timed(at.run)
        assert not at.exception, at.exception
        projects = next(m.value for m in at.metric if m.label == "Projects")

        reruns = []
        for key, values in FILTERS:
            at.multiselect(key=key).set_value(values)
            reruns.append(timed(at.run))
            assert not at.exception, at.exception
        plain = [timed(at.run) for _ in range(3)]

        from ui.state import _load  # the same load with the parse cache now warm, as after one edited file
        _load.clear()
        warm = timed(app_test(str(REPO / "ui" / "overview.py")).run)

        page = Path(tmp) / "baseline_page.py"
        page.write_text(BASELINE_PAGE, encoding="utf-8")
        base = app_test(str(page))
        base.run()  # the workspace is already in Streamlit's resource cache
        base_reruns = [timed(base.run) for _ in range(5)]

        rerun, base_rerun = statistics.median(reruns), statistics.median(base_reruns)
        print(f"Overview page, {n:,} projects (shows {projects}), server-side via AppTest")
        print(f"  first load (cold parse cache, schedule, first run) {first:7.2f} s   target < 5 s   "
              f"{'OK' if first < 5 else 'OVER'}")
        print(f"    baseline load_workspace alone                   {baseline_load:7.2f} s   "
              f"ratio {first / baseline_load:.2f}x")
        print(f"  reload with a warm parse cache (one file edited)  {warm:7.2f} s   "
              f"{'OK' if warm < 5 else 'OVER'}")
        print(f"  rerun after a filter change, median of {len(reruns)}      {rerun * 1000:7.0f} ms  target < 300 ms "
              f"{'OK' if rerun < 0.3 else 'OVER'}  (max {max(reruns) * 1000:.0f} ms)")
        print(f"    rerun with no change, median of 3               {statistics.median(plain) * 1000:7.0f} ms")
        print(f"    baseline page (cached load + project table)     {base_rerun * 1000:7.0f} ms   "
              f"ratio {rerun / base_rerun:.2f}x")
        library_calls(root, n)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)
