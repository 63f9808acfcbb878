"""Signed access tokens (JWT, HS256) for the management API, and the keys derived from
the installation's secret."""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import time
from dataclasses import dataclass
from pathlib import Path

import jwt

from flowgate.domain.errors import Unauthenticated
from flowgate.files import private_dir, private_file

ISSUER = "flowgate"


def derive_key(master: bytes, label: str) -> bytes:
    """A 32-byte key for one purpose (`label`) from the installation's secret."""
    return hmac.new(master, label.encode(), hashlib.sha256).digest()


def load_or_create_secret(path: Path) -> bytes:
    """The secret kept in `path` (created, mode 0600 in a 0700 directory, on first use;
    an existing one readable by others is tightened)."""
    private_dir(path.parent)
    if path.exists():
        private_file(path)
        return bytes.fromhex(path.read_text().strip())
    tmp = path.with_name(f"{path.name}.{secrets.token_hex(4)}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o600)  # never readable by others
    with os.fdopen(fd, "w") as f:
        f.write(secrets.token_bytes(32).hex())
    try:
        os.link(tmp, path)  # the first of concurrent starters wins; the others read its key
    except FileExistsError:
        pass
    except OSError:  # a file system without hard links
        if not path.exists():
            tmp.rename(path)
    finally:
        tmp.unlink(missing_ok=True)
    return bytes.fromhex(path.read_text().strip())


@dataclass(frozen=True, slots=True)
class AccessToken:
    token: str
    expires_in: int


class TokenSigner:
    """Issues and verifies access tokens: `sub` is the user id, `exp` the expiry."""

    def __init__(self, key: bytes, ttl_seconds: int, max_cached: int = 10_000) -> None:
        self._key = key
        self._ttl = ttl_seconds
        self._max_cached = max_cached
        self._verified: dict[str, tuple[str, float]] = {}
        """token → (user id, expiry): a token verified once is not decoded again until it expires."""

    def issue(self, user_id: str, now: float | None = None) -> AccessToken:
        issued = int(now if now is not None else time.time())
        claims = {"sub": user_id, "iat": issued, "exp": issued + self._ttl, "iss": ISSUER, "typ": "access"}
        return AccessToken(jwt.encode(claims, self._key, algorithm="HS256"), self._ttl)

    def verify(self, token: str) -> str:
        """The user id of a valid, unexpired token; Unauthenticated otherwise."""
        known = self._verified.get(token)
        if known is not None:
            if known[1] > time.time():
                return known[0]
            del self._verified[token]
        return self._decode(token)

    def _decode(self, token: str) -> str:
        try:
            claims = jwt.decode(
                token,
                self._key,
                algorithms=["HS256"],
                issuer=ISSUER,
                options={"require": ["sub", "exp", "iat"]},
            )
        except jwt.ExpiredSignatureError as exc:
            raise Unauthenticated("Token has expired") from exc
        except jwt.PyJWTError as exc:
            raise Unauthenticated("Could not validate credentials") from exc
        if claims.get("typ") != "access" or not isinstance(claims.get("sub"), str):
            raise Unauthenticated("Could not validate credentials")
        if len(self._verified) >= self._max_cached:
            self._verified.clear()
        self._verified[token] = (str(claims["sub"]), float(claims["exp"]))
        return str(claims["sub"])
