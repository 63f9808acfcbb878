package dev.flowgate.v1;

import static io.grpc.MethodDescriptor.generateFullMethodName;

/**
 * <pre>
 * Executions of a team's workflows (their current version) through the management API
 * (`/api/v1/executions`, `/api/v1/execution-logs`): started in the background, followed
 * by status, logs, a gRPC stream or the WebSocket `/api/v1/ws/executions/{id}?token=...`.
 * Over HTTP, a response message whose only field is a message or a list answers with
 * that field's value alone (an object or an array, as the reference shows); errors are
 * `{"detail", "error_code", "status_code"}`.
 * </pre>
 */
@io.grpc.stub.annotations.GrpcGenerated
public final class ExecutionManagementServiceGrpc {

  private ExecutionManagementServiceGrpc() {}

  public static final java.lang.String SERVICE_NAME = "flowgate.v1.ExecutionManagementService";

  // Static method descriptors that strictly reflect the proto.
  private static volatile io.grpc.MethodDescriptor<dev.flowgate.v1.ExecuteWorkflowRequest,
      dev.flowgate.v1.ExecuteWorkflowResponse> getExecuteWorkflowMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "ExecuteWorkflow",
      requestType = dev.flowgate.v1.ExecuteWorkflowRequest.class,
      responseType = dev.flowgate.v1.ExecuteWorkflowResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.flowgate.v1.ExecuteWorkflowRequest,
      dev.flowgate.v1.ExecuteWorkflowResponse> getExecuteWorkflowMethod() {
    io.grpc.MethodDescriptor<dev.flowgate.v1.ExecuteWorkflowRequest, dev.flowgate.v1.ExecuteWorkflowResponse> getExecuteWorkflowMethod;
    if ((getExecuteWorkflowMethod = ExecutionManagementServiceGrpc.getExecuteWorkflowMethod) == null) {
      synchronized (ExecutionManagementServiceGrpc.class) {
        if ((getExecuteWorkflowMethod = ExecutionManagementServiceGrpc.getExecuteWorkflowMethod) == null) {
          ExecutionManagementServiceGrpc.getExecuteWorkflowMethod = getExecuteWorkflowMethod =
              io.grpc.MethodDescriptor.<dev.flowgate.v1.ExecuteWorkflowRequest, dev.flowgate.v1.ExecuteWorkflowResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "ExecuteWorkflow"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.flowgate.v1.ExecuteWorkflowRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.flowgate.v1.ExecuteWorkflowResponse.getDefaultInstance()))
              .setSchemaDescriptor(new ExecutionManagementServiceMethodDescriptorSupplier("ExecuteWorkflow"))
              .build();
        }
      }
    }
    return getExecuteWorkflowMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.flowgate.v1.CreateExecutionRequest,
      dev.flowgate.v1.CreateExecutionResponse> getCreateExecutionMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "CreateExecution",
      requestType = dev.flowgate.v1.CreateExecutionRequest.class,
      responseType = dev.flowgate.v1.CreateExecutionResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.flowgate.v1.CreateExecutionRequest,
      dev.flowgate.v1.CreateExecutionResponse> getCreateExecutionMethod() {
    io.grpc.MethodDescriptor<dev.flowgate.v1.CreateExecutionRequest, dev.flowgate.v1.CreateExecutionResponse> getCreateExecutionMethod;
    if ((getCreateExecutionMethod = ExecutionManagementServiceGrpc.getCreateExecutionMethod) == null) {
      synchronized (ExecutionManagementServiceGrpc.class) {
        if ((getCreateExecutionMethod = ExecutionManagementServiceGrpc.getCreateExecutionMethod) == null) {
          ExecutionManagementServiceGrpc.getCreateExecutionMethod = getCreateExecutionMethod =
              io.grpc.MethodDescriptor.<dev.flowgate.v1.CreateExecutionRequest, dev.flowgate.v1.CreateExecutionResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "CreateExecution"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.flowgate.v1.CreateExecutionRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.flowgate.v1.CreateExecutionResponse.getDefaultInstance()))
              .setSchemaDescriptor(new ExecutionManagementServiceMethodDescriptorSupplier("CreateExecution"))
              .build();
        }
      }
    }
    return getCreateExecutionMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.flowgate.v1.ListExecutionsRequest,
      dev.flowgate.v1.ListExecutionsResponse> getListExecutionsMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "ListExecutions",
      requestType = dev.flowgate.v1.ListExecutionsRequest.class,
      responseType = dev.flowgate.v1.ListExecutionsResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.flowgate.v1.ListExecutionsRequest,
      dev.flowgate.v1.ListExecutionsResponse> getListExecutionsMethod() {
    io.grpc.MethodDescriptor<dev.flowgate.v1.ListExecutionsRequest, dev.flowgate.v1.ListExecutionsResponse> getListExecutionsMethod;
    if ((getListExecutionsMethod = ExecutionManagementServiceGrpc.getListExecutionsMethod) == null) {
      synchronized (ExecutionManagementServiceGrpc.class) {
        if ((getListExecutionsMethod = ExecutionManagementServiceGrpc.getListExecutionsMethod) == null) {
          ExecutionManagementServiceGrpc.getListExecutionsMethod = getListExecutionsMethod =
              io.grpc.MethodDescriptor.<dev.flowgate.v1.ListExecutionsRequest, dev.flowgate.v1.ListExecutionsResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "ListExecutions"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.flowgate.v1.ListExecutionsRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.flowgate.v1.ListExecutionsResponse.getDefaultInstance()))
              .setSchemaDescriptor(new ExecutionManagementServiceMethodDescriptorSupplier("ListExecutions"))
              .build();
        }
      }
    }
    return getListExecutionsMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.flowgate.v1.GetExecutionRequest,
      dev.flowgate.v1.GetExecutionResponse> getGetExecutionMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "GetExecution",
      requestType = dev.flowgate.v1.GetExecutionRequest.class,
      responseType = dev.flowgate.v1.GetExecutionResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.flowgate.v1.GetExecutionRequest,
      dev.flowgate.v1.GetExecutionResponse> getGetExecutionMethod() {
    io.grpc.MethodDescriptor<dev.flowgate.v1.GetExecutionRequest, dev.flowgate.v1.GetExecutionResponse> getGetExecutionMethod;
    if ((getGetExecutionMethod = ExecutionManagementServiceGrpc.getGetExecutionMethod) == null) {
      synchronized (ExecutionManagementServiceGrpc.class) {
        if ((getGetExecutionMethod = ExecutionManagementServiceGrpc.getGetExecutionMethod) == null) {
          ExecutionManagementServiceGrpc.getGetExecutionMethod = getGetExecutionMethod =
              io.grpc.MethodDescriptor.<dev.flowgate.v1.GetExecutionRequest, dev.flowgate.v1.GetExecutionResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "GetExecution"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.flowgate.v1.GetExecutionRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.flowgate.v1.GetExecutionResponse.getDefaultInstance()))
              .setSchemaDescriptor(new ExecutionManagementServiceMethodDescriptorSupplier("GetExecution"))
              .build();
        }
      }
    }
    return getGetExecutionMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.flowgate.v1.GetExecutionStatusRequest,
      dev.flowgate.v1.GetExecutionStatusResponse> getGetExecutionStatusMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "GetExecutionStatus",
      requestType = dev.flowgate.v1.GetExecutionStatusRequest.class,
      responseType = dev.flowgate.v1.GetExecutionStatusResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.flowgate.v1.GetExecutionStatusRequest,
      dev.flowgate.v1.GetExecutionStatusResponse> getGetExecutionStatusMethod() {
    io.grpc.MethodDescriptor<dev.flowgate.v1.GetExecutionStatusRequest, dev.flowgate.v1.GetExecutionStatusResponse> getGetExecutionStatusMethod;
    if ((getGetExecutionStatusMethod = ExecutionManagementServiceGrpc.getGetExecutionStatusMethod) == null) {
      synchronized (ExecutionManagementServiceGrpc.class) {
        if ((getGetExecutionStatusMethod = ExecutionManagementServiceGrpc.getGetExecutionStatusMethod) == null) {
          ExecutionManagementServiceGrpc.getGetExecutionStatusMethod = getGetExecutionStatusMethod =
              io.grpc.MethodDescriptor.<dev.flowgate.v1.GetExecutionStatusRequest, dev.flowgate.v1.GetExecutionStatusResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "GetExecutionStatus"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.flowgate.v1.GetExecutionStatusRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.flowgate.v1.GetExecutionStatusResponse.getDefaultInstance()))
              .setSchemaDescriptor(new ExecutionManagementServiceMethodDescriptorSupplier("GetExecutionStatus"))
              .build();
        }
      }
    }
    return getGetExecutionStatusMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.flowgate.v1.CancelExecutionRequest,
      dev.flowgate.v1.CancelExecutionResponse> getCancelExecutionMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "CancelExecution",
      requestType = dev.flowgate.v1.CancelExecutionRequest.class,
      responseType = dev.flowgate.v1.CancelExecutionResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.flowgate.v1.CancelExecutionRequest,
      dev.flowgate.v1.CancelExecutionResponse> getCancelExecutionMethod() {
    io.grpc.MethodDescriptor<dev.flowgate.v1.CancelExecutionRequest, dev.flowgate.v1.CancelExecutionResponse> getCancelExecutionMethod;
    if ((getCancelExecutionMethod = ExecutionManagementServiceGrpc.getCancelExecutionMethod) == null) {
      synchronized (ExecutionManagementServiceGrpc.class) {
        if ((getCancelExecutionMethod = ExecutionManagementServiceGrpc.getCancelExecutionMethod) == null) {
          ExecutionManagementServiceGrpc.getCancelExecutionMethod = getCancelExecutionMethod =
              io.grpc.MethodDescriptor.<dev.flowgate.v1.CancelExecutionRequest, dev.flowgate.v1.CancelExecutionResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "CancelExecution"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.flowgate.v1.CancelExecutionRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.flowgate.v1.CancelExecutionResponse.getDefaultInstance()))
              .setSchemaDescriptor(new ExecutionManagementServiceMethodDescriptorSupplier("CancelExecution"))
              .build();
        }
      }
    }
    return getCancelExecutionMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.flowgate.v1.WatchExecutionRequest,
      dev.flowgate.v1.WatchExecutionResponse> getWatchExecutionMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "WatchExecution",
      requestType = dev.flowgate.v1.WatchExecutionRequest.class,
      responseType = dev.flowgate.v1.WatchExecutionResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.SERVER_STREAMING)
  public static io.grpc.MethodDescriptor<dev.flowgate.v1.WatchExecutionRequest,
      dev.flowgate.v1.WatchExecutionResponse> getWatchExecutionMethod() {
    io.grpc.MethodDescriptor<dev.flowgate.v1.WatchExecutionRequest, dev.flowgate.v1.WatchExecutionResponse> getWatchExecutionMethod;
    if ((getWatchExecutionMethod = ExecutionManagementServiceGrpc.getWatchExecutionMethod) == null) {
      synchronized (ExecutionManagementServiceGrpc.class) {
        if ((getWatchExecutionMethod = ExecutionManagementServiceGrpc.getWatchExecutionMethod) == null) {
          ExecutionManagementServiceGrpc.getWatchExecutionMethod = getWatchExecutionMethod =
              io.grpc.MethodDescriptor.<dev.flowgate.v1.WatchExecutionRequest, dev.flowgate.v1.WatchExecutionResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.SERVER_STREAMING)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "WatchExecution"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.flowgate.v1.WatchExecutionRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.flowgate.v1.WatchExecutionResponse.getDefaultInstance()))
              .setSchemaDescriptor(new ExecutionManagementServiceMethodDescriptorSupplier("WatchExecution"))
              .build();
        }
      }
    }
    return getWatchExecutionMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.flowgate.v1.ListExecutionLogsRequest,
      dev.flowgate.v1.ListExecutionLogsResponse> getListExecutionLogsMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "ListExecutionLogs",
      requestType = dev.flowgate.v1.ListExecutionLogsRequest.class,
      responseType = dev.flowgate.v1.ListExecutionLogsResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.flowgate.v1.ListExecutionLogsRequest,
      dev.flowgate.v1.ListExecutionLogsResponse> getListExecutionLogsMethod() {
    io.grpc.MethodDescriptor<dev.flowgate.v1.ListExecutionLogsRequest, dev.flowgate.v1.ListExecutionLogsResponse> getListExecutionLogsMethod;
    if ((getListExecutionLogsMethod = ExecutionManagementServiceGrpc.getListExecutionLogsMethod) == null) {
      synchronized (ExecutionManagementServiceGrpc.class) {
        if ((getListExecutionLogsMethod = ExecutionManagementServiceGrpc.getListExecutionLogsMethod) == null) {
          ExecutionManagementServiceGrpc.getListExecutionLogsMethod = getListExecutionLogsMethod =
              io.grpc.MethodDescriptor.<dev.flowgate.v1.ListExecutionLogsRequest, dev.flowgate.v1.ListExecutionLogsResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "ListExecutionLogs"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.flowgate.v1.ListExecutionLogsRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.flowgate.v1.ListExecutionLogsResponse.getDefaultInstance()))
              .setSchemaDescriptor(new ExecutionManagementServiceMethodDescriptorSupplier("ListExecutionLogs"))
              .build();
        }
      }
    }
    return getListExecutionLogsMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.flowgate.v1.GetExecutionLogSummaryRequest,
      dev.flowgate.v1.GetExecutionLogSummaryResponse> getGetExecutionLogSummaryMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "GetExecutionLogSummary",
      requestType = dev.flowgate.v1.GetExecutionLogSummaryRequest.class,
      responseType = dev.flowgate.v1.GetExecutionLogSummaryResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.flowgate.v1.GetExecutionLogSummaryRequest,
      dev.flowgate.v1.GetExecutionLogSummaryResponse> getGetExecutionLogSummaryMethod() {
    io.grpc.MethodDescriptor<dev.flowgate.v1.GetExecutionLogSummaryRequest, dev.flowgate.v1.GetExecutionLogSummaryResponse> getGetExecutionLogSummaryMethod;
    if ((getGetExecutionLogSummaryMethod = ExecutionManagementServiceGrpc.getGetExecutionLogSummaryMethod) == null) {
      synchronized (ExecutionManagementServiceGrpc.class) {
        if ((getGetExecutionLogSummaryMethod = ExecutionManagementServiceGrpc.getGetExecutionLogSummaryMethod) == null) {
          ExecutionManagementServiceGrpc.getGetExecutionLogSummaryMethod = getGetExecutionLogSummaryMethod =
              io.grpc.MethodDescriptor.<dev.flowgate.v1.GetExecutionLogSummaryRequest, dev.flowgate.v1.GetExecutionLogSummaryResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "GetExecutionLogSummary"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.flowgate.v1.GetExecutionLogSummaryRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.flowgate.v1.GetExecutionLogSummaryResponse.getDefaultInstance()))
              .setSchemaDescriptor(new ExecutionManagementServiceMethodDescriptorSupplier("GetExecutionLogSummary"))
              .build();
        }
      }
    }
    return getGetExecutionLogSummaryMethod;
  }

  /**
   * Creates a new async stub that supports all call types for the service
   */
  public static ExecutionManagementServiceStub newStub(io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<ExecutionManagementServiceStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<ExecutionManagementServiceStub>() {
        @java.lang.Override
        public ExecutionManagementServiceStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new ExecutionManagementServiceStub(channel, callOptions);
        }
      };
    return ExecutionManagementServiceStub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports all types of calls on the service
   */
  public static ExecutionManagementServiceBlockingV2Stub newBlockingV2Stub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<ExecutionManagementServiceBlockingV2Stub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<ExecutionManagementServiceBlockingV2Stub>() {
        @java.lang.Override
        public ExecutionManagementServiceBlockingV2Stub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new ExecutionManagementServiceBlockingV2Stub(channel, callOptions);
        }
      };
    return ExecutionManagementServiceBlockingV2Stub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports unary and streaming output calls on the service
   */
  public static ExecutionManagementServiceBlockingStub newBlockingStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<ExecutionManagementServiceBlockingStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<ExecutionManagementServiceBlockingStub>() {
        @java.lang.Override
        public ExecutionManagementServiceBlockingStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new ExecutionManagementServiceBlockingStub(channel, callOptions);
        }
      };
    return ExecutionManagementServiceBlockingStub.newStub(factory, channel);
  }

  /**
   * Creates a new ListenableFuture-style stub that supports unary calls on the service
   */
  public static ExecutionManagementServiceFutureStub newFutureStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<ExecutionManagementServiceFutureStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<ExecutionManagementServiceFutureStub>() {
        @java.lang.Override
        public ExecutionManagementServiceFutureStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new ExecutionManagementServiceFutureStub(channel, callOptions);
        }
      };
    return ExecutionManagementServiceFutureStub.newStub(factory, channel);
  }

  /**
   * <pre>
   * Executions of a team's workflows (their current version) through the management API
   * (`/api/v1/executions`, `/api/v1/execution-logs`): started in the background, followed
   * by status, logs, a gRPC stream or the WebSocket `/api/v1/ws/executions/{id}?token=...`.
   * Over HTTP, a response message whose only field is a message or a list answers with
   * that field's value alone (an object or an array, as the reference shows); errors are
   * `{"detail", "error_code", "status_code"}`.
   * </pre>
   */
  public interface AsyncService {

    /**
     * <pre>
     * Starts an execution and answers at once (`pending`):
     * `POST /api/v1/workflows/{workflow_id}/execute`.
     * </pre>
     */
    default void executeWorkflow(dev.flowgate.v1.ExecuteWorkflowRequest request,
        io.grpc.stub.StreamObserver<dev.flowgate.v1.ExecuteWorkflowResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getExecuteWorkflowMethod(), responseObserver);
    }

    /**
     * <pre>
     * The same with the workflow in the body: `POST /api/v1/executions`.
     * </pre>
     */
    default void createExecution(dev.flowgate.v1.CreateExecutionRequest request,
        io.grpc.stub.StreamObserver<dev.flowgate.v1.CreateExecutionResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getCreateExecutionMethod(), responseObserver);
    }

    /**
     * <pre>
     * The team's executions, newest first: `GET /api/v1/executions`.
     * </pre>
     */
    default void listExecutions(dev.flowgate.v1.ListExecutionsRequest request,
        io.grpc.stub.StreamObserver<dev.flowgate.v1.ListExecutionsResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getListExecutionsMethod(), responseObserver);
    }

    /**
     * <pre>
     * One execution with its input and output: `GET /api/v1/executions/{execution_id}`.
     * </pre>
     */
    default void getExecution(dev.flowgate.v1.GetExecutionRequest request,
        io.grpc.stub.StreamObserver<dev.flowgate.v1.GetExecutionResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getGetExecutionMethod(), responseObserver);
    }

    /**
     * <pre>
     * Where an execution is: `GET /api/v1/executions/{execution_id}/status`.
     * </pre>
     */
    default void getExecutionStatus(dev.flowgate.v1.GetExecutionStatusRequest request,
        io.grpc.stub.StreamObserver<dev.flowgate.v1.GetExecutionStatusResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getGetExecutionStatusMethod(), responseObserver);
    }

    /**
     * <pre>
     * Asks a pending or running execution to stop: `POST /api/v1/executions/{execution_id}/cancel`.
     * </pre>
     */
    default void cancelExecution(dev.flowgate.v1.CancelExecutionRequest request,
        io.grpc.stub.StreamObserver<dev.flowgate.v1.CancelExecutionResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getCancelExecutionMethod(), responseObserver);
    }

    /**
     * <pre>
     * The execution's status now and at every change, until it ends (gRPC only; HTTP
     * callers use the WebSocket).
     * </pre>
     */
    default void watchExecution(dev.flowgate.v1.WatchExecutionRequest request,
        io.grpc.stub.StreamObserver<dev.flowgate.v1.WatchExecutionResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getWatchExecutionMethod(), responseObserver);
    }

    /**
     * <pre>
     * An execution's log records, oldest first:
     * `GET /api/v1/execution-logs/executions/{execution_id}`.
     * </pre>
     */
    default void listExecutionLogs(dev.flowgate.v1.ListExecutionLogsRequest request,
        io.grpc.stub.StreamObserver<dev.flowgate.v1.ListExecutionLogsResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getListExecutionLogsMethod(), responseObserver);
    }

    /**
     * <pre>
     * Counts per level and per block, and the error records:
     * `GET /api/v1/execution-logs/executions/{execution_id}/summary`.
     * </pre>
     */
    default void getExecutionLogSummary(dev.flowgate.v1.GetExecutionLogSummaryRequest request,
        io.grpc.stub.StreamObserver<dev.flowgate.v1.GetExecutionLogSummaryResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getGetExecutionLogSummaryMethod(), responseObserver);
    }
  }

  /**
   * Base class for the server implementation of the service ExecutionManagementService.
   * <pre>
   * Executions of a team's workflows (their current version) through the management API
   * (`/api/v1/executions`, `/api/v1/execution-logs`): started in the background, followed
   * by status, logs, a gRPC stream or the WebSocket `/api/v1/ws/executions/{id}?token=...`.
   * Over HTTP, a response message whose only field is a message or a list answers with
   * that field's value alone (an object or an array, as the reference shows); errors are
   * `{"detail", "error_code", "status_code"}`.
   * </pre>
   */
  public static abstract class ExecutionManagementServiceImplBase
      implements io.grpc.BindableService, AsyncService {

    @java.lang.Override public final io.grpc.ServerServiceDefinition bindService() {
      return ExecutionManagementServiceGrpc.bindService(this);
    }
  }

  /**
   * A stub to allow clients to do asynchronous rpc calls to service ExecutionManagementService.
   * <pre>
   * Executions of a team's workflows (their current version) through the management API
   * (`/api/v1/executions`, `/api/v1/execution-logs`): started in the background, followed
   * by status, logs, a gRPC stream or the WebSocket `/api/v1/ws/executions/{id}?token=...`.
   * Over HTTP, a response message whose only field is a message or a list answers with
   * that field's value alone (an object or an array, as the reference shows); errors are
   * `{"detail", "error_code", "status_code"}`.
   * </pre>
   */
  public static final class ExecutionManagementServiceStub
      extends io.grpc.stub.AbstractAsyncStub<ExecutionManagementServiceStub> {
    private ExecutionManagementServiceStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected ExecutionManagementServiceStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new ExecutionManagementServiceStub(channel, callOptions);
    }

    /**
     * <pre>
     * Starts an execution and answers at once (`pending`):
     * `POST /api/v1/workflows/{workflow_id}/execute`.
     * </pre>
     */
    public void executeWorkflow(dev.flowgate.v1.ExecuteWorkflowRequest request,
        io.grpc.stub.StreamObserver<dev.flowgate.v1.ExecuteWorkflowResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getExecuteWorkflowMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * The same with the workflow in the body: `POST /api/v1/executions`.
     * </pre>
     */
    public void createExecution(dev.flowgate.v1.CreateExecutionRequest request,
        io.grpc.stub.StreamObserver<dev.flowgate.v1.CreateExecutionResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getCreateExecutionMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * The team's executions, newest first: `GET /api/v1/executions`.
     * </pre>
     */
    public void listExecutions(dev.flowgate.v1.ListExecutionsRequest request,
        io.grpc.stub.StreamObserver<dev.flowgate.v1.ListExecutionsResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getListExecutionsMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * One execution with its input and output: `GET /api/v1/executions/{execution_id}`.
     * </pre>
     */
    public void getExecution(dev.flowgate.v1.GetExecutionRequest request,
        io.grpc.stub.StreamObserver<dev.flowgate.v1.GetExecutionResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getGetExecutionMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Where an execution is: `GET /api/v1/executions/{execution_id}/status`.
     * </pre>
     */
    public void getExecutionStatus(dev.flowgate.v1.GetExecutionStatusRequest request,
        io.grpc.stub.StreamObserver<dev.flowgate.v1.GetExecutionStatusResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getGetExecutionStatusMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Asks a pending or running execution to stop: `POST /api/v1/executions/{execution_id}/cancel`.
     * </pre>
     */
    public void cancelExecution(dev.flowgate.v1.CancelExecutionRequest request,
        io.grpc.stub.StreamObserver<dev.flowgate.v1.CancelExecutionResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getCancelExecutionMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * The execution's status now and at every change, until it ends (gRPC only; HTTP
     * callers use the WebSocket).
     * </pre>
     */
    public void watchExecution(dev.flowgate.v1.WatchExecutionRequest request,
        io.grpc.stub.StreamObserver<dev.flowgate.v1.WatchExecutionResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncServerStreamingCall(
          getChannel().newCall(getWatchExecutionMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * An execution's log records, oldest first:
     * `GET /api/v1/execution-logs/executions/{execution_id}`.
     * </pre>
     */
    public void listExecutionLogs(dev.flowgate.v1.ListExecutionLogsRequest request,
        io.grpc.stub.StreamObserver<dev.flowgate.v1.ListExecutionLogsResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getListExecutionLogsMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Counts per level and per block, and the error records:
     * `GET /api/v1/execution-logs/executions/{execution_id}/summary`.
     * </pre>
     */
    public void getExecutionLogSummary(dev.flowgate.v1.GetExecutionLogSummaryRequest request,
        io.grpc.stub.StreamObserver<dev.flowgate.v1.GetExecutionLogSummaryResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getGetExecutionLogSummaryMethod(), getCallOptions()), request, responseObserver);
    }
  }

  /**
   * A stub to allow clients to do synchronous rpc calls to service ExecutionManagementService.
   * <pre>
   * Executions of a team's workflows (their current version) through the management API
   * (`/api/v1/executions`, `/api/v1/execution-logs`): started in the background, followed
   * by status, logs, a gRPC stream or the WebSocket `/api/v1/ws/executions/{id}?token=...`.
   * Over HTTP, a response message whose only field is a message or a list answers with
   * that field's value alone (an object or an array, as the reference shows); errors are
   * `{"detail", "error_code", "status_code"}`.
   * </pre>
   */
  public static final class ExecutionManagementServiceBlockingV2Stub
      extends io.grpc.stub.AbstractBlockingStub<ExecutionManagementServiceBlockingV2Stub> {
    private ExecutionManagementServiceBlockingV2Stub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected ExecutionManagementServiceBlockingV2Stub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new ExecutionManagementServiceBlockingV2Stub(channel, callOptions);
    }

    /**
     * <pre>
     * Starts an execution and answers at once (`pending`):
     * `POST /api/v1/workflows/{workflow_id}/execute`.
     * </pre>
     */
    public dev.flowgate.v1.ExecuteWorkflowResponse executeWorkflow(dev.flowgate.v1.ExecuteWorkflowRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getExecuteWorkflowMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * The same with the workflow in the body: `POST /api/v1/executions`.
     * </pre>
     */
    public dev.flowgate.v1.CreateExecutionResponse createExecution(dev.flowgate.v1.CreateExecutionRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getCreateExecutionMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * The team's executions, newest first: `GET /api/v1/executions`.
     * </pre>
     */
    public dev.flowgate.v1.ListExecutionsResponse listExecutions(dev.flowgate.v1.ListExecutionsRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getListExecutionsMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * One execution with its input and output: `GET /api/v1/executions/{execution_id}`.
     * </pre>
     */
    public dev.flowgate.v1.GetExecutionResponse getExecution(dev.flowgate.v1.GetExecutionRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getGetExecutionMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Where an execution is: `GET /api/v1/executions/{execution_id}/status`.
     * </pre>
     */
    public dev.flowgate.v1.GetExecutionStatusResponse getExecutionStatus(dev.flowgate.v1.GetExecutionStatusRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getGetExecutionStatusMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Asks a pending or running execution to stop: `POST /api/v1/executions/{execution_id}/cancel`.
     * </pre>
     */
    public dev.flowgate.v1.CancelExecutionResponse cancelExecution(dev.flowgate.v1.CancelExecutionRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getCancelExecutionMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * The execution's status now and at every change, until it ends (gRPC only; HTTP
     * callers use the WebSocket).
     * </pre>
     */
    @io.grpc.ExperimentalApi("https://github.com/grpc/grpc-java/issues/10918")
    public io.grpc.stub.BlockingClientCall<?, dev.flowgate.v1.WatchExecutionResponse>
        watchExecution(dev.flowgate.v1.WatchExecutionRequest request) {
      return io.grpc.stub.ClientCalls.blockingV2ServerStreamingCall(
          getChannel(), getWatchExecutionMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * An execution's log records, oldest first:
     * `GET /api/v1/execution-logs/executions/{execution_id}`.
     * </pre>
     */
    public dev.flowgate.v1.ListExecutionLogsResponse listExecutionLogs(dev.flowgate.v1.ListExecutionLogsRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getListExecutionLogsMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Counts per level and per block, and the error records:
     * `GET /api/v1/execution-logs/executions/{execution_id}/summary`.
     * </pre>
     */
    public dev.flowgate.v1.GetExecutionLogSummaryResponse getExecutionLogSummary(dev.flowgate.v1.GetExecutionLogSummaryRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getGetExecutionLogSummaryMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do limited synchronous rpc calls to service ExecutionManagementService.
   * <pre>
   * Executions of a team's workflows (their current version) through the management API
   * (`/api/v1/executions`, `/api/v1/execution-logs`): started in the background, followed
   * by status, logs, a gRPC stream or the WebSocket `/api/v1/ws/executions/{id}?token=...`.
   * Over HTTP, a response message whose only field is a message or a list answers with
   * that field's value alone (an object or an array, as the reference shows); errors are
   * `{"detail", "error_code", "status_code"}`.
   * </pre>
   */
  public static final class ExecutionManagementServiceBlockingStub
      extends io.grpc.stub.AbstractBlockingStub<ExecutionManagementServiceBlockingStub> {
    private ExecutionManagementServiceBlockingStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected ExecutionManagementServiceBlockingStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new ExecutionManagementServiceBlockingStub(channel, callOptions);
    }

    /**
     * <pre>
     * Starts an execution and answers at once (`pending`):
     * `POST /api/v1/workflows/{workflow_id}/execute`.
     * </pre>
     */
    public dev.flowgate.v1.ExecuteWorkflowResponse executeWorkflow(dev.flowgate.v1.ExecuteWorkflowRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getExecuteWorkflowMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * The same with the workflow in the body: `POST /api/v1/executions`.
     * </pre>
     */
    public dev.flowgate.v1.CreateExecutionResponse createExecution(dev.flowgate.v1.CreateExecutionRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getCreateExecutionMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * The team's executions, newest first: `GET /api/v1/executions`.
     * </pre>
     */
    public dev.flowgate.v1.ListExecutionsResponse listExecutions(dev.flowgate.v1.ListExecutionsRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getListExecutionsMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * One execution with its input and output: `GET /api/v1/executions/{execution_id}`.
     * </pre>
     */
    public dev.flowgate.v1.GetExecutionResponse getExecution(dev.flowgate.v1.GetExecutionRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getGetExecutionMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Where an execution is: `GET /api/v1/executions/{execution_id}/status`.
     * </pre>
     */
    public dev.flowgate.v1.GetExecutionStatusResponse getExecutionStatus(dev.flowgate.v1.GetExecutionStatusRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getGetExecutionStatusMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Asks a pending or running execution to stop: `POST /api/v1/executions/{execution_id}/cancel`.
     * </pre>
     */
    public dev.flowgate.v1.CancelExecutionResponse cancelExecution(dev.flowgate.v1.CancelExecutionRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getCancelExecutionMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * The execution's status now and at every change, until it ends (gRPC only; HTTP
     * callers use the WebSocket).
     * </pre>
     */
    public java.util.Iterator<dev.flowgate.v1.WatchExecutionResponse> watchExecution(
        dev.flowgate.v1.WatchExecutionRequest request) {
      return io.grpc.stub.ClientCalls.blockingServerStreamingCall(
          getChannel(), getWatchExecutionMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * An execution's log records, oldest first:
     * `GET /api/v1/execution-logs/executions/{execution_id}`.
     * </pre>
     */
    public dev.flowgate.v1.ListExecutionLogsResponse listExecutionLogs(dev.flowgate.v1.ListExecutionLogsRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getListExecutionLogsMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Counts per level and per block, and the error records:
     * `GET /api/v1/execution-logs/executions/{execution_id}/summary`.
     * </pre>
     */
    public dev.flowgate.v1.GetExecutionLogSummaryResponse getExecutionLogSummary(dev.flowgate.v1.GetExecutionLogSummaryRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getGetExecutionLogSummaryMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do ListenableFuture-style rpc calls to service ExecutionManagementService.
   * <pre>
   * Executions of a team's workflows (their current version) through the management API
   * (`/api/v1/executions`, `/api/v1/execution-logs`): started in the background, followed
   * by status, logs, a gRPC stream or the WebSocket `/api/v1/ws/executions/{id}?token=...`.
   * Over HTTP, a response message whose only field is a message or a list answers with
   * that field's value alone (an object or an array, as the reference shows); errors are
   * `{"detail", "error_code", "status_code"}`.
   * </pre>
   */
  public static final class ExecutionManagementServiceFutureStub
      extends io.grpc.stub.AbstractFutureStub<ExecutionManagementServiceFutureStub> {
    private ExecutionManagementServiceFutureStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected ExecutionManagementServiceFutureStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new ExecutionManagementServiceFutureStub(channel, callOptions);
    }

    /**
     * <pre>
     * Starts an execution and answers at once (`pending`):
     * `POST /api/v1/workflows/{workflow_id}/execute`.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.flowgate.v1.ExecuteWorkflowResponse> executeWorkflow(
        dev.flowgate.v1.ExecuteWorkflowRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getExecuteWorkflowMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * The same with the workflow in the body: `POST /api/v1/executions`.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.flowgate.v1.CreateExecutionResponse> createExecution(
        dev.flowgate.v1.CreateExecutionRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getCreateExecutionMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * The team's executions, newest first: `GET /api/v1/executions`.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.flowgate.v1.ListExecutionsResponse> listExecutions(
        dev.flowgate.v1.ListExecutionsRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getListExecutionsMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * One execution with its input and output: `GET /api/v1/executions/{execution_id}`.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.flowgate.v1.GetExecutionResponse> getExecution(
        dev.flowgate.v1.GetExecutionRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getGetExecutionMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Where an execution is: `GET /api/v1/executions/{execution_id}/status`.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.flowgate.v1.GetExecutionStatusResponse> getExecutionStatus(
        dev.flowgate.v1.GetExecutionStatusRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getGetExecutionStatusMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Asks a pending or running execution to stop: `POST /api/v1/executions/{execution_id}/cancel`.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.flowgate.v1.CancelExecutionResponse> cancelExecution(
        dev.flowgate.v1.CancelExecutionRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getCancelExecutionMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * An execution's log records, oldest first:
     * `GET /api/v1/execution-logs/executions/{execution_id}`.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.flowgate.v1.ListExecutionLogsResponse> listExecutionLogs(
        dev.flowgate.v1.ListExecutionLogsRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getListExecutionLogsMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Counts per level and per block, and the error records:
     * `GET /api/v1/execution-logs/executions/{execution_id}/summary`.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.flowgate.v1.GetExecutionLogSummaryResponse> getExecutionLogSummary(
        dev.flowgate.v1.GetExecutionLogSummaryRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getGetExecutionLogSummaryMethod(), getCallOptions()), request);
    }
  }

  private static final int METHODID_EXECUTE_WORKFLOW = 0;
  private static final int METHODID_CREATE_EXECUTION = 1;
  private static final int METHODID_LIST_EXECUTIONS = 2;
  private static final int METHODID_GET_EXECUTION = 3;
  private static final int METHODID_GET_EXECUTION_STATUS = 4;
  private static final int METHODID_CANCEL_EXECUTION = 5;
  private static final int METHODID_WATCH_EXECUTION = 6;
  private static final int METHODID_LIST_EXECUTION_LOGS = 7;
  private static final int METHODID_GET_EXECUTION_LOG_SUMMARY = 8;

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
        case METHODID_EXECUTE_WORKFLOW:
          serviceImpl.executeWorkflow((dev.flowgate.v1.ExecuteWorkflowRequest) request,
              (io.grpc.stub.StreamObserver<dev.flowgate.v1.ExecuteWorkflowResponse>) responseObserver);
          break;
        case METHODID_CREATE_EXECUTION:
          serviceImpl.createExecution((dev.flowgate.v1.CreateExecutionRequest) request,
              (io.grpc.stub.StreamObserver<dev.flowgate.v1.CreateExecutionResponse>) responseObserver);
          break;
        case METHODID_LIST_EXECUTIONS:
          serviceImpl.listExecutions((dev.flowgate.v1.ListExecutionsRequest) request,
              (io.grpc.stub.StreamObserver<dev.flowgate.v1.ListExecutionsResponse>) responseObserver);
          break;
        case METHODID_GET_EXECUTION:
          serviceImpl.getExecution((dev.flowgate.v1.GetExecutionRequest) request,
              (io.grpc.stub.StreamObserver<dev.flowgate.v1.GetExecutionResponse>) responseObserver);
          break;
        case METHODID_GET_EXECUTION_STATUS:
          serviceImpl.getExecutionStatus((dev.flowgate.v1.GetExecutionStatusRequest) request,
              (io.grpc.stub.StreamObserver<dev.flowgate.v1.GetExecutionStatusResponse>) responseObserver);
          break;
        case METHODID_CANCEL_EXECUTION:
          serviceImpl.cancelExecution((dev.flowgate.v1.CancelExecutionRequest) request,
              (io.grpc.stub.StreamObserver<dev.flowgate.v1.CancelExecutionResponse>) responseObserver);
          break;
        case METHODID_WATCH_EXECUTION:
          serviceImpl.watchExecution((dev.flowgate.v1.WatchExecutionRequest) request,
              (io.grpc.stub.StreamObserver<dev.flowgate.v1.WatchExecutionResponse>) responseObserver);
          break;
        case METHODID_LIST_EXECUTION_LOGS:
          serviceImpl.listExecutionLogs((dev.flowgate.v1.ListExecutionLogsRequest) request,
              (io.grpc.stub.StreamObserver<dev.flowgate.v1.ListExecutionLogsResponse>) responseObserver);
          break;
        case METHODID_GET_EXECUTION_LOG_SUMMARY:
          serviceImpl.getExecutionLogSummary((dev.flowgate.v1.GetExecutionLogSummaryRequest) request,
              (io.grpc.stub.StreamObserver<dev.flowgate.v1.GetExecutionLogSummaryResponse>) responseObserver);
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
          getExecuteWorkflowMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.flowgate.v1.ExecuteWorkflowRequest,
              dev.flowgate.v1.ExecuteWorkflowResponse>(
                service, METHODID_EXECUTE_WORKFLOW)))
        .addMethod(
          getCreateExecutionMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.flowgate.v1.CreateExecutionRequest,
              dev.flowgate.v1.CreateExecutionResponse>(
                service, METHODID_CREATE_EXECUTION)))
        .addMethod(
          getListExecutionsMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.flowgate.v1.ListExecutionsRequest,
              dev.flowgate.v1.ListExecutionsResponse>(
                service, METHODID_LIST_EXECUTIONS)))
        .addMethod(
          getGetExecutionMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.flowgate.v1.GetExecutionRequest,
              dev.flowgate.v1.GetExecutionResponse>(
                service, METHODID_GET_EXECUTION)))
        .addMethod(
          getGetExecutionStatusMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.flowgate.v1.GetExecutionStatusRequest,
              dev.flowgate.v1.GetExecutionStatusResponse>(
                service, METHODID_GET_EXECUTION_STATUS)))
        .addMethod(
          getCancelExecutionMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.flowgate.v1.CancelExecutionRequest,
              dev.flowgate.v1.CancelExecutionResponse>(
                service, METHODID_CANCEL_EXECUTION)))
        .addMethod(
          getWatchExecutionMethod(),
          io.grpc.stub.ServerCalls.asyncServerStreamingCall(
            new MethodHandlers<
              dev.flowgate.v1.WatchExecutionRequest,
              dev.flowgate.v1.WatchExecutionResponse>(
                service, METHODID_WATCH_EXECUTION)))
        .addMethod(
          getListExecutionLogsMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.flowgate.v1.ListExecutionLogsRequest,
              dev.flowgate.v1.ListExecutionLogsResponse>(
                service, METHODID_LIST_EXECUTION_LOGS)))
        .addMethod(
          getGetExecutionLogSummaryMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.flowgate.v1.GetExecutionLogSummaryRequest,
              dev.flowgate.v1.GetExecutionLogSummaryResponse>(
                service, METHODID_GET_EXECUTION_LOG_SUMMARY)))
        .build();
  }

  private static abstract class ExecutionManagementServiceBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoFileDescriptorSupplier, io.grpc.protobuf.ProtoServiceDescriptorSupplier {
    ExecutionManagementServiceBaseDescriptorSupplier() {}

    @java.lang.Override
    public com.google.protobuf.Descriptors.FileDescriptor getFileDescriptor() {
      return dev.flowgate.v1.ExecutionManagementServiceOuterClass.getDescriptor();
    }

    @java.lang.Override
    public com.google.protobuf.Descriptors.ServiceDescriptor getServiceDescriptor() {
      return getFileDescriptor().findServiceByName("ExecutionManagementService");
    }
  }

  private static final class ExecutionManagementServiceFileDescriptorSupplier
      extends ExecutionManagementServiceBaseDescriptorSupplier {
    ExecutionManagementServiceFileDescriptorSupplier() {}
  }

  private static final class ExecutionManagementServiceMethodDescriptorSupplier
      extends ExecutionManagementServiceBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoMethodDescriptorSupplier {
    private final java.lang.String methodName;

    ExecutionManagementServiceMethodDescriptorSupplier(java.lang.String methodName) {
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
      synchronized (ExecutionManagementServiceGrpc.class) {
        result = serviceDescriptor;
        if (result == null) {
          serviceDescriptor = result = io.grpc.ServiceDescriptor.newBuilder(SERVICE_NAME)
              .setSchemaDescriptor(new ExecutionManagementServiceFileDescriptorSupplier())
              .addMethod(getExecuteWorkflowMethod())
              .addMethod(getCreateExecutionMethod())
              .addMethod(getListExecutionsMethod())
              .addMethod(getGetExecutionMethod())
              .addMethod(getGetExecutionStatusMethod())
              .addMethod(getCancelExecutionMethod())
              .addMethod(getWatchExecutionMethod())
              .addMethod(getListExecutionLogsMethod())
              .addMethod(getGetExecutionLogSummaryMethod())
              .build();
        }
      }
    }
    return result;
  }
}
