"""Sections other pages show from git: a project's history (Project page) and baseline bars
behind the timeline (Timeline page). Each says why when git has nothing to offer.
"""
from __future__ import annotations

from pathlib import Path

import streamlit as st

from portfolio import baseline_bars as bars
from portfolio import gitrepo
from portfolio import model as m
from portfolio.baseline_report import history_frame
from portfolio.revisions import baselines, describe, load_at, project_history
from portfolio.schedule import Schedule
from ui.state import workspace_path
from ui.tables import show
from ui.text import md_escape

ROWS = 100  # baseline bars drawn at most; the rest are in the table


@st.cache_resource(max_entries=64, show_spinner="Reading the project's history from git…")
def _history(root: str, prefix: str, pid: str, head: str):
    """Keyed by the HEAD commit: a new commit reads the history again, a rerun does not."""
    return project_history(gitrepo.Repo(Path(root), prefix), pid)


@st.cache_resource(max_entries=8, show_spinner="Reading the baseline from git…")
def _at(root: str, prefix: str, sha: str, label: str) -> m.Workspace:
    return load_at(gitrepo.Repo(Path(root), prefix), sha, label=label)


def _repo() -> tuple[gitrepo.Repo | None, str]:
    try:
        return gitrepo.find_repo(workspace_path()), ""
    except gitrepo.GitError as exc:
        return None, str(exc)


def project_history_section(pid: str) -> None:
    """The commits that touched projects/<pid>.yaml: date, author, message, what changed."""
    st.subheader("History")
    repo, why = _repo()
    if repo is None:
        st.caption(f"No history: {md_escape(why)}")
        return
    try:
        head = gitrepo.resolve(repo, "HEAD")
    except gitrepo.BadRevision:
        st.caption("No history yet: the repository has no commit.")
        return
    entries = _history(str(repo.root), repo.prefix, pid, head)
    if not entries:
        st.caption(f"No commit has touched projects/{md_escape(pid)}.yaml yet (a new, uncommitted file?).")
        return
    st.dataframe(history_frame(entries), hide_index=True, width="stretch", key="project-history")
    st.caption("Each commit compared with the one before it (newest first; uncommitted edits are not listed). "
               "The Changes page compares the whole portfolio with a baseline.")


def baseline_bars_section(ws: m.Workspace, sched: Schedule, ids) -> None:
    """The shown projects' dates in a baseline (a git tag or commit) behind today's plan and forecast."""
    st.subheader("Against a baseline")
    # Off by default: reading a past plan from git is work a reader asks for, not every visit.
    if not st.toggle("Show the dates of an approved past plan (a git tag or commit) behind today's",
                     key="timeline-baseline-on"):
        return
    repo, why = _repo()
    if repo is None:
        st.caption(f"Not available: {md_escape(why)}")
        return
    choices = baselines(repo)
    if not choices:
        st.caption("The repository has no commit yet.")
        return
    base = st.selectbox("Baseline", choices, format_func=lambda c: c.label, key="timeline-baseline",
                        help="Tags first (newest first), then the latest commits that changed the workspace.")
    try:
        past = _at(str(repo.root), repo.prefix, base.sha, describe(repo, base.sha, base.name))
    except gitrepo.GitError as exc:
        st.error(md_escape(exc))
        return
    frame = bars.frame(past, ws, sched)
    frame = frame[frame["id"].isin(set(ids))].reset_index(drop=True)
    if frame.empty:
        st.caption("No project to show.")
        return
    st.altair_chart(bars.chart(frame.head(ROWS)), key="timeline-baseline-chart", width="content")
    st.caption("Dashed outline: planned dates in the baseline; blue: planned now; dark line: forecast now. "
               + (f"The first {ROWS} of {len(frame):,} projects are drawn; all are in the table."
                  if len(frame) > ROWS else ""))
    moved = frame[frame["slip_days"].fillna(0) != 0]
    if not moved.empty:
        show(moved[["id", "name", "baseline_end", "end", "slip_days"]].rename(
            columns={"id": "project", "baseline_end": "baseline end", "slip_days": "days"}),
            key="timeline-baseline-moved", days_title="end moved (days)")
    added = int((~frame["in_baseline"]).sum())
    if added:
        st.caption(f"{added:,} of these projects were added since the baseline (no outline).")
