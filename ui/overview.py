"""Overview: where the portfolio stands and what needs a decision, each figure one click from its list.

Speed: every list is computed once per workspace and as-of date (`ui.analysis.board_of`);
a filter change only selects rows of it, and only the section picked is drawn.
"""
from datetime import datetime

import streamlit as st

from portfolio import charts_dashboard as charts
from portfolio import dashboard as db
from portfolio import filters as fl
from portfolio import headline as hl
from portfolio import humanize as hz
from portfolio.report import build as build_report
from portfolio.workbook import to_xlsx
from ui.analysis import board_of, schedule_of
from ui.filters import as_of_date, sidebar_filters
from ui.state import current_workspace
from ui.tables import show
from ui.text import md_escape

SECTIONS = ("Status and health", "Budget and funding", "Schedule", "Sustainment", "Risks", "Strategic alignment",
            "All projects")

ws = current_workspace()
sched = schedule_of(ws)
filters = sidebar_filters(ws)
as_of = as_of_date()
ids = fl.matches(ws, filters) if filters else None
board = board_of(ws, as_of).narrow(ids)
ccy = board.currency
in_view = len(board["projects"])

st.title("Portfolio overview")
if ws.plan is None:
    st.error("This workspace has no valid plan.yaml. See the Problems page.")
else:
    st.caption(f"{md_escape(ws.plan.administration)} — {md_escape(ws.plan.name)} "
               f"({hz.day(ws.plan.period.start)} to {hz.day(ws.plan.period.end)}). As of {hz.day(as_of)}.")
if ws.errors or ws.unloaded:
    st.warning(f"{hz.plural(len(ws.errors), 'error')} and {hz.plural(len(ws.warnings), 'warning')} in the "
               f"workspace files; {hz.plural(len(ws.unloaded), 'file')} could not be loaded and "
               "are not counted below. See Problems.")
if filters:
    st.info(f"Showing {in_view:,} of {len(ws.projects):,} projects — {md_escape(filters.describe())}.",
            icon=":material/filter_alt:")
if not in_view:
    st.info("No project to show: " + ("no project matches the filters; clear some in the sidebar."
                                      if filters else "add project files under projects/."))
    st.stop()

# --- headline figures, each with the list behind it ------------------------------------------
lists = {f.key: f.rows(board) for f in hl.FIGURES}
values = {f.key: hl.value(f, lists[f.key]) for f in hl.FIGURES}
b = board.burn()


def shown(f: hl.Figure) -> str:
    """Money short, without the currency (the label names it): metrics are narrow."""
    return hz.money(values[f.key], ccy, short=True).removeprefix(ccy + " ") if f.money else hz.count(values[f.key])


def label(f: hl.Figure) -> str:
    return f"{f.label} ({ccy})" if f.money else f.label


LAYOUT = (("projects", "in-progress", "red", "amber", "slipping"),
          ("planned", "spent", "overdue-milestones", "due-milestones"),
          ("sustainment-gaps", "high-risks", "objectives-without-active", "unaligned"))
for keys in LAYOUT:
    for col, key in zip(st.columns(len(keys)), keys):
        f = hl.BY_KEY[key]
        col.metric(label(f), shown(f), help=f.help)
if b.unconverted:
    st.caption("Not in the money figures, for want of an exchange rate in plan.yaml: "
               + ", ".join(f"{amount:,.0f} {cur}" for cur, amount in b.unconverted.items()))

labels = {f.key: f"{label(f)}: {shown(f)}" for f in hl.FIGURES}
picked = st.segmented_control("Show the list behind", list(labels), format_func=labels.__getitem__,
                              key="overview-drill", default="projects")
if picked:
    figure = hl.BY_KEY[picked]
    rows = lists[picked]
    st.caption(md_escape(figure.help))
    if rows.empty:
        st.write(f"None: the list behind “{figure.label}” is empty.")
    else:
        show(rows, key=f"overview-drill-{picked}", currency=ccy,
             days_title="days late" if picked == "overdue-milestones" else "days left")

# --- downloads: the same figures, on paper and in Excel (built only when clicked) -------------
left, right, _ = st.columns([1, 1, 2])
left.download_button(
    "Board report (HTML)", lambda: build_report(ws, as_of=as_of, filters=filters, sched=sched,
                                                generated=datetime.now().replace(microsecond=0)),
    file_name=f"portfolio-report-{as_of.isoformat()}.html", mime="text/html", icon=":material/summarize:",
    help="One self-contained file: opens offline, prints to PDF. Same filters and as-of date as this page.")
right.download_button(
    "Portfolio table (Excel)", lambda: to_xlsx(db.View(fl.apply(ws, filters), sched, as_of)),
    file_name=f"portfolio-{as_of.isoformat()}.xlsx",
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", icon=":material/table_view:",
    help="Projects, milestones and open risks; the filters of this page apply.")

section = st.segmented_control("Section", SECTIONS, key="overview-section", default=SECTIONS[0],
                               label_visibility="collapsed") or SECTIONS[0]


def picked_points(event) -> list[dict]:
    return (event.selection.get(charts.SELECTION) or []) if event else []


if section == "Status and health":
    event = st.altair_chart(charts.status_health(board.status_health(), select=True), on_select="rerun",
                            width="stretch", key="overview-status-chart")
    points = picked_points(event)
    projects = board["projects"]
    if points:
        keep = {(p.get("status"), p.get("health")) for p in points}
        rows = projects[[(s, h if isinstance(h, str) else "not set") in keep
                         for s, h in zip(projects["status"], projects["health"])]]
        st.caption("Projects of the bar clicked (double-click the chart to clear):")
        show(rows, key="overview-status-rows")
    else:
        st.caption("Click a bar to list its projects.")

elif section == "Budget and funding":
    st.markdown(f"Planned **{hz.money(b.planned, ccy)}**, spent **{hz.money(b.spent, ccy)}** "
                f"({hz.percent(b.rate)}). Cancelled projects are left out.")
    if b.frame.empty:
        st.info("No project in view has a budget: add `budget: {planned: …, funding: …}` to the project files.")
    else:
        event = st.altair_chart(charts.burn(b.frame, ccy, select=True), on_select="rerun", width="stretch",
                                key="overview-burn-chart")
        show(b.frame, key="overview-burn", currency=ccy)
        sources = {p.get("source") for p in picked_points(event)}
        budgets = board["budgets"]
        if sources:
            st.caption("Projects funded by " + ", ".join(md_escape(s) for s in sorted(sources)) + ":")
            show(budgets[budgets["source"].isin(sources)], key="overview-burn-rows", currency=ccy)
        else:
            st.caption("Click a bar to list the projects of that funding source.")

elif section == "Schedule":
    slips = lists["slipping"]
    st.subheader("Projects slipping")
    if slips.empty:
        st.success("No project is forecast to finish after its planned end.")
    else:
        st.altair_chart(charts.slips(slips), width="stretch")
        show(slips, key="overview-slips")
    st.subheader(f"Milestones overdue on {hz.day(as_of)}")
    over = lists["overdue-milestones"]
    if over.empty:
        st.success("No milestone is overdue.")
    else:
        show(over, key="overview-overdue", days_title="days late")
    due_by = db.View(ws, sched, as_of).due_by
    st.subheader(f"Milestones due by {hz.day(due_by)} (next {db.HORIZON_DAYS} days)")
    due = lists["due-milestones"]
    if due.empty:
        st.info(f"No milestone is due in the next {db.HORIZON_DAYS} days.")
    else:
        show(due, key="overview-due", days_title="days left")
    late = board["overdue-projects"]
    if not late.empty:
        st.subheader("Projects past their forecast end")
        show(late, key="overview-late-projects", days_title="days late")

elif section == "Sustainment":
    gaps = lists["sustainment-gaps"]
    if gaps.empty:
        st.success("Every project in view has funded sustainment after go-live.")
    else:
        st.markdown(f"**{len(gaps):,}** projects go live (or are live) with nobody funded to run them: "
                    f"**{hz.money(gaps['annual_cost'].sum(), ccy)}** a year of known running costs unfunded. "
                    "Set `sustainment: {owner, annual_cost, funded: true}` once the budget line exists.")
        show(gaps, key="overview-gaps", currency=ccy)

elif section == "Risks":
    risks = board["risks"]
    if risks.empty:
        st.info("No open project lists a risk. Add `risks:` with likelihood and impact (1-5) to the project files.")
    else:
        event = st.altair_chart(charts.risk_heatmap(board.risk_matrix(), select=True), on_select="rerun",
                                key="overview-risk-chart")
        cells = {(int(p["likelihood"]), int(p["impact"])) for p in picked_points(event)
                 if "likelihood" in p and "impact" in p}
        if cells:
            st.caption("Risks of the cell clicked (double-click to clear):")
            show(risks[[(li, im) in cells for li, im in zip(risks["likelihood"], risks["impact"])]],
                 key="overview-risk-cell")
        else:
            st.caption("Click a cell to list its risks.")
        st.subheader("Top risks")
        show(risks.head(10), key="overview-top-risks")
        st.subheader(f"All {len(risks):,} open risks")
        show(risks, key="overview-all-risks", height=300)

elif section == "Strategic alignment":
    summary = board.objective_summary()
    if summary.empty:
        st.info("The plan has no objectives: add `objectives:` to plan.yaml to see the alignment.")
    else:
        st.altair_chart(charts.alignment(summary), width="stretch")
        none_active, unaligned = lists["objectives-without-active"], lists["unaligned"]
        if none_active.empty:
            st.success("Every objective has an approved or in-progress project.")
        else:
            st.warning(f"{len(none_active)} objectives have no active project:")
            show(none_active, key="overview-no-active")
        if unaligned.empty:
            st.success("Every project serves an objective of the plan.")
        else:
            st.warning(f"{len(unaligned):,} projects serve no objective of the plan:")
            show(unaligned, key="overview-unaligned")
        st.subheader("Objectives → programmes → projects")
        tree = board["tree"]
        served = tree[tree["project"].notna()]
        for o in summary.itertuples():
            mine = served[served["objective"] == o.objective]
            with st.expander(f"{o.name} — {o.projects:,} projects, {o.active:,} active"):
                if mine.empty:
                    st.write("No project serves this objective.")
                    continue
                by_programme = mine.groupby("programme_name", sort=False).agg(
                    projects=("project", "size"), active=("active", "sum"),
                    ids=("project", lambda s: ", ".join(s))).reset_index()
                st.dataframe(by_programme, hide_index=True, width="stretch", key=f"overview-tree-{o.objective}",
                             column_config={"programme_name": "programme", "ids": "projects (ids)"})
                st.caption("Filter by this objective and a programme in the sidebar to open the projects.")

elif section == "All projects":
    st.caption(f"planned, spent and sustainment are in each budget's own currency (see currency); the "
               f"plan-currency columns are in {ccy}, empty when plan.yaml gives no exchange rate.")
    show(board["table"], key="overview-projects", height=500)
