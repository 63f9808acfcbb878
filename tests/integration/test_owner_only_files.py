"""The server's files are owner-only: the state directory 0700; the SQLite database, its
-wal and -shm, the secret key, the demo key file and Envoy's log 0600 — on a fresh state
directory, and an older install's looser ones are tightened. The commands run as real
processes started with the common umask 022, so nothing here relies on the runner's."""

from __future__ import annotations

import os
import signal
import socket
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.eventually import eventually_sync
from tests.harness import ROOT, free_port, read_until


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _start(command: str, cwd: Path, **env: str) -> subprocess.Popen[str]:
    """`flowgate <command>` in `cwd` with the default state dir and database (`var/`)."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith("FLOWGATE_")}
    return subprocess.Popen(
        [sys.executable, "-m", "flowgate.cli", command],
        cwd=cwd,
        env={**clean, "FLOWGATE_WS_PORT": "0", "FLOWGATE_LOG_LEVEL": "WARNING", **env},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        preexec_fn=lambda: os.umask(0o022),  # noqa: PLW1509 - no threads in the child yet
    )


@pytest.fixture
def processes() -> Iterator[list[subprocess.Popen[str]]]:
    started: list[subprocess.Popen[str]] = []
    yield started
    for proc in started:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        if proc.stdout is not None:
            proc.stdout.close()


def _stop(proc: subprocess.Popen[str]) -> str:
    proc.send_signal(signal.SIGINT)
    rest, _ = proc.communicate(timeout=30)
    assert proc.returncode == 0, rest
    return rest


def test_a_fresh_dev_install_is_owner_only(tmp_path: Path, processes: list[subprocess.Popen[str]]) -> None:
    proc = _start(
        "dev",
        tmp_path,
        FLOWGATE_GRPC_PORT=str(free_port()),
        FLOWGATE_HTTP_PORT=str(free_port()),
        FLOWGATE_ENVOY_ADMIN_PORT=str(free_port()),
        FLOWGATE_ENVOY_CONFIG=str(ROOT / "envoy.yaml"),
    )
    processes.append(proc)
    read_until(proc, "Press Ctrl-C to stop.", timeout=60)
    var = tmp_path / "var"
    assert mode(var) == 0o700
    files = ["flowgate.db", "flowgate.db-wal", "flowgate.db-shm", "secret.key", "demo.json", "envoy.log"]
    assert {name: oct(mode(var / name)) for name in files} == dict.fromkeys(files, "0o600")
    _stop(proc)
    assert mode(var / "flowgate.db") == 0o600  # still, after the last connection closed


def test_an_older_install_with_loose_files_is_tightened(tmp_path: Path, processes: list[subprocess.Popen[str]]) -> None:
    var = tmp_path / "var"
    var.mkdir(mode=0o755)
    var.chmod(0o755)
    (var / "secret.key").write_text("ab" * 32)
    (var / "flowgate.db").touch()
    for name in ("secret.key", "flowgate.db"):
        (var / name).chmod(0o644)
    port = free_port()
    proc = _start("serve", tmp_path, FLOWGATE_GRPC_PORT=str(port))
    processes.append(proc)

    def listening() -> bool:
        if proc.poll() is not None:  # it exited: waiting longer will not help
            pytest.fail(proc.stdout.read() if proc.stdout else "")
        return _listening(port)

    eventually_sync(listening, timeout=60, interval=0.1)  # the server starts listening
    assert mode(var) == 0o700
    for name in ("secret.key", "flowgate.db"):
        assert mode(var / name) == 0o600, name
    assert (var / "secret.key").read_text() == "ab" * 32  # the same key: nobody is signed out
    rest = _stop(proc)
    assert "was readable by others" in rest


def _listening(port: int) -> bool:
    with socket.socket() as s:
        s.settimeout(0.5)
        return s.connect_ex(("127.0.0.1", port)) == 0
