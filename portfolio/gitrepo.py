"""A small read-only git adapter: the repository a workspace lives in, its tags and
commits, the files of a folder at a revision, and the log of one file.

Every call runs the `git` program with an argument list (never a shell), puts `--`
before paths and `--end-of-options` before revisions, and reads only: nothing here
writes the working tree, the index or any ref (`--no-optional-locks` keeps even
`git`'s own opportunistic index refresh away). A revision typed by a user is
checked with `rev-parse --verify` before anything else sees it, and every later
call names the commit by its full id.
"""
from __future__ import annotations

import os
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

#: Full commit ids only, after `resolve`; anything else a user types goes through `resolve` first.
_SHA = re.compile(r"^[0-9a-f]{40}(?:[0-9a-f]{24})?$")
_FIELD, _RECORD = "\x1f", "\x1e"
_LOG_FORMAT = _RECORD + _FIELD.join(["%H", "%an", "%ae", "%aI", "%s", "%P"])


class GitError(Exception):
    """Why a git feature is unavailable or a revision cannot be read; the message is for the user."""


class NotARepository(GitError):
    pass


class BadRevision(GitError):
    pass


@dataclass(frozen=True, slots=True)
class Commit:
    sha: str
    author: str
    email: str
    date: str  # ISO 8601 with the author's offset, as git prints it
    subject: str
    parents: tuple[str, ...] = ()

    @property
    def short(self) -> str:
        return self.sha[:10]


@dataclass(frozen=True, slots=True)
class Tag:
    name: str
    sha: str  # the commit it points to
    date: str  # of that commit
    subject: str


@dataclass(frozen=True, slots=True)
class Entry:
    """One file of a tree at a revision: path relative to the folder that was listed."""

    path: str
    mode: str
    sha: str
    size: int


@dataclass(frozen=True, slots=True)
class Repo:
    root: Path  # the top of the working tree
    prefix: str  # the workspace folder relative to `root`, with a trailing "/", or "" at the top

    def run(self, *args: str, input: bytes | None = None) -> bytes:
        return _git(self.root, *args, input=input)


def _git(cwd: Path, *args: str, input: bytes | None = None) -> bytes:
    env = {**os.environ, "LC_ALL": "C", "GIT_TERMINAL_PROMPT": "0", "GIT_PAGER": "cat"}
    try:
        # Settings a repository's own config could set to run programs (gpg for signatures,
        # an fsmonitor hook) are switched off: reading history needs neither.
        done = subprocess.run(["git", "--no-pager", "--no-optional-locks", "--literal-pathspecs",
                               "-c", "log.showSignature=false", "-c", "core.fsmonitor=false", *args],
                              cwd=cwd, input=input, capture_output=True, env=env, check=False, timeout=120)
    except FileNotFoundError:
        raise GitError("the git program is not installed (or not on PATH); install git to compare "
                       "with past versions of the plan") from None
    except subprocess.TimeoutExpired:
        raise GitError(f"git {args[0]} took more than two minutes in {cwd}") from None
    if done.returncode != 0:
        raise GitError(done.stderr.decode("utf-8", "replace").strip() or f"git {args[0]} failed")
    return done.stdout


def find_repo(workspace: str | Path) -> Repo:
    """The repository holding `workspace` (a folder), or NotARepository saying why there is none."""
    folder = Path(workspace)
    if not folder.is_dir():
        raise NotARepository(f"{folder} is not a folder")
    try:
        out = _git(folder, "rev-parse", "--is-inside-work-tree", "--show-toplevel", "--show-prefix")
    except GitError as exc:
        text = str(exc)
        if "not a git repository" in text:
            raise NotARepository(f"{folder} is not in a git repository, so there is no history to compare "
                                 "with; put the workspace under git (`git init`, then commit) to use baselines") \
                from None
        if "dubious ownership" in text:
            raise NotARepository(f"git refuses to read the repository of {folder} because another user owns "
                                 "it; see `git config --global --add safe.directory`") from None
        raise NotARepository(text) from None
    lines = out.decode("utf-8", "surrogateescape").split("\n")
    if lines[0] != "true":
        raise NotARepository(f"{folder} is inside a .git folder or a bare repository, not a working tree")
    return Repo(Path(lines[1]), lines[2] if len(lines) > 2 else "")


def check_revision_text(rev: str) -> str:
    """Refuse what can never be a revision a user means: empty, an option, control characters."""
    rev = rev.strip()
    if not rev:
        raise BadRevision("give a revision: a tag, a branch or a commit id")
    if rev.startswith("-"):
        raise BadRevision(f"{rev!r} is not a revision (it starts with '-')")
    if any(ord(c) < 32 or c == "\x7f" for c in rev):
        raise BadRevision(f"{rev!r} is not a revision (it holds control characters)")
    return rev


def resolve(repo: Repo, rev: str) -> str:
    """The full id of the commit `rev` names (tag, branch, `HEAD~2`, an abbreviated id)."""
    rev = check_revision_text(rev)
    try:
        out = repo.run("rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}")
    except GitError:
        raise BadRevision(f"no commit {rev!r} in the repository at {repo.root}; `git tag` lists the tags "
                          "and `git log --oneline` the commits") from None
    sha = out.decode().strip()
    if not _SHA.match(sha):
        raise BadRevision(f"{rev!r} does not name one commit")
    return sha


def _commit_id(sha: str) -> str:
    if not _SHA.match(sha):  # a programming error: user text must go through resolve()
        raise ValueError(f"not a full commit id: {sha!r}")
    return sha


def _parse_log(out: bytes) -> list[Commit]:
    commits = []
    for record in out.decode("utf-8", "replace").split(_RECORD)[1:]:
        sha, author, email, when, subject, parents = record.rstrip("\n").split(_FIELD)[:6]
        commits.append(Commit(sha, author, email, when, subject, tuple(parents.split())))
    return commits


def commit_info(repo: Repo, sha: str) -> Commit:
    return _parse_log(repo.run("log", "-1", f"--format={_LOG_FORMAT}", "--end-of-options", _commit_id(sha)))[0]


def tags(repo: Repo) -> list[Tag]:
    """Tags that point (maybe through an annotated tag) at a commit, newest commit first."""
    fmt = _FIELD.join(["%(refname:short)", "%(*objectname)", "%(objectname)", "%(*objecttype)", "%(objecttype)"])
    out = repo.run("for-each-ref", f"--format={fmt}", "refs/tags").decode("utf-8", "replace")
    found: list[tuple[str, str]] = []
    for line in out.splitlines():
        name, peeled, direct, peeled_type, direct_type = line.split(_FIELD)
        sha, kind = (peeled, peeled_type) if peeled else (direct, direct_type)
        if kind == "commit":
            found.append((name, sha))
    if not found:
        return []
    info = {c.sha: c for c in _parse_log(repo.run("log", "--no-walk=unsorted", f"--format={_LOG_FORMAT}",
                                                  "--end-of-options", *dict.fromkeys(s for _, s in found)))}
    rows = [Tag(name, sha, info[sha].date, info[sha].subject) for name, sha in found if sha in info]
    return sorted(rows, key=lambda t: (t.date, t.name), reverse=True)


def log(repo: Repo, path: str = "", limit: int = 30, rev: str = "HEAD") -> list[Commit]:
    """Commits reachable from `rev` that touched `path` (relative to the repository root; "" = any), newest first."""
    if rev != "HEAD":
        rev = _commit_id(rev)
    try:
        out = repo.run("log", f"-n{int(limit)}", f"--format={_LOG_FORMAT}", "--end-of-options", rev, "--",
                       path or ".")
    except GitError as exc:
        if rev == "HEAD" and any(m in str(exc) for m in ("does not have any commits", "unknown revision",
                                                         "bad revision")):
            return []  # a repository without a first commit yet
        raise
    return _parse_log(out)


def list_tree(repo: Repo, sha: str, folder: str) -> list[Entry] | None:
    """Every file under `folder` (relative to the root, "" or ending in "/") at commit `sha`; None if absent."""
    sha = _commit_id(sha)
    spec = f"{sha}:{folder.rstrip('/')}" if folder else f"{sha}^{{tree}}"
    try:
        kind = repo.run("cat-file", "-t", spec).decode().strip()
    except GitError:
        return None
    if kind != "tree":
        return None
    out = repo.run("ls-tree", "-r", "-l", "-z", "--full-tree", spec)
    entries = []
    for record in out.split(b"\0"):
        if not record:
            continue
        meta, _, name = record.partition(b"\t")
        mode, _kind, obj, size = meta.decode().split(maxsplit=3)
        entries.append(Entry(name.decode("utf-8", "surrogateescape"), mode, obj,
                             int(size) if size.strip().isdigit() else 0))
    return entries


def _batch(repo: Repo, names: list[str]) -> list[bytes | None]:
    """`git cat-file --batch` on each name (an id or `commit:path`), in order; None where it is not a blob."""
    out = repo.run("cat-file", "--batch", input=("\n".join(names) + "\n").encode("utf-8", "surrogateescape"))
    found: list[bytes | None] = []
    pos = 0
    for _ in names:
        header_end = out.index(b"\n", pos)
        header = out[pos:header_end].split()
        pos = header_end + 1
        if len(header) != 3 or not header[2].isdigit():  # "<name> missing", "<name> ambiguous"
            found.append(None)
            continue
        size = int(header[2])
        found.append(out[pos:pos + size] if header[1] == b"blob" else None)
        pos += size + 1  # the content, then a newline
    return found


def read_blobs(repo: Repo, shas: list[str]) -> dict[str, bytes]:
    """The content of each blob, in one `git cat-file --batch` call."""
    wanted = [_commit_id(s) for s in dict.fromkeys(shas)]  # blob ids have the same form as commit ids
    if not wanted:
        return {}
    blobs = dict(zip(wanted, _batch(repo, wanted)))
    missing = [s for s, data in blobs.items() if data is None]
    if missing:
        raise GitError(f"git could not read object {missing[0]}")
    return blobs


def read_files(repo: Repo, path: str, shas: list[str]) -> dict[str, bytes | None]:
    """The content of one file (relative to the root) at each commit, None where it is not a file there.

    One `git cat-file --batch` call for all of them; a path holding a newline cannot be
    named this way and is refused.
    """
    if "\n" in path or "\r" in path:
        raise GitError(f"{path!r}: a file name with a line break cannot be read from history")
    wanted = [_commit_id(s) for s in dict.fromkeys(shas)]
    if not wanted:
        return {}
    return dict(zip(wanted, _batch(repo, [f"{s}:{path}" for s in wanted])))
