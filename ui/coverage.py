"""Coverage: which items of a guideline catalog the portfolio covers, the gaps, and by when."""
import streamlit as st

from portfolio import charts_coverage as charts
from portfolio import coverage as cv
from portfolio.coverage_export import to_csv, to_xlsx
from ui.analysis import schedule_of
from ui.state import current_workspace
from ui.text import md_escape

LARGE_PORTFOLIO = 40  # more covering projects than this: one column per programme by default

ws = current_workspace()
st.title("Guideline coverage")
if ws.errors:
    st.warning(f"{len(ws.errors)} errors in the workspace files; projects that failed to load are not "
               "counted. See Problems.")
if not ws.catalogs:
    st.info("No catalogs: add one under guidelines/ (kind: catalog).")
    st.stop()

ids = sorted(ws.catalogs, key=lambda c: (not ws.catalogs[c].builtin, c))
catalog_id = st.selectbox("Catalog", ids, index=ids.index("tfa") if "tfa" in ids else 0,
                          format_func=lambda c: f"{ws.catalogs[c].name} ({c})", key="coverage-catalog")
catalog = ws.catalogs[catalog_id]
planned = st.toggle("Use planned end dates instead of the forecast", value=False, key="coverage-planned")
cov = cv.coverage(ws, catalog_id, None if planned else schedule_of(ws).forecast_ends())
st.caption(f"Source: {md_escape(catalog.source)}")

cols = st.columns(4)
cols[0].metric("Items", len(cov.leaves))
cols[1].metric("Covered", f"{cov.ratio:.0%}", help=f"{cov.covered} items named by a live project")
cols[2].metric("Delivered", f"{cov.delivered_ratio:.0%}", help=f"{cov.delivered} items named by a completed project")
cols[3].metric("Gaps", len(cov.gaps))
st.caption("An item takes the most advanced state of its projects: delivered (completed), in delivery "
           "(in progress), planned (proposed or approved), stalled (on hold). Cancelled projects never "
           "count. A parent (in bold) is as advanced as its least advanced child. Figures count items "
           "without children only.")

st.subheader("Traceability matrix")
by = st.segmented_control("Columns", ["project", "programme"], key="coverage-by",
                          default="programme" if len(cov.projects) > LARGE_PORTFOLIO else "project") or "project"
event = st.altair_chart(charts.heatmap(cv.heatmap_frame(ws, cov, by), cv.columns(ws, cov, by)),
                        on_select="rerun", selection_mode=charts.SELECTION, key="coverage-heatmap",
                        width="content")
st.caption("Letters: D delivered, I in delivery, P planned, S stalled, – uncovered. Click an item's "
           "cell to list its projects below; double-click to clear.")

left, right = st.columns(2)
# Built only when clicked (a callable): the workbook takes a noticeable moment on large portfolios.
left.download_button("Download matrix (XLSX)", lambda: to_xlsx(ws, cov, by=by),
                     file_name=f"coverage-{catalog_id}.xlsx",
                     mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                     icon=":material/table_view:", on_click="ignore")
right.download_button("Download items (CSV)", lambda: to_csv(cov), file_name=f"coverage-{catalog_id}.csv",
                      mime="text/csv", icon=":material/download:", on_click="ignore")

st.subheader("Projects of an item")
items = [i.id for i in cov.items]
labels = {i.id: cv.label(i) for i in cov.items}
picked = [p.get("item") for p in (event.selection.get(charts.SELECTION) or [])] if event else []
picked = [p for p in picked if p in labels]
if picked and picked[0] != st.session_state.get("coverage-last-pick"):
    st.session_state["coverage-item"] = picked[0]  # a click on the matrix moves the picker
st.session_state["coverage-last-pick"] = picked[0] if picked else None
if st.session_state.get("coverage-item") not in labels:
    st.session_state.pop("coverage-item", None)
item_id = st.selectbox("Item", items, format_func=labels.__getitem__, key="coverage-item")
item = cov.item(item_id)
counts = "" if item.leaf else f", {item.covered} of {item.leaves} items below it covered"
when = f", delivered on {item.delivered_on} by the {'plan' if planned else 'forecast'}" if item.delivered_on else ""
st.markdown(f"**{md_escape(cv.label(item))}**: {item.state}{counts}{when}.")
rows = cv.item_projects(ws, cov, item_id)
if rows.empty:
    st.write("No live project names this item.")
else:
    rows["project"] = "/project?id=" + rows["project"]
    st.dataframe(rows, hide_index=True, width="stretch",
                 column_config={"project": st.column_config.LinkColumn("project", display_text=r"/project\?id=(.*)")})

st.subheader("Gaps")
if cov.gaps:
    titles = {i.id: i.title for i in cov.items}
    st.dataframe([{"item": g.id, "title": g.title, "under": titles.get(g.parent, "")} for g in cov.gaps],
                 hide_index=True, width="stretch")
else:
    st.success("Every item is named by at least one live project.")

st.subheader("Coverage over time")
period = ws.plan.period if ws.plan else None
points = cv.curve(cov, period.start if period else None, period.end if period else None)
st.altair_chart(charts.curve_chart(points, cov.ratio, period.end if period else None), width="stretch")
st.caption("Share of items delivered by each day, as each project's "
           + ("planned" if planned else "forecast") + " end date falls. The dashed line is the share "
           "that some live project names: what the portfolio delivers if every project completes.")

st.subheader("By " + ("article" if catalog_id == "tfa" else "group"))
st.altair_chart(charts.group_bars(cv.group_frame(cov)), width="stretch")
with st.expander("All items"):
    st.dataframe(cv.item_frame(cov), hide_index=True, width="stretch")
