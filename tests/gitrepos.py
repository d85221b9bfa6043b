"""Temporary git repositories for tests: commits with fixed authors and dates, tags.

Git runs with its global and system configuration switched off and the identity
given through the environment, so the tests neither read nor need the machine's
`git config`.
"""
from __future__ import annotations

import os
import subprocess
from pathlib import Path

from samples import write_file

AUTHOR = ("Ana Planner", "ana@customs.example")


class GitRepoFactory:
    """A repository at `root`; `write`/`remove` files, then `commit` them all (`git add -A`)."""

    def __init__(self, root: Path):
        self.root = root
        self.commits = 0
        root.mkdir(parents=True, exist_ok=True)
        self.git("init", "-q", "-b", "main")

    def env(self) -> dict:
        when = f"2026-01-{self.commits + 1:02d}T10:00:00+00:00"
        return {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1",
                "GIT_AUTHOR_NAME": AUTHOR[0], "GIT_AUTHOR_EMAIL": AUTHOR[1],
                "GIT_COMMITTER_NAME": AUTHOR[0], "GIT_COMMITTER_EMAIL": AUTHOR[1],
                "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}

    def git(self, *args: str) -> str:
        done = subprocess.run(["git", "-c", "commit.gpgsign=false", "-c", "tag.gpgsign=false", *args],
                              cwd=self.root, env=self.env(), capture_output=True, text=True)
        assert done.returncode == 0, f"git {' '.join(args)}: {done.stderr}"
        return done.stdout

    def write(self, rel: str, text: str | bytes) -> Path:
        return write_file(self.root, rel, text)

    def remove(self, rel: str) -> None:
        (self.root / rel).unlink()

    def commit(self, message: str) -> str:
        self.git("add", "-A")
        self.git("commit", "-q", "--allow-empty", "-m", message)
        self.commits += 1
        return self.git("rev-parse", "HEAD").strip()

    def tag(self, name: str, message: str | None = None) -> None:
        if message:
            self.git("tag", "-a", name, "-m", message)
        else:
            self.git("tag", name)

    def status(self) -> str:
        return self.git("status", "--porcelain", "--untracked-files=all")


# --- a small history shared by the library, CLI and browser tests -----------------------------

PLAN_V1 = """\
administration: Customs Service of Testland
name: ICT Strategic Plan 2026-2028
period: {start: 2026-01-01, end: 2028-12-31}
objectives:
  - id: obj-a
    name: Faster clearance
    kpis:
      - {name: Release time, baseline: 48, target: 24, unit: hours}
programmes:
  - id: prog-a
    name: Core systems
    objectives: [obj-a]
"""

PLAN_V2 = PLAN_V1.replace("target: 24", "target: 12") + """\
  - id: prog-b
    name: Trader services
"""

ALPHA_V1 = """\
name: Electronic manifest
programme: prog-a
status: approved
health: green
start: 2026-03-01
end: 2026-09-30
progress: 0
budget: {planned: 100000, spent: 0, funding: internal}
guidelines: {tfa: ["7.1"]}
milestones:
  - {id: m1, name: Sea manifests live, date: 2026-06-01}
  - {id: m2, name: Air manifests live, date: 2026-09-01}
"""

ALPHA_V2 = """\
name: Electronic manifest
programme: prog-a
status: in-progress
health: amber
start: 2026-03-01
end: 2026-10-30
progress: 40
budget: {planned: 120000, spent: 50000, funding: internal}
guidelines: {tfa: ["7.1", "10.4"]}
milestones:
  - {id: m1, name: Sea manifests live, date: 2026-06-15, done: true}
  - {id: m3, name: Rail manifests live, date: 2026-10-15}
"""

BETA = """\
name: Risk engine
status: approved
start: 2026-10-01
end: 2026-12-31
depends_on: [alpha]
budget: {planned: 50000, funding: donor, donor: World Bank}
"""

GAMMA = """\
name: Legacy archive
status: proposed
start: 2027-01-01
end: 2027-03-31
budget: {planned: 30000, funding: internal}
"""

DELTA = """\
# Kept as it is, only the file name changes
name: Trader portal
status: approved
start: 2026-05-01
end: 2026-08-31
"""

EPSILON = """\
name: Data warehouse
status: proposed
start: 2027-02-01
end: 2027-06-30
budget: {planned: 80000, funding: internal}
"""


def build_history(repo: GitRepoFactory, folder: str = "plans/national") -> dict[str, str]:
    """Five commits and three tags; returns {name: commit id}.

    before-ws  a README only: no workspace yet
    v1.0       the approved plan (annotated tag): alpha, beta, gamma, delta
    (commit)   alpha slips 30 days and grows; gamma dropped; delta renamed delta-2; epsilon added;
               a KPI target and a programme change
    broken     epsilon.yaml has a YAML syntax error (line 3)
    HEAD       epsilon fixed
    """
    w = f"{folder}/" if folder else ""
    shas = {}
    repo.write("README.md", "Planning unit repository\n")
    shas["before-ws"] = repo.commit("Start the repository")
    repo.tag("before-ws")

    repo.write(f"{w}plan.yaml", PLAN_V1)
    for pid, text in (("alpha", ALPHA_V1), ("beta", BETA), ("gamma", GAMMA), ("delta", DELTA)):
        repo.write(f"{w}projects/{pid}.yaml", text)
    shas["v1.0"] = repo.commit("Plan approved by the steering committee")
    repo.tag("v1.0", "Steering committee, January")

    repo.write(f"{w}plan.yaml", PLAN_V2)
    repo.write(f"{w}projects/alpha.yaml", ALPHA_V2)
    repo.remove(f"{w}projects/gamma.yaml")
    repo.remove(f"{w}projects/delta.yaml")
    repo.write(f"{w}projects/delta-2.yaml", "id: delta-2\n" + DELTA)
    repo.write(f"{w}projects/epsilon.yaml", EPSILON)
    shas["update"] = repo.commit("Alpha re-planned; gamma dropped; epsilon added")

    repo.write(f"{w}projects/epsilon.yaml", EPSILON.replace("status: proposed", "status: [proposed"))
    shas["broken"] = repo.commit("Epsilon: a typo")
    repo.tag("broken")

    repo.write(f"{w}projects/epsilon.yaml", EPSILON)
    shas["HEAD"] = repo.commit("Epsilon: fix the typo")
    return shas
