package dev.flowgate.v1;

import static io.grpc.MethodDescriptor.generateFullMethodName;

/**
 * <pre>
 * A team's data sources (`/api/v1/data-sources`): MySQL/MariaDB and PostgreSQL databases,
 * HTTP APIs and JSON files, queried read-only by callers and by `data_source` blocks.
 * Credentials are stored encrypted and never returned.
 * Over HTTP, a response message whose only field is a message or a list answers with
 * that field's value alone (an object or an array, as the reference shows); errors are
 * `{"detail", "error_code", "status_code"}`.
 * </pre>
 */
@io.grpc.stub.annotations.GrpcGenerated
public final class DataSourceServiceGrpc {

  private DataSourceServiceGrpc() {}

  public static final java.lang.String SERVICE_NAME = "flowgate.v1.DataSourceService";

  // Static method descriptors that strictly reflect the proto.
  private static volatile io.grpc.MethodDescriptor<dev.flowgate.v1.ListDataSourcesRequest,
      dev.flowgate.v1.ListDataSourcesResponse> getListDataSourcesMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "ListDataSources",
      requestType = dev.flowgate.v1.ListDataSourcesRequest.class,
      responseType = dev.flowgate.v1.ListDataSourcesResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.flowgate.v1.ListDataSourcesRequest,
      dev.flowgate.v1.ListDataSourcesResponse> getListDataSourcesMethod() {
    io.grpc.MethodDescriptor<dev.flowgate.v1.ListDataSourcesRequest, dev.flowgate.v1.ListDataSourcesResponse> getListDataSourcesMethod;
    if ((getListDataSourcesMethod = DataSourceServiceGrpc.getListDataSourcesMethod) == null) {
      synchronized (DataSourceServiceGrpc.class) {
        if ((getListDataSourcesMethod = DataSourceServiceGrpc.getListDataSourcesMethod) == null) {
          DataSourceServiceGrpc.getListDataSourcesMethod = getListDataSourcesMethod =
              io.grpc.MethodDescriptor.<dev.flowgate.v1.ListDataSourcesRequest, dev.flowgate.v1.ListDataSourcesResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "ListDataSources"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.flowgate.v1.ListDataSourcesRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.flowgate.v1.ListDataSourcesResponse.getDefaultInstance()))
              .setSchemaDescriptor(new DataSourceServiceMethodDescriptorSupplier("ListDataSources"))
              .build();
        }
      }
    }
    return getListDataSourcesMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.flowgate.v1.CreateDataSourceRequest,
      dev.flowgate.v1.CreateDataSourceResponse> getCreateDataSourceMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "CreateDataSource",
      requestType = dev.flowgate.v1.CreateDataSourceRequest.class,
      responseType = dev.flowgate.v1.CreateDataSourceResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.flowgate.v1.CreateDataSourceRequest,
      dev.flowgate.v1.CreateDataSourceResponse> getCreateDataSourceMethod() {
    io.grpc.MethodDescriptor<dev.flowgate.v1.CreateDataSourceRequest, dev.flowgate.v1.CreateDataSourceResponse> getCreateDataSourceMethod;
    if ((getCreateDataSourceMethod = DataSourceServiceGrpc.getCreateDataSourceMethod) == null) {
      synchronized (DataSourceServiceGrpc.class) {
        if ((getCreateDataSourceMethod = DataSourceServiceGrpc.getCreateDataSourceMethod) == null) {
          DataSourceServiceGrpc.getCreateDataSourceMethod = getCreateDataSourceMethod =
              io.grpc.MethodDescriptor.<dev.flowgate.v1.CreateDataSourceRequest, dev.flowgate.v1.CreateDataSourceResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "CreateDataSource"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.flowgate.v1.CreateDataSourceRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.flowgate.v1.CreateDataSourceResponse.getDefaultInstance()))
              .setSchemaDescriptor(new DataSourceServiceMethodDescriptorSupplier("CreateDataSource"))
              .build();
        }
      }
    }
    return getCreateDataSourceMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.flowgate.v1.GetDataSourceRequest,
      dev.flowgate.v1.GetDataSourceResponse> getGetDataSourceMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "GetDataSource",
      requestType = dev.flowgate.v1.GetDataSourceRequest.class,
      responseType = dev.flowgate.v1.GetDataSourceResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.flowgate.v1.GetDataSourceRequest,
      dev.flowgate.v1.GetDataSourceResponse> getGetDataSourceMethod() {
    io.grpc.MethodDescriptor<dev.flowgate.v1.GetDataSourceRequest, dev.flowgate.v1.GetDataSourceResponse> getGetDataSourceMethod;
    if ((getGetDataSourceMethod = DataSourceServiceGrpc.getGetDataSourceMethod) == null) {
      synchronized (DataSourceServiceGrpc.class) {
        if ((getGetDataSourceMethod = DataSourceServiceGrpc.getGetDataSourceMethod) == null) {
          DataSourceServiceGrpc.getGetDataSourceMethod = getGetDataSourceMethod =
              io.grpc.MethodDescriptor.<dev.flowgate.v1.GetDataSourceRequest, dev.flowgate.v1.GetDataSourceResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "GetDataSource"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.flowgate.v1.GetDataSourceRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.flowgate.v1.GetDataSourceResponse.getDefaultInstance()))
              .setSchemaDescriptor(new DataSourceServiceMethodDescriptorSupplier("GetDataSource"))
              .build();
        }
      }
    }
    return getGetDataSourceMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.flowgate.v1.UpdateDataSourceRequest,
      dev.flowgate.v1.UpdateDataSourceResponse> getUpdateDataSourceMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "UpdateDataSource",
      requestType = dev.flowgate.v1.UpdateDataSourceRequest.class,
      responseType = dev.flowgate.v1.UpdateDataSourceResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.flowgate.v1.UpdateDataSourceRequest,
      dev.flowgate.v1.UpdateDataSourceResponse> getUpdateDataSourceMethod() {
    io.grpc.MethodDescriptor<dev.flowgate.v1.UpdateDataSourceRequest, dev.flowgate.v1.UpdateDataSourceResponse> getUpdateDataSourceMethod;
    if ((getUpdateDataSourceMethod = DataSourceServiceGrpc.getUpdateDataSourceMethod) == null) {
      synchronized (DataSourceServiceGrpc.class) {
        if ((getUpdateDataSourceMethod = DataSourceServiceGrpc.getUpdateDataSourceMethod) == null) {
          DataSourceServiceGrpc.getUpdateDataSourceMethod = getUpdateDataSourceMethod =
              io.grpc.MethodDescriptor.<dev.flowgate.v1.UpdateDataSourceRequest, dev.flowgate.v1.UpdateDataSourceResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "UpdateDataSource"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.flowgate.v1.UpdateDataSourceRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.flowgate.v1.UpdateDataSourceResponse.getDefaultInstance()))
              .setSchemaDescriptor(new DataSourceServiceMethodDescriptorSupplier("UpdateDataSource"))
              .build();
        }
      }
    }
    return getUpdateDataSourceMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.flowgate.v1.DeleteDataSourceRequest,
      dev.flowgate.v1.DeleteDataSourceResponse> getDeleteDataSourceMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "DeleteDataSource",
      requestType = dev.flowgate.v1.DeleteDataSourceRequest.class,
      responseType = dev.flowgate.v1.DeleteDataSourceResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.flowgate.v1.DeleteDataSourceRequest,
      dev.flowgate.v1.DeleteDataSourceResponse> getDeleteDataSourceMethod() {
    io.grpc.MethodDescriptor<dev.flowgate.v1.DeleteDataSourceRequest, dev.flowgate.v1.DeleteDataSourceResponse> getDeleteDataSourceMethod;
    if ((getDeleteDataSourceMethod = DataSourceServiceGrpc.getDeleteDataSourceMethod) == null) {
      synchronized (DataSourceServiceGrpc.class) {
        if ((getDeleteDataSourceMethod = DataSourceServiceGrpc.getDeleteDataSourceMethod) == null) {
          DataSourceServiceGrpc.getDeleteDataSourceMethod = getDeleteDataSourceMethod =
              io.grpc.MethodDescriptor.<dev.flowgate.v1.DeleteDataSourceRequest, dev.flowgate.v1.DeleteDataSourceResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "DeleteDataSource"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.flowgate.v1.DeleteDataSourceRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.flowgate.v1.DeleteDataSourceResponse.getDefaultInstance()))
              .setSchemaDescriptor(new DataSourceServiceMethodDescriptorSupplier("DeleteDataSource"))
              .build();
        }
      }
    }
    return getDeleteDataSourceMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.flowgate.v1.TestDataSourceRequest,
      dev.flowgate.v1.TestDataSourceResponse> getTestDataSourceMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "TestDataSource",
      requestType = dev.flowgate.v1.TestDataSourceRequest.class,
      responseType = dev.flowgate.v1.TestDataSourceResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.flowgate.v1.TestDataSourceRequest,
      dev.flowgate.v1.TestDataSourceResponse> getTestDataSourceMethod() {
    io.grpc.MethodDescriptor<dev.flowgate.v1.TestDataSourceRequest, dev.flowgate.v1.TestDataSourceResponse> getTestDataSourceMethod;
    if ((getTestDataSourceMethod = DataSourceServiceGrpc.getTestDataSourceMethod) == null) {
      synchronized (DataSourceServiceGrpc.class) {
        if ((getTestDataSourceMethod = DataSourceServiceGrpc.getTestDataSourceMethod) == null) {
          DataSourceServiceGrpc.getTestDataSourceMethod = getTestDataSourceMethod =
              io.grpc.MethodDescriptor.<dev.flowgate.v1.TestDataSourceRequest, dev.flowgate.v1.TestDataSourceResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "TestDataSource"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.flowgate.v1.TestDataSourceRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.flowgate.v1.TestDataSourceResponse.getDefaultInstance()))
              .setSchemaDescriptor(new DataSourceServiceMethodDescriptorSupplier("TestDataSource"))
              .build();
        }
      }
    }
    return getTestDataSourceMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.flowgate.v1.QueryDataSourceRequest,
      dev.flowgate.v1.QueryDataSourceResponse> getQueryDataSourceMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "QueryDataSource",
      requestType = dev.flowgate.v1.QueryDataSourceRequest.class,
      responseType = dev.flowgate.v1.QueryDataSourceResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.flowgate.v1.QueryDataSourceRequest,
      dev.flowgate.v1.QueryDataSourceResponse> getQueryDataSourceMethod() {
    io.grpc.MethodDescriptor<dev.flowgate.v1.QueryDataSourceRequest, dev.flowgate.v1.QueryDataSourceResponse> getQueryDataSourceMethod;
    if ((getQueryDataSourceMethod = DataSourceServiceGrpc.getQueryDataSourceMethod) == null) {
      synchronized (DataSourceServiceGrpc.class) {
        if ((getQueryDataSourceMethod = DataSourceServiceGrpc.getQueryDataSourceMethod) == null) {
          DataSourceServiceGrpc.getQueryDataSourceMethod = getQueryDataSourceMethod =
              io.grpc.MethodDescriptor.<dev.flowgate.v1.QueryDataSourceRequest, dev.flowgate.v1.QueryDataSourceResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "QueryDataSource"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.flowgate.v1.QueryDataSourceRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.flowgate.v1.QueryDataSourceResponse.getDefaultInstance()))
              .setSchemaDescriptor(new DataSourceServiceMethodDescriptorSupplier("QueryDataSource"))
              .build();
        }
      }
    }
    return getQueryDataSourceMethod;
  }

  /**
   * Creates a new async stub that supports all call types for the service
   */
  public static DataSourceServiceStub newStub(io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<DataSourceServiceStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<DataSourceServiceStub>() {
        @java.lang.Override
        public DataSourceServiceStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new DataSourceServiceStub(channel, callOptions);
        }
      };
    return DataSourceServiceStub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports all types of calls on the service
   */
  public static DataSourceServiceBlockingV2Stub newBlockingV2Stub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<DataSourceServiceBlockingV2Stub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<DataSourceServiceBlockingV2Stub>() {
        @java.lang.Override
        public DataSourceServiceBlockingV2Stub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new DataSourceServiceBlockingV2Stub(channel, callOptions);
        }
      };
    return DataSourceServiceBlockingV2Stub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports unary and streaming output calls on the service
   */
  public static DataSourceServiceBlockingStub newBlockingStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<DataSourceServiceBlockingStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<DataSourceServiceBlockingStub>() {
        @java.lang.Override
        public DataSourceServiceBlockingStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new DataSourceServiceBlockingStub(channel, callOptions);
        }
      };
    return DataSourceServiceBlockingStub.newStub(factory, channel);
  }

  /**
   * Creates a new ListenableFuture-style stub that supports unary calls on the service
   */
  public static DataSourceServiceFutureStub newFutureStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<DataSourceServiceFutureStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<DataSourceServiceFutureStub>() {
        @java.lang.Override
        public DataSourceServiceFutureStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new DataSourceServiceFutureStub(channel, callOptions);
        }
      };
    return DataSourceServiceFutureStub.newStub(factory, channel);
  }

  /**
   * <pre>
   * A team's data sources (`/api/v1/data-sources`): MySQL/MariaDB and PostgreSQL databases,
   * HTTP APIs and JSON files, queried read-only by callers and by `data_source` blocks.
   * Credentials are stored encrypted and never returned.
   * Over HTTP, a response message whose only field is a message or a list answers with
   * that field's value alone (an object or an array, as the reference shows); errors are
   * `{"detail", "error_code", "status_code"}`.
   * </pre>
   */
  public interface AsyncService {

    /**
     * <pre>
     * The team's data sources: `GET /api/v1/data-sources`.
     * </pre>
     */
    default void listDataSources(dev.flowgate.v1.ListDataSourcesRequest request,
        io.grpc.stub.StreamObserver<dev.flowgate.v1.ListDataSourcesResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getListDataSourcesMethod(), responseObserver);
    }

    /**
     * <pre>
     * Creates a data source: `POST /api/v1/data-sources`.
     * </pre>
     */
    default void createDataSource(dev.flowgate.v1.CreateDataSourceRequest request,
        io.grpc.stub.StreamObserver<dev.flowgate.v1.CreateDataSourceResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getCreateDataSourceMethod(), responseObserver);
    }

    /**
     * <pre>
     * One data source (without secrets): `GET /api/v1/data-sources/{data_source_id}`.
     * </pre>
     */
    default void getDataSource(dev.flowgate.v1.GetDataSourceRequest request,
        io.grpc.stub.StreamObserver<dev.flowgate.v1.GetDataSourceResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getGetDataSourceMethod(), responseObserver);
    }

    /**
     * <pre>
     * Changes a data source; config keys left out keep their value (secrets included):
     * `PUT /api/v1/data-sources/{data_source_id}`.
     * </pre>
     */
    default void updateDataSource(dev.flowgate.v1.UpdateDataSourceRequest request,
        io.grpc.stub.StreamObserver<dev.flowgate.v1.UpdateDataSourceResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getUpdateDataSourceMethod(), responseObserver);
    }

    /**
     * <pre>
     * Deletes a data source: `DELETE /api/v1/data-sources/{data_source_id}`.
     * </pre>
     */
    default void deleteDataSource(dev.flowgate.v1.DeleteDataSourceRequest request,
        io.grpc.stub.StreamObserver<dev.flowgate.v1.DeleteDataSourceResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getDeleteDataSourceMethod(), responseObserver);
    }

    /**
     * <pre>
     * Connects and answers whether that worked: `POST /api/v1/data-sources/{data_source_id}/test`.
     * </pre>
     */
    default void testDataSource(dev.flowgate.v1.TestDataSourceRequest request,
        io.grpc.stub.StreamObserver<dev.flowgate.v1.TestDataSourceResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getTestDataSourceMethod(), responseObserver);
    }

    /**
     * <pre>
     * Runs a read-only query, with row and time limits:
     * `POST /api/v1/data-sources/{data_source_id}/query`.
     * </pre>
     */
    default void queryDataSource(dev.flowgate.v1.QueryDataSourceRequest request,
        io.grpc.stub.StreamObserver<dev.flowgate.v1.QueryDataSourceResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getQueryDataSourceMethod(), responseObserver);
    }
  }

  /**
   * Base class for the server implementation of the service DataSourceService.
   * <pre>
   * A team's data sources (`/api/v1/data-sources`): MySQL/MariaDB and PostgreSQL databases,
   * HTTP APIs and JSON files, queried read-only by callers and by `data_source` blocks.
   * Credentials are stored encrypted and never returned.
   * Over HTTP, a response message whose only field is a message or a list answers with
   * that field's value alone (an object or an array, as the reference shows); errors are
   * `{"detail", "error_code", "status_code"}`.
   * </pre>
   */
  public static abstract class DataSourceServiceImplBase
      implements io.grpc.BindableService, AsyncService {

    @java.lang.Override public final io.grpc.ServerServiceDefinition bindService() {
      return DataSourceServiceGrpc.bindService(this);
    }
  }

  /**
   * A stub to allow clients to do asynchronous rpc calls to service DataSourceService.
   * <pre>
   * A team's data sources (`/api/v1/data-sources`): MySQL/MariaDB and PostgreSQL databases,
   * HTTP APIs and JSON files, queried read-only by callers and by `data_source` blocks.
   * Credentials are stored encrypted and never returned.
   * Over HTTP, a response message whose only field is a message or a list answers with
   * that field's value alone (an object or an array, as the reference shows); errors are
   * `{"detail", "error_code", "status_code"}`.
   * </pre>
   */
  public static final class DataSourceServiceStub
      extends io.grpc.stub.AbstractAsyncStub<DataSourceServiceStub> {
    private DataSourceServiceStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected DataSourceServiceStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new DataSourceServiceStub(channel, callOptions);
    }

    /**
     * <pre>
     * The team's data sources: `GET /api/v1/data-sources`.
     * </pre>
     */
    public void listDataSources(dev.flowgate.v1.ListDataSourcesRequest request,
        io.grpc.stub.StreamObserver<dev.flowgate.v1.ListDataSourcesResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getListDataSourcesMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Creates a data source: `POST /api/v1/data-sources`.
     * </pre>
     */
    public void createDataSource(dev.flowgate.v1.CreateDataSourceRequest request,
        io.grpc.stub.StreamObserver<dev.flowgate.v1.CreateDataSourceResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getCreateDataSourceMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * One data source (without secrets): `GET /api/v1/data-sources/{data_source_id}`.
     * </pre>
     */
    public void getDataSource(dev.flowgate.v1.GetDataSourceRequest request,
        io.grpc.stub.StreamObserver<dev.flowgate.v1.GetDataSourceResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getGetDataSourceMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Changes a data source; config keys left out keep their value (secrets included):
     * `PUT /api/v1/data-sources/{data_source_id}`.
     * </pre>
     */
    public void updateDataSource(dev.flowgate.v1.UpdateDataSourceRequest request,
        io.grpc.stub.StreamObserver<dev.flowgate.v1.UpdateDataSourceResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getUpdateDataSourceMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Deletes a data source: `DELETE /api/v1/data-sources/{data_source_id}`.
     * </pre>
     */
    public void deleteDataSource(dev.flowgate.v1.DeleteDataSourceRequest request,
        io.grpc.stub.StreamObserver<dev.flowgate.v1.DeleteDataSourceResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getDeleteDataSourceMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Connects and answers whether that worked: `POST /api/v1/data-sources/{data_source_id}/test`.
     * </pre>
     */
    public void testDataSource(dev.flowgate.v1.TestDataSourceRequest request,
        io.grpc.stub.StreamObserver<dev.flowgate.v1.TestDataSourceResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getTestDataSourceMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Runs a read-only query, with row and time limits:
     * `POST /api/v1/data-sources/{data_source_id}/query`.
     * </pre>
     */
    public void queryDataSource(dev.flowgate.v1.QueryDataSourceRequest request,
        io.grpc.stub.StreamObserver<dev.flowgate.v1.QueryDataSourceResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getQueryDataSourceMethod(), getCallOptions()), request, responseObserver);
    }
  }

  /**
   * A stub to allow clients to do synchronous rpc calls to service DataSourceService.
   * <pre>
   * A team's data sources (`/api/v1/data-sources`): MySQL/MariaDB and PostgreSQL databases,
   * HTTP APIs and JSON files, queried read-only by callers and by `data_source` blocks.
   * Credentials are stored encrypted and never returned.
   * Over HTTP, a response message whose only field is a message or a list answers with
   * that field's value alone (an object or an array, as the reference shows); errors are
   * `{"detail", "error_code", "status_code"}`.
   * </pre>
   */
  public static final class DataSourceServiceBlockingV2Stub
      extends io.grpc.stub.AbstractBlockingStub<DataSourceServiceBlockingV2Stub> {
    private DataSourceServiceBlockingV2Stub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected DataSourceServiceBlockingV2Stub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new DataSourceServiceBlockingV2Stub(channel, callOptions);
    }

    /**
     * <pre>
     * The team's data sources: `GET /api/v1/data-sources`.
     * </pre>
     */
    public dev.flowgate.v1.ListDataSourcesResponse listDataSources(dev.flowgate.v1.ListDataSourcesRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getListDataSourcesMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Creates a data source: `POST /api/v1/data-sources`.
     * </pre>
     */
    public dev.flowgate.v1.CreateDataSourceResponse createDataSource(dev.flowgate.v1.CreateDataSourceRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getCreateDataSourceMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * One data source (without secrets): `GET /api/v1/data-sources/{data_source_id}`.
     * </pre>
     */
    public dev.flowgate.v1.GetDataSourceResponse getDataSource(dev.flowgate.v1.GetDataSourceRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getGetDataSourceMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Changes a data source; config keys left out keep their value (secrets included):
     * `PUT /api/v1/data-sources/{data_source_id}`.
     * </pre>
     */
    public dev.flowgate.v1.UpdateDataSourceResponse updateDataSource(dev.flowgate.v1.UpdateDataSourceRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getUpdateDataSourceMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Deletes a data source: `DELETE /api/v1/data-sources/{data_source_id}`.
     * </pre>
     */
    public dev.flowgate.v1.DeleteDataSourceResponse deleteDataSource(dev.flowgate.v1.DeleteDataSourceRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getDeleteDataSourceMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Connects and answers whether that worked: `POST /api/v1/data-sources/{data_source_id}/test`.
     * </pre>
     */
    public dev.flowgate.v1.TestDataSourceResponse testDataSource(dev.flowgate.v1.TestDataSourceRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getTestDataSourceMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Runs a read-only query, with row and time limits:
     * `POST /api/v1/data-sources/{data_source_id}/query`.
     * </pre>
     */
    public dev.flowgate.v1.QueryDataSourceResponse queryDataSource(dev.flowgate.v1.QueryDataSourceRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getQueryDataSourceMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do limited synchronous rpc calls to service DataSourceService.
   * <pre>
   * A team's data sources (`/api/v1/data-sources`): MySQL/MariaDB and PostgreSQL databases,
   * HTTP APIs and JSON files, queried read-only by callers and by `data_source` blocks.
   * Credentials are stored encrypted and never returned.
   * Over HTTP, a response message whose only field is a message or a list answers with
   * that field's value alone (an object or an array, as the reference shows); errors are
   * `{"detail", "error_code", "status_code"}`.
   * </pre>
   */
  public static final class DataSourceServiceBlockingStub
      extends io.grpc.stub.AbstractBlockingStub<DataSourceServiceBlockingStub> {
    private DataSourceServiceBlockingStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected DataSourceServiceBlockingStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new DataSourceServiceBlockingStub(channel, callOptions);
    }

    /**
     * <pre>
     * The team's data sources: `GET /api/v1/data-sources`.
     * </pre>
     */
    public dev.flowgate.v1.ListDataSourcesResponse listDataSources(dev.flowgate.v1.ListDataSourcesRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getListDataSourcesMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Creates a data source: `POST /api/v1/data-sources`.
     * </pre>
     */
    public dev.flowgate.v1.CreateDataSourceResponse createDataSource(dev.flowgate.v1.CreateDataSourceRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getCreateDataSourceMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * One data source (without secrets): `GET /api/v1/data-sources/{data_source_id}`.
     * </pre>
     */
    public dev.flowgate.v1.GetDataSourceResponse getDataSource(dev.flowgate.v1.GetDataSourceRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getGetDataSourceMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Changes a data source; config keys left out keep their value (secrets included):
     * `PUT /api/v1/data-sources/{data_source_id}`.
     * </pre>
     */
    public dev.flowgate.v1.UpdateDataSourceResponse updateDataSource(dev.flowgate.v1.UpdateDataSourceRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getUpdateDataSourceMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Deletes a data source: `DELETE /api/v1/data-sources/{data_source_id}`.
     * </pre>
     */
    public dev.flowgate.v1.DeleteDataSourceResponse deleteDataSource(dev.flowgate.v1.DeleteDataSourceRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getDeleteDataSourceMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Connects and answers whether that worked: `POST /api/v1/data-sources/{data_source_id}/test`.
     * </pre>
     */
    public dev.flowgate.v1.TestDataSourceResponse testDataSource(dev.flowgate.v1.TestDataSourceRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getTestDataSourceMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Runs a read-only query, with row and time limits:
     * `POST /api/v1/data-sources/{data_source_id}/query`.
     * </pre>
     */
    public dev.flowgate.v1.QueryDataSourceResponse queryDataSource(dev.flowgate.v1.QueryDataSourceRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getQueryDataSourceMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do ListenableFuture-style rpc calls to service DataSourceService.
   * <pre>
   * A team's data sources (`/api/v1/data-sources`): MySQL/MariaDB and PostgreSQL databases,
   * HTTP APIs and JSON files, queried read-only by callers and by `data_source` blocks.
   * Credentials are stored encrypted and never returned.
   * Over HTTP, a response message whose only field is a message or a list answers with
   * that field's value alone (an object or an array, as the reference shows); errors are
   * `{"detail", "error_code", "status_code"}`.
   * </pre>
   */
  public static final class DataSourceServiceFutureStub
      extends io.grpc.stub.AbstractFutureStub<DataSourceServiceFutureStub> {
    private DataSourceServiceFutureStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected DataSourceServiceFutureStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new DataSourceServiceFutureStub(channel, callOptions);
    }

    /**
     * <pre>
     * The team's data sources: `GET /api/v1/data-sources`.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.flowgate.v1.ListDataSourcesResponse> listDataSources(
        dev.flowgate.v1.ListDataSourcesRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getListDataSourcesMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Creates a data source: `POST /api/v1/data-sources`.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.flowgate.v1.CreateDataSourceResponse> createDataSource(
        dev.flowgate.v1.CreateDataSourceRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getCreateDataSourceMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * One data source (without secrets): `GET /api/v1/data-sources/{data_source_id}`.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.flowgate.v1.GetDataSourceResponse> getDataSource(
        dev.flowgate.v1.GetDataSourceRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getGetDataSourceMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Changes a data source; config keys left out keep their value (secrets included):
     * `PUT /api/v1/data-sources/{data_source_id}`.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.flowgate.v1.UpdateDataSourceResponse> updateDataSource(
        dev.flowgate.v1.UpdateDataSourceRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getUpdateDataSourceMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Deletes a data source: `DELETE /api/v1/data-sources/{data_source_id}`.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.flowgate.v1.DeleteDataSourceResponse> deleteDataSource(
        dev.flowgate.v1.DeleteDataSourceRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getDeleteDataSourceMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Connects and answers whether that worked: `POST /api/v1/data-sources/{data_source_id}/test`.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.flowgate.v1.TestDataSourceResponse> testDataSource(
        dev.flowgate.v1.TestDataSourceRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getTestDataSourceMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Runs a read-only query, with row and time limits:
     * `POST /api/v1/data-sources/{data_source_id}/query`.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.flowgate.v1.QueryDataSourceResponse> queryDataSource(
        dev.flowgate.v1.QueryDataSourceRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getQueryDataSourceMethod(), getCallOptions()), request);
    }
  }

  private static final int METHODID_LIST_DATA_SOURCES = 0;
  private static final int METHODID_CREATE_DATA_SOURCE = 1;
  private static final int METHODID_GET_DATA_SOURCE = 2;
  private static final int METHODID_UPDATE_DATA_SOURCE = 3;
  private static final int METHODID_DELETE_DATA_SOURCE = 4;
  private static final int METHODID_TEST_DATA_SOURCE = 5;
  private static final int METHODID_QUERY_DATA_SOURCE = 6;

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
        case METHODID_LIST_DATA_SOURCES:
          serviceImpl.listDataSources((dev.flowgate.v1.ListDataSourcesRequest) request,
              (io.grpc.stub.StreamObserver<dev.flowgate.v1.ListDataSourcesResponse>) responseObserver);
          break;
        case METHODID_CREATE_DATA_SOURCE:
          serviceImpl.createDataSource((dev.flowgate.v1.CreateDataSourceRequest) request,
              (io.grpc.stub.StreamObserver<dev.flowgate.v1.CreateDataSourceResponse>) responseObserver);
          break;
        case METHODID_GET_DATA_SOURCE:
          serviceImpl.getDataSource((dev.flowgate.v1.GetDataSourceRequest) request,
              (io.grpc.stub.StreamObserver<dev.flowgate.v1.GetDataSourceResponse>) responseObserver);
          break;
        case METHODID_UPDATE_DATA_SOURCE:
          serviceImpl.updateDataSource((dev.flowgate.v1.UpdateDataSourceRequest) request,
              (io.grpc.stub.StreamObserver<dev.flowgate.v1.UpdateDataSourceResponse>) responseObserver);
          break;
        case METHODID_DELETE_DATA_SOURCE:
          serviceImpl.deleteDataSource((dev.flowgate.v1.DeleteDataSourceRequest) request,
              (io.grpc.stub.StreamObserver<dev.flowgate.v1.DeleteDataSourceResponse>) responseObserver);
          break;
        case METHODID_TEST_DATA_SOURCE:
          serviceImpl.testDataSource((dev.flowgate.v1.TestDataSourceRequest) request,
              (io.grpc.stub.StreamObserver<dev.flowgate.v1.TestDataSourceResponse>) responseObserver);
          break;
        case METHODID_QUERY_DATA_SOURCE:
          serviceImpl.queryDataSource((dev.flowgate.v1.QueryDataSourceRequest) request,
              (io.grpc.stub.StreamObserver<dev.flowgate.v1.QueryDataSourceResponse>) responseObserver);
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
          getListDataSourcesMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.flowgate.v1.ListDataSourcesRequest,
              dev.flowgate.v1.ListDataSourcesResponse>(
                service, METHODID_LIST_DATA_SOURCES)))
        .addMethod(
          getCreateDataSourceMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.flowgate.v1.CreateDataSourceRequest,
              dev.flowgate.v1.CreateDataSourceResponse>(
                service, METHODID_CREATE_DATA_SOURCE)))
        .addMethod(
          getGetDataSourceMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.flowgate.v1.GetDataSourceRequest,
              dev.flowgate.v1.GetDataSourceResponse>(
                service, METHODID_GET_DATA_SOURCE)))
        .addMethod(
          getUpdateDataSourceMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.flowgate.v1.UpdateDataSourceRequest,
              dev.flowgate.v1.UpdateDataSourceResponse>(
                service, METHODID_UPDATE_DATA_SOURCE)))
        .addMethod(
          getDeleteDataSourceMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.flowgate.v1.DeleteDataSourceRequest,
              dev.flowgate.v1.DeleteDataSourceResponse>(
                service, METHODID_DELETE_DATA_SOURCE)))
        .addMethod(
          getTestDataSourceMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.flowgate.v1.TestDataSourceRequest,
              dev.flowgate.v1.TestDataSourceResponse>(
                service, METHODID_TEST_DATA_SOURCE)))
        .addMethod(
          getQueryDataSourceMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.flowgate.v1.QueryDataSourceRequest,
              dev.flowgate.v1.QueryDataSourceResponse>(
                service, METHODID_QUERY_DATA_SOURCE)))
        .build();
  }

  private static abstract class DataSourceServiceBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoFileDescriptorSupplier, io.grpc.protobuf.ProtoServiceDescriptorSupplier {
    DataSourceServiceBaseDescriptorSupplier() {}

    @java.lang.Override
    public com.google.protobuf.Descriptors.FileDescriptor getFileDescriptor() {
      return dev.flowgate.v1.DataSourceServiceOuterClass.getDescriptor();
    }

    @java.lang.Override
    public com.google.protobuf.Descriptors.ServiceDescriptor getServiceDescriptor() {
      return getFileDescriptor().findServiceByName("DataSourceService");
    }
  }

  private static final class DataSourceServiceFileDescriptorSupplier
      extends DataSourceServiceBaseDescriptorSupplier {
    DataSourceServiceFileDescriptorSupplier() {}
  }

  private static final class DataSourceServiceMethodDescriptorSupplier
      extends DataSourceServiceBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoMethodDescriptorSupplier {
    private final java.lang.String methodName;

    DataSourceServiceMethodDescriptorSupplier(java.lang.String methodName) {
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
      synchronized (DataSourceServiceGrpc.class) {
        result = serviceDescriptor;
        if (result == null) {
          serviceDescriptor = result = io.grpc.ServiceDescriptor.newBuilder(SERVICE_NAME)
              .setSchemaDescriptor(new DataSourceServiceFileDescriptorSupplier())
              .addMethod(getListDataSourcesMethod())
              .addMethod(getCreateDataSourceMethod())
              .addMethod(getGetDataSourceMethod())
              .addMethod(getUpdateDataSourceMethod())
              .addMethod(getDeleteDataSourceMethod())
              .addMethod(getTestDataSourceMethod())
              .addMethod(getQueryDataSourceMethod())
              .build();
        }
      }
    }
    return result;
  }
}
