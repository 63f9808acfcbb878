"""The Dify family (`/v1/...`, seed 002) through the real Envoy, on SQLite and PostgreSQL:
runs (blocking and streaming, newest or pinned release), run detail, stop, logs,
parameters, info, and every documented refusal in Dify's body."""

from __future__ import annotations

import json
import re
import uuid
from email.utils import parsedate_to_datetime
from typing import Any

import httpx
import pytest

from tests.harness import GREETER, Stack

pytestmark = pytest.mark.asyncio(loop_scope="session")

RFC822 = re.compile(r"^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} -0000$")

FORM_APP: dict[str, Any] = {
    "nodes": [
        {
            "id": "start-1",
            "type": "start",
            "data": {
                "label": "Start",
                "inputs": [
                    {"name": "text", "type": "string", "required": True, "label": "Query"},
                    {"name": "tone", "type": "string", "options": ["warm", "dry"], "default": "warm"},
                    {"name": "n", "type": "number"},
                ],
            },
        },
        {"id": "transform-1", "type": "transform", "data": {"label": "Greet", "template": "Hello, {{ inputs.text }}!"}},
        {"id": "end-1", "type": "end", "data": {"label": "End", "outputs": {"greeting": "{{ greet }}"}}},
    ],
    "edges": [
        {"id": "e1", "source": "start-1", "target": "transform-1"},
        {"id": "e2", "source": "transform-1", "target": "end-1"},
    ],
}


def bearer(key: str) -> dict[str, str]:
    return {"authorization": f"Bearer {key}"}


async def app_key(stack: Stack, document_id: str, team: str) -> str:
    _key, secret = await stack.server.teams.create_app_key(document_id, "dify", team)
    return secret


async def published_app(stack: Stack, team: str, graph: dict[str, Any] = GREETER, **kw: Any) -> tuple[Any, str]:
    release = await stack.publish(graph, team=team, **kw)
    return release, await app_key(stack, release.document_id, team)


def frames(text: str) -> list[str]:
    """The stream split as Dify's clients split it: on blank lines."""
    return [f for f in text.split("\n\n") if f]


def events(text: str) -> list[dict[str, Any]]:
    return [json.loads(f.removeprefix("data: ")) for f in frames(text) if f.startswith("data: ")]


def refusal(response: httpx.Response, status: int, code: str, message: str | None = None) -> None:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert list(body) == ["code", "message", "status"], body
    assert (body["code"], body["status"]) == (code, status), body
    if message is not None:
        assert body["message"] == message, body


async def test_blocking_run_detail_and_logs(stack: Stack) -> None:
    team = f"dify-{uuid.uuid4().hex[:6]}"
    release, key = await published_app(stack, team, FORM_APP, name="Greeter")
    async with httpx.AsyncClient(base_url=stack.http_base + "/v1", timeout=30, headers=bearer(key)) as client:
        # The seed's curl, blocking: response_mode absent means blocking.
        answer = await client.post("/workflows/run", json={"inputs": {"text": "Ada"}, "user": "abc-123"})
        assert answer.status_code == 200, answer.text
        assert answer.headers["content-type"].startswith("application/json")
        body = answer.json()
        assert list(body) == ["workflow_run_id", "task_id", "data"]
        data = body["data"]
        assert list(data) == [
            "id",
            "workflow_id",
            "status",
            "outputs",
            "error",
            "elapsed_time",
            "total_tokens",
            "total_steps",
            "created_at",
            "finished_at",
        ]
        run_id = body["workflow_run_id"]
        assert body["task_id"] == run_id == data["id"]
        assert data["workflow_id"] == release.deployment_id
        assert (data["status"], data["outputs"], data["error"]) == ("succeeded", {"greeting": "Hello, Ada!"}, None)
        assert (data["total_steps"], data["total_tokens"]) == (3, 0)
        assert isinstance(data["created_at"], int)
        assert isinstance(data["finished_at"], int)
        assert data["created_at"] <= data["finished_at"]
        assert isinstance(data["elapsed_time"], float)

        # Run detail: the reference's shape (RFC 822 dates, inputs as JSON text).
        detail = await client.get(f"/workflows/run/{run_id}")
        assert detail.status_code == 200, detail.text
        d = detail.json()
        assert list(d) == [
            "id",
            "workflow_id",
            "status",
            "inputs",
            "outputs",
            "error",
            "total_steps",
            "total_tokens",
            "created_at",
            "finished_at",
            "elapsed_time",
        ]
        assert (d["id"], d["workflow_id"], d["status"]) == (run_id, release.deployment_id, "succeeded")
        assert json.loads(d["inputs"]) == {
            "text": "Ada",
            "tone": "warm",
            "sys.files": [],
            "sys.user_id": "abc-123",
        }
        assert d["outputs"] == {"greeting": "Hello, Ada!"}
        assert RFC822.match(d["created_at"]), d
        assert RFC822.match(d["finished_at"]), d
        assert int(parsedate_to_datetime(d["created_at"]).timestamp()) == data["created_at"]

        # Two more runs, another end user's and a failed one.
        other = await client.post("/workflows/run", json={"inputs": {"text": "Bo"}, "user": "someone-else"})
        assert other.status_code == 200
        # Logs: newest first, paged, filtered by end user and status.
        logs = await client.get("/workflows/logs", params={"limit": "1"})
        assert logs.status_code == 200, logs.text
        page = logs.json()
        assert list(page) == ["page", "limit", "total", "has_more", "data"]
        assert (page["page"], page["limit"], page["total"], page["has_more"]) == (1, 1, 2, True)
        entry = page["data"][0]
        assert list(entry) == [
            "id",
            "workflow_run",
            "created_from",
            "created_by_role",
            "created_by_account",
            "created_by_end_user",
            "created_at",
        ]
        assert entry["workflow_run"]["id"] == other.json()["workflow_run_id"]
        assert entry["workflow_run"]["version"] == "1.0.0"
        assert entry["created_by_end_user"]["session_id"] == "someone-else"
        assert (entry["created_from"], entry["created_by_role"], entry["created_by_account"]) == (
            "service-api",
            "end_user",
            None,
        )
        mine = (await client.get("/workflows/logs", params={"created_by_end_user_session_id": "abc-123"})).json()
        assert [e["workflow_run"]["id"] for e in mine["data"]] == [run_id]
        assert mine["total"] == 1
        assert mine["has_more"] is False
        assert (await client.get("/workflows/logs", params={"status": "failed"})).json()["total"] == 0
        assert (await client.get("/workflows/logs", params={"keyword": "ADA"})).json()["total"] == 1
        second = (await client.get("/workflows/logs", params={"limit": "1", "page": "2"})).json()
        assert [e["workflow_run"]["id"] for e in second["data"]] == [run_id]
        refusal(await client.get("/workflows/logs", params={"limit": "101"}), 400, "invalid_param")
        refusal(await client.get("/workflows/logs", params={"status": "odd"}), 400, "invalid_param")
        before = (await client.get("/workflows/logs", params={"created_at__before": "2000-01-01T00:00:00Z"})).json()
        assert before["total"] == 0

        # Parameters (the start block's form) and info.
        params = await client.get("/parameters", params={"user": "abc-123"})
        assert params.status_code == 200, params.text
        form = params.json()["user_input_form"]
        assert form == [
            {"paragraph": {"label": "Query", "variable": "text", "required": True, "default": ""}},
            {
                "select": {
                    "label": "tone",
                    "variable": "tone",
                    "required": False,
                    "default": "warm",
                    "options": ["warm", "dry"],
                }
            },
            {"number": {"label": "n", "variable": "n", "required": False, "default": ""}},
        ]
        assert params.json()["system_parameters"] == {"image_file_size_limit": "10"}
        info = await client.get("/info")
        assert info.status_code == 200
        assert info.json() == {
            "name": "Greeter",
            "description": "",
            "tags": [],
            "mode": "workflow",
            "author_name": team,
        }


async def test_streaming_run(stack: Stack) -> None:
    team = f"dify-{uuid.uuid4().hex[:6]}"
    release, key = await published_app(stack, team)
    body = {"inputs": {"text": "Ada"}, "response_mode": "streaming", "user": "abc-123"}
    async with httpx.AsyncClient(base_url=stack.http_base + "/v1", timeout=30, headers=bearer(key)) as client:
        numbers = []
        for _ in range(2):
            answer = await client.post("/workflows/run", json=body)
            assert answer.status_code == 200, answer.text
            assert answer.headers["content-type"].startswith("text/event-stream")
            text = answer.text
            assert frames(text)[0] == "event: ping"
            assert not re.search(r"^(id|event):", text.replace("event: ping\n\n", ""), re.M)
            got = events(text)
            assert [e["event"] for e in got] == [
                "workflow_started",
                "node_started",
                "node_finished",
                "node_started",
                "node_finished",
                "node_started",
                "node_finished",
                "workflow_finished",
            ]
            for e in got:
                assert list(e) == ["event", "workflow_run_id", "task_id", "data"]
            started, finished = got[0]["data"], got[-1]["data"]
            run_id = got[0]["workflow_run_id"]
            assert started["id"] == run_id
            assert started["workflow_id"] == release.deployment_id
            numbers.append(started["sequence_number"])
            nodes = [e["data"] for e in got if e["event"] == "node_finished"]
            assert [(n["node_id"], n["node_type"], n["index"], n["status"]) for n in nodes] == [
                ("start-1", "start", 0, "succeeded"),
                ("transform-1", "transform", 1, "succeeded"),
                ("end-1", "end", 2, "succeeded"),
            ]
            assert [n["predecessor_node_id"] for n in nodes] == [None, "start-1", "transform-1"]
            assert (finished["status"], finished["outputs"], finished["total_steps"]) == (
                "succeeded",
                {"greeting": "Hello, Ada!"},
                3,
            )
        assert numbers[1] == numbers[0] + 1


async def test_pinned_release(stack: Stack) -> None:
    team = f"dify-{uuid.uuid4().hex[:6]}"
    first, key = await published_app(stack, team)
    second = await stack.publish(GREETER, team=team, version="2.0.0", workflow_id=first.workflow_id)
    other, _ = await published_app(stack, team)
    run = {"inputs": {"text": "Ada"}, "user": "u1"}
    async with httpx.AsyncClient(base_url=stack.http_base + "/v1", timeout=30, headers=bearer(key)) as client:
        newest = (await client.post("/workflows/run", json=run)).json()["data"]
        assert (newest["workflow_id"], newest["outputs"]) == (second.deployment_id, {"greeting": "Hello, Ada!"})
        pinned = await client.post(f"/workflows/{first.deployment_id}/run", json=run)
        assert pinned.status_code == 200, pinned.text
        assert (pinned.json()["data"]["workflow_id"], pinned.json()["data"]["outputs"]) == (
            first.deployment_id,
            {"greeting": "Hello, Ada!"},
        )
        for draft in (first.workflow_id, first.document_id):
            refusal(await client.post(f"/workflows/{draft}/run", json=run), 400, "bad_request")
        refusal(await client.post("/workflows/not-a-uuid/run", json=run), 400, "bad_request")
        for unknown in (str(uuid.uuid4()), other.deployment_id):
            refusal(await client.post(f"/workflows/{unknown}/run", json=run), 404, "not_found")


async def test_refusals(stack: Stack) -> None:
    team = f"dify-{uuid.uuid4().hex[:6]}"
    release, key = await published_app(stack, team)
    run = {"inputs": {"text": "Ada"}, "user": "u1"}
    async with httpx.AsyncClient(base_url=stack.http_base + "/v1", timeout=30) as client:
        missing = "Authorization header must be provided and start with 'Bearer'"
        for headers in ({}, {"authorization": "Basic abc"}, {"authorization": "Bearer"}):
            answer = await client.post("/workflows/run", json=run, headers=headers)
            refusal(answer, 401, "unauthorized", missing)
            assert answer.headers["www-authenticate"] == 'Bearer realm="api"'
        for wrong in ("app-nope", await stack.key(team)):
            answer = await client.get("/parameters", headers=bearer(wrong))
            refusal(answer, 401, "unauthorized", "Access token is invalid")
            assert answer.headers["www-authenticate"] == 'Bearer realm="api"'
        auth = bearer(key)
        refusal(
            await client.post("/workflows/run", json={"inputs": {}}, headers=auth),
            400,
            "invalid_param",
            "Arg user must be provided.",
        )
        bad_input = await client.post("/workflows/run", json={"inputs": {"text": 3}, "user": "u"}, headers=auth)
        refusal(bad_input, 400, "invalid_param", "text must be of type string")
        refusal(
            await client.post("/workflows/run", json={"inputs": {}, "user": "u"}, headers=auth),
            400,
            "invalid_param",
            "text is required",
        )
        refusal(
            await client.post("/workflows/run", content=b"{nope", headers={**auth, "content-type": "application/json"}),
            400,
            "invalid_param",
        )
        refusal(await client.get(f"/workflows/run/{uuid.uuid4()}", headers=auth), 404, "not_found")
        refusal(await client.get("/no/such/route", headers=auth), 404, "not_found")
        refusal(await client.get("/workflows/run", headers=auth), 405, "method_not_allowed")
        # A stop of an unknown task still answers success (Dify's way: nothing is said).
        stop = await client.post(f"/workflows/tasks/{uuid.uuid4()}/stop", json={"user": "u1"}, headers=auth)
        assert (stop.status_code, stop.json()) == (200, {"result": "success"})
        refusal(await client.post(f"/workflows/tasks/{uuid.uuid4()}/stop", json={}, headers=auth), 400, "invalid_param")
        # Every release retired: the app is unavailable.
        await stack.server.releases.retire(f"Bearer {await stack.key(team)}", release.deployment_id)
        refusal(await client.post("/workflows/run", json=run, headers=auth), 403, "forbidden")
        refusal(await client.get("/info", headers=auth), 403, "forbidden")


async def test_out_of_credits_is_provider_quota_exceeded(stack: Stack) -> None:
    team = f"dify-broke-{uuid.uuid4().hex[:6]}"
    _release, key = await published_app(stack, team)
    balance = (await stack.server.teams.credits(team))[0].credits
    await stack.server.teams.add_credits(team, -balance + 5)  # below one run's reservation
    async with httpx.AsyncClient(base_url=stack.http_base + "/v1", timeout=30, headers=bearer(key)) as client:
        answer = await client.post("/workflows/run", json={"inputs": {"text": "x"}, "user": "u"})
        refusal(answer, 400, "provider_quota_exceeded")
        await stack.server.teams.add_credits(team, 100)
        assert (await client.post("/workflows/run", json={"inputs": {"text": "x"}, "user": "u"})).status_code == 200


FILE_APP: dict[str, Any] = {
    "nodes": [
        {"id": "start-1", "type": "start", "data": {"label": "Start", "inputs": []}},
        {
            "id": "transform-1",
            "type": "transform",
            "data": {"label": "Read", "template": "{{ inputs.files[0].name }}: {{ inputs.files[0].text }}"},
        },
        {"id": "end-1", "type": "end", "data": {"label": "End", "outputs": {"read": "{{ read }}"}}},
    ],
    "edges": [
        {"id": "e1", "source": "start-1", "target": "transform-1"},
        {"id": "e2", "source": "transform-1", "target": "end-1"},
    ],
}


async def test_uploads_reach_the_workflow(stack: Stack) -> None:
    team = f"dify-files-{uuid.uuid4().hex[:6]}"
    _release, key = await published_app(stack, team, FILE_APP)
    _other, other_key = await published_app(stack, team, FILE_APP)
    async with httpx.AsyncClient(base_url=stack.http_base + "/v1", timeout=30, headers=bearer(key)) as client:
        uploaded = await client.post(
            "/files/upload", files={"file": ("../notes.txt", b"hello, file", "text/plain")}, data={"user": "u1"}
        )
        assert uploaded.status_code == 201, uploaded.text
        f = uploaded.json()
        assert list(f) == ["id", "name", "size", "extension", "mime_type", "created_by", "created_at"]
        assert (f["name"], f["size"], f["extension"], f["mime_type"], f["created_by"]) == (
            "notes.txt",
            11,
            "txt",
            "text/plain",
            "u1",
        )
        files = [{"type": "document", "transfer_method": "local_file", "upload_file_id": f["id"]}]
        run = await client.post("/workflows/run", json={"inputs": {}, "user": "u1", "files": files})
        assert run.status_code == 200, run.text
        assert run.json()["data"]["outputs"] == {"read": "notes.txt: hello, file"}

        # Another app's file is not this app's to use.
        async with httpx.AsyncClient(base_url=stack.http_base + "/v1", timeout=30, headers=bearer(other_key)) as o:
            refusal(
                await o.post("/workflows/run", json={"inputs": {}, "user": "u1", "files": files}), 400, "invalid_param"
            )
        # A remote URL goes through the outbound checks: a private address is refused.
        remote = [{"type": "document", "transfer_method": "remote_url", "url": "http://127.0.0.1:9/secret.txt"}]
        answer = await client.post("/workflows/run", json={"inputs": {}, "user": "u1", "files": remote})
        refusal(answer, 400, "invalid_param")
        assert "not allowed" in answer.json()["message"]

        # Dify's refusals of the upload itself.
        refusal(
            await client.post("/files/upload", data={"user": "u1"}, files={"other": ("a.txt", b"x")}),
            400,
            "no_file_uploaded",
        )
        refusal(
            await client.post(
                "/files/upload", files={"file": ("run.exe", b"MZ", "application/octet-stream")}, data={"user": "u"}
            ),
            415,
            "unsupported_file_type",
        )
        refusal(
            await client.post("/files/upload", files={"file": ("a.txt", b"x", "text/plain")}),
            400,
            "invalid_param",
            "Arg user must be provided.",
        )
        refusal(
            await client.post(
                "/files/upload", files=[("file", ("a.txt", b"x")), ("file", ("b.txt", b"y"))], data={"user": "u"}
            ),
            400,
            "too_many_files",
        )
