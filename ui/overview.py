"""Overview: the portfolio's headline figures and its projects."""
import streamlit as st

from portfolio.overview import project_frame, summary
from ui.state import current_workspace
from ui.text import md_escape

ws = current_workspace()
st.title("Portfolio overview")
if ws.plan is None:
    st.error("This workspace has no valid plan.yaml. See the Problems page.")
else:
    st.caption(f"{md_escape(ws.plan.administration)} — {md_escape(ws.plan.name)} "
               f"({ws.plan.period.start} to {ws.plan.period.end})")

s = summary(ws)
if s.errors or s.unloaded:
    st.warning(f"{s.errors} errors and {s.warnings} warnings in the workspace files; "
               f"{s.unloaded} files could not be loaded and are not counted below. See Problems.")

cols = st.columns(5)
cols[0].metric("Projects", s.projects)
cols[1].metric("In progress", s.by_status.get("in-progress", 0))
cols[2].metric("Red / amber", f"{s.by_health.get('red', 0)} / {s.by_health.get('amber', 0)}")
cols[3].metric(f"Planned budget ({s.totals.currency})", f"{s.totals.planned / 1e6:,.1f}M")
cols[4].metric("No funded sustainment", len(s.sustainment_gaps))
if s.totals.unconverted:
    st.info("Budgets without an exchange rate, not in the total: "
            + ", ".join(f"{amount:,.0f} {cur}" for cur, amount in s.totals.unconverted.items()))

st.subheader("Projects")
st.dataframe(project_frame(ws), hide_index=True, width="stretch",
             column_config={"progress": st.column_config.ProgressColumn("progress", min_value=0, max_value=100)})
