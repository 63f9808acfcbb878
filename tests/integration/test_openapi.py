"""The OpenAPI document: generated from the protos, served by Envoy with a page that
shows it, and true to what the routes do."""

from __future__ import annotations

import json

import httpx
import pytest

from tests.harness import GREETER, ROOT, Stack

pytestmark = pytest.mark.asyncio(loop_scope="session")


async def test_openapi_document_and_docs_page_are_served(stack: Stack) -> None:
    async with httpx.AsyncClient(base_url=stack.http_base, timeout=30) as client:
        doc = await client.get("/openapi.json")
        page = await client.get("/docs")
        unknown_method = await client.request("TRACE", "/api/released-app/runs/x")
    assert doc.status_code == 200
    assert doc.headers["content-type"] == "application/json"
    served = doc.json()
    assert served == json.loads((ROOT / "server/flowgate/v1/openapi.json").read_text())
    assert served["openapi"].startswith("3.")
    assert {p for p in served["paths"] if not p.startswith("/api/v1/")} == {
        "/api/released-app/{deployment_id}/run",
        "/api/released-app/d/{document_id}/run",
        "/api/released-app/r/{alias}/{version}/{path}",
        "/api/released-app/runs/{run_id}",
        "/api/released-app/runs/{run_id}/events",
        "/api/released-app/runs/{run_id}:cancel",
    }
    # The management API's paths: tests/unit/test_openapi_management.py checks them.
    assert "/api/v1/workflows" in served["paths"]
    assert set(served["paths"]["/api/released-app/r/{alias}/{version}/{path}"]) == {
        "get",
        "post",
        "put",
        "patch",
        "delete",
    }
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    assert "/openapi.json" in page.text
    assert unknown_method.status_code == 405
    assert unknown_method.headers["allow"] == "GET, POST, PUT, PATCH, DELETE"


async def test_documented_responses_match_what_a_run_returns(stack: Stack) -> None:
    """Each status a run route answers with is documented, with the documented content type."""
    served = json.loads((ROOT / "server/flowgate/v1/openapi.json").read_text())
    operation = served["paths"]["/api/released-app/{deployment_id}/run"]["post"]
    release = await stack.publish(GREETER, public=True)
    key = await stack.key("team-a")
    cases = [
        ('{"inputs": {"text": "x"}}', key, release.deployment_id),
        ('{"inputs": {"text": "x"}, "stream": false}', key, release.deployment_id),
        ('{"inputs": {"text": "x"}, "format": "sse"}', key, release.deployment_id),
        ("{}", key, release.deployment_id),
        ("{}", "wn-nope", release.deployment_id),
        ("{}", key, "does-not-exist"),
    ]
    async with httpx.AsyncClient(base_url=stack.http_base, timeout=30) as client:
        for body, auth, deployment in cases:
            resp = await client.post(
                f"/api/released-app/{deployment}/run", content=body, headers={"Authorization": f"Bearer {auth}"}
            )
            documented = operation["responses"][str(resp.status_code)]
            assert resp.headers["content-type"] in documented["content"], (resp.status_code, resp.headers)
