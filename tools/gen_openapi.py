#!/usr/bin/env python3
"""Writes the OpenAPI 3 document of Flowgate's HTTP routes.

Paths, methods, path/query parameters and JSON request bodies come from the
`google.api.http` annotations in the descriptor set (`make generate` builds it); the
routes that return `google.api.HttpBody` (NDJSON, SSE or one JSON document rendered by the
server) have their responses described here by hand, as generation cannot know them.

Usage: gen_openapi.py DESCRIPTOR_SET OUTPUT_JSON
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

from google.api import annotations_pb2, http_pb2
from google.protobuf import descriptor_pb2

Schema = dict[str, Any]

FD = descriptor_pb2.FieldDescriptorProto
SCALARS: dict[int, Schema] = {
    FD.TYPE_STRING: {"type": "string"},
    FD.TYPE_BOOL: {"type": "boolean"},
    FD.TYPE_DOUBLE: {"type": "number"},
    FD.TYPE_FLOAT: {"type": "number"},
    FD.TYPE_INT32: {"type": "integer", "format": "int32"},
    FD.TYPE_UINT32: {"type": "integer", "format": "int32", "minimum": 0},
    FD.TYPE_INT64: {"type": "integer", "format": "int64"},
    FD.TYPE_UINT64: {"type": "integer", "format": "int64", "minimum": 0},
}

ERROR: Schema = {
    "type": "object",
    "required": ["error"],
    "properties": {
        "error": {"type": "string"},
        "details": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["field", "message"],
                "properties": {"field": {"type": "string"}, "message": {"type": "string"}},
            },
        },
    },
}
BLOCK_OUTPUT: Schema = {
    "type": "object",
    "required": ["blockId", "blockType", "blockName", "output"],
    "properties": {
        "blockId": {"type": "string"},
        "blockType": {"type": "string"},
        "blockName": {"type": "string"},
        "output": {},
    },
}
SESSION: Schema = {
    "type": "object",
    "required": ["blockId", "blockType", "blockName", "status", "output"],
    "properties": {
        **BLOCK_OUTPUT["properties"],
        "status": {"type": "string", "enum": ["running", "completed", "failed", "skipped", "cancelled"]},
    },
}
ONE_SHOT: Schema = {
    "type": "object",
    "required": ["runId", "documentId", "globalCtx", "sessions", "duration", "status", "timedOut"],
    "properties": {
        "runId": {"type": "string"},
        "documentId": {"type": "string"},
        "globalCtx": {"type": "array", "items": {"$ref": "#/components/schemas/BlockOutput"}},
        "sessions": {"type": "array", "items": {"$ref": "#/components/schemas/BlockSession"}},
        "duration": {"type": "integer", "minimum": 0},
        "status": {"type": "string", "enum": ["success", "error", "cancelled", "running"]},
        "timedOut": {"type": "boolean"},
        "error": {"type": "string"},
    },
}
CANCEL_ACK: Schema = {
    "type": "object",
    "required": ["runId", "status"],
    "properties": {
        "runId": {"type": "string"},
        "status": {"type": "string", "enum": ["cancelling", "success", "error", "cancelled"]},
    },
}


def _error(description: str) -> Schema:
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
    }


STREAM_OK: Schema = {
    "description": "The run's events: NDJSON (default), SSE (`format: sse`), or one JSON document (`stream: false`).",
    "content": {
        "application/x-ndjson": {"schema": {"type": "string", "description": "one JSON event per line"}},
        "text/event-stream": {"schema": {"type": "string", "description": "SSE frames: id, event, data"}},
        "application/json": {"schema": {"$ref": "#/components/schemas/RunDocument"}},
    },
}
RUN_ERRORS = {
    "400": _error("Input validation failed / Endpoint has no deployment configured"),
    "401": _error("Unauthorized"),
    "402": _error("insufficient_credits"),
    "403": _error("Permission denied / Deployment ID mismatch"),
    "404": _error("Deployment, alias, version or endpoint not found"),
    "409": _error("Idempotency-Key was already used with a different request"),
    "413": _error("Request body too large"),
    "500": _error("Invalid deployment snapshot: missing content"),
}
RESPONSES: dict[str, dict[str, Schema]] = {
    "RunDeployment": {"200": STREAM_OK, **RUN_ERRORS},
    "RunDocument": {"200": STREAM_OK, **RUN_ERRORS},
    "RunRoute": {
        "200": {
            "description": "The endpoint's run, as one JSON document.",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/RunDocument"}}},
        },
        **RUN_ERRORS,
    },
    "GetReleasedRun": {
        "200": {
            "description": "The run, as one JSON document (status `running` while it runs).",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/RunDocument"}}},
        },
        "400": _error("Bad request"),
        "401": _error("Unauthorized"),
        "404": _error("Run not found"),
    },
    "CancelReleasedRun": {
        "200": {
            "description": "Acknowledged at once.",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/CancelAck"}}},
        },
        "400": _error("Bad request"),
        "401": _error("Unauthorized"),
        "404": _error("Run not found"),
    },
    "WatchReleasedRun": {
        "200": {
            "description": "Every event after `afterSeq` / `Last-Event-ID`, then the live ones.",
            "content": {
                "application/x-ndjson": {"schema": {"type": "string"}},
                "text/event-stream": {"schema": {"type": "string"}},
            },
        },
        "400": _error("Input validation failed"),
        "401": _error("Unauthorized"),
        "404": _error("Run not found, or its events are no longer kept"),
    },
}


RUN_BODY: Schema = {
    "type": "object",
    "properties": {
        "inputs": {"type": "object", "additionalProperties": True},
        "version": {"type": "string"},
        "stream": {"type": "boolean"},
        "format": {"type": "string", "enum": ["", "ndjson", "sse"]},
        "timeout": {"type": "number", "exclusiveMinimum": True, "minimum": 0, "maximum": 86400},
        "idempotencyKey": {"type": "string", "maxLength": 200},
    },
}
# Routes whose body is an HttpBody the server parses: their JSON, described by hand.
REQUEST_BODIES: dict[str, Schema] = {
    "RunDeployment": RUN_BODY,
    "RunDocument": RUN_BODY,
    "RunRoute": {"type": "object", "additionalProperties": True, "description": "the endpoint's inputs"},
}


def _json_name(field: descriptor_pb2.FieldDescriptorProto) -> str:
    return field.json_name or re.sub(r"_(\w)", lambda m: m.group(1).upper(), field.name)


# What the server accepts beyond the field's type (so valid-by-schema means accepted).
CONSTRAINTS: dict[str, Schema] = {
    "timeout": {"exclusiveMinimum": True, "minimum": 0, "maximum": 86400},
    "format": {"enum": ["", "ndjson", "sse"]},
    "idempotency_key": {"maxLength": 200},
}


ID: Schema = {"type": "string", "pattern": "^[A-Za-z0-9._~-]{1,128}$"}
"""Ids, aliases and versions: URL-safe text (what the server hands out)."""
PATH_PARAMS: dict[str, Schema] = {
    "path": {"type": "string", "pattern": "^[A-Za-z0-9._~/-]{0,500}$", "description": "may contain /"},
}


def _field_schema(field: descriptor_pb2.FieldDescriptorProto) -> Schema:
    schema = _type_schema(field)
    schema.update(CONSTRAINTS.get(field.name, {}))
    return schema


def _type_schema(field: descriptor_pb2.FieldDescriptorProto) -> Schema:
    if field.type == FD.TYPE_MESSAGE:
        if field.type_name == ".google.protobuf.Struct":
            schema: Schema = {"type": "object", "additionalProperties": True}
        else:
            schema = {"type": "object"}
    else:
        schema = dict(SCALARS.get(field.type, {"type": "string"}))
    if field.label == FD.LABEL_REPEATED:
        return {"type": "array", "items": schema}
    return schema


def _path_and_params(template: str) -> tuple[str, list[str]]:
    """`/a/{deployment_id}/b/{path=**}` → (`/a/{deployment_id}/b/{path}`, [names])."""
    names: list[str] = []

    def repl(m: re.Match[str]) -> str:
        name = m.group(1)
        names.append(name)
        return "{" + name + "}"

    return re.sub(r"\{([a-z_]+)(?:=[^}]*)?\}", repl, template), names


def build(descriptor_set: Path) -> Schema:
    fds = descriptor_pb2.FileDescriptorSet.FromString(descriptor_set.read_bytes())
    messages: dict[str, descriptor_pb2.DescriptorProto] = {}
    for file in fds.file:
        for msg in file.message_type:
            messages[f".{file.package}.{msg.name}"] = msg
    paths: dict[str, dict[str, Schema]] = {}
    for file in fds.file:
        if not file.package.startswith("flowgate."):
            continue
        for service in file.service:
            for method in service.method:
                rule: http_pb2.HttpRule = method.options.Extensions[annotations_pb2.http]
                verb = rule.WhichOneof("pattern")
                if verb is None:
                    continue
                if verb == "custom":
                    template, methods = rule.custom.path, ["get", "post", "put", "patch", "delete"]
                else:
                    template, methods = getattr(rule, verb), [verb]
                path, names = _path_and_params(template)
                request = messages[method.input_type]
                fields = {f.name: f for f in request.field}
                parameters: list[Schema] = [
                    {"name": name, "in": "path", "required": True, "schema": PATH_PARAMS.get(name, ID)}
                    for name in names
                ]
                operation: Schema = {
                    "operationId": f"{service.name}_{method.name}",
                    "tags": [service.name],
                    "summary": _summary(service.name, method.name),
                }
                if rule.body == "*":
                    body_fields = [f for f in request.field if f.name not in names]
                    operation["requestBody"] = {
                        "required": False,
                        "content": {
                            "application/json": {
                                "schema": {
                                    "type": "object",
                                    "properties": {_json_name(f): _field_schema(f) for f in body_fields},
                                }
                            }
                        },
                    }
                elif rule.body:
                    schema = REQUEST_BODIES.get(method.name, {"type": "object", "additionalProperties": True})
                    operation["requestBody"] = {"required": False, "content": {"application/json": {"schema": schema}}}
                else:
                    parameters += [
                        {"name": _json_name(f), "in": "query", "required": False, "schema": _field_schema(f)}
                        for name, f in fields.items()
                        if name not in names
                    ]
                if method.name == "WatchReleasedRun":
                    parameters.append(
                        {"name": "Last-Event-ID", "in": "header", "required": False, "schema": {"type": "string"}}
                    )
                if method.name in ("RunDeployment", "RunDocument", "RunRoute"):
                    parameters.append(
                        {"name": "Idempotency-Key", "in": "header", "required": False, "schema": {"type": "string"}}
                    )
                operation["parameters"] = parameters
                operation["responses"] = RESPONSES.get(method.name, {"200": {"description": "OK"}})
                for http_method in methods:
                    op = dict(operation)
                    if len(methods) > 1:
                        op["operationId"] = f"{operation['operationId']}_{http_method}"
                        if http_method == "get":
                            op = {k: v for k, v in op.items() if k != "requestBody"}
                    paths.setdefault(path, {})[http_method] = op
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "Flowgate HTTP API",
            "version": "1",
            "description": "Runs published AI workflow apps. Generated from the protos' google.api.http "
            "annotations; the streaming responses are described by hand.",
        },
        "servers": [{"url": "http://127.0.0.1:8080"}],
        "security": [{"bearer": []}],
        "paths": dict(sorted(paths.items())),
        "components": {
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer", "description": "wn-… API key"}},
            "schemas": {
                "Error": ERROR,
                "BlockOutput": BLOCK_OUTPUT,
                "BlockSession": SESSION,
                "RunDocument": ONE_SHOT,
                "CancelAck": CANCEL_ACK,
            },
        },
    }


def _summary(service: str, method: str) -> str:
    words = re.sub(r"(?<!^)([A-Z])", r" \1", method).lower()
    return f"{words[0].upper()}{words[1:]} ({service})"


def main() -> None:
    document = build(Path(sys.argv[1]))
    Path(sys.argv[2]).write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
