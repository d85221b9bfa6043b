"""Reading a workspace from git: real temporary repositories, several commits and tags.

The history (tests/gitrepos.py::build_history): before-ws (no workspace yet), v1.0
(the approved plan), an update (alpha slips and grows, gamma dropped, delta renamed,
epsilon added), broken (epsilon.yaml unreadable), HEAD (fixed).
"""
from __future__ import annotations

import os
from datetime import date

import pytest

from gitrepos import AUTHOR, GitRepoFactory, build_history
from portfolio import baseline_report as report
from portfolio import gitrepo
from portfolio.baseline import diff
from portfolio.gitrepo import BadRevision, NotARepository
from portfolio.revisions import WorkspaceMissing, baselines, describe, load_at, project_history
from portfolio.workspace import load_workspace
from samples import PLAN

FOLDER = "plans/national"


@pytest.fixture(scope="module")
def history(tmp_path_factory):
    repo = GitRepoFactory(tmp_path_factory.mktemp("git") / "planning")
    shas = build_history(repo, FOLDER)
    return repo, shas


@pytest.fixture
def repo(history):
    return gitrepo.find_repo(history[0].root / FOLDER)


def at(repo, rev: str):
    sha = gitrepo.resolve(repo, rev)
    return load_at(repo, sha, label=describe(repo, sha, rev))


# --- finding the repository and revisions ------------------------------------------------------

def test_workspace_in_a_sub_folder(history, repo):
    assert repo.root == history[0].root.resolve()
    assert repo.prefix == "plans/national/"
    top = gitrepo.find_repo(history[0].root)
    assert top.prefix == ""


def test_not_a_repository_says_why(tmp_path):
    (tmp_path / "ws").mkdir()
    with pytest.raises(NotARepository, match=r"is not in a git repository.*git init"):
        gitrepo.find_repo(tmp_path / "ws")
    with pytest.raises(NotARepository, match="is not a folder"):
        gitrepo.find_repo(tmp_path / "missing")


def test_revisions_by_tag_annotated_tag_branch_ancestry_and_short_id(history, repo):
    _, shas = history
    assert gitrepo.resolve(repo, "v1.0") == shas["v1.0"]  # annotated: peeled to its commit
    assert gitrepo.resolve(repo, "broken") == shas["broken"]
    assert gitrepo.resolve(repo, "main") == shas["HEAD"]
    assert gitrepo.resolve(repo, "HEAD~1") == shas["broken"]
    assert gitrepo.resolve(repo, shas["update"][:8]) == shas["update"]
    assert gitrepo.resolve(repo, f"  {shas['update']}  ") == shas["update"]
    assert describe(repo, shas["v1.0"], "v1.0") == f"v1.0 ({shas['v1.0'][:10]})"
    assert describe(repo, shas["update"], shas["update"][:8]) == shas["update"][:10]


@pytest.mark.parametrize("rev, message", [
    ("", "give a revision"),
    ("-n", "starts with '-'"),
    ("--output=/tmp/x", "starts with '-'"),
    ("HEAD\n--all", "control characters"),
    ("v9.9", "no commit 'v9.9' in the repository at .*git tag"),
    ("HEAD^{tree}", "no commit"),
    (f"HEAD:{FOLDER}/plan.yaml", "no commit"),  # a file, not a commit
    ("HEAD..v1.0", "no commit"),
])
def test_bad_revisions_are_refused_with_a_message(repo, rev, message):
    with pytest.raises(BadRevision, match=message):
        gitrepo.resolve(repo, rev)


def test_internal_calls_take_full_commit_ids_only(repo):
    with pytest.raises(ValueError):
        load_at(repo, "HEAD")
    with pytest.raises(ValueError):
        gitrepo.read_files(repo, "plan.yaml", ["--output=x"])


# --- the workspace at a revision ---------------------------------------------------------------

def test_workspace_at_a_tag_is_the_past_one(repo):
    ws = at(repo, "v1.0")
    assert sorted(ws.projects) == ["alpha", "beta", "delta", "gamma"]
    assert ws.projects["alpha"].end == date(2026, 9, 30)
    assert ws.projects["alpha"].path == "projects/alpha.yaml"
    assert ws.issues == () and ws.unloaded == ()
    assert ws.root.endswith(f"{FOLDER}@{gitrepo.resolve(repo, 'v1.0')}")


def test_reading_the_past_touches_nothing(history, repo):
    r, _ = history
    git_dir = r.root / ".git"
    before_status = r.status()  # the test's own `git status` may refresh the index: before the snapshot
    (r.root / FOLDER / "projects" / "alpha.yaml").touch()  # a dirty-looking file tempts a refresh
    before = {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in git_dir.rglob("*") if p.is_file()}
    at(repo, "v1.0")
    gitrepo.tags(repo)
    gitrepo.log(repo, repo.prefix)
    project_history(repo, "alpha")
    after = {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in git_dir.rglob("*") if p.is_file()}
    assert after == before  # index, refs, objects: not one file written
    assert r.status() == before_status == ""


def test_workspace_missing_at_a_revision(repo):
    with pytest.raises(WorkspaceMissing, match=r"plans/national/ did not exist at before-ws \("):
        at(repo, "before-ws")


def test_folder_without_plan_or_projects_is_not_a_workspace(tmp_path):
    r = GitRepoFactory(tmp_path / "r")
    r.write("ws/notes.txt", "x")
    r.commit("notes")
    r.write("ws/plan.yaml", "administration: A\n")
    repo = gitrepo.find_repo(r.root / "ws")
    with pytest.raises(WorkspaceMissing, match=r"ws/ had no plan.yaml and no projects/ at HEAD"):
        at(repo, "HEAD")


def test_a_file_broken_at_a_revision_is_reported_with_its_line(repo):
    ws = at(repo, "broken")
    assert ws.unloaded == ("projects/epsilon.yaml",)
    [issue] = ws.errors
    assert (issue.path, issue.line, issue.column, issue.code) == ("projects/epsilon.yaml", 3, 6, "syntax")


def test_symlinks_nested_folders_and_oversized_files_at_a_revision(tmp_path):
    r = GitRepoFactory(tmp_path / "r")
    r.write("plan.yaml", PLAN)
    r.write("projects/big.yaml", b"name: big\n" + b"#" * (2 * 1024 * 1024 + 10) + b"\n")
    os.symlink("/etc/passwd", r.root / "projects" / "link.yaml")
    r.write("projects/deep/nested.yaml", "name: nested\n")
    r.write("other/x.yaml", "not part of a workspace\n")
    r.commit("odd files")
    repo = gitrepo.find_repo(r.root)
    ws = at(repo, "HEAD")
    assert ws.projects == {}
    assert [(i.path, i.code) for i in ws.issues] == [("projects/big.yaml", "too-large")]
    assert "2,097,173 bytes" in ws.issues[0].message
    assert ws.plan is not None and ws.plan.name == "ICT Strategic Plan 2026-2028"


def test_folder_names_with_spaces_and_accents(tmp_path):
    r = GitRepoFactory(tmp_path / "r")
    folder = "plans/Plan nacional ñ [2026]"
    build_history(r, folder)
    repo = gitrepo.find_repo(r.root / folder)
    assert repo.prefix == folder + "/"
    assert sorted(at(repo, "v1.0").projects) == ["alpha", "beta", "delta", "gamma"]
    assert [c.subject for c in gitrepo.log(repo, repo.prefix)][-1] == "Plan approved by the steering committee"
    assert [e.kind for e in project_history(repo, "alpha")] == ["changed", "added"]


def test_a_missing_plan_message_names_the_revision_not_a_temporary_folder(tmp_path):
    r = GitRepoFactory(tmp_path / "r")
    r.write("projects/a.yaml", "name: a\nstatus: approved\nstart: 2026-01-01\nend: 2026-02-01\n")
    r.commit("a project, no plan")
    repo = gitrepo.find_repo(r.root)
    ws = at(repo, "HEAD")
    [issue] = [i for i in ws.errors if i.code == "missing-plan"]
    assert "portfolio-rev-" not in issue.message and "./ at HEAD" in issue.message


# --- the exact diff ---------------------------------------------------------------------------

def test_diff_of_the_approved_plan_and_the_working_tree(history, repo):
    r, _ = history
    d = diff(at(repo, "v1.0"), load_workspace(r.root / FOLDER), "v1.0", "working tree")
    got = report.as_dict(d)
    assert got["added"] == [{"id": "epsilon", "name": "Data warehouse", "status": "proposed",
                             "start": "2027-02-01", "end": "2027-06-30", "budget": 80000, "currency": None}]
    assert [p["id"] for p in got["removed"]] == ["gamma"]
    assert got["renamed"] == [{"before": "delta", "after": "delta-2", "name": "Trader portal"}]
    assert got["changed"] == [
        {"id": "alpha", "name": "Electronic manifest", "changes": [
            {"field": "status", "kind": "changed", "before": "approved", "after": "in-progress", "delta": None},
            {"field": "health", "kind": "changed", "before": "green", "after": "amber", "delta": None},
            {"field": "progress", "kind": "changed", "before": 0, "after": 40, "delta": 40},
            {"field": "end", "kind": "changed", "before": "2026-09-30", "after": "2026-10-30", "delta": 30},
            {"field": "forecast end", "kind": "changed", "before": "2026-09-30", "after": "2026-10-30", "delta": 30},
            {"field": "budget planned", "kind": "changed", "before": 100000, "after": 120000, "delta": 20000},
            {"field": "budget spent", "kind": "changed", "before": 0, "after": 50000, "delta": 50000},
            {"field": "guidelines", "kind": "changed", "before": ["tfa 7.1"], "after": ["tfa 7.1", "tfa 10.4"],
             "delta": None, "added": ["tfa 10.4"], "removed": []},
            {"field": "milestone m1", "kind": "moved", "before": "2026-06-01", "after": "2026-06-15", "delta": 14},
            {"field": "milestone m1 done", "kind": "done", "before": False, "after": True, "delta": None},
            {"field": "milestone m2", "kind": "dropped", "before": "2026-09-01", "after": None, "delta": None},
            {"field": "milestone m3", "kind": "added", "before": None, "after": "2026-10-15", "delta": None},
        ]},
        {"id": "beta", "name": "Risk engine", "changes": [
            {"field": "forecast start", "kind": "changed", "before": "2026-10-01", "after": "2026-10-31", "delta": 30},
            {"field": "forecast end", "kind": "changed", "before": "2026-12-31", "after": "2027-01-30", "delta": 30},
        ]},
    ]
    assert got["plan"] == [
        {"field": "objective obj-a KPI Release time target", "kind": "changed", "before": 24, "after": 12,
         "delta": -12},
        {"field": "programme prog-b", "kind": "added", "before": None, "after": "Trader services", "delta": None},
    ]
    assert got["coverage"] == [{"catalog": "tfa", "leaves": [36, 36], "covered": [1, 2], "gained": ["10.4"],
                                "lost": []}]
    assert {t["name"]: [t["before"], t["after"], t["delta"]] for t in got["totals"]} == {
        "projects": [4, 4, 0], "in-progress": [0, 1, 1], "completed": [0, 0, 0], "cancelled": [0, 0, 0],
        "health red": [0, 0, 0], "health amber": [0, 1, 1],
        "planned budget (USD)": [180000, 250000, 70000], "spent (USD)": [0, 50000, 50000],
        "donor-funded (USD)": [50000, 50000, 0], "no funded sustainment": [4, 4, 0],
        "forecast finish": ["2027-03-31", "2027-06-30", 91],
    }
    assert got["not_compared"] == []


def test_diff_of_two_revisions_with_a_file_broken_in_one(history, repo):
    _, shas = history
    d = diff(at(repo, shas["update"]), at(repo, "broken"), "update", "broken")
    assert d.added == d.removed == d.renamed == d.changed == d.plan == ()
    assert [(n.side, n.path, n.message) for n in d.not_compared] == [
        ("after", "projects/epsilon.yaml", "projects/epsilon.yaml:3:6: " + at(repo, "broken").errors[0].message)]


def test_same_revision_twice_is_empty(repo):
    assert diff(at(repo, "v1.0"), at(repo, "v1.0")).empty


# --- baselines and history --------------------------------------------------------------------

def test_baselines_are_tags_newest_first_then_commits_that_touched_the_workspace(history, repo):
    _, shas = history
    got = [(b.kind, b.name, b.sha) for b in baselines(repo)]
    assert got == [
        ("tag", "broken", shas["broken"]),
        ("tag", "v1.0", shas["v1.0"]),
        ("tag", "before-ws", shas["before-ws"]),
        ("commit", shas["HEAD"][:10], shas["HEAD"]),
        ("commit", shas["broken"][:10], shas["broken"]),
        ("commit", shas["update"][:10], shas["update"]),
        ("commit", shas["v1.0"][:10], shas["v1.0"]),
    ]  # "Start the repository" did not touch plans/national
    assert baselines(repo)[1].label == "v1.0 — 2026-01-02 — Plan approved by the steering committee"


def test_history_of_a_project(history, repo):
    _, shas = history
    got = project_history(repo, "alpha")
    assert [(e.commit.sha, e.kind, e.error) for e in got] == [(shas["update"], "changed", None),
                                                              (shas["v1.0"], "added", None)]
    assert (got[0].commit.author, got[0].commit.email) == AUTHOR
    assert got[0].commit.date == "2026-01-03T10:00:00+00:00"
    assert got[0].commit.subject == "Alpha re-planned; gamma dropped; epsilon added"
    assert [c.field for c in got[0].changes] == [
        "status", "health", "progress", "end", "budget planned", "budget spent", "guidelines",
        "milestone m1", "milestone m1 done", "milestone m2", "milestone m3"]  # no forecast: one file alone


def test_history_of_a_file_broken_then_fixed_and_of_a_dropped_project(history, repo):
    _, shas = history
    got = project_history(repo, "epsilon")
    assert [(e.commit.sha, e.kind) for e in got] == [(shas["HEAD"], "changed"), (shas["broken"], "changed"),
                                                     (shas["update"], "added")]
    assert got[0].error == got[1].error and (got[0].error_side, got[1].error_side) == ("before", "after")
    assert got[0].error.startswith("projects/epsilon.yaml:3:6: YAML syntax")
    dropped = project_history(repo, "gamma")
    assert [(e.commit.sha, e.kind) for e in dropped] == [(shas["update"], "removed"), (shas["v1.0"], "added")]
    assert project_history(repo, "no-such-project") == []


def test_a_repository_without_commits(tmp_path):
    r = GitRepoFactory(tmp_path / "r")
    repo = gitrepo.find_repo(r.root)
    assert baselines(repo) == []
    with pytest.raises(BadRevision):
        gitrepo.resolve(repo, "HEAD")
