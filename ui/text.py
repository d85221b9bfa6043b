"""Showing text that comes from YAML files: as text, never as HTML or Markdown."""
from __future__ import annotations

import re

_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")


def md_escape(text: object) -> str:
    """Escape Markdown so a planner's text renders literally inside st.markdown/st.caption."""
    return _MARKDOWN.sub(r"\\\1", str(text))
