"""AccountService: users, sign-in, teams, team API keys and app keys (`/api/v1/auth`, `/teams`,
`/users`)."""

from __future__ import annotations

from collections.abc import Sequence

from flowgate.api import errors
from flowgate.api.context import Network, authorization, client_address
from flowgate.api.management_common import Ctx, error_body, iso, page
from flowgate.app.accounts import AccountUseCases, TeamView, parse_login
from flowgate.domain.models import ApiKey, TeamMember, User
from flowgate.v1 import account_service_pb2 as pb
from flowgate.v1 import account_service_pb2_grpc as pb_grpc

unary = errors.unary(error_body)


def _user(user: User) -> pb.User:
    return pb.User(
        id=user.id, username=user.username, email=user.email, role=user.role.value, created_at=iso(user.created_at)
    )


def _team(view: TeamView) -> pb.Team:
    return pb.Team(id=view.team.id, name=view.team.name, role=view.role.value, created_at=iso(view.team.created_at))


def _member(m: TeamMember) -> pb.TeamMember:
    return pb.TeamMember(user_id=m.user_id, username=m.username, role=m.role.value, joined_at=iso(m.joined_at))


def _key(key: ApiKey, secret: str = "") -> pb.TeamApiKey:
    return pb.TeamApiKey(
        id=key.id,
        name=key.name,
        prefix=key.prefix,
        created_at=iso(key.created_at),
        revoked_at=iso(key.revoked_at),
        key=secret,
    )


class AccountServicer(pb_grpc.AccountServiceServicer):
    def __init__(self, accounts: AccountUseCases, trusted_proxies: Sequence[Network] = ()) -> None:
        """`trusted_proxies`: peers whose `x-forwarded-for` names the caller (Envoy)."""
        self._accounts = accounts
        self._trusted_proxies = tuple(trusted_proxies)

    @unary
    async def Register(self, request: pb.RegisterRequest, context: Ctx) -> pb.RegisterResponse:
        user = await self._accounts.sign_up(request.username, request.email, request.password)
        return pb.RegisterResponse(user=_user(user))

    @unary
    async def Login(self, request: pb.LoginRequest, context: Ctx) -> pb.LoginResponse:
        username, password = parse_login(request.body.data, request.body.content_type)
        token = await self._accounts.login(username, password, client_address(context, self._trusted_proxies))
        return pb.LoginResponse(access_token=token.token, token_type="bearer", expires_in=token.expires_in)  # noqa: S106

    @unary
    async def GetCurrentUser(self, request: pb.GetCurrentUserRequest, context: Ctx) -> pb.GetCurrentUserResponse:
        user = await self._accounts.me(authorization(context))
        return pb.GetCurrentUserResponse(
            user=pb.CurrentUser(id=user.id, username=user.username, email=user.email, role=user.role.value)
        )

    @unary
    async def ListUsers(self, request: pb.ListUsersRequest, context: Ctx) -> pb.ListUsersResponse:
        skip, limit = page(request)
        users = await self._accounts.list_users(authorization(context), skip, limit)
        return pb.ListUsersResponse(users=[_user(u) for u in users])

    @unary
    async def UpdateUserRole(self, request: pb.UpdateUserRoleRequest, context: Ctx) -> pb.UpdateUserRoleResponse:
        user = await self._accounts.set_role(authorization(context), request.user_id, request.role)
        return pb.UpdateUserRoleResponse(user=_user(user))

    @unary
    async def ListTeams(self, request: pb.ListTeamsRequest, context: Ctx) -> pb.ListTeamsResponse:
        teams = await self._accounts.teams(authorization(context))
        return pb.ListTeamsResponse(teams=[_team(v) for v in teams])

    @unary
    async def CreateTeam(self, request: pb.CreateTeamRequest, context: Ctx) -> pb.CreateTeamResponse:
        view = await self._accounts.create_team(authorization(context), request.name)
        return pb.CreateTeamResponse(team=_team(view))

    @unary
    async def ListTeamMembers(self, request: pb.ListTeamMembersRequest, context: Ctx) -> pb.ListTeamMembersResponse:
        members = await self._accounts.members(authorization(context), request.team_id)
        return pb.ListTeamMembersResponse(members=[_member(m) for m in members])

    @unary
    async def AddTeamMember(self, request: pb.AddTeamMemberRequest, context: Ctx) -> pb.AddTeamMemberResponse:
        member = await self._accounts.add_member(
            authorization(context), request.team_id, request.username, request.role
        )
        return pb.AddTeamMemberResponse(member=_member(member))

    @unary
    async def RemoveTeamMember(self, request: pb.RemoveTeamMemberRequest, context: Ctx) -> pb.RemoveTeamMemberResponse:
        await self._accounts.remove_member(authorization(context), request.team_id, request.user_id)
        return pb.RemoveTeamMemberResponse(message="Member removed")

    @unary
    async def ListTeamApiKeys(self, request: pb.ListTeamApiKeysRequest, context: Ctx) -> pb.ListTeamApiKeysResponse:
        keys = await self._accounts.api_keys(authorization(context), request.team_id)
        return pb.ListTeamApiKeysResponse(api_keys=[_key(k) for k in keys])

    @unary
    async def CreateTeamApiKey(self, request: pb.CreateTeamApiKeyRequest, context: Ctx) -> pb.CreateTeamApiKeyResponse:
        key, secret = await self._accounts.create_api_key(authorization(context), request.team_id, request.name)
        return pb.CreateTeamApiKeyResponse(api_key=_key(key, secret))

    @unary
    async def RevokeTeamApiKey(self, request: pb.RevokeTeamApiKeyRequest, context: Ctx) -> pb.RevokeTeamApiKeyResponse:
        await self._accounts.revoke_api_key(authorization(context), request.team_id, request.key_id)
        return pb.RevokeTeamApiKeyResponse(message="API key revoked")

    @unary
    async def ListTeamAppKeys(self, request: pb.ListTeamAppKeysRequest, context: Ctx) -> pb.ListTeamAppKeysResponse:
        keys = await self._accounts.app_keys(authorization(context), request.team_id)
        return pb.ListTeamAppKeysResponse(app_keys=[_app_key(k) for k in keys])

    @unary
    async def CreateTeamAppKey(self, request: pb.CreateTeamAppKeyRequest, context: Ctx) -> pb.CreateTeamAppKeyResponse:
        key, secret = await self._accounts.create_app_key(
            authorization(context), request.team_id, request.name, request.document_id
        )
        return pb.CreateTeamAppKeyResponse(app_key=_app_key(key, secret))

    @unary
    async def RevokeTeamAppKey(self, request: pb.RevokeTeamAppKeyRequest, context: Ctx) -> pb.RevokeTeamAppKeyResponse:
        await self._accounts.revoke_app_key(authorization(context), request.team_id, request.key_id)
        return pb.RevokeTeamAppKeyResponse(message="App key revoked")


def _app_key(key: ApiKey, secret: str = "") -> pb.TeamAppKey:
    return pb.TeamAppKey(
        id=key.id,
        name=key.name,
        prefix=key.prefix,
        document_id=key.document_id,
        created_at=iso(key.created_at),
        revoked_at=iso(key.revoked_at),
        key=secret,
    )
