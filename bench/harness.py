"""Starting benchmark servers in their own processes and measuring them."""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psutil

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class ServerProcess:
    info: dict[str, Any]
    process: psutil.Process

    @property
    def target(self) -> str:
        return f"127.0.0.1:{self.info['port']}"

    def cpu_seconds(self) -> float:
        times = self.process.cpu_times()
        return float(times.user + times.system)


@contextmanager
def server(mode: str, extra: dict[str, Any] | None = None) -> Iterator[ServerProcess]:
    with tempfile.TemporaryDirectory() as tmp:
        port_file = Path(tmp) / "port.json"
        proc = subprocess.Popen(  # noqa: S603 - our own module
            [sys.executable, "-m", "bench.serve", mode, str(port_file), json.dumps(extra or {})],
            cwd=ROOT,
        )
        try:
            deadline = time.monotonic() + 60
            while not port_file.exists() or not port_file.read_text():
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"{mode} server did not start")
                time.sleep(0.05)
            time.sleep(0.05)
            yield ServerProcess(json.loads(port_file.read_text()), psutil.Process(proc.pid))
        finally:
            proc.terminate()
            proc.wait(timeout=30)


def median(values: list[float]) -> float:
    return statistics.median(values)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]
