#!/usr/bin/env python3
"""Writes the OpenAPI 3 document of Flowgate's HTTP routes.

Paths, methods, path/query parameters and JSON request bodies come from the
`google.api.http` annotations in the descriptor set (`make generate` builds it); the
routes that return `google.api.HttpBody` (NDJSON, SSE or one JSON document rendered by the
server) have their responses described here by hand, as generation cannot know them.

Two families share the document (the Dify family, `/v1/...`, is Dify's API, whose
reference and SDKs are Dify's own: it is left out, OUTSIDE_THE_DOCUMENT; docs/api/dify.md):

- the released-app routes (`/api/released-app/...`): camelCase JSON, bodies rendered by
  the server, errors `{"error", "details"}`, described as above;
- the management API (`/api/v1/...`, the services in MANAGEMENT_SERVICES): everything is
  generated from the messages, as Envoy transcodes them (`preserve_proto_field_names`,
  `always_print_primitive_fields`):

  * query parameters and JSON bodies use the proto field names (snake_case; Envoy also
    takes the camelCase spelling), typed from the messages (one component per message,
    `<Message>Input` for the shape a request takes, with the rules the server enforces
    from INPUT_RULES, so a schema-valid request is accepted; Envoy ignores unknown fields
    but one named "", so request objects allow additional properties with a name; JSON null
    reads as absent, so the fields a request can go without are nullable);
  * every field of an answer is printed, so every property is required; int32 are JSON
    numbers, strings may be "" and timestamps are `YYYY-MM-DDTHH:MM:SS` or "";
  * each answer's body and status are what the method's `flowgate.v1.http_answer` option
    declares (proto/flowgate/v1/http_answer.proto, read by `http_answers`; the servers send
    it per call, Envoy's Lua filter applies it): `unwrap` names the response field whose
    value alone is the body (`ListManagedWorkflowsResponse{workflows}` is a JSON array,
    `GetManagedWorkflowResponse{workflow}` the object), else the body is the whole message;
    `status` is the answer's status (201 for the create RPCs), else 200;
  * errors are `{"detail", "error_code", "status_code"}` (`ManagementError`) with the
    statuses of `management_errors`: the server's (dialects/status.py HTTP_STATUS) and Envoy's
    own (malformed JSON or query values 400, bodies over 4 MiB 413, see envoy.yaml's
    local_reply_config).

Usage: gen_openapi.py DESCRIPTOR_SET OUTPUT_JSON
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from google.api import annotations_pb2, http_pb2
from google.protobuf import descriptor_pb2, descriptor_pool, message_factory

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


# ---- the management API (`/api/v1/...`) -------------------------------------------------

OUTSIDE_THE_DOCUMENT = frozenset({"DifyService"})
"""Services whose routes the document leaves out."""

MANAGEMENT_SERVICES = frozenset(
    {"AccountService", "WorkflowManagementService", "ExecutionManagementService", "DataSourceService"}
)
MANAGEMENT_PREFIX = "/api/v1/"

ANONYMOUS = frozenset({"Register", "Login"})
"""Management RPCs that take no credentials."""

TEAM_SCOPED = frozenset({"WorkflowManagementService", "ExecutionManagementService", "DataSourceService"})
"""Services whose calls act in a team the caller may pick with `X-Team-Id`."""

MANAGEMENT_ERROR: Schema = {
    "type": "object",
    "required": ["detail", "error_code", "status_code"],
    "properties": {
        "detail": {"type": "string"},
        "error_code": {"type": "string"},
        "status_code": {"type": "integer"},
    },
}

TIMESTAMP: Schema = {
    "type": "string",
    "pattern": r"^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})?$",
    "description": "UTC, `YYYY-MM-DDTHH:MM:SS`, or empty when absent",
}
INT32_MIN, INT32_MAX = -(2**31), 2**31 - 1

WORKFLOW_STATUSES = ["draft", "published", "running", "stopped"]
EXECUTION_STATUSES = ["pending", "running", "completed", "failed", "cancelled"]
LOG_LEVELS = ["debug", "info", "warn", "error"]
DATA_SOURCE_TYPES = ["mysql", "postgresql", "api", "json"]
DATA_SOURCE_STATUSES = ["active", "error"]

WHITE_SPACE = r"\t\n\v\f\r \x1c-\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
"""What Python's str.strip() removes, spelled out (regex engines disagree on `\\s`)."""
NOT_BLANK = f"[^{WHITE_SPACE}]"
NAME: Schema = {"type": "string", "minLength": 1, "maxLength": 200, "pattern": NOT_BLANK}
"""A name: 1-200 characters, not only white space (the server strips it)."""
DESCRIPTION: Schema = {"type": "string", "maxLength": 10000}
GRAPH_NODES: Schema = {"description": "at most 500 blocks (FLOWGATE_MAX_GRAPH_NODES), ids unique"}
GRAPH_EDGES: Schema = {"description": "at most 2000 edges"}
"""(The limits count the blocks the server gets, after null items and nested lists are
read: `maxItems` cannot say that.)"""
SKIP: Schema = {"minimum": 0}
LIMIT: Schema = {"minimum": 1, "maximum": 100}

# What the servers accept beyond the fields' types, per message and field (request side):
# a request valid by the schema is accepted, one that is not is refused. `required`
# lists the fields without which the server refuses the request.
INPUT_RULES: dict[str, dict[str, Schema]] = {
    "RegisterRequest": {
        "username": {"pattern": f"^[{WHITE_SPACE}]*[A-Za-z0-9_.\\-]{{3,50}}[{WHITE_SPACE}]*$"},
        "email": {"format": "email", "maxLength": 320},
        "password": {"minLength": 8, "maxLength": 256},
        "required": {"fields": ["username", "email", "password"]},
    },
    "ListUsersRequest": {"skip": SKIP, "limit": LIMIT},
    "UpdateUserRoleRequest": {"role": {"enum": ["admin", "user"]}, "required": {"fields": ["role"]}},
    "CreateTeamRequest": {"name": NAME, "required": {"fields": ["name"]}},
    "AddTeamMemberRequest": {
        "username": {"pattern": NOT_BLANK},
        "role": {"enum": ["", "member", "owner"]},
        "required": {"fields": ["username"]},
    },
    "CreateTeamApiKeyRequest": {"name": NAME, "required": {"fields": ["name"]}},
    "ListManagedWorkflowsRequest": {
        "skip": SKIP,
        "limit": LIMIT,
        "status": {"enum": ["", *WORKFLOW_STATUSES]},
        "sort_by": {"enum": ["", "name", "created_at", "updated_at"]},
        "sort_order": {"enum": ["", "asc", "desc"]},
    },
    "CreateManagedWorkflowRequest": {
        "name": NAME,
        "description": DESCRIPTION,
        "nodes": GRAPH_NODES,
        "edges": GRAPH_EDGES,
        "required": {"fields": ["name"]},
    },
    "Node": {
        "id": {"minLength": 1, "maxLength": 200},
        "type": {"minLength": 1},
        "required": {"fields": ["id", "type"]},
    },
    "CreateWorkflowFromTemplateRequest": {
        "name": {"maxLength": 200, "pattern": f"^$|{NOT_BLANK}", "description": "default: the template's"},
        "description": {**DESCRIPTION, "description": "default: the template's"},
    },
    "ImportWorkflowRequest": {"required": {"fields": ["workflow"]}},
    "WorkflowExport": {
        "name": NAME,
        "description": DESCRIPTION,
        "nodes": GRAPH_NODES,
        "edges": GRAPH_EDGES,
        "required": {"fields": ["name"]},
    },
    "UpdateManagedWorkflowRequest": {
        "name": NAME,
        "description": DESCRIPTION,
        "nodes": GRAPH_NODES,
        "edges": GRAPH_EDGES,
        "status": {"enum": WORKFLOW_STATUSES},
    },
    "GetWorkflowVersionRequest": {"version": {"minimum": 1}},
    "RollbackWorkflowVersionRequest": {"version": {"minimum": 1}},
    "CreateExecutionRequest": {"workflow_id": {"pattern": NOT_BLANK}, "required": {"fields": ["workflow_id"]}},
    "ListExecutionsRequest": {"skip": SKIP, "limit": LIMIT, "status": {"enum": ["", *EXECUTION_STATUSES]}},
    "ListExecutionLogsRequest": {
        "skip": SKIP,
        "limit": {"minimum": 1, "maximum": 1000},
        "level": {"enum": ["", *LOG_LEVELS]},
    },
    "ListDataSourcesRequest": {
        "skip": SKIP,
        "limit": LIMIT,
        "type": {"enum": ["", *DATA_SOURCE_TYPES]},
        "status": {"enum": ["", *DATA_SOURCE_STATUSES]},
    },
    "UpdateDataSourceRequest": {
        "name": NAME,
        "description": DESCRIPTION,
        "config": {"description": "config keys to change (null removes one); checked against the source's type"},
    },
    "QueryDataSourceRequest": {"limit": {"minimum": 1}},
}
LOOSE_INPUTS: dict[tuple[str, str], str] = {
    ("ValidateManagedWorkflowRequest", "nodes"): "NodeUnchecked",
}
"""Request fields whose messages the server takes without the rules of INPUT_RULES
(validation reports every problem of a graph rather than refusing it)."""

# Response side: what the strings hold (enums, timestamps), per message and field.
OUTPUT_RULES: dict[str, dict[str, Schema]] = {
    "User": {"role": {"enum": ["admin", "user"]}},
    "CurrentUser": {"role": {"enum": ["admin", "user"]}},
    "Team": {"role": {"enum": ["owner", "member"]}},
    "TeamMember": {"role": {"enum": ["owner", "member"]}},
    "LoginResponse": {"token_type": {"enum": ["bearer"]}, "expires_in": {"minimum": 0}},
    "ManagedWorkflow": {"status": {"enum": WORKFLOW_STATUSES}},
    "ExecutionTicket": {"status": {"enum": EXECUTION_STATUSES}},
    "WorkflowExecution": {"status": {"enum": EXECUTION_STATUSES}},
    "ExecutionStatus": {"status": {"enum": EXECUTION_STATUSES}, "progress": {"minimum": 0, "maximum": 100}},
    "ExecutionLog": {"level": {"enum": LOG_LEVELS}},
    "DataSource": {"type": {"enum": DATA_SOURCE_TYPES}, "status": {"enum": DATA_SOURCE_STATUSES}},
    "TestDataSourceResponse": {"status": {"enum": ["success", "failed"]}},
}

_HEADER_NAME = r"^[!#$%&'*+.^_`|~0-9A-Za-z\-]+$"
SQL_CONFIG: Schema = {
    "type": "object",
    "additionalProperties": False,
    "required": ["host", "database", "username"],
    "properties": {
        "host": {
            "type": "string",
            "minLength": 1,
            "maxLength": 253,
            "pattern": r"^[A-Za-z0-9_][A-Za-z0-9_.\-]{0,252}$",
            "description": "a host name or IP address (no port)",
        },
        "port": {"type": "integer", "minimum": 0, "maximum": 65535, "description": "0: the default port"},
        "database": {"type": "string", "minLength": 1, "maxLength": 128},
        "username": {"type": "string", "minLength": 1, "maxLength": 128},
        "password": {"type": "string", "maxLength": 1024, "description": "stored encrypted, never shown"},
        "ssl": {"anyOf": [{"type": "boolean"}, {"type": "string", "enum": ["disable", "require", "verify-full"]}]},
    },
}
DATA_SOURCE_CONFIGS: dict[str, Schema] = {
    "SqlDataSourceConfig": SQL_CONFIG,
    "ApiDataSourceConfig": {
        "type": "object",
        "additionalProperties": False,
        "required": ["base_url"],
        "properties": {
            "base_url": {
                "type": "string",
                "maxLength": 2048,
                "pattern": r"^https?://[A-Za-z0-9][A-Za-z0-9.\-]{0,200}(:[0-9]{1,4})?(/[A-Za-z0-9._~/\-]*)?$",
            },
            "headers": {
                "type": "object",
                "additionalProperties": False,
                "patternProperties": {_HEADER_NAME: {"type": "string"}},
                "description": "header name (an HTTP token) to value, sent with every request; stored "
                "encrypted, never shown",
            },
            "api_key": {"type": "string", "maxLength": 4096, "description": "stored encrypted, never shown"},
            "api_key_header": {"type": "string", "minLength": 1, "maxLength": 128, "pattern": _HEADER_NAME},
            "token": {"type": "string", "maxLength": 8192, "description": "stored encrypted, never shown"},
            "timeout": {"type": "number", "exclusiveMinimum": True, "minimum": 0, "maximum": 300},
            "rows_path": {"type": "string", "maxLength": 512},
        },
    },
    "JsonDataSourceConfig": {
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "path": {
                "type": "string",
                "maxLength": 1024,
                "pattern": r"^[A-Za-z0-9_\-]+(/[A-Za-z0-9_\-]+)*(\.[A-Za-z0-9]+)?$",
                "description": "a file relative to the server's data_source_json_dir",
            },
            "data": {
                "anyOf": [
                    {"type": "object", "additionalProperties": True},
                    {"type": "array", "items": {}},
                    {"type": "string"},
                    {"type": "number"},
                    {"type": "boolean"},
                ],
                "description": "the document itself",
            },
        },
        "oneOf": [{"required": ["path"]}, {"required": ["data"]}],
    },
}
DATA_SOURCE_CONFIG_OF_TYPE = {
    "mysql": "SqlDataSourceConfig",
    "postgresql": "SqlDataSourceConfig",
    "api": "ApiDataSourceConfig",
    "json": "JsonDataSourceConfig",
}

# Statuses each management RPC can answer besides 400 (Envoy: malformed JSON or query
# values), 401/403 (every RPC that authenticates), 500 and the success status; see
# `management_errors`.
EXTRA_ERRORS: dict[str, dict[int, str]] = {
    "Register": {
        400: "Username or e-mail already registered",
        403: "Registration is closed on this server",
        422: "A field is missing or malformed",
    },
    "Login": {
        401: "Incorrect username or password",
        422: "username or password missing, or the body too large",
        429: "Too many failed sign-ins for this user name: try again later",
    },
    "ListUsers": {422: "skip or limit out of range"},
    "UpdateUserRole": {404: "User not found", 422: "role is not admin or user"},
    "CreateTeam": {400: "Team name already taken", 422: "name is not 1-200 characters"},
    "ListTeamMembers": {404: "Team not found"},
    "AddTeamMember": {
        400: "Already a member",
        404: "Team or user not found",
        422: "role is not owner or member",
    },
    "RemoveTeamMember": {400: "A personal team's user, or a team's last owner", 404: "Team or member not found"},
    "ListTeamApiKeys": {404: "Team not found"},
    "CreateTeamApiKey": {404: "Team not found", 422: "name is not 1-200 characters"},
    "RevokeTeamApiKey": {404: "Team or key not found"},
    "ListTeamAppKeys": {404: "Team not found"},
    "CreateTeamAppKey": {404: "Team or app not found", 422: "document_id missing, or name over 200 characters"},
    "RevokeTeamAppKey": {404: "Team or app key not found"},
    "ListManagedWorkflows": {422: "skip, limit, status, sort_by or sort_order out of range"},
    "CreateManagedWorkflow": {422: "A field is missing or out of range (name, size limits, block ids)"},
    "ValidateManagedWorkflow": {},
    "ListWorkflowTemplates": {},
    "CreateWorkflowFromTemplate": {404: "Template not found", 422: "name or description out of range"},
    "ImportWorkflow": {422: "A field is missing or out of range (name, size limits, block ids)"},
    "GetManagedWorkflow": {404: "Workflow not found"},
    "UpdateManagedWorkflow": {404: "Workflow not found", 422: "A field is out of range"},
    "DeleteManagedWorkflow": {404: "Workflow not found"},
    "ExportWorkflow": {404: "Workflow not found"},
    "ListWorkflowVersions": {404: "Workflow not found"},
    "GetWorkflowVersion": {404: "Workflow or version not found"},
    "RollbackWorkflowVersion": {404: "Workflow or version not found"},
    "ExecuteWorkflow": {
        400: "The workflow cannot run, or the inputs do not satisfy its start block",
        404: "Workflow not found",
        422: "workflow_id is missing",
    },
    "CreateExecution": {
        400: "The workflow cannot run, or the inputs do not satisfy its start block",
        404: "Workflow not found",
        422: "workflow_id is missing",
    },
    "ListExecutions": {422: "skip, limit or status out of range"},
    "GetExecution": {404: "Execution not found"},
    "GetExecutionStatus": {404: "Execution not found"},
    "CancelExecution": {404: "Execution not found"},
    "ListExecutionLogs": {404: "Execution not found", 422: "skip, limit or level out of range"},
    "GetExecutionLogSummary": {404: "Execution not found"},
    "ListDataSources": {422: "skip, limit, type or status out of range"},
    "CreateDataSource": {422: "A field or config key is missing or out of range"},
    "GetDataSource": {404: "Data source not found"},
    "UpdateDataSource": {
        404: "Data source not found",
        422: "A field or config key is out of range",
        503: "The stored credentials cannot be read",
    },
    "DeleteDataSource": {404: "Data source not found"},
    "TestDataSource": {404: "Data source not found"},
    "QueryDataSource": {
        400: "Not a read-only query, refused by the source, or a bad api/json path",
        404: "Data source not found",
        422: "An empty SQL query, or limit below 1",
        429: "The query timed out, or the response or file is too large",
        503: "The source cannot be reached",
    },
}


def _message_error(description: str) -> Schema:
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ManagementError"}}},
    }


HTTP_ANSWER = "flowgate.v1.http_answer"
"""The method option that declares an answer's unwrapped field and status."""


def http_answers(fds: descriptor_pb2.FileDescriptorSet) -> dict[tuple[str, str], tuple[str, int]]:
    """(service, method) → (the field whose value alone is the HTTP body, "" for the whole
    message; the HTTP status, 0 for 200) of every method with an `http_answer` option,
    read from the descriptor set itself (its own pool: no generated module needed)."""
    pool = descriptor_pool.DescriptorPool()
    for file in fds.file:
        pool.Add(file)
    classes = message_factory.GetMessageClassesForFiles([f.name for f in fds.file], pool)
    options_of = classes["google.protobuf.MethodOptions"]
    extension = pool.FindExtensionByName(HTTP_ANSWER)
    answers: dict[tuple[str, str], tuple[str, int]] = {}
    for file in fds.file:
        for service in file.service:
            for method in service.method:
                options = options_of.FromString(method.options.SerializeToString())
                if options.HasExtension(extension):
                    answer = options.Extensions[extension]
                    answers[(service.name, method.name)] = (answer.unwrap, answer.status)
    return answers


def unwrapped_field(
    response: descriptor_pb2.DescriptorProto, answer: tuple[str, int]
) -> descriptor_pb2.FieldDescriptorProto | None:
    """The response field whose value alone is the HTTP body (`answer`'s unwrap), or None
    when the body is the whole message."""
    if not answer[0]:
        return None
    for field in response.field:
        if field.name == answer[0]:
            return field
    raise SystemExit(f"{response.name}: http_answer unwraps {answer[0]!r}, which it does not have")


def success_status(answer: tuple[str, int]) -> str:
    """The HTTP status of a management RPC's answer: the declared one, else 200."""
    return str(answer[1] or 200)


def management_errors(service: str, method: str, *, has_body: bool) -> dict[str, Schema]:
    """The error answers of a management RPC (all in the family's body)."""
    statuses: dict[int, str] = {
        400: "Malformed JSON or query values (Envoy), or a request that cannot be done",
        500: "Internal error",
    }
    if method not in ANONYMOUS:
        statuses[401] = "Missing, invalid or expired credentials"
        statuses[403] = (
            "Signed-in users only (not an API key), or not allowed"
            if service == "AccountService"
            else "Not a member of the chosen team (X-Team-Id), or the API key is another team's"
        )
    if has_body:
        statuses[413] = "Request body too large"
    for status, description in EXTRA_ERRORS.get(method, {}).items():
        statuses[status] = f"{statuses[status]} / {description}" if status == 400 else description
    return {str(status): _message_error(statuses[status]) for status in sorted(statuses)}


UNKNOWN_FIELDS: Schema = {"additionalProperties": False, "patternProperties": {r"[\s\S]": {}}}
"""A request object's other fields: Envoy ignores unknown fields, whatever their value, but
refuses one named "" (400): any property with a name is allowed."""


def _nullable(schema: Schema) -> Schema:
    """A request field that may also be JSON null (the transcoder reads null as absent, and
    drops null items of a list)."""
    if "$ref" in schema:
        return {"allOf": [schema], "nullable": True}
    schema = {**schema, "nullable": True}
    if "enum" in schema:
        schema["enum"] = [*schema["enum"], None]
    if schema.get("type") == "array":
        schema["items"] = _nullable(schema["items"])
    return schema


class _Components:
    """Builds the management components: `<Message>` (answers), `<Message>Input` (requests)."""

    def __init__(self, messages: dict[str, descriptor_pb2.DescriptorProto]) -> None:
        self.messages = messages
        self.schemas: dict[str, Schema] = {"ManagementError": MANAGEMENT_ERROR, **DATA_SOURCE_CONFIGS}

    @staticmethod
    def ref(name: str) -> Schema:
        return {"$ref": f"#/components/schemas/{name}"}

    @staticmethod
    def _well_known(type_name: str) -> Schema | None:
        if type_name == ".google.protobuf.Struct":
            return {"type": "object", "additionalProperties": True}
        if type_name == ".google.protobuf.Value":
            return {"description": "any JSON value, null included"}
        return None

    # -- answers ------------------------------------------------------------------------------

    def output(self, type_name: str) -> Schema:
        """A reference to the answer schema of a message (built on first use)."""
        known = self._well_known(type_name)
        if known is not None:
            return known
        message = self.messages[type_name]
        if message.name not in self.schemas:
            self.schemas[message.name] = {}  # placeholder against recursion
            rules = OUTPUT_RULES.get(message.name, {})
            self.schemas[message.name] = {
                "type": "object",
                "required": [f.name for f in message.field],
                "properties": {f.name: self.output_field(f, rules.get(f.name, {})) for f in message.field},
            }
        return self.ref(message.name)

    def output_field(self, field: descriptor_pb2.FieldDescriptorProto, rule: Schema) -> Schema:
        if field.type == FD.TYPE_MESSAGE:
            schema = self.output(field.type_name)
        elif field.type in (FD.TYPE_INT64, FD.TYPE_UINT64, FD.TYPE_SINT64, FD.TYPE_FIXED64, FD.TYPE_SFIXED64):
            schema = {"type": "string", "pattern": r"^-?[0-9]+$"}  # proto3 JSON prints 64-bit ints as strings
        elif field.type == FD.TYPE_STRING and (field.name.endswith("_at") or field.name == "timestamp"):
            schema = dict(TIMESTAMP)
        else:
            schema = {"type": SCALARS.get(field.type, {"type": "string"})["type"]}
        schema = {**schema, **rule} if "$ref" not in schema else schema
        if field.label == FD.LABEL_REPEATED:
            return {"type": "array", "items": schema}
        return schema

    # -- requests -----------------------------------------------------------------------------

    def input_object(self, message: descriptor_pb2.DescriptorProto, skip: Iterable[str] = ()) -> Schema:
        """The request shape of a message's fields but `skip` (the path-bound ones)."""
        rules = INPUT_RULES.get(message.name, {})
        skipped = set(skip)
        fields = [f for f in message.field if f.name not in skipped]
        required = [name for name in rules.get("required", {}).get("fields", []) if name not in skipped]
        properties = {}
        for f in fields:
            field_schema = self.input_field(message.name, f, rules.get(f.name, {}))
            properties[f.name] = field_schema if f.name in required else _nullable(field_schema)
        schema: Schema = {"type": "object", "properties": properties, **UNKNOWN_FIELDS}
        if required:
            schema["required"] = required
        return schema

    def input(self, type_name: str, *, checked: bool = True) -> Schema:
        known = self._well_known(type_name)
        if known is not None:
            return known
        message = self.messages[type_name]
        name = f"{message.name}Input" if checked else f"{message.name}Unchecked"
        if name not in self.schemas:
            self.schemas[name] = {}
            if checked:
                self.schemas[name] = self.input_object(message)
            else:
                self.schemas[name] = {
                    "type": "object",
                    "properties": {f.name: _nullable(self.input_field("", f, {})) for f in message.field},
                    **UNKNOWN_FIELDS,
                }
        return self.ref(name)

    def input_list(self, type_name: str, *, checked: bool) -> Schema:
        """A repeated message field as the transcoder reads it: its items, null items
        (dropped) and nested lists (flattened: `[[a], b]` is `[a, b]`)."""
        item = self.input(type_name, checked=checked)
        name = item["$ref"].rsplit("/", 1)[1] + "List"
        if name not in self.schemas:
            self.schemas[name] = {
                "type": "array",
                "description": "null items are dropped and nested lists flattened",
                "items": {"anyOf": [item, self.ref(name)], "nullable": True},
            }
        return {"anyOf": [self.ref(name), item], "description": "a list, or one item alone"}

    def input_field(self, owner: str, field: descriptor_pb2.FieldDescriptorProto, rule: Schema) -> Schema:
        loose = LOOSE_INPUTS.get((owner, field.name))
        if field.type == FD.TYPE_MESSAGE and field.label == FD.LABEL_REPEATED:
            return {**self.input_list(field.type_name, checked=loose is None), **rule}
        if field.type == FD.TYPE_MESSAGE:
            schema = self.input(field.type_name, checked=loose is None)
        else:
            schema = dict(SCALARS.get(field.type, {"type": "string"}))
            if field.type == FD.TYPE_INT32:
                schema.update({"minimum": INT32_MIN, "maximum": INT32_MAX})
            schema.pop("format", None)
        if field.label == FD.LABEL_REPEATED:
            return {"type": "array", "items": schema, **rule}
        if "$ref" in schema:
            return {**schema} if not rule else {"allOf": [schema], **rule}
        return {**schema, **rule}

    def input_scalar(self, owner: str, field: descriptor_pb2.FieldDescriptorProto) -> Schema:
        """A path or query parameter's schema."""
        return self.input_field(owner, field, INPUT_RULES.get(owner, {}).get(field.name, {}))


LOGIN_FORM: Schema = {
    "type": "object",
    "required": ["username", "password"],
    "properties": {
        "username": {"type": "string", "minLength": 1, "maxLength": 256},
        "password": {"type": "string", "minLength": 1, "maxLength": 256},
    },
}


def _create_data_source_body(components: _Components) -> Schema:
    """CreateDataSource's body: the config's shape depends on `type`."""
    branches = []
    for kind, config in DATA_SOURCE_CONFIG_OF_TYPE.items():
        branches.append(
            {
                "type": "object",
                "required": ["name", "type", "config"],
                "properties": {
                    "name": NAME,
                    "type": {"type": "string", "enum": [kind]},
                    "description": _nullable(DESCRIPTION),
                    "config": components.ref(config),
                },
                **UNKNOWN_FIELDS,
            }
        )
    return {"oneOf": branches}


def management_operation(
    service: descriptor_pb2.ServiceDescriptorProto,
    method: descriptor_pb2.MethodDescriptorProto,
    rule: http_pb2.HttpRule,
    path_names: list[str],
    messages: dict[str, descriptor_pb2.DescriptorProto],
    components: _Components,
    answer: tuple[str, int],
) -> Schema:
    """One management operation; `answer`: the method's (unwrap, status), see http_answers."""
    request = messages[method.input_type]
    response = messages[method.output_type]
    fields = {f.name: f for f in request.field}
    parameters: list[Schema] = []
    for name in path_names:
        field = fields[name]
        schema = dict(ID) if field.type == FD.TYPE_STRING else components.input_scalar(request.name, field)
        parameters.append({"name": name, "in": "path", "required": True, "schema": schema})
    operation: Schema = {
        "operationId": f"{service.name}_{method.name}",
        "tags": [service.name],
        "summary": _summary(service.name, method.name),
    }
    if method.name in ANONYMOUS:
        operation["security"] = []
    has_body = bool(rule.body)
    if method.name == "Login":
        operation["requestBody"] = {
            "required": True,
            "content": {
                "application/x-www-form-urlencoded": {"schema": LOGIN_FORM},
                "application/json": {"schema": LOGIN_FORM},
            },
        }
    elif method.name == "CreateDataSource":
        operation["requestBody"] = {
            "required": True,
            "content": {"application/json": {"schema": _create_data_source_body(components)}},
        }
    elif rule.body == "*":
        body = components.input_object(request, skip=path_names)
        operation["requestBody"] = {
            "required": bool(body.get("required")),
            "content": {"application/json": {"schema": body}},
        }
    elif rule.body:
        raise SystemExit(f"{method.name}: a management body other than `*` is not supported")
    else:
        for field in request.field:
            if field.name in path_names:
                continue
            if field.type == FD.TYPE_MESSAGE or field.label == FD.LABEL_REPEATED:
                raise SystemExit(f"{method.name}: message or repeated query parameter {field.name}")
            parameters.append(
                {
                    "name": field.name,
                    "in": "query",
                    "required": False,
                    "schema": components.input_scalar(request.name, field),
                }
            )
    if service.name in TEAM_SCOPED:
        parameters.append(
            {
                "name": "X-Team-Id",
                "in": "header",
                "required": False,
                "description": "the user's team to act in (default: the personal team; an API key acts in its own)",
                "schema": {"type": "string"},
            }
        )
    operation["parameters"] = parameters
    unwrap = unwrapped_field(response, answer)
    body_schema = components.output(method.output_type) if unwrap is None else components.output_field(unwrap, {})
    status = success_status(answer)
    operation["responses"] = {
        status: {
            "description": "Created" if status == "201" else "OK",
            "content": {"application/json": {"schema": body_schema}},
        },
        **management_errors(service.name, method.name, has_body=has_body),
    }
    return operation


def build(descriptor_set: Path) -> Schema:
    fds = descriptor_pb2.FileDescriptorSet.FromString(descriptor_set.read_bytes())
    messages: dict[str, descriptor_pb2.DescriptorProto] = {}
    for file in fds.file:
        for msg in file.message_type:
            messages[f".{file.package}.{msg.name}"] = msg
    components = _Components(messages)
    answers = http_answers(fds)
    paths: dict[str, dict[str, Schema]] = {}
    for file in fds.file:
        if not file.package.startswith("flowgate."):
            continue
        for service in file.service:
            if service.name in OUTSIDE_THE_DOCUMENT:
                continue
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
                if service.name in MANAGEMENT_SERVICES and path.startswith(MANAGEMENT_PREFIX):
                    answer = answers.get((service.name, method.name), ("", 0))
                    paths.setdefault(path, {})[verb] = management_operation(
                        service, method, rule, names, messages, components, answer
                    )
                    continue
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
            "description": "Runs published AI workflow apps (`/api/released-app/...`) and manages users, "
            "teams, workflows, executions and data sources (`/api/v1/...`). Generated from the protos' "
            "google.api.http annotations; the streaming responses are described by hand.",
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
                **dict(sorted(components.schemas.items())),
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
