"""Generate a synthetic workspace of N projects for benchmarks (realistic size and shape)."""
from __future__ import annotations

import random
import sys
from datetime import date, timedelta
from pathlib import Path

TFA_ITEMS = ["1.1", "1.2", "2.1", "3", "4", "5.1", "7.1", "7.2", "7.4", "7.7", "10.1", "10.4", "11", "12"]
STATUSES = ["proposed", "approved", "in-progress", "in-progress", "on-hold", "completed", "cancelled"]


def generate(root: Path, n: int, seed: int = 7, deps_per_project: float = 1.5) -> Path:
    rng = random.Random(seed)
    (root / "projects").mkdir(parents=True, exist_ok=True)
    programmes = [f"prog-{i}" for i in range(max(1, n // 100))]
    (root / "plan.yaml").write_text(
        "administration: Benchmark Customs\nname: Synthetic plan\n"
        "period: {start: 2026-01-01, end: 2035-12-31}\ncurrency: USD\nexchange_rates: {EUR: 1.08}\n"
        "objectives:\n" + "".join(f"  - id: obj-{i}\n    name: Objective {i}\n" for i in range(6))
        + "programmes:\n" + "".join(f"  - id: {p}\n    name: Programme {p}\n    objectives: [obj-{i % 6}]\n"
                                     for i, p in enumerate(programmes)))
    base = date(2026, 1, 1)
    for i in range(n):
        start = base + timedelta(days=rng.randrange(0, 2500))
        end = start + timedelta(days=rng.randrange(30, 700))
        k = min(i, int(rng.random() * deps_per_project * 2 + 0.5))
        deps = sorted(set(rng.randrange(0, i) for _ in range(k))) if i else []
        dep_lines = "".join(f"  - p{d:06d}\n" if rng.random() < 0.7 else f"  - {{project: p{d:06d}, lag: {rng.randrange(-10, 40)}}}\n"
                            for d in deps)
        mid = start + (end - start) / 2
        text = f"""\
name: Project {i} of the synthetic portfolio
summary: A synthetic project used to measure how fast a large workspace is checked.
programme: {rng.choice(programmes)}
objectives: [obj-{i % 6}, obj-{(i + 1) % 6}]
owner: Directorate {i % 17}
sponsor: Deputy Director General
status: {rng.choice(STATUSES)}
health: {rng.choice(["green", "green", "amber", "red"])}
start: {start}
end: {end}
progress: {rng.randrange(0, 100)}
method: {rng.choice(["waterfall", "agile", "iterative", "hybrid"])}
budget:
  planned: {rng.randrange(100, 20000) * 1000}
  spent: {rng.randrange(0, 100) * 1000}
  currency: {rng.choice(["USD", "USD", "EUR"])}
  funding: {rng.choice(["internal", "donor", "ppp", "mixed"])}
  donor: Development Bank
sustainment:
  owner: ICT Operations
  annual_cost: {rng.randrange(10, 900) * 1000}
  funded: {rng.choice(["true", "false"])}
guidelines:
  tfa: [{", ".join(f'"{x}"' for x in rng.sample(TFA_ITEMS, 2))}]
milestones:
  - {{id: m1, name: Design approved, date: {start}, done: true}}
  - {{id: m2, name: Pilot live, date: {mid}}}
  - {{id: m3, name: National roll-out, date: {end}}}
risks:
  - id: r1
    title: Vendor delivers late
    likelihood: {rng.randrange(1, 6)}
    impact: {rng.randrange(1, 6)}
    mitigation: Weekly progress review with penalties in the contract
    owner: Project manager
"""
        if dep_lines:
            text += "depends_on:\n" + dep_lines
        (root / "projects" / f"p{i:06d}.yaml").write_text(text)
    return root


if __name__ == "__main__":
    generate(Path(sys.argv[1]), int(sys.argv[2]))
