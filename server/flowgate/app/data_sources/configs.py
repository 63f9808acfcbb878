"""Data-source config models (validated on create and update; bad input is a 422 naming
`config.<key>`) and the sealing of their secrets."""

from __future__ import annotations

import base64
import json
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any, ClassVar, Literal
from urllib.parse import urlsplit

from cryptography.fernet import Fernet
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    StrictFloat,
    StrictInt,
    ValidationError,
    field_validator,
    model_validator,
)

from flowgate.app.data_sources.base import DataSourceUnavailable
from flowgate.domain.errors import FieldViolation, ValidationFailed
from flowgate.domain.models import DataSource, DataSourceType, JSONValue
from flowgate.engine.network import parse_ip

SECRET_KEYS = ("password", "api_key", "token", "headers")
"""Config keys kept encrypted and never shown."""
MAX_REPORTED = 20
"""Config problems named in an error (errors travel in gRPC metadata, which is bounded)."""

_HOST = re.compile(r"[A-Za-z0-9_](?:[A-Za-z0-9_.-]{0,252})")
_HEADER_NAME = re.compile(r"[!#$%&'*+\-.^_`|~0-9A-Za-z]+")
_SEGMENT = re.compile(r"[^.]+")


class _Config(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class SqlConfig(_Config):
    default_port: ClassVar[int] = 0
    host: str = Field(min_length=1, max_length=253)
    port: StrictInt = Field(default=0, ge=0, le=65535)  # not `true` or "5"
    database: str = Field(min_length=1, max_length=128)
    username: str = Field(min_length=1, max_length=128)
    password: str = Field(default="", max_length=1024)
    ssl: StrictBool | Literal["disable", "require", "verify-full"] = False

    @field_validator("host")
    @classmethod
    def _host(cls, value: str) -> str:
        value = value.strip()
        if parse_ip(value) is None and not _HOST.fullmatch(value):
            raise ValueError("a host name or IP address (no sockets, paths or ports)")
        return value

    @property
    def effective_port(self) -> int:
        return self.port or self.default_port


class MySqlConfig(SqlConfig):
    default_port: ClassVar[int] = 3306


class PostgresConfig(SqlConfig):
    default_port: ClassVar[int] = 5432


class ApiConfig(_Config):
    base_url: str = Field(min_length=1, max_length=2048)
    headers: dict[str, str] = Field(default_factory=dict)
    api_key: str = Field(default="", max_length=4096)
    api_key_header: str = Field(default="X-API-Key", min_length=1, max_length=128)
    token: str = Field(default="", max_length=8192)
    timeout: StrictFloat | StrictInt = Field(default=30.0, gt=0, le=300)
    rows_path: str = Field(default="", max_length=512)

    @field_validator("base_url")
    @classmethod
    def _base_url(cls, value: str) -> str:
        value = value.strip()
        try:
            parts = urlsplit(value)
        except ValueError:
            raise ValueError("not a valid URL") from None
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError("an http:// or https:// URL with a host")
        if parts.username or parts.password:
            raise ValueError("no credentials in the URL (use token, api_key or headers)")
        if parts.fragment:
            raise ValueError("no #fragment")
        return value

    @field_validator("headers", "api_key_header")
    @classmethod
    def _header_names(cls, value: Any) -> Any:
        for name in value if isinstance(value, dict) else [value]:
            if not _HEADER_NAME.fullmatch(name):
                raise ValueError(f"invalid header name {name[:64]!r}")
        return value


class JsonConfig(_Config):
    path: str | None = Field(default=None, max_length=1024)
    data: JSONValue = None

    @field_validator("path")
    @classmethod
    def _path(cls, value: str | None) -> str | None:
        if value is None:
            return None
        value = value.strip()
        pure = Path(value)
        if not value or pure.is_absolute() or value.startswith(("/", "\\", "~")) or "\x00" in value:
            raise ValueError("a file path relative to the server's data_source_json_dir")
        if any(part == ".." for part in re.split(r"[\\/]", value)):
            raise ValueError("'..' is not allowed: the file must be inside the server's data_source_json_dir")
        return value

    @model_validator(mode="after")
    def _one(self) -> JsonConfig:
        if (self.path is None) == (self.data is None):
            raise ValueError("give either path (a file) or data (the document itself)")
        return self


CONFIG_MODELS: dict[DataSourceType, type[_Config]] = {
    DataSourceType.MYSQL: MySqlConfig,
    DataSourceType.POSTGRESQL: PostgresConfig,
    DataSourceType.API: ApiConfig,
    DataSourceType.JSON: JsonConfig,
}


def validate_config(kind: DataSourceType, config: Mapping[str, JSONValue]) -> _Config:
    """The typed config, or a 422 naming each bad `config.<key>`."""
    try:
        return CONFIG_MODELS[kind].model_validate(dict(config))
    except ValidationError as exc:
        problems = []
        errors = exc.errors()
        for error in errors[:MAX_REPORTED]:
            where = ".".join(str(p) for p in error["loc"])
            message = str(error["msg"]).removeprefix("Value error, ")
            if error["type"] == "extra_forbidden":
                message = f"unknown key for a {kind.value} data source"
            problems.append(FieldViolation(f"config.{where}" if where else "config", message))
        more = len(errors) - len(problems)
        message = "; ".join(f"{p.field}: {p.message}" for p in problems) + (f"; and {more} more" if more else "")
        raise ValidationFailed(message, violations=problems) from None


def _split(config: _Config) -> tuple[dict[str, JSONValue], dict[str, JSONValue]]:
    """(non-secret keys, secret keys) of a validated config, as given (defaults left out)."""
    values: dict[str, JSONValue] = config.model_dump(mode="json", exclude_unset=True)
    public = {k: v for k, v in values.items() if k not in SECRET_KEYS}
    secret = {k: v for k, v in values.items() if k in SECRET_KEYS and v not in ("", {}, None)}
    return public, secret


def public_config(source: DataSource) -> dict[str, JSONValue]:
    """What callers see: the non-secret keys, and `<key>_set: true` for each stored secret."""
    shown = dict(source.config)
    for key in SECRET_KEYS:
        if key in source.secrets:
            shown[f"{key}_set"] = True
    return shown


class SecretBox:
    """Fernet (AES-128-CBC + HMAC-SHA256) over a 32-byte key derived from the installation secret."""

    def __init__(self, key: bytes) -> None:
        if len(key) != 32:
            raise ValueError("the data-source key must have 32 bytes")
        self._fernet = Fernet(base64.urlsafe_b64encode(key))

    def seal(self, secrets: Mapping[str, JSONValue]) -> str:
        if not secrets:
            return ""
        return self._fernet.encrypt(json.dumps(dict(secrets), separators=(",", ":")).encode()).decode("ascii")

    def open(self, sealed: str) -> dict[str, JSONValue]:
        """The secrets; raises InvalidToken when they were sealed under another key."""
        if not sealed:
            return {}
        value = json.loads(self._fernet.decrypt(sealed.encode("ascii")))
        return value if isinstance(value, dict) else {}


def _typed(source: DataSource) -> _Config:
    """The stored config (with its secrets), typed. Never shows pydantic's message: it
    would quote the values, secrets included."""
    try:
        return CONFIG_MODELS[source.type].model_validate({**source.config, **source.secrets})
    except ValidationError:
        raise DataSourceUnavailable("the stored config is not valid any more; update the data source") from None


def _without_markers(config: Mapping[str, JSONValue]) -> dict[str, JSONValue]:
    """`config` without the `<secret>_set` markers answers carry (callers may send them back)."""
    markers = {f"{k}_set" for k in SECRET_KEYS}
    return {k: v for k, v in config.items() if k not in markers}
