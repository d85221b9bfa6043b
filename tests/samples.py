"""Small texts of valid workspace files that tests build on, and the one way tests write them."""

import textwrap
from pathlib import Path


def write_file(root: Path, rel: str, text: str | bytes) -> Path:
    """Write `text` (dedented) or `bytes` at `root/rel`, creating folders."""
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path

PLAN = """\
administration: Customs Service of Testland
name: ICT Strategic Plan 2026-2028
period: {start: 2026-01-01, end: 2028-12-31}
objectives:
  - id: obj-a
    name: Faster clearance
programmes:
  - id: prog-a
    name: Core systems
    objectives: [obj-a]
"""

PROJECT = """\
name: {name}
status: approved
start: 2026-03-01
end: 2026-09-30
"""
