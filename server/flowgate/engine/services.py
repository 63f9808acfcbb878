"""What blocks may call outside the engine, as protocols. The composition root passes
implementations in (the engine itself reads no settings and opens no sockets of its own
accord); a block whose service is missing fails with a clear error.

Implementations: `flowgate.engine.llm` (OpenAI-compatible chat), `flowgate.engine.http`
(outbound HTTP with target checks), `flowgate.engine.sandbox` (Python in a sandboxed
process); the app layer implements `AppRunner` (published apps as agent tools) and
`DataSourceQueries` (a team's data sources, for `data_source` blocks).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal, Protocol

from flowgate.domain.models import JSONValue

# ---- LLM -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ChatMessage:
    role: Literal["system", "user", "assistant", "tool"]
    content: str = ""
    tool_calls: tuple[ToolCall, ...] = ()
    tool_call_id: str = ""
    name: str = ""


@dataclass(frozen=True, slots=True)
class ToolSpec:
    """A function the model may call (OpenAI `tools` entry)."""

    name: str
    description: str
    parameters: Mapping[str, JSONValue]  # JSON Schema of the arguments


@dataclass(frozen=True, slots=True)
class ToolCall:
    id: str
    name: str
    arguments: str  # JSON text, as the model produced it


@dataclass(frozen=True, slots=True)
class ChatRequest:
    provider: str  # configured provider name ("deepseek", "openai", …); "" = the default one
    model: str
    messages: Sequence[ChatMessage]
    temperature: float | None = None
    max_tokens: int | None = None
    json_mode: bool = False
    tools: Sequence[ToolSpec] = ()
    timeout_seconds: float = 60.0


@dataclass(frozen=True, slots=True)
class Usage:
    prompt_tokens: int = 0
    completion_tokens: int = 0
    total_tokens: int = 0


@dataclass(frozen=True, slots=True)
class ChatDelta:
    """Part of a streamed answer: text, and/or (at the end) the tool calls, usage and finish reason."""

    text: str = ""
    tool_calls: tuple[ToolCall, ...] = ()
    usage: Usage | None = None
    finish_reason: str = ""


class ChatError(Exception):
    """The provider failed for good (after retries); the message is safe to show (no keys)."""


class ChatModel(Protocol):
    def stream(self, request: ChatRequest) -> AsyncIterator[ChatDelta]:
        """Stream the answer. Retries 429/5xx with backoff before the first delta; raises ChatError."""
        ...


# ---- HTTP ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class HttpRequest:
    method: str
    url: str
    headers: Mapping[str, str] = field(default_factory=dict)
    body: bytes | None = None
    timeout_seconds: float = 30.0
    max_response_bytes: int = 1_000_000


@dataclass(frozen=True, slots=True)
class HttpResponse:
    status: int
    headers: Mapping[str, str]
    body: bytes
    truncated: bool = False


class HttpError(Exception):
    """The request was refused (target not allowed, bad URL) or failed (timeout, connection)."""


class HttpFetcher(Protocol):
    async def fetch(self, request: HttpRequest) -> HttpResponse: ...


# ---- Code ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CodeLimits:
    cpu_seconds: float = 5.0
    wall_seconds: float = 10.0
    memory_bytes: int = 256 * 1024 * 1024
    max_output_bytes: int = 1_000_000
    max_file_bytes: int = 10 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class CodeResult:
    output: JSONValue
    stdout: str = ""


class CodeError(Exception):
    """The code raised, or broke a limit. `line` is the user-code line that failed, when known."""

    def __init__(self, message: str, *, line: int | None = None, kind: str = "error") -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.kind = kind  # "error" | "timeout" | "memory" | "output" | "forbidden"


class CodeRunner(Protocol):
    async def run(self, code: str, inputs: Mapping[str, JSONValue], limits: CodeLimits) -> CodeResult:
        """Run `code` (defining `main(**inputs)` → JSON value) in a sandboxed process; raises CodeError."""
        ...


# ---- Published apps (agent tools) ------------------------------------------------


class AppRunner(Protocol):
    async def run_app(self, app: str, inputs: Mapping[str, JSONValue], *, team_id: str) -> JSONValue:
        """Run a published app (deployment or document id) to completion on behalf of `team_id`
        (the team whose key started the calling run: private apps of other teams are refused);
        the app's outputs. Raises AppError."""
        ...


class AppError(Exception):
    """The app could not be run or failed; the message is safe to show."""


# ---- Data sources ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class QueryResult:
    rows: list[JSONValue]
    truncated: bool = False


class DataSourceError(Exception):
    """The query was refused or failed (unknown source, not read-only, timeout, connection);
    the message is safe to show (no credentials)."""


class DataSourceQueries(Protocol):
    async def query(
        self,
        team_id: str,
        data_source_id: str,
        query: str,
        limit: int | None = None,
        params: Sequence[JSONValue] = (),
    ) -> QueryResult:
        """Run a read-only `query` on data source `data_source_id` of team `team_id` (another
        team's source is unknown); at most `limit` rows (the server caps it). `params` are
        bound to the SQL's placeholders (`$1` in PostgreSQL, `%s` in MySQL). Raises DataSourceError."""
        ...


@dataclass(frozen=True, slots=True)
class Services:
    chat: ChatModel | None = None
    http: HttpFetcher | None = None
    code: CodeRunner | None = None
    apps: AppRunner | None = None
    data_sources: DataSourceQueries | None = None
