"""Which workspace the app shows, and the cached loading of it.

The workspace is loaded once per change of its files (see `fingerprint`), so a
click in the app does not re-read thousands of files.
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

import streamlit as st

from portfolio import model as m
from portfolio.workspace import fingerprint, load_workspace

REPO = Path(__file__).resolve().parent.parent
DEFAULT_WORKSPACE = REPO / "plans" / "example"


def workspace_path() -> Path:
    """`streamlit run app.py -- --workspace DIR`, else $PORTFOLIO_WORKSPACE, else the example."""
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("--workspace")
    args, _ = parser.parse_known_args(sys.argv[1:])
    chosen = args.workspace or os.environ.get("PORTFOLIO_WORKSPACE")
    return Path(chosen).expanduser().resolve() if chosen else DEFAULT_WORKSPACE


@st.cache_resource(max_entries=4, show_spinner="Reading the workspace…")
def _load(path: str, _stamp: tuple) -> m.Workspace:
    # The parse cache (in the user's cache folder, never the workspace) makes the reload
    # after one edited file, or after a `portfolio check`, re-parse only what changed.
    return load_workspace(path, cache=True)


def current_workspace() -> m.Workspace:
    path = workspace_path()
    return _load(str(path), fingerprint(path))
