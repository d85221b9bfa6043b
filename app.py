"""Entry point of the Streamlit app: navigation only.

Run `streamlit run app.py` for the example workspace, or
`streamlit run app.py -- --workspace DIR` (or set PORTFOLIO_WORKSPACE) for another.
"""
import streamlit as st

from ui.state import current_workspace

st.set_page_config(page_title="Customs ICT portfolio", page_icon=":material/account_tree:", layout="wide")

ws = current_workspace()
problems = len(ws.errors)
pages = {
    "Portfolio": [
        st.Page("ui/overview.py", title="Overview", icon=":material/dashboard:", default=True),
        st.Page("ui/timeline.py", title="Timeline", icon=":material/view_timeline:", url_path="timeline"),
        st.Page("ui/dependencies.py", title="Dependencies", icon=":material/account_tree:", url_path="dependencies"),
        st.Page("ui/project.py", title="Project", icon=":material/description:", url_path="project"),
        st.Page("ui/changes.py", title="Changes", icon=":material/difference:", url_path="changes"),
    ],
    "Reviews": [
        st.Page("ui/coverage.py", title="Coverage", icon=":material/fact_check:", url_path="coverage"),
        st.Page("ui/maturity.py", title="Maturity", icon=":material/trending_up:", url_path="maturity"),
    ],
    "Workspace": [
        st.Page("ui/problems.py", title=f"Problems ({problems})" if problems else "Problems",
                icon=":material/error:" if problems else ":material/check_circle:", url_path="problems"),
    ],
}
st.navigation(pages).run()
