"""Run every benchmark of the project and print one table: each figure next to its goal.

    ./dev bench

Each ``benchmarks/bench_*.py`` module has ``run() -> list[dict]`` with keys name, value, unit,
goal, ok.
"""
from __future__ import annotations

import importlib
import os
import platform
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        mem = f", {kb / 2**20:.0f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    return f"{cpu}, {os.cpu_count()} cores{mem}, Python {platform.python_version()}"


def main(argv: list[str]) -> int:
    only = set(argv)
    rows, failed = [], []
    for path in sorted(HERE.glob("bench_*.py")):
        if only and path.stem not in only:
            continue
        t0 = time.perf_counter()
        try:
            module = importlib.import_module(path.stem)
            for row in module.run():
                rows.append((path.stem, row))
        except Exception as err:  # a broken benchmark is reported, the others still run
            failed.append(f"{path.stem}: {type(err).__name__}: {err}")
        print(f"ran {path.stem} in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
    print(f"Machine: {machine()}\n")
    width = max((len(r["name"]) for _, r in rows), default=10)
    print(f"| benchmark | figure{' ' * (width - 6)} | value | goal | met |")
    print(f"|---|{'-' * (width + 2)}|---:|---|---|")
    for bench, r in rows:
        print(f"| {bench} | {r['name']:<{width}} | {r['value']:.4g} {r['unit']} | {r['goal']} | "
              f"{'yes' if r['ok'] else 'NO'} |")
    for f in failed:
        print(f"FAILED {f}")
    return 1 if failed or not all(r["ok"] for _, r in rows) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
