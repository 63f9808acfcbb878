// Browser entry point ("@flowgate/client/web"): gRPC-Web over fetch only, so bundles do
// not pull in Node.js modules. Point baseUrl at Envoy's HTTP listener (grpc_web filter).

import { createGrpcWebTransport } from "@connectrpc/connect-web";

import { clientsFor, interceptorsFor, type FlowgateClient, type FlowgateClientOptions } from "./core.js";

export * from "./core.js";

/** gRPC-Web transport: binary framing (application/grpc-web+proto), which Envoy translates. */
export function createFlowgateWebTransport(options: Omit<FlowgateClientOptions, "transport">) {
  return createGrpcWebTransport({
    baseUrl: options.baseUrl,
    interceptors: interceptorsFor(options),
    defaultTimeoutMs: options.defaultTimeoutMs,
    useBinaryFormat: true,
  });
}

/** Clients for every gRPC service, over gRPC-Web. */
export function createFlowgateWebClient(options: Omit<FlowgateClientOptions, "transport">): FlowgateClient {
  return clientsFor(createFlowgateWebTransport(options));
}
