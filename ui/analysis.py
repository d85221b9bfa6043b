"""Analyses of the shown workspace that pages share, computed once per loaded workspace.

`current_workspace()` returns the same object until a file changes, so the schedule
is keyed on that object (held, so its id cannot be reused while cached).
"""
from __future__ import annotations

import threading

import streamlit as st

from portfolio import model as m
from portfolio.schedule import Schedule, schedule

KEEP = 4  # workspaces whose schedule is kept, like ui.state's cache of loads


@st.cache_resource
def _store() -> tuple[dict, threading.Lock]:
    return {}, threading.Lock()


def schedule_of(ws: m.Workspace) -> Schedule:
    store, lock = _store()
    with lock:
        hit = store.get(id(ws))
        if hit is not None and hit[0] is ws:
            return hit[1]
    sched = schedule(ws)
    with lock:
        if len(store) >= KEEP:
            store.pop(next(iter(store)))
        store[id(ws)] = (ws, sched)
    return sched


@st.cache_resource
def _boards() -> tuple[dict, threading.Lock]:
    return {}, threading.Lock()


def board_of(ws: m.Workspace, as_of):
    """Every list of the overview for the whole workspace as of a date; filters narrow it (cheap)."""
    from portfolio import dashboard as db
    from portfolio.headline import Board

    store, lock = _boards()
    key = (id(ws), as_of)
    with lock:
        hit = store.get(key)
        if hit is not None and hit[0] is ws:
            return hit[1]
    board = Board.build(db.View(ws, schedule_of(ws), as_of))
    with lock:
        if len(store) >= KEEP:
            store.pop(next(iter(store)))
        store[key] = (ws, board)
    return board
