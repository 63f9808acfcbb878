"""http: calls an HTTP API through the outbound HTTP service (which checks every target).

Config fields are templates with `{references}`; in a JSON body (and in `params` and
form bodies) a string that is one lone `{reference}` keeps its value's type. Output:
`{"status", "headers", "body", "truncated"}` — `body` is parsed JSON when the response
says it is JSON (and parses), else text. See docs/blocks/http.md.
"""

from __future__ import annotations

import json
import re
from http import HTTPStatus
from typing import Any, ClassVar, Literal
from urllib.parse import urlencode, urlsplit, urlunsplit

from pydantic import Field, ValidationInfo, field_validator

from flowgate.domain.models import JSONValue
from flowgate.engine import templates
from flowgate.engine.blocks.base import BlockConfig, BlockContext, BlockFailed
from flowgate.engine.references import REFERENCE, as_text
from flowgate.engine.services import HttpError, HttpRequest, HttpResponse

_HEADER_NAME = re.compile(r"[!#$%&'*+\-.^_`|~0-9A-Za-z]+")
_RESERVED_HEADERS = frozenset(
    {"host", "content-length", "transfer-encoding", "connection", "keep-alive", "upgrade", "te", "trailer", "expect"}
)
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")
_CONTENT_TYPES = {
    "json": "application/json",
    "text": "text/plain; charset=utf-8",
    "form": "application/x-www-form-urlencoded",
}


def _compile(source: str) -> str:
    try:
        templates.compile_template(source)
    except templates.TemplateError as exc:
        raise ValueError(str(exc)) from None
    return source


def _compile_leaves(value: Any) -> None:
    if isinstance(value, str):
        _compile(value)
    elif isinstance(value, dict):
        for item in value.values():
            _compile_leaves(item)
    elif isinstance(value, list):
        for item in value:
            _compile_leaves(item)


class HttpConfig(BlockConfig):
    method: Literal["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD"] = "GET"
    url: str = Field(min_length=1)
    """http(s) URL; a template (`https://api.example.com/users/{inputs.user_id}`)."""
    headers: dict[str, str] = Field(default_factory=dict)
    """Header name → value template."""
    params: dict[str, str] = Field(default_factory=dict)
    """Query parameters (URL-encoded, appended to the URL's own): name → value template;
    a lone `{reference}` to a list repeats the parameter, to null leaves it out."""
    body: str | dict[str, Any] | list[Any] | None = None
    """A template string, or (json, form) an object whose string leaves are templates."""
    body_type: Literal["json", "text", "form"] = "json"
    request_timeout_seconds: float = Field(default=30.0, gt=0, le=600)
    """The whole request (redirects included); the service caps it."""
    max_response_bytes: int = Field(default=1_000_000, gt=0, le=100_000_000)
    """A longer response body is cut (`truncated: true`); the service caps it."""
    fail_on_status: bool = True
    """True: a final status outside 200-299 fails the block ("HTTP 404 Not Found from
    host"); False: the block succeeds and the output carries the status."""

    @field_validator("method", mode="before")
    @classmethod
    def _upper(cls, value: object) -> object:
        return value.strip().upper() if isinstance(value, str) else value

    @field_validator("url")
    @classmethod
    def _url(cls, value: str) -> str:
        _compile(value)
        text = value.strip()
        scheme = _SCHEME.match(text)
        if scheme is not None and scheme.group(1).lower() not in ("http", "https"):
            raise ValueError("only http:// and https:// URLs are allowed")
        if scheme is None and not text.startswith("{"):
            raise ValueError("must start with http:// or https:// (or a {reference} to a URL)")
        return value

    @field_validator("headers")
    @classmethod
    def _headers(cls, value: dict[str, str]) -> dict[str, str]:
        for name, source in value.items():
            if not _HEADER_NAME.fullmatch(name):
                raise ValueError(f"invalid header name {name!r}")
            if name.lower() in _RESERVED_HEADERS:
                raise ValueError(f"header {name!r} is set by the HTTP client")
            _compile(source)
        return value

    @field_validator("params")
    @classmethod
    def _params(cls, value: dict[str, str]) -> dict[str, str]:
        for name, source in value.items():
            if not name:
                raise ValueError("a query parameter needs a name")
            _compile(source)
        return value

    @field_validator("body")
    @classmethod
    def _body(cls, value: Any) -> Any:
        _compile_leaves(value)
        return value

    @field_validator("body_type")
    @classmethod
    def _body_type(cls, value: str, info: ValidationInfo) -> str:
        body = info.data.get("body")
        if value == "text" and body is not None and not isinstance(body, str):
            raise ValueError("body_type 'text' needs a string body")
        if value == "form" and body is not None:
            if not isinstance(body, dict):
                raise ValueError("body_type 'form' needs an object body (field → value)")
            for key, item in body.items():
                if isinstance(item, dict) or (isinstance(item, list) and any(isinstance(i, dict | list) for i in item)):
                    raise ValueError(f"form field {key!r}: a value must be text, a number, a boolean or a list of them")
        return value


class HttpBlock:
    name: ClassVar[str] = "http"
    config_model: ClassVar[type[BlockConfig]] = HttpConfig

    async def run(self, ctx: BlockContext) -> JSONValue:
        config: HttpConfig = ctx.config
        service = ctx.services.http
        if service is None:
            raise BlockFailed("outbound HTTP is not available on this server (no HTTP service configured)")
        url = ctx.render(config.url).strip()
        query: list[tuple[str, str]] = []
        for name, source in config.params.items():
            query.extend((name, text) for text in _texts(_value(ctx, source)))
        if query:
            url = _with_query(url, query)
        headers = {name: ctx.render(source) for name, source in config.headers.items()}
        body = _body(ctx, config)
        if body is not None and not any(k.lower() == "content-type" for k in headers):
            headers["Content-Type"] = _CONTENT_TYPES[config.body_type]
        request = HttpRequest(
            method=config.method,
            url=url,
            headers=headers,
            body=body,
            timeout_seconds=config.request_timeout_seconds,
            max_response_bytes=config.max_response_bytes,
        )
        try:
            response = await service.fetch(request)
        except HttpError as exc:
            raise BlockFailed(str(exc)) from None
        if config.fail_on_status and not 200 <= response.status < 300:
            raise BlockFailed(f"HTTP {_status_text(response.status)} from {_host(url)}")
        return {
            "status": response.status,
            "headers": dict(response.headers),
            "body": _decoded(response),
            "truncated": response.truncated,
        }


def _value(ctx: BlockContext, source: str) -> JSONValue:
    """A lone `{reference}` keeps its value's type; anything else renders as text."""
    ref = REFERENCE.fullmatch(source.strip())
    return ctx.resolve(ref.group(1)) if ref else ctx.render(source)


def _texts(value: JSONValue) -> list[str]:
    """A query/form value as the texts to send: null → none, a list → one per item."""
    if value is None:
        return []
    if isinstance(value, list):
        return [as_text(v) for v in value if v is not None]
    return [as_text(value)]


def _json_leaves(ctx: BlockContext, value: Any) -> JSONValue:
    if isinstance(value, str):
        return _value(ctx, value)
    if isinstance(value, dict):
        return {k: _json_leaves(ctx, v) for k, v in value.items()}
    if isinstance(value, list):
        return [_json_leaves(ctx, v) for v in value]
    return value


def _body(ctx: BlockContext, config: HttpConfig) -> bytes | None:
    body = config.body
    if body is None:
        return None
    if config.body_type == "form":
        if not isinstance(body, dict):
            raise TypeError("a form body is an object")
        pairs = [(k, text) for k, v in body.items() for text in _texts(_json_leaves(ctx, v))]
        return urlencode(pairs).encode()
    if config.body_type == "text":
        if not isinstance(body, str):
            raise TypeError("a text body is a string")
        return ctx.render(body).encode()
    if isinstance(body, str):
        if REFERENCE.fullmatch(body.strip()):
            return _dumps(_value(ctx, body))
        text = ctx.render(body)
        try:
            json.loads(text)
        except ValueError as exc:
            raise BlockFailed(
                f"body is not valid JSON after rendering ({exc}); use an object body to build JSON safely"
            ) from None
        return text.encode()
    return _dumps(_json_leaves(ctx, body))


def _dumps(value: JSONValue) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()


def _with_query(url: str, query: list[tuple[str, str]]) -> str:
    try:
        parts = urlsplit(url)
    except ValueError:
        raise BlockFailed("invalid URL") from None
    extra = urlencode(query)
    return urlunsplit(parts._replace(query=f"{parts.query}&{extra}" if parts.query else extra))


def _host(url: str) -> str:
    try:
        return urlsplit(url).hostname or "the server"
    except ValueError:
        return "the server"


def _status_text(status: int) -> str:
    try:
        return f"{status} {HTTPStatus(status).phrase}"
    except ValueError:
        return str(status)


def _decoded(response: HttpResponse) -> JSONValue:
    """Parsed JSON when the response says it is JSON and parses; else text."""
    content_type = response.headers.get("content-type", "")
    media, _, params = content_type.partition(";")
    media = media.strip().lower()
    charset = "utf-8"
    for param in params.split(";"):
        key, _, val = param.strip().partition("=")
        if key.lower() == "charset" and val:
            charset = val.strip().strip('"')
    try:
        text = response.body.decode(charset, "replace")
    except LookupError:
        text = response.body.decode("utf-8", "replace")
    if media == "application/json" or media.endswith("+json"):
        try:
            parsed: JSONValue = json.loads(text)
        except ValueError:
            return text
        return parsed
    return text
