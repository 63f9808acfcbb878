"""Settings, from `FLOWGATE_*` environment variables (or a `.env` file)."""

from __future__ import annotations

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="FLOWGATE_", env_file=".env", extra="ignore")

    database_url: str = Field(
        default="sqlite+aiosqlite:///var/flowgate.db",
        description="SQLAlchemy async URL: sqlite+aiosqlite:///path or postgresql+asyncpg://user:pw@host/db",
    )
    grpc_host: str = "127.0.0.1"
    grpc_port: int = Field(default=50051, ge=0, le=65535)
    http_host: str = "127.0.0.1"
    http_port: int = Field(default=8080, ge=0, le=65535, description="Envoy's listener (make run / flowgate dev)")
    envoy_admin_port: int = Field(default=9901, ge=0, le=65535)

    envoy_config: str = Field(default="envoy.yaml", description="the Envoy config `flowgate dev` renders and runs")
    state_dir: str = Field(default="var", description="where `flowgate dev` keeps the demo key and Envoy's log")

    default_run_timeout_seconds: float = Field(default=60.0, gt=0)
    max_run_timeout_seconds: float = Field(default=600.0, gt=0)
    max_request_bytes: int = Field(default=4 * 1024 * 1024, gt=0, description="largest gRPC request accepted")
    max_graph_nodes: int = Field(default=500, gt=0)
    max_block_output_bytes: int = Field(default=1_000_000, gt=0, description="larger outputs are truncated")
    max_loop_iterations: int = Field(default=1000, gt=0)
    max_loop_parallelism: int = Field(default=16, gt=0)
    max_run_events: int = Field(default=200_000, gt=0, description="a run that emits more fails")
    chunk_interval_ms: float = Field(default=25, ge=0, description="streamed deltas coalesce per interval")
    max_concurrent_streams: int = Field(default=4096, gt=0)
    max_pending_requests: int = Field(default=4096, gt=0)

    auth_cache_seconds: float = Field(
        default=5.0, ge=0, description="how long a verified API key is trusted without a lookup (0: always look up)"
    )
    shutdown_grace_seconds: float = Field(default=10.0, ge=0)
    log_level: str = "INFO"
    log_format: str = Field(default="json", pattern="^(json|text)$")
