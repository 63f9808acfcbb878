"""Which release a run runs, compiled: by deployment id, by document id and version
selector, or by release alias + semver range + method and path (the router tree).

Snapshots are immutable, so a verified, compiled release is kept (LRU): a run by
deployment id needs no database round trip once its deployment was compiled here."""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass

from flowgate.app.compiling import compile_graph_off_loop
from flowgate.app.releases import content_hash
from flowgate.app.routing import match_route
from flowgate.domain.errors import (
    AliasNotFound,
    DeploymentNotFound,
    EndpointNotFound,
    EndpointWithoutDeployment,
    InvalidArgument,
    InvalidSnapshot,
    VersionNotFound,
)
from flowgate.domain.models import Graph, Release
from flowgate.domain.versions import newest_matching, parse_semver
from flowgate.engine.blocks import BlockRegistry
from flowgate.engine.graph import CompiledGraph, internal_blocks
from flowgate.engine.limits import EngineLimits
from flowgate.store.uow import SessionFactory, UnitOfWork

MAX_COMPILED = 512
"""Compiled deployments kept."""

MAX_HIDDEN = 1024
"""Deployments whose internal blocks are kept (the cache starts over past this)."""


@dataclass(frozen=True, slots=True)
class RunTarget:
    """Which released app to run: a deployment id, or a document id plus version selector,
    or a release alias + version + method + path (the router tree)."""

    deployment_id: str = ""
    document_id: str = ""
    version: str = ""
    alias: str = ""
    method: str = ""
    path: str = ""


@dataclass(frozen=True, slots=True)
class Resolved:
    release: Release
    compiled: CompiledGraph
    params: dict[str, str]
    """Path parameters (router-tree endpoints)."""


class ReleaseResolver:
    def __init__(self, factory: SessionFactory, registry: BlockRegistry, limits: EngineLimits) -> None:
        self._factory = factory
        self._registry = registry
        self._limits = limits
        self._compiled: OrderedDict[str, tuple[Release, CompiledGraph]] = OrderedDict()
        self._hidden: dict[str, frozenset[str]] = {}

    async def resolve(self, target: RunTarget) -> Resolved:
        """The release to run, compiled, and its path parameters."""
        if target.deployment_id and not target.version:
            hit = self._compiled.get(target.deployment_id)
            if hit is not None:
                self._compiled.move_to_end(target.deployment_id)
                return Resolved(*hit, {})
        async with UnitOfWork(self._factory) as uow:
            release, params = await self._release(uow, target)
            hit = self._compiled.get(release.deployment_id)
            if hit is not None:
                return Resolved(*hit, params)
            release, snapshot = await uow.releases.get_with_snapshot(release.deployment_id)
        graph_json = snapshot.get("graph") if snapshot else None
        if not isinstance(graph_json, dict) or content_hash(snapshot) != release.content_hash:
            raise InvalidSnapshot()
        compiled = await compile_graph_off_loop(Graph.from_json(graph_json), self._registry, self._limits)
        self._compiled[release.deployment_id] = (release, compiled)
        if len(self._compiled) > MAX_COMPILED:
            self._compiled.popitem(last=False)
        return Resolved(release, compiled, params)

    def forget_deployment(self, deployment_id: str) -> None:
        """Drop a cached deployment (it was retired)."""
        self._compiled.pop(deployment_id, None)

    def internal(self, deployment_id: str, compiled: CompiledGraph) -> frozenset[str]:
        """The deployment's internal blocks (API callers see no events of them), computed
        once per deployment."""
        hidden = self._hidden.get(deployment_id)
        if hidden is None:
            if len(self._hidden) > MAX_HIDDEN:
                self._hidden.clear()
            hidden = self._hidden[deployment_id] = internal_blocks(compiled)
        return hidden

    async def hidden(self, deployment_id: str) -> frozenset[str]:
        """The deployment's internal blocks, compiling it if it is not known here."""
        hidden = self._hidden.get(deployment_id)
        if hidden is None:
            resolved = await self.resolve(RunTarget(deployment_id=deployment_id))
            hidden = self.internal(deployment_id, resolved.compiled)
        return hidden

    @staticmethod
    async def _release(uow: UnitOfWork, target: RunTarget) -> tuple[Release, dict[str, str]]:
        if target.alias:
            alias = await uow.aliases.get(target.alias)
            if alias is None:
                raise AliasNotFound(target.alias)
            candidates = [(parse_semver(r.version), r) for r in await uow.releases.list_document(alias.document_id)]
            version = newest_matching(target.version, candidates)
            if version is None:
                raise VersionNotFound(target.version)
            found = match_route(version.routes, target.method, target.path)
            if found is None:
                raise EndpointNotFound(target.method.upper(), "/" + target.path.strip("/"))
            route, params = found
            if route.deployment_id is None or not route.deployment_id:
                raise EndpointWithoutDeployment(route.name or route.path)
            release = await uow.releases.get(route.deployment_id)
            if release.retired_at is not None:
                raise DeploymentNotFound()
            return release, params
        if target.deployment_id:
            release = await uow.releases.get(target.deployment_id)
            if not target.version:
                if release.retired_at is not None:
                    raise DeploymentNotFound()
                return release, {}
            document_id = release.document_id
        elif target.document_id:
            document_id = target.document_id
        else:
            raise InvalidArgument("a deployment id or a document id is required")
        candidates = [(parse_semver(r.version), r) for r in await uow.releases.list_document(document_id)]
        chosen = newest_matching(target.version, candidates)
        if chosen is None:
            raise DeploymentNotFound()
        return chosen, {}
