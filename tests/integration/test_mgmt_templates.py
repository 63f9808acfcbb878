"""Every built-in template runs: created from the template over the management API,
published with a team API key made over the API, and run through the released-app
route — against the fake LLM provider and a local HTTP server over real HTTP."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Any

import httpx
import pytest
import pytest_asyncio

from flowgate.v1 import release_service_pb2, release_service_pb2_grpc
from tests.fakes.http_server import FakeHttpServer
from tests.fakes.openai_server import FakeOpenAI, answer
from tests.harness import Stack, sqlite_url, start_stack, stop_stack
from tests.integration.mgmt import personal_team, unique

pytestmark = pytest.mark.asyncio(loop_scope="session")


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def provider() -> AsyncIterator[FakeOpenAI]:
    async with FakeOpenAI() as server:
        yield server


@pytest.fixture(scope="module")
def web() -> Iterator[FakeHttpServer]:
    with FakeHttpServer() as server:
        yield server


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def stack(provider: FakeOpenAI, tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[Stack]:
    s = await start_stack(
        sqlite_url(tmp_path_factory.mktemp("templates")),
        with_envoy=True,
        llm_providers={"fake": {"base_url": provider.base_url, "api_key": "sk-test", "default_model": "summarizer"}},
        outbound_allowed_networks=["127.0.0.0/8"],
    )
    try:
        yield s
    finally:
        await stop_stack(s)


async def run_template(stack: Stack, template_id: str, inputs: dict[str, Any]) -> dict[str, Any]:
    """Create a workflow from the template, publish it, run it; the one-shot JSON answer."""
    headers = await stack.bearer(unique("tpl"))
    async with httpx.AsyncClient(base_url=stack.http_base, headers=headers, timeout=60) as client:
        made = await client.post(f"/api/v1/workflows/templates/{template_id}/create", params={"name": template_id})
        assert made.status_code == 201, made.text
        team_id = await personal_team(client, headers)
        key = (await client.post(f"/api/v1/teams/{team_id}/api-keys", json={"name": "run"})).json()["key"]
        release = await release_service_pb2_grpc.ReleaseServiceStub(stack.channel).PublishRelease(
            release_service_pb2.PublishReleaseRequest(workflow_id=made.json()["id"], version="1.0.0"),
            metadata=(("authorization", f"Bearer {key}"),),
        )
        ran = await client.post(
            f"/api/released-app/{release.release.deployment_id}/run",
            json={"inputs": inputs, "stream": False},
            headers={"authorization": f"Bearer {key}"},
        )
        assert ran.status_code == 200, ran.text
        result: dict[str, Any] = ran.json()
        assert result["status"] == "success", result
        return result


def outputs(result: dict[str, Any]) -> Any:
    ends = [item["output"] for item in result["globalCtx"] if item["blockType"] == "end"]
    assert len(ends) == 1, result
    return ends[0]


async def test_greeting(stack: Stack) -> None:
    assert outputs(await run_template(stack, "greeting", {"name": "Ada"})) == {"greeting": "Hello, Ada!"}


async def test_text_summary_calls_the_llm(stack: Stack, provider: FakeOpenAI) -> None:
    provider.script("summarizer", answer("A short summary."))
    result = await run_template(stack, "text-summary", {"text": "A long text about many things."})
    assert outputs(result) == {"summary": "A short summary."}
    assert "A long text about many things." in provider.requests_for("summarizer")[-1].last_user_message()


async def test_score_router_takes_each_branch(stack: Stack) -> None:
    passed = outputs(await run_template(stack, "score-router", {"name": "Ada", "score": 75}))
    assert passed == {"verdict": {"result": "pass", "message": "Well done, Ada: 75 points."}}
    failed = outputs(await run_template(stack, "score-router", {"name": "Bo", "score": 12}))
    assert failed["verdict"]["result"] == "fail"


async def test_batch_format_loops(stack: Stack) -> None:
    result = outputs(await run_template(stack, "batch-format", {"items": ["apples", " pears ", "plums"]}))
    assert result == {"lines": ["1. Apples", "2. Pears", "3. Plums"], "count": "3"}


async def test_text_stats_runs_code(stack: Stack) -> None:
    result = outputs(await run_template(stack, "text-stats", {"text": "the cat and the hat\nthe end"}))
    stats = result["stats"]
    assert (stats["words"], stats["lines"], stats["characters"]) == (7, 2, 27)
    assert stats["top_words"][0] == {"word": "the", "count": 3}


async def test_http_fetch(stack: Stack, web: FakeHttpServer) -> None:
    result = outputs(await run_template(stack, "http-fetch", {"url": web.url("/json")}))
    assert result == {"status": 200, "body": {"hello": "world", "items": [1, 2, 3]}}
