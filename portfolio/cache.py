"""A cache of parsed YAML trees keyed by file content, so an unchanged file is not re-parsed.

Entries are the marshal-able trees of `yamldoc` and their parse issues, stored in the
user's cache folder (never in the workspace) and keyed by a hash of the file's bytes:
an edited file simply misses. marshal, not pickle: loading it cannot run code.
"""
from __future__ import annotations

import hashlib
import marshal
import os
import tempfile
from pathlib import Path

from .issues import Issue

FORMAT = "portfolio-trees-1"


def default_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "portfolio"


def content_key(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=16).digest()


class TreeCache:
    """One cache file per workspace folder; entries not used in a run are dropped on save."""

    def __init__(self, root: Path, folder: Path | None = None):
        folder = folder or default_dir()
        name = hashlib.blake2b(str(root.resolve()).encode(), digest_size=12).hexdigest()
        self.file = folder / f"{name}.marshal"
        self.entries: dict[bytes, tuple] = {}
        self.used: dict[bytes, tuple] = {}
        self.changed = False
        try:
            stored = marshal.loads(self.file.read_bytes())
            if isinstance(stored, tuple) and len(stored) == 2 and stored[0] == FORMAT:
                self.entries = stored[1]
        except (OSError, ValueError, EOFError, TypeError):
            pass  # no cache yet, or an unreadable one: start afresh

    def get(self, key: bytes, path: str) -> tuple | None:
        hit = self.entries.get(key)
        if hit is None:
            return None
        self.used[key] = hit
        tree, issues = hit
        return tree, [Issue(path, *i) for i in issues]

    def put(self, key: bytes, tree: tuple | None, issues: list[Issue]) -> None:
        self.used[key] = (tree, [(i.line, i.column, i.code, i.message) for i in issues])
        self.changed = True

    def save(self) -> None:
        if not self.changed and len(self.used) == len(self.entries):
            return
        try:
            self.file.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.file.parent, suffix=".tmp")
            with os.fdopen(fd, "wb") as out:
                marshal.dump((FORMAT, self.used), out)
            os.replace(tmp, self.file)  # atomic: a reader sees the old cache or the new one
        except OSError:
            pass  # a read-only home must not break a check
