"""The management API's part of the OpenAPI document (tools/gen_openapi.py): every route
of the protos, answers unwrapped as the servers unwrap them, 201 for the create RPCs,
snake_case fields, and Envoy's table of methods per path in step with the document."""

from __future__ import annotations

import importlib.util
import re
import sys
from types import ModuleType
from typing import Any

import pytest
from google.api import annotations_pb2
from google.protobuf import descriptor_pb2

from flowgate.api.http_answer import answer_metadata
from tests.harness import ROOT

DESCRIPTOR = ROOT / "server" / "flowgate" / "v1" / "flowgate.binpb"
RELEASED_APP_SCHEMAS = {"Error", "BlockOutput", "BlockSession", "RunDocument", "CancelAck"}
"""The released-app family's schemas (camelCase, described by hand)."""
CREATED = {
    "Register",
    "CreateTeam",
    "AddTeamMember",
    "CreateTeamApiKey",
    "CreateTeamAppKey",
    "CreateManagedWorkflow",
    "CreateWorkflowFromTemplate",
    "ImportWorkflow",
    "ExecuteWorkflow",
    "CreateExecution",
    "CreateDataSource",
}
"""The create RPCs: they answer 201 Created over HTTP."""


def _load_generator(name: str = "gen_openapi") -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, ROOT / "tools" / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # (its dataclasses look their module up)
    spec.loader.exec_module(module)
    return module


gen = _load_generator()
envoy_gen = _load_generator("gen_envoy")


@pytest.fixture(scope="module")
def document() -> dict[str, Any]:
    built: dict[str, Any] = gen.build(DESCRIPTOR)
    return built


def _descriptors() -> descriptor_pb2.FileDescriptorSet:
    return descriptor_pb2.FileDescriptorSet.FromString(DESCRIPTOR.read_bytes())


def _messages() -> dict[str, descriptor_pb2.DescriptorProto]:
    return {f".{f.package}.{m.name}": m for f in _descriptors().file for m in f.message_type}


def _management_routes() -> list[tuple[str, str, str, descriptor_pb2.MethodDescriptorProto]]:
    """(service, path template, verb, method) of every HTTP route of the management services."""
    routes = []
    for file in _descriptors().file:
        if file.package != "flowgate.v1":
            continue
        for service in file.service:
            if service.name not in gen.MANAGEMENT_SERVICES:
                continue
            for method in service.method:
                rule = method.options.Extensions[annotations_pb2.http]
                verb = rule.WhichOneof("pattern")
                if verb is None:
                    continue
                path = re.sub(r"\{([a-z_]+)(?:=[^}]*)?\}", r"{\1}", getattr(rule, verb))
                routes.append((service.name, path, verb, method))
    return routes


def _resolve(document: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        schema = document["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
    return schema


def test_every_management_route_of_the_protos_is_in_the_document(document: dict[str, Any]) -> None:
    routes = _management_routes()
    assert len(routes) > 40
    for service, path, verb, method in routes:
        assert path.startswith("/api/v1/"), path
        operation = document["paths"][path][verb]
        assert operation["operationId"] == f"{service}_{method.name}"
    documented = {
        (path, verb) for path, item in document["paths"].items() if path.startswith("/api/v1/") for verb in item
    }
    assert documented == {(path, verb) for _, path, verb, _ in routes}


def _answers() -> dict[tuple[str, str], tuple[str, int]]:
    answers: dict[tuple[str, str], tuple[str, int]] = gen.http_answers(_descriptors())
    return answers


def _answer_of_response(response: str) -> tuple[str, int]:
    """The declared answer of the management RPC that returns `response`."""
    for service, _, _, method in _management_routes():
        if method.output_type == f".flowgate.v1.{response}":
            return _answers().get((service, method.name), ("", 0))
    raise AssertionError(f"no management RPC returns {response}")


@pytest.mark.parametrize(
    ("response", "field"),
    [
        ("ListManagedWorkflowsResponse", "workflows"),
        ("GetManagedWorkflowResponse", "workflow"),
        ("ListTeamApiKeysResponse", "api_keys"),
        ("QueryDataSourceResponse", None),  # several fields: the whole message
        ("ListExecutionLogsResponse", None),
        ("DeleteManagedWorkflowResponse", None),  # one scalar field: the whole message
        ("LoginResponse", None),
    ],
)
def test_unwrap_rule(response: str, field: str | None) -> None:
    found = gen.unwrapped_field(_messages()[f".flowgate.v1.{response}"], _answer_of_response(response))
    assert (found.name if found is not None else None) == field


def test_answers_are_unwrapped_as_documented(document: dict[str, Any]) -> None:
    workflows = document["paths"]["/api/v1/workflows"]
    listed = workflows["get"]["responses"]["200"]["content"]["application/json"]["schema"]
    assert listed == {"type": "array", "items": {"$ref": "#/components/schemas/ManagedWorkflow"}}
    created = workflows["post"]["responses"]["201"]["content"]["application/json"]["schema"]
    assert created == {"$ref": "#/components/schemas/ManagedWorkflow"}
    deleted = document["paths"]["/api/v1/workflows/{workflow_id}"]["delete"]["responses"]["200"]
    message = _resolve(document, deleted["content"]["application/json"]["schema"])
    assert message["properties"] == {"message": {"type": "string"}}
    assert message["required"] == ["message"]
    logs = document["paths"]["/api/v1/execution-logs/executions/{execution_id}"]["get"]["responses"]["200"]
    assert set(_resolve(document, logs["content"]["application/json"]["schema"])["required"]) == {
        "logs",
        "total",
        "skip",
        "limit",
    }


def _shape_rule(message: descriptor_pb2.DescriptorProto) -> str | None:
    """The rule the services' comments state: a response whose only field is a message or a
    list answers with that field's value alone."""
    if len(message.field) != 1:
        return None
    field = message.field[0]
    repeated = field.label == descriptor_pb2.FieldDescriptorProto.LABEL_REPEATED
    return field.name if repeated or field.type == descriptor_pb2.FieldDescriptorProto.TYPE_MESSAGE else None


def test_the_declared_answers_follow_the_rule_and_are_what_the_servers_send(document: dict[str, Any]) -> None:
    """Every management RPC's `http_answer` option: unwraps by the stated rule, 201 for the
    create RPCs; the document and the server's initial metadata (x-unwrap, x-http-status)
    both come from it."""
    messages = _messages()
    answers = _answers()
    for service, path, verb, method in _management_routes():
        answer = answers.get((service, method.name), ("", 0))
        field = gen.unwrapped_field(messages[method.output_type], answer)
        assert (field.name if field is not None else None) == _shape_rule(messages[method.output_type]), method.name
        status = gen.success_status(answer)
        assert status == ("201" if method.name in CREATED else "200"), method.name
        assert status in document["paths"][path][verb]["responses"], method.name
        expected = ((("x-unwrap", answer[0]),) if answer[0] else ()) + (
            (("x-http-status", status),) if status != "200" else ()
        )
        assert answer_metadata(f"/flowgate.v1.{service}/{method.name}") == expected, method.name


def test_parameters_and_bodies_use_proto_field_names(document: dict[str, Any]) -> None:
    for path, item in document["paths"].items():
        if not path.startswith("/api/v1/"):
            continue
        for operation in item.values():
            for parameter in operation["parameters"]:
                if parameter["in"] in ("query", "path"):
                    assert re.fullmatch(r"[a-z][a-z0-9_]*", parameter["name"]), (path, parameter["name"])
            for status, answer in operation["responses"].items():
                assert answer["content"]["application/json"], (path, status)
                if status.startswith(("4", "5")):
                    schema = answer["content"]["application/json"]["schema"]
                    assert schema == {"$ref": "#/components/schemas/ManagementError"}
    for name, schema in document["components"]["schemas"].items():
        for prop in schema.get("properties", {}):
            assert not re.search(r"[A-Z]", prop) or name in RELEASED_APP_SCHEMAS, (name, prop)


def test_login_takes_a_form(document: dict[str, Any]) -> None:
    login = document["paths"]["/api/v1/auth/login"]["post"]
    assert login["security"] == []
    form = login["requestBody"]["content"]["application/x-www-form-urlencoded"]["schema"]
    assert form["required"] == ["username", "password"]
    assert "application/json" in login["requestBody"]["content"]


def test_envoy_knows_the_methods_of_every_management_path(document: dict[str, Any]) -> None:
    """The management family's method table (405 with Allow) that tools/gen_envoy.py builds
    from the protos lists exactly the document's routes."""
    fds = descriptor_pb2.FileDescriptorSet.FromString(DESCRIPTOR.read_bytes())
    management = next(f for f in envoy_gen.FAMILIES if f.name == "management")
    table = dict(envoy_gen.method_table(management, envoy_gen.FAMILIES, envoy_gen.routes_of(fds)))
    documented = {
        re.sub(r"\{[a-z_]+\}", "*", path): ", ".join(
            m.upper() for m in ("get", "post", "put", "patch", "delete") if m in item
        )
        for path, item in document["paths"].items()
        if path.startswith("/api/v1/")
    }
    assert table == documented
