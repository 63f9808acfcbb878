"""Team API keys: `wn-` + 43 random URL-safe characters, shown once, stored as SHA-256.

Keys carry 256 bits of entropy, so a fast, unsalted hash is the right tool: it lets a
key be found by its hash in one indexed lookup and cannot be brute-forced."""

from __future__ import annotations

import hashlib
import secrets
import uuid
from datetime import UTC, datetime

from flowgate.domain.errors import Unauthenticated
from flowgate.domain.models import ApiKey, Principal
from flowgate.store.uow import UnitOfWork

KEY_PREFIX = "wn-"


def hash_key(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def new_key(team_id: str, name: str) -> tuple[ApiKey, str]:
    """A new key record and its secret; the secret is not kept anywhere."""
    raw = KEY_PREFIX + secrets.token_urlsafe(32)
    key = ApiKey(
        id=str(uuid.uuid4()),
        team_id=team_id,
        name=name,
        prefix=raw[:10],
        created_at=datetime.now(UTC),
    )
    return key, raw


def bearer_token(authorization: str | None) -> str:
    """The token of an `Authorization: Bearer …` value."""
    if not authorization:
        raise Unauthenticated()
    scheme, _, token = authorization.strip().partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise Unauthenticated()
    return token.strip()


class ApiKeyAuthenticator:
    def __init__(self, uow: UnitOfWork) -> None:
        self._uow = uow

    async def authenticate(self, authorization: str | None) -> Principal:
        token = bearer_token(authorization)
        if not token.startswith(KEY_PREFIX) or len(token) > 200:
            raise Unauthenticated()
        key = await self._uow.api_keys.find_active_by_hash(hash_key(token))
        if key is None:
            raise Unauthenticated()
        return Principal(team_id=key.team_id, key_id=key.id)
