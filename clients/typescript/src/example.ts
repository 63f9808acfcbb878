// Runs a released app end to end and prints what happened, one line per fact:
//
//   event <seq> <kind> <payload JSON>   every event of RunApp, as it arrives
//   resumed <seq> <kind>                WatchRun(run_id, after_seq=2): the events after 2
//   run <status>                        GetRun
//   cancel <status>                     CancelRun (the run has finished: a no-op)
//   error <code> <reason>               RunApp on a deployment that does not exist
//
// node dist/example.js --address http://127.0.0.1:50051 --api-key wn-… --deployment ID \
//   [--text world] [--transport grpc|grpc-web] [--timeout-ms 30000]
// Each option may come from the environment instead: FLOWGATE_ADDRESS, FLOWGATE_API_KEY,
// FLOWGATE_DEPLOYMENT_ID, FLOWGATE_TEXT, FLOWGATE_TRANSPORT, FLOWGATE_TIMEOUT_MS.

import { parseArgs } from "node:util";

import { toJson, type JsonObject } from "@bufbuild/protobuf";

import {
  Code,
  ConnectError,
  ErrorInfoSchema,
  RunEventSchema,
  RunStatusSchema,
  createFlowgateClient,
  type FlowgateTransportKind,
  type RunEvent,
  type RunStatus,
} from "./index.js";

const MISSING_DEPLOYMENT = "00000000-0000-0000-0000-000000000000";

function option(value: string | undefined, env: string, fallback?: string): string {
  const found = value ?? process.env[env] ?? fallback;
  if (found === undefined || found === "") {
    throw new Error(`missing --${env.replace(/^FLOWGATE_/, "").toLowerCase().replace(/_/g, "-")} (or ${env})`);
  }
  return found;
}

/** "127.0.0.1:50051" → "http://127.0.0.1:50051"; URLs pass unchanged. */
function baseUrl(address: string): string {
  return /^https?:\/\//.test(address) ? address : `http://${address}`;
}

/** The proto name of a run status ("RUN_STATUS_SUCCEEDED"), as toJson prints enums. */
function statusName(status: RunStatus): string {
  return RunStatusSchema.value[status]?.name ?? String(status);
}

/** The event's payload (the set case of `kind`) as proto JSON. */
function payloadJson(event: RunEvent): string {
  const json = toJson(RunEventSchema, event) as JsonObject;
  return JSON.stringify(event.kind.case === undefined ? null : (json[event.kind.case] ?? {}));
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      address: { type: "string" },
      "api-key": { type: "string" },
      deployment: { type: "string" },
      text: { type: "string" },
      transport: { type: "string" },
      "timeout-ms": { type: "string" },
    },
  });
  const transport = option(values.transport, "FLOWGATE_TRANSPORT", "grpc");
  if (transport !== "grpc" && transport !== "grpc-web") {
    throw new Error(`--transport must be grpc or grpc-web, not ${transport}`);
  }
  const deploymentId = option(values.deployment, "FLOWGATE_DEPLOYMENT_ID");
  const text = option(values.text, "FLOWGATE_TEXT", "world");
  const timeoutMs = Number(option(values["timeout-ms"], "FLOWGATE_TIMEOUT_MS", "30000"));

  const fg = createFlowgateClient({
    baseUrl: baseUrl(option(values.address, "FLOWGATE_ADDRESS")),
    apiKey: option(values["api-key"], "FLOWGATE_API_KEY"),
    transport: transport satisfies FlowgateTransportKind,
  });

  // 1. Run the app and consume its stream event by event, under a deadline.
  let runId = "";
  const stream = fg.executions.runApp(
    { target: { case: "deploymentId", value: deploymentId }, inputs: { text } },
    { timeoutMs },
  );
  for await (const { event } of stream) {
    if (event === undefined) continue;
    if (event.kind.case === "runStarted") runId = event.kind.value.runId;
    console.log(`event ${event.seq} ${event.kind.case ?? "unset"} ${payloadJson(event)}`);
  }
  if (runId === "") throw new Error("the stream carried no run_started event");

  // 2. Re-attach as after a dropped connection: every event after seq 2.
  for await (const { event } of fg.executions.watchRun({ runId, afterSeq: 2n }, { timeoutMs })) {
    if (event === undefined) continue;
    console.log(`resumed ${event.seq} ${event.kind.case ?? "unset"}`);
  }

  // 3. Read the stored run.
  const { run } = await fg.executions.getRun({ runId }, { timeoutMs });
  console.log(`run ${run === undefined ? "missing" : statusName(run.status)}`);

  // 4. Cancel it: the run has finished, so this is a no-op that reports its status.
  const cancelled = await fg.executions.cancelRun({ runId }, { timeoutMs });
  console.log(`cancel ${statusName(cancelled.status)}`);

  // 5. A call that cannot start: the status code and google.rpc.ErrorInfo's reason.
  try {
    for await (const _ of fg.executions.runApp(
      { target: { case: "deploymentId", value: MISSING_DEPLOYMENT }, inputs: { text } },
      { timeoutMs },
    )) {
      // No event comes: the call fails before the run starts.
    }
    console.log("error none");
  } catch (err) {
    const ce = ConnectError.from(err);
    const reason = ce.findDetails(ErrorInfoSchema)[0]?.reason ?? "";
    console.log(`error ${Code[ce.code]} ${reason}`);
  }
}

main().catch((err: unknown) => {
  const ce = ConnectError.from(err);
  console.error(`example failed: ${Code[ce.code]} ${ce.message}`);
  process.exitCode = 1;
});
