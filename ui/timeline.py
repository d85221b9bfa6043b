"""Timeline: planned and forecast bars per project or per programme, milestones, today, the critical path; what-if."""
import streamlit as st

from portfolio import charts_schedule as charts
from portfolio import export
from portfolio import filters as fl
from portfolio import humanize as hz
from portfolio import timeline as tl
from portfolio.whatif import messages, what_if
from ui.analysis import schedule_of
from ui.filters import as_of_date, sidebar_filters
from ui.state import current_workspace
from ui.tables import show
from ui.text import md_escape

LARGE = 150  # more projects than this open on one bar per programme
PAGE_SIZES = [25, 50, 100, 200]

ws = current_workspace()
sched = schedule_of(ws)
filters = sidebar_filters(ws)
today = as_of_date()

st.title("Timeline")
if ws.errors:
    st.warning(f"{len(ws.errors)} errors in the workspace files; projects that failed to load are not shown. "
               "See Problems.")
if sched.cyclic:
    st.error(f"{len(sched.cyclic)} projects are in a dependency cycle and shown at their planned dates: "
             f"{md_escape(', '.join(sched.cyclic))}. See Problems.")
if sched.finish:
    st.caption(f"Portfolio finish (forecast): {hz.day(sched.finish)} · {len(sched.critical_path)} projects on the "
               f"critical path · {len(sched.conflicts)} plans start before a dependency allows. Grey bars: plan; "
               "coloured: forecast; black outline: critical path; diamonds: milestones (hollow when done); "
               "red line: today.")

frame = tl.timeline_frame(ws, sched, today)
c1, c2, c3, c4 = st.columns([2, 2, 1.3, 1.3])
default_view = "Programmes" if len(frame) > LARGE else "Projects"
view = c1.segmented_control("Show", ["Projects", "Programmes"], key="timeline-view",
                            default=default_view) or default_view  # a second click unselects: keep the default
color_by = c2.segmented_control("Colour by", list(charts.COLOR_BY), key="timeline-colour", default="health") or "health"
critical_only = c3.toggle("Critical path only", key="timeline-critical")
with_milestones = c4.toggle("Milestones", value=True, key="timeline-milestones")

shown = tl.select(frame, fl.matches(ws, filters) if filters else None, critical_only)
if filters:
    st.info(f"{len(shown):,} of {len(frame):,} projects — {md_escape(filters.describe())}.",
            icon=":material/filter_alt:")
if shown.empty:
    st.info("No project to show: clear some filters in the sidebar, or add projects under projects/.")
elif view == "Programmes":
    rollup = tl.programme_rollup(shown)
    st.altair_chart(charts.programme_chart(rollup, today, color_by=color_by), key="timeline-programmes",
                    width="content")
    names = dict(zip(rollup["programme"], rollup["programme_name"]))
    opened = st.selectbox("Open a programme", list(names), index=None, format_func=names.get,
                          key="timeline-open", placeholder="One bar per project of…")
    if opened:
        members = tl.select(shown, shown.loc[shown["programme"] == opened, "id"])
        part, _ = tl.page_of(members, 1, charts.MAX_ROWS)
        if len(members) > len(part):
            st.caption(f"The first {len(part):,} of its {len(members):,} projects. To page through all, pick this "
                       "programme in the sidebar's Programme filter and show Projects.")
        st.altair_chart(charts.timeline_chart(part, tl.milestones_for(sched, part["id"]) if with_milestones else None,
                                              today, color_by=color_by, group=False),
                        key="timeline-programme-projects", width="content")
else:
    p1, p2, p3 = st.columns([1, 1, 3])
    size = p1.selectbox("Projects per page", PAGE_SIZES, index=1, key="timeline-size")
    pages = max(1, -(-len(shown) // size))
    page = p2.number_input(f"Page (of {pages})", min_value=1, max_value=pages, value=1, step=1, key="timeline-page")
    group = p3.toggle("Group by programme", value=True, key="timeline-group")
    part, pages = tl.page_of(shown, int(page), size)
    st.caption(f"Projects {(int(page) - 1) * size + 1:,}–{(int(page) - 1) * size + len(part):,} of {len(shown):,}, "
               "ordered by programme, then forecast start.")
    st.altair_chart(charts.timeline_chart(part, tl.milestones_for(sched, part["id"]) if with_milestones else None,
                                          today, color_by=color_by, group=group),
                    key="timeline-projects", width="content")

st.subheader("What if a project slips?")
movable = [pid for pid, p in ws.projects.items() if p.status not in ("completed", "cancelled")]
w1, w2 = st.columns([3, 1])
delayed = w1.multiselect("Delay", movable, key="whatif-projects", placeholder="Pick one or more projects",
                         format_func=lambda i: f"{ws.projects[i].name} ({i})")
days = w2.number_input("by days", min_value=0, max_value=3650, value=90, step=1, key="whatif-days")
if delayed:
    result = what_if(ws, {pid: int(days) for pid in delayed}, before=sched)
    st.markdown(f"Delaying {hz.plural(len(delayed), 'project')} by {int(days)} days moves "
                f"**{hz.plural(len(result.projects), 'project')}** and "
                f"**{hz.plural(len(result.milestones), 'milestone')}**.")
    for line in messages(ws, result):
        st.error(md_escape(line), icon=":material/flag:")
    if result.projects:
        moves = result.frame().rename(columns={"before": "forecast_end", "after": "new_forecast_end"})
        show(moves, key="whatif-moves", days_title="moved (days)")

with st.expander(f"Dependency conflicts ({len(sched.conflicts)})"):
    st.caption("A project planned to start before its dependency allows (the predecessor's forecast end + 1 + lag).")
    show(tl.conflict_frame(sched), key="timeline-conflicts", days_title="days too early")

d1, d2 = st.columns(2)
d1.download_button("Download Mermaid gantt (for a GitHub .md)",
                   lambda: export.markdown(export.mermaid_gantt(ws, sched)),
                   file_name="timeline.md", mime="text/markdown", icon=":material/download:")
d2.download_button("Download milestones and ends (.ics)", lambda: export.ics_calendar(ws, sched),
                   file_name="portfolio.ics", mime="text/calendar", icon=":material/event:")

# --- Baseline bars from git (the baselines feature; the section lives in ui/baseline_views.py) ---
from ui.baseline_views import baseline_bars_section  # noqa: E402

baseline_bars_section(ws, sched, shown["id"])
