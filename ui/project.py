"""One project: everything about it, its dependencies up and down, and the file to edit.

Deep links: `/project?project=<id>`, or `/project?id=<id>` (the Coverage page's links).
"""
import streamlit as st

from portfolio import humanize as hz
from portfolio.overview import plan_currency, to_plan_currency
from portfolio.project_info import project_info, requested_id
from ui.analysis import schedule_of
from ui.state import current_workspace, workspace_path
from ui.tables import show
from ui.text import md_escape

PICK = "project-pick"

ws = current_workspace()
sched = schedule_of(ws)
ids = sorted(ws.projects)
if not ids:
    st.title("Project")
    st.info("This workspace has no loaded project: add files under projects/ (see Problems for files "
            "that failed to load).")
    st.stop()

asked = requested_id(st.query_params)
if asked and asked in ws.projects and st.session_state.get(PICK) != asked:
    st.session_state[PICK] = asked  # the URL wins over the last pick of the session
elif st.session_state.get(PICK) not in ws.projects:
    st.session_state[PICK] = ids[0]


def _picked() -> None:
    st.query_params.pop("id", None)
    st.query_params["project"] = st.session_state[PICK]


if asked and asked not in ws.projects:
    st.error(f"No project “{md_escape(asked)}” in this workspace (the file may have been renamed, or failed to "
             "load: see Problems). Pick one below.")
pid = st.selectbox("Project", ids, key=PICK, on_change=_picked,
                   format_func=lambda i: f"{ws.projects[i].name} ({i})")
if not asked:
    st.query_params["project"] = pid

info = project_info(ws, sched, pid)
p, s = info.project, info.schedule
ccy = plan_currency(ws)

st.title(md_escape(p.name))
st.caption(f"{md_escape(p.id)} · {p.status}" + (f" · {p.health}" if p.health else "")
           + (f" · owner {md_escape(p.owner)}" if p.owner else "")
           + (f" · sponsor {md_escape(p.sponsor)}" if p.sponsor else ""))
st.markdown("To change this project, edit:")
st.code(str(workspace_path() / p.path), language=None)
if p.summary:
    st.markdown(md_escape(p.summary))

cols = st.columns(4)  # status and health are in the caption above; four metrics leave room for dates
cols[0].metric("Progress", "–" if p.progress is None else f"{p.progress:g}%")
cols[1].metric("Planned end", hz.day(p.end), help=f"Planned {hz.day(p.start)} to {hz.day(p.end)}, "
               f"{hz.days(p.duration_days)}")
if s is not None and s.forecast_end is not None:
    cols[2].metric("Forecast end", hz.day(s.forecast_end),
                   delta=hz.days(s.slip_days, signed=True) if s.slip_days else None, delta_color="inverse",
                   help="The plan with every dependency respected (today and progress ignored).")
    cols[3].metric("Float", hz.days(s.float_days), help="Days it can slip without moving the portfolio's end."
                   + (" On the critical path." if s.critical else ""))
else:
    cols[2].metric("Forecast end", "–", help="Cancelled projects are not scheduled.")

st.subheader("Plan and money")
b = p.budget
facts = {
    "Programme": f"{info.programme.name} ({info.programme.id})" if info.programme else (p.programme or "none"),
    "Objectives": "; ".join(f"{o.name} ({'via the programme' if info.objectives[o.id] == 'programme' else o.id})"
                            for o in (ws.plan.objectives if ws.plan else ()) if o.id in info.objectives)
                  or "none: this project serves no objective of the plan",
    "Method": p.method or "not set",
    "Budget": "none" if b is None else (
        f"{hz.money(b.planned, b.currency or ccy)} planned, {hz.money(b.spent, b.currency or ccy)} spent; "
        f"{b.funding}" + (f" ({b.donor})" if b.donor else "")
        + ("" if (b.currency or ccy) == ccy else
           f"; {hz.money(to_plan_currency(ws, b.planned, b.currency), ccy)} planned in the plan currency"
           if to_plan_currency(ws, b.planned, b.currency) is not None else "; no exchange rate to the plan currency")),
    "Sustainment": "none planned: nobody is named to run it after go-live" if p.sustainment is None else (
        ("funded" if p.sustainment.funded else "NOT funded")
        + (f", run by {p.sustainment.owner}" if p.sustainment.owner else "")
        + (f", {hz.money(p.sustainment.annual_cost, b.currency or ccy if b else ccy)} a year"
           if p.sustainment.annual_cost is not None else "")),
}
st.dataframe([{"": k, "value": v} for k, v in facts.items()], hide_index=True, width="stretch", key="project-facts")
if p.sustainment is None or not p.sustainment.funded:
    st.warning("Goes live without funded sustainment.")

st.subheader("Dependencies")


def neighbours(column, heading: str, frame, key: str, empty: str, note: str | None = None) -> None:
    with column:
        st.markdown(heading)
        if frame.empty:
            st.caption(empty)
            return
        show(frame, key=key, links=("project", "via"))
        if note:
            st.caption(note)


up, down = st.columns(2)
neighbours(up, "**Waits for** (upstream)", info.upstream, "project-upstream", "Depends on no project.",
           "depth 1 = named in this project's depends_on; binding = that finish sets the forecast start.")
neighbours(down, "**Holds up** (downstream)", info.downstream, "project-downstream", "No project depends on it.")

st.subheader("Guideline mappings")
if info.guidelines.empty:
    st.caption("Maps to no guideline item (add `guidelines: {tfa: [\"7.1\"]}` to the file).")
else:
    show(info.guidelines, key="project-guidelines")

st.subheader("Milestones")
if info.milestones.empty:
    st.caption("No milestones.")
else:
    show(info.milestones, key="project-milestones")

st.subheader("Risks")
if info.risks.empty:
    st.caption("No risks listed.")
else:
    show(info.risks, key="project-risks")

if p.delivers:
    st.subheader("Maturity it delivers")
    st.dataframe([{"model": d.model, "dimension": d.dimension, "level": d.level} for d in p.delivers],
                 hide_index=True, width="stretch", key="project-delivers")

# --- History from git (the baselines feature; the section lives in ui/baseline_views.py) ---
from ui.baseline_views import project_history_section  # noqa: E402

project_history_section(p.id)
