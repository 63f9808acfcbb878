// Typed client for Flowgate's gRPC API (package flowgate.v1), for Node.js.
//
//   const fg = createFlowgateClient({ baseUrl: "http://127.0.0.1:50051", apiKey: "wn-…" });
//   for await (const { event } of fg.executions.runApp({ target: { case: "deploymentId", value: id } })) { … }
//
// transport "grpc" (default): native gRPC over HTTP/2 (connect-node); TLS with an https
// baseUrl. transport "grpc-web": gRPC-Web over fetch (connect-web), through Envoy's
// listener. Browser bundles import "@flowgate/client/web", which has no Node.js imports.

import type { Transport } from "@connectrpc/connect";
import { createGrpcTransport } from "@connectrpc/connect-node";

import { clientsFor, interceptorsFor, type FlowgateClient, type FlowgateClientOptions } from "./core.js";
import { createFlowgateWebTransport } from "./web.js";

export * from "./core.js";
export { createFlowgateWebClient, createFlowgateWebTransport } from "./web.js";

/** The transport createFlowgateClient uses, for callers that build their own clients. */
export function createFlowgateTransport(options: FlowgateClientOptions): Transport {
  const kind = options.transport ?? "grpc";
  switch (kind) {
    case "grpc":
      // Native gRPC is always HTTP/2; one session is shared by every call of the transport.
      return createGrpcTransport({
        baseUrl: options.baseUrl,
        interceptors: interceptorsFor(options),
        defaultTimeoutMs: options.defaultTimeoutMs,
      });
    case "grpc-web":
      return createFlowgateWebTransport(options);
    default: {
      const unknown: never = kind;
      throw new Error(`unknown transport ${String(unknown)}: use "grpc" or "grpc-web"`);
    }
  }
}

/** Clients for WorkflowService, ReleaseService and ExecutionService, authorized by `apiKey`. */
export function createFlowgateClient(options: FlowgateClientOptions): FlowgateClient {
  return clientsFor(createFlowgateTransport(options));
}
