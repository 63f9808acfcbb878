package dev.flowgate.v1;

import static io.grpc.MethodDescriptor.generateFullMethodName;

/**
 * <pre>
 * Creates and reads workflows. Every call is authorized by a team API key
 * (`authorization: Bearer wn-…`); workflows belong to the key's team.
 * </pre>
 */
@io.grpc.stub.annotations.GrpcGenerated
public final class WorkflowServiceGrpc {

  private WorkflowServiceGrpc() {}

  public static final java.lang.String SERVICE_NAME = "flowgate.v1.WorkflowService";

  // Static method descriptors that strictly reflect the proto.
  private static volatile io.grpc.MethodDescriptor<dev.flowgate.v1.CreateWorkflowRequest,
      dev.flowgate.v1.CreateWorkflowResponse> getCreateWorkflowMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "CreateWorkflow",
      requestType = dev.flowgate.v1.CreateWorkflowRequest.class,
      responseType = dev.flowgate.v1.CreateWorkflowResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.flowgate.v1.CreateWorkflowRequest,
      dev.flowgate.v1.CreateWorkflowResponse> getCreateWorkflowMethod() {
    io.grpc.MethodDescriptor<dev.flowgate.v1.CreateWorkflowRequest, dev.flowgate.v1.CreateWorkflowResponse> getCreateWorkflowMethod;
    if ((getCreateWorkflowMethod = WorkflowServiceGrpc.getCreateWorkflowMethod) == null) {
      synchronized (WorkflowServiceGrpc.class) {
        if ((getCreateWorkflowMethod = WorkflowServiceGrpc.getCreateWorkflowMethod) == null) {
          WorkflowServiceGrpc.getCreateWorkflowMethod = getCreateWorkflowMethod =
              io.grpc.MethodDescriptor.<dev.flowgate.v1.CreateWorkflowRequest, dev.flowgate.v1.CreateWorkflowResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "CreateWorkflow"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.flowgate.v1.CreateWorkflowRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.flowgate.v1.CreateWorkflowResponse.getDefaultInstance()))
              .setSchemaDescriptor(new WorkflowServiceMethodDescriptorSupplier("CreateWorkflow"))
              .build();
        }
      }
    }
    return getCreateWorkflowMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.flowgate.v1.ValidateWorkflowRequest,
      dev.flowgate.v1.ValidateWorkflowResponse> getValidateWorkflowMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "ValidateWorkflow",
      requestType = dev.flowgate.v1.ValidateWorkflowRequest.class,
      responseType = dev.flowgate.v1.ValidateWorkflowResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.flowgate.v1.ValidateWorkflowRequest,
      dev.flowgate.v1.ValidateWorkflowResponse> getValidateWorkflowMethod() {
    io.grpc.MethodDescriptor<dev.flowgate.v1.ValidateWorkflowRequest, dev.flowgate.v1.ValidateWorkflowResponse> getValidateWorkflowMethod;
    if ((getValidateWorkflowMethod = WorkflowServiceGrpc.getValidateWorkflowMethod) == null) {
      synchronized (WorkflowServiceGrpc.class) {
        if ((getValidateWorkflowMethod = WorkflowServiceGrpc.getValidateWorkflowMethod) == null) {
          WorkflowServiceGrpc.getValidateWorkflowMethod = getValidateWorkflowMethod =
              io.grpc.MethodDescriptor.<dev.flowgate.v1.ValidateWorkflowRequest, dev.flowgate.v1.ValidateWorkflowResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "ValidateWorkflow"))
              .setSafe(true)
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.flowgate.v1.ValidateWorkflowRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.flowgate.v1.ValidateWorkflowResponse.getDefaultInstance()))
              .setSchemaDescriptor(new WorkflowServiceMethodDescriptorSupplier("ValidateWorkflow"))
              .build();
        }
      }
    }
    return getValidateWorkflowMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.flowgate.v1.GetWorkflowRequest,
      dev.flowgate.v1.GetWorkflowResponse> getGetWorkflowMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "GetWorkflow",
      requestType = dev.flowgate.v1.GetWorkflowRequest.class,
      responseType = dev.flowgate.v1.GetWorkflowResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.flowgate.v1.GetWorkflowRequest,
      dev.flowgate.v1.GetWorkflowResponse> getGetWorkflowMethod() {
    io.grpc.MethodDescriptor<dev.flowgate.v1.GetWorkflowRequest, dev.flowgate.v1.GetWorkflowResponse> getGetWorkflowMethod;
    if ((getGetWorkflowMethod = WorkflowServiceGrpc.getGetWorkflowMethod) == null) {
      synchronized (WorkflowServiceGrpc.class) {
        if ((getGetWorkflowMethod = WorkflowServiceGrpc.getGetWorkflowMethod) == null) {
          WorkflowServiceGrpc.getGetWorkflowMethod = getGetWorkflowMethod =
              io.grpc.MethodDescriptor.<dev.flowgate.v1.GetWorkflowRequest, dev.flowgate.v1.GetWorkflowResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "GetWorkflow"))
              .setSafe(true)
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.flowgate.v1.GetWorkflowRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.flowgate.v1.GetWorkflowResponse.getDefaultInstance()))
              .setSchemaDescriptor(new WorkflowServiceMethodDescriptorSupplier("GetWorkflow"))
              .build();
        }
      }
    }
    return getGetWorkflowMethod;
  }

  /**
   * Creates a new async stub that supports all call types for the service
   */
  public static WorkflowServiceStub newStub(io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<WorkflowServiceStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<WorkflowServiceStub>() {
        @java.lang.Override
        public WorkflowServiceStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new WorkflowServiceStub(channel, callOptions);
        }
      };
    return WorkflowServiceStub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports all types of calls on the service
   */
  public static WorkflowServiceBlockingV2Stub newBlockingV2Stub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<WorkflowServiceBlockingV2Stub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<WorkflowServiceBlockingV2Stub>() {
        @java.lang.Override
        public WorkflowServiceBlockingV2Stub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new WorkflowServiceBlockingV2Stub(channel, callOptions);
        }
      };
    return WorkflowServiceBlockingV2Stub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports unary and streaming output calls on the service
   */
  public static WorkflowServiceBlockingStub newBlockingStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<WorkflowServiceBlockingStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<WorkflowServiceBlockingStub>() {
        @java.lang.Override
        public WorkflowServiceBlockingStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new WorkflowServiceBlockingStub(channel, callOptions);
        }
      };
    return WorkflowServiceBlockingStub.newStub(factory, channel);
  }

  /**
   * Creates a new ListenableFuture-style stub that supports unary calls on the service
   */
  public static WorkflowServiceFutureStub newFutureStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<WorkflowServiceFutureStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<WorkflowServiceFutureStub>() {
        @java.lang.Override
        public WorkflowServiceFutureStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new WorkflowServiceFutureStub(channel, callOptions);
        }
      };
    return WorkflowServiceFutureStub.newStub(factory, channel);
  }

  /**
   * <pre>
   * Creates and reads workflows. Every call is authorized by a team API key
   * (`authorization: Bearer wn-…`); workflows belong to the key's team.
   * </pre>
   */
  public interface AsyncService {

    /**
     * <pre>
     * Creates a workflow after validating its graph.
     * </pre>
     */
    default void createWorkflow(dev.flowgate.v1.CreateWorkflowRequest request,
        io.grpc.stub.StreamObserver<dev.flowgate.v1.CreateWorkflowResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getCreateWorkflowMethod(), responseObserver);
    }

    /**
     * <pre>
     * Validates a graph without storing it: every error and warning, each naming the block
     * and field it is about.
     * </pre>
     */
    default void validateWorkflow(dev.flowgate.v1.ValidateWorkflowRequest request,
        io.grpc.stub.StreamObserver<dev.flowgate.v1.ValidateWorkflowResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getValidateWorkflowMethod(), responseObserver);
    }

    /**
     * <pre>
     * Returns one workflow of the caller's team.
     * </pre>
     */
    default void getWorkflow(dev.flowgate.v1.GetWorkflowRequest request,
        io.grpc.stub.StreamObserver<dev.flowgate.v1.GetWorkflowResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getGetWorkflowMethod(), responseObserver);
    }
  }

  /**
   * Base class for the server implementation of the service WorkflowService.
   * <pre>
   * Creates and reads workflows. Every call is authorized by a team API key
   * (`authorization: Bearer wn-…`); workflows belong to the key's team.
   * </pre>
   */
  public static abstract class WorkflowServiceImplBase
      implements io.grpc.BindableService, AsyncService {

    @java.lang.Override public final io.grpc.ServerServiceDefinition bindService() {
      return WorkflowServiceGrpc.bindService(this);
    }
  }

  /**
   * A stub to allow clients to do asynchronous rpc calls to service WorkflowService.
   * <pre>
   * Creates and reads workflows. Every call is authorized by a team API key
   * (`authorization: Bearer wn-…`); workflows belong to the key's team.
   * </pre>
   */
  public static final class WorkflowServiceStub
      extends io.grpc.stub.AbstractAsyncStub<WorkflowServiceStub> {
    private WorkflowServiceStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected WorkflowServiceStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new WorkflowServiceStub(channel, callOptions);
    }

    /**
     * <pre>
     * Creates a workflow after validating its graph.
     * </pre>
     */
    public void createWorkflow(dev.flowgate.v1.CreateWorkflowRequest request,
        io.grpc.stub.StreamObserver<dev.flowgate.v1.CreateWorkflowResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getCreateWorkflowMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Validates a graph without storing it: every error and warning, each naming the block
     * and field it is about.
     * </pre>
     */
    public void validateWorkflow(dev.flowgate.v1.ValidateWorkflowRequest request,
        io.grpc.stub.StreamObserver<dev.flowgate.v1.ValidateWorkflowResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getValidateWorkflowMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Returns one workflow of the caller's team.
     * </pre>
     */
    public void getWorkflow(dev.flowgate.v1.GetWorkflowRequest request,
        io.grpc.stub.StreamObserver<dev.flowgate.v1.GetWorkflowResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getGetWorkflowMethod(), getCallOptions()), request, responseObserver);
    }
  }

  /**
   * A stub to allow clients to do synchronous rpc calls to service WorkflowService.
   * <pre>
   * Creates and reads workflows. Every call is authorized by a team API key
   * (`authorization: Bearer wn-…`); workflows belong to the key's team.
   * </pre>
   */
  public static final class WorkflowServiceBlockingV2Stub
      extends io.grpc.stub.AbstractBlockingStub<WorkflowServiceBlockingV2Stub> {
    private WorkflowServiceBlockingV2Stub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected WorkflowServiceBlockingV2Stub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new WorkflowServiceBlockingV2Stub(channel, callOptions);
    }

    /**
     * <pre>
     * Creates a workflow after validating its graph.
     * </pre>
     */
    public dev.flowgate.v1.CreateWorkflowResponse createWorkflow(dev.flowgate.v1.CreateWorkflowRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getCreateWorkflowMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Validates a graph without storing it: every error and warning, each naming the block
     * and field it is about.
     * </pre>
     */
    public dev.flowgate.v1.ValidateWorkflowResponse validateWorkflow(dev.flowgate.v1.ValidateWorkflowRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getValidateWorkflowMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Returns one workflow of the caller's team.
     * </pre>
     */
    public dev.flowgate.v1.GetWorkflowResponse getWorkflow(dev.flowgate.v1.GetWorkflowRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getGetWorkflowMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do limited synchronous rpc calls to service WorkflowService.
   * <pre>
   * Creates and reads workflows. Every call is authorized by a team API key
   * (`authorization: Bearer wn-…`); workflows belong to the key's team.
   * </pre>
   */
  public static final class WorkflowServiceBlockingStub
      extends io.grpc.stub.AbstractBlockingStub<WorkflowServiceBlockingStub> {
    private WorkflowServiceBlockingStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected WorkflowServiceBlockingStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new WorkflowServiceBlockingStub(channel, callOptions);
    }

    /**
     * <pre>
     * Creates a workflow after validating its graph.
     * </pre>
     */
    public dev.flowgate.v1.CreateWorkflowResponse createWorkflow(dev.flowgate.v1.CreateWorkflowRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getCreateWorkflowMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Validates a graph without storing it: every error and warning, each naming the block
     * and field it is about.
     * </pre>
     */
    public dev.flowgate.v1.ValidateWorkflowResponse validateWorkflow(dev.flowgate.v1.ValidateWorkflowRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getValidateWorkflowMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Returns one workflow of the caller's team.
     * </pre>
     */
    public dev.flowgate.v1.GetWorkflowResponse getWorkflow(dev.flowgate.v1.GetWorkflowRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getGetWorkflowMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do ListenableFuture-style rpc calls to service WorkflowService.
   * <pre>
   * Creates and reads workflows. Every call is authorized by a team API key
   * (`authorization: Bearer wn-…`); workflows belong to the key's team.
   * </pre>
   */
  public static final class WorkflowServiceFutureStub
      extends io.grpc.stub.AbstractFutureStub<WorkflowServiceFutureStub> {
    private WorkflowServiceFutureStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected WorkflowServiceFutureStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new WorkflowServiceFutureStub(channel, callOptions);
    }

    /**
     * <pre>
     * Creates a workflow after validating its graph.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.flowgate.v1.CreateWorkflowResponse> createWorkflow(
        dev.flowgate.v1.CreateWorkflowRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getCreateWorkflowMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Validates a graph without storing it: every error and warning, each naming the block
     * and field it is about.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.flowgate.v1.ValidateWorkflowResponse> validateWorkflow(
        dev.flowgate.v1.ValidateWorkflowRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getValidateWorkflowMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Returns one workflow of the caller's team.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.flowgate.v1.GetWorkflowResponse> getWorkflow(
        dev.flowgate.v1.GetWorkflowRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getGetWorkflowMethod(), getCallOptions()), request);
    }
  }

  private static final int METHODID_CREATE_WORKFLOW = 0;
  private static final int METHODID_VALIDATE_WORKFLOW = 1;
  private static final int METHODID_GET_WORKFLOW = 2;

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
        case METHODID_CREATE_WORKFLOW:
          serviceImpl.createWorkflow((dev.flowgate.v1.CreateWorkflowRequest) request,
              (io.grpc.stub.StreamObserver<dev.flowgate.v1.CreateWorkflowResponse>) responseObserver);
          break;
        case METHODID_VALIDATE_WORKFLOW:
          serviceImpl.validateWorkflow((dev.flowgate.v1.ValidateWorkflowRequest) request,
              (io.grpc.stub.StreamObserver<dev.flowgate.v1.ValidateWorkflowResponse>) responseObserver);
          break;
        case METHODID_GET_WORKFLOW:
          serviceImpl.getWorkflow((dev.flowgate.v1.GetWorkflowRequest) request,
              (io.grpc.stub.StreamObserver<dev.flowgate.v1.GetWorkflowResponse>) responseObserver);
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
          getCreateWorkflowMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.flowgate.v1.CreateWorkflowRequest,
              dev.flowgate.v1.CreateWorkflowResponse>(
                service, METHODID_CREATE_WORKFLOW)))
        .addMethod(
          getValidateWorkflowMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.flowgate.v1.ValidateWorkflowRequest,
              dev.flowgate.v1.ValidateWorkflowResponse>(
                service, METHODID_VALIDATE_WORKFLOW)))
        .addMethod(
          getGetWorkflowMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.flowgate.v1.GetWorkflowRequest,
              dev.flowgate.v1.GetWorkflowResponse>(
                service, METHODID_GET_WORKFLOW)))
        .build();
  }

  private static abstract class WorkflowServiceBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoFileDescriptorSupplier, io.grpc.protobuf.ProtoServiceDescriptorSupplier {
    WorkflowServiceBaseDescriptorSupplier() {}

    @java.lang.Override
    public com.google.protobuf.Descriptors.FileDescriptor getFileDescriptor() {
      return dev.flowgate.v1.WorkflowServiceOuterClass.getDescriptor();
    }

    @java.lang.Override
    public com.google.protobuf.Descriptors.ServiceDescriptor getServiceDescriptor() {
      return getFileDescriptor().findServiceByName("WorkflowService");
    }
  }

  private static final class WorkflowServiceFileDescriptorSupplier
      extends WorkflowServiceBaseDescriptorSupplier {
    WorkflowServiceFileDescriptorSupplier() {}
  }

  private static final class WorkflowServiceMethodDescriptorSupplier
      extends WorkflowServiceBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoMethodDescriptorSupplier {
    private final java.lang.String methodName;

    WorkflowServiceMethodDescriptorSupplier(java.lang.String methodName) {
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
      synchronized (WorkflowServiceGrpc.class) {
        result = serviceDescriptor;
        if (result == null) {
          serviceDescriptor = result = io.grpc.ServiceDescriptor.newBuilder(SERVICE_NAME)
              .setSchemaDescriptor(new WorkflowServiceFileDescriptorSupplier())
              .addMethod(getCreateWorkflowMethod())
              .addMethod(getValidateWorkflowMethod())
              .addMethod(getGetWorkflowMethod())
              .build();
        }
      }
    }
    return result;
  }
}
