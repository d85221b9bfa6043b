"""Shared fixtures: small real workspaces written into a temporary folder."""
from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from hypothesis import settings

from portfolio.workspace import load_workspace

from samples import PLAN, PROJECT, write_file

# Timing is the benchmarks' job (bench/): on a loaded 2-core CI machine a per-example
# deadline only makes property tests flaky.
settings.register_profile("portfolio", deadline=None)
settings.load_profile("portfolio")

class WorkspaceFactory:
    """Writes files (dedented) under a temporary workspace root and loads it."""

    def __init__(self, root: Path):
        self.root = root

    def write(self, rel: str, text: str | bytes) -> Path:
        return write_file(self.root, rel, text)

    def project(self, pid: str, extra: str = "", name: str | None = None) -> Path:
        return self.write(f"projects/{pid}.yaml", PROJECT.format(name=name or pid) + textwrap.dedent(extra))

    def load(self, **kw):
        kw.setdefault("builtin", False)
        return load_workspace(self.root, **kw)

    def issues(self, **kw) -> list[tuple]:
        """(path, line, column, code) of every issue, the form tests compare against."""
        return [(i.path, i.line, i.column, i.code) for i in self.load(**kw).issues]


@pytest.fixture
def ws(tmp_path) -> WorkspaceFactory:
    factory = WorkspaceFactory(tmp_path / "ws")
    factory.write("plan.yaml", PLAN)
    return factory
