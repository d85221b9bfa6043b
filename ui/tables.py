"""Showing library frames as tables people read: project ids as links to their page,
money with thousands separators and the currency in the header, dates as dates.

Cells are text to `st.dataframe`, never HTML or Markdown, whatever a YAML file holds.
"""
from __future__ import annotations

import pandas as pd
import streamlit as st

PROJECT_LINK = "/project?project="
LINK_TEXT = r"/project\?project=(.*)"
PROJECT_COLUMNS = ("project", "via", "predecessor", "successor")
MONEY_COLUMNS = ("planned", "spent", "annual_cost", "planned_plan_ccy", "spent_plan_ccy", "sustainment_annual_cost")
DATE_COLUMNS = ("start", "end", "forecast_start", "forecast_end", "planned_end", "planned", "forecast", "go_live",
                "reached_on", "by")
TITLES = {
    "project_name": "project name", "slip_days": "slip (days)", "forecast_end": "forecast end",
    "planned_end": "planned end", "forecast_start": "forecast start", "go_live": "go-live (forecast)",
    "annual_cost": "cost a year", "driven_by": "waits for", "moved_days": "moved (days)",
    "planned_plan_ccy": "planned, plan currency", "spent_plan_ccy": "spent, plan currency",
    "sustainment_annual_cost": "sustainment a year", "budget_currency": "budget currency",
}


def link(ids: pd.Series) -> pd.Series:
    return ids.map(lambda v: None if v is None or v != v else PROJECT_LINK + str(v))


def show(frame: pd.DataFrame, *, key: str, currency: str | None = None, height: int | str = "auto",
         days_title: str | None = None, links: tuple[str, ...] = PROJECT_COLUMNS) -> None:
    """One library frame as an st.dataframe with people's formats."""
    frame = frame.copy()
    config: dict = {}
    for col in frame.columns:
        title = TITLES.get(col, col.replace("_", " "))
        if col in links and (frame[col].dtype == object or pd.api.types.is_string_dtype(frame[col])):
            frame[col] = link(frame[col])
            config[col] = st.column_config.LinkColumn(title, display_text=LINK_TEXT)
        elif col in MONEY_COLUMNS and pd.api.types.is_numeric_dtype(frame[col]):
            config[col] = st.column_config.NumberColumn(f"{title} ({currency})" if currency else title,
                                                        format="localized")
        elif col in DATE_COLUMNS:  # "planned" is money when numeric (above), else a milestone's date
            config[col] = st.column_config.DateColumn(title, format="D MMM YYYY")
        elif col in ("burn", "covered", "delivered"):
            config[col] = st.column_config.NumberColumn(title, format="percent")
        elif col == "progress":
            config[col] = st.column_config.ProgressColumn(title, min_value=0, max_value=100, format="%d%%")
        elif col == "days" and days_title:
            config[col] = st.column_config.NumberColumn(days_title)
        else:
            config[col] = st.column_config.Column(title)
    st.dataframe(frame, hide_index=True, width="stretch", height=height, key=key, column_config=config)
