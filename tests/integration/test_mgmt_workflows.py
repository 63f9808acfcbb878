"""The management API's workflows (seed 001 `/api/v1/workflows`) through the real Envoy:
every endpoint and parameter, and the same operations over gRPC."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import grpc
import httpx
import pytest
import pytest_asyncio
from google.protobuf import json_format

from flowgate.v1 import release_service_pb2, release_service_pb2_grpc
from flowgate.v1 import workflow_management_service_pb2 as pb
from flowgate.v1 import workflow_management_service_pb2_grpc as pb_grpc
from tests.harness import GREETER, Stack
from tests.integration.mgmt import assert_error, personal_team, signed_in, unique

pytestmark = pytest.mark.asyncio(loop_scope="session")

WORKFLOW_KEYS = {"id", "name", "description", "nodes", "edges", "version", "status", "created_at", "updated_at"}

SEED_EXAMPLE: dict[str, Any] = {
    "name": "文本处理工作流",
    "description": "处理用户输入的文本",
    "nodes": [
        {"id": "start-1", "type": "start", "position": {"x": 0, "y": 0}, "data": {"label": "开始"}},
        {
            "id": "llm-1",
            "type": "llm",
            "position": {"x": 200, "y": 0},
            "data": {
                "label": "LLM处理",
                "provider": "deepseek",
                "model": "deepseek-chat",
                "prompt": "请总结以下文本:{input}",
            },
        },
        {"id": "end-1", "type": "end", "position": {"x": 400, "y": 0}, "data": {"label": "结束"}},
    ],
    "edges": [{"id": "e1", "source": "start-1", "target": "llm-1"}, {"id": "e2", "source": "llm-1", "target": "end-1"}],
}


@pytest_asyncio.fixture(loop_scope="session")
async def client(stack: Stack) -> AsyncIterator[httpx.AsyncClient]:
    _name, headers = await signed_in(stack, "author")
    async with httpx.AsyncClient(base_url=stack.http_base, headers=headers, timeout=30) as c:
        yield c


async def create(client: httpx.AsyncClient, name: str, description: str = "", **graph: Any) -> dict[str, Any]:
    body = {"name": name, "description": description, **(graph or GREETER)}
    response = await client.post("/api/v1/workflows", json=body)
    assert response.status_code == 201, response.text
    created: dict[str, Any] = response.json()
    return created


async def test_create_answers_201_with_the_documented_workflow(client: httpx.AsyncClient) -> None:
    response = await client.post("/api/v1/workflows", json=SEED_EXAMPLE)
    assert response.status_code == 201, response.text
    wf = response.json()
    assert set(wf) == WORKFLOW_KEYS
    assert wf["name"] == SEED_EXAMPLE["name"]
    assert wf["version"] == 1
    assert wf["status"] == "draft"
    assert [n["id"] for n in wf["nodes"]] == ["start-1", "llm-1", "end-1"]
    assert wf["nodes"][1]["data"]["prompt"] == "请总结以下文本:{input}"
    assert wf["nodes"][1]["position"] == {"x": 200, "y": 0}
    assert [(e["source"], e["target"]) for e in wf["edges"]] == [("start-1", "llm-1"), ("llm-1", "end-1")]

    got = await client.get(f"/api/v1/workflows/{wf['id']}")
    assert got.status_code == 200
    assert got.json() == wf


async def test_create_refuses_bad_drafts(client: httpx.AsyncClient) -> None:
    assert_error(await client.post("/api/v1/workflows", json={"name": "", "nodes": []}), 422, "VALIDATION_ERROR")
    twice = {"id": "a", "type": "start", "data": {}}
    dup = await client.post("/api/v1/workflows", json={"name": "dup", "nodes": [twice, twice]})
    assert "duplicate" in assert_error(dup, 422)["detail"]
    assert_error(await client.post("/api/v1/workflows", content=b'{"name": '), 400)
    assert_error(await client.post("/api/v1/workflows", json={"name": "x", "nodes": "nope"}), 400)


async def test_list_pages_searches_filters_and_sorts(client: httpx.AsyncClient) -> None:
    tag = unique("zz")
    first = await create(client, f"{tag} alpha", "plain")
    await asyncio.sleep(1.05)  # created_at has whole seconds on the wire; ordering is by the stored time
    second = await create(client, f"{tag} Beta", f"mentions {tag}-needle")
    third = await create(client, f"{tag} gamma", "other")

    listed = await client.get("/api/v1/workflows", params={"search": tag})
    assert listed.status_code == 200
    assert [w["id"] for w in listed.json()] == [third["id"], second["id"], first["id"]]  # newest first
    assert all(set(w) == WORKFLOW_KEYS for w in listed.json())

    by_description = (await client.get("/api/v1/workflows", params={"search": f"{tag}-NEEDLE"})).json()
    assert [w["id"] for w in by_description] == [second["id"]]

    by_name = (
        await client.get("/api/v1/workflows", params={"search": tag, "sort_by": "name", "sort_order": "asc"})
    ).json()
    assert [w["name"] for w in by_name] == [f"{tag} alpha", f"{tag} Beta", f"{tag} gamma"]
    oldest = await client.get("/api/v1/workflows", params={"search": tag, "sort_by": "created_at", "sort_order": "asc"})
    assert oldest.json()[0]["id"] == first["id"]

    paged = (await client.get("/api/v1/workflows", params={"search": tag, "skip": 1, "limit": 1})).json()
    assert [w["id"] for w in paged] == [second["id"]]

    await client.put(f"/api/v1/workflows/{first['id']}", json={"description": "touched"})
    recent = await client.get(
        "/api/v1/workflows", params={"search": tag, "sort_by": "updated_at", "sort_order": "desc"}
    )
    assert recent.json()[0]["id"] == first["id"]

    await client.put(f"/api/v1/workflows/{third['id']}", json={"status": "stopped"})
    stopped = (await client.get("/api/v1/workflows", params={"search": tag, "status": "stopped"})).json()
    assert [w["id"] for w in stopped] == [third["id"]]
    drafts = (await client.get("/api/v1/workflows", params={"search": tag, "status": "draft"})).json()
    assert {w["id"] for w in drafts} == {first["id"], second["id"]}

    assert_error(await client.get("/api/v1/workflows", params={"limit": 101}), 422, "VALIDATION_ERROR")
    assert_error(await client.get("/api/v1/workflows", params={"skip": -1}), 422)
    assert_error(await client.get("/api/v1/workflows", params={"sort_by": "id"}), 422)
    assert_error(await client.get("/api/v1/workflows", params={"sort_order": "up"}), 422)
    assert_error(await client.get("/api/v1/workflows", params={"status": "sleeping"}), 422)
    assert_error(await client.get("/api/v1/workflows", params={"limit": "many"}), 400)
    hundred = await client.get("/api/v1/workflows", params={"limit": 100})
    assert hundred.status_code == 200


async def test_search_treats_wildcards_literally(client: httpx.AsyncClient) -> None:
    tag = unique("pct")
    await create(client, f"{tag} 100% done")
    await create(client, f"{tag} 1000 done")
    found = (await client.get("/api/v1/workflows", params={"search": f"{tag} 100%"})).json()
    assert [w["name"] for w in found] == [f"{tag} 100% done"]


async def test_update_makes_versions_and_rollback_restores_one(client: httpx.AsyncClient) -> None:
    wf = await create(client, unique("ver"), "v1 description")
    changed_graph = {
        "nodes": [
            *GREETER["nodes"][:1],
            {**GREETER["nodes"][1], "data": {"label": "Greet", "template": "Hi {{ inputs.text }}"}},
            GREETER["nodes"][2],
        ],
        "edges": GREETER["edges"],
    }
    v2 = await client.put(
        f"/api/v1/workflows/{wf['id']}", json={"name": "renamed", **changed_graph, "comment": "friendlier"}
    )
    assert v2.status_code == 200, v2.text
    assert v2.json()["version"] == 2
    assert v2.json()["name"] == "renamed"
    assert v2.json()["description"] == "v1 description"  # absent fields keep their value
    assert v2.json()["nodes"][1]["data"]["template"] == "Hi {{ inputs.text }}"
    v3 = (await client.put(f"/api/v1/workflows/{wf['id']}", json={"description": "third"})).json()
    assert v3["version"] == 3
    assert v3["nodes"] == v2.json()["nodes"]

    versions = await client.get(f"/api/v1/workflows/{wf['id']}/versions")
    assert versions.status_code == 200
    listed = versions.json()
    assert [v["version"] for v in listed] == [3, 2, 1]
    assert [v["is_current"] for v in listed] == [True, False, False]
    assert listed[1]["comment"] == "friendlier"
    assert listed[1]["name"] == "renamed"
    assert set(listed[0]) == {
        "version",
        "name",
        "description",
        "nodes",
        "edges",
        "comment",
        "created_by",
        "created_at",
        "is_current",
    }
    me = (await client.get("/api/v1/auth/me")).json()
    assert {v["created_by"] for v in listed} == {me["id"]}

    one = await client.get(f"/api/v1/workflows/{wf['id']}/versions/1")
    assert one.status_code == 200
    assert one.json()["name"] == wf["name"]
    assert one.json()["nodes"] == wf["nodes"]
    assert not one.json()["is_current"]
    assert_error(await client.get(f"/api/v1/workflows/{wf['id']}/versions/9"), 404)
    assert_error(await client.get(f"/api/v1/workflows/{wf['id']}/versions/one"), 400)

    back = await client.post(f"/api/v1/workflows/{wf['id']}/versions/1/rollback", json={"comment": "回滚原因"})
    assert back.status_code == 200, back.text
    restored = back.json()
    assert restored["version"] == 4
    assert restored["name"] == wf["name"]
    assert restored["nodes"] == wf["nodes"]
    assert restored["description"] == "v1 description"
    newest = (await client.get(f"/api/v1/workflows/{wf['id']}/versions")).json()[0]
    assert newest["version"] == 4
    assert newest["comment"] == "回滚原因"
    assert_error(await client.post(f"/api/v1/workflows/{wf['id']}/versions/7/rollback", json={}), 404)


async def test_update_validates_and_leaves_nothing_half_written(client: httpx.AsyncClient) -> None:
    wf = await create(client, unique("upd"))
    assert_error(await client.put(f"/api/v1/workflows/{wf['id']}", json={"name": " "}), 422)
    assert_error(await client.put(f"/api/v1/workflows/{wf['id']}", json={"status": "gone"}), 422)
    assert_error(await client.put(f"/api/v1/workflows/{unique('missing')}", json={"name": "x"}), 404)
    assert (await client.get(f"/api/v1/workflows/{wf['id']}")).json()["version"] == 1
    assert len((await client.get(f"/api/v1/workflows/{wf['id']}/versions")).json()) == 1


async def test_delete_removes_it_from_everything(client: httpx.AsyncClient) -> None:
    wf = await create(client, unique("del"))
    deleted = await client.delete(f"/api/v1/workflows/{wf['id']}")
    assert deleted.status_code == 200
    # The reference's message, as UTF-8 through Envoy (not \u-escaped).
    assert deleted.headers["content-type"] == "application/json"
    assert deleted.content == '{"message":"工作流已删除"}'.encode()
    assert_error(await client.get(f"/api/v1/workflows/{wf['id']}"), 404, "NOT_FOUND")
    assert_error(await client.delete(f"/api/v1/workflows/{wf['id']}"), 404)
    assert_error(await client.get(f"/api/v1/workflows/{wf['id']}/versions"), 404)
    assert wf["id"] not in {
        w["id"] for w in (await client.get("/api/v1/workflows", params={"search": wf["name"]})).json()
    }


async def test_validate_reports_errors_and_warnings(client: httpx.AsyncClient) -> None:
    ok = await client.post("/api/v1/workflows/validate", json={"name": "g", **GREETER})
    assert ok.status_code == 200
    assert ok.json() == {"valid": True, "errors": [], "warnings": []}

    lonely = await client.post(
        "/api/v1/workflows/validate", json={"name": "x", "nodes": SEED_EXAMPLE["nodes"][:1], "edges": []}
    )
    body = lonely.json()
    assert lonely.status_code == 200
    assert body["valid"] is False
    assert any("end" in e["message"] for e in body["errors"])
    assert set(body["errors"][0]) == {"field", "message"}

    dangling = {
        "nodes": [*GREETER["nodes"], {"id": "spare", "type": "transform", "data": {"label": "Spare", "template": "x"}}],
        "edges": [*GREETER["edges"], {"id": "e9", "source": "transform-1", "target": "spare"}],
    }
    warned = (await client.post("/api/v1/workflows/validate", json=dangling)).json()
    assert warned["valid"] is True
    assert [w["field"] for w in warned["warnings"]] == ["nodes[spare]"]

    broken = await client.post(
        "/api/v1/workflows/validate",
        json={
            "nodes": [*GREETER["nodes"], {"id": "c", "type": "condition", "data": {"expression": "1 +"}}],
            "edges": GREETER["edges"],
        },
    )
    assert broken.json()["valid"] is False
    assert any("nodes[c]" in e["field"] for e in broken.json()["errors"])


async def test_templates_list_and_create(client: httpx.AsyncClient) -> None:
    listed = await client.get("/api/v1/workflows/templates")
    assert listed.status_code == 200
    templates = listed.json()
    assert len(templates) >= 5
    assert all(set(t) == {"id", "name", "description", "category", "nodes", "edges"} for t in templates)
    for template in templates:
        check = await client.post(
            "/api/v1/workflows/validate", json={"nodes": template["nodes"], "edges": template["edges"]}
        )
        assert check.json()["valid"] is True, (template["id"], check.json())

    made = await client.post(
        "/api/v1/workflows/templates/score-router/create", params={"name": "工作流名称", "description": "描述"}
    )
    assert made.status_code == 201, made.text
    wf = made.json()
    assert (wf["name"], wf["description"], wf["version"], wf["status"]) == ("工作流名称", "描述", 1, "draft")
    router = next(t for t in templates if t["id"] == "score-router")
    assert wf["nodes"] == router["nodes"]
    assert wf["edges"] == router["edges"]
    version = (await client.get(f"/api/v1/workflows/{wf['id']}/versions")).json()[0]
    assert version["comment"] == "Created from template score-router"

    default = (await client.post("/api/v1/workflows/templates/greeting/create")).json()
    assert default["name"] == "Greeting"
    assert_error(await client.post("/api/v1/workflows/templates/no-such/create"), 404, "NOT_FOUND")


async def test_export_and_import_round_trip(client: httpx.AsyncClient) -> None:
    wf = await create(client, unique("exp"), "exported", nodes=SEED_EXAMPLE["nodes"], edges=SEED_EXAMPLE["edges"])
    exported = await client.get(f"/api/v1/workflows/{wf['id']}/export")
    assert exported.status_code == 200
    doc = exported.json()
    assert set(doc) == {"workflow", "exported_at"}
    assert len(doc["exported_at"]) == 19
    assert set(doc["workflow"]) == {"name", "description", "nodes", "edges"}
    assert doc["workflow"]["nodes"] == wf["nodes"]

    imported = await client.post("/api/v1/workflows/import", json={"workflow": doc["workflow"]})
    assert imported.status_code == 201, imported.text
    copy = imported.json()
    assert copy["id"] != wf["id"]
    assert copy["version"] == 1
    assert copy["status"] == "draft"
    again = (await client.get(f"/api/v1/workflows/{copy['id']}/export")).json()
    assert again["workflow"] == doc["workflow"]
    assert_error(await client.post("/api/v1/workflows/import", json={"workflow": {"nodes": []}}), 422)


async def test_other_teams_see_nothing_and_a_shared_team_is_chosen_with_x_team_id(
    client: httpx.AsyncClient, stack: Stack
) -> None:
    wf = await create(client, unique("mine"))
    _other, other = await signed_in(stack, "other")
    for method, path in [
        ("GET", f"/api/v1/workflows/{wf['id']}"),
        ("PUT", f"/api/v1/workflows/{wf['id']}"),
        ("DELETE", f"/api/v1/workflows/{wf['id']}"),
        ("GET", f"/api/v1/workflows/{wf['id']}/export"),
        ("GET", f"/api/v1/workflows/{wf['id']}/versions"),
        ("GET", f"/api/v1/workflows/{wf['id']}/versions/1"),
        ("POST", f"/api/v1/workflows/{wf['id']}/versions/1/rollback"),
    ]:
        response = await client.request(method, path, headers=other, json={} if method in ("PUT", "POST") else None)
        assert_error(response, 404, "NOT_FOUND")
    assert wf["id"] not in {w["id"] for w in (await client.get("/api/v1/workflows", headers=other)).json()}

    # A team both belong to: chosen with x-team-id; a team one is not in is refused.
    team = (await client.post("/api/v1/teams", json={"name": unique("shared")})).json()
    other_name = (await client.get("/api/v1/auth/me", headers=other)).json()["username"]
    await client.post(f"/api/v1/teams/{team['id']}/members", json={"username": other_name})
    shared = await client.post(
        "/api/v1/workflows", json={"name": "team work", **GREETER}, headers={"x-team-id": team["id"]}
    )
    assert shared.status_code == 201
    seen = await client.get(f"/api/v1/workflows/{shared.json()['id']}", headers={**other, "x-team-id": team["id"]})
    assert seen.status_code == 200
    assert_error(await client.get(f"/api/v1/workflows/{shared.json()['id']}", headers=other), 404)
    _third, third = await signed_in(stack, "third")
    assert_error(await client.get("/api/v1/workflows", headers={**third, "x-team-id": team["id"]}), 403)


async def test_publishing_marks_a_workflow_published(client: httpx.AsyncClient, stack: Stack) -> None:
    wf = await create(client, unique("pub"))
    team_id = await personal_team(client, dict(client.headers))
    key = (await client.post(f"/api/v1/teams/{team_id}/api-keys", json={"name": "publisher"})).json()["key"]
    await release_service_pb2_grpc.ReleaseServiceStub(stack.channel).PublishRelease(
        release_service_pb2.PublishReleaseRequest(workflow_id=wf["id"], version="1.0.0"),
        metadata=(("authorization", f"Bearer {key}"),),
    )
    published = (await client.get("/api/v1/workflows", params={"search": wf["name"], "status": "published"})).json()
    assert [w["id"] for w in published] == [wf["id"]]


async def test_the_same_operations_over_grpc(stack: Stack) -> None:
    stub = pb_grpc.WorkflowManagementServiceStub(stack.channel)
    md = tuple((await stack.bearer(unique("grpcauthor"))).items())
    request = json_format.ParseDict({"name": "grpc made", **GREETER}, pb.CreateManagedWorkflowRequest())
    created = (await stub.CreateManagedWorkflow(request, metadata=md)).workflow
    assert created.version == 1
    assert created.status == "draft"
    listed = await stub.ListManagedWorkflows(pb.ListManagedWorkflowsRequest(search="grpc made"), metadata=md)
    assert [w.id for w in listed.workflows] == [created.id]
    updated = await stub.UpdateManagedWorkflow(
        pb.UpdateManagedWorkflowRequest(workflow_id=created.id, name="grpc renamed", comment="c"), metadata=md
    )
    assert updated.workflow.version == 2
    versions = await stub.ListWorkflowVersions(pb.ListWorkflowVersionsRequest(workflow_id=created.id), metadata=md)
    assert [v.version for v in versions.versions] == [2, 1]
    back = await stub.RollbackWorkflowVersion(
        pb.RollbackWorkflowVersionRequest(workflow_id=created.id, version=1, comment="undo"), metadata=md
    )
    assert back.workflow.name == "grpc made"
    assert back.workflow.version == 3
    exported = await stub.ExportWorkflow(pb.ExportWorkflowRequest(workflow_id=created.id), metadata=md)
    imported = await stub.ImportWorkflow(pb.ImportWorkflowRequest(workflow=exported.workflow), metadata=md)
    assert imported.workflow.nodes == back.workflow.nodes
    templates = await stub.ListWorkflowTemplates(pb.ListWorkflowTemplatesRequest(), metadata=md)
    assert len(templates.templates) >= 5
    valid = await stub.ValidateManagedWorkflow(
        pb.ValidateManagedWorkflowRequest(nodes=created.nodes, edges=created.edges), metadata=md
    )
    assert valid.valid
    await stub.DeleteManagedWorkflow(pb.DeleteManagedWorkflowRequest(workflow_id=created.id), metadata=md)
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await stub.GetManagedWorkflow(pb.GetManagedWorkflowRequest(workflow_id=created.id), metadata=md)
    assert caught.value.code() is grpc.StatusCode.NOT_FOUND
    with pytest.raises(grpc.aio.AioRpcError) as missing:
        await stub.ListManagedWorkflows(pb.ListManagedWorkflowsRequest())
    assert missing.value.code() is grpc.StatusCode.UNAUTHENTICATED
