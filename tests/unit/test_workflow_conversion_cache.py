"""The cache of converted workflows: a changed workflow is converted again, and the
cache stays within its size."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from flowgate.api.workflow_management import _ConvertedCache
from flowgate.domain.models import Graph, ManagedWorkflow, Workflow, WorkflowStatus
from tests.harness import GREETER


def managed(workflow_id: str, version: int = 1, status: WorkflowStatus = WorkflowStatus.DRAFT) -> ManagedWorkflow:
    now = datetime(2026, 1, 1, tzinfo=UTC)
    wf = Workflow(workflow_id, "team", "name", "", Graph.from_json(GREETER), version, now, now)
    return ManagedWorkflow(wf, status)


def test_a_changed_workflow_is_converted_again() -> None:
    cache = _ConvertedCache(1_000_000)
    first = cache.get(managed("a"))
    assert cache.get(managed("a")) is first
    published = cache.get(managed("a", status=WorkflowStatus.PUBLISHED))
    assert published.status == "published"
    assert first.status == "draft"
    v2 = managed("a", version=2)
    other_graph = replace(v2.workflow, graph=Graph.from_json({"nodes": [], "edges": []}))
    assert list(cache.get(ManagedWorkflow(other_graph, WorkflowStatus.DRAFT)).nodes) == []
    renamed = replace(v2.workflow, name="renamed")
    assert cache.get(ManagedWorkflow(renamed, WorkflowStatus.DRAFT)).name == "renamed"


def test_the_cache_keeps_within_its_size() -> None:
    size = cache_size = _ConvertedCache(1_000_000).get(managed("probe")).ByteSize()
    cache = _ConvertedCache(cache_size * 20)
    for i in range(100):
        cache.get(managed(f"w{i}"))
    assert cache._bytes <= size * 20
    assert len(cache._entries) <= 20
    assert ("w99", 1, "draft", "2026-01-01T00:00:00", "name", "") in cache._entries
