"""Run every benchmark module (`python -m benchmarks [NAME...]`), each printing its own table."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path


def main(names: list[str]) -> int:
    here = Path(__file__).resolve().parent
    modules = sorted(path.stem for path in here.glob("bench_*.py"))
    chosen = [m for m in modules if not names or m in names or m.removeprefix("bench_") in names]
    if not chosen:
        print(f"no benchmark named {' '.join(names)}; have: {' '.join(modules)}", file=sys.stderr)
        return 2
    for name in chosen:
        print(f"== {name}")
        importlib.import_module(f"benchmarks.{name}").main()
        print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
