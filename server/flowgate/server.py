"""The composition root: builds the whole object graph from settings (never at import time)."""

from __future__ import annotations

import dataclasses
import ipaddress
import logging
from pathlib import Path

import grpc
from grpc_health.v1 import health, health_pb2, health_pb2_grpc

from flowgate.api import reflection
from flowgate.api.accounts import AccountServicer
from flowgate.api.data_sources import DataSourceServicer
from flowgate.api.dify import DifyServicer
from flowgate.api.execution_management import ExecutionManagementServicer
from flowgate.api.executions import ExecutionServicer
from flowgate.api.http_answer import HttpAnswerInterceptor
from flowgate.api.interceptors import RequestLogInterceptor
from flowgate.api.limits import CallLimitsInterceptor
from flowgate.api.released_app import ReleasedAppServicer
from flowgate.api.releases import ReleaseServicer
from flowgate.api.workflow_management import WorkflowManagementServicer
from flowgate.api.workflows import WorkflowServicer
from flowgate.app.accounts import AccountUseCases
from flowgate.app.apps import PublishedApps
from flowgate.app.credits import CreditLedger, CreditPolicy
from flowgate.app.data_sources import DataSourceLimits, DataSourceUseCases, EngineDataSources, TargetCheck
from flowgate.app.dify_apps import DifyApps
from flowgate.app.executions import ExecutionUseCases
from flowgate.app.liveness import Liveness, Sweeper
from flowgate.app.releases import ReleaseUseCases
from flowgate.app.runs import RunPolicy, RunUseCases
from flowgate.app.scheduler import Scheduler
from flowgate.app.schedules import ScheduleAdmin
from flowgate.app.teams import TeamAdmin
from flowgate.app.uploads import Uploads
from flowgate.app.workflow_admin import WorkflowAdmin
from flowgate.app.workflows import WorkflowUseCases
from flowgate.auth.keys import KeyCache
from flowgate.auth.throttle import LoginThrottle
from flowgate.auth.tokens import TokenSigner, derive_key, load_or_create_secret
from flowgate.config import Settings
from flowgate.engine.blocks import BlockRegistry, default_registry
from flowgate.engine.services import Services
from flowgate.runtime import Runtime
from flowgate.store import migrate
from flowgate.store.db import create_engine, session_factory
from flowgate.v1 import (
    account_service_pb2,
    account_service_pb2_grpc,
    data_source_service_pb2,
    data_source_service_pb2_grpc,
    dify_service_pb2,
    dify_service_pb2_grpc,
    execution_management_service_pb2,
    execution_management_service_pb2_grpc,
    execution_service_pb2,
    execution_service_pb2_grpc,
    release_service_pb2,
    release_service_pb2_grpc,
    released_app_service_pb2,
    released_app_service_pb2_grpc,
    workflow_management_service_pb2,
    workflow_management_service_pb2_grpc,
    workflow_service_pb2,
    workflow_service_pb2_grpc,
)
from flowgate.ws import ExecutionSocket

log = logging.getLogger(__name__)


def build_services(settings: Settings) -> Services:
    """The engine's outside services, from settings. The LLM service exists only when a
    provider is configured (an llm block without one fails with a clear message)."""
    from flowgate.engine.http import OutboundHttp
    from flowgate.engine.llm import OpenAICompatible, ProviderConfig
    from flowgate.engine.sandbox import SandboxPool

    chat = None
    if settings.llm_providers:
        chat = OpenAICompatible(
            {
                name: ProviderConfig(
                    base_url=p.base_url,
                    api_key=p.api_key.get_secret_value(),
                    headers={k: v.get_secret_value() for k, v in p.headers.items()},
                    default_model=p.default_model,
                    max_retries=p.max_retries,
                )
                for name, p in settings.llm_providers.items()
            },
            default_provider=settings.llm_default_provider or next(iter(settings.llm_providers)),
            max_connections=settings.llm_max_connections,
        )
    http = OutboundHttp(
        allowed_networks=settings.outbound_allowed_networks,
        allowed_hosts=settings.outbound_allowed_hosts,
        max_response_bytes=settings.outbound_max_response_bytes,
        max_timeout_seconds=settings.outbound_max_timeout_seconds,
        connect_timeout_seconds=settings.outbound_connect_timeout_seconds,
        read_timeout_seconds=settings.outbound_read_timeout_seconds,
        max_redirects=settings.outbound_max_redirects,
    )
    code = SandboxPool(
        settings.code_warm_workers,
        max_running=settings.code_max_running,
        uid=settings.code_sandbox_uid,
        disk_bytes=settings.code_disk_bytes,
        weak=settings.code_sandbox == "weak",
    )
    return Services(chat=chat, http=http, code=code)


SERVICE_NAMES = (
    workflow_service_pb2.DESCRIPTOR.services_by_name["WorkflowService"].full_name,
    release_service_pb2.DESCRIPTOR.services_by_name["ReleaseService"].full_name,
    execution_service_pb2.DESCRIPTOR.services_by_name["ExecutionService"].full_name,
    released_app_service_pb2.DESCRIPTOR.services_by_name["ReleasedAppService"].full_name,
    account_service_pb2.DESCRIPTOR.services_by_name["AccountService"].full_name,
    workflow_management_service_pb2.DESCRIPTOR.services_by_name["WorkflowManagementService"].full_name,
    execution_management_service_pb2.DESCRIPTOR.services_by_name["ExecutionManagementService"].full_name,
    data_source_service_pb2.DESCRIPTOR.services_by_name["DataSourceService"].full_name,
    dify_service_pb2.DESCRIPTOR.services_by_name["DifyService"].full_name,
)


def master_secret(settings: Settings) -> bytes:
    """The installation's secret: FLOWGATE_SECRET_KEY, else one generated into the state dir."""
    from pathlib import Path

    if settings.secret_key is not None:
        raw = settings.secret_key.get_secret_value()
        if len(raw) < 32:
            raise ValueError("FLOWGATE_SECRET_KEY must have at least 32 characters")
        return raw.encode()
    return load_or_create_secret(Path(settings.state_dir) / "secret.key")


class FlowgateServer:
    """A grpc.aio server with every service, health and reflection, over one database."""

    def __init__(
        self, settings: Settings, blocks: BlockRegistry | None = None, services: Services | None = None
    ) -> None:
        """`blocks` replaces the default block registry (to add block types of your own);
        `services` replaces the services built from settings (LLM, HTTP, code, apps)."""
        self.settings = settings
        self.db = create_engine(
            settings.database_url, pool_size=settings.database_pool_size, max_overflow=settings.database_max_overflow
        )
        factory = self.factory = session_factory(self.db)
        limits = settings.engine_limits()
        blocks = self.blocks = blocks or default_registry()
        self.limits = limits
        # Where runs run, their event logs and the commands to them: in this process
        # (another Runtime, e.g. Redis-backed, replaces it for several replicas).
        self.runtime = Runtime.in_process(settings.replay_retention_seconds)
        self.run_registry = self.runtime.tasks
        self.services = services if services is not None else build_services(settings)
        keys = KeyCache(settings.auth_cache_seconds)
        self.teams = TeamAdmin(factory, keys, settings.credits_default_team)
        secret = master_secret(settings)
        self.signer = TokenSigner(derive_key(secret, "access-token"), settings.access_token_ttl_seconds)
        self.accounts = AccountUseCases(
            factory,
            self.signer,
            keys,
            settings.credits_default_team,
            settings.auth_cache_seconds,
            LoginThrottle(
                settings.login_max_failures,
                settings.login_failure_window_seconds,
                name_max_failures=settings.login_name_max_failures,
                max_pause_seconds=settings.login_max_pause_seconds,
            ),
            registration_open=settings.registration_open,
        )
        self.workflow_admin = WorkflowAdmin(factory, self.accounts, blocks, limits)
        # (data sources: constructed here, before the run use cases take self.services)
        self.data_sources = DataSourceUseCases(
            factory,
            self.accounts,
            derive_key(secret, "data-source-credentials"),
            DataSourceLimits(
                max_rows=settings.data_source_max_rows,
                timeout_seconds=settings.data_source_query_timeout_seconds,
                json_dir=Path(settings.data_source_json_dir),
                max_bytes=settings.data_source_max_bytes,
                connect_timeout_seconds=settings.outbound_connect_timeout_seconds,
                idle_connections=settings.data_source_idle_connections,
                idle_seconds=settings.data_source_idle_seconds,
            ),
            http=self.services.http,
            targets=TargetCheck(settings.outbound_allowed_networks, settings.outbound_allowed_hosts),
        )
        if self.services.data_sources is None:
            self.services = dataclasses.replace(self.services, data_sources=EngineDataSources(self.data_sources))
        self.workflows = WorkflowUseCases(factory, blocks, limits)
        self.releases = ReleaseUseCases(factory)
        liveness = Liveness(settings.run_heartbeat_seconds, settings.run_lost_after_seconds)
        self.credits = CreditLedger(
            factory,
            CreditPolicy(
                enabled=settings.credits_enabled,
                reserve=settings.credits_reserve_per_run,
                per_block=settings.credits_per_block,
                per_1k_tokens=settings.credits_per_1k_tokens,
            ),
        )
        self.runs = RunUseCases(
            factory,
            blocks,
            limits,
            self.services,
            self.runtime,
            RunPolicy(settings.default_run_timeout_seconds, settings.max_run_timeout_seconds),
            keys,
            self.credits,
            liveness,
        )
        self.releases.on_retire(self.runs.resolver.forget_deployment)
        if self.services.apps is None:
            self.runs.use_apps(PublishedApps(self.runs))
        # (management executions: constructed here, after self.runs)
        self.executions = ExecutionUseCases(
            factory,
            self.accounts,
            blocks,
            limits,
            self.services
            if self.services.apps is not None
            else dataclasses.replace(self.services, apps=PublishedApps(self.runs)),
            self.runtime,
            settings.default_run_timeout_seconds,
            settings.max_running_executions_per_team,
            liveness,
        )
        self.sweeper = Sweeper(factory, liveness, (self.runs, self.executions))
        self.ws = ExecutionSocket(self.executions, settings.ws_host, settings.ws_port)
        self.ws_port = settings.ws_port
        self.schedules = ScheduleAdmin(factory)
        self.scheduler = Scheduler(factory, self.runs, settings.scheduler_interval_seconds)
        self.health = health.aio.HealthServicer()
        self.grpc = grpc.aio.server(
            interceptors=[
                RequestLogInterceptor(),
                CallLimitsInterceptor(settings.max_json_depth, settings.max_response_bytes),
                HttpAnswerInterceptor(),
            ],
            options=[
                ("grpc.max_receive_message_length", settings.max_request_bytes),
                ("grpc.max_concurrent_streams", settings.max_concurrent_streams),
                ("grpc.server.max_pending_requests", settings.max_pending_requests),
                ("grpc.so_reuseport", 0),
                # Envoy forwards up to 64 KiB of request headers as metadata.
                ("grpc.max_metadata_size", 128 * 1024),
            ],
        )
        workflow_service_pb2_grpc.add_WorkflowServiceServicer_to_server(WorkflowServicer(self.workflows), self.grpc)
        release_service_pb2_grpc.add_ReleaseServiceServicer_to_server(ReleaseServicer(self.releases), self.grpc)
        execution_service_pb2_grpc.add_ExecutionServiceServicer_to_server(
            ExecutionServicer(self.runs, settings.heartbeat_seconds), self.grpc
        )
        released_app_service_pb2_grpc.add_ReleasedAppServiceServicer_to_server(
            ReleasedAppServicer(
                self.runs,
                settings.heartbeat_seconds,
                max_response_bytes=settings.max_response_bytes,
                max_json_depth=settings.max_json_depth,
            ),
            self.grpc,
        )
        # -- the management API (seed 001) --
        account_service_pb2_grpc.add_AccountServiceServicer_to_server(
            AccountServicer(self.accounts, [ipaddress.ip_network(n, strict=False) for n in settings.trusted_proxies]),
            self.grpc,
        )
        workflow_management_service_pb2_grpc.add_WorkflowManagementServiceServicer_to_server(
            WorkflowManagementServicer(self.workflow_admin), self.grpc
        )
        execution_management_service_pb2_grpc.add_ExecutionManagementServiceServicer_to_server(
            ExecutionManagementServicer(self.executions), self.grpc
        )
        data_source_service_pb2_grpc.add_DataSourceServiceServicer_to_server(
            DataSourceServicer(self.data_sources), self.grpc
        )
        # -- Dify's Workflow App API (seed 002) --
        self.dify_apps = DifyApps(factory, self.runs, max_active_runs=settings.app_max_active_runs)
        dify_service_pb2_grpc.add_DifyServiceServicer_to_server(
            DifyServicer(
                self.dify_apps,
                self.runs,
                Uploads(
                    factory,
                    self.services.http,
                    max_bytes=min(settings.upload_max_bytes, settings.max_request_bytes),
                    max_files=settings.upload_max_files,
                ),
                ping_seconds=settings.heartbeat_seconds,
                max_response_bytes=settings.max_response_bytes,
                max_json_depth=settings.max_json_depth,
            ),
            self.grpc,
        )
        health_pb2_grpc.add_HealthServicer_to_server(self.health, self.grpc)
        if settings.grpc_reflection:
            reflection.enable(self.grpc, (*SERVICE_NAMES, health_pb2.DESCRIPTOR.services_by_name["Health"].full_name))
        self.port = self.grpc.add_insecure_port(f"{settings.grpc_host}:{settings.grpc_port}")
        if self.port == 0:
            raise RuntimeError(f"cannot listen on {settings.grpc_host}:{settings.grpc_port}")

    async def migrate(self) -> None:
        await migrate.upgrade(self.db)

    async def start(self) -> None:
        start_code = getattr(self.services.code, "start", None)
        if start_code is not None:
            await start_code()
        await self.grpc.start()
        self.ws_port = await self.ws.start()
        for name in ("", *SERVICE_NAMES):
            await self.health.set(name, health_pb2.HealthCheckResponse.SERVING)
        log.info("gRPC server listening", extra={"address": f"{self.settings.grpc_host}:{self.port}"})
        await self.sweeper.start()
        if self.settings.scheduler_enabled:
            await self.scheduler.start()

    async def stop(self, grace: float | None = None) -> None:
        """Stop taking calls, let open calls and runs finish within `grace` seconds, then close."""
        await self.scheduler.stop()
        grace = self.settings.shutdown_grace_seconds if grace is None else grace
        await self.health.enter_graceful_shutdown()
        await self.grpc.stop(grace)
        await self.ws.stop()
        await self.run_registry.drain(grace=1.0)
        await self.runs.close()
        await self.sweeper.stop()
        await self.data_sources.close()
        for service in (self.services.chat, self.services.http, self.services.code):
            close = getattr(service, "close", None)
            if close is not None:
                await close()
        await self.db.dispose()
        log.info("gRPC server stopped")


def build_server(settings: Settings) -> FlowgateServer:
    return FlowgateServer(settings)
