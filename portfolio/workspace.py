"""Load a workspace folder: find its files, read each on its own, build the model.

A file that cannot be read or typed yields issues and is left out; it never stops
the others. Cross-file rules (references, cycles, periods) are in `references`.
Loading never writes into the workspace.
"""
from __future__ import annotations

import dataclasses
import gc
import os
import re
from pathlib import Path
from types import MappingProxyType
from typing import Callable

from . import model as m
from . import schema, yamldoc
from .builtin import guidelines_dir
from .cache import TreeCache, content_key
from .issues import Issue, sort_key
from .typecheck import INVALID, Checker

_PROJECT_ID = re.compile(schema.ID_PATTERN)
YAML_SUFFIXES = (".yaml", ".yml")


class SourceFile:
    """One file of the workspace as read: its relative path, kind and tree."""

    __slots__ = ("path", "kind", "tree", "abspath")

    def __init__(self, path: str, kind: str, abspath: Path):
        self.path, self.kind, self.abspath, self.tree = path, kind, abspath, None


def discover(root: Path, builtin: Path | None) -> tuple[list[SourceFile], list[Issue]]:
    """Every file the workspace defines, in a stable order, and the files it ignores."""
    files: list[SourceFile] = []
    issues: list[Issue] = []
    if builtin is not None and builtin.is_dir():
        for p in sorted(builtin.glob("*.yaml")):
            files.append(SourceFile(f"<builtin>/{p.name}", "guideline", p))
    plan = root / "plan.yaml"
    if plan.is_file():
        files.append(SourceFile("plan.yaml", "plan", plan))
    else:
        issues.append(Issue("plan.yaml", 0, 0, "missing-plan",
                            f"no plan.yaml in {root}; is this a workspace folder?"))
    for folder, kind in (("projects", "project"), ("assessments", "assessment"), ("guidelines", "guideline")):
        d = root / folder
        if not d.is_dir():
            continue
        for p in sorted(d.iterdir()):
            rel = f"{folder}/{p.name}"
            if p.is_file() and p.suffix == ".yaml":
                files.append(SourceFile(rel, kind, p))
            elif p.name.startswith(".") or p.name.lower() in ("readme.md", "readme"):
                continue
            elif p.suffix in YAML_SUFFIXES:
                issues.append(Issue(rel, 0, 0, "ignored-file", f"not read: rename it to {p.stem}.yaml"))
            else:
                issues.append(Issue(rel, 0, 0, "ignored-file", f"not read: {folder}/ holds .yaml files only"))
    return files, issues


def read_trees(files: list[SourceFile], cache: TreeCache | None, issues: list[Issue],
               progress: Callable[[int], None] | None = None) -> None:
    """Fill in each file's tree, refusing oversized files before reading them."""
    for n, f in enumerate(files):
        if progress and n % 200 == 0:
            progress(n)
        try:
            size = f.abspath.stat().st_size
            if size > yamldoc.MAX_FILE_BYTES:
                issues.append(Issue(f.path, 0, 0, "too-large", f"{size:,} bytes is more than the "
                                    f"{yamldoc.MAX_FILE_BYTES:,}-byte limit; split the file"))
                continue
            with open(f.abspath, "rb") as fh:
                data = fh.read(yamldoc.MAX_FILE_BYTES + 1)
        except OSError as exc:
            issues.append(Issue(f.path, 0, 0, "encoding", f"cannot read the file: {exc.strerror}"))
            continue
        if len(data) > yamldoc.MAX_FILE_BYTES:  # it grew since stat()
            issues.append(Issue(f.path, 0, 0, "too-large", "the file is larger than the size limit; split it"))
            continue
        key = content_key(data) if cache is not None else None
        hit = cache.get(key, f.path) if cache is not None else None
        if hit is None:
            hit = yamldoc.read(data, f.path)
            if cache is not None:
                cache.put(key, *hit)
        f.tree = hit[0]
        issues.extend(hit[1])
    if progress:
        progress(len(files))


def build(f: SourceFile, issues: list[Issue]) -> object | None:
    """The model object of one file, or None when it is unusable (issues say why)."""
    tree = f.tree
    if tree is None:
        return None
    if tree[0] != yamldoc.MAPPING:
        issues.append(Issue(f.path, tree[1], tree[2], "not-a-map",
                            "the top level must be a map of fields (`name: ...`), "
                            f"not {'a list' if tree[0] == yamldoc.SEQUENCE else 'a single value'}"))
        return None
    checker = Checker(f.path, issues)
    if f.kind == "guideline":
        return _build_guideline(f, checker)
    values = checker.check(tree, schema.FILE_KINDS[f.kind], ())
    if values is INVALID:
        return None
    if f.kind == "plan":
        values.setdefault("currency", "USD")
        period = values["period"]
        if period.end < period.start:
            line, col = yamldoc.locate(tree, "period", "end")
            issues.append(Issue(f.path, line, col, "date-order",
                                f"period.end: {period.end} is before period.start {period.start}"))
            return None
        return m.Plan(**values)
    if f.kind == "assessment":
        return m.Assessment(path=f.path, **values)
    stem = f.abspath.stem
    if not _PROJECT_ID.match(stem):
        issues.append(Issue(f.path, 0, 0, "file-name", f"{stem!r} is not a project id ({schema.ID_HINT}); "
                            "rename the file"))
        return None
    declared = values.pop("id", stem)
    if declared != stem:
        line, col = yamldoc.locate(tree, "id")
        issues.append(Issue(f.path, line, col, "id-mismatch", f"id: {declared!r} differs from the file name "
                            f"{stem!r}; remove the id field or rename the file"))
        return None
    if values["end"] < values["start"]:
        line, col = yamldoc.locate(tree, "end")
        issues.append(Issue(f.path, line, col, "date-order",
                            f"end: {values['end']} is before start {values['start']}; "
                            "both dates are inclusive, so a one-day project has start = end"))
        return None
    return m.Project(id=stem, path=f.path, **values)


def _build_guideline(f: SourceFile, checker: Checker) -> object | None:
    kind_entry = f.tree[3].get("kind")
    kind = kind_entry[3][3] if kind_entry and kind_entry[3][0] == yamldoc.SCALAR else None
    if kind not in ("catalog", "maturity-model"):
        line, col = (kind_entry[3][1], kind_entry[3][2]) if kind_entry else (f.tree[1], f.tree[2])
        checker.issues.append(Issue(f.path, line, col, "enum" if kind_entry else "missing",
                                    "kind: must be catalog or maturity-model"))
        return None
    values = checker.check(f.tree, schema.FILE_KINDS[kind], ())
    if values is INVALID:
        return None
    values.pop("kind")
    builtin = f.path.startswith("<builtin>")
    cls = m.Catalog if kind == "catalog" else m.MaturityModel
    return cls(path=f.path, builtin=builtin, **values)


def load_workspace(root: str | Path, *, builtin: Path | None | bool = True, cache: TreeCache | bool = False,
                   progress: Callable[[int, int], None] | None = None) -> m.Workspace:
    """Load and validate a workspace folder; never raises on bad data.

    `builtin=False` leaves the shipped catalogs out (tests of a workspace's own);
    `cache=True` keeps parsed trees in the user's cache folder between runs.
    """
    # Loading allocates millions of small acyclic tuples; the cyclic collector would
    # rescan them over and over (a third of the time at 10,000 projects) and find nothing.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _load(Path(root), builtin, cache, progress)
    finally:
        if collecting:
            gc.enable()


def _load(root: Path, builtin, cache, progress) -> m.Workspace:
    from .references import check_references  # keeps the import graph one-way

    builtin_path = guidelines_dir() if builtin is True else (builtin or None)
    files, issues = discover(root, builtin_path)
    tree_cache = TreeCache(root) if cache is True else (cache or None)
    total = len(files)
    own = sum(not f.path.startswith("<builtin>") for f in files)
    read_trees(files, tree_cache, issues, (lambda n: progress(n, total)) if progress else None)
    if tree_cache is not None:
        tree_cache.save()

    plan = None
    projects: dict[str, m.Project] = {}
    assessments: list[m.Assessment] = []
    catalogs: dict[str, m.Catalog] = {}
    models: dict[str, m.MaturityModel] = {}
    unloaded: list[str] = []
    for f in files:
        obj = build(f, issues)
        if obj is None:
            unloaded.append(f.path)
        elif isinstance(obj, m.Plan):
            plan = obj
        elif isinstance(obj, m.Project):
            projects[obj.id] = obj
        elif isinstance(obj, m.Assessment):
            assessments.append(obj)
        elif isinstance(obj, (m.Catalog, m.MaturityModel)):
            target = catalogs if isinstance(obj, m.Catalog) else models
            if obj.id in catalogs or obj.id in models:
                line, col = yamldoc.locate(f.tree, "id")
                issues.append(Issue(f.path, line, col, "duplicate-id",
                                    f"id: {obj.id!r} is already used by another catalog or maturity model"))
                unloaded.append(f.path)
            else:
                target[obj.id] = obj

    trees = {f.path: f.tree for f in files}
    stems = {f.abspath.stem for f in files if f.kind == "project"}
    ws = m.Workspace(root=str(root), plan=plan, projects=MappingProxyType(projects),
                     assessments=tuple(assessments), catalogs=MappingProxyType(catalogs),
                     models=MappingProxyType(models), unloaded=tuple(unloaded), files=own)
    issues.extend(check_references(ws, trees, stems))
    return dataclasses.replace(ws, issues=tuple(sorted(issues, key=sort_key)))


def fingerprint(root: str | Path) -> tuple:
    """A cheap summary of every workspace file's size and modification time.

    The app keys its cache on it: a change to any file reloads, anything else
    reuses the loaded workspace without reading a file.
    """
    root = Path(root)
    out = []
    for folder in (root, root / "projects", root / "assessments", root / "guidelines"):
        try:
            with os.scandir(folder) as entries:
                for e in entries:
                    if e.is_file():
                        st = e.stat()
                        out.append((e.path, st.st_mtime_ns, st.st_size))
        except OSError:
            continue
    return tuple(sorted(out))
