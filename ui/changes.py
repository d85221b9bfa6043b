"""Changes: what slipped, grew, was added or dropped since a baseline (a git tag or commit).

The baseline is read from git without touching the working tree (`portfolio.revisions`);
`?base=<tag or short id>` in the URL picks it, so a link shows the same comparison.
"""
import shlex
from pathlib import Path

import streamlit as st

from portfolio import baseline_report as report
from portfolio import gitrepo
from portfolio.baseline import diff
from portfolio.revisions import baselines, describe, load_at
from ui.state import current_workspace, workspace_path
from ui.tables import show
from ui.text import md_escape

WORKING_TREE = "working tree"


@st.cache_resource(max_entries=8, show_spinner="Reading the baseline from git…")
def _at(root: str, prefix: str, sha: str, label: str):
    """A past state never changes, so it is cached by its commit id."""
    return load_at(gitrepo.Repo(Path(root), prefix), sha, label=label)


st.title("Changes since a baseline")
ws = current_workspace()
try:
    repo = gitrepo.find_repo(workspace_path())
    choices = baselines(repo)
except gitrepo.GitError as exc:
    st.info(f"Baselines are not available: {md_escape(exc)}")
    st.caption("Every other page works without git; this one compares the plan with its past versions.")
    st.stop()
if not choices:
    st.info("The repository has no commit yet: commit the workspace (and tag the approved plan, "
            "`git tag -a v1.0 -m \"Approved\"`) to compare with it later.")
    st.stop()

by_name = {c.name: c for c in choices}
asked = st.query_params.get("base")
if asked in by_name and st.session_state.get("changes-base-name") != asked:
    st.session_state["changes-base"] = by_name[asked]  # the URL wins over the last pick
elif st.session_state.get("changes-base") not in choices:
    st.session_state.pop("changes-base", None)  # a commit or tag that is gone since
if st.session_state.get("changes-target") not in (WORKING_TREE, *choices):
    st.session_state.pop("changes-target", None)
left, right = st.columns(2)
base = left.selectbox("Baseline", choices, format_func=lambda c: c.label, key="changes-base",
                      help="The repository's tags first (newest first), then the latest commits that "
                           "changed the workspace.")
target = right.selectbox("Compare with", [WORKING_TREE, *choices], key="changes-target",
                         format_func=lambda t: "the working tree (the files as they are now)" if t == WORKING_TREE
                         else t.label)
st.session_state["changes-base-name"] = base.name
st.query_params["base"] = base.name

try:
    before_label = describe(repo, base.sha, base.name)
    before = _at(str(repo.root), repo.prefix, base.sha, before_label)
    if target == WORKING_TREE:
        after, after_label = ws, WORKING_TREE
    else:
        after_label = describe(repo, target.sha, target.name)
        after = _at(str(repo.root), repo.prefix, target.sha, after_label)
except gitrepo.GitError as exc:
    st.error(md_escape(exc))
    st.stop()

d = diff(before, after, before_label, after_label)
st.caption(f"From **{md_escape(before_label)}** to **{md_escape(after_label)}**. Dates move in days "
           "(positive = later); the forecast respects every dependency.")
if d.not_compared:
    st.warning("Some files could not be loaded, so their projects are not compared:\n\n"
               + "\n".join(f"- {md_escape(n.side)} ({md_escape(before_label if n.side == 'before' else after_label)})"
                           f": {md_escape(n.message)}" for n in d.not_compared))

totals = {t.name: t for t in d.totals}
cols = st.columns(5)
cols[0].metric("Projects", report.value(totals["projects"].after), report.delta(totals["projects"]) or None)
cols[1].metric("Added / removed", f"{len(d.added)} / {len(d.removed)}")
cols[2].metric("Changed", len(d.changed))
money = next(t for t in d.totals if t.name.startswith("planned budget"))
cols[3].metric(money.name.capitalize(), report.value(money.after), report.delta(money) or None,
               delta_color="inverse")
finish = totals["forecast finish"]
cols[4].metric("Forecast finish", report.value(finish.after), report.delta(finish) or None, delta_color="inverse")

if d.empty:
    st.success("No project or plan changes between these two states.")

slips = report.slips_frame(d)
if not slips.empty:
    st.subheader("Dates that moved")
    show(slips, key="changes-slips")
if d.added:
    st.subheader(f"Added projects ({len(d.added)})")
    show(report.refs_frame(d.added), key="changes-added")
if d.removed:
    st.subheader(f"Removed projects ({len(d.removed)})")
    show(report.refs_frame(d.removed), key="changes-removed", links=())
if d.renamed:
    st.subheader(f"Renamed projects ({len(d.renamed)})")
    st.dataframe([{"before": r.before, "after": r.after, "name": r.name} for r in d.renamed],
                 hide_index=True, width="stretch", key="changes-renamed")
if d.changed:
    st.subheader(f"Changed projects ({len(d.changed)})")
    show(report.changes_frame(d).query("kind == 'changed'").drop(columns="kind"), key="changes-all")
if d.plan:
    st.subheader("Plan")
    st.dataframe(report.plan_frame(d), hide_index=True, width="stretch", key="changes-plan")
if d.coverage:
    st.subheader("Guideline coverage")
    st.dataframe(report.coverage_frame(d), hide_index=True, width="stretch", key="changes-coverage")

st.subheader("Portfolio totals")
st.dataframe(report.totals_frame(d), hide_index=True, width="stretch", key="changes-totals")

markdown = report.to_markdown(d)
st.download_button("Download as Markdown (for a pull request or a committee paper)", markdown,
                   file_name=f"changes-{base.name}.md", mime="text/markdown", icon=":material/download:")
with st.expander("Markdown to copy"):
    st.code(markdown, language="markdown")
st.caption("The same from the command line:")
st.code(f"portfolio diff {shlex.quote(base.name)}" + ("" if target == WORKING_TREE else f" {shlex.quote(target.name)}")
        + f" --workspace {shlex.quote(str(workspace_path()))} --format md", language="sh")
