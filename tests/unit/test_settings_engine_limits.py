"""Settings.engine_limits(): the one place settings become the engine's limits (the
server and the operator commands both use it)."""

from __future__ import annotations

from flowgate.config import Settings
from flowgate.engine.limits import EngineLimits


def test_every_engine_setting_reaches_the_limits() -> None:
    settings = Settings(
        _env_file=None,
        max_graph_nodes=7,
        max_block_output_bytes=1234,
        max_loop_iterations=9,
        max_loop_parallelism=3,
        max_run_events=99,
        max_eval_ms=40,
        chunk_interval_ms=50,
    )
    assert settings.engine_limits() == EngineLimits(
        max_nodes=7,
        max_output_bytes=1234,
        max_loop_iterations=9,
        max_loop_parallelism=3,
        max_events=99,
        max_eval_seconds=0.04,
        chunk_interval_seconds=0.05,
    )


def test_the_defaults_agree() -> None:
    limits = Settings(_env_file=None).engine_limits()
    defaults = EngineLimits()
    assert limits.max_eval_seconds == defaults.max_eval_seconds
    assert limits.chunk_interval_seconds == defaults.chunk_interval_seconds
    assert limits.max_nodes == defaults.max_nodes
