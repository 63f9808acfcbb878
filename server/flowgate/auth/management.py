"""Who calls the management API: a signed-in user (JWT) or a team API key."""

from __future__ import annotations

import time

from flowgate.auth.keys import KEY_PREFIX, ApiKeyAuthenticator, KeyCache, bearer_token
from flowgate.auth.tokens import TokenSigner
from flowgate.domain.errors import NotFound, PermissionDenied, Unauthenticated
from flowgate.domain.models import Actor, TeamRole
from flowgate.store.uow import UnitOfWork


class ActorCache:
    """Recently resolved (user, team) → Actor, so a busy user is not looked up on every
    call. The token itself is verified every time (its signature and expiry); what may be
    `ttl_seconds` old is the user's role and team membership on this replica."""

    def __init__(self, ttl_seconds: float, max_entries: int = 10_000) -> None:
        self._ttl = ttl_seconds
        self._max = max_entries
        self._entries: dict[tuple[str, str], tuple[float, Actor]] = {}

    def get(self, user_id: str, team_id: str) -> Actor | None:
        entry = self._entries.get((user_id, team_id))
        if entry is None:
            return None
        if entry[0] < time.monotonic():
            del self._entries[(user_id, team_id)]
            return None
        return entry[1]

    def put(self, user_id: str, team_id: str, actor: Actor) -> None:
        if self._ttl <= 0:
            return
        if len(self._entries) >= self._max:
            self._entries.clear()
        self._entries[(user_id, team_id)] = (time.monotonic() + self._ttl, actor)

    def clear(self) -> None:
        """Forget everything (roles or memberships changed)."""
        self._entries.clear()


class ActorAuthenticator:
    """Resolves `authorization` (and the optional team the caller picks) to an Actor.

    A user acts in `team_id` when given (it must be one of the user's teams), else in its
    personal team. An API key acts in its own team (and `team_id`, when given, must be it)."""

    def __init__(
        self, uow: UnitOfWork, signer: TokenSigner, keys: KeyCache | None = None, actors: ActorCache | None = None
    ) -> None:
        self._uow = uow
        self._signer = signer
        self._keys = keys
        self._actors = actors

    async def authenticate(self, authorization: str | None, team_id: str = "", *, users_only: bool = False) -> Actor:
        token = bearer_token(authorization)
        if token.startswith(KEY_PREFIX):
            principal = await ApiKeyAuthenticator(self._uow, self._keys).authenticate(authorization)
            if users_only:
                raise PermissionDenied("This operation needs a signed-in user, not an API key")
            if team_id and team_id != principal.team_id:
                raise PermissionDenied("The API key does not belong to that team")
            return Actor(team_id=principal.team_id, key_id=principal.key_id)
        if len(token) > 4096:
            raise Unauthenticated("Could not validate credentials")
        user_id = self._signer.verify(token)
        if self._actors is not None and (known := self._actors.get(user_id, team_id)) is not None:
            return known
        try:
            user = await self._uow.users.get(user_id)
        except NotFound as exc:  # deleted since the token was issued
            raise Unauthenticated("Could not validate credentials") from exc
        team = team_id or user.default_team_id
        role = await self._uow.members.role_of(team, user.id)
        if role is None:
            raise PermissionDenied("You are not a member of that team")
        actor = Actor(team_id=team, user_id=user.id, role=user.role, team_role=role)
        if self._actors is not None:
            self._actors.put(user_id, team_id, actor)
        return actor


def require_team_manager(actor: Actor) -> None:
    """Team owners and platform admins manage a team's members and keys."""
    if not (actor.is_admin or actor.team_role is TeamRole.OWNER) or not actor.user_id:
        raise PermissionDenied("Only the team's owners (or an admin) can do that")
