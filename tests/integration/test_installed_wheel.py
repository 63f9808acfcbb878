"""`flowgate dev` and `flowgate serve` from an installed wheel, away from the source checkout:
the Envoy config, the descriptor, openapi.json, docs.html and the migrations are package
data, and render_config finds them in the package."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import grpc
import httpx
import pytest
from grpc_health.v1 import health_pb2, health_pb2_grpc

from tests.harness import ROOT, free_port, read_until

PACKAGED = ("flowgate/v1/envoy.yaml", "flowgate/v1/flowgate.binpb", "flowgate/v1/openapi.json", "flowgate/docs.html")


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel of a copy of the source tree (so the build leaves nothing in it)."""
    src = tmp_path_factory.mktemp("src")
    shutil.copy(ROOT / "pyproject.toml", src)
    shutil.copytree(ROOT / "server", src / "server", ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(out), str(src)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    (built,) = out.glob("flowgate-*.whl")
    return built


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel installed into a directory of its own (its dependencies are this venv's)."""
    target = tmp_path_factory.mktemp("site")
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "--no-index", "-q", "--target", str(target), str(wheel)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return target


def _env(installed: Path, tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("FLOWGATE_")}
    env.update(
        PYTHONPATH=str(installed),
        FLOWGATE_DATABASE_URL=f"sqlite+aiosqlite:///{tmp_path / 'flowgate.db'}",
        FLOWGATE_STATE_DIR=str(tmp_path / "var"),
        FLOWGATE_LOG_LEVEL="WARNING",
        FLOWGATE_WS_PORT="0",
        **extra,
    )
    return env


@pytest.fixture
def run_dir(tmp_path: Path) -> Path:
    """An empty working directory: nothing of the checkout is reachable from it."""
    where = tmp_path / "cwd"
    where.mkdir()
    return where


def _spawn(installed: Path, tmp_path: Path, cwd: Path, command: str, **extra: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "flowgate.cli", command],
        cwd=cwd,
        env=_env(installed, tmp_path, **extra),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


@pytest.fixture
def stopped_at_end() -> Iterator[list[subprocess.Popen[str]]]:
    procs: list[subprocess.Popen[str]] = []
    yield procs
    for proc in procs:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        if proc.stdout is not None:
            proc.stdout.close()


def test_the_wheel_carries_the_generated_config(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        assert set(PACKAGED) <= names
        assert archive.read("flowgate/v1/envoy.yaml") == (ROOT / "envoy.yaml").read_bytes()


def test_flowgate_is_imported_from_the_wheel(installed: Path, tmp_path: Path, run_dir: Path) -> None:
    out = subprocess.run(
        [sys.executable, "-c", "import flowgate.envoy as e; print(e.CONFIG)"],
        cwd=run_dir,
        env=_env(installed, tmp_path),
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert Path(out.stdout.strip()) == installed / "flowgate" / "v1" / "envoy.yaml"


def test_dev_runs_envoy_from_the_package(
    installed: Path, tmp_path: Path, run_dir: Path, stopped_at_end: list[subprocess.Popen[str]]
) -> None:
    http_port = free_port()
    proc = _spawn(
        installed,
        tmp_path,
        run_dir,
        "dev",
        FLOWGATE_GRPC_PORT=str(free_port()),
        FLOWGATE_HTTP_PORT=str(http_port),
        FLOWGATE_ENVOY_ADMIN_PORT=str(free_port()),
    )
    stopped_at_end.append(proc)
    read_until(proc, "Press Ctrl-C to stop.", timeout=90)
    with httpx.Client(base_url=f"http://127.0.0.1:{http_port}", timeout=10) as http:
        document = http.get("/openapi.json")
        assert document.json() == json.loads((installed / "flowgate/v1/openapi.json").read_text())
        assert http.get("/docs").content == (installed / "flowgate/docs.html").read_bytes()
        # The Lua filter's method table: a method no route of the path takes.
        refused = http.delete("/api/v1/auth/me")
        assert refused.status_code == 405
        assert refused.headers["allow"] == "GET"
        assert refused.json()["error_code"] == "METHOD_NOT_ALLOWED"
    proc.send_signal(signal.SIGINT)
    assert proc.wait(timeout=30) == 0


def test_serve_migrates_and_serves_from_the_package(
    installed: Path, tmp_path: Path, run_dir: Path, stopped_at_end: list[subprocess.Popen[str]]
) -> None:
    grpc_port = free_port()
    proc = _spawn(installed, tmp_path, run_dir, "serve", FLOWGATE_GRPC_PORT=str(grpc_port))
    stopped_at_end.append(proc)
    deadline = time.monotonic() + 60
    status = None
    while time.monotonic() < deadline and proc.poll() is None:
        with grpc.insecure_channel(f"127.0.0.1:{grpc_port}") as channel:
            health: Any = health_pb2_grpc.HealthStub(channel)  # (its stubs are not typed)
            try:
                status = health.Check(health_pb2.HealthCheckRequest(), timeout=2).status
                break
            except grpc.RpcError:
                time.sleep(0.2)
    assert status == health_pb2.HealthCheckResponse.SERVING, proc.poll()
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(timeout=30) == 0
