"""What every block type implements, and what a block sees while it runs."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar, Literal, Protocol

from pydantic import BaseModel, ConfigDict, Field

from flowgate.domain.events import Event
from flowgate.domain.models import JSONValue, Node
from flowgate.engine import templates
from flowgate.engine.limits import EngineLimits
from flowgate.engine.references import ReferenceError
from flowgate.engine.services import Services
from flowgate.engine.state import RunState

if TYPE_CHECKING:
    from flowgate.engine.graph import CompiledGraph


class BlockConfig(BaseModel):
    """Base of every block's typed configuration (the node's `data`), with the settings
    every block has: a timeout, retries with backoff, and what to do on error."""

    model_config = ConfigDict(extra="allow", frozen=True)

    label: str = ""
    timeout_seconds: float | None = Field(default=None, gt=0, le=86_400)
    """Stop the block after this long (each attempt)."""
    retries: int = Field(default=0, ge=0, le=10)
    """Extra attempts after a failure."""
    retry_backoff_seconds: float = Field(default=0.5, ge=0, le=60)
    """Wait before the first retry; doubles for each further one."""
    on_error: Literal["fail", "continue", "branch"] = "fail"
    """fail: the run fails; continue: carry on with `default_output`; branch: follow the
    block's edges with source handle "error" (output {"error": message}) instead."""
    default_output: JSONValue = None


class BlockFailed(Exception):
    """A block could not produce its output; the message is safe to show."""


SubgraphRunner = Callable[["CompiledGraph", Mapping[str, JSONValue]], Awaitable[JSONValue]]


@dataclass(slots=True)
class BlockContext:
    """Everything a block may use while it runs."""

    node: Node
    config: Any
    state: RunState
    limits: EngineLimits
    services: Services
    emit_chunk: Callable[[str], object]
    """Stream part of the output (a `block_chunk`); the engine coalesces fast deltas."""
    emit: Callable[[Event], object]
    """Emit another typed event of this block (agent steps, loop iterations)."""
    run_id: str = ""
    team_id: str = ""
    """The team whose key started the run (for calling other apps on its behalf)."""
    body: CompiledGraph | None = None
    """The compiled body of a block that has one (loop)."""
    run_subgraph: SubgraphRunner | None = None
    """Runs a body once with the given loop variables; returns its output."""

    def render(self, text: str) -> str:
        """`text` with `{path}` references and `{{ jinja }}` rendered; raises BlockFailed."""
        try:
            return templates.render_in(
                text,
                self.state,
                self.node.id,
                max_bytes=self.limits.max_render_bytes,
                max_seconds=self.limits.max_eval_seconds,
            )
        except templates.TemplateError as exc:
            raise BlockFailed(str(exc)) from None

    def resolve(self, path: str) -> JSONValue:
        """The value of one reference path (`inputs.text`, `Fetch.body.items`); raises BlockFailed."""
        try:
            return self.state.resolve(path.strip().strip("{}").strip(), self.node.id)
        except ReferenceError as exc:
            raise BlockFailed(str(exc)) from None


class BlockType(Protocol):
    """A kind of block: its name, config model and behaviour.

    Optional extras a block type may define:
    - `route(config, output) -> str | None`: the source handle of the edges to follow
      (condition blocks); None follows every edge.
    - `body_of(config) -> dict | None`: a sub-graph the block runs (loop bodies).
    - `references_of(config) -> list[str]`: extra reference paths for validation.
    - `local_names_of(config) -> Iterable[str]`: names the block binds itself (agent tool
      arguments), allowed in its references.
    """

    name: ClassVar[str]
    config_model: ClassVar[type[BlockConfig]]

    async def run(self, ctx: BlockContext) -> JSONValue:
        """Produce the block's output, or raise BlockFailed."""
        ...
