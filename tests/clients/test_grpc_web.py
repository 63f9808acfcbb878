"""gRPC-Web through the real Envoy: the TypeScript client's example, with connect-web's
gRPC-Web transport over fetch, against Envoy's HTTP listener (grpc_web filter), which
translates to native gRPC for the server. Same checks as over native gRPC."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from tests.clients.test_typescript_client import check_example, node_tools, run_example
from tests.harness import GREETER, Stack, sqlite_url, start_stack, stop_stack

pytestmark = pytest.mark.asyncio(loop_scope="session")


async def envoy_downstream_requests(stack: Stack) -> dict[str, int]:
    """Envoy's count of requests its listener took, per HTTP version ("http1", "http2")."""
    assert stack.envoy is not None
    admin = f"http://127.0.0.1:{stack.envoy.admin_port}"
    async with httpx.AsyncClient() as client:
        resp = await client.get(f"{admin}/stats", params={"filter": r"^http\.flowgate\.downstream_rq_http[12]_total$"})
    resp.raise_for_status()
    counts = {}
    for line in resp.text.splitlines():
        name, _, value = line.partition(": ")
        counts[name.removeprefix("http.flowgate.downstream_rq_").removesuffix("_total")] = int(value)
    return counts


@pytest.mark.timeout(420)
async def test_typescript_client_over_grpc_web_through_envoy(tmp_path: Path) -> None:
    node_tools()
    stack = await start_stack(sqlite_url(tmp_path), with_envoy=True)
    try:
        release = await stack.publish(GREETER, public=True)
        key = await stack.key("team-web")
        text = "gRPC-Web"
        result = await run_example(
            address=stack.http_base,
            api_key=key,
            deployment_id=release.deployment_id,
            text=text,
            transport="grpc-web",
        )
        check_example(result, deployment_id=release.deployment_id, text=text)
        # Every call went through Envoy as gRPC-Web over HTTP/1.1 (fetch), none as native
        # gRPC (HTTP/2): runApp, watchRun, getRun, cancelRun and the failing runApp.
        assert await envoy_downstream_requests(stack) == {"http1": 5, "http2": 0}
    finally:
        await stop_stack(stack)
