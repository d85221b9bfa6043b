"""Maturity: assessments in bands, one administration's profile and trend, projected maturity vs targets."""
import streamlit as st

from portfolio import charts_maturity as charts
from portfolio import maturity as mt
from portfolio import maturity_report as report
from ui.analysis import schedule_of
from ui.state import current_workspace
from ui.text import md_escape

ws = current_workspace()
st.title("Maturity")

assessed = sorted({a.model for a in mt.assessments_for(ws)})
if not assessed:
    st.info("No maturity assessments in this workspace. Add files under assessments/ "
            "(model, date and scores on one of the maturity models).")
else:
    default = assessed.index("carec-ie") if "carec-ie" in assessed else 0
    model_id = st.selectbox("Maturity model", assessed, index=default,
                            format_func=lambda i: f"{ws.models[i].name} ({i})")
    mm = ws.models[model_id]
    if mm.bands:
        st.caption("Bands: " + "; ".join(f"{md_escape(b.name)} from {b.min:g}" for b in mt.ordered_bands(mm))
                   + ". Averages skip n/a; \\* marks a partial average (fewer dimensions than the group has). "
                   "Figures rounded half up to one decimal, as published.")

    st.subheader("Administrations by key area")
    st.caption("Each administration's latest assessment. Grey: n/a; blank: not assessed.")
    st.altair_chart(charts.heatmap(report.heatmap_frame(ws, model_id), mm), width="content")
    one_decimal = {g.name: st.column_config.NumberColumn(format="%.1f") for g in mm.groups}
    st.dataframe(report.administration_frame(ws, model_id), hide_index=True, width="stretch",
                 column_config=one_decimal)

    st.subheader("Key areas across administrations")
    st.caption("Each administration's latest assessment; strongest first. "
               "`scored`: administrations with a number for the area.")
    st.dataframe(report.area_frame(ws, model_id), hide_index=True, width="stretch",
                 column_config={"average": st.column_config.NumberColumn(format="%.1f")})

    eligible = report.eligibility_rows(ws, model_id)
    if eligible:
        st.subheader("Level reached and areas at risk")
        st.dataframe([{k: r[k] for k in ("administration", "date", "level_name", "partial", "at_risk")}
                      for r in eligible], hide_index=True, width="stretch")

    st.subheader("Profile")
    latest = {mt.administration_of(a, ws.plan): a for a in mt.latest_assessments(ws, model_id)}
    who = st.selectbox("Administration", list(latest))
    profile = report.profile_frame(ws, latest[who])
    st.caption(f"{md_escape(who)}, assessed {latest[who].date} ({md_escape(latest[who].path)})")
    st.altair_chart(charts.profile(profile, mm), width="stretch")
    with st.expander("Scores and evidence"):
        st.dataframe(profile[["group", "area", "score", "state", "band", "evidence"]], hide_index=True,
                     width="stretch")

    trend = report.trend_frame(ws, model_id, who)
    if trend["date"].nunique() > 1:
        st.subheader("Trend")
        st.altair_chart(charts.trend(trend, mm), width="stretch")
        st.dataframe([r for r in report.change_rows(ws, model_id) if r["administration"] == who],
                     hide_index=True, width="stretch")
    else:
        st.caption("One assessment of this administration on this model: no trend yet.")

if ws.plan is not None and (ws.plan.targets or any(p.delivers for p in ws.projects.values())):
    st.subheader("Projected maturity against targets")
    planned = st.toggle("Use planned end dates instead of the forecast", value=False)
    forecast = None if planned else schedule_of(ws).forecast_ends()
    steps, targets = report.projection_frames(ws, forecast)
    st.caption("Each project that delivers a dimension raises it to its level on its "
               + ("planned" if planned else "forecast") + " end date; cancelled projects never count.")
    if not steps.empty:
        st.altair_chart(charts.projection(steps, targets), width="stretch")
    rows = report.target_rows(ws, forecast)
    if rows:
        st.dataframe([{k: r[k] for k in ("model", "name", "level", "by", "outcome", "reached_on", "days_late",
                                         "projects", "delivered_by", "cancelled")} for r in rows],
                     hide_index=True, width="stretch")
