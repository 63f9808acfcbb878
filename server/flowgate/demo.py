"""The demo of `flowgate dev`: a team, its key, a released greeter app and an app key of
it, kept in the state directory (`demo.json`) and reused across restarts while valid; and
the commands printed to try them."""

from __future__ import annotations

import contextlib
import json
import shlex
from pathlib import Path
from typing import Any

from flowgate.config import Settings
from flowgate.domain.errors import FlowgateError, Unauthenticated
from flowgate.domain.models import Graph, Visibility
from flowgate.files import private_dir, private_file
from flowgate.server import FlowgateServer

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


async def ensure_demo(server: FlowgateServer) -> dict[str, str]:
    """The demo team, key, released app and app key; reused across restarts while still valid."""
    demo_state = Path(server.settings.state_dir) / "demo.json"
    state: dict[str, str] = {}
    if demo_state.exists():
        with contextlib.suppress(ValueError):
            state = json.loads(demo_state.read_text())
    auth = f"Bearer {state.get('key', '')}"
    try:
        release = await server.releases.get(auth, state.get("deployment_id", ""))
        state = {**state, "deployment_id": release.deployment_id, "document_id": release.document_id}
    except FlowgateError:
        await server.teams.ensure_team(DEMO_TEAM)
        _key, raw = await server.teams.create_api_key(DEMO_TEAM, "demo")
        auth = f"Bearer {raw}"
        workflow = await server.workflows.create(auth, "Greeter", "Greets the caller", Graph.from_json(DEMO_GRAPH))
        release = await server.releases.publish(auth, workflow.id, "1.0.0", Visibility.PUBLIC)
        state = {"key": raw, "deployment_id": release.deployment_id, "document_id": release.document_id}
    try:
        principal = await server.runs.authenticate(f"Bearer {state.get('app_key', '')}")
        if principal.app_document_id != state["document_id"]:
            raise Unauthenticated()
    except FlowgateError:
        _app_key, state["app_key"] = await server.teams.create_app_key(state["document_id"], "demo app", DEMO_TEAM)
    private_dir(demo_state.parent)
    private_file(demo_state).write_text(json.dumps(state))  # it holds API keys
    return state


def demo_commands(settings: Settings, grpc_port: int, state: dict[str, str]) -> tuple[str, str, str]:
    """The released-app curl, the grpcurl and the Dify curl (with the app key) of the demo app."""
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
    dify_body = json.dumps({"inputs": {"text": "hello"}, "response_mode": "blocking", "user": "abc-123"})
    dify = (
        f"curl -X POST http://{settings.http_host}:{settings.http_port}/v1/workflows/run \\\n"
        f'  -H "Authorization: Bearer {state["app_key"]}" \\\n'
        "  -H 'Content-Type: application/json' \\\n"
        f"  -d {shlex.quote(dify_body)}"
    )
    return curl, grpcurl, dify
