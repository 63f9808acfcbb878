"""Authorization on every management route through the real Envoy: no token and an
expired token are refused with 401, and another team's resources are not found (404)
— or, for admin-only routes, forbidden (403). Nothing is changed by a refused call."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
import pytest_asyncio

from tests.harness import GREETER, Stack
from tests.integration.mgmt import assert_error, expired_token, personal_team, signed_in, unique

pytestmark = pytest.mark.asyncio(loop_scope="session")


@dataclass
class Owned:
    """Resources of one user's team, made over the API."""

    headers: dict[str, str]
    user_id: str
    team_id: str
    workflow_id: str
    execution_id: str
    data_source_id: str
    key_id: str


@pytest_asyncio.fixture(loop_scope="session")
async def client(stack: Stack) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=stack.http_base, timeout=30) as c:
        yield c


@pytest_asyncio.fixture(loop_scope="session")
async def owned(stack: Stack, client: httpx.AsyncClient) -> Owned:
    _name, headers = await signed_in(stack, "owner")
    user_id = (await client.get("/api/v1/auth/me", headers=headers)).json()["id"]
    team_id = await personal_team(client, headers)
    wf = await client.post("/api/v1/workflows", json={"name": "owned", **GREETER}, headers=headers)
    assert wf.status_code == 201, wf.text
    ex = await client.post(
        f"/api/v1/workflows/{wf.json()['id']}/execute", json={"input_data": {"text": "x"}}, headers=headers
    )
    assert ex.status_code == 201, ex.text
    ds = await client.post(
        "/api/v1/data-sources",
        json={"name": "inline", "type": "json", "config": {"data": [{"a": 1}]}},
        headers=headers,
    )
    assert ds.status_code == 201, ds.text
    key = await client.post(f"/api/v1/teams/{team_id}/api-keys", json={"name": "k"}, headers=headers)
    assert key.status_code == 201, key.text
    return Owned(headers, user_id, team_id, wf.json()["id"], ex.json()["id"], ds.json()["id"], key.json()["id"])


def routes(o: Owned) -> list[tuple[str, str, Any]]:
    """Every management route, with another team's ids where it takes one."""
    wf, ex, ds, team = o.workflow_id, o.execution_id, o.data_source_id, o.team_id
    return [
        ("GET", "/api/v1/auth/me", None),
        ("GET", "/api/v1/users", None),
        ("PUT", f"/api/v1/users/{o.user_id}/role", {"role": "admin"}),
        ("GET", "/api/v1/teams", None),
        ("POST", "/api/v1/teams", {"name": unique("t")}),
        ("GET", f"/api/v1/teams/{team}/members", None),
        ("POST", f"/api/v1/teams/{team}/members", {"username": "nobody"}),
        ("DELETE", f"/api/v1/teams/{team}/members/{o.user_id}", None),
        ("GET", f"/api/v1/teams/{team}/api-keys", None),
        ("POST", f"/api/v1/teams/{team}/api-keys", {"name": "x"}),
        ("DELETE", f"/api/v1/teams/{team}/api-keys/{o.key_id}", None),
        ("GET", "/api/v1/workflows", None),
        ("POST", "/api/v1/workflows", {"name": "x", **GREETER}),
        ("POST", "/api/v1/workflows/validate", GREETER),
        ("GET", "/api/v1/workflows/templates", None),
        ("POST", "/api/v1/workflows/templates/greeting/create", None),
        ("POST", "/api/v1/workflows/import", {"workflow": {"name": "x", **GREETER}}),
        ("GET", f"/api/v1/workflows/{wf}", None),
        ("PUT", f"/api/v1/workflows/{wf}", {"name": "stolen"}),
        ("DELETE", f"/api/v1/workflows/{wf}", None),
        ("GET", f"/api/v1/workflows/{wf}/export", None),
        ("GET", f"/api/v1/workflows/{wf}/versions", None),
        ("GET", f"/api/v1/workflows/{wf}/versions/1", None),
        ("POST", f"/api/v1/workflows/{wf}/versions/1/rollback", {"comment": "x"}),
        ("POST", f"/api/v1/workflows/{wf}/execute", {"input_data": {"text": "x"}}),
        ("POST", "/api/v1/executions", {"workflow_id": wf, "input_data": {"text": "x"}}),
        ("GET", "/api/v1/executions", None),
        ("GET", f"/api/v1/executions/{ex}", None),
        ("GET", f"/api/v1/executions/{ex}/status", None),
        ("POST", f"/api/v1/executions/{ex}/cancel", None),
        ("GET", f"/api/v1/execution-logs/executions/{ex}", None),
        ("GET", f"/api/v1/execution-logs/executions/{ex}/summary", None),
        ("GET", "/api/v1/data-sources", None),
        ("POST", "/api/v1/data-sources", {"name": "x", "type": "json", "config": {"data": []}}),
        ("GET", f"/api/v1/data-sources/{ds}", None),
        ("PUT", f"/api/v1/data-sources/{ds}", {"name": "stolen"}),
        ("DELETE", f"/api/v1/data-sources/{ds}", None),
        ("POST", f"/api/v1/data-sources/{ds}/test", None),
        ("POST", f"/api/v1/data-sources/{ds}/query", {"query": ""}),
    ]


# Routes about another team's resource: 404 (or 403 where only admins may call at all).
OTHER_TEAM = {
    "/api/v1/users": 403,
    "/role": 403,
    "/members": 404,
    "/api-keys": 404,
    "/workflows/": 404,
    "/executions/": 404,
    "/execution-logs/": 404,
    "/data-sources/": 404,
}


def other_team_status(method: str, path: str, body: Any) -> int | None:
    """What a signed-in stranger gets, or None where the route is theirs to use too."""
    if path.endswith(("/templates", "/validate", "/import", "/create")) or path in (
        "/api/v1/auth/me",
        "/api/v1/teams",
        "/api/v1/workflows",
        "/api/v1/data-sources",
    ):
        return None
    if path == "/api/v1/executions":
        return 404 if method == "POST" else None  # POST names another team's workflow
    for part, status in OTHER_TEAM.items():
        if part in path:
            return status
    raise AssertionError(f"no expectation for {method} {path} {body}")


async def test_every_route_refuses_a_missing_token(client: httpx.AsyncClient, owned: Owned) -> None:
    for method, path, body in routes(owned):
        response = await client.request(method, path, json=body)
        assert_error(response, 401, "UNAUTHENTICATED", (method, path))


async def test_every_route_refuses_an_expired_token(client: httpx.AsyncClient, owned: Owned) -> None:
    headers = {"authorization": f"Bearer {expired_token(owned.user_id)}"}
    for method, path, body in routes(owned):
        response = await client.request(method, path, json=body, headers=headers)
        detail = assert_error(response, 401, "UNAUTHENTICATED", (method, path))["detail"]
        assert "expired" in detail, (method, path, detail)


async def test_every_route_refuses_a_malformed_token(client: httpx.AsyncClient, owned: Owned) -> None:
    for header in ("Bearer", "Basic dXNlcjpwYXNz", "Bearer a.b.c", "Bearer wn-not-a-key"):
        for method, path, body in routes(owned)[:12]:
            response = await client.request(method, path, json=body, headers={"authorization": header})
            assert_error(response, 401, "UNAUTHENTICATED", (header, method, path))


async def test_another_teams_resources_are_out_of_reach(stack: Stack, client: httpx.AsyncClient, owned: Owned) -> None:
    _name, stranger = await signed_in(stack, "stranger")
    checked = 0
    for method, path, body in routes(owned):
        expected = other_team_status(method, path, body)
        if expected is None:
            continue
        response = await client.request(method, path, json=body, headers=stranger)
        assert_error(response, expected, where=(method, path))
        checked += 1
    assert checked >= 25

    # Nothing of the owner's changed.
    headers = owned.headers
    wf = (await client.get(f"/api/v1/workflows/{owned.workflow_id}", headers=headers)).json()
    assert wf["name"] == "owned"
    assert wf["version"] == 1
    assert (await client.get(f"/api/v1/data-sources/{owned.data_source_id}", headers=headers)).json()[
        "name"
    ] == "inline"
    keys = (await client.get(f"/api/v1/teams/{owned.team_id}/api-keys", headers=headers)).json()
    assert [k["revoked_at"] for k in keys] == [""]
    me = (await client.get("/api/v1/auth/me", headers=headers)).json()
    assert me["role"] == "user"

    # The stranger's own lists do not show the owner's things.
    assert owned.workflow_id not in str((await client.get("/api/v1/workflows", headers=stranger)).json())
    assert owned.execution_id not in str((await client.get("/api/v1/executions", headers=stranger)).json())
    assert owned.data_source_id not in str((await client.get("/api/v1/data-sources", headers=stranger)).json())
    listed = await client.get("/api/v1/executions", params={"workflow_id": owned.workflow_id}, headers=stranger)
    assert listed.json() == []


async def test_a_team_api_key_reaches_its_team_only(stack: Stack, client: httpx.AsyncClient, owned: Owned) -> None:
    _name, stranger = await signed_in(stack, "keyholder")
    team = await personal_team(client, stranger)
    key = (await client.post(f"/api/v1/teams/{team}/api-keys", json={"name": "k"}, headers=stranger)).json()["key"]
    as_key = {"authorization": f"Bearer {key}"}
    assert_error(await client.get(f"/api/v1/workflows/{owned.workflow_id}", headers=as_key), 404)
    assert_error(await client.get(f"/api/v1/executions/{owned.execution_id}", headers=as_key), 404)
    assert_error(await client.get(f"/api/v1/data-sources/{owned.data_source_id}", headers=as_key), 404)
    assert_error(await client.get("/api/v1/workflows", headers={**as_key, "x-team-id": owned.team_id}), 403)
