"""Users, sign-in, teams, team API keys and app keys (the management API's accounts)."""

from __future__ import annotations

import json
import math
import re
import secrets
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import parse_qs

from flowgate.app.teams import add_app_key, add_team
from flowgate.auth.keys import KeyCache, bearer_token, hash_key, new_key
from flowgate.auth.management import ActorAuthenticator, ActorCache, require_team_manager
from flowgate.auth.passwords import hash_password, needs_rehash, verify_password
from flowgate.auth.throttle import LoginThrottle
from flowgate.auth.tokens import AccessToken, TokenSigner
from flowgate.domain.errors import (
    FieldViolation,
    InvalidArgument,
    NotFound,
    PermissionDenied,
    Taken,
    TooManyAttempts,
    Unauthenticated,
    ValidationFailed,
)
from flowgate.domain.models import Actor, ApiKey, Team, TeamMember, TeamRole, User, UserRole
from flowgate.store.uow import SessionFactory, UnitOfWork

USERNAME = re.compile(r"[A-Za-z0-9_.\-]{3,50}")
EMAIL = re.compile(r"[^@\s]{1,64}@[^@\s]+\.[^@\s]+")
MIN_PASSWORD = 8
MAX_PASSWORD = 256
MAX_LOGIN_BODY = 8192


@dataclass(frozen=True, slots=True)
class TeamView:
    team: Team
    role: TeamRole
    joined_at: datetime


def parse_login(body: bytes, content_type: str) -> tuple[str, str]:
    """(username, password) of a form-encoded or JSON sign-in body."""
    if len(body) > MAX_LOGIN_BODY:
        raise ValidationFailed("The request body is too large")
    fields: dict[str, str] = {}
    if "json" in content_type.lower():
        try:
            raw = json.loads(body or b"{}")
        except ValueError as exc:
            raise ValidationFailed("The body is not valid JSON") from exc
        if isinstance(raw, dict):
            fields = {k: v for k, v in raw.items() if isinstance(v, str)}
    else:
        try:
            parsed = parse_qs(body.decode(), keep_blank_values=True, max_num_fields=20)
        except (UnicodeDecodeError, ValueError) as exc:
            raise ValidationFailed("The body is not a valid form") from exc
        fields = {k: v[0] for k, v in parsed.items() if v}
    missing = [FieldViolation(name, "field required") for name in ("username", "password") if not fields.get(name)]
    if missing:
        raise ValidationFailed("username and password are required", violations=missing)
    return fields["username"], fields["password"]


class AccountUseCases:
    def __init__(
        self,
        factory: SessionFactory,
        signer: TokenSigner,
        keys: KeyCache,
        default_credits: int,
        cache_seconds: float = 0.0,
        throttle: LoginThrottle | None = None,
        *,
        registration_open: bool = True,
    ) -> None:
        """`cache_seconds`: how long a user's role and team membership are trusted on this
        replica without a lookup (the token is verified on every call). `throttle`
        refuses sign-ins for a name (from an address) after too many failures. `registration_open`: anyone
        may sign up over the API (else only operators add users)."""
        self._registration_open = registration_open
        self._throttle = throttle or LoginThrottle()
        self._factory = factory
        self._signer = signer
        self._keys = keys
        self._default_credits = default_credits
        self._actors = ActorCache(cache_seconds)

    async def actor(
        self, uow: UnitOfWork, authorization: str | None, team_id: str = "", *, users_only: bool = False
    ) -> Actor:
        return await ActorAuthenticator(uow, self._signer, self._keys, self._actors).authenticate(
            authorization, team_id, users_only=users_only
        )

    async def authenticate(self, authorization: str | None, team_id: str = "", *, users_only: bool = False) -> Actor:
        token = bearer_token(authorization)
        if token.count(".") == 2:  # a sign-in token recently resolved: no session at all
            known = self._actors.get(self._signer.verify(token), team_id)
            if known is not None:
                return known
        async with UnitOfWork(self._factory) as uow:
            return await self.actor(uow, authorization, team_id, users_only=users_only)

    # -- users ---------------------------------------------------------------------------

    async def sign_up(self, username: str, email: str, password: str) -> User:
        """Registration over the API, when the server allows it."""
        if not self._registration_open:
            raise PermissionDenied("Registration is closed on this server: an operator adds users")
        return await self.register(username, email, password)

    async def register(self, username: str, email: str, password: str, role: UserRole = UserRole.USER) -> User:
        """A new user with a personal team (the operator command calls this directly)."""
        username, email = username.strip(), email.strip()
        problems = []
        if not USERNAME.fullmatch(username):
            problems.append(FieldViolation("username", "3 to 50 letters, digits, '_', '-' or '.'"))
        if len(email) > 320 or not EMAIL.fullmatch(email):
            problems.append(FieldViolation("email", "not a valid e-mail address"))
        if not MIN_PASSWORD <= len(password) <= MAX_PASSWORD:
            problems.append(FieldViolation("password", f"{MIN_PASSWORD} to {MAX_PASSWORD} characters"))
        if problems:
            raise ValidationFailed("; ".join(f"{p.field}: {p.message}" for p in problems), violations=problems)
        password_hash = await hash_password(password)
        now = datetime.now(UTC)
        async with UnitOfWork(self._factory) as uow:
            team_name = username
            if await uow.teams.find_by_name(team_name) is not None:
                team_name = f"{username}-{secrets.token_hex(3)}"
            team = await add_team(uow, team_name, self._default_credits, now)
            user = User(str(uuid.uuid4()), username, email, role, team.id, now)
            await uow.users.add(user, password_hash)
            await uow.members.add(TeamMember(team.id, user.id, username, TeamRole.OWNER, now))
            await uow.commit()
            return user

    async def login(self, username: str, password: str, address: str = "") -> AccessToken:
        """A sign-in token; `address` is the caller's (failures are counted per name and
        address, and per name)."""
        wait = self._throttle.retry_after(username, address)
        if wait > 0:
            seconds = math.ceil(wait)
            raise TooManyAttempts(
                f"Too many failed sign-ins for this user: try again in {seconds} s", retry_after_seconds=seconds
            )
        async with UnitOfWork(self._factory) as uow:
            found = await uow.users.credentials(username)
            if not await verify_password(found[1] if found else None, password) or found is None:
                self._throttle.failed(username, address)
                raise Unauthenticated("Incorrect username or password")
            self._throttle.succeeded(username, address)
            user, stored = found
            if needs_rehash(stored):
                await uow.users.set_password_hash(user.id, await hash_password(password))
                await uow.commit()
        return self._signer.issue(user.id)

    async def me(self, authorization: str | None) -> User:
        async with UnitOfWork(self._factory) as uow:
            actor = await self.actor(uow, authorization, users_only=True)
            return await uow.users.get(actor.user_id)

    async def list_users(self, authorization: str | None, skip: int, limit: int) -> list[User]:
        async with UnitOfWork(self._factory) as uow:
            actor = await self.actor(uow, authorization, users_only=True)
            if not actor.is_admin:
                raise PermissionDenied("Only admins can list users")
            return await uow.users.page(skip, limit)

    async def set_role(self, authorization: str | None, user_id: str, role: str) -> User:
        try:
            wanted = UserRole(role)
        except ValueError as exc:
            raise ValidationFailed(
                "role must be 'admin' or 'user'", violations=[FieldViolation("role", "admin or user")]
            ) from exc
        async with UnitOfWork(self._factory) as uow:
            actor = await self.actor(uow, authorization, users_only=True)
            if not actor.is_admin:
                raise PermissionDenied("Only admins can change roles")
            user = await uow.users.set_role(user_id, wanted)
            await uow.commit()
            self._actors.clear()
            return user

    async def all_users(self) -> list[User]:
        """Operator command: every user."""
        async with UnitOfWork(self._factory) as uow:
            return await uow.users.page(0, 1_000_000)

    async def promote(self, username: str, role: UserRole) -> User:
        """Operator command: set a user's role without a token."""
        async with UnitOfWork(self._factory) as uow:
            user = await uow.users.find_by_username(username)
            if user is None:
                raise NotFound(f"User {username!r} not found")
            user = await uow.users.set_role(user.id, role)
            await uow.commit()
            self._actors.clear()
            return user

    # -- teams ---------------------------------------------------------------------------

    async def teams(self, authorization: str | None) -> list[TeamView]:
        async with UnitOfWork(self._factory) as uow:
            actor = await self.actor(uow, authorization, users_only=True)
            user = await uow.users.get(actor.user_id)
            views = [TeamView(t, r, j) for t, r, j in await uow.members.teams_of(actor.user_id)]
        views.sort(key=lambda v: v.team.id != user.default_team_id)  # the personal team first
        return views

    async def create_team(self, authorization: str | None, name: str) -> TeamView:
        name = name.strip()
        if not name or len(name) > 200:
            raise ValidationFailed("a team name has 1 to 200 characters", violations=[FieldViolation("name", "1-200")])
        now = datetime.now(UTC)
        async with UnitOfWork(self._factory) as uow:
            actor = await self.actor(uow, authorization, users_only=True)
            if await uow.teams.find_by_name(name) is not None:
                raise Taken(f"Team {name!r} already exists")
            team = await add_team(uow, name, self._default_credits, now)
            user = await uow.users.get(actor.user_id)
            await uow.members.add(TeamMember(team.id, user.id, user.username, TeamRole.OWNER, now))
            await uow.commit()
            return TeamView(team, TeamRole.OWNER, now)

    async def _manager(self, uow: UnitOfWork, authorization: str | None, team_id: str) -> Actor:
        """The caller, who must be an owner of `team_id` or an admin (a member to read)."""
        actor = await self.actor(uow, authorization, users_only=True)
        role = await uow.members.role_of(team_id, actor.user_id)
        if role is None:  # an admin acts on any team that exists; others on their own
            if not actor.is_admin:
                raise NotFound("Team not found")
            try:
                await uow.teams.get(team_id)
            except NotFound:
                raise NotFound("Team not found") from None
        return Actor(team_id, actor.user_id, actor.key_id, actor.role, role or TeamRole.MEMBER)

    async def members(self, authorization: str | None, team_id: str) -> list[TeamMember]:
        async with UnitOfWork(self._factory) as uow:
            await self._manager(uow, authorization, team_id)
            return await uow.members.members(team_id)

    async def add_member(self, authorization: str | None, team_id: str, username: str, role: str) -> TeamMember:
        try:
            team_role = TeamRole(role or "member")
        except ValueError as exc:
            raise ValidationFailed(
                "role must be 'owner' or 'member'", violations=[FieldViolation("role", "owner or member")]
            ) from exc
        async with UnitOfWork(self._factory) as uow:
            require_team_manager(await self._manager(uow, authorization, team_id))
            await uow.teams.get(team_id)
            if not username.strip():
                raise ValidationFailed("username is required", violations=[FieldViolation("username", "required")])
            user = await uow.users.find_by_username(username.strip())
            if user is None:  # the team exists (a 404 is for the path); the name in the body does not
                raise ValidationFailed(
                    f"No user is named {username.strip()[:100]!r}",
                    violations=[FieldViolation("username", "no such user")],
                )
            member = TeamMember(team_id, user.id, user.username, team_role, datetime.now(UTC))
            await uow.members.add(member)
            await uow.commit()
            self._actors.clear()
            return member

    async def remove_member(self, authorization: str | None, team_id: str, user_id: str) -> None:
        async with UnitOfWork(self._factory) as uow:
            require_team_manager(await self._manager(uow, authorization, team_id))
            user = await uow.users.get(user_id)
            if user.default_team_id == team_id:
                raise InvalidArgument("A user cannot leave their personal team")
            role = await uow.members.role_of(team_id, user_id)
            if role is TeamRole.OWNER and await uow.members.owners(team_id) <= 1:
                raise InvalidArgument("A team keeps at least one owner")
            await uow.members.remove(team_id, user_id)
            await uow.commit()
            self._actors.clear()

    # -- API keys --------------------------------------------------------------------------

    async def api_keys(self, authorization: str | None, team_id: str) -> list[ApiKey]:
        async with UnitOfWork(self._factory) as uow:
            require_team_manager(await self._manager(uow, authorization, team_id))
            return await uow.api_keys.list_team(team_id)

    async def create_api_key(self, authorization: str | None, team_id: str, name: str) -> tuple[ApiKey, str]:
        name = name.strip()
        if not name or len(name) > 200:
            raise ValidationFailed("a key name has 1 to 200 characters", violations=[FieldViolation("name", "1-200")])
        async with UnitOfWork(self._factory) as uow:
            require_team_manager(await self._manager(uow, authorization, team_id))
            key, raw = new_key(team_id, name)
            await uow.api_keys.add(key, hash_key(raw))
            await uow.commit()
            return key, raw

    async def revoke_api_key(self, authorization: str | None, team_id: str, key_id: str) -> ApiKey:
        async with UnitOfWork(self._factory) as uow:
            require_team_manager(await self._manager(uow, authorization, team_id))
            key = await uow.api_keys.revoke(key_id, team_id)
            await uow.commit()
        self._keys.forget_key(key_id)
        return key

    # -- app keys (bound to one app) ----------------------------------------------------------

    async def app_keys(self, authorization: str | None, team_id: str) -> list[ApiKey]:
        async with UnitOfWork(self._factory) as uow:
            require_team_manager(await self._manager(uow, authorization, team_id))
            return await uow.api_keys.list_team(team_id, app_keys=True)

    async def create_app_key(
        self, authorization: str | None, team_id: str, name: str, document_id: str
    ) -> tuple[ApiKey, str]:
        """An app key of one of the team's apps (a document with a release of the team)."""
        name, document_id = name.strip() or "app key", document_id.strip()
        async with UnitOfWork(self._factory) as uow:
            require_team_manager(await self._manager(uow, authorization, team_id))
            if len(name) > 200:
                problem = FieldViolation("name", "1-200")
                raise ValidationFailed("a key name has 1 to 200 characters", violations=[problem])
            if not document_id:
                raise ValidationFailed(
                    "document_id is required", violations=[FieldViolation("document_id", "required")]
                )
            return await add_app_key(uow, team_id, name, document_id)

    async def revoke_app_key(self, authorization: str | None, team_id: str, key_id: str) -> ApiKey:
        async with UnitOfWork(self._factory) as uow:
            require_team_manager(await self._manager(uow, authorization, team_id))
            key = await uow.api_keys.revoke(key_id, team_id, app_key=True)
            await uow.commit()
        self._keys.forget_key(key_id)
        return key
