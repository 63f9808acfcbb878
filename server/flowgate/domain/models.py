"""Domain models: plain, typed, immutable data. No persistence or transport here."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

JSONValue = Any
"""Any JSON-compatible value: None, bool, int, float, str, list or dict of them."""


class Visibility(enum.Enum):
    PUBLIC = "public"
    PRIVATE = "private"


class RunStatus(enum.Enum):
    RUNNING = "running"
    SUCCEEDED = "success"
    FAILED = "error"
    CANCELLED = "cancelled"


class BlockStatus(enum.Enum):
    RUNNING = "running"
    COMPLETED = "completed"
    FAILED = "failed"
    SKIPPED = "skipped"
    CANCELLED = "cancelled"


@dataclass(frozen=True, slots=True)
class Team:
    id: str
    name: str
    created_at: datetime
    credits: int = 0


@dataclass(frozen=True, slots=True)
class ApiKey:
    """A stored API key. The secret itself is never kept, only its hash."""

    id: str
    team_id: str
    name: str
    prefix: str
    created_at: datetime
    revoked_at: datetime | None = None
    document_id: str = ""
    """An app key's app (the document it runs the newest published release of); empty for
    a team key."""

    @property
    def is_app_key(self) -> bool:
        return bool(self.document_id)


@dataclass(frozen=True, slots=True)
class Principal:
    """Who is calling: resolved from credentials on every request. A schedule token is
    bound to one deployment (`schedule_deployment_id`) and skips the team check there;
    an app key is bound to one app (`app_document_id`) and runs that app only."""

    team_id: str
    key_id: str
    schedule_deployment_id: str = ""
    app_document_id: str = ""

    @property
    def is_schedule(self) -> bool:
        return bool(self.schedule_deployment_id)


@dataclass(frozen=True, slots=True)
class Node:
    id: str
    type: str
    data: dict[str, JSONValue] = field(default_factory=dict)
    position: tuple[float, float] = (0.0, 0.0)

    @property
    def name(self) -> str:
        label = self.data.get("label")
        return label if isinstance(label, str) and label else self.id


@dataclass(frozen=True, slots=True)
class Edge:
    id: str
    source: str
    target: str
    source_handle: str = ""
    target_handle: str = ""


@dataclass(frozen=True, slots=True)
class Graph:
    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]

    def to_json(self) -> dict[str, JSONValue]:
        return {
            "nodes": [
                {"id": n.id, "type": n.type, "position": {"x": n.position[0], "y": n.position[1]}, "data": n.data}
                for n in self.nodes
            ],
            "edges": [
                {
                    "id": e.id,
                    "source": e.source,
                    "target": e.target,
                    "sourceHandle": e.source_handle,
                    "targetHandle": e.target_handle,
                }
                for e in self.edges
            ],
        }

    @classmethod
    def from_json(cls, raw: dict[str, JSONValue]) -> Graph:
        nodes = []
        for n in raw.get("nodes") or []:
            pos = n.get("position") or {}
            nodes.append(
                Node(
                    id=str(n.get("id", "")),
                    type=str(n.get("type", "")),
                    data=dict(n.get("data") or {}),
                    position=(float(pos.get("x", 0)), float(pos.get("y", 0))),
                )
            )
        edges = [
            Edge(
                id=str(e.get("id", "")),
                source=str(e.get("source", "")),
                target=str(e.get("target", "")),
                source_handle=str(e.get("sourceHandle") or e.get("source_handle") or ""),
                target_handle=str(e.get("targetHandle") or e.get("target_handle") or ""),
            )
            for e in raw.get("edges") or []
        ]
        return cls(tuple(nodes), tuple(edges))


@dataclass(frozen=True, slots=True)
class Workflow:
    id: str
    team_id: str
    name: str
    description: str
    graph: Graph
    version: int
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True, slots=True)
class Release:
    """An immutable deployment snapshot of a workflow revision."""

    deployment_id: str
    document_id: str
    workflow_id: str
    workflow_version: int
    team_id: str
    version: str
    visibility: Visibility
    content_hash: str
    created_at: datetime
    routes: tuple[Route, ...] = ()
    """The release's router tree: endpoints of the alias gateway route."""
    retired_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class Route:
    """An endpoint of a release's router tree: method + path → a deployment.

    `path` may hold `{name}` segments, whose values become inputs. `deployment_id` None
    means the endpoint has no deployment configured (calling it is a 400)."""

    name: str
    method: str
    path: str
    deployment_id: str | None


@dataclass(frozen=True, slots=True)
class ReleaseAlias:
    alias: str
    document_id: str
    team_id: str


@dataclass(frozen=True, slots=True)
class Schedule:
    """Runs one deployment on a cron schedule with a schedule token (stored hashed)."""

    id: str
    team_id: str
    deployment_id: str
    name: str
    cron: str
    inputs: dict[str, JSONValue]
    token_prefix: str
    enabled: bool
    created_at: datetime
    next_run_at: datetime | None = None
    last_run_at: datetime | None = None
    last_run_id: str = ""


@dataclass(frozen=True, slots=True)
class Deployment:
    """A release together with the snapshot it runs."""

    release: Release
    graph: Graph


@dataclass(frozen=True, slots=True)
class RunError:
    """Why a run, a block, a loop iteration or a tool call failed: a machine-readable
    reason (`BLOCK_FAILED`, `BLOCK_CANCELLED`, `ITERATION_FAILED`, `TOOL_FAILED`, …), the
    human-readable message, and the block it belongs to."""

    reason: str
    message: str
    block_id: str = ""


@dataclass(frozen=True, slots=True)
class BlockSession:
    block_id: str
    block_type: str
    block_name: str
    status: BlockStatus
    output: JSONValue = None
    error: RunError | None = None


@dataclass(frozen=True, slots=True)
class Run:
    id: str
    deployment_id: str
    document_id: str
    team_id: str
    caller_team_id: str
    status: RunStatus
    inputs: dict[str, JSONValue]
    created_at: datetime
    outputs: JSONValue = None
    sessions: tuple[BlockSession, ...] = ()
    duration_ms: int = 0
    timed_out: bool = False
    error_reason: str = ""
    error_message: str = ""
    ended_at: datetime | None = None
    heartbeat_at: datetime | None = None
    """When the process running it last said it was alive (stored runs only)."""
    end_user: str = ""
    """The end user the caller named (Dify's `user`); empty when none was."""


@dataclass(frozen=True, slots=True)
class FilePart:
    """A file a caller sends to be kept for an app's runs, with its end user."""

    name: str
    extension: str
    mime_type: str
    data: bytes
    user: str


@dataclass(frozen=True, slots=True)
class UploadedFile:
    """A file uploaded for an app's runs (or fetched from a run's remote URL)."""

    id: str
    team_id: str
    document_id: str
    end_user: str
    name: str
    extension: str
    mime_type: str
    size: int
    created_at: datetime
    data: bytes = b""


# -- management API ----------------------------------------------------------------------


class UserRole(enum.Enum):
    ADMIN = "admin"
    USER = "user"


class TeamRole(enum.Enum):
    OWNER = "owner"
    MEMBER = "member"


@dataclass(frozen=True, slots=True)
class User:
    """A person who signs in. Only the password's hash is ever kept (in the store)."""

    id: str
    username: str
    email: str
    role: UserRole
    default_team_id: str
    created_at: datetime


@dataclass(frozen=True, slots=True)
class TeamMember:
    team_id: str
    user_id: str
    username: str
    role: TeamRole
    joined_at: datetime


@dataclass(frozen=True, slots=True)
class Actor:
    """Who calls the management API, in which team: a signed-in user (`user_id`) or a
    team API key (`key_id`, no user)."""

    team_id: str
    user_id: str = ""
    key_id: str = ""
    role: UserRole = UserRole.USER
    team_role: TeamRole = TeamRole.MEMBER

    @property
    def is_admin(self) -> bool:
        return self.role is UserRole.ADMIN

    @property
    def label(self) -> str:
        """How records name who made them."""
        return self.user_id or f"api-key:{self.key_id}"


class WorkflowStatus(enum.Enum):
    DRAFT = "draft"
    PUBLISHED = "published"
    RUNNING = "running"
    STOPPED = "stopped"


@dataclass(frozen=True, slots=True)
class ManagedWorkflow:
    """A workflow with its management facts (status)."""

    workflow: Workflow
    status: WorkflowStatus


@dataclass(frozen=True, slots=True)
class WorkflowVersion:
    workflow_id: str
    version: int
    name: str
    description: str
    graph: Graph
    comment: str
    created_by: str
    created_at: datetime


class ExecutionStatus(enum.Enum):
    PENDING = "pending"
    RUNNING = "running"
    COMPLETED = "completed"
    FAILED = "failed"
    CANCELLED = "cancelled"

    @property
    def ended(self) -> bool:
        return self in (ExecutionStatus.COMPLETED, ExecutionStatus.FAILED, ExecutionStatus.CANCELLED)


@dataclass(frozen=True, slots=True)
class Execution:
    """A management-API execution of a workflow version (not of a release)."""

    id: str
    team_id: str
    workflow_id: str
    workflow_version: int
    status: ExecutionStatus
    input_data: dict[str, JSONValue]
    task_id: str
    created_by: str
    created_at: datetime
    output_data: JSONValue = None
    error_message: str = ""
    execution_time_ms: int = 0
    progress: int = 0
    current_node: str = ""
    started_at: datetime | None = None
    finished_at: datetime | None = None
    heartbeat_at: datetime | None = None
    """When the process running it last said it was alive."""


class LogLevel(enum.Enum):
    DEBUG = "debug"
    INFO = "info"
    WARN = "warn"
    ERROR = "error"


@dataclass(frozen=True, slots=True)
class ExecutionLog:
    id: str
    execution_id: str
    seq: int
    node_id: str
    node_type: str
    level: LogLevel
    message: str
    timestamp: datetime
    duration_ms: int = 0


class DataSourceType(enum.Enum):
    MYSQL = "mysql"
    POSTGRESQL = "postgresql"
    API = "api"
    JSON = "json"


@dataclass(frozen=True, slots=True)
class DataSource:
    """A team's data source. `config` holds no secrets; `secrets` (decrypted, in memory
    only) holds the secret config keys, which the store keeps encrypted."""

    id: str
    team_id: str
    name: str
    type: DataSourceType
    description: str
    config: dict[str, JSONValue]
    status: str
    created_at: datetime
    updated_at: datetime
    secrets: dict[str, JSONValue] = field(default_factory=dict, repr=False)
