"""Overview: where the portfolio stands and what needs a decision, each figure one click from its list."""
from datetime import datetime

import streamlit as st

from portfolio import alignment as al
from portfolio import charts_dashboard as charts
from portfolio import dashboard as db
from portfolio import filters as fl
from portfolio import headline as hl
from portfolio import humanize as hz
from portfolio.report import build as build_report
from portfolio.workbook import portfolio_table, to_xlsx
from ui.analysis import schedule_of
from ui.filters import as_of_date, sidebar_filters
from ui.state import current_workspace
from ui.tables import show
from ui.text import md_escape

ws = current_workspace()
sched = schedule_of(ws)
filters = sidebar_filters(ws)
as_of = as_of_date()
view = db.View(fl.apply(ws, filters), sched, as_of)
ccy = view.currency

st.title("Portfolio overview")
if ws.plan is None:
    st.error("This workspace has no valid plan.yaml. See the Problems page.")
else:
    st.caption(f"{md_escape(ws.plan.administration)} — {md_escape(ws.plan.name)} "
               f"({hz.day(ws.plan.period.start)} to {hz.day(ws.plan.period.end)}). As of {hz.day(as_of)}.")
if ws.errors or ws.unloaded:
    st.warning(f"{len(ws.errors)} errors and {len(ws.warnings)} warnings in the workspace files; "
               f"{len(ws.unloaded)} files could not be loaded and are not counted below. See Problems.")
if filters:
    st.info(f"Showing {len(view.ws.projects):,} of {len(ws.projects):,} projects — "
            f"{md_escape(filters.describe())}.", icon=":material/filter_alt:")
if not view.ws.projects:
    st.info("No project to show: " + ("no project matches the filters; clear some in the sidebar."
                                      if filters else "add project files under projects/."))
    st.stop()

# --- headline figures, each with the list behind it ------------------------------------------
lists = {}
for f in hl.FIGURES:
    lists.setdefault(f.rows, None)
lists = {fn: fn(view) for fn in lists}
values = {f.key: hl.value(f, lists[f.rows]) for f in hl.FIGURES}
b = db.burn(view)


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
    rows = lists[figure.rows]
    st.caption(md_escape(figure.help))
    if rows.empty:
        st.write(f"None: the list behind “{figure.label}” is empty.")
    else:
        show(rows, key=f"overview-drill-{picked}", currency=ccy,
             days_title="days late" if picked == "overdue-milestones" else "days left")

# --- downloads: same figures, on paper and in Excel ------------------------------------------
left, right, _ = st.columns([1, 1, 2])
left.download_button(
    "Board report (HTML)", lambda: build_report(ws, as_of=as_of, filters=filters, sched=sched,
                                                generated=datetime.now().replace(microsecond=0)),
    file_name=f"portfolio-report-{as_of.isoformat()}.html", mime="text/html", icon=":material/summarize:",
    help="One self-contained file: opens offline, prints to PDF. Same filters and as-of date as this page.")
right.download_button(
    "Portfolio table (Excel)", lambda: to_xlsx(view), file_name=f"portfolio-{as_of.isoformat()}.xlsx",
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", icon=":material/table_view:",
    help="Projects, milestones and open risks; the filters of this page apply.")

tabs = st.tabs(["Status and health", "Budget and funding", "Schedule", "Sustainment", "Risks",
                "Strategic alignment", "All projects"])


def picked_points(event) -> list[dict]:
    return (event.selection.get(charts.SELECTION) or []) if event else []


with tabs[0]:
    sh = db.status_health(view)
    event = st.altair_chart(charts.status_health(sh, select=True), on_select="rerun", width="stretch",
                            key="overview-status-chart")
    points = picked_points(event)
    projects = lists[hl.BY_KEY["projects"].rows]
    if points:
        keep = {(p.get("status"), p.get("health")) for p in points}
        rows = projects[[(s, h or "not set") in keep for s, h in zip(projects["status"], projects["health"])]]
        st.caption("Projects of the bar clicked (double-click the chart to clear):")
        show(rows, key="overview-status-rows")
    else:
        st.caption("Click a bar to list its projects.")

with tabs[1]:
    st.markdown(f"Planned **{hz.money(b.planned, ccy)}**, spent **{hz.money(b.spent, ccy)}** "
                f"({hz.percent(b.rate)}). Cancelled projects are left out.")
    if b.frame.empty:
        st.info("No project in view has a budget: add `budget: {planned: …, funding: …}` to the project files.")
    else:
        event = st.altair_chart(charts.burn(b.frame, ccy, select=True), on_select="rerun", width="stretch",
                                key="overview-burn-chart")
        show(b.frame, key="overview-burn", currency=ccy)
        sources = {p.get("source") for p in picked_points(event)}
        budgets = lists[hl.BY_KEY["planned"].rows]
        if sources:
            st.caption("Projects funded by " + ", ".join(md_escape(s) for s in sorted(sources)) + ":")
            show(budgets[budgets["source"].isin(sources)], key="overview-burn-rows", currency=ccy)
        else:
            st.caption("Click a bar to list the projects of that funding source.")

with tabs[2]:
    slips = lists[hl.BY_KEY["slipping"].rows]
    st.subheader("Projects slipping")
    if slips.empty:
        st.success("No project is forecast to finish after its planned end.")
    else:
        st.altair_chart(charts.slips(slips), width="stretch")
        show(slips, key="overview-slips")
    st.subheader(f"Milestones overdue on {hz.day(as_of)}")
    over = lists[hl.BY_KEY["overdue-milestones"].rows]
    if over.empty:
        st.success("No milestone is overdue.")
    else:
        show(over, key="overview-overdue", days_title="days late")
    st.subheader(f"Milestones due by {hz.day(view.due_by)} (next {view.horizon} days)")
    due = lists[hl.BY_KEY["due-milestones"].rows]
    if due.empty:
        st.info(f"No milestone is due in the next {view.horizon} days.")
    else:
        show(due, key="overview-due", days_title="days left")
    late = db.overdue_projects(view)
    if not late.empty:
        st.subheader("Projects past their forecast end")
        show(late, key="overview-late-projects", days_title="days late")

with tabs[3]:
    gaps = lists[hl.BY_KEY["sustainment-gaps"].rows]
    if gaps.empty:
        st.success("Every project in view has funded sustainment after go-live.")
    else:
        cost = gaps["annual_cost"].sum()
        st.markdown(f"**{len(gaps)}** projects go live (or are live) with nobody funded to run them: "
                    f"**{hz.money(cost, ccy)}** a year of known running costs unfunded. Set "
                    "`sustainment: {owner, annual_cost, funded: true}` once the budget line exists.")
        show(gaps, key="overview-gaps", currency=ccy)

with tabs[4]:
    risks = db.open_risks(view)
    if risks.empty:
        st.info("No open project lists a risk. Add `risks:` with likelihood and impact (1-5) to the project files.")
    else:
        event = st.altair_chart(charts.risk_heatmap(db.risk_matrix(view, risks), select=True), on_select="rerun",
                                key="overview-risk-chart")
        cells = {(int(p["likelihood"]), int(p["impact"])) for p in picked_points(event)
                 if "likelihood" in p and "impact" in p}
        if cells:
            st.caption("Risks of the cell clicked (double-click to clear):")
            show(risks[[(li, im) in cells for li, im in zip(risks["likelihood"], risks["impact"])]],
                 key="overview-risk-cell")
        st.subheader("Top risks")
        show(risks.head(10), key="overview-top-risks")
        with st.expander(f"All {len(risks):,} open risks"):
            show(risks, key="overview-all-risks")

with tabs[5]:
    tree = al.tree(view.ws)
    summary = al.objective_summary(view.ws, tree)
    if summary.empty:
        st.info("The plan has no objectives: add `objectives:` to plan.yaml to see the alignment.")
    else:
        st.altair_chart(charts.alignment(summary), width="stretch")
        none_active = lists[hl.BY_KEY["objectives-without-active"].rows]
        if none_active.empty:
            st.success("Every objective has an approved or in-progress project.")
        else:
            st.warning(f"{len(none_active)} objectives have no active project:")
            show(none_active, key="overview-no-active")
        unaligned = lists[hl.BY_KEY["unaligned"].rows]
        if unaligned.empty:
            st.success("Every project serves an objective of the plan.")
        else:
            st.warning(f"{len(unaligned)} projects serve no objective of the plan:")
            show(unaligned, key="overview-unaligned")
        st.subheader("Objectives → programmes → projects")
        for o in summary.itertuples():
            mine = tree[(tree["objective"] == o.objective) & tree["project"].notna()]
            with st.expander(f"{o.name} — {o.projects} projects, {o.active} active"):
                if mine.empty:
                    st.write("No project serves this objective.")
                for prog, rows in mine.groupby("programme_name", sort=False, dropna=False):
                    st.markdown(f"**{md_escape(prog)}**")
                    show(rows[["project", "project_name", "status", "via"]], key=f"overview-tree-{o.objective}-{prog}")

with tabs[6]:
    show(portfolio_table(view), key="overview-projects", currency=None)
