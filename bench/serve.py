"""A server process for the benchmarks: `python -m bench.serve flowgate|bare PORT_FILE`.

Runs in its own process so its CPU time can be measured on its own. Prints nothing;
writes {"port": …, …} as JSON to PORT_FILE when ready, and serves until SIGTERM."""

from __future__ import annotations

import asyncio
import json
import signal
import sys
import tempfile
from pathlib import Path
from typing import Any

import grpc

from bench import bare
from bench.workflows import WORKFLOWS


async def _until_signal() -> None:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    await stop.wait()


async def serve_bare(port_file: Path) -> None:
    server = grpc.aio.server(options=[("grpc.server.max_pending_requests", 10000)])
    server.add_generic_rpc_handlers((bare.handler(),))
    port = server.add_insecure_port("127.0.0.1:0")
    await server.start()
    port_file.write_text(json.dumps({"port": port}))
    await _until_signal()
    await server.stop(0)


async def serve_flowgate(port_file: Path, extra: dict[str, Any]) -> None:
    from flowgate.config import Settings
    from flowgate.domain.models import Graph, Visibility
    from flowgate.server import FlowgateServer

    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(
            database_url=extra.get("database_url") or f"sqlite+aiosqlite:///{tmp}/bench.db",
            grpc_port=0,
            log_level="WARNING",
            _env_file=None,
            **extra.get("settings", {}),
        )
        from bench.services import build_services
        from flowgate.engine.blocks import default_registry
        from tests.blocks_for_tests import ChattyBlock

        blocks = default_registry(ChattyBlock())  # + a block that streams N deltas, for P1
        server = FlowgateServer(settings, blocks=blocks, services=await build_services(extra))
        await server.migrate()
        await server.start()
        await server.teams.ensure_team("bench")
        _key, raw = await server.teams.create_api_key("bench", "bench")
        auth = f"Bearer {raw}"
        deployments = {}
        for name, graph in WORKFLOWS.items():
            wf = await server.workflows.create(auth, name, "", Graph.from_json(graph))
            release = await server.releases.publish(auth, wf.id, "1.0.0", Visibility.PUBLIC)
            deployments[name] = release.deployment_id
        info: dict[str, Any] = {"port": server.port, "key": raw, "deployments": deployments}
        envoy = None
        if extra.get("envoy"):
            from flowgate.envoy import EnvoyProcess, render_config
            from tests.harness import ROOT, free_port

            http_port, admin_port = free_port(), free_port()
            envoy = EnvoyProcess(
                render_config(
                    ROOT / "envoy.yaml",
                    http_host="127.0.0.1",
                    http_port=http_port,
                    grpc_host="127.0.0.1",
                    grpc_port=server.port,
                    admin_port=admin_port,
                ),
                admin_port,
            )
            envoy.spawn()
            await asyncio.to_thread(envoy.wait_ready)
            info["http_port"] = http_port
        port_file.write_text(json.dumps(info))
        await _until_signal()
        if envoy is not None:
            envoy.stop()
        await server.stop(1)


def main() -> None:
    mode, port_file = sys.argv[1], Path(sys.argv[2])
    extra = json.loads(sys.argv[3]) if len(sys.argv) > 3 else {}
    if mode == "bare":
        asyncio.run(serve_bare(port_file))
    else:
        asyncio.run(serve_flowgate(port_file, extra))


if __name__ == "__main__":
    main()
