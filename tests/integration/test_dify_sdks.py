"""Dify's own published SDKs, unchanged, against a live stack through the real Envoy.

- npm `dify-client@2.3.2` (tests/peers/dify_node, pinned with its lockfile; `npm ci` on first
  use): `new CompletionClient(key, "http://HOST:PORT/v1")`; `getApplicationParameters(user)`
  is `GET /parameters?user=`; `runWorkflow(inputs, user, stream)` posts `{inputs, user,
  response_mode}` to `/workflows/run` with `Authorization: Bearer <key>` and hands back
  axios' raw response (JSON, or the raw stream, which callers split on blank lines);
  `fileUpload(formData)` posts the caller's FormData to `/files/upload` as multipart.
- PyPI `dify-client` 0.1.10 (the newest published; it has no workflow call):
  `DifyClient(key)` with `base_url` set; `get_application_parameters(user)` and
  `file_upload(user, files)` (multipart `file` + `user`), with `requests` — run in a
  thread here, as the server shares this event loop.
"""

from __future__ import annotations

import asyncio
import json
import os
import shutil
from pathlib import Path
from typing import Any

import pytest
from dify_client import DifyClient  # type: ignore[import-untyped]  # the SDK ships no types

from tests.harness import GREETER, Stack

pytestmark = pytest.mark.asyncio(loop_scope="session")

NODE_DIR = Path(__file__).resolve().parent.parent / "peers" / "dify_node"


def node_tools() -> tuple[str, str]:
    node, npm = shutil.which("node"), shutil.which("npm")
    if node is None or npm is None:
        pytest.fail(
            "Node.js (node and npm) is not installed: Dify's Node SDK cannot be tested (apt-get install nodejs npm)"
        )
    return node, npm


async def run(*args: str, cwd: Path, env: dict[str, str] | None = None, seconds: float = 120) -> tuple[int, str, str]:
    proc = await asyncio.create_subprocess_exec(
        *args,
        cwd=cwd,
        env={**os.environ, **(env or {})},
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await asyncio.wait_for(proc.communicate(), seconds)
    return proc.returncode or 0, out.decode(), err.decode()


async def app_key(stack: Stack, team: str) -> tuple[Any, str]:
    release = await stack.publish(GREETER, team=team, name="sdk")
    _key, secret = await stack.server.teams.create_app_key(release.document_id, "sdk", team)
    return release, secret


async def test_dify_node_sdk(stack: Stack) -> None:
    node, npm = node_tools()
    if not (NODE_DIR / "node_modules" / "dify-client").is_dir():
        code, out, err = await run(npm, "ci", "--no-audit", "--no-fund", cwd=NODE_DIR, seconds=240)
        assert code == 0, f"npm ci failed:\n{out}\n{err}"
    release, key = await app_key(stack, "dify-node")
    code, out, err = await run(
        node,
        "run.mjs",
        cwd=NODE_DIR,
        env={"FLOWGATE_V1": f"{stack.http_base}/v1", "DIFY_KEY": key, "DIFY_UPLOAD": "1"},
    )
    assert code == 0, f"{out}\n{err}"
    results = {r["name"]: r["value"] for r in map(json.loads, out.splitlines())}

    params = results["parameters"]
    assert params["status"] == 200
    assert params["data"]["user_input_form"] == [
        {"paragraph": {"label": "text", "variable": "text", "required": True, "default": ""}}
    ]

    blocking = results["blocking"]
    assert blocking["status"] == 200
    assert list(blocking["data"]) == ["workflow_run_id", "task_id", "data"]
    assert blocking["data"]["data"]["status"] == "succeeded"
    assert blocking["data"]["data"]["outputs"] == {"greeting": "Hello, Ada!"}
    assert blocking["data"]["data"]["workflow_id"] == release.deployment_id

    streaming = results["streaming"]
    assert streaming["status"] == 200
    assert streaming["contentType"].startswith("text/event-stream")
    frames = streaming["frames"]
    assert frames[0] == "event: ping"
    events = [json.loads(f.removeprefix("data: ")) for f in frames if f.startswith("data: ")]
    names = [e["event"] for e in events]
    assert (names[0], names[-1]) == ("workflow_started", "workflow_finished")
    assert all(list(e) == ["event", "workflow_run_id", "task_id", "data"] for e in events)
    assert events[-1]["data"]["outputs"] == {"greeting": "Hello, Bo!"}

    upload = results["upload"]
    assert upload["status"] == 201, upload
    assert (upload["data"]["name"], upload["data"]["size"], upload["data"]["created_by"]) == (
        "note.txt",
        18,
        "sdk-user",
    )


async def test_dify_python_sdk(stack: Stack) -> None:
    _release, key = await app_key(stack, "dify-python")
    client = DifyClient(key)
    client.base_url = f"{stack.http_base}/v1"
    answer = await asyncio.to_thread(client.get_application_parameters, "sdk-user")
    assert answer.status_code == 200, answer.text
    assert answer.json()["user_input_form"] == [
        {"paragraph": {"label": "text", "variable": "text", "required": True, "default": ""}}
    ]
    wrong = DifyClient("app-not-a-key")
    wrong.base_url = client.base_url
    refused = await asyncio.to_thread(wrong.get_application_parameters, "sdk-user")
    assert refused.status_code == 401
    assert refused.json() == {"code": "unauthorized", "message": "Access token is invalid", "status": 401}
    files = {"file": ("report.md", b"# Report\n", "text/markdown")}
    uploaded = await asyncio.to_thread(client.file_upload, "sdk-user", files)
    assert uploaded.status_code == 201, uploaded.text
    assert (uploaded.json()["name"], uploaded.json()["extension"], uploaded.json()["size"]) == ("report.md", "md", 9)
