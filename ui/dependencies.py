"""Dependencies: the graph drawn, the critical path in red, what a chosen project waits for and holds up.

Deep link: `/dependencies?project=<id>`.
"""
import streamlit as st

from portfolio import depgraph as dg
from portfolio import filters as fl
from portfolio import humanize as hz
from ui.analysis import schedule_of
from ui.filters import sidebar_filters
from ui.state import current_workspace
from ui.tables import show
from ui.text import md_escape

PICK = "dependencies-project"
SCOPES = {"focus": "Around the project", "critical": "Critical path", "all": "Whole portfolio"}

ws = current_workspace()
sched = schedule_of(ws)
filters = sidebar_filters(ws)
graph = dg.dependency_graph(ws, sched)

st.title("Dependencies")
st.caption("An arrow points from a project to the one that waits for it (finish to start, with any lag). Red: "
           "the critical path. Blue: the chosen project, what it waits for and what waits for it. Cancelled "
           "projects and dependencies on them are left out. Fill: grey proposed, light blue approved, yellow in "
           "progress, orange on hold, green completed.")
if sched.cyclic:
    st.error(f"Dependency cycle: {md_escape(', '.join(sched.cyclic))} are kept at their planned dates. See Problems.")
if not graph.number_of_nodes():
    st.info("No scheduled project: add projects under projects/ (see Problems for files that failed to load).")
    st.stop()

ids = sorted(graph.nodes)
asked = st.query_params.get("project")
if asked in graph and st.session_state.get(PICK) != asked:
    st.session_state[PICK] = asked  # a link wins over the last pick
elif st.session_state.get(PICK) not in graph:
    st.session_state[PICK] = sched.critical_path[-1] if sched.critical_path else ids[0]


def _picked() -> None:
    st.query_params["project"] = st.session_state[PICK]


c1, c2 = st.columns([3, 2])
pid = c1.selectbox("Project", ids, key=PICK, on_change=_picked, format_func=lambda i: f"{graph.nodes[i]['name']} ({i})")
too_big = graph.number_of_nodes() > dg.MAX_DRAWN
default_scope = "focus" if too_big else "all"
scope = c2.segmented_control("Draw", list(SCOPES), format_func=SCOPES.get, key="dependencies-scope",
                             default=default_scope) or default_scope  # a second click unselects: keep the default
nodes = dg.drawn_nodes(graph, pid, scope)
if filters and scope == "all":
    nodes = sorted(set(nodes) & set(fl.matches(ws, filters)) | {pid})
if len(nodes) > dg.MAX_DRAWN:
    st.warning(f"{len(nodes):,} projects are too many to draw legibly; showing the chosen project's "
               f"neighbourhood. Filter in the sidebar, or draw the critical path.")
    nodes = dg.drawn_nodes(graph, pid, "focus")
st.graphviz_chart(dg.dot(graph, focus=pid, nodes=nodes), width="stretch")

hood = dg.neighbourhood(graph, pid)
s = sched.projects[pid]
st.markdown(f"**{md_escape(graph.nodes[pid]['name'])}** — forecast {hz.day(s.forecast_start)} to "
            f"{hz.day(s.forecast_end)}, slip {s.slip_days} days, float {s.float_days} days"
            + (", on the critical path" if s.critical else "") + ".")
left, right = st.columns(2)
with left:
    st.subheader(f"Waits for ({len(hood.upstream)})")
    st.caption("Everything upstream, directly or not.")
    show(dg.project_rows(ws, sched, hood.upstream).rename(columns={"id": "project"}), key="dependencies-up")
with right:
    st.subheader(f"Holds up ({len(hood.downstream)})")
    st.caption("Everything downstream: what moves if it slips.")
    show(dg.project_rows(ws, sched, hood.downstream).rename(columns={"id": "project"}), key="dependencies-down")

st.subheader(f"Critical path ({len(sched.critical_path)})")
st.caption(f"Projects with zero float: any slip of theirs moves the portfolio's finish, {hz.day(sched.finish)}.")
show(dg.project_rows(ws, sched, sched.critical_path).rename(columns={"id": "project"}), key="dependencies-critical")
