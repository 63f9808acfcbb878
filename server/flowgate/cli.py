"""The `flowgate` command: serve, migrate, operator tasks, and `dev` (server + Envoy + demo app)."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import shlex
import signal
import sys
from pathlib import Path
from typing import Any

from flowgate import logs
from flowgate.config import Settings
from flowgate.domain.errors import FlowgateError
from flowgate.domain.models import Graph, Visibility
from flowgate.server import FlowgateServer, build_server

DEMO_TEAM = "demo"

DEMO_GRAPH: dict[str, Any] = {
    "nodes": [
        {
            "id": "start-1",
            "type": "start",
            "position": {"x": 0, "y": 0},
            "data": {"label": "Start", "inputs": [{"name": "text", "type": "string", "required": True}]},
        },
        {
            "id": "transform-1",
            "type": "transform",
            "position": {"x": 200, "y": 0},
            "data": {
                "label": "Greet",
                "template": "Hello, {{ inputs.text }}! Your message has {{ inputs.text | length }} characters.",
            },
        },
        {
            "id": "end-1",
            "type": "end",
            "position": {"x": 400, "y": 0},
            "data": {"label": "End", "outputs": {"greeting": "{{ greet }}"}},
        },
    ],
    "edges": [
        {"id": "e1", "source": "start-1", "target": "transform-1"},
        {"id": "e2", "source": "transform-1", "target": "end-1"},
    ],
}


async def _wait_for_signal() -> None:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    await stop.wait()


async def serve(settings: Settings) -> None:
    server = build_server(settings)
    await server.migrate()
    await server.start()
    try:
        await _wait_for_signal()
    finally:
        await server.stop()


async def migrate(settings: Settings) -> None:
    server = build_server(settings)
    try:
        await server.migrate()
    finally:
        await server.db.dispose()
    print("database is at the latest revision")


async def create_team(settings: Settings, name: str) -> None:
    server = build_server(settings)
    try:
        await server.migrate()
        team = await server.teams.create_team(name)
    finally:
        await server.db.dispose()
    print(json.dumps({"id": team.id, "name": team.name}))


async def create_key(settings: Settings, team: str, name: str) -> None:
    server = build_server(settings)
    try:
        await server.migrate()
        key, raw = await server.teams.create_api_key(team, name)
    finally:
        await server.db.dispose()
    print(json.dumps({"id": key.id, "team_id": key.team_id, "name": key.name, "key": raw}))
    print("Store this key now: it is shown once and kept only as a hash.", file=sys.stderr)


async def ensure_demo(server: FlowgateServer) -> dict[str, str]:
    """The demo team, key and released app; reused across restarts while still valid."""
    demo_state = Path(server.settings.state_dir) / "demo.json"
    state: dict[str, str] = {}
    if demo_state.exists():
        with contextlib.suppress(ValueError):
            state = json.loads(demo_state.read_text())
    auth = f"Bearer {state.get('key', '')}"
    try:
        release = await server.releases.get(auth, state.get("deployment_id", ""))
        return {**state, "deployment_id": release.deployment_id, "document_id": release.document_id}
    except FlowgateError:
        pass
    await server.teams.ensure_team(DEMO_TEAM)
    _key, raw = await server.teams.create_api_key(DEMO_TEAM, "demo")
    auth = f"Bearer {raw}"
    workflow = await server.workflows.create(auth, "Greeter", "Greets the caller", Graph.from_json(DEMO_GRAPH))
    release = await server.releases.publish(auth, workflow.id, "1.0.0", Visibility.PUBLIC)
    state = {"key": raw, "deployment_id": release.deployment_id, "document_id": release.document_id}
    demo_state.parent.mkdir(parents=True, exist_ok=True)
    demo_state.touch(mode=0o600)
    demo_state.write_text(json.dumps(state))
    return state


def demo_commands(settings: Settings, grpc_port: int, state: dict[str, str]) -> tuple[str, str]:
    key, deployment = state["key"], state["deployment_id"]
    curl = (
        "curl -X POST \\\n"
        f'  -H "Authorization: Bearer {key}" \\\n'
        '  -d \'{"inputs": {"text": "hello"}}\' \\\n'
        f"  http://{settings.http_host}:{settings.http_port}/api/released-app/{deployment}/run"
    )
    body = json.dumps({"deploymentId": deployment, "inputs": {"text": "hello"}})
    grpcurl = (
        ".venv/bin/grpcurl -plaintext \\\n"
        f"  -H {shlex.quote('authorization: Bearer ' + key)} \\\n"
        f"  -d {shlex.quote(body)} \\\n"
        f"  {settings.grpc_host}:{grpc_port} flowgate.v1.ExecutionService/RunApp"
    )
    return curl, grpcurl


async def dev(settings: Settings) -> None:
    from flowgate.envoy import EnvoyProcess, render_config

    server = build_server(settings)
    await server.migrate()
    await server.start()
    envoy = EnvoyProcess(
        render_config(
            Path(settings.envoy_config),
            http_host=settings.http_host,
            http_port=settings.http_port,
            grpc_host=settings.grpc_host,
            grpc_port=server.port,
            admin_port=settings.envoy_admin_port,
        ),
        settings.envoy_admin_port,
        log_path=Path(settings.state_dir) / "envoy.log",
    )
    try:
        envoy.spawn()
        await asyncio.to_thread(envoy.wait_ready)
        state = await ensure_demo(server)
        curl, grpcurl = demo_commands(settings, server.port, state)
        print(
            f"\nFlowgate is running: gRPC on {settings.grpc_host}:{server.port}, "
            f"HTTP (Envoy) on {settings.http_host}:{settings.http_port}.\n"
            f"\nRun the demo app over HTTP (NDJSON stream):\n\n{curl}\n"
            f"\nRun it over gRPC (typed events):\n\n{grpcurl}\n\nPress Ctrl-C to stop.\n",
            flush=True,
        )
        await _wait_for_signal()
    finally:
        await asyncio.to_thread(envoy.stop)
        await server.stop()
        print("Flowgate stopped.", flush=True)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="flowgate", description="Flowgate: run published AI workflow apps.")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("serve", help="migrate, then serve gRPC until SIGINT/SIGTERM")
    sub.add_parser("dev", help="serve gRPC, start Envoy, publish the demo app and print commands to try")
    sub.add_parser("migrate", help="bring the database to the latest schema")
    teams = sub.add_parser("teams", help="manage teams").add_subparsers(dest="action", required=True)
    team_create = teams.add_parser("create", help="create a team")
    team_create.add_argument("name")
    keys = sub.add_parser("keys", help="manage API keys").add_subparsers(dest="action", required=True)
    key_create = keys.add_parser("create", help="create an API key (printed once)")
    key_create.add_argument("--team", required=True)
    key_create.add_argument("--name", default="default")
    args = parser.parse_args(argv)

    settings = Settings()
    logs.configure(settings.log_level, settings.log_format)
    try:
        match args.command:
            case "serve":
                asyncio.run(serve(settings))
            case "dev":
                os.makedirs(settings.state_dir, exist_ok=True)
                asyncio.run(dev(settings))
            case "migrate":
                asyncio.run(migrate(settings))
            case "teams":
                asyncio.run(create_team(settings, args.name))
            case "keys":
                asyncio.run(create_key(settings, args.team, args.name))
    except FlowgateError as err:
        print(f"error: {err.message}", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
