package dev.flowgate.v1;

import static io.grpc.MethodDescriptor.generateFullMethodName;

/**
 * <pre>
 * The Dify family (`/v1/...`): Dify's Workflow App API, so that Dify's own clients work
 * unchanged with their base URL pointed at Flowgate. Every call takes an app key
 * (`Authorization: Bearer app-...`), which selects the app; a run runs the app's newest
 * published release unless the route names one. Each RPC returns Dify's wire bytes
 * (its SSE stream or one JSON document) as HttpBody messages, which Envoy passes
 * through unchanged; errors are Dify's `{"code","message","status"}`.
 * </pre>
 */
@io.grpc.stub.annotations.GrpcGenerated
public final class DifyServiceGrpc {

  private DifyServiceGrpc() {}

  public static final java.lang.String SERVICE_NAME = "flowgate.v1.DifyService";

  // Static method descriptors that strictly reflect the proto.
  private static volatile io.grpc.MethodDescriptor<dev.flowgate.v1.RunWorkflowRequest,
      com.google.api.HttpBody> getRunWorkflowMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "RunWorkflow",
      requestType = dev.flowgate.v1.RunWorkflowRequest.class,
      responseType = com.google.api.HttpBody.class,
      methodType = io.grpc.MethodDescriptor.MethodType.SERVER_STREAMING)
  public static io.grpc.MethodDescriptor<dev.flowgate.v1.RunWorkflowRequest,
      com.google.api.HttpBody> getRunWorkflowMethod() {
    io.grpc.MethodDescriptor<dev.flowgate.v1.RunWorkflowRequest, com.google.api.HttpBody> getRunWorkflowMethod;
    if ((getRunWorkflowMethod = DifyServiceGrpc.getRunWorkflowMethod) == null) {
      synchronized (DifyServiceGrpc.class) {
        if ((getRunWorkflowMethod = DifyServiceGrpc.getRunWorkflowMethod) == null) {
          DifyServiceGrpc.getRunWorkflowMethod = getRunWorkflowMethod =
              io.grpc.MethodDescriptor.<dev.flowgate.v1.RunWorkflowRequest, com.google.api.HttpBody>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.SERVER_STREAMING)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "RunWorkflow"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.flowgate.v1.RunWorkflowRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  com.google.api.HttpBody.getDefaultInstance()))
              .setSchemaDescriptor(new DifyServiceMethodDescriptorSupplier("RunWorkflow"))
              .build();
        }
      }
    }
    return getRunWorkflowMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.flowgate.v1.RunWorkflowVersionRequest,
      com.google.api.HttpBody> getRunWorkflowVersionMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "RunWorkflowVersion",
      requestType = dev.flowgate.v1.RunWorkflowVersionRequest.class,
      responseType = com.google.api.HttpBody.class,
      methodType = io.grpc.MethodDescriptor.MethodType.SERVER_STREAMING)
  public static io.grpc.MethodDescriptor<dev.flowgate.v1.RunWorkflowVersionRequest,
      com.google.api.HttpBody> getRunWorkflowVersionMethod() {
    io.grpc.MethodDescriptor<dev.flowgate.v1.RunWorkflowVersionRequest, com.google.api.HttpBody> getRunWorkflowVersionMethod;
    if ((getRunWorkflowVersionMethod = DifyServiceGrpc.getRunWorkflowVersionMethod) == null) {
      synchronized (DifyServiceGrpc.class) {
        if ((getRunWorkflowVersionMethod = DifyServiceGrpc.getRunWorkflowVersionMethod) == null) {
          DifyServiceGrpc.getRunWorkflowVersionMethod = getRunWorkflowVersionMethod =
              io.grpc.MethodDescriptor.<dev.flowgate.v1.RunWorkflowVersionRequest, com.google.api.HttpBody>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.SERVER_STREAMING)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "RunWorkflowVersion"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.flowgate.v1.RunWorkflowVersionRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  com.google.api.HttpBody.getDefaultInstance()))
              .setSchemaDescriptor(new DifyServiceMethodDescriptorSupplier("RunWorkflowVersion"))
              .build();
        }
      }
    }
    return getRunWorkflowVersionMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.flowgate.v1.GetWorkflowRunRequest,
      com.google.api.HttpBody> getGetWorkflowRunMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "GetWorkflowRun",
      requestType = dev.flowgate.v1.GetWorkflowRunRequest.class,
      responseType = com.google.api.HttpBody.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.flowgate.v1.GetWorkflowRunRequest,
      com.google.api.HttpBody> getGetWorkflowRunMethod() {
    io.grpc.MethodDescriptor<dev.flowgate.v1.GetWorkflowRunRequest, com.google.api.HttpBody> getGetWorkflowRunMethod;
    if ((getGetWorkflowRunMethod = DifyServiceGrpc.getGetWorkflowRunMethod) == null) {
      synchronized (DifyServiceGrpc.class) {
        if ((getGetWorkflowRunMethod = DifyServiceGrpc.getGetWorkflowRunMethod) == null) {
          DifyServiceGrpc.getGetWorkflowRunMethod = getGetWorkflowRunMethod =
              io.grpc.MethodDescriptor.<dev.flowgate.v1.GetWorkflowRunRequest, com.google.api.HttpBody>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "GetWorkflowRun"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.flowgate.v1.GetWorkflowRunRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  com.google.api.HttpBody.getDefaultInstance()))
              .setSchemaDescriptor(new DifyServiceMethodDescriptorSupplier("GetWorkflowRun"))
              .build();
        }
      }
    }
    return getGetWorkflowRunMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.flowgate.v1.StopWorkflowTaskRequest,
      com.google.api.HttpBody> getStopWorkflowTaskMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "StopWorkflowTask",
      requestType = dev.flowgate.v1.StopWorkflowTaskRequest.class,
      responseType = com.google.api.HttpBody.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.flowgate.v1.StopWorkflowTaskRequest,
      com.google.api.HttpBody> getStopWorkflowTaskMethod() {
    io.grpc.MethodDescriptor<dev.flowgate.v1.StopWorkflowTaskRequest, com.google.api.HttpBody> getStopWorkflowTaskMethod;
    if ((getStopWorkflowTaskMethod = DifyServiceGrpc.getStopWorkflowTaskMethod) == null) {
      synchronized (DifyServiceGrpc.class) {
        if ((getStopWorkflowTaskMethod = DifyServiceGrpc.getStopWorkflowTaskMethod) == null) {
          DifyServiceGrpc.getStopWorkflowTaskMethod = getStopWorkflowTaskMethod =
              io.grpc.MethodDescriptor.<dev.flowgate.v1.StopWorkflowTaskRequest, com.google.api.HttpBody>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "StopWorkflowTask"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.flowgate.v1.StopWorkflowTaskRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  com.google.api.HttpBody.getDefaultInstance()))
              .setSchemaDescriptor(new DifyServiceMethodDescriptorSupplier("StopWorkflowTask"))
              .build();
        }
      }
    }
    return getStopWorkflowTaskMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.flowgate.v1.ListWorkflowLogsRequest,
      com.google.api.HttpBody> getListWorkflowLogsMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "ListWorkflowLogs",
      requestType = dev.flowgate.v1.ListWorkflowLogsRequest.class,
      responseType = com.google.api.HttpBody.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.flowgate.v1.ListWorkflowLogsRequest,
      com.google.api.HttpBody> getListWorkflowLogsMethod() {
    io.grpc.MethodDescriptor<dev.flowgate.v1.ListWorkflowLogsRequest, com.google.api.HttpBody> getListWorkflowLogsMethod;
    if ((getListWorkflowLogsMethod = DifyServiceGrpc.getListWorkflowLogsMethod) == null) {
      synchronized (DifyServiceGrpc.class) {
        if ((getListWorkflowLogsMethod = DifyServiceGrpc.getListWorkflowLogsMethod) == null) {
          DifyServiceGrpc.getListWorkflowLogsMethod = getListWorkflowLogsMethod =
              io.grpc.MethodDescriptor.<dev.flowgate.v1.ListWorkflowLogsRequest, com.google.api.HttpBody>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "ListWorkflowLogs"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.flowgate.v1.ListWorkflowLogsRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  com.google.api.HttpBody.getDefaultInstance()))
              .setSchemaDescriptor(new DifyServiceMethodDescriptorSupplier("ListWorkflowLogs"))
              .build();
        }
      }
    }
    return getListWorkflowLogsMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.flowgate.v1.GetParametersRequest,
      com.google.api.HttpBody> getGetParametersMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "GetParameters",
      requestType = dev.flowgate.v1.GetParametersRequest.class,
      responseType = com.google.api.HttpBody.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.flowgate.v1.GetParametersRequest,
      com.google.api.HttpBody> getGetParametersMethod() {
    io.grpc.MethodDescriptor<dev.flowgate.v1.GetParametersRequest, com.google.api.HttpBody> getGetParametersMethod;
    if ((getGetParametersMethod = DifyServiceGrpc.getGetParametersMethod) == null) {
      synchronized (DifyServiceGrpc.class) {
        if ((getGetParametersMethod = DifyServiceGrpc.getGetParametersMethod) == null) {
          DifyServiceGrpc.getGetParametersMethod = getGetParametersMethod =
              io.grpc.MethodDescriptor.<dev.flowgate.v1.GetParametersRequest, com.google.api.HttpBody>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "GetParameters"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.flowgate.v1.GetParametersRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  com.google.api.HttpBody.getDefaultInstance()))
              .setSchemaDescriptor(new DifyServiceMethodDescriptorSupplier("GetParameters"))
              .build();
        }
      }
    }
    return getGetParametersMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.flowgate.v1.GetInfoRequest,
      com.google.api.HttpBody> getGetInfoMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "GetInfo",
      requestType = dev.flowgate.v1.GetInfoRequest.class,
      responseType = com.google.api.HttpBody.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.flowgate.v1.GetInfoRequest,
      com.google.api.HttpBody> getGetInfoMethod() {
    io.grpc.MethodDescriptor<dev.flowgate.v1.GetInfoRequest, com.google.api.HttpBody> getGetInfoMethod;
    if ((getGetInfoMethod = DifyServiceGrpc.getGetInfoMethod) == null) {
      synchronized (DifyServiceGrpc.class) {
        if ((getGetInfoMethod = DifyServiceGrpc.getGetInfoMethod) == null) {
          DifyServiceGrpc.getGetInfoMethod = getGetInfoMethod =
              io.grpc.MethodDescriptor.<dev.flowgate.v1.GetInfoRequest, com.google.api.HttpBody>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "GetInfo"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.flowgate.v1.GetInfoRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  com.google.api.HttpBody.getDefaultInstance()))
              .setSchemaDescriptor(new DifyServiceMethodDescriptorSupplier("GetInfo"))
              .build();
        }
      }
    }
    return getGetInfoMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.flowgate.v1.UploadFileRequest,
      com.google.api.HttpBody> getUploadFileMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "UploadFile",
      requestType = dev.flowgate.v1.UploadFileRequest.class,
      responseType = com.google.api.HttpBody.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.flowgate.v1.UploadFileRequest,
      com.google.api.HttpBody> getUploadFileMethod() {
    io.grpc.MethodDescriptor<dev.flowgate.v1.UploadFileRequest, com.google.api.HttpBody> getUploadFileMethod;
    if ((getUploadFileMethod = DifyServiceGrpc.getUploadFileMethod) == null) {
      synchronized (DifyServiceGrpc.class) {
        if ((getUploadFileMethod = DifyServiceGrpc.getUploadFileMethod) == null) {
          DifyServiceGrpc.getUploadFileMethod = getUploadFileMethod =
              io.grpc.MethodDescriptor.<dev.flowgate.v1.UploadFileRequest, com.google.api.HttpBody>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "UploadFile"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.flowgate.v1.UploadFileRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  com.google.api.HttpBody.getDefaultInstance()))
              .setSchemaDescriptor(new DifyServiceMethodDescriptorSupplier("UploadFile"))
              .build();
        }
      }
    }
    return getUploadFileMethod;
  }

  /**
   * Creates a new async stub that supports all call types for the service
   */
  public static DifyServiceStub newStub(io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<DifyServiceStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<DifyServiceStub>() {
        @java.lang.Override
        public DifyServiceStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new DifyServiceStub(channel, callOptions);
        }
      };
    return DifyServiceStub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports all types of calls on the service
   */
  public static DifyServiceBlockingV2Stub newBlockingV2Stub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<DifyServiceBlockingV2Stub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<DifyServiceBlockingV2Stub>() {
        @java.lang.Override
        public DifyServiceBlockingV2Stub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new DifyServiceBlockingV2Stub(channel, callOptions);
        }
      };
    return DifyServiceBlockingV2Stub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports unary and streaming output calls on the service
   */
  public static DifyServiceBlockingStub newBlockingStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<DifyServiceBlockingStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<DifyServiceBlockingStub>() {
        @java.lang.Override
        public DifyServiceBlockingStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new DifyServiceBlockingStub(channel, callOptions);
        }
      };
    return DifyServiceBlockingStub.newStub(factory, channel);
  }

  /**
   * Creates a new ListenableFuture-style stub that supports unary calls on the service
   */
  public static DifyServiceFutureStub newFutureStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<DifyServiceFutureStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<DifyServiceFutureStub>() {
        @java.lang.Override
        public DifyServiceFutureStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new DifyServiceFutureStub(channel, callOptions);
        }
      };
    return DifyServiceFutureStub.newStub(factory, channel);
  }

  /**
   * <pre>
   * The Dify family (`/v1/...`): Dify's Workflow App API, so that Dify's own clients work
   * unchanged with their base URL pointed at Flowgate. Every call takes an app key
   * (`Authorization: Bearer app-...`), which selects the app; a run runs the app's newest
   * published release unless the route names one. Each RPC returns Dify's wire bytes
   * (its SSE stream or one JSON document) as HttpBody messages, which Envoy passes
   * through unchanged; errors are Dify's `{"code","message","status"}`.
   * </pre>
   */
  public interface AsyncService {

    /**
     * <pre>
     * Runs the app's newest release: `POST /v1/workflows/run`.
     * </pre>
     */
    default void runWorkflow(dev.flowgate.v1.RunWorkflowRequest request,
        io.grpc.stub.StreamObserver<com.google.api.HttpBody> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getRunWorkflowMethod(), responseObserver);
    }

    /**
     * <pre>
     * Runs one published release (deployment) of the app: `POST /v1/workflows/{workflowId}/run`.
     * </pre>
     */
    default void runWorkflowVersion(dev.flowgate.v1.RunWorkflowVersionRequest request,
        io.grpc.stub.StreamObserver<com.google.api.HttpBody> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getRunWorkflowVersionMethod(), responseObserver);
    }

    /**
     * <pre>
     * A run's detail: `GET /v1/workflows/run/{workflowRunId}`.
     * </pre>
     */
    default void getWorkflowRun(dev.flowgate.v1.GetWorkflowRunRequest request,
        io.grpc.stub.StreamObserver<com.google.api.HttpBody> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getGetWorkflowRunMethod(), responseObserver);
    }

    /**
     * <pre>
     * Stops a run: `POST /v1/workflows/tasks/{taskId}/stop`; always `{"result":"success"}`.
     * </pre>
     */
    default void stopWorkflowTask(dev.flowgate.v1.StopWorkflowTaskRequest request,
        io.grpc.stub.StreamObserver<com.google.api.HttpBody> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getStopWorkflowTaskMethod(), responseObserver);
    }

    /**
     * <pre>
     * The app's runs, newest first: `GET /v1/workflows/logs`.
     * </pre>
     */
    default void listWorkflowLogs(dev.flowgate.v1.ListWorkflowLogsRequest request,
        io.grpc.stub.StreamObserver<com.google.api.HttpBody> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getListWorkflowLogsMethod(), responseObserver);
    }

    /**
     * <pre>
     * The app's input form: `GET /v1/parameters`.
     * </pre>
     */
    default void getParameters(dev.flowgate.v1.GetParametersRequest request,
        io.grpc.stub.StreamObserver<com.google.api.HttpBody> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getGetParametersMethod(), responseObserver);
    }

    /**
     * <pre>
     * The app's name and description: `GET /v1/info`.
     * </pre>
     */
    default void getInfo(dev.flowgate.v1.GetInfoRequest request,
        io.grpc.stub.StreamObserver<com.google.api.HttpBody> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getGetInfoMethod(), responseObserver);
    }

    /**
     * <pre>
     * Uploads a file for a later run (multipart `file` + `user`): `POST /v1/files/upload`, 201.
     * </pre>
     */
    default void uploadFile(dev.flowgate.v1.UploadFileRequest request,
        io.grpc.stub.StreamObserver<com.google.api.HttpBody> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getUploadFileMethod(), responseObserver);
    }
  }

  /**
   * Base class for the server implementation of the service DifyService.
   * <pre>
   * The Dify family (`/v1/...`): Dify's Workflow App API, so that Dify's own clients work
   * unchanged with their base URL pointed at Flowgate. Every call takes an app key
   * (`Authorization: Bearer app-...`), which selects the app; a run runs the app's newest
   * published release unless the route names one. Each RPC returns Dify's wire bytes
   * (its SSE stream or one JSON document) as HttpBody messages, which Envoy passes
   * through unchanged; errors are Dify's `{"code","message","status"}`.
   * </pre>
   */
  public static abstract class DifyServiceImplBase
      implements io.grpc.BindableService, AsyncService {

    @java.lang.Override public final io.grpc.ServerServiceDefinition bindService() {
      return DifyServiceGrpc.bindService(this);
    }
  }

  /**
   * A stub to allow clients to do asynchronous rpc calls to service DifyService.
   * <pre>
   * The Dify family (`/v1/...`): Dify's Workflow App API, so that Dify's own clients work
   * unchanged with their base URL pointed at Flowgate. Every call takes an app key
   * (`Authorization: Bearer app-...`), which selects the app; a run runs the app's newest
   * published release unless the route names one. Each RPC returns Dify's wire bytes
   * (its SSE stream or one JSON document) as HttpBody messages, which Envoy passes
   * through unchanged; errors are Dify's `{"code","message","status"}`.
   * </pre>
   */
  public static final class DifyServiceStub
      extends io.grpc.stub.AbstractAsyncStub<DifyServiceStub> {
    private DifyServiceStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected DifyServiceStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new DifyServiceStub(channel, callOptions);
    }

    /**
     * <pre>
     * Runs the app's newest release: `POST /v1/workflows/run`.
     * </pre>
     */
    public void runWorkflow(dev.flowgate.v1.RunWorkflowRequest request,
        io.grpc.stub.StreamObserver<com.google.api.HttpBody> responseObserver) {
      io.grpc.stub.ClientCalls.asyncServerStreamingCall(
          getChannel().newCall(getRunWorkflowMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Runs one published release (deployment) of the app: `POST /v1/workflows/{workflowId}/run`.
     * </pre>
     */
    public void runWorkflowVersion(dev.flowgate.v1.RunWorkflowVersionRequest request,
        io.grpc.stub.StreamObserver<com.google.api.HttpBody> responseObserver) {
      io.grpc.stub.ClientCalls.asyncServerStreamingCall(
          getChannel().newCall(getRunWorkflowVersionMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * A run's detail: `GET /v1/workflows/run/{workflowRunId}`.
     * </pre>
     */
    public void getWorkflowRun(dev.flowgate.v1.GetWorkflowRunRequest request,
        io.grpc.stub.StreamObserver<com.google.api.HttpBody> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getGetWorkflowRunMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Stops a run: `POST /v1/workflows/tasks/{taskId}/stop`; always `{"result":"success"}`.
     * </pre>
     */
    public void stopWorkflowTask(dev.flowgate.v1.StopWorkflowTaskRequest request,
        io.grpc.stub.StreamObserver<com.google.api.HttpBody> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getStopWorkflowTaskMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * The app's runs, newest first: `GET /v1/workflows/logs`.
     * </pre>
     */
    public void listWorkflowLogs(dev.flowgate.v1.ListWorkflowLogsRequest request,
        io.grpc.stub.StreamObserver<com.google.api.HttpBody> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getListWorkflowLogsMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * The app's input form: `GET /v1/parameters`.
     * </pre>
     */
    public void getParameters(dev.flowgate.v1.GetParametersRequest request,
        io.grpc.stub.StreamObserver<com.google.api.HttpBody> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getGetParametersMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * The app's name and description: `GET /v1/info`.
     * </pre>
     */
    public void getInfo(dev.flowgate.v1.GetInfoRequest request,
        io.grpc.stub.StreamObserver<com.google.api.HttpBody> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getGetInfoMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Uploads a file for a later run (multipart `file` + `user`): `POST /v1/files/upload`, 201.
     * </pre>
     */
    public void uploadFile(dev.flowgate.v1.UploadFileRequest request,
        io.grpc.stub.StreamObserver<com.google.api.HttpBody> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getUploadFileMethod(), getCallOptions()), request, responseObserver);
    }
  }

  /**
   * A stub to allow clients to do synchronous rpc calls to service DifyService.
   * <pre>
   * The Dify family (`/v1/...`): Dify's Workflow App API, so that Dify's own clients work
   * unchanged with their base URL pointed at Flowgate. Every call takes an app key
   * (`Authorization: Bearer app-...`), which selects the app; a run runs the app's newest
   * published release unless the route names one. Each RPC returns Dify's wire bytes
   * (its SSE stream or one JSON document) as HttpBody messages, which Envoy passes
   * through unchanged; errors are Dify's `{"code","message","status"}`.
   * </pre>
   */
  public static final class DifyServiceBlockingV2Stub
      extends io.grpc.stub.AbstractBlockingStub<DifyServiceBlockingV2Stub> {
    private DifyServiceBlockingV2Stub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected DifyServiceBlockingV2Stub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new DifyServiceBlockingV2Stub(channel, callOptions);
    }

    /**
     * <pre>
     * Runs the app's newest release: `POST /v1/workflows/run`.
     * </pre>
     */
    @io.grpc.ExperimentalApi("https://github.com/grpc/grpc-java/issues/10918")
    public io.grpc.stub.BlockingClientCall<?, com.google.api.HttpBody>
        runWorkflow(dev.flowgate.v1.RunWorkflowRequest request) {
      return io.grpc.stub.ClientCalls.blockingV2ServerStreamingCall(
          getChannel(), getRunWorkflowMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Runs one published release (deployment) of the app: `POST /v1/workflows/{workflowId}/run`.
     * </pre>
     */
    @io.grpc.ExperimentalApi("https://github.com/grpc/grpc-java/issues/10918")
    public io.grpc.stub.BlockingClientCall<?, com.google.api.HttpBody>
        runWorkflowVersion(dev.flowgate.v1.RunWorkflowVersionRequest request) {
      return io.grpc.stub.ClientCalls.blockingV2ServerStreamingCall(
          getChannel(), getRunWorkflowVersionMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * A run's detail: `GET /v1/workflows/run/{workflowRunId}`.
     * </pre>
     */
    public com.google.api.HttpBody getWorkflowRun(dev.flowgate.v1.GetWorkflowRunRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getGetWorkflowRunMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Stops a run: `POST /v1/workflows/tasks/{taskId}/stop`; always `{"result":"success"}`.
     * </pre>
     */
    public com.google.api.HttpBody stopWorkflowTask(dev.flowgate.v1.StopWorkflowTaskRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getStopWorkflowTaskMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * The app's runs, newest first: `GET /v1/workflows/logs`.
     * </pre>
     */
    public com.google.api.HttpBody listWorkflowLogs(dev.flowgate.v1.ListWorkflowLogsRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getListWorkflowLogsMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * The app's input form: `GET /v1/parameters`.
     * </pre>
     */
    public com.google.api.HttpBody getParameters(dev.flowgate.v1.GetParametersRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getGetParametersMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * The app's name and description: `GET /v1/info`.
     * </pre>
     */
    public com.google.api.HttpBody getInfo(dev.flowgate.v1.GetInfoRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getGetInfoMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Uploads a file for a later run (multipart `file` + `user`): `POST /v1/files/upload`, 201.
     * </pre>
     */
    public com.google.api.HttpBody uploadFile(dev.flowgate.v1.UploadFileRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getUploadFileMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do limited synchronous rpc calls to service DifyService.
   * <pre>
   * The Dify family (`/v1/...`): Dify's Workflow App API, so that Dify's own clients work
   * unchanged with their base URL pointed at Flowgate. Every call takes an app key
   * (`Authorization: Bearer app-...`), which selects the app; a run runs the app's newest
   * published release unless the route names one. Each RPC returns Dify's wire bytes
   * (its SSE stream or one JSON document) as HttpBody messages, which Envoy passes
   * through unchanged; errors are Dify's `{"code","message","status"}`.
   * </pre>
   */
  public static final class DifyServiceBlockingStub
      extends io.grpc.stub.AbstractBlockingStub<DifyServiceBlockingStub> {
    private DifyServiceBlockingStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected DifyServiceBlockingStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new DifyServiceBlockingStub(channel, callOptions);
    }

    /**
     * <pre>
     * Runs the app's newest release: `POST /v1/workflows/run`.
     * </pre>
     */
    public java.util.Iterator<com.google.api.HttpBody> runWorkflow(
        dev.flowgate.v1.RunWorkflowRequest request) {
      return io.grpc.stub.ClientCalls.blockingServerStreamingCall(
          getChannel(), getRunWorkflowMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Runs one published release (deployment) of the app: `POST /v1/workflows/{workflowId}/run`.
     * </pre>
     */
    public java.util.Iterator<com.google.api.HttpBody> runWorkflowVersion(
        dev.flowgate.v1.RunWorkflowVersionRequest request) {
      return io.grpc.stub.ClientCalls.blockingServerStreamingCall(
          getChannel(), getRunWorkflowVersionMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * A run's detail: `GET /v1/workflows/run/{workflowRunId}`.
     * </pre>
     */
    public com.google.api.HttpBody getWorkflowRun(dev.flowgate.v1.GetWorkflowRunRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getGetWorkflowRunMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Stops a run: `POST /v1/workflows/tasks/{taskId}/stop`; always `{"result":"success"}`.
     * </pre>
     */
    public com.google.api.HttpBody stopWorkflowTask(dev.flowgate.v1.StopWorkflowTaskRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getStopWorkflowTaskMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * The app's runs, newest first: `GET /v1/workflows/logs`.
     * </pre>
     */
    public com.google.api.HttpBody listWorkflowLogs(dev.flowgate.v1.ListWorkflowLogsRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getListWorkflowLogsMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * The app's input form: `GET /v1/parameters`.
     * </pre>
     */
    public com.google.api.HttpBody getParameters(dev.flowgate.v1.GetParametersRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getGetParametersMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * The app's name and description: `GET /v1/info`.
     * </pre>
     */
    public com.google.api.HttpBody getInfo(dev.flowgate.v1.GetInfoRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getGetInfoMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Uploads a file for a later run (multipart `file` + `user`): `POST /v1/files/upload`, 201.
     * </pre>
     */
    public com.google.api.HttpBody uploadFile(dev.flowgate.v1.UploadFileRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getUploadFileMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do ListenableFuture-style rpc calls to service DifyService.
   * <pre>
   * The Dify family (`/v1/...`): Dify's Workflow App API, so that Dify's own clients work
   * unchanged with their base URL pointed at Flowgate. Every call takes an app key
   * (`Authorization: Bearer app-...`), which selects the app; a run runs the app's newest
   * published release unless the route names one. Each RPC returns Dify's wire bytes
   * (its SSE stream or one JSON document) as HttpBody messages, which Envoy passes
   * through unchanged; errors are Dify's `{"code","message","status"}`.
   * </pre>
   */
  public static final class DifyServiceFutureStub
      extends io.grpc.stub.AbstractFutureStub<DifyServiceFutureStub> {
    private DifyServiceFutureStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected DifyServiceFutureStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new DifyServiceFutureStub(channel, callOptions);
    }

    /**
     * <pre>
     * A run's detail: `GET /v1/workflows/run/{workflowRunId}`.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<com.google.api.HttpBody> getWorkflowRun(
        dev.flowgate.v1.GetWorkflowRunRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getGetWorkflowRunMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Stops a run: `POST /v1/workflows/tasks/{taskId}/stop`; always `{"result":"success"}`.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<com.google.api.HttpBody> stopWorkflowTask(
        dev.flowgate.v1.StopWorkflowTaskRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getStopWorkflowTaskMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * The app's runs, newest first: `GET /v1/workflows/logs`.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<com.google.api.HttpBody> listWorkflowLogs(
        dev.flowgate.v1.ListWorkflowLogsRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getListWorkflowLogsMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * The app's input form: `GET /v1/parameters`.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<com.google.api.HttpBody> getParameters(
        dev.flowgate.v1.GetParametersRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getGetParametersMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * The app's name and description: `GET /v1/info`.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<com.google.api.HttpBody> getInfo(
        dev.flowgate.v1.GetInfoRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getGetInfoMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Uploads a file for a later run (multipart `file` + `user`): `POST /v1/files/upload`, 201.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<com.google.api.HttpBody> uploadFile(
        dev.flowgate.v1.UploadFileRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getUploadFileMethod(), getCallOptions()), request);
    }
  }

  private static final int METHODID_RUN_WORKFLOW = 0;
  private static final int METHODID_RUN_WORKFLOW_VERSION = 1;
  private static final int METHODID_GET_WORKFLOW_RUN = 2;
  private static final int METHODID_STOP_WORKFLOW_TASK = 3;
  private static final int METHODID_LIST_WORKFLOW_LOGS = 4;
  private static final int METHODID_GET_PARAMETERS = 5;
  private static final int METHODID_GET_INFO = 6;
  private static final int METHODID_UPLOAD_FILE = 7;

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
        case METHODID_RUN_WORKFLOW:
          serviceImpl.runWorkflow((dev.flowgate.v1.RunWorkflowRequest) request,
              (io.grpc.stub.StreamObserver<com.google.api.HttpBody>) responseObserver);
          break;
        case METHODID_RUN_WORKFLOW_VERSION:
          serviceImpl.runWorkflowVersion((dev.flowgate.v1.RunWorkflowVersionRequest) request,
              (io.grpc.stub.StreamObserver<com.google.api.HttpBody>) responseObserver);
          break;
        case METHODID_GET_WORKFLOW_RUN:
          serviceImpl.getWorkflowRun((dev.flowgate.v1.GetWorkflowRunRequest) request,
              (io.grpc.stub.StreamObserver<com.google.api.HttpBody>) responseObserver);
          break;
        case METHODID_STOP_WORKFLOW_TASK:
          serviceImpl.stopWorkflowTask((dev.flowgate.v1.StopWorkflowTaskRequest) request,
              (io.grpc.stub.StreamObserver<com.google.api.HttpBody>) responseObserver);
          break;
        case METHODID_LIST_WORKFLOW_LOGS:
          serviceImpl.listWorkflowLogs((dev.flowgate.v1.ListWorkflowLogsRequest) request,
              (io.grpc.stub.StreamObserver<com.google.api.HttpBody>) responseObserver);
          break;
        case METHODID_GET_PARAMETERS:
          serviceImpl.getParameters((dev.flowgate.v1.GetParametersRequest) request,
              (io.grpc.stub.StreamObserver<com.google.api.HttpBody>) responseObserver);
          break;
        case METHODID_GET_INFO:
          serviceImpl.getInfo((dev.flowgate.v1.GetInfoRequest) request,
              (io.grpc.stub.StreamObserver<com.google.api.HttpBody>) responseObserver);
          break;
        case METHODID_UPLOAD_FILE:
          serviceImpl.uploadFile((dev.flowgate.v1.UploadFileRequest) request,
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
          getRunWorkflowMethod(),
          io.grpc.stub.ServerCalls.asyncServerStreamingCall(
            new MethodHandlers<
              dev.flowgate.v1.RunWorkflowRequest,
              com.google.api.HttpBody>(
                service, METHODID_RUN_WORKFLOW)))
        .addMethod(
          getRunWorkflowVersionMethod(),
          io.grpc.stub.ServerCalls.asyncServerStreamingCall(
            new MethodHandlers<
              dev.flowgate.v1.RunWorkflowVersionRequest,
              com.google.api.HttpBody>(
                service, METHODID_RUN_WORKFLOW_VERSION)))
        .addMethod(
          getGetWorkflowRunMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.flowgate.v1.GetWorkflowRunRequest,
              com.google.api.HttpBody>(
                service, METHODID_GET_WORKFLOW_RUN)))
        .addMethod(
          getStopWorkflowTaskMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.flowgate.v1.StopWorkflowTaskRequest,
              com.google.api.HttpBody>(
                service, METHODID_STOP_WORKFLOW_TASK)))
        .addMethod(
          getListWorkflowLogsMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.flowgate.v1.ListWorkflowLogsRequest,
              com.google.api.HttpBody>(
                service, METHODID_LIST_WORKFLOW_LOGS)))
        .addMethod(
          getGetParametersMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.flowgate.v1.GetParametersRequest,
              com.google.api.HttpBody>(
                service, METHODID_GET_PARAMETERS)))
        .addMethod(
          getGetInfoMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.flowgate.v1.GetInfoRequest,
              com.google.api.HttpBody>(
                service, METHODID_GET_INFO)))
        .addMethod(
          getUploadFileMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.flowgate.v1.UploadFileRequest,
              com.google.api.HttpBody>(
                service, METHODID_UPLOAD_FILE)))
        .build();
  }

  private static abstract class DifyServiceBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoFileDescriptorSupplier, io.grpc.protobuf.ProtoServiceDescriptorSupplier {
    DifyServiceBaseDescriptorSupplier() {}

    @java.lang.Override
    public com.google.protobuf.Descriptors.FileDescriptor getFileDescriptor() {
      return dev.flowgate.v1.DifyServiceOuterClass.getDescriptor();
    }

    @java.lang.Override
    public com.google.protobuf.Descriptors.ServiceDescriptor getServiceDescriptor() {
      return getFileDescriptor().findServiceByName("DifyService");
    }
  }

  private static final class DifyServiceFileDescriptorSupplier
      extends DifyServiceBaseDescriptorSupplier {
    DifyServiceFileDescriptorSupplier() {}
  }

  private static final class DifyServiceMethodDescriptorSupplier
      extends DifyServiceBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoMethodDescriptorSupplier {
    private final java.lang.String methodName;

    DifyServiceMethodDescriptorSupplier(java.lang.String methodName) {
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
      synchronized (DifyServiceGrpc.class) {
        result = serviceDescriptor;
        if (result == null) {
          serviceDescriptor = result = io.grpc.ServiceDescriptor.newBuilder(SERVICE_NAME)
              .setSchemaDescriptor(new DifyServiceFileDescriptorSupplier())
              .addMethod(getRunWorkflowMethod())
              .addMethod(getRunWorkflowVersionMethod())
              .addMethod(getGetWorkflowRunMethod())
              .addMethod(getStopWorkflowTaskMethod())
              .addMethod(getListWorkflowLogsMethod())
              .addMethod(getGetParametersMethod())
              .addMethod(getGetInfoMethod())
              .addMethod(getUploadFileMethod())
              .build();
        }
      }
    }
    return result;
  }
}
