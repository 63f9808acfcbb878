"""Who calls the management API: a signed-in user (JWT) or a team API key."""

from __future__ import annotations

from flowgate.auth.keys import KEY_PREFIX, ApiKeyAuthenticator, KeyCache, bearer_token
from flowgate.auth.tokens import TokenSigner
from flowgate.domain.errors import NotFound, PermissionDenied, Unauthenticated
from flowgate.domain.models import Actor, TeamRole
from flowgate.store.uow import UnitOfWork


class ActorAuthenticator:
    """Resolves `authorization` (and the optional team the caller picks) to an Actor.

    A user acts in `team_id` when given (it must be one of the user's teams), else in its
    personal team. An API key acts in its own team (and `team_id`, when given, must be it)."""

    def __init__(self, uow: UnitOfWork, signer: TokenSigner, keys: KeyCache | None = None) -> None:
        self._uow = uow
        self._signer = signer
        self._keys = keys

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
        try:
            user = await self._uow.users.get(user_id)
        except NotFound as exc:  # deleted since the token was issued
            raise Unauthenticated("Could not validate credentials") from exc
        team = team_id or user.default_team_id
        role = await self._uow.members.role_of(team, user.id)
        if role is None:
            raise PermissionDenied("You are not a member of that team")
        return Actor(team_id=team, user_id=user.id, role=user.role, team_role=role)


def require_team_manager(actor: Actor) -> None:
    """Team owners and platform admins manage a team's members and keys."""
    if not (actor.is_admin or actor.team_role is TeamRole.OWNER) or not actor.user_id:
        raise PermissionDenied("Only the team's owners (or an admin) can do that")
