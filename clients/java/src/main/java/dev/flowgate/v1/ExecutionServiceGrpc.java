package dev.flowgate.v1;

import static io.grpc.MethodDescriptor.generateFullMethodName;

/**
 * <pre>
 * Runs released apps and reads runs. Every call is authorized by an API key
 * (`authorization: Bearer wn-…`): public releases accept any valid key, private
 * releases only keys of the owning team.
 * </pre>
 */
@io.grpc.stub.annotations.GrpcGenerated
public final class ExecutionServiceGrpc {

  private ExecutionServiceGrpc() {}

  public static final java.lang.String SERVICE_NAME = "flowgate.v1.ExecutionService";

  // Static method descriptors that strictly reflect the proto.
  private static volatile io.grpc.MethodDescriptor<dev.flowgate.v1.RunAppRequest,
      dev.flowgate.v1.RunAppResponse> getRunAppMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "RunApp",
      requestType = dev.flowgate.v1.RunAppRequest.class,
      responseType = dev.flowgate.v1.RunAppResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.SERVER_STREAMING)
  public static io.grpc.MethodDescriptor<dev.flowgate.v1.RunAppRequest,
      dev.flowgate.v1.RunAppResponse> getRunAppMethod() {
    io.grpc.MethodDescriptor<dev.flowgate.v1.RunAppRequest, dev.flowgate.v1.RunAppResponse> getRunAppMethod;
    if ((getRunAppMethod = ExecutionServiceGrpc.getRunAppMethod) == null) {
      synchronized (ExecutionServiceGrpc.class) {
        if ((getRunAppMethod = ExecutionServiceGrpc.getRunAppMethod) == null) {
          ExecutionServiceGrpc.getRunAppMethod = getRunAppMethod =
              io.grpc.MethodDescriptor.<dev.flowgate.v1.RunAppRequest, dev.flowgate.v1.RunAppResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.SERVER_STREAMING)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "RunApp"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.flowgate.v1.RunAppRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.flowgate.v1.RunAppResponse.getDefaultInstance()))
              .setSchemaDescriptor(new ExecutionServiceMethodDescriptorSupplier("RunApp"))
              .build();
        }
      }
    }
    return getRunAppMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.flowgate.v1.GetRunRequest,
      dev.flowgate.v1.GetRunResponse> getGetRunMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "GetRun",
      requestType = dev.flowgate.v1.GetRunRequest.class,
      responseType = dev.flowgate.v1.GetRunResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.flowgate.v1.GetRunRequest,
      dev.flowgate.v1.GetRunResponse> getGetRunMethod() {
    io.grpc.MethodDescriptor<dev.flowgate.v1.GetRunRequest, dev.flowgate.v1.GetRunResponse> getGetRunMethod;
    if ((getGetRunMethod = ExecutionServiceGrpc.getGetRunMethod) == null) {
      synchronized (ExecutionServiceGrpc.class) {
        if ((getGetRunMethod = ExecutionServiceGrpc.getGetRunMethod) == null) {
          ExecutionServiceGrpc.getGetRunMethod = getGetRunMethod =
              io.grpc.MethodDescriptor.<dev.flowgate.v1.GetRunRequest, dev.flowgate.v1.GetRunResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "GetRun"))
              .setSafe(true)
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.flowgate.v1.GetRunRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.flowgate.v1.GetRunResponse.getDefaultInstance()))
              .setSchemaDescriptor(new ExecutionServiceMethodDescriptorSupplier("GetRun"))
              .build();
        }
      }
    }
    return getGetRunMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.flowgate.v1.WatchRunRequest,
      dev.flowgate.v1.WatchRunResponse> getWatchRunMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "WatchRun",
      requestType = dev.flowgate.v1.WatchRunRequest.class,
      responseType = dev.flowgate.v1.WatchRunResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.SERVER_STREAMING)
  public static io.grpc.MethodDescriptor<dev.flowgate.v1.WatchRunRequest,
      dev.flowgate.v1.WatchRunResponse> getWatchRunMethod() {
    io.grpc.MethodDescriptor<dev.flowgate.v1.WatchRunRequest, dev.flowgate.v1.WatchRunResponse> getWatchRunMethod;
    if ((getWatchRunMethod = ExecutionServiceGrpc.getWatchRunMethod) == null) {
      synchronized (ExecutionServiceGrpc.class) {
        if ((getWatchRunMethod = ExecutionServiceGrpc.getWatchRunMethod) == null) {
          ExecutionServiceGrpc.getWatchRunMethod = getWatchRunMethod =
              io.grpc.MethodDescriptor.<dev.flowgate.v1.WatchRunRequest, dev.flowgate.v1.WatchRunResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.SERVER_STREAMING)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "WatchRun"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.flowgate.v1.WatchRunRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.flowgate.v1.WatchRunResponse.getDefaultInstance()))
              .setSchemaDescriptor(new ExecutionServiceMethodDescriptorSupplier("WatchRun"))
              .build();
        }
      }
    }
    return getWatchRunMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.flowgate.v1.CancelRunRequest,
      dev.flowgate.v1.CancelRunResponse> getCancelRunMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "CancelRun",
      requestType = dev.flowgate.v1.CancelRunRequest.class,
      responseType = dev.flowgate.v1.CancelRunResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.flowgate.v1.CancelRunRequest,
      dev.flowgate.v1.CancelRunResponse> getCancelRunMethod() {
    io.grpc.MethodDescriptor<dev.flowgate.v1.CancelRunRequest, dev.flowgate.v1.CancelRunResponse> getCancelRunMethod;
    if ((getCancelRunMethod = ExecutionServiceGrpc.getCancelRunMethod) == null) {
      synchronized (ExecutionServiceGrpc.class) {
        if ((getCancelRunMethod = ExecutionServiceGrpc.getCancelRunMethod) == null) {
          ExecutionServiceGrpc.getCancelRunMethod = getCancelRunMethod =
              io.grpc.MethodDescriptor.<dev.flowgate.v1.CancelRunRequest, dev.flowgate.v1.CancelRunResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "CancelRun"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.flowgate.v1.CancelRunRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.flowgate.v1.CancelRunResponse.getDefaultInstance()))
              .setSchemaDescriptor(new ExecutionServiceMethodDescriptorSupplier("CancelRun"))
              .build();
        }
      }
    }
    return getCancelRunMethod;
  }

  /**
   * Creates a new async stub that supports all call types for the service
   */
  public static ExecutionServiceStub newStub(io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<ExecutionServiceStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<ExecutionServiceStub>() {
        @java.lang.Override
        public ExecutionServiceStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new ExecutionServiceStub(channel, callOptions);
        }
      };
    return ExecutionServiceStub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports all types of calls on the service
   */
  public static ExecutionServiceBlockingV2Stub newBlockingV2Stub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<ExecutionServiceBlockingV2Stub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<ExecutionServiceBlockingV2Stub>() {
        @java.lang.Override
        public ExecutionServiceBlockingV2Stub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new ExecutionServiceBlockingV2Stub(channel, callOptions);
        }
      };
    return ExecutionServiceBlockingV2Stub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports unary and streaming output calls on the service
   */
  public static ExecutionServiceBlockingStub newBlockingStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<ExecutionServiceBlockingStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<ExecutionServiceBlockingStub>() {
        @java.lang.Override
        public ExecutionServiceBlockingStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new ExecutionServiceBlockingStub(channel, callOptions);
        }
      };
    return ExecutionServiceBlockingStub.newStub(factory, channel);
  }

  /**
   * Creates a new ListenableFuture-style stub that supports unary calls on the service
   */
  public static ExecutionServiceFutureStub newFutureStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<ExecutionServiceFutureStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<ExecutionServiceFutureStub>() {
        @java.lang.Override
        public ExecutionServiceFutureStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new ExecutionServiceFutureStub(channel, callOptions);
        }
      };
    return ExecutionServiceFutureStub.newStub(factory, channel);
  }

  /**
   * <pre>
   * Runs released apps and reads runs. Every call is authorized by an API key
   * (`authorization: Bearer wn-…`): public releases accept any valid key, private
   * releases only keys of the owning team.
   * </pre>
   */
  public interface AsyncService {

    /**
     * <pre>
     * Runs a released app and streams its typed events as they happen.
     * </pre>
     */
    default void runApp(dev.flowgate.v1.RunAppRequest request,
        io.grpc.stub.StreamObserver<dev.flowgate.v1.RunAppResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getRunAppMethod(), responseObserver);
    }

    /**
     * <pre>
     * Returns one run.
     * </pre>
     */
    default void getRun(dev.flowgate.v1.GetRunRequest request,
        io.grpc.stub.StreamObserver<dev.flowgate.v1.GetRunResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getGetRunMethod(), responseObserver);
    }

    /**
     * <pre>
     * Re-attaches to a run's stream after a dropped connection: every event after
     * `after_seq`, then live ones until the run completes. Events are kept for a configured
     * time after the run ends.
     * </pre>
     */
    default void watchRun(dev.flowgate.v1.WatchRunRequest request,
        io.grpc.stub.StreamObserver<dev.flowgate.v1.WatchRunResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getWatchRunMethod(), responseObserver);
    }

    /**
     * <pre>
     * Asks a running run to stop. Returns at once; the run's stream ends with a
     * cancelled `run_completed` within a second. Cancelling a finished run is a no-op.
     * </pre>
     */
    default void cancelRun(dev.flowgate.v1.CancelRunRequest request,
        io.grpc.stub.StreamObserver<dev.flowgate.v1.CancelRunResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getCancelRunMethod(), responseObserver);
    }
  }

  /**
   * Base class for the server implementation of the service ExecutionService.
   * <pre>
   * Runs released apps and reads runs. Every call is authorized by an API key
   * (`authorization: Bearer wn-…`): public releases accept any valid key, private
   * releases only keys of the owning team.
   * </pre>
   */
  public static abstract class ExecutionServiceImplBase
      implements io.grpc.BindableService, AsyncService {

    @java.lang.Override public final io.grpc.ServerServiceDefinition bindService() {
      return ExecutionServiceGrpc.bindService(this);
    }
  }

  /**
   * A stub to allow clients to do asynchronous rpc calls to service ExecutionService.
   * <pre>
   * Runs released apps and reads runs. Every call is authorized by an API key
   * (`authorization: Bearer wn-…`): public releases accept any valid key, private
   * releases only keys of the owning team.
   * </pre>
   */
  public static final class ExecutionServiceStub
      extends io.grpc.stub.AbstractAsyncStub<ExecutionServiceStub> {
    private ExecutionServiceStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected ExecutionServiceStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new ExecutionServiceStub(channel, callOptions);
    }

    /**
     * <pre>
     * Runs a released app and streams its typed events as they happen.
     * </pre>
     */
    public void runApp(dev.flowgate.v1.RunAppRequest request,
        io.grpc.stub.StreamObserver<dev.flowgate.v1.RunAppResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncServerStreamingCall(
          getChannel().newCall(getRunAppMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Returns one run.
     * </pre>
     */
    public void getRun(dev.flowgate.v1.GetRunRequest request,
        io.grpc.stub.StreamObserver<dev.flowgate.v1.GetRunResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getGetRunMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Re-attaches to a run's stream after a dropped connection: every event after
     * `after_seq`, then live ones until the run completes. Events are kept for a configured
     * time after the run ends.
     * </pre>
     */
    public void watchRun(dev.flowgate.v1.WatchRunRequest request,
        io.grpc.stub.StreamObserver<dev.flowgate.v1.WatchRunResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncServerStreamingCall(
          getChannel().newCall(getWatchRunMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Asks a running run to stop. Returns at once; the run's stream ends with a
     * cancelled `run_completed` within a second. Cancelling a finished run is a no-op.
     * </pre>
     */
    public void cancelRun(dev.flowgate.v1.CancelRunRequest request,
        io.grpc.stub.StreamObserver<dev.flowgate.v1.CancelRunResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getCancelRunMethod(), getCallOptions()), request, responseObserver);
    }
  }

  /**
   * A stub to allow clients to do synchronous rpc calls to service ExecutionService.
   * <pre>
   * Runs released apps and reads runs. Every call is authorized by an API key
   * (`authorization: Bearer wn-…`): public releases accept any valid key, private
   * releases only keys of the owning team.
   * </pre>
   */
  public static final class ExecutionServiceBlockingV2Stub
      extends io.grpc.stub.AbstractBlockingStub<ExecutionServiceBlockingV2Stub> {
    private ExecutionServiceBlockingV2Stub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected ExecutionServiceBlockingV2Stub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new ExecutionServiceBlockingV2Stub(channel, callOptions);
    }

    /**
     * <pre>
     * Runs a released app and streams its typed events as they happen.
     * </pre>
     */
    @io.grpc.ExperimentalApi("https://github.com/grpc/grpc-java/issues/10918")
    public io.grpc.stub.BlockingClientCall<?, dev.flowgate.v1.RunAppResponse>
        runApp(dev.flowgate.v1.RunAppRequest request) {
      return io.grpc.stub.ClientCalls.blockingV2ServerStreamingCall(
          getChannel(), getRunAppMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Returns one run.
     * </pre>
     */
    public dev.flowgate.v1.GetRunResponse getRun(dev.flowgate.v1.GetRunRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getGetRunMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Re-attaches to a run's stream after a dropped connection: every event after
     * `after_seq`, then live ones until the run completes. Events are kept for a configured
     * time after the run ends.
     * </pre>
     */
    @io.grpc.ExperimentalApi("https://github.com/grpc/grpc-java/issues/10918")
    public io.grpc.stub.BlockingClientCall<?, dev.flowgate.v1.WatchRunResponse>
        watchRun(dev.flowgate.v1.WatchRunRequest request) {
      return io.grpc.stub.ClientCalls.blockingV2ServerStreamingCall(
          getChannel(), getWatchRunMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Asks a running run to stop. Returns at once; the run's stream ends with a
     * cancelled `run_completed` within a second. Cancelling a finished run is a no-op.
     * </pre>
     */
    public dev.flowgate.v1.CancelRunResponse cancelRun(dev.flowgate.v1.CancelRunRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getCancelRunMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do limited synchronous rpc calls to service ExecutionService.
   * <pre>
   * Runs released apps and reads runs. Every call is authorized by an API key
   * (`authorization: Bearer wn-…`): public releases accept any valid key, private
   * releases only keys of the owning team.
   * </pre>
   */
  public static final class ExecutionServiceBlockingStub
      extends io.grpc.stub.AbstractBlockingStub<ExecutionServiceBlockingStub> {
    private ExecutionServiceBlockingStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected ExecutionServiceBlockingStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new ExecutionServiceBlockingStub(channel, callOptions);
    }

    /**
     * <pre>
     * Runs a released app and streams its typed events as they happen.
     * </pre>
     */
    public java.util.Iterator<dev.flowgate.v1.RunAppResponse> runApp(
        dev.flowgate.v1.RunAppRequest request) {
      return io.grpc.stub.ClientCalls.blockingServerStreamingCall(
          getChannel(), getRunAppMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Returns one run.
     * </pre>
     */
    public dev.flowgate.v1.GetRunResponse getRun(dev.flowgate.v1.GetRunRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getGetRunMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Re-attaches to a run's stream after a dropped connection: every event after
     * `after_seq`, then live ones until the run completes. Events are kept for a configured
     * time after the run ends.
     * </pre>
     */
    public java.util.Iterator<dev.flowgate.v1.WatchRunResponse> watchRun(
        dev.flowgate.v1.WatchRunRequest request) {
      return io.grpc.stub.ClientCalls.blockingServerStreamingCall(
          getChannel(), getWatchRunMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Asks a running run to stop. Returns at once; the run's stream ends with a
     * cancelled `run_completed` within a second. Cancelling a finished run is a no-op.
     * </pre>
     */
    public dev.flowgate.v1.CancelRunResponse cancelRun(dev.flowgate.v1.CancelRunRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getCancelRunMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do ListenableFuture-style rpc calls to service ExecutionService.
   * <pre>
   * Runs released apps and reads runs. Every call is authorized by an API key
   * (`authorization: Bearer wn-…`): public releases accept any valid key, private
   * releases only keys of the owning team.
   * </pre>
   */
  public static final class ExecutionServiceFutureStub
      extends io.grpc.stub.AbstractFutureStub<ExecutionServiceFutureStub> {
    private ExecutionServiceFutureStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected ExecutionServiceFutureStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new ExecutionServiceFutureStub(channel, callOptions);
    }

    /**
     * <pre>
     * Returns one run.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.flowgate.v1.GetRunResponse> getRun(
        dev.flowgate.v1.GetRunRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getGetRunMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Asks a running run to stop. Returns at once; the run's stream ends with a
     * cancelled `run_completed` within a second. Cancelling a finished run is a no-op.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.flowgate.v1.CancelRunResponse> cancelRun(
        dev.flowgate.v1.CancelRunRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getCancelRunMethod(), getCallOptions()), request);
    }
  }

  private static final int METHODID_RUN_APP = 0;
  private static final int METHODID_GET_RUN = 1;
  private static final int METHODID_WATCH_RUN = 2;
  private static final int METHODID_CANCEL_RUN = 3;

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
        case METHODID_RUN_APP:
          serviceImpl.runApp((dev.flowgate.v1.RunAppRequest) request,
              (io.grpc.stub.StreamObserver<dev.flowgate.v1.RunAppResponse>) responseObserver);
          break;
        case METHODID_GET_RUN:
          serviceImpl.getRun((dev.flowgate.v1.GetRunRequest) request,
              (io.grpc.stub.StreamObserver<dev.flowgate.v1.GetRunResponse>) responseObserver);
          break;
        case METHODID_WATCH_RUN:
          serviceImpl.watchRun((dev.flowgate.v1.WatchRunRequest) request,
              (io.grpc.stub.StreamObserver<dev.flowgate.v1.WatchRunResponse>) responseObserver);
          break;
        case METHODID_CANCEL_RUN:
          serviceImpl.cancelRun((dev.flowgate.v1.CancelRunRequest) request,
              (io.grpc.stub.StreamObserver<dev.flowgate.v1.CancelRunResponse>) responseObserver);
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
          getRunAppMethod(),
          io.grpc.stub.ServerCalls.asyncServerStreamingCall(
            new MethodHandlers<
              dev.flowgate.v1.RunAppRequest,
              dev.flowgate.v1.RunAppResponse>(
                service, METHODID_RUN_APP)))
        .addMethod(
          getGetRunMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.flowgate.v1.GetRunRequest,
              dev.flowgate.v1.GetRunResponse>(
                service, METHODID_GET_RUN)))
        .addMethod(
          getWatchRunMethod(),
          io.grpc.stub.ServerCalls.asyncServerStreamingCall(
            new MethodHandlers<
              dev.flowgate.v1.WatchRunRequest,
              dev.flowgate.v1.WatchRunResponse>(
                service, METHODID_WATCH_RUN)))
        .addMethod(
          getCancelRunMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.flowgate.v1.CancelRunRequest,
              dev.flowgate.v1.CancelRunResponse>(
                service, METHODID_CANCEL_RUN)))
        .build();
  }

  private static abstract class ExecutionServiceBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoFileDescriptorSupplier, io.grpc.protobuf.ProtoServiceDescriptorSupplier {
    ExecutionServiceBaseDescriptorSupplier() {}

    @java.lang.Override
    public com.google.protobuf.Descriptors.FileDescriptor getFileDescriptor() {
      return dev.flowgate.v1.ExecutionServiceOuterClass.getDescriptor();
    }

    @java.lang.Override
    public com.google.protobuf.Descriptors.ServiceDescriptor getServiceDescriptor() {
      return getFileDescriptor().findServiceByName("ExecutionService");
    }
  }

  private static final class ExecutionServiceFileDescriptorSupplier
      extends ExecutionServiceBaseDescriptorSupplier {
    ExecutionServiceFileDescriptorSupplier() {}
  }

  private static final class ExecutionServiceMethodDescriptorSupplier
      extends ExecutionServiceBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoMethodDescriptorSupplier {
    private final java.lang.String methodName;

    ExecutionServiceMethodDescriptorSupplier(java.lang.String methodName) {
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
      synchronized (ExecutionServiceGrpc.class) {
        result = serviceDescriptor;
        if (result == null) {
          serviceDescriptor = result = io.grpc.ServiceDescriptor.newBuilder(SERVICE_NAME)
              .setSchemaDescriptor(new ExecutionServiceFileDescriptorSupplier())
              .addMethod(getRunAppMethod())
              .addMethod(getGetRunMethod())
              .addMethod(getWatchRunMethod())
              .addMethod(getCancelRunMethod())
              .build();
        }
      }
    }
    return result;
  }
}
