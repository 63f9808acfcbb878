"""Settings, from `FLOWGATE_*` environment variables (or a `.env` file)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from flowgate.engine.limits import EngineLimits


class LlmProvider(BaseModel):
    """One OpenAI-compatible endpoint (OpenAI, DeepSeek, vLLM, Ollama, …)."""

    base_url: str = Field(description="up to and without /chat/completions, e.g. https://api.deepseek.com/v1")
    api_key: SecretStr = SecretStr("")
    headers: dict[str, SecretStr] = Field(default_factory=dict, description="extra headers; values are secrets")
    default_model: str = ""
    max_retries: int = Field(default=3, ge=0, le=10)


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="FLOWGATE_", env_file=".env", extra="ignore")

    database_url: str = Field(
        default="sqlite+aiosqlite:///var/flowgate.db",
        description="SQLAlchemy async URL: sqlite+aiosqlite:///path or postgresql+asyncpg://user:pw@host/db",
    )
    database_pool_size: int = Field(default=16, ge=1, le=1000, description="connections kept open per replica")
    database_max_overflow: int = Field(
        default=16, ge=0, le=1000, description="extra PostgreSQL connections under load (SQLite: none)"
    )
    grpc_host: str = "127.0.0.1"
    grpc_port: int = Field(default=50051, ge=0, le=65535)
    grpc_reflection: bool = Field(
        default=True, description="serve gRPC server reflection (v1 and v1alpha); false on public listeners"
    )
    http_host: str = "127.0.0.1"
    http_port: int = Field(default=8080, ge=0, le=65535, description="Envoy's listener (make run / flowgate dev)")
    envoy_admin_port: int = Field(default=9901, ge=0, le=65535)

    envoy_config: str = Field(
        default="", description="the Envoy config `flowgate dev` renders and runs (default: the one in the package)"
    )
    state_dir: str = Field(default="var", description="where `flowgate dev` keeps the demo key and Envoy's log")

    default_run_timeout_seconds: float = Field(default=60.0, gt=0)
    max_run_timeout_seconds: float = Field(default=600.0, gt=0)
    max_request_bytes: int = Field(default=4 * 1024 * 1024, gt=0, description="largest gRPC request accepted")
    max_response_bytes: int = Field(
        default=4 * 1024 * 1024,
        gt=0,
        le=512 * 1024 * 1024,
        description="largest one-shot answer (a unary response, a run's JSON document); larger ones are refused "
        "(413) and not charged. flowgate dev and the tests write it into Envoy's transcoder limit",
    )
    max_json_depth: int = Field(
        default=32, ge=1, le=32, description="levels a JSON value of a request may nest (objects and arrays)"
    )
    max_graph_nodes: int = Field(default=500, gt=0)
    max_block_output_bytes: int = Field(default=1_000_000, gt=0, description="larger outputs are truncated")
    max_loop_iterations: int = Field(default=1000, gt=0)
    max_loop_parallelism: int = Field(default=16, gt=0)
    max_run_events: int = Field(default=200_000, gt=0, description="a run that emits more fails")
    max_eval_ms: float = Field(
        default=100,
        gt=0,
        le=10_000,
        description="a template render or condition evaluation that computes longer fails (it runs on the event loop)",
    )
    chunk_interval_ms: float = Field(default=25, ge=0, description="streamed deltas coalesce per interval")
    max_concurrent_streams: int = Field(default=4096, gt=0)
    max_pending_requests: int = Field(default=4096, gt=0)

    auth_cache_seconds: float = Field(
        default=5.0, ge=0, description="how long a verified API key is trusted without a lookup (0: always look up)"
    )
    llm_providers: dict[str, LlmProvider] = Field(
        default_factory=dict,
        description='JSON: {"deepseek": {"base_url": "https://api.deepseek.com/v1", "api_key": "sk-…"}}',
    )
    llm_max_connections: int = Field(
        default=200, ge=1, le=100_000, description="open connections to LLM providers (streams at once) per replica"
    )
    llm_default_provider: str = Field(default="", description="provider of llm blocks that name none")

    outbound_allowed_networks: list[str] = Field(
        default_factory=list, description="CIDRs http blocks may reach although private (JSON list)"
    )
    outbound_allowed_hosts: list[str] = Field(
        default_factory=list, description="host names http blocks may reach although they resolve privately"
    )
    outbound_max_response_bytes: int = Field(default=10_000_000, gt=0)
    outbound_max_timeout_seconds: float = Field(default=300, gt=0)
    outbound_connect_timeout_seconds: float = Field(default=10, gt=0)
    outbound_read_timeout_seconds: float = Field(default=60, gt=0)
    outbound_max_redirects: int = Field(default=5, ge=0, le=20)

    code_warm_workers: int = Field(default=2, ge=0, le=64, description="pre-started sandbox processes")
    code_max_running: int = Field(default=8, ge=1, le=256, description="code blocks running at once")
    code_sandbox: Literal["strict", "weak"] = Field(
        default="strict",
        description="strict: code blocks are refused on a host lacking the sandbox's kernel layers (namespaces, "
        "private root, seccomp); weak: they run there anyway, with the layers there are and the audit hook",
    )
    code_sandbox_uid: int = Field(
        default=65534, ge=1, lt=2**32 - 1, description="user and group id code blocks run as when the server is root"
    )
    code_disk_bytes: int = Field(
        default=64 * 1024 * 1024, ge=1024 * 1024, description="size of a code block's working directory (a tmpfs)"
    )

    heartbeat_seconds: float = Field(default=10, gt=0, le=60, description="idle streams carry a heartbeat this often")
    run_heartbeat_seconds: float = Field(
        default=5, gt=0, le=300, description="a process refreshes the heartbeat of its runs and sweeps this often"
    )
    run_lost_after_seconds: float = Field(
        default=60,
        gt=0,
        description="a running run or execution whose heartbeat is this old was lost with its process: it ends "
        "failed (PROCESS_LOST); at least twice run_heartbeat_seconds",
    )
    replay_retention_seconds: float = Field(
        default=300, ge=0, description="a finished run's events stay available to re-attach this long"
    )
    credits_enabled: bool = Field(default=True, description="runs reserve and are charged credits")
    credits_default_team: int = Field(default=1_000_000, ge=0, description="credits a new team starts with")
    credits_reserve_per_run: int = Field(default=10, ge=0)
    credits_per_block: int = Field(default=1, ge=0)
    credits_per_1k_tokens: int = Field(default=1, ge=0)
    scheduler_enabled: bool = Field(default=True, description="run cron schedules in this process")
    scheduler_interval_seconds: float = Field(default=5, gt=0)

    secret_key: SecretStr | None = Field(
        default=None,
        description="signs sign-in tokens and encrypts data-source credentials (hex or any text, 32+ characters); "
        "default: a random key generated once into <state_dir>/secret.key. Set it (the same on every replica) "
        "in production",
    )
    access_token_ttl_seconds: int = Field(default=3600, ge=60, le=30 * 86400, description="sign-in token lifetime")
    registration_open: bool = Field(
        default=True,
        description="anyone may register over the API; false: only operators add users (`flowgate users create`)",
    )
    login_max_failures: int = Field(
        default=10, ge=1, le=1000, description="failed sign-ins per user name and client address before a pause"
    )
    login_failure_window_seconds: float = Field(
        default=300, ge=1, le=86400, description="the window failed sign-ins are counted in, and the first pause"
    )
    login_name_max_failures: int = Field(
        default=100, ge=1, le=100_000, description="failed sign-ins per user name, all addresses, before a pause"
    )
    login_max_pause_seconds: float = Field(
        default=3600, ge=1, le=7 * 86400, description="longest pause: each new pause of a name and address doubles"
    )
    trusted_proxies: list[str] = Field(
        default_factory=lambda: ["127.0.0.1/32", "::1/128"],
        description="CIDRs of proxies (Envoy with use_remote_address) whose right-most x-forwarded-for entry "
        "is the client address; other callers are known by their own address (JSON list; default: loopback, "
        "where the shipped Envoy config runs)",
    )
    max_running_executions_per_team: int = Field(
        default=32,
        ge=1,
        description="management executions a team may have pending or running per replica (429 past it)",
    )
    upload_max_bytes: int = Field(
        default=15 * 1024 * 1024,
        gt=0,
        description="largest file accepted by POST /v1/files/upload or fetched for a run's remote_url file "
        "(an upload is also bounded by max_request_bytes)",
    )
    upload_max_files: int = Field(default=10, ge=1, le=100, description="files one Dify run body may name")
    app_max_active_runs: int = Field(
        default=0,
        ge=0,
        description="runs of one app that may be going at once per replica on the Dify routes (/v1; 429 "
        "too_many_requests past it); 0: no cap",
    )
    ws_host: str = Field(default="127.0.0.1", description="the WebSocket listener Envoy proxies /api/v1/ws/ to")
    ws_port: int = Field(default=50052, ge=0, le=65535)

    data_source_max_rows: int = Field(
        default=1000, ge=1, le=100_000, description="most rows a data-source query returns (its default limit too)"
    )
    data_source_query_timeout_seconds: float = Field(
        default=10, gt=0, le=600, description="a data-source query (connecting included) is stopped after this long"
    )
    data_source_json_dir: str = Field(
        default="var/data-sources", description="the directory `json` data sources may read files from"
    )
    data_source_max_bytes: int = Field(
        default=10_000_000,
        gt=0,
        description="largest JSON document a `json` or `api` data source reads, and largest database query result",
    )
    data_source_idle_connections: int = Field(
        default=32,
        ge=0,
        le=1000,
        description="database connections data-source queries keep open for reuse, per driver (0: one per query)",
    )
    data_source_idle_seconds: float = Field(
        default=60, ge=0, le=3600, description="how long a kept data-source connection may wait for its next query"
    )

    shutdown_grace_seconds: float = Field(default=10.0, ge=0)
    log_level: str = "INFO"
    log_format: str = Field(default="json", pattern="^(json|text)$")

    @model_validator(mode="after")
    def _lost_after_outlasts_heartbeats(self) -> Settings:
        if self.run_lost_after_seconds < 2 * self.run_heartbeat_seconds:
            raise ValueError("FLOWGATE_RUN_LOST_AFTER_SECONDS must be at least twice FLOWGATE_RUN_HEARTBEAT_SECONDS")
        return self

    def engine_limits(self) -> EngineLimits:
        """The engine's limits from these settings (the engine itself reads no settings)."""
        return EngineLimits(
            max_nodes=self.max_graph_nodes,
            max_output_bytes=self.max_block_output_bytes,
            max_loop_iterations=self.max_loop_iterations,
            max_loop_parallelism=self.max_loop_parallelism,
            max_events=self.max_run_events,
            max_eval_seconds=self.max_eval_ms / 1000,
            chunk_interval_seconds=self.chunk_interval_ms / 1000,
        )
