"""`make bench` / `python -m bench [P1 P2 P6 ...]`: runs the scenarios of
shared/design/PERFORMANCE.md, each interleaved with its bare-stack baseline (≥5 repeats,
medians), prints a table and writes bench/results/latest.json."""

from __future__ import annotations

import asyncio
import json
import platform
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench import scenarios

RESULTS = Path(__file__).parent / "results"


def main() -> None:
    wanted = [a.upper() for a in sys.argv[1:]] or list(scenarios.ALL)
    rows: list[dict[str, Any]] = []
    for name in wanted:
        print(f"running {name} …", flush=True)
        rows.extend(asyncio.run(scenarios.ALL[name]()))
    print()
    print(f"{'scenario':<8} {'metric':<44} {'flowgate':>14} {'baseline':>14} {'ratio':>8} {'bar':>10}  ok")
    for r in rows:
        ok = "yes" if r["pass"] else "NO"
        print(
            f"{r['scenario']:<8} {r['metric']:<44} {r['value']:>14.4g} {r['baseline']:>14.4g} "
            f"{r['ratio']:>8.3f} {r['bar']:>10}  {ok}"
        )
    RESULTS.mkdir(exist_ok=True)
    out = {
        "time": datetime.now(UTC).isoformat(),
        "machine": {"python": platform.python_version(), "cpus": __import__("os").cpu_count()},
        "rows": rows,
    }
    (RESULTS / "latest.json").write_text(json.dumps(out, indent=2))
    print(f"\nwritten {RESULTS / 'latest.json'}")


if __name__ == "__main__":
    main()
