#!/usr/bin/env python3
"""Writes envoy.yaml, the Envoy config in front of Flowgate, from

- `envoy/envoy.template.yaml`: the listener, its fixed routes and filters, the clusters;
- `envoy/lua/*.lua`: the Lua filter, one file per concern (LUA_FILES), inlined in order
  after a preamble made here;
- FAMILIES below: one row per HTTP family (path prefix, name, error-body renderer, route
  options, Envoy's own replies in the family's body);
- the protos' google.api.http annotations, read from the descriptor set (`make generate`
  builds it): the transcoder's services, each family's table of routes and methods (405
  with Allow), the path variables the query may not overwrite, the routes that take every
  method;
- the settings' defaults (FLOWGATE_MAX_REQUEST_BYTES, FLOWGATE_MAX_RESPONSE_BYTES), which
  `flowgate dev` and the tests replace with their own (flowgate.envoy.render_config).

Adding a family: a row in FAMILIES and its renderer `ERROR_BODIES["<error_body>"]` in
envoy/lua/error_bodies.lua (docs/development.md).

Usage: gen_envoy.py DESCRIPTOR_SET OUTPUT [OUTPUT ...]   (each OUTPUT gets the same text)
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import yaml
from google.api import annotations_pb2, http_pb2
from google.protobuf import descriptor_pb2

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "server"))  # the settings of this tree, whatever is installed

from flowgate.config import Settings  # noqa: E402 - needs the tree's server/ on sys.path
from flowgate.envoy import envoy_response_limit  # noqa: E402 - likewise

TEMPLATE = ROOT / "envoy" / "envoy.template.yaml"
LUA_DIR = ROOT / "envoy" / "lua"
LUA_FILES = ("common.lua", "error_bodies.lua", "method_table.lua", "rewrites.lua", "shaping.lua", "main.lua")
"""The Lua filter's parts, in the order a part's names are defined before the next uses them."""

Seen = Literal["any", "path", "lua"]


@dataclass(frozen=True)
class LocalReply:
    """One kind of reply Envoy makes itself, in the family's error body.

    `status`: the reply's status; None for every status no earlier row of the family took.
    `body`: its `json_format` (Envoy's command operators: `%LOCAL_REPLY_BODY%`, `%RESPONSE_CODE%`).
    `seen_by`: how the reply is known as the family's: "any" by the request's path, its
    original path (the transcoder rewrote `:path`) or the Lua filter's family mark; "path" by
    `:path` only (the reply comes before the Lua filter ran: bodies over the limit);
    "lua" by the mark only (the Lua filter's own 405 and 431).
    `rewritten`: the Lua filter writes the body (the family renderer's `bad_request`, from the
    transcoder's text, which it never shows: it quotes the input).
    """

    status: int | None
    body: Mapping[str, Any]
    seen_by: Seen = "any"
    rewritten: bool = False


@dataclass(frozen=True)
class Family:
    """One HTTP family: the requests under `prefix`.

    `name`: the Lua filter's mark (dynamic metadata `flowgate.family`).
    `error_body`: its renderer in envoy/lua/error_bodies.lua (`ERROR_BODIES[error_body]`).
    `method_table`: a method no route of a path takes is a 405 with Allow (from its routes'
    google.api.http rules), not the transcoder's 404.
    `plus_is_space`: `+` in a query means a space (form encoding), as the transcoder would not.
    `shield_path_fields`: query parameters named like a path variable of its routes (either
    spelling) are ignored instead of overwriting it. The transcoder's list is shared by all
    families: a name listed for one is ignored in the query of every route.
    `websocket`: a path prefix proxied (upgraded) to Flowgate's WebSocket listener.
    `www_authenticate`: the `WWW-Authenticate` header of the family's 401 answers.
    `local_replies`: Envoy's own replies, in order (the first that matches is used).
    """

    name: str
    prefix: str
    error_body: str
    description: str
    method_table: bool = False
    plus_is_space: bool = False
    shield_path_fields: bool = False
    websocket: str = ""
    www_authenticate: str = ""
    local_replies: tuple[LocalReply, ...] = field(default=())


def _management_reply(code: str, detail: str = "%LOCAL_REPLY_BODY%") -> dict[str, Any]:
    return {"detail": detail, "error_code": code, "status_code": "%RESPONSE_CODE%"}


def _dify_reply(code: str, message: str = "%LOCAL_REPLY_BODY%") -> dict[str, Any]:
    return {"code": code, "message": message, "status": "%RESPONSE_CODE%"}


FAMILIES: tuple[Family, ...] = (
    Family(
        name="management",
        prefix="/api/v1/",
        error_body="management",
        description="the management API: {detail, error_code, status_code}",
        method_table=True,
        plus_is_space=True,
        websocket="/api/v1/ws/",
        local_replies=(
            LocalReply(400, _management_reply("INVALID_REQUEST"), rewritten=True),
            LocalReply(404, _management_reply("NOT_FOUND", "Not found")),
            LocalReply(413, _management_reply("PAYLOAD_TOO_LARGE")),
            LocalReply(431, _management_reply("HEADERS_TOO_LARGE"), seen_by="lua"),
            LocalReply(405, _management_reply("METHOD_NOT_ALLOWED"), seen_by="lua"),
            LocalReply(None, _management_reply("ERROR")),
        ),
    ),
    Family(
        name="released-app",
        prefix="/api/released-app/",
        error_body="released-app",
        description="the released-app run API: {error, details}",
        shield_path_fields=True,
        local_replies=(
            LocalReply(
                400,
                {"error": "Input validation failed", "details": [{"field": "body", "message": "%LOCAL_REPLY_BODY%"}]},
                rewritten=True,
            ),
            LocalReply(404, {"error": "Not found"}, seen_by="path"),
            LocalReply(413, {"error": "Request body too large"}, seen_by="path"),
            LocalReply(431, {"error": "Request headers too large"}, seen_by="lua"),
        ),
    ),
    Family(
        name="dify",
        prefix="/v1/",
        error_body="dify",
        description="Dify's Workflow App API: {code, message, status}",
        method_table=True,
        www_authenticate='Bearer realm="api"',
        local_replies=(
            LocalReply(400, _dify_reply("invalid_param"), rewritten=True),
            LocalReply(
                404,
                _dify_reply(
                    "not_found",
                    "The requested URL was not found on the server. If you entered the URL manually please check "
                    "your spelling and try again.",
                ),
            ),
            LocalReply(413, _dify_reply("request_entity_too_large", "Request body too large")),
            LocalReply(431, _dify_reply("request_header_fields_too_large", "Request headers too large"), seen_by="lua"),
            LocalReply(
                405,
                _dify_reply("method_not_allowed", "The method is not allowed for the requested URL."),
                seen_by="lua",
            ),
            LocalReply(None, _dify_reply("internal_server_error", "Internal Server Error")),
        ),
    ),
)
"""The HTTP families, one row each. Prefixes must not be prefixes of one another's routes:
a path belongs to the family with the longest prefix it starts with."""

METHOD_ORDER = ("GET", "POST", "PUT", "PATCH", "DELETE")


@dataclass(frozen=True)
class Route:
    """One google.api.http rule (a binding) of an RPC."""

    service: str  # flowgate.v1.AccountService
    method: str  # Register
    verb: str  # GET, POST, ... or the custom kind (`*`: every method)
    path: str  # /api/v1/auth/register


def routes_of(fds: descriptor_pb2.FileDescriptorSet) -> list[Route]:
    """Every HTTP binding of Flowgate's RPCs (additional bindings included), in descriptor order."""
    found: list[Route] = []
    for file in fds.file:
        if not file.package.startswith("flowgate."):
            continue
        for service in file.service:
            for method in service.method:
                rule: http_pb2.HttpRule = method.options.Extensions[annotations_pb2.http]
                for binding in (rule, *rule.additional_bindings):
                    verb = binding.WhichOneof("pattern")
                    if verb is None:
                        continue
                    if verb == "custom":
                        kind, path = binding.custom.kind, binding.custom.path
                    else:
                        kind, path = verb.upper(), getattr(binding, verb)
                    found.append(Route(f"{file.package}.{service.name}", method.name, kind, path))
    return found


def family_of(path: str, families: Iterable[Family]) -> Family | None:
    best: Family | None = None
    for family in families:
        if path.startswith(family.prefix) and (best is None or len(family.prefix) > len(best.prefix)):
            best = family
    return best


def _check(families: tuple[Family, ...], routes: list[Route]) -> None:
    names = [f.name for f in families]
    if len(set(names)) != len(names) or len({f.prefix for f in families}) != len(families):
        raise SystemExit("FAMILIES: every family needs its own name and prefix")
    renderers = set(re.findall(r'^ERROR_BODIES\["([^"]+)"\] =', (LUA_DIR / "error_bodies.lua").read_text(), re.M))
    for family in families:
        if family.error_body not in renderers:
            raise SystemExit(
                f"family {family.name}: envoy/lua/error_bodies.lua lacks ERROR_BODIES[{family.error_body!r}]"
            )
    for route in routes:
        if family_of(route.path, families) is None:
            raise SystemExit(f"{route.service}.{route.method}: {route.path} is in no family: add a row to FAMILIES")


def services(routes: list[Route]) -> list[str]:
    """The services the transcoder serves: those with an HTTP route."""
    return list(dict.fromkeys(r.service for r in routes))


_VARIABLE = re.compile(r"\{([A-Za-z_][A-Za-z0-9_.]*)(=[^}]*)?\}")


def method_table(family: Family, families: tuple[Family, ...], routes: list[Route]) -> list[tuple[str, str]]:
    """(path with `*` for each variable segment, "GET, POST") for each path of the family's
    routes, in the order the paths first appear."""
    methods: dict[str, set[str]] = {}
    for route in routes:
        if family_of(route.path, families) is not family:
            continue
        if route.verb not in METHOD_ORDER:
            raise SystemExit(f"{route.method}: a {route.verb!r} route cannot be in a method table")
        segments = []
        for segment in route.path.split("/"):
            match = _VARIABLE.fullmatch(segment)
            if match is not None and match.group(2) is None:
                segments.append("*")
            elif "{" in segment or "*" in segment or ":" in segment:
                raise SystemExit(f"{route.method}: {route.path}: only whole-segment variables in a method table")
            else:
                segments.append(segment)
        methods.setdefault("/".join(segments), set()).add(route.verb)
    return [(path, ", ".join(m for m in METHOD_ORDER if m in verbs)) for path, verbs in methods.items()]


def _camel(name: str) -> str:
    return re.sub(r"_([a-z0-9])", lambda m: m.group(1).upper(), name)


def shielded_parameters(families: tuple[Family, ...], routes: list[Route]) -> list[str]:
    """Both spellings of every path variable of the routes of the families that shield them."""
    shielding = {f.name for f in families if f.shield_path_fields}
    names: dict[str, None] = {}
    for route in routes:
        family = family_of(route.path, families)
        if family is None or family.name not in shielding:
            continue
        for variable in _VARIABLE.finditer(route.path):
            names.setdefault(_camel(variable.group(1)))
            names.setdefault(variable.group(1))
    return list(names)


def any_method_prefixes(routes: list[Route]) -> list[str]:
    """The literal start of every route that takes any method (custom kind `*`)."""
    return list(dict.fromkeys(r.path.split("{", 1)[0] for r in routes if r.verb == "*"))


# ---- rendering ----------------------------------------------------------------------------


def _lua(value: str) -> str:
    return json.dumps(value)


def lua_source(families: tuple[Family, ...], routes: list[Route]) -> str:
    rows = [
        f"  {{name = {_lua(f.name)}, prefix = {_lua(f.prefix)}, error_body = {_lua(f.error_body)},"
        f" method_table = {str(f.method_table).lower()}, plus_is_space = {str(f.plus_is_space).lower()},"
        f" www_authenticate = {_lua(f.www_authenticate) if f.www_authenticate else 'nil'}}},"
        for f in sorted(families, key=lambda f: -len(f.prefix))
    ]
    tables = []
    for family in families:
        if family.method_table:
            entries = "".join(
                f"\n    {{{_lua(path)}, {_lua(verbs)}}}," for path, verbs in method_table(family, families, routes)
            )
            tables.append(f"  [{_lua(family.name)}] = {{{entries}\n  }},")
    prefixes = ", ".join(_lua(p) for p in any_method_prefixes(routes))
    preamble = "\n".join(
        [
            "-- Written by tools/gen_envoy.py (make generate): this preamble from its family table",
            "-- and the protos' google.api.http annotations, then envoy/lua/*.lua.",
            "-- The HTTP families (longest prefix first).",
            "local FAMILIES = {",
            *rows,
            "}",
            "local FAMILY_BY_NAME = {}",
            "for _, family in ipairs(FAMILIES) do FAMILY_BY_NAME[family.name] = family end",
            "-- The routes of each family with a method table, and the methods each takes.",
            "local ROUTES = {",
            *tables,
            "}",
            "-- The routes that take every method (google.api.http custom kind `*`).",
            f"local ANY_METHOD_PREFIXES = {{{prefixes}}}",
        ]
    )
    parts = [preamble]
    for name in LUA_FILES:
        parts.append(f"-- ---- envoy/lua/{name} ----\n" + (LUA_DIR / name).read_text().rstrip("\n"))
    return "\n".join(parts) + "\n"


def _runtime_key(family: Family, status: int) -> str:
    return f"fg_{re.sub(r'[^a-z0-9]+', '_', family.name)}_{status}"


def _seen_by(family: Family, seen_by: Seen) -> dict[str, Any]:
    def header(name: str) -> dict[str, Any]:
        return {"header_filter": {"header": {"name": name, "string_match": {"prefix": family.prefix}}}}

    mark = {
        "metadata_filter": {
            "matcher": {
                "filter": "flowgate",
                "path": [{"key": "family"}],
                "value": {"string_match": {"exact": family.name}},
            },
            "match_if_key_not_found": False,
        }
    }
    if seen_by == "path":
        return header(":path")
    if seen_by == "lua":
        return mark
    return {"or_filter": {"filters": [header("x-envoy-original-path"), header(":path"), mark]}}


def local_reply_mappers(family: Family) -> list[dict[str, Any]]:
    mappers = []
    for reply in family.local_replies:
        seen = _seen_by(family, reply.seen_by)
        if reply.status is None:
            condition = seen
        else:
            status = {
                "status_code_filter": {
                    "comparison": {
                        "op": "EQ",
                        "value": {"default_value": reply.status, "runtime_key": _runtime_key(family, reply.status)},
                    }
                }
            }
            condition = {"and_filter": {"filters": [status, seen]}}
        mapper: dict[str, Any] = {"filter": condition}
        if reply.rewritten:
            mapper["headers_to_add"] = [{"header": {"key": "x-flowgate-local-reply", "value": str(reply.status)}}]
        mapper["body_format_override"] = {"json_format": dict(reply.body)}
        mappers.append(mapper)
    return mappers


def family_routes(family: Family) -> list[dict[str, Any]]:
    if not family.websocket:
        return []
    disabled = {"disabled": True}
    return [
        {
            "match": {"prefix": family.websocket},
            "route": {"cluster": "flowgate_ws", "timeout": "0s", "upgrade_configs": [{"upgrade_type": "websocket"}]},
            "typed_per_filter_config": {
                "envoy.filters.http.grpc_json_transcoder": {
                    "@type": "type.googleapis.com/envoy.config.route.v3.FilterConfig",
                    **disabled,
                },
                "envoy.filters.http.buffer": {
                    "@type": "type.googleapis.com/envoy.extensions.filters.http.buffer.v3.BufferPerRoute",
                    **disabled,
                },
                "envoy.filters.http.lua": {
                    "@type": "type.googleapis.com/envoy.extensions.filters.http.lua.v3.LuaPerRoute",
                    **disabled,
                },
            },
        }
    ]


class _Flow(dict[str, Any]):
    """A mapping of scalars, written on one line (`{ key: value }`, as the template writes them)."""


class _Dumper(yaml.SafeDumper):
    pass


_Dumper.add_representer(
    _Flow, lambda dumper, data: dumper.represent_mapping("tag:yaml.org,2002:map", data, flow_style=True)
)


def _compact(value: Any) -> Any:
    if isinstance(value, dict):
        inner = {k: _compact(v) for k, v in value.items()}
        return _Flow(inner) if all(not isinstance(v, dict | list) for v in inner.values()) else inner
    if isinstance(value, list):
        return [_compact(v) for v in value]
    return value


def _yaml(value: Any) -> str:
    dumped = yaml.dump(_compact(value), Dumper=_Dumper, sort_keys=False, default_flow_style=False, width=1000)
    return dumped.rstrip("\n")


def _blocks(families: tuple[Family, ...], make: Any, what: str) -> str:
    parts = []
    for family in families:
        items = make(family)
        if items:
            parts.append(f"# {family.name} ({family.prefix}): {what(family)}\n{_yaml(items)}")
    return "\n".join(parts) if parts else "[]"


def render(descriptor_set: Path, families: tuple[Family, ...] | None = None) -> str:
    """The text of envoy.yaml (from `families`, FAMILIES by default)."""
    families = families if families is not None else FAMILIES
    fds = descriptor_pb2.FileDescriptorSet.FromString(descriptor_set.read_bytes())
    routes = routes_of(fds)
    _check(families, routes)
    defaults = Settings.model_fields
    max_request = defaults["max_request_bytes"].default
    max_response = defaults["max_response_bytes"].default
    values = {
        "family_routes": _blocks(families, family_routes, lambda f: "its WebSocket"),
        "local_reply_mappers": _blocks(families, local_reply_mappers, lambda f: f.description),
        "lua": lua_source(families, routes),
        "services": _yaml(services(routes)),
        "ignored_query_parameters": "[" + ", ".join(shielded_parameters(families, routes)) + "]",
        "max_request_bytes": str(max_request),
        "max_response_body_size": str(envoy_response_limit(max_response)),
    }
    template = TEMPLATE.read_text()
    body = template[template.index("\nadmin:") + 1 :]  # the template's own header comment goes

    def fill(match: re.Match[str]) -> str:
        indent, name, rest = match.group(1), match.group(2), match.group(3)
        value = values[name]
        if indent.strip() == "" and rest == "":
            return "\n".join(indent + line if line else "" for line in value.rstrip("\n").split("\n"))
        return indent + value + rest

    text = re.sub(r"^(.*?)@@([a-z_]+)@@(.*)$", fill, body, flags=re.M)
    return HEADER + text


HEADER = """\
# Envoy in front of Flowgate: the documented HTTP routes (transcoded onto the gRPC
# services), native gRPC and server reflection, all on one listener.
#
# GENERATED by `make generate` (tools/gen_envoy.py) from envoy/envoy.template.yaml,
# envoy/lua/*.lua, the table of HTTP families in tools/gen_envoy.py and the protos'
# google.api.http annotations. Do not edit: change those and run `make generate`.
#
# Run from the repository root (`make run` does this for you):
#   .venv/bin/envoy -c envoy.yaml
# Ports, paths and limits below are the defaults; `flowgate dev`, `flowgate serve` and the
# test harness render a copy with their own (flowgate.envoy.render_config), from the copy
# of this file inside the package (server/flowgate/v1/envoy.yaml).
"""


def main() -> None:
    if len(sys.argv) < 3:
        raise SystemExit(__doc__)
    text = render(Path(sys.argv[1]))
    for output in sys.argv[2:]:
        Path(output).write_text(text)


if __name__ == "__main__":
    main()
