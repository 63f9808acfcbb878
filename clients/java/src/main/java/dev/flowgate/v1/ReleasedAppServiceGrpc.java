package dev.flowgate.v1;

import static io.grpc.MethodDescriptor.generateFullMethodName;

/**
 * <pre>
 * The released-app HTTP run surface (`/api/released-app/...`). Each RPC returns the
 * documented wire bytes (NDJSON, SSE or one JSON document) as HttpBody messages, which
 * Envoy passes through unchanged. Typed gRPC callers use ExecutionService instead.
 * </pre>
 */
@io.grpc.stub.annotations.GrpcGenerated
public final class ReleasedAppServiceGrpc {

  private ReleasedAppServiceGrpc() {}

  public static final java.lang.String SERVICE_NAME = "flowgate.v1.ReleasedAppService";

  // Static method descriptors that strictly reflect the proto.
  private static volatile io.grpc.MethodDescriptor<dev.flowgate.v1.RunDeploymentRequest,
      com.google.api.HttpBody> getRunDeploymentMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "RunDeployment",
      requestType = dev.flowgate.v1.RunDeploymentRequest.class,
      responseType = com.google.api.HttpBody.class,
      methodType = io.grpc.MethodDescriptor.MethodType.SERVER_STREAMING)
  public static io.grpc.MethodDescriptor<dev.flowgate.v1.RunDeploymentRequest,
      com.google.api.HttpBody> getRunDeploymentMethod() {
    io.grpc.MethodDescriptor<dev.flowgate.v1.RunDeploymentRequest, com.google.api.HttpBody> getRunDeploymentMethod;
    if ((getRunDeploymentMethod = ReleasedAppServiceGrpc.getRunDeploymentMethod) == null) {
      synchronized (ReleasedAppServiceGrpc.class) {
        if ((getRunDeploymentMethod = ReleasedAppServiceGrpc.getRunDeploymentMethod) == null) {
          ReleasedAppServiceGrpc.getRunDeploymentMethod = getRunDeploymentMethod =
              io.grpc.MethodDescriptor.<dev.flowgate.v1.RunDeploymentRequest, com.google.api.HttpBody>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.SERVER_STREAMING)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "RunDeployment"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.flowgate.v1.RunDeploymentRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  com.google.api.HttpBody.getDefaultInstance()))
              .setSchemaDescriptor(new ReleasedAppServiceMethodDescriptorSupplier("RunDeployment"))
              .build();
        }
      }
    }
    return getRunDeploymentMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.flowgate.v1.RunDocumentRequest,
      com.google.api.HttpBody> getRunDocumentMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "RunDocument",
      requestType = dev.flowgate.v1.RunDocumentRequest.class,
      responseType = com.google.api.HttpBody.class,
      methodType = io.grpc.MethodDescriptor.MethodType.SERVER_STREAMING)
  public static io.grpc.MethodDescriptor<dev.flowgate.v1.RunDocumentRequest,
      com.google.api.HttpBody> getRunDocumentMethod() {
    io.grpc.MethodDescriptor<dev.flowgate.v1.RunDocumentRequest, com.google.api.HttpBody> getRunDocumentMethod;
    if ((getRunDocumentMethod = ReleasedAppServiceGrpc.getRunDocumentMethod) == null) {
      synchronized (ReleasedAppServiceGrpc.class) {
        if ((getRunDocumentMethod = ReleasedAppServiceGrpc.getRunDocumentMethod) == null) {
          ReleasedAppServiceGrpc.getRunDocumentMethod = getRunDocumentMethod =
              io.grpc.MethodDescriptor.<dev.flowgate.v1.RunDocumentRequest, com.google.api.HttpBody>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.SERVER_STREAMING)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "RunDocument"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.flowgate.v1.RunDocumentRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  com.google.api.HttpBody.getDefaultInstance()))
              .setSchemaDescriptor(new ReleasedAppServiceMethodDescriptorSupplier("RunDocument"))
              .build();
        }
      }
    }
    return getRunDocumentMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.flowgate.v1.RunRouteRequest,
      com.google.api.HttpBody> getRunRouteMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "RunRoute",
      requestType = dev.flowgate.v1.RunRouteRequest.class,
      responseType = com.google.api.HttpBody.class,
      methodType = io.grpc.MethodDescriptor.MethodType.SERVER_STREAMING)
  public static io.grpc.MethodDescriptor<dev.flowgate.v1.RunRouteRequest,
      com.google.api.HttpBody> getRunRouteMethod() {
    io.grpc.MethodDescriptor<dev.flowgate.v1.RunRouteRequest, com.google.api.HttpBody> getRunRouteMethod;
    if ((getRunRouteMethod = ReleasedAppServiceGrpc.getRunRouteMethod) == null) {
      synchronized (ReleasedAppServiceGrpc.class) {
        if ((getRunRouteMethod = ReleasedAppServiceGrpc.getRunRouteMethod) == null) {
          ReleasedAppServiceGrpc.getRunRouteMethod = getRunRouteMethod =
              io.grpc.MethodDescriptor.<dev.flowgate.v1.RunRouteRequest, com.google.api.HttpBody>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.SERVER_STREAMING)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "RunRoute"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.flowgate.v1.RunRouteRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  com.google.api.HttpBody.getDefaultInstance()))
              .setSchemaDescriptor(new ReleasedAppServiceMethodDescriptorSupplier("RunRoute"))
              .build();
        }
      }
    }
    return getRunRouteMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.flowgate.v1.GetReleasedRunRequest,
      com.google.api.HttpBody> getGetReleasedRunMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "GetReleasedRun",
      requestType = dev.flowgate.v1.GetReleasedRunRequest.class,
      responseType = com.google.api.HttpBody.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.flowgate.v1.GetReleasedRunRequest,
      com.google.api.HttpBody> getGetReleasedRunMethod() {
    io.grpc.MethodDescriptor<dev.flowgate.v1.GetReleasedRunRequest, com.google.api.HttpBody> getGetReleasedRunMethod;
    if ((getGetReleasedRunMethod = ReleasedAppServiceGrpc.getGetReleasedRunMethod) == null) {
      synchronized (ReleasedAppServiceGrpc.class) {
        if ((getGetReleasedRunMethod = ReleasedAppServiceGrpc.getGetReleasedRunMethod) == null) {
          ReleasedAppServiceGrpc.getGetReleasedRunMethod = getGetReleasedRunMethod =
              io.grpc.MethodDescriptor.<dev.flowgate.v1.GetReleasedRunRequest, com.google.api.HttpBody>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "GetReleasedRun"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.flowgate.v1.GetReleasedRunRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  com.google.api.HttpBody.getDefaultInstance()))
              .setSchemaDescriptor(new ReleasedAppServiceMethodDescriptorSupplier("GetReleasedRun"))
              .build();
        }
      }
    }
    return getGetReleasedRunMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.flowgate.v1.CancelReleasedRunRequest,
      com.google.api.HttpBody> getCancelReleasedRunMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "CancelReleasedRun",
      requestType = dev.flowgate.v1.CancelReleasedRunRequest.class,
      responseType = com.google.api.HttpBody.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.flowgate.v1.CancelReleasedRunRequest,
      com.google.api.HttpBody> getCancelReleasedRunMethod() {
    io.grpc.MethodDescriptor<dev.flowgate.v1.CancelReleasedRunRequest, com.google.api.HttpBody> getCancelReleasedRunMethod;
    if ((getCancelReleasedRunMethod = ReleasedAppServiceGrpc.getCancelReleasedRunMethod) == null) {
      synchronized (ReleasedAppServiceGrpc.class) {
        if ((getCancelReleasedRunMethod = ReleasedAppServiceGrpc.getCancelReleasedRunMethod) == null) {
          ReleasedAppServiceGrpc.getCancelReleasedRunMethod = getCancelReleasedRunMethod =
              io.grpc.MethodDescriptor.<dev.flowgate.v1.CancelReleasedRunRequest, com.google.api.HttpBody>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "CancelReleasedRun"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.flowgate.v1.CancelReleasedRunRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  com.google.api.HttpBody.getDefaultInstance()))
              .setSchemaDescriptor(new ReleasedAppServiceMethodDescriptorSupplier("CancelReleasedRun"))
              .build();
        }
      }
    }
    return getCancelReleasedRunMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.flowgate.v1.WatchReleasedRunRequest,
      com.google.api.HttpBody> getWatchReleasedRunMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "WatchReleasedRun",
      requestType = dev.flowgate.v1.WatchReleasedRunRequest.class,
      responseType = com.google.api.HttpBody.class,
      methodType = io.grpc.MethodDescriptor.MethodType.SERVER_STREAMING)
  public static io.grpc.MethodDescriptor<dev.flowgate.v1.WatchReleasedRunRequest,
      com.google.api.HttpBody> getWatchReleasedRunMethod() {
    io.grpc.MethodDescriptor<dev.flowgate.v1.WatchReleasedRunRequest, com.google.api.HttpBody> getWatchReleasedRunMethod;
    if ((getWatchReleasedRunMethod = ReleasedAppServiceGrpc.getWatchReleasedRunMethod) == null) {
      synchronized (ReleasedAppServiceGrpc.class) {
        if ((getWatchReleasedRunMethod = ReleasedAppServiceGrpc.getWatchReleasedRunMethod) == null) {
          ReleasedAppServiceGrpc.getWatchReleasedRunMethod = getWatchReleasedRunMethod =
              io.grpc.MethodDescriptor.<dev.flowgate.v1.WatchReleasedRunRequest, com.google.api.HttpBody>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.SERVER_STREAMING)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "WatchReleasedRun"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.flowgate.v1.WatchReleasedRunRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  com.google.api.HttpBody.getDefaultInstance()))
              .setSchemaDescriptor(new ReleasedAppServiceMethodDescriptorSupplier("WatchReleasedRun"))
              .build();
        }
      }
    }
    return getWatchReleasedRunMethod;
  }

  /**
   * Creates a new async stub that supports all call types for the service
   */
  public static ReleasedAppServiceStub newStub(io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<ReleasedAppServiceStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<ReleasedAppServiceStub>() {
        @java.lang.Override
        public ReleasedAppServiceStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new ReleasedAppServiceStub(channel, callOptions);
        }
      };
    return ReleasedAppServiceStub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports all types of calls on the service
   */
  public static ReleasedAppServiceBlockingV2Stub newBlockingV2Stub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<ReleasedAppServiceBlockingV2Stub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<ReleasedAppServiceBlockingV2Stub>() {
        @java.lang.Override
        public ReleasedAppServiceBlockingV2Stub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new ReleasedAppServiceBlockingV2Stub(channel, callOptions);
        }
      };
    return ReleasedAppServiceBlockingV2Stub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports unary and streaming output calls on the service
   */
  public static ReleasedAppServiceBlockingStub newBlockingStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<ReleasedAppServiceBlockingStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<ReleasedAppServiceBlockingStub>() {
        @java.lang.Override
        public ReleasedAppServiceBlockingStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new ReleasedAppServiceBlockingStub(channel, callOptions);
        }
      };
    return ReleasedAppServiceBlockingStub.newStub(factory, channel);
  }

  /**
   * Creates a new ListenableFuture-style stub that supports unary calls on the service
   */
  public static ReleasedAppServiceFutureStub newFutureStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<ReleasedAppServiceFutureStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<ReleasedAppServiceFutureStub>() {
        @java.lang.Override
        public ReleasedAppServiceFutureStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new ReleasedAppServiceFutureStub(channel, callOptions);
        }
      };
    return ReleasedAppServiceFutureStub.newStub(factory, channel);
  }

  /**
   * <pre>
   * The released-app HTTP run surface (`/api/released-app/...`). Each RPC returns the
   * documented wire bytes (NDJSON, SSE or one JSON document) as HttpBody messages, which
   * Envoy passes through unchanged. Typed gRPC callers use ExecutionService instead.
   * </pre>
   */
  public interface AsyncService {

    /**
     * <pre>
     * Runs a released app by deployment id: `POST /api/released-app/{deploymentId}/run`.
     * API keys and schedule tokens.
     * </pre>
     */
    default void runDeployment(dev.flowgate.v1.RunDeploymentRequest request,
        io.grpc.stub.StreamObserver<com.google.api.HttpBody> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getRunDeploymentMethod(), responseObserver);
    }

    /**
     * <pre>
     * Runs a released app by stable document id: `POST /api/released-app/d/{documentId}/run`.
     * API keys only.
     * </pre>
     */
    default void runDocument(dev.flowgate.v1.RunDocumentRequest request,
        io.grpc.stub.StreamObserver<com.google.api.HttpBody> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getRunDocumentMethod(), responseObserver);
    }

    /**
     * <pre>
     * The release gateway: `ALL /api/released-app/r/{alias}/{version}/{path}` runs the
     * endpoint of the release's router tree matching method and path; always one JSON
     * document. GET takes inputs from the query, other methods from the JSON body.
     * </pre>
     */
    default void runRoute(dev.flowgate.v1.RunRouteRequest request,
        io.grpc.stub.StreamObserver<com.google.api.HttpBody> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getRunRouteMethod(), responseObserver);
    }

    /**
     * <pre>
     * A run's detail as the one-shot JSON document: `GET /api/released-app/runs/{runId}`.
     * </pre>
     */
    default void getReleasedRun(dev.flowgate.v1.GetReleasedRunRequest request,
        io.grpc.stub.StreamObserver<com.google.api.HttpBody> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getGetReleasedRunMethod(), responseObserver);
    }

    /**
     * <pre>
     * Cancels a run: `POST /api/released-app/runs/{runId}:cancel`; answers at once.
     * </pre>
     */
    default void cancelReleasedRun(dev.flowgate.v1.CancelReleasedRunRequest request,
        io.grpc.stub.StreamObserver<com.google.api.HttpBody> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getCancelReleasedRunMethod(), responseObserver);
    }

    /**
     * <pre>
     * Re-attaches to a run's stream: `GET /api/released-app/runs/{runId}/events` — every
     * event after `Last-Event-ID` (SSE) or `afterSeq`, then live ones.
     * </pre>
     */
    default void watchReleasedRun(dev.flowgate.v1.WatchReleasedRunRequest request,
        io.grpc.stub.StreamObserver<com.google.api.HttpBody> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getWatchReleasedRunMethod(), responseObserver);
    }
  }

  /**
   * Base class for the server implementation of the service ReleasedAppService.
   * <pre>
   * The released-app HTTP run surface (`/api/released-app/...`). Each RPC returns the
   * documented wire bytes (NDJSON, SSE or one JSON document) as HttpBody messages, which
   * Envoy passes through unchanged. Typed gRPC callers use ExecutionService instead.
   * </pre>
   */
  public static abstract class ReleasedAppServiceImplBase
      implements io.grpc.BindableService, AsyncService {

    @java.lang.Override public final io.grpc.ServerServiceDefinition bindService() {
      return ReleasedAppServiceGrpc.bindService(this);
    }
  }

  /**
   * A stub to allow clients to do asynchronous rpc calls to service ReleasedAppService.
   * <pre>
   * The released-app HTTP run surface (`/api/released-app/...`). Each RPC returns the
   * documented wire bytes (NDJSON, SSE or one JSON document) as HttpBody messages, which
   * Envoy passes through unchanged. Typed gRPC callers use ExecutionService instead.
   * </pre>
   */
  public static final class ReleasedAppServiceStub
      extends io.grpc.stub.AbstractAsyncStub<ReleasedAppServiceStub> {
    private ReleasedAppServiceStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected ReleasedAppServiceStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new ReleasedAppServiceStub(channel, callOptions);
    }

    /**
     * <pre>
     * Runs a released app by deployment id: `POST /api/released-app/{deploymentId}/run`.
     * API keys and schedule tokens.
     * </pre>
     */
    public void runDeployment(dev.flowgate.v1.RunDeploymentRequest request,
        io.grpc.stub.StreamObserver<com.google.api.HttpBody> responseObserver) {
      io.grpc.stub.ClientCalls.asyncServerStreamingCall(
          getChannel().newCall(getRunDeploymentMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Runs a released app by stable document id: `POST /api/released-app/d/{documentId}/run`.
     * API keys only.
     * </pre>
     */
    public void runDocument(dev.flowgate.v1.RunDocumentRequest request,
        io.grpc.stub.StreamObserver<com.google.api.HttpBody> responseObserver) {
      io.grpc.stub.ClientCalls.asyncServerStreamingCall(
          getChannel().newCall(getRunDocumentMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * The release gateway: `ALL /api/released-app/r/{alias}/{version}/{path}` runs the
     * endpoint of the release's router tree matching method and path; always one JSON
     * document. GET takes inputs from the query, other methods from the JSON body.
     * </pre>
     */
    public void runRoute(dev.flowgate.v1.RunRouteRequest request,
        io.grpc.stub.StreamObserver<com.google.api.HttpBody> responseObserver) {
      io.grpc.stub.ClientCalls.asyncServerStreamingCall(
          getChannel().newCall(getRunRouteMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * A run's detail as the one-shot JSON document: `GET /api/released-app/runs/{runId}`.
     * </pre>
     */
    public void getReleasedRun(dev.flowgate.v1.GetReleasedRunRequest request,
        io.grpc.stub.StreamObserver<com.google.api.HttpBody> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getGetReleasedRunMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Cancels a run: `POST /api/released-app/runs/{runId}:cancel`; answers at once.
     * </pre>
     */
    public void cancelReleasedRun(dev.flowgate.v1.CancelReleasedRunRequest request,
        io.grpc.stub.StreamObserver<com.google.api.HttpBody> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getCancelReleasedRunMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Re-attaches to a run's stream: `GET /api/released-app/runs/{runId}/events` — every
     * event after `Last-Event-ID` (SSE) or `afterSeq`, then live ones.
     * </pre>
     */
    public void watchReleasedRun(dev.flowgate.v1.WatchReleasedRunRequest request,
        io.grpc.stub.StreamObserver<com.google.api.HttpBody> responseObserver) {
      io.grpc.stub.ClientCalls.asyncServerStreamingCall(
          getChannel().newCall(getWatchReleasedRunMethod(), getCallOptions()), request, responseObserver);
    }
  }

  /**
   * A stub to allow clients to do synchronous rpc calls to service ReleasedAppService.
   * <pre>
   * The released-app HTTP run surface (`/api/released-app/...`). Each RPC returns the
   * documented wire bytes (NDJSON, SSE or one JSON document) as HttpBody messages, which
   * Envoy passes through unchanged. Typed gRPC callers use ExecutionService instead.
   * </pre>
   */
  public static final class ReleasedAppServiceBlockingV2Stub
      extends io.grpc.stub.AbstractBlockingStub<ReleasedAppServiceBlockingV2Stub> {
    private ReleasedAppServiceBlockingV2Stub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected ReleasedAppServiceBlockingV2Stub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new ReleasedAppServiceBlockingV2Stub(channel, callOptions);
    }

    /**
     * <pre>
     * Runs a released app by deployment id: `POST /api/released-app/{deploymentId}/run`.
     * API keys and schedule tokens.
     * </pre>
     */
    @io.grpc.ExperimentalApi("https://github.com/grpc/grpc-java/issues/10918")
    public io.grpc.stub.BlockingClientCall<?, com.google.api.HttpBody>
        runDeployment(dev.flowgate.v1.RunDeploymentRequest request) {
      return io.grpc.stub.ClientCalls.blockingV2ServerStreamingCall(
          getChannel(), getRunDeploymentMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Runs a released app by stable document id: `POST /api/released-app/d/{documentId}/run`.
     * API keys only.
     * </pre>
     */
    @io.grpc.ExperimentalApi("https://github.com/grpc/grpc-java/issues/10918")
    public io.grpc.stub.BlockingClientCall<?, com.google.api.HttpBody>
        runDocument(dev.flowgate.v1.RunDocumentRequest request) {
      return io.grpc.stub.ClientCalls.blockingV2ServerStreamingCall(
          getChannel(), getRunDocumentMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * The release gateway: `ALL /api/released-app/r/{alias}/{version}/{path}` runs the
     * endpoint of the release's router tree matching method and path; always one JSON
     * document. GET takes inputs from the query, other methods from the JSON body.
     * </pre>
     */
    @io.grpc.ExperimentalApi("https://github.com/grpc/grpc-java/issues/10918")
    public io.grpc.stub.BlockingClientCall<?, com.google.api.HttpBody>
        runRoute(dev.flowgate.v1.RunRouteRequest request) {
      return io.grpc.stub.ClientCalls.blockingV2ServerStreamingCall(
          getChannel(), getRunRouteMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * A run's detail as the one-shot JSON document: `GET /api/released-app/runs/{runId}`.
     * </pre>
     */
    public com.google.api.HttpBody getReleasedRun(dev.flowgate.v1.GetReleasedRunRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getGetReleasedRunMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Cancels a run: `POST /api/released-app/runs/{runId}:cancel`; answers at once.
     * </pre>
     */
    public com.google.api.HttpBody cancelReleasedRun(dev.flowgate.v1.CancelReleasedRunRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getCancelReleasedRunMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Re-attaches to a run's stream: `GET /api/released-app/runs/{runId}/events` — every
     * event after `Last-Event-ID` (SSE) or `afterSeq`, then live ones.
     * </pre>
     */
    @io.grpc.ExperimentalApi("https://github.com/grpc/grpc-java/issues/10918")
    public io.grpc.stub.BlockingClientCall<?, com.google.api.HttpBody>
        watchReleasedRun(dev.flowgate.v1.WatchReleasedRunRequest request) {
      return io.grpc.stub.ClientCalls.blockingV2ServerStreamingCall(
          getChannel(), getWatchReleasedRunMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do limited synchronous rpc calls to service ReleasedAppService.
   * <pre>
   * The released-app HTTP run surface (`/api/released-app/...`). Each RPC returns the
   * documented wire bytes (NDJSON, SSE or one JSON document) as HttpBody messages, which
   * Envoy passes through unchanged. Typed gRPC callers use ExecutionService instead.
   * </pre>
   */
  public static final class ReleasedAppServiceBlockingStub
      extends io.grpc.stub.AbstractBlockingStub<ReleasedAppServiceBlockingStub> {
    private ReleasedAppServiceBlockingStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected ReleasedAppServiceBlockingStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new ReleasedAppServiceBlockingStub(channel, callOptions);
    }

    /**
     * <pre>
     * Runs a released app by deployment id: `POST /api/released-app/{deploymentId}/run`.
     * API keys and schedule tokens.
     * </pre>
     */
    public java.util.Iterator<com.google.api.HttpBody> runDeployment(
        dev.flowgate.v1.RunDeploymentRequest request) {
      return io.grpc.stub.ClientCalls.blockingServerStreamingCall(
          getChannel(), getRunDeploymentMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Runs a released app by stable document id: `POST /api/released-app/d/{documentId}/run`.
     * API keys only.
     * </pre>
     */
    public java.util.Iterator<com.google.api.HttpBody> runDocument(
        dev.flowgate.v1.RunDocumentRequest request) {
      return io.grpc.stub.ClientCalls.blockingServerStreamingCall(
          getChannel(), getRunDocumentMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * The release gateway: `ALL /api/released-app/r/{alias}/{version}/{path}` runs the
     * endpoint of the release's router tree matching method and path; always one JSON
     * document. GET takes inputs from the query, other methods from the JSON body.
     * </pre>
     */
    public java.util.Iterator<com.google.api.HttpBody> runRoute(
        dev.flowgate.v1.RunRouteRequest request) {
      return io.grpc.stub.ClientCalls.blockingServerStreamingCall(
          getChannel(), getRunRouteMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * A run's detail as the one-shot JSON document: `GET /api/released-app/runs/{runId}`.
     * </pre>
     */
    public com.google.api.HttpBody getReleasedRun(dev.flowgate.v1.GetReleasedRunRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getGetReleasedRunMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Cancels a run: `POST /api/released-app/runs/{runId}:cancel`; answers at once.
     * </pre>
     */
    public com.google.api.HttpBody cancelReleasedRun(dev.flowgate.v1.CancelReleasedRunRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getCancelReleasedRunMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Re-attaches to a run's stream: `GET /api/released-app/runs/{runId}/events` — every
     * event after `Last-Event-ID` (SSE) or `afterSeq`, then live ones.
     * </pre>
     */
    public java.util.Iterator<com.google.api.HttpBody> watchReleasedRun(
        dev.flowgate.v1.WatchReleasedRunRequest request) {
      return io.grpc.stub.ClientCalls.blockingServerStreamingCall(
          getChannel(), getWatchReleasedRunMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do ListenableFuture-style rpc calls to service ReleasedAppService.
   * <pre>
   * The released-app HTTP run surface (`/api/released-app/...`). Each RPC returns the
   * documented wire bytes (NDJSON, SSE or one JSON document) as HttpBody messages, which
   * Envoy passes through unchanged. Typed gRPC callers use ExecutionService instead.
   * </pre>
   */
  public static final class ReleasedAppServiceFutureStub
      extends io.grpc.stub.AbstractFutureStub<ReleasedAppServiceFutureStub> {
    private ReleasedAppServiceFutureStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected ReleasedAppServiceFutureStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new ReleasedAppServiceFutureStub(channel, callOptions);
    }

    /**
     * <pre>
     * A run's detail as the one-shot JSON document: `GET /api/released-app/runs/{runId}`.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<com.google.api.HttpBody> getReleasedRun(
        dev.flowgate.v1.GetReleasedRunRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getGetReleasedRunMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Cancels a run: `POST /api/released-app/runs/{runId}:cancel`; answers at once.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<com.google.api.HttpBody> cancelReleasedRun(
        dev.flowgate.v1.CancelReleasedRunRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getCancelReleasedRunMethod(), getCallOptions()), request);
    }
  }

  private static final int METHODID_RUN_DEPLOYMENT = 0;
  private static final int METHODID_RUN_DOCUMENT = 1;
  private static final int METHODID_RUN_ROUTE = 2;
  private static final int METHODID_GET_RELEASED_RUN = 3;
  private static final int METHODID_CANCEL_RELEASED_RUN = 4;
  private static final int METHODID_WATCH_RELEASED_RUN = 5;

  private static final class MethodHandlers<Req, Resp> implements
      io.grpc.stub.ServerCalls.UnaryMethod<Req, Resp>,
      io.grpc.stub.ServerCalls.ServerStreamingMethod<Req, Resp>,
      io.grpc.stub.ServerCalls.ClientStreamingMethod<Req, Resp>,
      io.grpc.stub.ServerCalls.BidiStreamingMethod<Req, Resp> {
    private final AsyncService serviceImpl;
    private final int methodId;

    MethodHandlers(AsyncService serviceImpl, int methodId) {
      this.serviceImpl = serviceImpl;
      this.methodId = methodId;
    }

    @java.lang.Override
    @java.lang.SuppressWarnings("unchecked")
    public void invoke(Req request, io.grpc.stub.StreamObserver<Resp> responseObserver) {
      switch (methodId) {
        case METHODID_RUN_DEPLOYMENT:
          serviceImpl.runDeployment((dev.flowgate.v1.RunDeploymentRequest) request,
              (io.grpc.stub.StreamObserver<com.google.api.HttpBody>) responseObserver);
          break;
        case METHODID_RUN_DOCUMENT:
          serviceImpl.runDocument((dev.flowgate.v1.RunDocumentRequest) request,
              (io.grpc.stub.StreamObserver<com.google.api.HttpBody>) responseObserver);
          break;
        case METHODID_RUN_ROUTE:
          serviceImpl.runRoute((dev.flowgate.v1.RunRouteRequest) request,
              (io.grpc.stub.StreamObserver<com.google.api.HttpBody>) responseObserver);
          break;
        case METHODID_GET_RELEASED_RUN:
          serviceImpl.getReleasedRun((dev.flowgate.v1.GetReleasedRunRequest) request,
              (io.grpc.stub.StreamObserver<com.google.api.HttpBody>) responseObserver);
          break;
        case METHODID_CANCEL_RELEASED_RUN:
          serviceImpl.cancelReleasedRun((dev.flowgate.v1.CancelReleasedRunRequest) request,
              (io.grpc.stub.StreamObserver<com.google.api.HttpBody>) responseObserver);
          break;
        case METHODID_WATCH_RELEASED_RUN:
          serviceImpl.watchReleasedRun((dev.flowgate.v1.WatchReleasedRunRequest) request,
              (io.grpc.stub.StreamObserver<com.google.api.HttpBody>) responseObserver);
          break;
        default:
          throw new AssertionError();
      }
    }

    @java.lang.Override
    @java.lang.SuppressWarnings("unchecked")
    public io.grpc.stub.StreamObserver<Req> invoke(
        io.grpc.stub.StreamObserver<Resp> responseObserver) {
      switch (methodId) {
        default:
          throw new AssertionError();
      }
    }
  }

  public static final io.grpc.ServerServiceDefinition bindService(AsyncService service) {
    return io.grpc.ServerServiceDefinition.builder(getServiceDescriptor())
        .addMethod(
          getRunDeploymentMethod(),
          io.grpc.stub.ServerCalls.asyncServerStreamingCall(
            new MethodHandlers<
              dev.flowgate.v1.RunDeploymentRequest,
              com.google.api.HttpBody>(
                service, METHODID_RUN_DEPLOYMENT)))
        .addMethod(
          getRunDocumentMethod(),
          io.grpc.stub.ServerCalls.asyncServerStreamingCall(
            new MethodHandlers<
              dev.flowgate.v1.RunDocumentRequest,
              com.google.api.HttpBody>(
                service, METHODID_RUN_DOCUMENT)))
        .addMethod(
          getRunRouteMethod(),
          io.grpc.stub.ServerCalls.asyncServerStreamingCall(
            new MethodHandlers<
              dev.flowgate.v1.RunRouteRequest,
              com.google.api.HttpBody>(
                service, METHODID_RUN_ROUTE)))
        .addMethod(
          getGetReleasedRunMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.flowgate.v1.GetReleasedRunRequest,
              com.google.api.HttpBody>(
                service, METHODID_GET_RELEASED_RUN)))
        .addMethod(
          getCancelReleasedRunMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.flowgate.v1.CancelReleasedRunRequest,
              com.google.api.HttpBody>(
                service, METHODID_CANCEL_RELEASED_RUN)))
        .addMethod(
          getWatchReleasedRunMethod(),
          io.grpc.stub.ServerCalls.asyncServerStreamingCall(
            new MethodHandlers<
              dev.flowgate.v1.WatchReleasedRunRequest,
              com.google.api.HttpBody>(
                service, METHODID_WATCH_RELEASED_RUN)))
        .build();
  }

  private static abstract class ReleasedAppServiceBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoFileDescriptorSupplier, io.grpc.protobuf.ProtoServiceDescriptorSupplier {
    ReleasedAppServiceBaseDescriptorSupplier() {}

    @java.lang.Override
    public com.google.protobuf.Descriptors.FileDescriptor getFileDescriptor() {
      return dev.flowgate.v1.ReleasedAppServiceOuterClass.getDescriptor();
    }

    @java.lang.Override
    public com.google.protobuf.Descriptors.ServiceDescriptor getServiceDescriptor() {
      return getFileDescriptor().findServiceByName("ReleasedAppService");
    }
  }

  private static final class ReleasedAppServiceFileDescriptorSupplier
      extends ReleasedAppServiceBaseDescriptorSupplier {
    ReleasedAppServiceFileDescriptorSupplier() {}
  }

  private static final class ReleasedAppServiceMethodDescriptorSupplier
      extends ReleasedAppServiceBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoMethodDescriptorSupplier {
    private final java.lang.String methodName;

    ReleasedAppServiceMethodDescriptorSupplier(java.lang.String methodName) {
      this.methodName = methodName;
    }

    @java.lang.Override
    public com.google.protobuf.Descriptors.MethodDescriptor getMethodDescriptor() {
      return getServiceDescriptor().findMethodByName(methodName);
    }
  }

  private static volatile io.grpc.ServiceDescriptor serviceDescriptor;

  public static io.grpc.ServiceDescriptor getServiceDescriptor() {
    io.grpc.ServiceDescriptor result = serviceDescriptor;
    if (result == null) {
      synchronized (ReleasedAppServiceGrpc.class) {
        result = serviceDescriptor;
        if (result == null) {
          serviceDescriptor = result = io.grpc.ServiceDescriptor.newBuilder(SERVICE_NAME)
              .setSchemaDescriptor(new ReleasedAppServiceFileDescriptorSupplier())
              .addMethod(getRunDeploymentMethod())
              .addMethod(getRunDocumentMethod())
              .addMethod(getRunRouteMethod())
              .addMethod(getGetReleasedRunMethod())
              .addMethod(getCancelReleasedRunMethod())
              .addMethod(getWatchReleasedRunMethod())
              .build();
        }
      }
    }
    return result;
  }
}
