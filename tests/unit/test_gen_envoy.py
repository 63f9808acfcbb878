"""tools/gen_envoy.py: envoy.yaml from the family table, envoy/ and the protos' http rules."""

from __future__ import annotations

import dataclasses
import importlib.util
import re
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import yaml
from google.protobuf import descriptor_pb2

from flowgate.config import Settings
from flowgate.envoy import CONFIG, envoy_response_limit, render_config
from tests.harness import ROOT

DESCRIPTOR = ROOT / "server" / "flowgate" / "v1" / "flowgate.binpb"


def _load_generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("gen_envoy", ROOT / "tools" / "gen_envoy.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # (its dataclasses look their module up)
    spec.loader.exec_module(module)
    return module


gen = _load_generator()


def _routes() -> list[Any]:
    routes: list[Any] = gen.routes_of(descriptor_pb2.FileDescriptorSet.FromString(DESCRIPTOR.read_bytes()))
    return routes


def _http_filters(config: dict[str, Any]) -> dict[str, dict[str, Any]]:
    chain = config["static_resources"]["listeners"][0]["filter_chains"][0]
    return {f["name"]: f["typed_config"] for f in chain["filters"][0]["typed_config"]["http_filters"]}


def _lua(config: dict[str, Any]) -> str:
    code: str = _http_filters(config)["envoy.filters.http.lua"]["default_source_code"]["inline_string"]
    return code


def test_the_committed_config_is_the_packaged_one() -> None:
    assert (ROOT / "envoy.yaml").read_bytes() == CONFIG.read_bytes()
    assert (ROOT / "envoy.yaml").read_text() == gen.render(DESCRIPTOR)


def test_the_transcoder_serves_every_service_with_http_routes() -> None:
    transcoder = _http_filters(yaml.safe_load(CONFIG.read_text()))["envoy.filters.http.grpc_json_transcoder"]
    assert set(transcoder["services"]) == {
        "flowgate.v1.ReleasedAppService",
        "flowgate.v1.AccountService",
        "flowgate.v1.WorkflowManagementService",
        "flowgate.v1.DifyService",
        "flowgate.v1.ExecutionManagementService",
        "flowgate.v1.DataSourceService",
    }
    assert set(transcoder["services"]) == {r.service for r in _routes()}


def test_path_variables_of_the_released_app_routes_cannot_come_from_the_query() -> None:
    transcoder = _http_filters(yaml.safe_load(CONFIG.read_text()))["envoy.filters.http.grpc_json_transcoder"]
    assert set(transcoder["ignored_query_parameters"]) == {
        "deploymentId",
        "deployment_id",
        "documentId",
        "document_id",
        "runId",
        "run_id",
        "alias",
        "version",
        "path",
    }


def test_every_lua_file_is_in_the_filter_in_order() -> None:
    code = _lua(yaml.safe_load(CONFIG.read_text()))
    positions = [code.index((ROOT / "envoy" / "lua" / name).read_text().rstrip("\n")) for name in gen.LUA_FILES]
    assert positions == sorted(positions)
    assert set(gen.LUA_FILES) == {p.name for p in (ROOT / "envoy" / "lua").glob("*.lua")}
    assert 'local ANY_METHOD_PREFIXES = {"/api/released-app/r/"}' in code


def test_the_method_table_is_the_protos_routes() -> None:
    management = next(f for f in gen.FAMILIES if f.name == "management")
    table = dict(gen.method_table(management, gen.FAMILIES, _routes()))
    assert table["/api/v1/workflows/*"] == "GET, PUT, DELETE"
    assert table["/api/v1/teams/*/members/*"] == "DELETE"
    expected: dict[str, set[str]] = {}
    for route in _routes():
        if route.path.startswith("/api/v1/"):
            expected.setdefault(re.sub(r"\{[a-z_]+\}", "*", route.path), set()).add(route.verb)
    assert {path: set(verbs.split(", ")) for path, verbs in table.items()} == expected
    code = _lua(yaml.safe_load(CONFIG.read_text()))
    assert dict(re.findall(r'\{"(/api/v1/[^"]*)", "([A-Z, ]+)"\}', code)) == table


def test_a_new_family_is_one_row(tmp_path: Path) -> None:
    """A row (with a renderer error_bodies.lua has) gives the family its Lua entry and its
    local replies; nothing else is written by hand."""
    row = gen.Family(
        name="sim",
        prefix="/api/workflows/",
        error_body="management",
        description="Sim: {error}",
        method_table=False,
        local_replies=(gen.LocalReply(404, {"error": "Workflow not found"}),),
    )
    text = gen.render(DESCRIPTOR, (*gen.FAMILIES, row))
    config = yaml.safe_load(text)
    assert '{name = "sim", prefix = "/api/workflows/", error_body = "management"' in _lua(config)
    mappers = config["static_resources"]["listeners"][0]["filter_chains"][0]["filters"][0]["typed_config"][
        "local_reply_config"
    ]["mappers"]
    sim = [m for m in mappers if m["body_format_override"]["json_format"].get("error") == "Workflow not found"]
    assert len(sim) == 1
    seen = sim[0]["filter"]["and_filter"]["filters"][1]["or_filter"]["filters"]
    assert seen[1] == {"header_filter": {"header": {"name": ":path", "string_match": {"prefix": "/api/workflows/"}}}}
    assert seen[2]["metadata_filter"]["matcher"]["value"] == {"string_match": {"exact": "sim"}}


def test_the_table_must_cover_every_route_and_name_a_renderer() -> None:
    without_released_app = tuple(f for f in gen.FAMILIES if f.name != "released-app")
    with pytest.raises(SystemExit, match=r"ReleasedAppService.*add a row to FAMILIES"):
        gen.render(DESCRIPTOR, without_released_app)
    unknown = dataclasses.replace(gen.FAMILIES[0], error_body="nobody")
    with pytest.raises(SystemExit, match="lacks ERROR_BODIES"):
        gen.render(DESCRIPTOR, (unknown, *gen.FAMILIES[1:]))


def test_request_limits_come_from_the_settings() -> None:
    default = Settings(_env_file=None)
    written = _http_filters(yaml.safe_load(CONFIG.read_text()))
    assert written["envoy.filters.http.buffer"]["max_request_bytes"] == default.max_request_bytes
    transcoder = written["envoy.filters.http.grpc_json_transcoder"]
    assert transcoder["max_request_body_size"] == default.max_request_bytes
    assert transcoder["max_response_body_size"] == envoy_response_limit(default.max_response_bytes)
    rendered = _http_filters(
        render_config(
            http_host="127.0.0.1",
            http_port=1,
            grpc_host="127.0.0.1",
            grpc_port=2,
            admin_port=3,
            max_request_bytes=65_536,
        )
    )
    assert rendered["envoy.filters.http.buffer"]["max_request_bytes"] == 65_536
    assert rendered["envoy.filters.http.grpc_json_transcoder"]["max_request_body_size"] == 65_536
