"""Helpers for the management API tests (`/api/v1/...` through Envoy)."""

from __future__ import annotations

import time
import uuid
from typing import Any

import httpx
import jwt

from flowgate.auth.tokens import derive_key
from tests.harness import TEST_SECRET, Stack, linear

ERROR_KEYS = {"detail", "error_code", "status_code"}


def unique(prefix: str) -> str:
    return f"{prefix}{uuid.uuid4().hex[:10]}"


def expired_token(user_id: str) -> str:
    """A correctly signed token of `user_id` that expired a minute ago."""
    now = int(time.time())
    claims = {"sub": user_id, "iat": now - 7200, "exp": now - 60, "iss": "flowgate", "typ": "access"}
    return jwt.encode(claims, derive_key(TEST_SECRET.encode(), "access-token"), algorithm="HS256")


def assert_error(
    response: httpx.Response, status: int, error_code: str | None = None, where: object = ""
) -> dict[str, Any]:
    """The family's error body: exactly {detail, error_code, status_code}."""
    assert response.status_code == status, (where, response.text)
    assert response.headers["content-type"].startswith("application/json")
    body: dict[str, Any] = response.json()
    assert set(body) == ERROR_KEYS, (where, body)
    assert body["status_code"] == status
    assert isinstance(body["detail"], str)
    assert body["detail"]
    if error_code is not None:
        assert body["error_code"] == error_code, (where, body)
    return body


async def signed_in(stack: Stack, prefix: str = "user") -> tuple[str, dict[str, str]]:
    """A new user's name and `Authorization` header."""
    name = unique(prefix)
    return name, await stack.bearer(name)


async def personal_team(client: httpx.AsyncClient, headers: dict[str, str]) -> str:
    response = await client.get("/api/v1/teams", headers=headers)
    assert response.status_code == 200, response.text
    team_id: str = response.json()[0]["id"]
    return team_id


PAUSED = linear({"id": "pause-1", "type": "pause", "data": {"label": "Pause", "seconds": 60}})
"""A workflow that runs a minute in its pause block (stacks with `PauseBlock`: `slow_stack`)."""


async def create_workflow(client: httpx.AsyncClient, graph: dict[str, Any], name: str = "") -> str:
    """A new workflow of the client's caller, over the API; its id."""
    response = await client.post("/api/v1/workflows", json={"name": name or unique("wf-"), **graph})
    assert response.status_code == 201, response.text
    workflow_id: str = response.json()["id"]
    return workflow_id
