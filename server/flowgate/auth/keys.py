"""Team API keys: `wn-` + 43 random URL-safe characters, shown once, stored as SHA-256.
App keys (`app-` + 43 such characters) are stored the same way and bound to one app.

Keys carry 256 bits of entropy, so a fast, unsalted hash is the right tool: it lets a
key be found by its hash in one indexed lookup and cannot be brute-forced."""

from __future__ import annotations

import hashlib
import secrets
import time
import uuid
from datetime import UTC, datetime

from flowgate.domain.errors import Unauthenticated
from flowgate.domain.models import ApiKey, Principal
from flowgate.store.uow import UnitOfWork

KEY_PREFIX = "wn-"
APP_PREFIX = "app-"
"""App keys: bound to one app (a document id); accepted by the released-app routes only."""
SCHEDULE_PREFIX = "st-"
"""Schedule tokens: bound to one deployment, for the scheduler (and cron jobs of your own)."""


def new_secret(prefix: str) -> str:
    return prefix + secrets.token_urlsafe(32)


def hash_key(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def new_key(team_id: str, name: str, document_id: str = "") -> tuple[ApiKey, str]:
    """A new key record and its secret; the secret is not kept anywhere. With a
    `document_id`, an app key of that app."""
    raw = new_secret(APP_PREFIX if document_id else KEY_PREFIX)
    key = ApiKey(
        id=str(uuid.uuid4()),
        team_id=team_id,
        name=name,
        prefix=raw[:10],
        created_at=datetime.now(UTC),
        document_id=document_id,
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


class KeyCache:
    """Recently verified keys (by hash), so a busy key is not looked up on every call.
    A revoked key keeps working on this replica for at most `ttl_seconds` (0: no cache)."""

    def __init__(self, ttl_seconds: float, max_entries: int = 10_000) -> None:
        self._ttl = ttl_seconds
        self._max = max_entries
        self._entries: dict[str, tuple[float, Principal]] = {}

    def get(self, key_hash: str) -> Principal | None:
        entry = self._entries.get(key_hash)
        if entry is None:
            return None
        if entry[0] < time.monotonic():
            del self._entries[key_hash]
            return None
        return entry[1]

    def put(self, key_hash: str, principal: Principal) -> None:
        if self._ttl <= 0:
            return
        if len(self._entries) >= self._max:
            self._entries.clear()
        self._entries[key_hash] = (time.monotonic() + self._ttl, principal)

    def forget_key(self, key_id: str) -> None:
        for digest, (_expires, principal) in list(self._entries.items()):
            if principal.key_id == key_id:
                del self._entries[digest]


class ApiKeyAuthenticator:
    def __init__(self, uow: UnitOfWork, cache: KeyCache | None = None) -> None:
        self._uow = uow
        self._cache = cache

    async def authenticate(
        self, authorization: str | None, *, schedule_tokens: bool = False, app_keys: bool = False
    ) -> Principal:
        """The caller of an API key (`wn-…`), or with `schedule_tokens` also of a schedule
        token (`st-…`, bound to one deployment), with `app_keys` also of an app key
        (`app-…`, bound to one app). Anywhere else those are unknown keys."""
        token = bearer_token(authorization)
        if len(token) > 200:
            raise Unauthenticated()
        if token.startswith(SCHEDULE_PREFIX) and schedule_tokens:
            schedule = await self._uow.schedules.find_by_token_hash(hash_key(token))
            if schedule is None or not schedule.enabled:
                raise Unauthenticated()
            return Principal(schedule.team_id, f"schedule:{schedule.id}", schedule_deployment_id=schedule.deployment_id)
        app_key = app_keys and token.startswith(APP_PREFIX)
        if not token.startswith(KEY_PREFIX) and not app_key:
            raise Unauthenticated()
        digest = hash_key(token)
        if self._cache is not None and (cached := self._cache.get(digest)) is not None:
            return cached
        key = await self._uow.api_keys.find_active_by_hash(digest)
        if key is None or key.is_app_key != app_key:
            raise Unauthenticated()
        principal = Principal(team_id=key.team_id, key_id=key.id, app_document_id=key.document_id)
        if self._cache is not None:
            self._cache.put(digest, principal)
        return principal
