"""Past states of a workspace from git: the workspace at a revision, the baselines to pick
from, and the history of one project.

A workspace at a revision is read without a checkout: the folder's blobs are read
with `git ls-tree` and `git cat-file --batch` into a temporary folder outside the
repository, loaded there by the one loader (`load_workspace`) and the folder is
removed again. The working tree, the index and the refs are never touched.
Symbolic links and submodules at a revision are not followed (a link could point
anywhere on the machine); a file larger than the loader's limit is not read but is
reported as too large, as it would be in the working tree.
"""
from __future__ import annotations

import dataclasses
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from . import gitrepo
from . import model as m
from .baseline import Change, project_changes
from .gitrepo import Commit, GitError, Repo
from .workspace import load_workspace
from .yamldoc import MAX_FILE_BYTES

FOLDERS = ("projects", "assessments", "guidelines")
_FILE_MODES = ("100644", "100755")


class WorkspaceMissing(GitError):
    """The workspace folder, or its plan and projects, did not exist at that revision."""


@dataclass(frozen=True, slots=True)
class Baseline:
    """A state a user can compare with: a tag, or a commit that touched the workspace."""

    kind: str  # "tag" or "commit"
    name: str  # the tag's name, or the commit's short id
    sha: str
    date: str
    subject: str

    @property
    def label(self) -> str:
        day = self.date[:10]
        return f"{self.name} — {day} — {self.subject}" if self.kind == "tag" else f"{self.name} {day} {self.subject}"


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    """One commit that touched a project's file: who, when, why, and what changed in the project."""

    commit: Commit
    kind: str  # "added", "changed", "removed", "unchanged" (only the file's layout or comments changed)
    changes: tuple[Change, ...] = ()
    error: str | None = None  # the file could not be loaded: the loader's first message
    error_side: str | None = None  # "after": broken at this commit; "before": broken before it, loads now


def describe(repo: Repo, sha: str, rev: str | None = None) -> str:
    """A label for a revision: what the user typed and the short commit id, e.g. `v1.0 (3f2a1c9e0b)`."""
    short = sha[:10]
    return f"{rev} ({short})" if rev and not sha.startswith(rev) else short


def _workspace_files(entries: list[gitrepo.Entry]) -> list[gitrepo.Entry]:
    """The entries the loader would look at: plan.yaml and the files directly in its folders."""
    keep = []
    for e in entries:
        parts = e.path.split("/")
        if e.mode not in _FILE_MODES or any(p in ("", ".", "..") for p in parts):
            continue
        if parts == ["plan.yaml"] or (len(parts) == 2 and parts[0] in FOLDERS):
            keep.append(e)
    return keep


def load_at(repo: Repo, sha: str, *, label: str | None = None, builtin=True) -> m.Workspace:
    """The workspace (the folder `repo.prefix`) as it was at commit `sha` (see `gitrepo.resolve`)."""
    label = label or sha[:10]
    folder = repo.prefix or "./"
    entries = gitrepo.list_tree(repo, sha, repo.prefix)
    if entries is None:
        raise WorkspaceMissing(f"the workspace folder {folder} did not exist at {label}: it was added "
                               "later, or moved; pick a later revision")
    files = _workspace_files(entries)
    if not any(e.path == "plan.yaml" or e.path.startswith("projects/") for e in files):
        raise WorkspaceMissing(f"{folder} had no plan.yaml and no projects/ at {label}, so it was not a "
                               "workspace then; pick a later revision")
    blobs = gitrepo.read_blobs(repo, [e.sha for e in files if e.size <= MAX_FILE_BYTES])
    with tempfile.TemporaryDirectory(prefix="portfolio-rev-") as tmp:
        for e in files:
            target = os.path.join(tmp, *e.path.split("/"))
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with open(target, "wb") as out:
                if e.sha in blobs:
                    out.write(blobs[e.sha])
                else:
                    out.truncate(e.size)  # sparse: the loader refuses it by its size, as in the working tree
        ws = load_workspace(tmp, builtin=builtin)
        issues = tuple(dataclasses.replace(i, message=i.message.replace(tmp, f"{folder} at {label}"))
                       if tmp in i.message else i for i in ws.issues)
    return dataclasses.replace(ws, root=f"{repo.root / repo.prefix}@{sha}", issues=issues)


def baselines(repo: Repo, limit: int = 30) -> list[Baseline]:
    """The repository's tags (newest first), then the latest commits that touched the workspace."""
    found = [Baseline("tag", t.name, t.sha, t.date, t.subject) for t in gitrepo.tags(repo)]
    found += [Baseline("commit", c.short, c.sha, c.date, c.subject)
              for c in gitrepo.log(repo, repo.prefix, limit=limit)]
    return found


def _project_from(data: bytes, pid: str, tmp: str, n: int) -> tuple[m.Project | None, str | None]:
    folder = Path(tmp) / str(n)
    (folder / "projects").mkdir(parents=True)
    (folder / "projects" / f"{pid}.yaml").write_bytes(data)
    ws = load_workspace(folder, builtin=False)
    project = ws.projects.get(pid)
    if project is not None:
        return project, None
    path = f"projects/{pid}.yaml"
    first = next((i for i in ws.errors if i.path == path), None)
    return None, (f"{path}:{first.line}:{first.column}: {first.message}" if first else f"{path} could not be loaded")


def project_history(repo: Repo, pid: str, limit: int = 50) -> list[HistoryEntry]:
    """The commits (newest first, from HEAD) that touched `projects/<pid>.yaml`, each with what it changed.

    Each commit is compared with its first parent. The project is read on its own, so
    references to other files are not checked here and the forecast is left out.
    """
    path = f"{repo.prefix}projects/{pid}.yaml"
    commits = gitrepo.log(repo, path, limit=limit)
    loaded: dict[bytes, tuple[m.Project | None, str | None]] = {}
    out: list[HistoryEntry] = []
    contents = gitrepo.read_files(repo, path, [s for c in commits for s in (c.sha, *c.parents[:1])])
    with tempfile.TemporaryDirectory(prefix="portfolio-history-") as tmp:
        def version(sha: str | None):
            data = contents.get(sha) if sha else None
            if data is None:
                return None, None, False
            if data not in loaded:
                loaded[data] = _project_from(data, pid, tmp, len(loaded))
            return (*loaded[data], True)

        for c in commits:
            after, err_after, there = version(c.sha)
            before, err_before, was = version(c.parents[0] if c.parents else None)
            side = "after" if err_after else "before" if err_before else None
            if not there:
                out.append(HistoryEntry(c, "removed"))
            elif not was:
                out.append(HistoryEntry(c, "added", error=err_after, error_side="after" if err_after else None))
            elif side:
                out.append(HistoryEntry(c, "changed", error=err_after or err_before, error_side=side))
            else:
                changes = project_changes(before, after)
                out.append(HistoryEntry(c, "changed" if changes else "unchanged", changes))
    return out
