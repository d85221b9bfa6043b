"""Benchmark `portfolio check` against a raw CSafeLoader parse of the same files.

Each figure is measured in a fresh process (wall time and peak RSS), in the same
run, so the ratio holds on whatever machine runs it. Targets (issue 3):
  check of 10,000 projects <= 1.5x the raw parse; peak memory < 500 MB;
  a second check (unchanged, or one file changed) well under the raw parse;
  check of the example workspace < 0.5 s including interpreter start.

    python bench/check_bench.py            # 1,000 and 10,000 projects
    python bench/check_bench.py 2000       # other sizes
"""
from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent


def measure(mode: str, root: str) -> dict:
    """Run in a child process: one measurement, printed as JSON."""
    started = time.perf_counter()
    if mode == "raw":
        import yaml
        for folder in ("", "projects"):
            for p in sorted(Path(root, folder).glob("*.yaml")):
                yaml.load(p.read_bytes(), Loader=yaml.CSafeLoader)
        errors = 0
    else:
        from portfolio.workspace import load_workspace
        ws = load_workspace(root, cache=(mode != "check-cold"))
        errors = len(ws.errors)
    wall = time.perf_counter() - started
    return {"wall": wall, "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "errors": errors}


def child(mode: str, root: Path, cache_home: Path) -> dict:
    env = {**os.environ, "XDG_CACHE_HOME": str(cache_home)}
    out = subprocess.run([sys.executable, __file__, "--measure", mode, str(root)], env=env,
                         capture_output=True, text=True, check=True).stdout
    return json.loads(out)


def whole_command(root: Path) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "portfolio", "check", str(root), "--no-cache", "-q"],
                   capture_output=True, check=False)
    return time.perf_counter() - started


def main(sizes: list[int]) -> None:
    sys.path.insert(0, str(HERE))
    from generate import generate

    example = REPO / "plans" / "example"
    best = min(whole_command(example) for _ in range(5))
    print(f"example workspace: portfolio check {best:.3f} s wall incl. interpreter start (target < 0.5 s)")
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            root = generate(Path(tmp) / f"ws{n}", n)
            cache_home = Path(tmp) / f"cache{n}"
            raw = child("raw", root, cache_home)
            cold = child("check-cold", root, cache_home)
            child("check", root, cache_home)  # fills the cache
            warm = child("check", root, cache_home)
            one = root / "projects" / f"p{n // 2:06d}.yaml"
            one.write_text(one.read_text().replace("Project ", "Changed project ", 1))
            changed = child("check", root, cache_home)
            print(f"\n{n:,} projects ({cold['errors']} errors found)")
            print(f"  raw CSafeLoader parse      {raw['wall']:7.2f} s  peak {raw['peak_mb']:6.0f} MB")
            print(f"  portfolio check, no cache  {cold['wall']:7.2f} s  peak {cold['peak_mb']:6.0f} MB"
                  f"  ratio {cold['wall'] / raw['wall']:.2f}x (target <= 1.5x)")
            print(f"  check, unchanged (cached)  {warm['wall']:7.2f} s  peak {warm['peak_mb']:6.0f} MB"
                  f"  ratio {warm['wall'] / raw['wall']:.2f}x")
            print(f"  check, one file changed    {changed['wall']:7.2f} s  peak {changed['peak_mb']:6.0f} MB"
                  f"  ratio {changed['wall'] / raw['wall']:.2f}x")


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--measure":
        print(json.dumps(measure(sys.argv[2], sys.argv[3])))
    else:
        main([int(a) for a in sys.argv[1:]] or [1000, 10000])
