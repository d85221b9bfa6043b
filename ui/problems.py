"""Problems: every issue found in the workspace files, where it is and what to do."""
import streamlit as st

from portfolio.overview import issue_frame
from ui.state import current_workspace, workspace_path

ws = current_workspace()
st.title("Problems")
st.caption(f"Workspace: {workspace_path()}")
if not ws.issues:
    st.success(f"No problems in {ws.files} files.")
else:
    st.write(f"{len(ws.errors)} errors and {len(ws.warnings)} warnings in {ws.files} files.")
    severity = st.segmented_control("Show", ["error", "warning"], selection_mode="multi",
                                    default=["error", "warning"])
    frame = issue_frame(ws)
    st.dataframe(frame[frame["severity"].isin(severity or [])], hide_index=True, width="stretch")
if ws.unloaded:
    st.subheader("Files not loaded")
    st.write("These files have errors in required fields and are left out of every page until fixed:")
    st.dataframe({"file": list(ws.unloaded)}, hide_index=True)
