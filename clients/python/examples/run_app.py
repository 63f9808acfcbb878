"""Runs a released Flowgate app with the typed client and shows the rest of the run API.

    python examples/run_app.py 127.0.0.1:50051 wn-… DEPLOYMENT_ID "world" [--tls]

Prints, one line each:
    event <seq> <kind> <payload as JSON>     every event of RunApp, as it arrives
    resumed <seq> <kind>                     WatchRun(run_id, after_seq=2): the events after seq 2
    run <status>                             GetRun
    cancel <status>                          CancelRun (the run is over: a no-op)
    error <grpc code> <ErrorInfo reason>     RunApp on a deployment that does not exist
"""

from __future__ import annotations

import argparse
import json
import sys
import uuid

import betterproto2
import grpc

from flowgate_client import call_options, connect, error_details
from flowgate_client.api.flowgate.v1 import (
    CancelRunRequest,
    ExecutionServiceStub,
    GetRunRequest,
    Run,
    RunAppRequest,
    RunEvent,
    WatchRunRequest,
)
from flowgate_client.api.google.protobuf import Struct


def kind_of(event: RunEvent) -> tuple[str, betterproto2.Message | None]:
    """The `kind` oneof: which event this is, and its payload."""
    name, payload = betterproto2.which_one_of(event, "kind")
    return name, payload


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("address", help="host:port of Flowgate's gRPC endpoint")
    parser.add_argument("api_key", help="a team API key (wn-…)")
    parser.add_argument("deployment_id", help="the released app's deployment id")
    parser.add_argument("text", help="the app's `text` input")
    parser.add_argument("--tls", action="store_true", help="connect with TLS (system roots)")
    parser.add_argument("--timeout", type=float, default=30.0, help="deadline of each call, seconds")
    args = parser.parse_args(argv)

    with connect(args.address, args.api_key, tls=args.tls, timeout=args.timeout) as channel:
        stub = ExecutionServiceStub(channel)

        # RunApp: a server stream of typed events, consumed as they arrive. The deadline
        # bounds the whole stream; iterate inside the block (the call starts on first next()).
        request = RunAppRequest(deployment_id=args.deployment_id, inputs=Struct.from_dict({"text": args.text}))
        run_id = ""
        with call_options(timeout=args.timeout):
            for response in stub.run_app(request):
                event = response.event or RunEvent()
                kind, payload = kind_of(event)
                if event.run_started is not None:
                    run_id = event.run_started.run_id
                data = payload.to_dict() if payload is not None else {}
                print(f"event {event.seq} {kind} {json.dumps(data, sort_keys=True)}", flush=True)

        # WatchRun: re-attach as after a dropped connection, from the last seq seen.
        for watched in stub.watch_run(WatchRunRequest(run_id=run_id, after_seq=2)):
            event = watched.event or RunEvent()
            print(f"resumed {event.seq} {kind_of(event)[0]}", flush=True)

        run = stub.get_run(GetRunRequest(run_id=run_id)).run or Run()
        print(f"run {run.status.proto_name}", flush=True)

        cancelled = stub.cancel_run(CancelRunRequest(run_id=run_id))
        print(f"cancel {cancelled.status.proto_name}", flush=True)

        # Errors: a gRPC status code plus google.rpc.ErrorInfo in grpc-status-details-bin.
        missing = RunAppRequest(deployment_id=str(uuid.UUID(int=0)), inputs=Struct.from_dict({"text": args.text}))
        try:
            for _ in stub.run_app(missing):
                pass
        except grpc.RpcError as err:
            details = error_details(err)
            print(f"error {details.code.name} {details.reason}", flush=True)
        else:
            print("error none: RunApp on a missing deployment succeeded", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
