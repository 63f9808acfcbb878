"""The request nesting checks (JSON text and Struct fields) and the response limit Envoy is given."""

from __future__ import annotations

import asyncio
import json
import threading
from pathlib import Path
from typing import Any

import yaml
from google.protobuf import struct_pb2
from hypothesis import given, settings
from hypothesis import strategies as st

from flowgate.api.context import OFF_LOOP_BYTES, off_loop
from flowgate.api.limits import struct_too_deep
from flowgate.config import Settings
from flowgate.dialects.json_limits import json_too_deep
from flowgate.dialects.released_app import parse_run_body
from flowgate.envoy import envoy_response_limit, render_config
from flowgate.v1 import execution_management_service_pb2, workflow_management_service_pb2, workflow_pb2

ROOT = Path(__file__).resolve().parent.parent.parent

# Strings that look like nesting but are not: brackets, quotes and backslashes inside strings.
TRICKY = st.sampled_from(list('[]{}"\\üx\u2028'))


def nested(depth: int, kinds: list[bool], leaf: Any) -> Any:
    """A JSON value exactly `depth` levels deep: objects (True) or arrays (False) by level."""
    value = leaf
    for i in range(depth):
        value = {"k": value, "s": "]]}}"} if kinds[i % len(kinds)] else [value, "[[{{"]
    return value


def depth_of(value: Any) -> int:
    if isinstance(value, dict):
        return 1 + max((depth_of(v) for v in value.values()), default=0)
    if isinstance(value, list):
        return 1 + max((depth_of(v) for v in value), default=0)
    return 0


@settings(max_examples=300, deadline=None)
@given(
    depth=st.integers(min_value=0, max_value=80),
    limit=st.integers(min_value=1, max_value=40),
    kinds=st.lists(st.booleans(), min_size=1, max_size=5),
    leaf=st.one_of(st.integers(), st.text(alphabet=TRICKY, max_size=8), st.none(), st.just({}), st.just([])),
    compact=st.booleans(),
)
def test_the_json_depth_check_accepts_up_to_the_limit_and_refuses_deeper(
    depth: int, limit: int, kinds: list[bool], leaf: Any, compact: bool
) -> None:
    value = nested(depth, kinds, leaf)
    text = json.dumps(value, separators=(",", ":") if compact else None, ensure_ascii=not compact)
    assert json_too_deep(text.encode(), limit) == (depth_of(value) > limit)


@settings(max_examples=200, deadline=None)
@given(
    value=st.recursive(
        st.one_of(st.integers(), st.text(alphabet=TRICKY, max_size=5)),
        lambda inner: st.one_of(
            st.lists(inner, max_size=3), st.dictionaries(st.text(alphabet=TRICKY, max_size=3), inner, max_size=3)
        ),
        max_leaves=30,
    ),
    limit=st.integers(min_value=1, max_value=8),
)
def test_the_json_depth_check_agrees_with_the_parsed_depth_of_any_value(value: Any, limit: int) -> None:
    assert json_too_deep(json.dumps(value).encode(), limit) == (depth_of(value) > limit)


def test_the_json_depth_check_takes_text_that_is_not_json() -> None:
    for junk in [b"", b"]]]][[[[", b'"unterminated [[[[', b"\xff\xfe[[", b"{" * 10_000]:
        json_too_deep(junk, 32)  # an answer, no error: the parser says what is wrong
    assert json_too_deep(b"[" * 10_000 + b"]" * 10_000, 32)
    assert not json_too_deep(b'"' + b"[" * 10_000 + b'"', 32)


def _struct(value: dict[str, Any]) -> struct_pb2.Struct:
    out = struct_pb2.Struct()
    out.update(value)
    return out


@settings(max_examples=60, deadline=None)
@given(depth=st.integers(min_value=1, max_value=30), kinds=st.lists(st.booleans(), min_size=1, max_size=4))
def test_struct_fields_at_any_depth_of_a_request_are_held_to_the_limit(depth: int, kinds: list[bool]) -> None:
    limit = 12
    inputs = _struct({"x": nested(depth - 1, kinds, 1)})  # the Struct itself is one level
    request = execution_management_service_pb2.ExecuteWorkflowRequest(workflow_id="w", input_data=inputs)
    assert struct_too_deep(request, limit) == ("input_data" if depth > limit else None)
    node = workflow_pb2.Node(id="n", type="transform", data=inputs)
    create = workflow_management_service_pb2.CreateManagedWorkflowRequest(name="w", nodes=[node])
    assert struct_too_deep(create, limit) == ("data" if depth > limit else None)


def test_envoy_is_given_the_servers_response_limit() -> None:
    rendered = render_config(
        ROOT / "envoy.yaml",
        http_host="127.0.0.1",
        http_port=1,
        grpc_host="127.0.0.1",
        grpc_port=2,
        admin_port=3,
        max_response_bytes=123_456,
    )
    filters = rendered["static_resources"]["listeners"][0]["filter_chains"][0]["filters"][0]["typed_config"]
    transcoder = next(f for f in filters["http_filters"] if f["name"] == "envoy.filters.http.grpc_json_transcoder")
    assert transcoder["typed_config"]["max_response_body_size"] == envoy_response_limit(123_456)
    # The generated file (make run) carries the default's value.
    written = yaml.safe_load((ROOT / "envoy.yaml").read_text())
    filters = written["static_resources"]["listeners"][0]["filter_chains"][0]["filters"][0]["typed_config"]
    transcoder = next(f for f in filters["http_filters"] if f["name"] == "envoy.filters.http.grpc_json_transcoder")
    default = Settings(_env_file=None).max_response_bytes
    assert transcoder["typed_config"]["max_response_body_size"] == envoy_response_limit(default)


def test_large_run_bodies_are_checked_and_parsed_off_the_event_loop() -> None:
    seen: list[int] = []

    def parse(data: bytes, depth: int) -> Any:
        seen.append(threading.get_ident())
        return parse_run_body(data, depth)

    async def both() -> int:
        small = json.dumps({"inputs": {"text": "a"}}).encode()
        large = json.dumps({"inputs": {"text": "a" * OFF_LOOP_BYTES}}).encode()
        assert (await off_loop(parse, small, 32)).inputs == {"text": "a"}
        assert (await off_loop(parse, large, 32)).inputs["text"] == "a" * OFF_LOOP_BYTES
        return threading.get_ident()

    loop_thread = asyncio.run(both())
    assert seen[0] == loop_thread
    assert seen[1] != loop_thread
