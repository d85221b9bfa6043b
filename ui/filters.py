"""The shared portfolio filters in the sidebar, kept in the URL so a filtered view can be mailed.

The URL is the source of truth (`portfolio.filters` reads and writes its form). A
page switch in Streamlit drops the query string, so the last filters of the session
are also kept in session state and put back into the URL of the next page that
shows them. Any page may call `sidebar_filters(ws)`.
"""
from __future__ import annotations

from datetime import date

import streamlit as st

from portfolio import filters as fl
from portfolio import model as m
from ui.text import md_escape

STORE = "portfolio-filters"  # the session's last filters
AS_OF = "as_of"  # query key and widget key of the as-of date


def _key(field: str) -> str:
    return f"filter-{field}"


def _from_url() -> fl.Filters:
    return fl.from_query({f: st.query_params.get_all(f) for f in fl.FIELDS})


def _write_url(filters: fl.Filters) -> None:
    wanted = fl.to_query(filters)
    for f in fl.FIELDS:
        if f in wanted:
            if st.query_params.get_all(f) != wanted[f]:
                st.query_params[f] = wanted[f]
        elif f in st.query_params:
            del st.query_params[f]


def _from_widgets() -> fl.Filters:
    return fl.from_query({f: st.session_state.get(_key(f), []) for f in fl.FIELDS})


def _changed() -> None:
    filters = _from_widgets()
    st.session_state[STORE] = filters
    _write_url(filters)


def _clear() -> None:
    for f in fl.FIELDS:
        st.session_state[_key(f)] = []
    _changed()


def _labels(ws: m.Workspace) -> dict[str, dict[str, str]]:
    plan = ws.plan
    return {
        "programme": {g.id: g.name for g in plan.programmes} if plan else {},
        "objective": {o.id: o.name for o in plan.objectives} if plan else {},
    }


def sidebar_filters(ws: m.Workspace) -> fl.Filters:
    """Draw the filters in the sidebar and return the ones in force (URL, else the session's last)."""
    wanted = _from_url()
    if not wanted and st.session_state.get(STORE):
        wanted = st.session_state[STORE]  # arrived from another page: the URL lost its query
        _write_url(wanted)
    options = fl.options(ws)
    labels = _labels(ws)
    with st.sidebar:
        st.subheader("Filters")
        for f, label in fl.FIELDS.items():
            values = [v for v in getattr(wanted, f) if v in options[f]]
            if st.session_state.get(_key(f)) != values:
                st.session_state[_key(f)] = values
            names = labels.get(f, {})
            st.multiselect(label, options[f], key=_key(f), on_change=_changed, placeholder="All",
                           format_func=lambda v, names=names: names.get(v, v))
        bad = fl.unknown(wanted, ws)
        if bad:
            st.warning("Not in this workspace, ignored: " + "; ".join(
                f"{fl.FIELDS[f].lower()} {', '.join(md_escape(v) for v in vs)}" for f, vs in bad.items()))
        filters = _from_widgets()
        if filters:
            st.button("Clear filters", on_click=_clear, icon=":material/filter_alt_off:")
            st.caption("The filters are in the page's address: copy it to send this view.")
    st.session_state[STORE] = filters
    return filters


def as_of_date() -> date:
    """The date overdue and due-soon count from: `?as_of=YYYY-MM-DD`, else today."""
    raw = st.query_params.get(AS_OF)
    try:
        default = date.fromisoformat(raw) if raw else date.today()
    except ValueError:
        st.sidebar.warning(f"as_of={md_escape(raw)} is not a date (YYYY-MM-DD); using today.")
        default = date.today()
    if st.session_state.get(AS_OF) != default:
        st.session_state[AS_OF] = default

    def changed() -> None:
        chosen = st.session_state[AS_OF]
        if chosen == date.today():
            st.query_params.pop(AS_OF, None)
        else:
            st.query_params[AS_OF] = chosen.isoformat()

    return st.sidebar.date_input("As of", key=AS_OF, on_change=changed, format="YYYY-MM-DD",
                                 help="Overdue and due-soon milestones count from this date.")
