package dev.flowgate.v1;

import static io.grpc.MethodDescriptor.generateFullMethodName;

/**
 * <pre>
 * Publishes workflows as releases and reads them. Every call is authorized by a
 * team API key; a team may publish and read only its own releases.
 * </pre>
 */
@io.grpc.stub.annotations.GrpcGenerated
public final class ReleaseServiceGrpc {

  private ReleaseServiceGrpc() {}

  public static final java.lang.String SERVICE_NAME = "flowgate.v1.ReleaseService";

  // Static method descriptors that strictly reflect the proto.
  private static volatile io.grpc.MethodDescriptor<dev.flowgate.v1.PublishReleaseRequest,
      dev.flowgate.v1.PublishReleaseResponse> getPublishReleaseMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "PublishRelease",
      requestType = dev.flowgate.v1.PublishReleaseRequest.class,
      responseType = dev.flowgate.v1.PublishReleaseResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.flowgate.v1.PublishReleaseRequest,
      dev.flowgate.v1.PublishReleaseResponse> getPublishReleaseMethod() {
    io.grpc.MethodDescriptor<dev.flowgate.v1.PublishReleaseRequest, dev.flowgate.v1.PublishReleaseResponse> getPublishReleaseMethod;
    if ((getPublishReleaseMethod = ReleaseServiceGrpc.getPublishReleaseMethod) == null) {
      synchronized (ReleaseServiceGrpc.class) {
        if ((getPublishReleaseMethod = ReleaseServiceGrpc.getPublishReleaseMethod) == null) {
          ReleaseServiceGrpc.getPublishReleaseMethod = getPublishReleaseMethod =
              io.grpc.MethodDescriptor.<dev.flowgate.v1.PublishReleaseRequest, dev.flowgate.v1.PublishReleaseResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "PublishRelease"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.flowgate.v1.PublishReleaseRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.flowgate.v1.PublishReleaseResponse.getDefaultInstance()))
              .setSchemaDescriptor(new ReleaseServiceMethodDescriptorSupplier("PublishRelease"))
              .build();
        }
      }
    }
    return getPublishReleaseMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.flowgate.v1.GetReleaseRequest,
      dev.flowgate.v1.GetReleaseResponse> getGetReleaseMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "GetRelease",
      requestType = dev.flowgate.v1.GetReleaseRequest.class,
      responseType = dev.flowgate.v1.GetReleaseResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.flowgate.v1.GetReleaseRequest,
      dev.flowgate.v1.GetReleaseResponse> getGetReleaseMethod() {
    io.grpc.MethodDescriptor<dev.flowgate.v1.GetReleaseRequest, dev.flowgate.v1.GetReleaseResponse> getGetReleaseMethod;
    if ((getGetReleaseMethod = ReleaseServiceGrpc.getGetReleaseMethod) == null) {
      synchronized (ReleaseServiceGrpc.class) {
        if ((getGetReleaseMethod = ReleaseServiceGrpc.getGetReleaseMethod) == null) {
          ReleaseServiceGrpc.getGetReleaseMethod = getGetReleaseMethod =
              io.grpc.MethodDescriptor.<dev.flowgate.v1.GetReleaseRequest, dev.flowgate.v1.GetReleaseResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "GetRelease"))
              .setSafe(true)
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.flowgate.v1.GetReleaseRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.flowgate.v1.GetReleaseResponse.getDefaultInstance()))
              .setSchemaDescriptor(new ReleaseServiceMethodDescriptorSupplier("GetRelease"))
              .build();
        }
      }
    }
    return getGetReleaseMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.flowgate.v1.ListReleasesRequest,
      dev.flowgate.v1.ListReleasesResponse> getListReleasesMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "ListReleases",
      requestType = dev.flowgate.v1.ListReleasesRequest.class,
      responseType = dev.flowgate.v1.ListReleasesResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.flowgate.v1.ListReleasesRequest,
      dev.flowgate.v1.ListReleasesResponse> getListReleasesMethod() {
    io.grpc.MethodDescriptor<dev.flowgate.v1.ListReleasesRequest, dev.flowgate.v1.ListReleasesResponse> getListReleasesMethod;
    if ((getListReleasesMethod = ReleaseServiceGrpc.getListReleasesMethod) == null) {
      synchronized (ReleaseServiceGrpc.class) {
        if ((getListReleasesMethod = ReleaseServiceGrpc.getListReleasesMethod) == null) {
          ReleaseServiceGrpc.getListReleasesMethod = getListReleasesMethod =
              io.grpc.MethodDescriptor.<dev.flowgate.v1.ListReleasesRequest, dev.flowgate.v1.ListReleasesResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "ListReleases"))
              .setSafe(true)
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.flowgate.v1.ListReleasesRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.flowgate.v1.ListReleasesResponse.getDefaultInstance()))
              .setSchemaDescriptor(new ReleaseServiceMethodDescriptorSupplier("ListReleases"))
              .build();
        }
      }
    }
    return getListReleasesMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.flowgate.v1.RetireReleaseRequest,
      dev.flowgate.v1.RetireReleaseResponse> getRetireReleaseMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "RetireRelease",
      requestType = dev.flowgate.v1.RetireReleaseRequest.class,
      responseType = dev.flowgate.v1.RetireReleaseResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.flowgate.v1.RetireReleaseRequest,
      dev.flowgate.v1.RetireReleaseResponse> getRetireReleaseMethod() {
    io.grpc.MethodDescriptor<dev.flowgate.v1.RetireReleaseRequest, dev.flowgate.v1.RetireReleaseResponse> getRetireReleaseMethod;
    if ((getRetireReleaseMethod = ReleaseServiceGrpc.getRetireReleaseMethod) == null) {
      synchronized (ReleaseServiceGrpc.class) {
        if ((getRetireReleaseMethod = ReleaseServiceGrpc.getRetireReleaseMethod) == null) {
          ReleaseServiceGrpc.getRetireReleaseMethod = getRetireReleaseMethod =
              io.grpc.MethodDescriptor.<dev.flowgate.v1.RetireReleaseRequest, dev.flowgate.v1.RetireReleaseResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "RetireRelease"))
              .setIdempotent(true)
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.flowgate.v1.RetireReleaseRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.flowgate.v1.RetireReleaseResponse.getDefaultInstance()))
              .setSchemaDescriptor(new ReleaseServiceMethodDescriptorSupplier("RetireRelease"))
              .build();
        }
      }
    }
    return getRetireReleaseMethod;
  }

  /**
   * Creates a new async stub that supports all call types for the service
   */
  public static ReleaseServiceStub newStub(io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<ReleaseServiceStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<ReleaseServiceStub>() {
        @java.lang.Override
        public ReleaseServiceStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new ReleaseServiceStub(channel, callOptions);
        }
      };
    return ReleaseServiceStub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports all types of calls on the service
   */
  public static ReleaseServiceBlockingV2Stub newBlockingV2Stub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<ReleaseServiceBlockingV2Stub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<ReleaseServiceBlockingV2Stub>() {
        @java.lang.Override
        public ReleaseServiceBlockingV2Stub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new ReleaseServiceBlockingV2Stub(channel, callOptions);
        }
      };
    return ReleaseServiceBlockingV2Stub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports unary and streaming output calls on the service
   */
  public static ReleaseServiceBlockingStub newBlockingStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<ReleaseServiceBlockingStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<ReleaseServiceBlockingStub>() {
        @java.lang.Override
        public ReleaseServiceBlockingStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new ReleaseServiceBlockingStub(channel, callOptions);
        }
      };
    return ReleaseServiceBlockingStub.newStub(factory, channel);
  }

  /**
   * Creates a new ListenableFuture-style stub that supports unary calls on the service
   */
  public static ReleaseServiceFutureStub newFutureStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<ReleaseServiceFutureStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<ReleaseServiceFutureStub>() {
        @java.lang.Override
        public ReleaseServiceFutureStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new ReleaseServiceFutureStub(channel, callOptions);
        }
      };
    return ReleaseServiceFutureStub.newStub(factory, channel);
  }

  /**
   * <pre>
   * Publishes workflows as releases and reads them. Every call is authorized by a
   * team API key; a team may publish and read only its own releases.
   * </pre>
   */
  public interface AsyncService {

    /**
     * <pre>
     * Publishes the current revision of a workflow as a new immutable release.
     * </pre>
     */
    default void publishRelease(dev.flowgate.v1.PublishReleaseRequest request,
        io.grpc.stub.StreamObserver<dev.flowgate.v1.PublishReleaseResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getPublishReleaseMethod(), responseObserver);
    }

    /**
     * <pre>
     * Returns one release by deployment id.
     * </pre>
     */
    default void getRelease(dev.flowgate.v1.GetReleaseRequest request,
        io.grpc.stub.StreamObserver<dev.flowgate.v1.GetReleaseResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getGetReleaseMethod(), responseObserver);
    }

    /**
     * <pre>
     * Lists the caller's team's releases, newest first.
     * </pre>
     */
    default void listReleases(dev.flowgate.v1.ListReleasesRequest request,
        io.grpc.stub.StreamObserver<dev.flowgate.v1.ListReleasesResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getListReleasesMethod(), responseObserver);
    }

    /**
     * <pre>
     * Retires a release: it no longer runs nor matches version selectors. Idempotent.
     * </pre>
     */
    default void retireRelease(dev.flowgate.v1.RetireReleaseRequest request,
        io.grpc.stub.StreamObserver<dev.flowgate.v1.RetireReleaseResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getRetireReleaseMethod(), responseObserver);
    }
  }

  /**
   * Base class for the server implementation of the service ReleaseService.
   * <pre>
   * Publishes workflows as releases and reads them. Every call is authorized by a
   * team API key; a team may publish and read only its own releases.
   * </pre>
   */
  public static abstract class ReleaseServiceImplBase
      implements io.grpc.BindableService, AsyncService {

    @java.lang.Override public final io.grpc.ServerServiceDefinition bindService() {
      return ReleaseServiceGrpc.bindService(this);
    }
  }

  /**
   * A stub to allow clients to do asynchronous rpc calls to service ReleaseService.
   * <pre>
   * Publishes workflows as releases and reads them. Every call is authorized by a
   * team API key; a team may publish and read only its own releases.
   * </pre>
   */
  public static final class ReleaseServiceStub
      extends io.grpc.stub.AbstractAsyncStub<ReleaseServiceStub> {
    private ReleaseServiceStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected ReleaseServiceStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new ReleaseServiceStub(channel, callOptions);
    }

    /**
     * <pre>
     * Publishes the current revision of a workflow as a new immutable release.
     * </pre>
     */
    public void publishRelease(dev.flowgate.v1.PublishReleaseRequest request,
        io.grpc.stub.StreamObserver<dev.flowgate.v1.PublishReleaseResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getPublishReleaseMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Returns one release by deployment id.
     * </pre>
     */
    public void getRelease(dev.flowgate.v1.GetReleaseRequest request,
        io.grpc.stub.StreamObserver<dev.flowgate.v1.GetReleaseResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getGetReleaseMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Lists the caller's team's releases, newest first.
     * </pre>
     */
    public void listReleases(dev.flowgate.v1.ListReleasesRequest request,
        io.grpc.stub.StreamObserver<dev.flowgate.v1.ListReleasesResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getListReleasesMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Retires a release: it no longer runs nor matches version selectors. Idempotent.
     * </pre>
     */
    public void retireRelease(dev.flowgate.v1.RetireReleaseRequest request,
        io.grpc.stub.StreamObserver<dev.flowgate.v1.RetireReleaseResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getRetireReleaseMethod(), getCallOptions()), request, responseObserver);
    }
  }

  /**
   * A stub to allow clients to do synchronous rpc calls to service ReleaseService.
   * <pre>
   * Publishes workflows as releases and reads them. Every call is authorized by a
   * team API key; a team may publish and read only its own releases.
   * </pre>
   */
  public static final class ReleaseServiceBlockingV2Stub
      extends io.grpc.stub.AbstractBlockingStub<ReleaseServiceBlockingV2Stub> {
    private ReleaseServiceBlockingV2Stub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected ReleaseServiceBlockingV2Stub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new ReleaseServiceBlockingV2Stub(channel, callOptions);
    }

    /**
     * <pre>
     * Publishes the current revision of a workflow as a new immutable release.
     * </pre>
     */
    public dev.flowgate.v1.PublishReleaseResponse publishRelease(dev.flowgate.v1.PublishReleaseRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getPublishReleaseMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Returns one release by deployment id.
     * </pre>
     */
    public dev.flowgate.v1.GetReleaseResponse getRelease(dev.flowgate.v1.GetReleaseRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getGetReleaseMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Lists the caller's team's releases, newest first.
     * </pre>
     */
    public dev.flowgate.v1.ListReleasesResponse listReleases(dev.flowgate.v1.ListReleasesRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getListReleasesMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Retires a release: it no longer runs nor matches version selectors. Idempotent.
     * </pre>
     */
    public dev.flowgate.v1.RetireReleaseResponse retireRelease(dev.flowgate.v1.RetireReleaseRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getRetireReleaseMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do limited synchronous rpc calls to service ReleaseService.
   * <pre>
   * Publishes workflows as releases and reads them. Every call is authorized by a
   * team API key; a team may publish and read only its own releases.
   * </pre>
   */
  public static final class ReleaseServiceBlockingStub
      extends io.grpc.stub.AbstractBlockingStub<ReleaseServiceBlockingStub> {
    private ReleaseServiceBlockingStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected ReleaseServiceBlockingStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new ReleaseServiceBlockingStub(channel, callOptions);
    }

    /**
     * <pre>
     * Publishes the current revision of a workflow as a new immutable release.
     * </pre>
     */
    public dev.flowgate.v1.PublishReleaseResponse publishRelease(dev.flowgate.v1.PublishReleaseRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getPublishReleaseMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Returns one release by deployment id.
     * </pre>
     */
    public dev.flowgate.v1.GetReleaseResponse getRelease(dev.flowgate.v1.GetReleaseRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getGetReleaseMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Lists the caller's team's releases, newest first.
     * </pre>
     */
    public dev.flowgate.v1.ListReleasesResponse listReleases(dev.flowgate.v1.ListReleasesRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getListReleasesMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Retires a release: it no longer runs nor matches version selectors. Idempotent.
     * </pre>
     */
    public dev.flowgate.v1.RetireReleaseResponse retireRelease(dev.flowgate.v1.RetireReleaseRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getRetireReleaseMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do ListenableFuture-style rpc calls to service ReleaseService.
   * <pre>
   * Publishes workflows as releases and reads them. Every call is authorized by a
   * team API key; a team may publish and read only its own releases.
   * </pre>
   */
  public static final class ReleaseServiceFutureStub
      extends io.grpc.stub.AbstractFutureStub<ReleaseServiceFutureStub> {
    private ReleaseServiceFutureStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected ReleaseServiceFutureStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new ReleaseServiceFutureStub(channel, callOptions);
    }

    /**
     * <pre>
     * Publishes the current revision of a workflow as a new immutable release.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.flowgate.v1.PublishReleaseResponse> publishRelease(
        dev.flowgate.v1.PublishReleaseRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getPublishReleaseMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Returns one release by deployment id.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.flowgate.v1.GetReleaseResponse> getRelease(
        dev.flowgate.v1.GetReleaseRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getGetReleaseMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Lists the caller's team's releases, newest first.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.flowgate.v1.ListReleasesResponse> listReleases(
        dev.flowgate.v1.ListReleasesRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getListReleasesMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Retires a release: it no longer runs nor matches version selectors. Idempotent.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.flowgate.v1.RetireReleaseResponse> retireRelease(
        dev.flowgate.v1.RetireReleaseRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getRetireReleaseMethod(), getCallOptions()), request);
    }
  }

  private static final int METHODID_PUBLISH_RELEASE = 0;
  private static final int METHODID_GET_RELEASE = 1;
  private static final int METHODID_LIST_RELEASES = 2;
  private static final int METHODID_RETIRE_RELEASE = 3;

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
        case METHODID_PUBLISH_RELEASE:
          serviceImpl.publishRelease((dev.flowgate.v1.PublishReleaseRequest) request,
              (io.grpc.stub.StreamObserver<dev.flowgate.v1.PublishReleaseResponse>) responseObserver);
          break;
        case METHODID_GET_RELEASE:
          serviceImpl.getRelease((dev.flowgate.v1.GetReleaseRequest) request,
              (io.grpc.stub.StreamObserver<dev.flowgate.v1.GetReleaseResponse>) responseObserver);
          break;
        case METHODID_LIST_RELEASES:
          serviceImpl.listReleases((dev.flowgate.v1.ListReleasesRequest) request,
              (io.grpc.stub.StreamObserver<dev.flowgate.v1.ListReleasesResponse>) responseObserver);
          break;
        case METHODID_RETIRE_RELEASE:
          serviceImpl.retireRelease((dev.flowgate.v1.RetireReleaseRequest) request,
              (io.grpc.stub.StreamObserver<dev.flowgate.v1.RetireReleaseResponse>) responseObserver);
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
          getPublishReleaseMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.flowgate.v1.PublishReleaseRequest,
              dev.flowgate.v1.PublishReleaseResponse>(
                service, METHODID_PUBLISH_RELEASE)))
        .addMethod(
          getGetReleaseMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.flowgate.v1.GetReleaseRequest,
              dev.flowgate.v1.GetReleaseResponse>(
                service, METHODID_GET_RELEASE)))
        .addMethod(
          getListReleasesMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.flowgate.v1.ListReleasesRequest,
              dev.flowgate.v1.ListReleasesResponse>(
                service, METHODID_LIST_RELEASES)))
        .addMethod(
          getRetireReleaseMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.flowgate.v1.RetireReleaseRequest,
              dev.flowgate.v1.RetireReleaseResponse>(
                service, METHODID_RETIRE_RELEASE)))
        .build();
  }

  private static abstract class ReleaseServiceBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoFileDescriptorSupplier, io.grpc.protobuf.ProtoServiceDescriptorSupplier {
    ReleaseServiceBaseDescriptorSupplier() {}

    @java.lang.Override
    public com.google.protobuf.Descriptors.FileDescriptor getFileDescriptor() {
      return dev.flowgate.v1.ReleaseServiceOuterClass.getDescriptor();
    }

    @java.lang.Override
    public com.google.protobuf.Descriptors.ServiceDescriptor getServiceDescriptor() {
      return getFileDescriptor().findServiceByName("ReleaseService");
    }
  }

  private static final class ReleaseServiceFileDescriptorSupplier
      extends ReleaseServiceBaseDescriptorSupplier {
    ReleaseServiceFileDescriptorSupplier() {}
  }

  private static final class ReleaseServiceMethodDescriptorSupplier
      extends ReleaseServiceBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoMethodDescriptorSupplier {
    private final java.lang.String methodName;

    ReleaseServiceMethodDescriptorSupplier(java.lang.String methodName) {
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
      synchronized (ReleaseServiceGrpc.class) {
        result = serviceDescriptor;
        if (result == null) {
          serviceDescriptor = result = io.grpc.ServiceDescriptor.newBuilder(SERVICE_NAME)
              .setSchemaDescriptor(new ReleaseServiceFileDescriptorSupplier())
              .addMethod(getPublishReleaseMethod())
              .addMethod(getGetReleaseMethod())
              .addMethod(getListReleasesMethod())
              .addMethod(getRetireReleaseMethod())
              .build();
        }
      }
    }
    return result;
  }
}
