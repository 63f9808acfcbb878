"""The `flowgate` command: serve, migrate, operator tasks, and `dev` (server + Envoy + demo app).

Operator commands (teams, keys, credits, publish, schedules) work on the database directly
(`FLOWGATE_DATABASE_URL`), print JSON on stdout, and report a failure as `error: …` on
stderr with exit status 1. They open no port, so they run next to a serving replica."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import getpass
import json
import signal
import sys
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from flowgate import logs
from flowgate.app.accounts import AccountUseCases
from flowgate.app.releases import ALIAS, METHODS, SELF, ReleaseUseCases, RouteSpec
from flowgate.app.schedules import ScheduleAdmin, as_utc
from flowgate.app.teams import TeamAdmin
from flowgate.app.workflow_admin import WorkflowAdmin, WorkflowChange
from flowgate.app.workflows import WorkflowUseCases
from flowgate.auth.keys import KeyCache
from flowgate.auth.tokens import TokenSigner, derive_key
from flowgate.config import Settings
from flowgate.demo import demo_commands, ensure_demo
from flowgate.domain.errors import FlowgateError, InvalidWorkflow
from flowgate.domain.models import ApiKey, Graph, Release, Schedule, Team, User, UserRole, Visibility
from flowgate.domain.versions import parse_semver
from flowgate.engine.blocks import default_registry
from flowgate.files import owner_only_umask, private_dir
from flowgate.server import build_server, master_secret
from flowgate.store import migrate as migrations
from flowgate.store.db import create_engine, session_factory


def _stop_on_signal() -> asyncio.Event:
    """An event SIGINT or SIGTERM sets (from now on: a Ctrl-C right after the banner is
    a clean stop, not a traceback)."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    return stop


async def serve(settings: Settings) -> None:
    server = build_server(settings)
    stop = _stop_on_signal()
    await server.migrate()
    await server.start()
    try:
        await stop.wait()
    finally:
        await server.stop()


async def migrate(settings: Settings) -> None:
    engine = create_engine(settings.database_url)  # no server: a serving replica may hold the port
    try:
        await migrations.upgrade(engine)
    finally:
        await engine.dispose()
    print("database is at the latest revision")


class CliError(Exception):
    """A mistake in the command line or its files (reported like a FlowgateError)."""


@dataclass(frozen=True, slots=True)
class Operator:
    """The use cases operator commands need, over the database alone (no gRPC server)."""

    teams: TeamAdmin
    accounts: AccountUseCases
    workflows: WorkflowUseCases
    workflow_admin: WorkflowAdmin
    releases: ReleaseUseCases
    schedules: ScheduleAdmin


@contextlib.asynccontextmanager
async def operator(settings: Settings) -> AsyncIterator[Operator]:
    """The database at the latest schema, and the operator's use cases over it."""
    engine = create_engine(settings.database_url)
    try:
        await migrations.upgrade(engine)
        factory = session_factory(engine)
        limits = settings.engine_limits()
        accounts = AccountUseCases(
            factory,
            TokenSigner(derive_key(master_secret(settings), "access-token"), settings.access_token_ttl_seconds),
            KeyCache(0),
            settings.credits_default_team,
        )
        yield Operator(
            teams=TeamAdmin(factory, None, settings.credits_default_team),
            accounts=accounts,
            workflow_admin=WorkflowAdmin(factory, accounts, default_registry(), limits),
            workflows=WorkflowUseCases(factory, default_registry(), limits),
            releases=ReleaseUseCases(factory),
            schedules=ScheduleAdmin(factory),
        )
    finally:
        await engine.dispose()


def _time(moment: datetime | str | None) -> str | None:
    if isinstance(moment, str):
        moment = datetime.fromisoformat(moment)
    return None if moment is None else as_utc(moment).isoformat()


def team_json(team: Team) -> dict[str, Any]:
    return {"id": team.id, "name": team.name, "credits": team.credits, "created_at": _time(team.created_at)}


def key_json(key: ApiKey) -> dict[str, Any]:
    """An API key as listed: never its secret nor its hash."""
    return {
        "id": key.id,
        "name": key.name,
        "prefix": key.prefix,
        "created_at": _time(key.created_at),
        "revoked_at": _time(key.revoked_at),
    }


def app_key_json(key: ApiKey) -> dict[str, Any]:
    """An app key as listed: its app, never its secret nor its hash."""
    return {**key_json(key), "document_id": key.document_id}


def _created(key: ApiKey, raw: str) -> dict[str, Any]:
    return {"id": key.id, "team_id": key.team_id, "name": key.name, "prefix": key.prefix, "key": raw}


def release_json(release: Release, alias: str = "") -> dict[str, Any]:
    return {
        "deployment_id": release.deployment_id,
        "document_id": release.document_id,
        "workflow_id": release.workflow_id,
        "team_id": release.team_id,
        "version": release.version,
        "visibility": release.visibility.value,
        "alias": alias,
        "routes": [
            {"name": r.name, "method": r.method, "path": r.path, "deployment_id": r.deployment_id}
            for r in release.routes
        ],
        "created_at": _time(release.created_at),
    }


def schedule_json(schedule: Schedule) -> dict[str, Any]:
    return {
        "id": schedule.id,
        "team_id": schedule.team_id,
        "deployment_id": schedule.deployment_id,
        "name": schedule.name,
        "cron": schedule.cron,
        "inputs": schedule.inputs,
        "token_prefix": schedule.token_prefix,
        "enabled": schedule.enabled,
        "created_at": _time(schedule.created_at),
        "next_run_at": _time(schedule.next_run_at),
        "last_run_at": _time(schedule.last_run_at),
        "last_run_id": schedule.last_run_id,
    }


def parse_route(spec: str) -> RouteSpec:
    """`"METHOD /path"` → an endpoint that runs the release being published."""
    method, _, path = spec.strip().partition(" ")
    path = path.strip()
    if not method or not path.startswith("/"):
        raise CliError(f'--route: expected "METHOD /path", got {spec!r}')
    if method.upper() not in METHODS:
        raise CliError(f"--route: {method!r} is not one of {', '.join(sorted(METHODS))}")
    return RouteSpec(f"{method.upper()} {path}", method.upper(), path, SELF)


def read_workflow(file: str) -> dict[str, Any]:
    """A workflow file: `{"name", "description", "nodes": [...], "edges": [...]}`."""
    path = Path(file)
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise CliError(f"cannot read {file}: {exc.strerror or exc}") from exc
    except ValueError as exc:
        raise CliError(f"{file} is not JSON: {exc}") from exc
    if not isinstance(doc, dict):
        raise CliError(f"{file}: expected a JSON object with nodes and edges")
    for part in ("nodes", "edges"):
        items = doc.get(part, [])
        if not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
            raise CliError(f"{file}: {part} must be a list of objects")
    return doc


def parse_inputs(raw: str) -> dict[str, Any]:
    try:
        inputs = json.loads(raw)
    except ValueError as exc:
        raise CliError(f"--inputs: not JSON: {exc}") from exc
    if not isinstance(inputs, dict):
        raise CliError("--inputs: expected a JSON object")
    return inputs


async def publish(op: Operator, args: argparse.Namespace) -> dict[str, Any]:
    """Create a workflow from the file and publish it, with a short-lived team key
    (named "cli-publish", revoked before returning)."""
    doc = read_workflow(args.file)
    try:
        graph = Graph.from_json(doc)
    except (TypeError, ValueError, AttributeError) as exc:
        raise CliError(f"{args.file}: not a workflow graph: {exc}") from exc
    name = str(args.name or doc.get("name") or Path(args.file).stem)
    description = str(doc.get("description") or "")
    routes = [parse_route(r) for r in args.route]
    parse_semver(args.version)  # checked before anything is written
    if args.alias and not ALIAS.fullmatch(args.alias):
        raise CliError("--alias: 1-100 letters, digits, '-' or '_'")
    visibility = Visibility.PUBLIC if args.public else Visibility.PRIVATE
    key, raw = await op.teams.create_api_key(args.team, "cli-publish")
    try:
        auth = f"Bearer {raw}"
        if args.workflow:
            # A new version of an existing workflow: its releases share one document id,
            # so version selectors ("^1.0") span them. Checked before anything is written.
            problems, _ = await op.workflows.validate(auth, graph)
            if problems:
                raise InvalidWorkflow("Workflow validation failed", violations=problems)
            change = WorkflowChange(
                name=str(args.name or doc.get("name") or "") or None,
                description=str(doc["description"]) if "description" in doc else None,
                graph=graph,
                comment=f"published as {args.version}",
            )
            workflow = (await op.workflow_admin.update(auth, "", args.workflow, change)).workflow
        else:
            workflow = await op.workflows.create(auth, name, description, graph)
        release = await op.releases.publish(
            auth, workflow.id, args.version, visibility, alias=args.alias, routes=routes
        )
    finally:
        await op.teams.revoke_api_key(args.team, key.id)
    return {**release_json(release, args.alias), "name": workflow.name}


async def operate(settings: Settings, args: argparse.Namespace) -> Any:
    """Run one operator command; its JSON result."""
    async with operator(settings) as op:
        match args.command, getattr(args, "action", None):
            case "teams", "create":
                return team_json(await op.teams.create_team(args.name))
            case "teams", "list":
                return [team_json(t) for t in await op.teams.list_teams()]
            case "keys", "create" if args.app:
                key, raw = await op.teams.create_app_key(args.app, args.name or "app key", args.team or "")
                print("Store this key now: it is shown once and kept only as a hash.", file=sys.stderr)
                return {**_created(key, raw), "document_id": key.document_id}
            case "keys", "create":
                if not args.team:
                    raise CliError("keys create needs --team (a team key) or --app (an app key)")
                key, raw = await op.teams.create_api_key(args.team, args.name or "default")
                print("Store this key now: it is shown once and kept only as a hash.", file=sys.stderr)
                return _created(key, raw)
            case "keys", "list" if args.apps:
                return [app_key_json(k) for k in await op.teams.list_api_keys(args.team, app_keys=True)]
            case "keys", "list":
                return [key_json(k) for k in await op.teams.list_api_keys(args.team)]
            case "keys", "revoke":
                return key_json(await op.teams.revoke_api_key(args.team, args.key_id))
            case "credits", "show":
                team, ledger = await op.teams.credits(args.team)
                entries = [{**entry, "created_at": _time(entry["created_at"])} for entry in ledger]
                return {"team": team.name, "team_id": team.id, "balance": team.credits, "ledger": entries}
            case "credits", "add":
                team = await op.teams.add_credits(args.team, args.amount)
                return {"team": team.name, "team_id": team.id, "balance": team.credits}
            case "users", "create":
                role = UserRole.ADMIN if args.admin else UserRole.USER
                password = read_password()
                return user_json(await op.accounts.register(args.username, args.email, password, role))
            case "users", "role":
                return user_json(await op.accounts.promote(args.username, UserRole(args.role)))
            case "users", "list":
                return [user_json(u) for u in await op.accounts.all_users()]
            case "publish", _:
                return await publish(op, args)
            case "schedules", "create":
                inputs = parse_inputs(args.inputs)
                schedule, token = await op.schedules.create(
                    args.team, args.deployment, args.cron, name=args.name, inputs=inputs
                )
                print("Store this token now: it is shown once and kept only as a hash.", file=sys.stderr)
                return {**schedule_json(schedule), "token": token}
            case "schedules", "list":
                return [schedule_json(s) for s in await op.schedules.list(args.team)]
            case "schedules", "enable":
                return schedule_json(await op.schedules.enable(args.team, args.schedule_id))
            case "schedules", "disable":
                return schedule_json(await op.schedules.disable(args.team, args.schedule_id))
            case "schedules", "delete":
                await op.schedules.delete(args.team, args.schedule_id)
                return {"id": args.schedule_id, "deleted": True}
    raise CliError(f"unknown command: {args.command}")


def read_password() -> str:
    """A new user's password: typed twice at a terminal, or one line of standard input."""
    if sys.stdin.isatty():
        first = getpass.getpass("Password: ")
        if getpass.getpass("Again: ") != first:
            raise CliError("the passwords differ")
        return first
    return sys.stdin.readline().rstrip("\n")


def user_json(user: User) -> dict[str, Any]:
    return {
        "id": user.id,
        "username": user.username,
        "email": user.email,
        "role": user.role.value,
        "created_at": _time(user.created_at),
    }


def error_text(err: FlowgateError) -> str:
    details = [f"{v.field}: {v.message}" for v in err.violations]
    details = [d for d in details if d not in err.message]
    return f"{err.message} ({'; '.join(details)})" if details else err.message


async def dev(settings: Settings) -> None:
    from flowgate.envoy import EnvoyProcess, render_config

    server = build_server(settings)
    await server.migrate()
    await server.start()
    envoy = EnvoyProcess(
        render_config(
            Path(settings.envoy_config) if settings.envoy_config else None,
            http_host=settings.http_host,
            http_port=settings.http_port,
            grpc_host=settings.grpc_host,
            grpc_port=server.port,
            admin_port=settings.envoy_admin_port,
            ws_port=getattr(server, "ws_port", None),
            max_request_bytes=settings.max_request_bytes,
            max_response_bytes=settings.max_response_bytes,
        ),
        settings.envoy_admin_port,
        log_path=Path(settings.state_dir) / "envoy.log",
    )
    stop = _stop_on_signal()
    try:
        envoy.spawn()
        await asyncio.to_thread(envoy.wait_ready)
        state = await ensure_demo(server)
        curl, grpcurl, dify = demo_commands(settings, server.port, state)
        print(
            f"\nFlowgate is running: gRPC on {settings.grpc_host}:{server.port}, "
            f"HTTP (Envoy) on {settings.http_host}:{settings.http_port}.\n"
            f"\nRun the demo app over HTTP (NDJSON stream):\n\n{curl}\n"
            f"\nRun it over gRPC (typed events):\n\n{grpcurl}\n"
            f"\nThe demo app's app key (the Dify-compatible /v1 routes take it): {state['app_key']}\n"
            f"\nRun it with Dify's Workflow App API (blocking JSON):\n\n{dify}\n"
            "\nPress Ctrl-C to stop.\n",
            flush=True,
        )
        await stop.wait()
    finally:
        await asyncio.to_thread(envoy.stop)
        await server.stop()
        print("Flowgate stopped.", flush=True)


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="flowgate", description="Flowgate: run published AI workflow apps.")
    sub = top.add_subparsers(dest="command", required=True)
    sub.add_parser("serve", help="migrate, then serve gRPC until SIGINT/SIGTERM")
    sub.add_parser("dev", help="serve gRPC, start Envoy, publish the demo app and print commands to try")
    sub.add_parser("migrate", help="bring the database to the latest schema")

    teams = sub.add_parser("teams", help="manage teams").add_subparsers(dest="action", required=True)
    teams.add_parser("create", help="create a team").add_argument("name")
    teams.add_parser("list", help="list teams")

    keys = sub.add_parser("keys", help="manage API keys").add_subparsers(dest="action", required=True)
    key_create = keys.add_parser("create", help="create an API key, or with --app an app key (printed once)")
    key_create.add_argument("--team", help="the team (of a team key; optional with --app)")
    key_create.add_argument("--app", metavar="DOCUMENT_ID", help="create an app key bound to this app")
    key_create.add_argument("--name", help='a name for the key (default "default", or "app key")')
    key_list = keys.add_parser("list", help="list a team's keys (never their secrets)")
    key_list.add_argument("--team", required=True)
    key_list.add_argument("--apps", action="store_true", help="list the team's app keys instead")
    key_revoke = keys.add_parser("revoke", help="revoke an API key or app key")
    key_revoke.add_argument("--team", required=True)
    key_revoke.add_argument("key_id")

    credits = sub.add_parser("credits", help="team credit balances").add_subparsers(dest="action", required=True)
    credits.add_parser("show", help="balance and recent ledger").add_argument("--team", required=True)
    credits_add = credits.add_parser("add", help="add credits (a negative amount removes)")
    credits_add.add_argument("--team", required=True)
    credits_add.add_argument("amount", type=int)

    users = sub.add_parser("users", help="management API users").add_subparsers(dest="action", required=True)
    user_create = users.add_parser("create", help="create a user (password from the terminal or one stdin line)")
    user_create.add_argument("username")
    user_create.add_argument("--email", required=True)
    user_create.add_argument("--admin", action="store_true", help="give the user the admin role")
    user_role = users.add_parser("role", help="set a user's role")
    user_role.add_argument("username")
    user_role.add_argument("role", choices=["admin", "user"])
    users.add_parser("list", help="list users")

    pub = sub.add_parser("publish", help="create a workflow from a JSON file and publish a release of it")
    pub.add_argument("file", help='workflow JSON: {"name", "description", "nodes": [...], "edges": [...]}')
    pub.add_argument("--team", required=True)
    pub.add_argument(
        "--workflow", default="", help="publish the file as a new version of this workflow (same document id)"
    )
    pub.add_argument("--version", required=True, help="semantic version, e.g. 1.0.0")
    pub.add_argument("--name", default="", help="workflow name (default: the file's name field)")
    pub.add_argument("--public", action="store_true", help="any team's key may run it (default: private)")
    pub.add_argument("--alias", default="", help="point this release alias at the document")
    pub.add_argument(
        "--route", action="append", default=[], metavar='"METHOD /path"', help="an endpoint running this release"
    )

    schedules = sub.add_parser("schedules", help="cron schedules").add_subparsers(dest="action", required=True)
    sched_create = schedules.add_parser("create", help="schedule a deployment (prints its token once)")
    sched_create.add_argument("--team", required=True)
    sched_create.add_argument("--deployment", required=True)
    sched_create.add_argument("--cron", required=True, help='5 fields, UTC, e.g. "*/5 * * * *"')
    sched_create.add_argument("--name", default="")
    sched_create.add_argument("--inputs", default="{}", help="JSON object of run inputs")
    schedules.add_parser("list", help="list a team's schedules").add_argument("--team", required=True)
    for action, text in (("enable", "enable a schedule"), ("disable", "disable a schedule"), ("delete", "delete")):
        one = schedules.add_parser(action, help=text)
        one.add_argument("--team", required=True)
        one.add_argument("schedule_id")
    return top


def main(argv: list[str] | None = None) -> None:
    args = parser().parse_args(argv)
    settings = Settings()
    logs.configure(settings.log_level, settings.log_format)
    owner_only_umask()  # the database, its journals, keys and logs: owner-only
    try:
        match args.command:
            case "serve":
                if Path(settings.state_dir).exists():  # ours: tightened if an older install left it open
                    private_dir(Path(settings.state_dir))
                asyncio.run(serve(settings))
            case "dev":
                private_dir(Path(settings.state_dir))
                asyncio.run(dev(settings))
            case "migrate":
                asyncio.run(migrate(settings))
            case _:
                print(json.dumps(asyncio.run(operate(settings, args)), indent=2))
    except FlowgateError as err:
        print(f"error: {error_text(err)}", file=sys.stderr)
        sys.exit(1)
    except CliError as err:
        print(f"error: {err}", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
