"""The Streamlit layer: pages lay out widgets and call the `portfolio` library; no logic lives here."""
