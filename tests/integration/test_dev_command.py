"""`make run` runs `flowgate dev`: it must print a curl and a grpcurl that work as printed,
and stop both the server and Envoy cleanly on Ctrl-C."""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.eventually import eventually_sync
from tests.harness import ROOT, free_port, read_until


def _port_open(port: int) -> bool:
    with socket.socket() as s:
        s.settimeout(0.5)
        return s.connect_ex(("127.0.0.1", port)) == 0


def _command(text: str, starts: str) -> str:
    """The multi-line shell command beginning with `starts`, as printed."""
    start = text.index(starts)
    end = text.index("\n\n", start)
    return text[start:end]


@pytest.fixture
def dev_server(tmp_path: Path) -> Iterator[subprocess.Popen[str]]:
    grpc_port, http_port, admin_port = free_port(), free_port(), free_port()
    env = {
        **os.environ,
        "FLOWGATE_DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'dev.db'}",
        "FLOWGATE_GRPC_PORT": str(grpc_port),
        "FLOWGATE_HTTP_PORT": str(http_port),
        "FLOWGATE_ENVOY_ADMIN_PORT": str(admin_port),
        "FLOWGATE_WS_PORT": "0",
        "FLOWGATE_ENVOY_CONFIG": str(ROOT / "envoy.yaml"),
        "FLOWGATE_STATE_DIR": str(tmp_path / "var"),
        "FLOWGATE_LOG_LEVEL": "WARNING",
    }
    proc = subprocess.Popen(
        [sys.executable, "-m", "flowgate.cli", "dev"],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    proc.ports = (grpc_port, http_port, admin_port)  # type: ignore[attr-defined]
    yield proc
    if proc.poll() is None:
        proc.kill()
        proc.wait()
    if proc.stdout is not None:
        proc.stdout.close()


def test_dev_prints_commands_that_work_and_stops_cleanly(dev_server: subprocess.Popen[str]) -> None:
    grpc_port, http_port, admin_port = dev_server.ports  # type: ignore[attr-defined]
    banner = read_until(dev_server, "Press Ctrl-C to stop.", timeout=60)

    curl = _command(banner, "curl -X POST")
    assert f"http://127.0.0.1:{http_port}/api/released-app/" in curl
    out = subprocess.run(["bash", "-c", curl], cwd=ROOT, capture_output=True, text=True, timeout=30, check=True)
    lines = [json.loads(line) for line in out.stdout.splitlines()]
    assert lines[0]["type"] == "run_start"
    assert lines[-1]["type"] == "run_complete"
    greeting = lines[-1]["globalCtx"][-1]["output"]["greeting"]
    assert greeting == "Hello, hello! Your message has 5 characters."

    # The demo app's app key, printed beside them, runs the same app.
    printed = re.search(r"app key \(the Dify-compatible /v1 routes take it\): (app-[A-Za-z0-9_-]{24,})\n", banner)
    assert printed is not None, banner
    with_app_key = re.sub(r"Bearer wn-[^\"]+", f"Bearer {printed[1]}", curl)
    assert printed[1] in with_app_key
    out = subprocess.run(["bash", "-c", with_app_key], cwd=ROOT, capture_output=True, text=True, timeout=30, check=True)
    assert json.loads(out.stdout.splitlines()[-1])["type"] == "run_complete"

    # The Dify curl, with the app key: Dify's blocking answer.
    dify = _command(banner, f"curl -X POST http://127.0.0.1:{http_port}/v1/workflows/run")
    assert printed[1] in dify
    out = subprocess.run(["bash", "-c", dify], cwd=ROOT, capture_output=True, text=True, timeout=30, check=True)
    answer = json.loads(out.stdout)
    assert list(answer) == ["workflow_run_id", "task_id", "data"]
    assert answer["data"]["status"] == "succeeded"
    assert answer["data"]["outputs"] == {"greeting": greeting}

    grpcurl = _command(banner, ".venv/bin/grpcurl")
    out = subprocess.run(["bash", "-c", grpcurl], cwd=ROOT, capture_output=True, text=True, timeout=30, check=True)
    messages = [json.loads(m) for m in re.split(r"(?<=\})\n(?=\{)", out.stdout.strip())]
    assert "runStarted" in messages[0]["event"]
    assert messages[0]["event"]["seq"] == "1"
    assert messages[-1]["event"]["runCompleted"]["status"] == "RUN_STATUS_SUCCEEDED"

    # The same grpcurl through Envoy's listener: native gRPC passes through it.
    via_envoy = grpcurl.replace(f"127.0.0.1:{grpc_port}", f"127.0.0.1:{http_port}")
    out = subprocess.run(["bash", "-c", via_envoy], cwd=ROOT, capture_output=True, text=True, timeout=30, check=True)
    assert "runCompleted" in out.stdout

    listed = subprocess.run(
        [str(ROOT / ".venv/bin/grpcurl"), "-plaintext", f"127.0.0.1:{grpc_port}", "list"],
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
    ).stdout.split()
    for service in (
        "flowgate.v1.WorkflowService",
        "flowgate.v1.ReleaseService",
        "flowgate.v1.ExecutionService",
        "grpc.health.v1.Health",
        "grpc.reflection.v1alpha.ServerReflection",
    ):
        assert service in listed

    described = subprocess.run(
        [
            str(ROOT / ".venv/bin/grpcurl"),
            "-plaintext",
            f"127.0.0.1:{http_port}",
            "describe",
            "flowgate.v1.ExecutionService",
        ],
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
    ).stdout
    assert "rpc RunApp ( .flowgate.v1.RunAppRequest ) returns ( stream .flowgate.v1.RunAppResponse );" in described
    assert "rpc WatchRun" in described

    dev_server.send_signal(signal.SIGINT)
    rest, _ = dev_server.communicate(timeout=30)
    assert dev_server.returncode == 0, rest
    assert "Flowgate stopped." in rest
    for port in (grpc_port, http_port, admin_port):
        assert not _port_open(port), f"port {port} still open after Ctrl-C"


def test_envoy_does_not_outlive_a_killed_server(dev_server: subprocess.Popen[str]) -> None:
    _grpc_port, http_port, admin_port = dev_server.ports  # type: ignore[attr-defined]
    read_until(dev_server, "Press Ctrl-C to stop.", timeout=60)
    assert _port_open(admin_port)
    dev_server.kill()
    dev_server.wait()

    def envoy_gone() -> bool:
        assert not _port_open(admin_port), "Envoy kept running after its parent was killed"
        assert not _port_open(http_port)
        return True

    eventually_sync(envoy_gone, timeout=10, interval=0.1)
