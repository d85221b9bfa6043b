"""ICT portfolio and strategic-plan manager for Customs administrations.

A pure library: it loads a workspace of YAML files, validates it and analyses it,
and returns plain values. The CLI (`portfolio.cli`) and the Streamlit app are
thin layers over it.
"""
from .issues import Issue
from .workspace import load_workspace

__all__ = ["Issue", "load_workspace"]
