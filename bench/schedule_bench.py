"""Benchmark the schedule engine on synthetic portfolios (issue 5).

Target: the schedule of 10,000 projects with ~15,000 dependencies in < 1 s wall,
critical path and float included. Figures at 1k / 10k / 100k projects.

Baseline, measured in the same run so the ratio holds on any machine: building
the same dependency graph in networkx and sorting it topologically, the least an
engine that uses networkx for the graph would do before computing a single date.

    python bench/schedule_bench.py               # 1,000, 10,000 and 100,000 projects
    python bench/schedule_bench.py 5000 20000    # other sizes

The portfolio is built in memory (no YAML): this measures scheduling, not loading
(bench/check_bench.py measures loading).
"""
from __future__ import annotations

import random
import sys
import time
from datetime import date, timedelta
from pathlib import Path
from types import MappingProxyType

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from portfolio import model as m  # noqa: E402

TARGET_10K = 1.0
STATUSES = ["approved"] * 40 + ["in-progress"] * 30 + ["proposed"] * 12 + ["completed"] * 10 + \
    ["on-hold"] * 5 + ["cancelled"] * 3


def portfolio(n: int, deps_per_project: float = 1.5, seed: int = 5) -> m.Workspace:
    """n projects over 2026-2031; each depends on ~1.5 earlier ones (a DAG), some with lags."""
    rng = random.Random(seed)
    day0 = date(2026, 1, 1)
    projects = {}
    programmes = [f"prg-{i}" for i in range(max(1, n // 100))]
    for i in range(n):
        start = day0 + timedelta(days=rng.randrange(0, 5 * 365))
        end = start + timedelta(days=rng.randrange(30, 540))
        k = min(i, int(deps_per_project) + (rng.random() < deps_per_project % 1))
        preds = rng.sample(range(max(0, i - 2000), i), k) if k else []
        deps = tuple(m.Dependency(f"p{j}", rng.choice([0, 0, 0, 14, 30, -7])) for j in preds)
        ms = tuple(m.Milestone(name=f"m{x}", date=start + timedelta(days=x * 20), id=f"m{x}") for x in (1, 2))
        pid = f"p{i}"
        projects[pid] = m.Project(id=pid, path=f"projects/{pid}.yaml", name=f"Project {i}", status=rng.choice(STATUSES),
                                  start=start, end=end, programme=rng.choice(programmes), depends_on=deps,
                                  milestones=ms)
    return m.Workspace(root="<bench>", plan=None, projects=MappingProxyType(projects), assessments=(),
                       catalogs=MappingProxyType({}), models=MappingProxyType({}))


def best(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return min(times)


def networkx_baseline(ws: m.Workspace) -> None:
    import networkx as nx

    g = nx.DiGraph()
    g.add_nodes_from(ws.projects)
    g.add_edges_from((d.project, pid) for pid, p in ws.projects.items() for d in p.depends_on)
    list(nx.topological_sort(g))


def main(sizes: list[int]) -> None:
    import networkx  # noqa: F401 - imported once, outside the timings
    import pandas  # noqa: F401

    from portfolio.schedule import schedule
    from portfolio.timeline import timeline_frame
    from portfolio.whatif import what_if

    print(f"{'projects':>9} {'deps':>7} {'schedule s':>11} {'nx baseline s':>14} {'ratio':>6} "
          f"{'what-if s':>10} {'frame s':>8} {'critical':>8}")
    for n in sizes:
        ws = portfolio(n)
        deps = sum(len(p.depends_on) for p in ws.projects.values())
        repeat = 3 if n <= 20_000 else 1
        sched = schedule(ws)
        t_sched = best(lambda: schedule(ws), repeat)
        t_base = best(lambda: networkx_baseline(ws), repeat)
        first = next(pid for pid, p in ws.projects.items() if p.status not in ("completed", "cancelled"))
        t_whatif = best(lambda: what_if(ws, {first: 30}, before=sched), repeat)
        t_frame = best(lambda: timeline_frame(ws, sched, date(2026, 11, 23)), repeat)
        print(f"{n:>9,} {deps:>7,} {t_sched:>11.3f} {t_base:>14.3f} {t_sched / t_base:>6.2f} "
              f"{t_whatif:>10.3f} {t_frame:>8.3f} {len(sched.critical_path):>8}")
        if n == 10_000:
            verdict = "meets" if t_sched < TARGET_10K else "MISSES"
            print(f"          10k target < {TARGET_10K:.1f} s: {verdict} ({t_sched / TARGET_10K:.2f} of the target)")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [1_000, 10_000, 100_000])
