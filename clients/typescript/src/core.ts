// What both entry points share: the generated services and messages, the error-detail
// messages, the auth interceptor and the client bundle. No transport here, so this
// module is safe in browsers and in Node.js alike.

import { createClient, type Client, type Interceptor, type Transport } from "@connectrpc/connect";

import { ExecutionService } from "./gen/flowgate/v1/execution_service_pb.js";
import { ReleaseService } from "./gen/flowgate/v1/release_service_pb.js";
import { WorkflowService } from "./gen/flowgate/v1/workflow_service_pb.js";

export * from "./gen/flowgate/v1/execution_pb.js";
export * from "./gen/flowgate/v1/execution_service_pb.js";
export * from "./gen/flowgate/v1/release_pb.js";
export * from "./gen/flowgate/v1/release_service_pb.js";
export * from "./gen/flowgate/v1/workflow_pb.js";
export * from "./gen/flowgate/v1/workflow_service_pb.js";
export {
  BadRequestSchema,
  ErrorInfoSchema,
  type BadRequest,
  type BadRequest_FieldViolation,
  type ErrorInfo,
} from "./gen/google/rpc/error_details_pb.js";
export { Code, ConnectError, type CallOptions, type Interceptor, type Transport } from "@connectrpc/connect";

/** Which wire protocol the client speaks. */
export type FlowgateTransportKind = "grpc" | "grpc-web";

export interface FlowgateClientOptions {
  /**
   * Where the API is: `http://host:port` for plaintext, `https://host:port` for TLS.
   * For "grpc" this is the gRPC port (or Envoy's listener, which passes native gRPC
   * through); for "grpc-web" it is Envoy's HTTP listener.
   */
  baseUrl: string;
  /** A team API key (`wn-…`) or a schedule token (`st-…`); sent as `authorization: Bearer …`. */
  apiKey: string;
  /** Wire protocol; default "grpc". */
  transport?: FlowgateTransportKind;
  /** Deadline applied to every call that sets no `timeoutMs` of its own. */
  defaultTimeoutMs?: number;
  /** Further interceptors, run after the one that adds the authorization header. */
  interceptors?: Interceptor[];
}

/** One typed client per service, sharing one transport. */
export interface FlowgateClient {
  workflows: Client<typeof WorkflowService>;
  releases: Client<typeof ReleaseService>;
  executions: Client<typeof ExecutionService>;
  transport: Transport;
}

/** An interceptor that puts `authorization: Bearer <apiKey>` on every call. */
export function bearerAuth(apiKey: string): Interceptor {
  return (next) => async (req) => {
    req.header.set("authorization", `Bearer ${apiKey}`);
    return await next(req);
  };
}

/** The interceptor chain of a client: authorization first, then the caller's own. */
export function interceptorsFor(options: FlowgateClientOptions): Interceptor[] {
  return [bearerAuth(options.apiKey), ...(options.interceptors ?? [])];
}

/** Clients for WorkflowService, ReleaseService and ExecutionService over `transport`. */
export function clientsFor(transport: Transport): FlowgateClient {
  return {
    workflows: createClient(WorkflowService, transport),
    releases: createClient(ReleaseService, transport),
    executions: createClient(ExecutionService, transport),
    transport,
  };
}
