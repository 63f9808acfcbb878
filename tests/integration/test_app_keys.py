"""App keys (`app-…`, bound to one app) through the real Envoy: made, listed and revoked
over the management API, stored as a hash, and accepted by the released-app routes for
their own app only — on SQLite and PostgreSQL."""

from __future__ import annotations

import hashlib
import uuid
from typing import Any

import httpx
import pytest
from sqlalchemy import select

from flowgate.store.tables import ApiKeyRow
from tests.harness import GREETER, Stack
from tests.integration.mgmt import assert_error, personal_team, signed_in

pytestmark = pytest.mark.asyncio(loop_scope="session")

FIELDS = {"id", "name", "prefix", "document_id", "created_at", "revoked_at", "key"}


async def run(client: httpx.AsyncClient, path: str, key: str, idempotency_key: str = "") -> httpx.Response:
    headers = {"authorization": f"Bearer {key}"}
    if idempotency_key:
        headers["Idempotency-Key"] = idempotency_key
    return await client.post(
        f"/api/released-app/{path}/run", json={"inputs": {"text": "hello"}, "stream": False}, headers=headers
    )


def bearer(key: str) -> dict[str, str]:
    return {"authorization": f"Bearer {key}"}


async def create(client: httpx.AsyncClient, team_id: str, headers: dict[str, str], **body: Any) -> httpx.Response:
    return await client.post(f"/api/v1/teams/{team_id}/app-keys", json=body, headers=headers)


async def test_app_keys_run_their_own_app_only(stack: Stack) -> None:
    name, headers = await signed_in(stack, "appkeys")
    async with httpx.AsyncClient(base_url=stack.http_base, timeout=30) as client:
        team_id = await personal_team(client, headers)
        own = await stack.publish(GREETER, team=name, public=False, name="own")
        sibling = await stack.publish(GREETER, team=name, public=True, name="sibling")
        foreign = await stack.publish(GREETER, team="team-b", public=True, name="foreign")

        created = await create(client, team_id, headers, name="dify", document_id=own.document_id)
        assert created.status_code == 201, created.text
        key = created.json()
        assert set(key) == FIELDS
        assert key["key"].startswith("app-")
        assert len(key["key"]) >= len("app-") + 24
        assert key["key"].startswith(key["prefix"])
        assert (key["name"], key["document_id"], key["revoked_at"]) == ("dify", own.document_id, "")
        secret = key["key"]

        # Stored as its SHA-256 only, with its app.
        async with stack.server.factory() as session:
            row = (await session.execute(select(ApiKeyRow).where(ApiKeyRow.id == key["id"]))).scalar_one()
        assert row.key_hash == hashlib.sha256(secret.encode()).hexdigest()
        assert secret not in (row.key_hash, row.prefix, row.name)
        assert row.document_id == own.document_id

        # Listed without its secret, and not among the team keys.
        listed = await client.get(f"/api/v1/teams/{team_id}/app-keys", headers=headers)
        assert listed.status_code == 200
        assert [(k["id"], k["key"], k["document_id"]) for k in listed.json()] == [(key["id"], "", own.document_id)]
        assert secret not in listed.text
        team_keys = await client.get(f"/api/v1/teams/{team_id}/api-keys", headers=headers)
        assert key["id"] not in team_keys.text

        # Its own (private) app, by deployment and by document.
        by_deployment = await run(client, own.deployment_id, secret)
        assert by_deployment.status_code == 200, by_deployment.text
        assert by_deployment.json()["status"] == "success"
        assert by_deployment.json()["globalCtx"][-1]["output"] == {"greeting": "Hello, hello!"}
        by_document = await run(client, f"d/{own.document_id}", secret)
        assert by_document.status_code == 200, by_document.text
        assert by_document.json()["documentId"] == own.document_id
        run_id = by_deployment.json()["runId"]
        auth = bearer(secret)
        detail = await client.get(f"/api/released-app/runs/{run_id}", headers=auth)
        assert detail.status_code == 200, detail.text

        # Any other app: refused, though a team key of the same team runs it.
        for other in (sibling, foreign):
            for path in (other.deployment_id, f"d/{other.document_id}"):
                refused = await run(client, path, secret)
                assert refused.status_code == 403, (path, refused.text)
                assert refused.json() == {"error": "Permission denied: This app key belongs to another app"}
        team_key = await stack.key(name)
        theirs = await run(client, sibling.deployment_id, team_key)
        assert theirs.status_code == 200
        hidden = await client.get(f"/api/released-app/runs/{theirs.json()['runId']}", headers=auth)
        assert hidden.status_code == 404
        # Nor re-attached to through the team's idempotency key.
        idem = f"order-{uuid.uuid4()}"
        first = await run(client, sibling.deployment_id, team_key, idem)
        assert first.status_code == 200, first.text
        assert (await run(client, sibling.deployment_id, team_key, idem)).json()["runId"] == first.json()["runId"]
        replayed = await run(client, sibling.deployment_id, secret, idem)
        assert replayed.status_code == 403, replayed.text
        assert first.json()["runId"] not in replayed.text
        assert (await client.get(f"/api/released-app/runs/{run_id}", headers=bearer(team_key))).status_code == 200

        # Not a key of the management API, nor of the workflow and release services.
        assert_error(await client.get("/api/v1/workflows", headers=auth), 401)

        # Revoked: unknown from then on; each kind is revoked on its own route only.
        team_key_id = (await client.get(f"/api/v1/teams/{team_id}/api-keys", headers=headers)).json()[0]["id"]
        assert_error(await client.delete(f"/api/v1/teams/{team_id}/app-keys/{team_key_id}", headers=headers), 404)
        assert_error(await client.delete(f"/api/v1/teams/{team_id}/api-keys/{key['id']}", headers=headers), 404)
        revoked = await client.delete(f"/api/v1/teams/{team_id}/app-keys/{key['id']}", headers=headers)
        assert revoked.status_code == 200
        assert revoked.json() == {"message": "App key revoked"}
        after = await run(client, own.deployment_id, secret)
        assert after.status_code == 401
        assert after.json() == {"error": "Unauthorized"}
        relisted = (await client.get(f"/api/v1/teams/{team_id}/app-keys", headers=headers)).json()
        assert relisted[0]["revoked_at"]
        assert (await run(client, own.deployment_id, team_key)).status_code == 200  # team keys: unchanged


async def test_app_keys_need_a_team_manager_and_an_app_of_the_team(stack: Stack) -> None:
    name, headers = await signed_in(stack, "appkeys2")
    _other_name, other = await signed_in(stack, "appkeys3")
    async with httpx.AsyncClient(base_url=stack.http_base, timeout=30) as client:
        team_id = await personal_team(client, headers)
        own = await stack.publish(GREETER, team=name, public=True)
        foreign = await stack.publish(GREETER, team="team-b", public=True)

        for document_id in (foreign.document_id, "no-such-app", own.deployment_id):
            body = assert_error(await create(client, team_id, headers, name="x", document_id=document_id), 404)
            assert document_id in body["detail"]
        missing = assert_error(await create(client, team_id, headers, name="x"), 422, "VALIDATION_ERROR")
        assert "document_id" in missing["detail"]
        assert_error(await create(client, team_id, headers, name="x" * 201, document_id=own.document_id), 422)

        # Someone outside the team neither makes, lists nor revokes them.
        assert_error(await create(client, team_id, other, name="x", document_id=own.document_id), 404)
        assert_error(await client.get(f"/api/v1/teams/{team_id}/app-keys", headers=other), 404)
        made = await create(client, team_id, headers, document_id=own.document_id)
        assert made.status_code == 201
        assert made.json()["name"] == "app key"
        assert_error(await client.delete(f"/api/v1/teams/{team_id}/app-keys/{made.json()['id']}", headers=other), 404)
        assert_error(await client.get(f"/api/v1/teams/{team_id}/app-keys"), 401)
        assert_error(await create(client, team_id, {}), 401)  # before any complaint about the body
