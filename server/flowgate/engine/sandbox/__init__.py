"""Python code in sandboxed, single-use worker processes: `SandboxPool` implements
`CodeRunner` (see pool.py, worker.py and docs/blocks/code.md)."""

from flowgate.engine.sandbox.pool import WORKER_SCRIPT, SandboxPool

__all__ = ["WORKER_SCRIPT", "SandboxPool"]
