"""Management-API executions: run a workflow's current version in the background, with
status, progress, logs and a status feed."""

from __future__ import annotations
