"""Which release a run target names, through the resolver's interface, over a real
SQLite store: deployment id, document id + semver selector, alias + route; the compile
cache and forgetting a retired deployment; the internal blocks."""

from __future__ import annotations

import copy
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from flowgate.app.release_resolver import ReleaseResolver, RunTarget
from flowgate.app.releases import SELF, ReleaseUseCases, RouteSpec
from flowgate.app.teams import TeamAdmin
from flowgate.app.workflows import WorkflowUseCases
from flowgate.domain.errors import (
    AliasNotFound,
    DeploymentNotFound,
    EndpointNotFound,
    EndpointWithoutDeployment,
    InvalidArgument,
    VersionNotFound,
)
from flowgate.domain.models import Graph, Release, Visibility
from flowgate.engine.blocks import default_registry
from flowgate.engine.limits import EngineLimits
from flowgate.store import migrate
from flowgate.store.db import create_engine, session_factory
from tests.harness import GREETER, sqlite_url

LIMITS = EngineLimits()


@dataclass
class Published:
    resolver: ReleaseResolver
    releases: ReleaseUseCases
    auth: str
    v100: Release
    v120: Release
    v200: Release


@pytest.fixture
async def published(tmp_path: Path) -> AsyncIterator[Published]:
    db = create_engine(sqlite_url(tmp_path))
    await migrate.upgrade(db)
    factory = session_factory(db)
    teams = TeamAdmin(factory)
    await teams.create_team("resolvers")
    _key, raw = await teams.create_api_key("resolvers", "k")
    auth = f"Bearer {raw}"
    graph = copy.deepcopy(GREETER)
    graph["nodes"][1]["data"]["internal"] = True
    workflow = await WorkflowUseCases(factory, default_registry(), LIMITS).create(auth, "w", "", Graph.from_json(graph))
    releases = ReleaseUseCases(factory)
    routes = (
        RouteSpec("hello", "GET", "/hello/{name}", SELF),
        RouteSpec("draft", "POST", "/draft", None),
    )
    v100 = await releases.publish(auth, workflow.id, "1.0.0", Visibility.PUBLIC, alias="greeter", routes=routes)
    v120 = await releases.publish(auth, workflow.id, "1.2.0", Visibility.PUBLIC, routes=routes)
    v200 = await releases.publish(auth, workflow.id, "2.0.0", Visibility.PUBLIC, routes=routes)
    try:
        yield Published(ReleaseResolver(factory, default_registry(), LIMITS), releases, auth, v100, v120, v200)
    finally:
        await db.dispose()


async def test_a_deployment_id_names_its_release_compiled(published: Published) -> None:
    resolved = await published.resolver.resolve(RunTarget(deployment_id=published.v120.deployment_id))
    assert resolved.release.deployment_id == published.v120.deployment_id
    assert set(resolved.compiled.nodes) == {"start-1", "transform-1", "end-1"}
    assert resolved.params == {}


async def test_a_version_selector_picks_the_newest_matching_release(published: Published) -> None:
    document_id = published.v100.document_id
    pick = published.resolver.resolve
    assert (await pick(RunTarget(document_id=document_id, version="^1"))).release.version == "1.2.0"
    assert (await pick(RunTarget(document_id=document_id, version="1.0.0"))).release.version == "1.0.0"
    assert (await pick(RunTarget(document_id=document_id))).release.version == "2.0.0"
    # a deployment id with a version: the selector applies to its document
    by_deployment = RunTarget(deployment_id=published.v200.deployment_id, version="1.0")
    assert (await pick(by_deployment)).release.version == "1.0.0"
    with pytest.raises(DeploymentNotFound):
        await pick(RunTarget(document_id=document_id, version="^3"))
    with pytest.raises(InvalidArgument):
        await pick(RunTarget())


async def test_an_alias_route_names_its_deployment_and_path_parameters(published: Published) -> None:
    target = RunTarget(alias="greeter", version="^2", method="get", path="hello/ada")
    resolved = await published.resolver.resolve(target)
    assert resolved.release.deployment_id == published.v200.deployment_id
    assert resolved.params == {"name": "ada"}
    with pytest.raises(AliasNotFound):
        await published.resolver.resolve(RunTarget(alias="nobody", version="^1", method="GET", path="hello/x"))
    with pytest.raises(VersionNotFound):
        await published.resolver.resolve(RunTarget(alias="greeter", version="^9", method="GET", path="hello/x"))
    with pytest.raises(EndpointNotFound):
        await published.resolver.resolve(RunTarget(alias="greeter", version="^1", method="GET", path="nowhere"))
    with pytest.raises(EndpointWithoutDeployment):
        await published.resolver.resolve(RunTarget(alias="greeter", version="^1", method="POST", path="draft"))


async def test_a_compiled_deployment_is_kept_until_it_is_forgotten(published: Published) -> None:
    target = RunTarget(deployment_id=published.v100.deployment_id)
    first = await published.resolver.resolve(target)
    await published.releases.retire(published.auth, published.v100.deployment_id)
    kept = await published.resolver.resolve(target)  # from the cache: no store read
    assert kept.compiled is first.compiled
    published.resolver.forget_deployment(published.v100.deployment_id)
    with pytest.raises(DeploymentNotFound):  # read again: it is retired
        await published.resolver.resolve(target)


async def test_internal_blocks_are_known_per_deployment(published: Published) -> None:
    deployment_id = published.v120.deployment_id
    assert await published.resolver.hidden(deployment_id) == frozenset({"transform-1"})  # compiles it
    resolved = await published.resolver.resolve(RunTarget(deployment_id=deployment_id))
    assert published.resolver.internal(deployment_id, resolved.compiled) == frozenset({"transform-1"})
