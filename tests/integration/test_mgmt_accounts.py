"""The management API's accounts (seed 001 `/api/v1/auth`, and teams, members, API keys,
users) through the real Envoy, and the same operations over gRPC."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from pathlib import Path

import grpc
import httpx
import pytest
import pytest_asyncio
from google.api import httpbody_pb2
from google.rpc import error_details_pb2, status_pb2
from sqlalchemy import select

from flowgate.domain.models import UserRole
from flowgate.store.tables import UserRow
from flowgate.store.uow import UnitOfWork
from flowgate.v1 import account_service_pb2 as pb
from flowgate.v1 import account_service_pb2_grpc as pb_grpc
from tests.harness import Stack, sqlite_url, start_stack, stop_stack
from tests.integration.mgmt import assert_error, expired_token, personal_team, signed_in, unique

pytestmark = pytest.mark.asyncio(loop_scope="session")


@pytest_asyncio.fixture(loop_scope="session")
async def client(stack: Stack) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=stack.http_base, timeout=30) as c:
        yield c


async def register(client: httpx.AsyncClient, name: str, password: str = "password123") -> httpx.Response:  # noqa: S107
    return await client.post(
        "/api/v1/auth/register", json={"username": name, "email": f"{name}@example.com", "password": password}
    )


async def login(client: httpx.AsyncClient, name: str, password: str = "password123") -> httpx.Response:  # noqa: S107
    return await client.post("/api/v1/auth/login", data={"username": name, "password": password})


async def test_register_answers_201_with_the_documented_user(client: httpx.AsyncClient, stack: Stack) -> None:
    name = unique("reg")
    response = await register(client, name)
    assert response.status_code == 201, response.text
    user = response.json()
    assert set(user) == {"id", "username", "email", "role", "created_at"}
    assert (user["username"], user["email"], user["role"]) == (name, f"{name}@example.com", "user")
    assert len(user["created_at"]) == 19
    assert user["created_at"][10] == "T"
    assert "grpc-status" not in response.headers
    assert "x-http-status" not in response.headers

    async with UnitOfWork(stack.server.factory) as uow:
        stored = await uow.users.credentials(name)
    assert stored is not None
    assert stored[1].startswith("$argon2id$")
    assert "password123" not in stored[1]


async def test_register_refuses_taken_names_and_bad_fields(client: httpx.AsyncClient) -> None:
    name = unique("dup")
    assert (await register(client, name)).status_code == 201
    assert_error(await register(client, name), 400, "ALREADY_EXISTS")
    other = await client.post(
        "/api/v1/auth/register",
        json={"username": unique("x"), "email": f"{name}@example.com", "password": "password123"},
    )
    assert "Email" in assert_error(other, 400, "ALREADY_EXISTS")["detail"]
    bad = await client.post("/api/v1/auth/register", json={"username": "a", "email": "nope", "password": "short"})
    detail = assert_error(bad, 422, "VALIDATION_ERROR")["detail"]
    assert "username" in detail
    assert "email" in detail
    assert "password" in detail
    assert_error(await client.post("/api/v1/auth/register", content=b"{not json"), 400)


async def test_login_is_form_encoded_and_returns_a_bearer_token(client: httpx.AsyncClient) -> None:
    name = unique("login")
    await register(client, name)
    response = await login(client, name)
    assert response.status_code == 200, response.text
    body = response.json()
    assert set(body) == {"access_token", "token_type", "expires_in"}
    assert body["token_type"] == "bearer"
    assert body["expires_in"] == 3600
    assert body["access_token"].count(".") == 2

    as_json = await client.post("/api/v1/auth/login", json={"username": name, "password": "password123"})
    assert as_json.status_code == 200

    me = await client.get("/api/v1/auth/me", headers={"authorization": f"Bearer {body['access_token']}"})
    assert me.status_code == 200
    assert set(me.json()) == {"id", "username", "email", "role"}
    assert me.json()["username"] == name


async def test_login_refuses_wrong_passwords_unknown_users_and_missing_fields(client: httpx.AsyncClient) -> None:
    name = unique("wrong")
    await register(client, name)
    assert_error(await login(client, name, "password124"), 401, "UNAUTHENTICATED")
    assert_error(await login(client, unique("ghost")), 401, "UNAUTHENTICATED")
    missing = await client.post("/api/v1/auth/login", data={"username": name})
    assert_error(missing, 422, "VALIDATION_ERROR")


async def test_repeated_failed_sign_ins_pause_that_name(client: httpx.AsyncClient, stack: Stack) -> None:
    name, bystander = unique("guessed"), unique("bystander")
    await register(client, name)
    await register(client, bystander)
    limit = stack.server.settings.login_max_failures
    for _ in range(limit):
        assert_error(await login(client, name, "wrong-password"), 401, "UNAUTHENTICATED")
    paused = await login(client, name)  # the right password, but the name is paused
    body = assert_error(paused, 429, "TOO_MANY_ATTEMPTS")
    wait = paused.headers["retry-after"]  # whole seconds, as in the message
    assert body["detail"] == f"Too many failed sign-ins for this user: try again in {wait} s"
    assert (await login(client, name.upper())).status_code == 429  # not dodged by changing case
    assert (await login(client, bystander)).status_code == 200  # other names are not affected
    ghost = unique("ghost")  # names that do not exist are counted alike
    for _ in range(limit):
        assert_error(await login(client, ghost), 401, "UNAUTHENTICATED")
    assert_error(await login(client, ghost), 429, "TOO_MANY_ATTEMPTS")
    stub = pb_grpc.AccountServiceStub(stack.channel)

    def form(password: str) -> httpbody_pb2.HttpBody:
        return httpbody_pb2.HttpBody(
            content_type="application/x-www-form-urlencoded", data=f"username={name}&password={password}".encode()
        )

    # A direct gRPC caller is counted by its own address (not the one Envoy appended for
    # the HTTP callers above): its own failures pause it the same way.
    for _ in range(limit):
        with pytest.raises(grpc.aio.AioRpcError) as failed:
            await stub.Login(pb.LoginRequest(body=form("wrong-password")))
        assert failed.value.code() is grpc.StatusCode.UNAUTHENTICATED
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await stub.Login(pb.LoginRequest(body=form("password123")))
    assert caught.value.code() is grpc.StatusCode.RESOURCE_EXHAUSTED
    raw = dict(caught.value.trailing_metadata() or ()).get("grpc-status-details-bin")
    assert isinstance(raw, bytes)
    status = status_pb2.Status.FromString(raw)
    retry = error_details_pb2.RetryInfo()
    assert [d.Unpack(retry) for d in status.details if d.Is(retry.DESCRIPTOR)] == [True]
    assert 0 < retry.retry_delay.seconds <= stack.server.settings.login_failure_window_seconds


async def test_me_refuses_missing_bad_and_expired_tokens(client: httpx.AsyncClient, stack: Stack) -> None:
    assert_error(await client.get("/api/v1/auth/me"), 401, "UNAUTHENTICATED")
    assert_error(await client.get("/api/v1/auth/me", headers={"authorization": "Bearer nonsense"}), 401)
    name, headers = await signed_in(stack)
    me = (await client.get("/api/v1/auth/me", headers=headers)).json()
    expired = await client.get("/api/v1/auth/me", headers={"authorization": f"Bearer {expired_token(me['id'])}"})
    assert "expired" in assert_error(expired, 401, "UNAUTHENTICATED")["detail"]
    token = headers["authorization"].split()[1]
    tampered = token[:-4] + ("AAAA" if not token.endswith("AAAA") else "BBBB")
    assert_error(await client.get("/api/v1/auth/me", headers={"authorization": f"Bearer {tampered}"}), 401)
    assert name


async def test_teams_members_and_roles(client: httpx.AsyncClient, stack: Stack) -> None:
    owner_name, owner = await signed_in(stack, "owner")
    member_name, member = await signed_in(stack, "member")
    teams = (await client.get("/api/v1/teams", headers=owner)).json()
    assert len(teams) == 1
    assert teams[0]["role"] == "owner"
    assert set(teams[0]) == {"id", "name", "role", "created_at"}

    created = await client.post("/api/v1/teams", json={"name": unique("squad")}, headers=owner)
    assert created.status_code == 201, created.text
    team_id = created.json()["id"]
    assert created.json()["role"] == "owner"
    assert_error(await client.post("/api/v1/teams", json={"name": created.json()["name"]}, headers=owner), 400)

    # A member is named: no name is a 422, not a search for the user ''.
    for body in ({}, {"username": "  "}, {"role": "member"}, {"username": unique("nobody")}):
        assert_error(
            await client.post(f"/api/v1/teams/{team_id}/members", json=body, headers=owner), 422, "VALIDATION_ERROR"
        )
    added = await client.post(f"/api/v1/teams/{team_id}/members", json={"username": member_name}, headers=owner)
    assert added.status_code == 201, added.text
    assert added.json()["username"] == member_name
    assert added.json()["role"] == "member"
    assert_error(
        await client.post(f"/api/v1/teams/{team_id}/members", json={"username": member_name}, headers=owner), 400
    )
    members = (await client.get(f"/api/v1/teams/{team_id}/members", headers=member)).json()
    assert [m["username"] for m in members] == [owner_name, member_name]

    # A member reads but does not manage; a stranger sees no such team.
    assert_error(
        await client.post(f"/api/v1/teams/{team_id}/members", json={"username": owner_name}, headers=member), 403
    )
    _stranger_name, stranger = await signed_in(stack, "stranger")
    assert_error(await client.get(f"/api/v1/teams/{team_id}/members", headers=stranger), 404)

    member_id = members[1]["user_id"]
    in_team = {**member, "x-team-id": team_id}
    assert (await client.get("/api/v1/workflows", headers=in_team)).status_code == 200  # (now cached)
    removed = await client.delete(f"/api/v1/teams/{team_id}/members/{member_id}", headers=owner)
    assert removed.status_code == 200
    assert removed.json() == {"message": "Member removed"}
    assert len((await client.get(f"/api/v1/teams/{team_id}/members", headers=owner)).json()) == 1
    assert_error(await client.get("/api/v1/workflows", headers=in_team), 403)  # at once, cache or not
    # The last owner stays.
    owner_id = members[0]["user_id"]
    assert_error(await client.delete(f"/api/v1/teams/{team_id}/members/{owner_id}", headers=owner), 400)


async def test_team_api_keys_over_the_api(client: httpx.AsyncClient, stack: Stack) -> None:
    _name, headers = await signed_in(stack, "keys")
    team_id = await personal_team(client, headers)
    created = await client.post(f"/api/v1/teams/{team_id}/api-keys", json={"name": "ci"}, headers=headers)
    assert created.status_code == 201, created.text
    key = created.json()
    assert set(key) == {"id", "name", "prefix", "created_at", "revoked_at", "key"}
    assert key["key"].startswith("wn-")
    assert key["key"].startswith(key["prefix"])
    assert key["revoked_at"] == ""

    listed = (await client.get(f"/api/v1/teams/{team_id}/api-keys", headers=headers)).json()
    assert [k["id"] for k in listed] == [key["id"]]
    assert listed[0]["key"] == ""
    assert key["key"] not in str(listed)

    # The key acts in its team on the management API, but is not a user.
    as_key = {"authorization": f"Bearer {key['key']}"}
    assert (await client.get("/api/v1/workflows", headers=as_key)).status_code == 200
    assert_error(await client.get("/api/v1/auth/me", headers=as_key), 403)

    revoked = await client.delete(f"/api/v1/teams/{team_id}/api-keys/{key['id']}", headers=headers)
    assert revoked.status_code == 200
    assert revoked.json() == {"message": "API key revoked"}
    assert (await client.get(f"/api/v1/teams/{team_id}/api-keys", headers=headers)).json()[0]["revoked_at"]
    stack.server.accounts._keys.forget_key(key["id"])  # the auth cache of this replica
    assert_error(await client.get("/api/v1/workflows", headers=as_key), 401)

    _other, other = await signed_in(stack, "otherkeys")
    assert_error(await client.get(f"/api/v1/teams/{team_id}/api-keys", headers=other), 404)
    assert_error(await client.post(f"/api/v1/teams/{team_id}/api-keys", json={"name": "x"}, headers=other), 404)


async def test_admins_list_users_and_set_roles(client: httpx.AsyncClient, stack: Stack) -> None:
    admin_name, admin = await signed_in(stack, "admin")
    _user_name, user = await signed_in(stack, "plain")
    assert_error(await client.get("/api/v1/users", headers=user), 403)
    await stack.server.accounts.promote(admin_name, UserRole.ADMIN)

    listed = await client.get("/api/v1/users", params={"limit": 100}, headers=admin)
    assert listed.status_code == 200
    names = [u["username"] for u in listed.json()]
    assert admin_name in names
    assert_error(await client.get("/api/v1/users", params={"limit": 0}, headers=admin), 422)
    page = (await client.get("/api/v1/users", params={"skip": 1, "limit": 1}, headers=admin)).json()
    assert len(page) == 1
    assert page[0]["username"] == names[1]

    target = (await client.get("/api/v1/auth/me", headers=user)).json()
    changed = await client.put(f"/api/v1/users/{target['id']}/role", json={"role": "admin"}, headers=admin)
    assert changed.status_code == 200
    assert changed.json()["role"] == "admin"
    assert (await client.get("/api/v1/auth/me", headers=user)).json()["role"] == "admin"
    assert_error(await client.put(f"/api/v1/users/{target['id']}/role", json={"role": "root"}, headers=admin), 422)

    async with stack.server.factory() as session:
        role = (await session.execute(select(UserRow.role).where(UserRow.id == target["id"]))).scalar_one()
    assert role == "admin"


async def test_admins_acting_on_a_team_that_does_not_exist_get_404(client: httpx.AsyncClient, stack: Stack) -> None:
    admin_name, admin = await signed_in(stack, "admin")
    await stack.server.accounts.promote(admin_name, UserRole.ADMIN)
    missing = f"/api/v1/teams/{uuid.uuid4()}"
    for response in (
        await client.get(f"{missing}/members", headers=admin),
        await client.post(f"{missing}/members", json={"username": admin_name}, headers=admin),
        await client.get(f"{missing}/api-keys", headers=admin),
        await client.post(f"{missing}/api-keys", json={"name": "x"}, headers=admin),
        await client.delete(f"{missing}/api-keys/{uuid.uuid4()}", headers=admin),
    ):
        assert response.json()["detail"] == "Team not found", response.text
        assert_error(response, 404, "NOT_FOUND")


async def test_the_same_operations_over_grpc(stack: Stack) -> None:
    stub = pb_grpc.AccountServiceStub(stack.channel)
    name = unique("grpc")
    user = await stub.Register(pb.RegisterRequest(username=name, email=f"{name}@example.com", password="password123"))
    assert user.user.username == name

    body = httpbody_pb2.HttpBody(
        content_type="application/x-www-form-urlencoded", data=f"username={name}&password=password123".encode()
    )
    token = await stub.Login(pb.LoginRequest(body=body))
    assert token.token_type == "bearer"
    md = (("authorization", f"Bearer {token.access_token}"),)
    me = await stub.GetCurrentUser(pb.GetCurrentUserRequest(), metadata=md)
    assert me.user.id == user.user.id
    teams = await stub.ListTeams(pb.ListTeamsRequest(), metadata=md)
    assert teams.teams[0].role == "owner"
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await stub.GetCurrentUser(pb.GetCurrentUserRequest())
    assert caught.value.code() is grpc.StatusCode.UNAUTHENTICATED


async def test_closed_registration_leaves_adding_users_to_operators(tmp_path: Path) -> None:
    closed = await start_stack(sqlite_url(tmp_path), with_envoy=True, registration_open=False)
    try:
        async with httpx.AsyncClient(base_url=closed.http_base, timeout=30) as c:
            refused = await register(c, unique("walkin"))
            body = assert_error(refused, 403, "PERMISSION_DENIED")
            assert body["detail"] == "Registration is closed on this server: an operator adds users"
            name = unique("added")
            await closed.server.accounts.register(name, f"{name}@example.com", "password123")  # flowgate users create
            signed = await login(c, name)
            assert signed.status_code == 200, signed.text
    finally:
        await stop_stack(closed)
