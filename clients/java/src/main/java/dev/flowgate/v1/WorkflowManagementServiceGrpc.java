package dev.flowgate.v1;

import static io.grpc.MethodDescriptor.generateFullMethodName;

/**
 * <pre>
 * Authoring workflows through the management API (`/api/v1/workflows`): drafts with a
 * version history, validation, templates, export and import. Every RPC takes
 * `authorization: Bearer &lt;token&gt;` (a sign-in token or a team API key) and acts in the
 * caller's team (`x-team-id` picks one of the user's teams; default: the personal team).
 * Over HTTP, a response message whose only field is a message or a list answers with
 * that field's value alone (an object or an array, as the reference shows); errors are
 * `{"detail", "error_code", "status_code"}`.
 * </pre>
 */
@io.grpc.stub.annotations.GrpcGenerated
public final class WorkflowManagementServiceGrpc {

  private WorkflowManagementServiceGrpc() {}

  public static final java.lang.String SERVICE_NAME = "flowgate.v1.WorkflowManagementService";

  // Static method descriptors that strictly reflect the proto.
  private static volatile io.grpc.MethodDescriptor<dev.flowgate.v1.ListManagedWorkflowsRequest,
      dev.flowgate.v1.ListManagedWorkflowsResponse> getListManagedWorkflowsMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "ListManagedWorkflows",
      requestType = dev.flowgate.v1.ListManagedWorkflowsRequest.class,
      responseType = dev.flowgate.v1.ListManagedWorkflowsResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.flowgate.v1.ListManagedWorkflowsRequest,
      dev.flowgate.v1.ListManagedWorkflowsResponse> getListManagedWorkflowsMethod() {
    io.grpc.MethodDescriptor<dev.flowgate.v1.ListManagedWorkflowsRequest, dev.flowgate.v1.ListManagedWorkflowsResponse> getListManagedWorkflowsMethod;
    if ((getListManagedWorkflowsMethod = WorkflowManagementServiceGrpc.getListManagedWorkflowsMethod) == null) {
      synchronized (WorkflowManagementServiceGrpc.class) {
        if ((getListManagedWorkflowsMethod = WorkflowManagementServiceGrpc.getListManagedWorkflowsMethod) == null) {
          WorkflowManagementServiceGrpc.getListManagedWorkflowsMethod = getListManagedWorkflowsMethod =
              io.grpc.MethodDescriptor.<dev.flowgate.v1.ListManagedWorkflowsRequest, dev.flowgate.v1.ListManagedWorkflowsResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "ListManagedWorkflows"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.flowgate.v1.ListManagedWorkflowsRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.flowgate.v1.ListManagedWorkflowsResponse.getDefaultInstance()))
              .setSchemaDescriptor(new WorkflowManagementServiceMethodDescriptorSupplier("ListManagedWorkflows"))
              .build();
        }
      }
    }
    return getListManagedWorkflowsMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.flowgate.v1.CreateManagedWorkflowRequest,
      dev.flowgate.v1.CreateManagedWorkflowResponse> getCreateManagedWorkflowMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "CreateManagedWorkflow",
      requestType = dev.flowgate.v1.CreateManagedWorkflowRequest.class,
      responseType = dev.flowgate.v1.CreateManagedWorkflowResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.flowgate.v1.CreateManagedWorkflowRequest,
      dev.flowgate.v1.CreateManagedWorkflowResponse> getCreateManagedWorkflowMethod() {
    io.grpc.MethodDescriptor<dev.flowgate.v1.CreateManagedWorkflowRequest, dev.flowgate.v1.CreateManagedWorkflowResponse> getCreateManagedWorkflowMethod;
    if ((getCreateManagedWorkflowMethod = WorkflowManagementServiceGrpc.getCreateManagedWorkflowMethod) == null) {
      synchronized (WorkflowManagementServiceGrpc.class) {
        if ((getCreateManagedWorkflowMethod = WorkflowManagementServiceGrpc.getCreateManagedWorkflowMethod) == null) {
          WorkflowManagementServiceGrpc.getCreateManagedWorkflowMethod = getCreateManagedWorkflowMethod =
              io.grpc.MethodDescriptor.<dev.flowgate.v1.CreateManagedWorkflowRequest, dev.flowgate.v1.CreateManagedWorkflowResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "CreateManagedWorkflow"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.flowgate.v1.CreateManagedWorkflowRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.flowgate.v1.CreateManagedWorkflowResponse.getDefaultInstance()))
              .setSchemaDescriptor(new WorkflowManagementServiceMethodDescriptorSupplier("CreateManagedWorkflow"))
              .build();
        }
      }
    }
    return getCreateManagedWorkflowMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.flowgate.v1.ValidateManagedWorkflowRequest,
      dev.flowgate.v1.ValidateManagedWorkflowResponse> getValidateManagedWorkflowMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "ValidateManagedWorkflow",
      requestType = dev.flowgate.v1.ValidateManagedWorkflowRequest.class,
      responseType = dev.flowgate.v1.ValidateManagedWorkflowResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.flowgate.v1.ValidateManagedWorkflowRequest,
      dev.flowgate.v1.ValidateManagedWorkflowResponse> getValidateManagedWorkflowMethod() {
    io.grpc.MethodDescriptor<dev.flowgate.v1.ValidateManagedWorkflowRequest, dev.flowgate.v1.ValidateManagedWorkflowResponse> getValidateManagedWorkflowMethod;
    if ((getValidateManagedWorkflowMethod = WorkflowManagementServiceGrpc.getValidateManagedWorkflowMethod) == null) {
      synchronized (WorkflowManagementServiceGrpc.class) {
        if ((getValidateManagedWorkflowMethod = WorkflowManagementServiceGrpc.getValidateManagedWorkflowMethod) == null) {
          WorkflowManagementServiceGrpc.getValidateManagedWorkflowMethod = getValidateManagedWorkflowMethod =
              io.grpc.MethodDescriptor.<dev.flowgate.v1.ValidateManagedWorkflowRequest, dev.flowgate.v1.ValidateManagedWorkflowResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "ValidateManagedWorkflow"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.flowgate.v1.ValidateManagedWorkflowRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.flowgate.v1.ValidateManagedWorkflowResponse.getDefaultInstance()))
              .setSchemaDescriptor(new WorkflowManagementServiceMethodDescriptorSupplier("ValidateManagedWorkflow"))
              .build();
        }
      }
    }
    return getValidateManagedWorkflowMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.flowgate.v1.ListWorkflowTemplatesRequest,
      dev.flowgate.v1.ListWorkflowTemplatesResponse> getListWorkflowTemplatesMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "ListWorkflowTemplates",
      requestType = dev.flowgate.v1.ListWorkflowTemplatesRequest.class,
      responseType = dev.flowgate.v1.ListWorkflowTemplatesResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.flowgate.v1.ListWorkflowTemplatesRequest,
      dev.flowgate.v1.ListWorkflowTemplatesResponse> getListWorkflowTemplatesMethod() {
    io.grpc.MethodDescriptor<dev.flowgate.v1.ListWorkflowTemplatesRequest, dev.flowgate.v1.ListWorkflowTemplatesResponse> getListWorkflowTemplatesMethod;
    if ((getListWorkflowTemplatesMethod = WorkflowManagementServiceGrpc.getListWorkflowTemplatesMethod) == null) {
      synchronized (WorkflowManagementServiceGrpc.class) {
        if ((getListWorkflowTemplatesMethod = WorkflowManagementServiceGrpc.getListWorkflowTemplatesMethod) == null) {
          WorkflowManagementServiceGrpc.getListWorkflowTemplatesMethod = getListWorkflowTemplatesMethod =
              io.grpc.MethodDescriptor.<dev.flowgate.v1.ListWorkflowTemplatesRequest, dev.flowgate.v1.ListWorkflowTemplatesResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "ListWorkflowTemplates"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.flowgate.v1.ListWorkflowTemplatesRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.flowgate.v1.ListWorkflowTemplatesResponse.getDefaultInstance()))
              .setSchemaDescriptor(new WorkflowManagementServiceMethodDescriptorSupplier("ListWorkflowTemplates"))
              .build();
        }
      }
    }
    return getListWorkflowTemplatesMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.flowgate.v1.CreateWorkflowFromTemplateRequest,
      dev.flowgate.v1.CreateWorkflowFromTemplateResponse> getCreateWorkflowFromTemplateMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "CreateWorkflowFromTemplate",
      requestType = dev.flowgate.v1.CreateWorkflowFromTemplateRequest.class,
      responseType = dev.flowgate.v1.CreateWorkflowFromTemplateResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.flowgate.v1.CreateWorkflowFromTemplateRequest,
      dev.flowgate.v1.CreateWorkflowFromTemplateResponse> getCreateWorkflowFromTemplateMethod() {
    io.grpc.MethodDescriptor<dev.flowgate.v1.CreateWorkflowFromTemplateRequest, dev.flowgate.v1.CreateWorkflowFromTemplateResponse> getCreateWorkflowFromTemplateMethod;
    if ((getCreateWorkflowFromTemplateMethod = WorkflowManagementServiceGrpc.getCreateWorkflowFromTemplateMethod) == null) {
      synchronized (WorkflowManagementServiceGrpc.class) {
        if ((getCreateWorkflowFromTemplateMethod = WorkflowManagementServiceGrpc.getCreateWorkflowFromTemplateMethod) == null) {
          WorkflowManagementServiceGrpc.getCreateWorkflowFromTemplateMethod = getCreateWorkflowFromTemplateMethod =
              io.grpc.MethodDescriptor.<dev.flowgate.v1.CreateWorkflowFromTemplateRequest, dev.flowgate.v1.CreateWorkflowFromTemplateResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "CreateWorkflowFromTemplate"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.flowgate.v1.CreateWorkflowFromTemplateRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.flowgate.v1.CreateWorkflowFromTemplateResponse.getDefaultInstance()))
              .setSchemaDescriptor(new WorkflowManagementServiceMethodDescriptorSupplier("CreateWorkflowFromTemplate"))
              .build();
        }
      }
    }
    return getCreateWorkflowFromTemplateMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.flowgate.v1.ImportWorkflowRequest,
      dev.flowgate.v1.ImportWorkflowResponse> getImportWorkflowMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "ImportWorkflow",
      requestType = dev.flowgate.v1.ImportWorkflowRequest.class,
      responseType = dev.flowgate.v1.ImportWorkflowResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.flowgate.v1.ImportWorkflowRequest,
      dev.flowgate.v1.ImportWorkflowResponse> getImportWorkflowMethod() {
    io.grpc.MethodDescriptor<dev.flowgate.v1.ImportWorkflowRequest, dev.flowgate.v1.ImportWorkflowResponse> getImportWorkflowMethod;
    if ((getImportWorkflowMethod = WorkflowManagementServiceGrpc.getImportWorkflowMethod) == null) {
      synchronized (WorkflowManagementServiceGrpc.class) {
        if ((getImportWorkflowMethod = WorkflowManagementServiceGrpc.getImportWorkflowMethod) == null) {
          WorkflowManagementServiceGrpc.getImportWorkflowMethod = getImportWorkflowMethod =
              io.grpc.MethodDescriptor.<dev.flowgate.v1.ImportWorkflowRequest, dev.flowgate.v1.ImportWorkflowResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "ImportWorkflow"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.flowgate.v1.ImportWorkflowRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.flowgate.v1.ImportWorkflowResponse.getDefaultInstance()))
              .setSchemaDescriptor(new WorkflowManagementServiceMethodDescriptorSupplier("ImportWorkflow"))
              .build();
        }
      }
    }
    return getImportWorkflowMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.flowgate.v1.GetManagedWorkflowRequest,
      dev.flowgate.v1.GetManagedWorkflowResponse> getGetManagedWorkflowMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "GetManagedWorkflow",
      requestType = dev.flowgate.v1.GetManagedWorkflowRequest.class,
      responseType = dev.flowgate.v1.GetManagedWorkflowResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.flowgate.v1.GetManagedWorkflowRequest,
      dev.flowgate.v1.GetManagedWorkflowResponse> getGetManagedWorkflowMethod() {
    io.grpc.MethodDescriptor<dev.flowgate.v1.GetManagedWorkflowRequest, dev.flowgate.v1.GetManagedWorkflowResponse> getGetManagedWorkflowMethod;
    if ((getGetManagedWorkflowMethod = WorkflowManagementServiceGrpc.getGetManagedWorkflowMethod) == null) {
      synchronized (WorkflowManagementServiceGrpc.class) {
        if ((getGetManagedWorkflowMethod = WorkflowManagementServiceGrpc.getGetManagedWorkflowMethod) == null) {
          WorkflowManagementServiceGrpc.getGetManagedWorkflowMethod = getGetManagedWorkflowMethod =
              io.grpc.MethodDescriptor.<dev.flowgate.v1.GetManagedWorkflowRequest, dev.flowgate.v1.GetManagedWorkflowResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "GetManagedWorkflow"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.flowgate.v1.GetManagedWorkflowRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.flowgate.v1.GetManagedWorkflowResponse.getDefaultInstance()))
              .setSchemaDescriptor(new WorkflowManagementServiceMethodDescriptorSupplier("GetManagedWorkflow"))
              .build();
        }
      }
    }
    return getGetManagedWorkflowMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.flowgate.v1.UpdateManagedWorkflowRequest,
      dev.flowgate.v1.UpdateManagedWorkflowResponse> getUpdateManagedWorkflowMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "UpdateManagedWorkflow",
      requestType = dev.flowgate.v1.UpdateManagedWorkflowRequest.class,
      responseType = dev.flowgate.v1.UpdateManagedWorkflowResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.flowgate.v1.UpdateManagedWorkflowRequest,
      dev.flowgate.v1.UpdateManagedWorkflowResponse> getUpdateManagedWorkflowMethod() {
    io.grpc.MethodDescriptor<dev.flowgate.v1.UpdateManagedWorkflowRequest, dev.flowgate.v1.UpdateManagedWorkflowResponse> getUpdateManagedWorkflowMethod;
    if ((getUpdateManagedWorkflowMethod = WorkflowManagementServiceGrpc.getUpdateManagedWorkflowMethod) == null) {
      synchronized (WorkflowManagementServiceGrpc.class) {
        if ((getUpdateManagedWorkflowMethod = WorkflowManagementServiceGrpc.getUpdateManagedWorkflowMethod) == null) {
          WorkflowManagementServiceGrpc.getUpdateManagedWorkflowMethod = getUpdateManagedWorkflowMethod =
              io.grpc.MethodDescriptor.<dev.flowgate.v1.UpdateManagedWorkflowRequest, dev.flowgate.v1.UpdateManagedWorkflowResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "UpdateManagedWorkflow"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.flowgate.v1.UpdateManagedWorkflowRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.flowgate.v1.UpdateManagedWorkflowResponse.getDefaultInstance()))
              .setSchemaDescriptor(new WorkflowManagementServiceMethodDescriptorSupplier("UpdateManagedWorkflow"))
              .build();
        }
      }
    }
    return getUpdateManagedWorkflowMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.flowgate.v1.DeleteManagedWorkflowRequest,
      dev.flowgate.v1.DeleteManagedWorkflowResponse> getDeleteManagedWorkflowMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "DeleteManagedWorkflow",
      requestType = dev.flowgate.v1.DeleteManagedWorkflowRequest.class,
      responseType = dev.flowgate.v1.DeleteManagedWorkflowResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.flowgate.v1.DeleteManagedWorkflowRequest,
      dev.flowgate.v1.DeleteManagedWorkflowResponse> getDeleteManagedWorkflowMethod() {
    io.grpc.MethodDescriptor<dev.flowgate.v1.DeleteManagedWorkflowRequest, dev.flowgate.v1.DeleteManagedWorkflowResponse> getDeleteManagedWorkflowMethod;
    if ((getDeleteManagedWorkflowMethod = WorkflowManagementServiceGrpc.getDeleteManagedWorkflowMethod) == null) {
      synchronized (WorkflowManagementServiceGrpc.class) {
        if ((getDeleteManagedWorkflowMethod = WorkflowManagementServiceGrpc.getDeleteManagedWorkflowMethod) == null) {
          WorkflowManagementServiceGrpc.getDeleteManagedWorkflowMethod = getDeleteManagedWorkflowMethod =
              io.grpc.MethodDescriptor.<dev.flowgate.v1.DeleteManagedWorkflowRequest, dev.flowgate.v1.DeleteManagedWorkflowResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "DeleteManagedWorkflow"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.flowgate.v1.DeleteManagedWorkflowRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.flowgate.v1.DeleteManagedWorkflowResponse.getDefaultInstance()))
              .setSchemaDescriptor(new WorkflowManagementServiceMethodDescriptorSupplier("DeleteManagedWorkflow"))
              .build();
        }
      }
    }
    return getDeleteManagedWorkflowMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.flowgate.v1.ExportWorkflowRequest,
      dev.flowgate.v1.ExportWorkflowResponse> getExportWorkflowMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "ExportWorkflow",
      requestType = dev.flowgate.v1.ExportWorkflowRequest.class,
      responseType = dev.flowgate.v1.ExportWorkflowResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.flowgate.v1.ExportWorkflowRequest,
      dev.flowgate.v1.ExportWorkflowResponse> getExportWorkflowMethod() {
    io.grpc.MethodDescriptor<dev.flowgate.v1.ExportWorkflowRequest, dev.flowgate.v1.ExportWorkflowResponse> getExportWorkflowMethod;
    if ((getExportWorkflowMethod = WorkflowManagementServiceGrpc.getExportWorkflowMethod) == null) {
      synchronized (WorkflowManagementServiceGrpc.class) {
        if ((getExportWorkflowMethod = WorkflowManagementServiceGrpc.getExportWorkflowMethod) == null) {
          WorkflowManagementServiceGrpc.getExportWorkflowMethod = getExportWorkflowMethod =
              io.grpc.MethodDescriptor.<dev.flowgate.v1.ExportWorkflowRequest, dev.flowgate.v1.ExportWorkflowResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "ExportWorkflow"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.flowgate.v1.ExportWorkflowRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.flowgate.v1.ExportWorkflowResponse.getDefaultInstance()))
              .setSchemaDescriptor(new WorkflowManagementServiceMethodDescriptorSupplier("ExportWorkflow"))
              .build();
        }
      }
    }
    return getExportWorkflowMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.flowgate.v1.ListWorkflowVersionsRequest,
      dev.flowgate.v1.ListWorkflowVersionsResponse> getListWorkflowVersionsMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "ListWorkflowVersions",
      requestType = dev.flowgate.v1.ListWorkflowVersionsRequest.class,
      responseType = dev.flowgate.v1.ListWorkflowVersionsResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.flowgate.v1.ListWorkflowVersionsRequest,
      dev.flowgate.v1.ListWorkflowVersionsResponse> getListWorkflowVersionsMethod() {
    io.grpc.MethodDescriptor<dev.flowgate.v1.ListWorkflowVersionsRequest, dev.flowgate.v1.ListWorkflowVersionsResponse> getListWorkflowVersionsMethod;
    if ((getListWorkflowVersionsMethod = WorkflowManagementServiceGrpc.getListWorkflowVersionsMethod) == null) {
      synchronized (WorkflowManagementServiceGrpc.class) {
        if ((getListWorkflowVersionsMethod = WorkflowManagementServiceGrpc.getListWorkflowVersionsMethod) == null) {
          WorkflowManagementServiceGrpc.getListWorkflowVersionsMethod = getListWorkflowVersionsMethod =
              io.grpc.MethodDescriptor.<dev.flowgate.v1.ListWorkflowVersionsRequest, dev.flowgate.v1.ListWorkflowVersionsResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "ListWorkflowVersions"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.flowgate.v1.ListWorkflowVersionsRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.flowgate.v1.ListWorkflowVersionsResponse.getDefaultInstance()))
              .setSchemaDescriptor(new WorkflowManagementServiceMethodDescriptorSupplier("ListWorkflowVersions"))
              .build();
        }
      }
    }
    return getListWorkflowVersionsMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.flowgate.v1.GetWorkflowVersionRequest,
      dev.flowgate.v1.GetWorkflowVersionResponse> getGetWorkflowVersionMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "GetWorkflowVersion",
      requestType = dev.flowgate.v1.GetWorkflowVersionRequest.class,
      responseType = dev.flowgate.v1.GetWorkflowVersionResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.flowgate.v1.GetWorkflowVersionRequest,
      dev.flowgate.v1.GetWorkflowVersionResponse> getGetWorkflowVersionMethod() {
    io.grpc.MethodDescriptor<dev.flowgate.v1.GetWorkflowVersionRequest, dev.flowgate.v1.GetWorkflowVersionResponse> getGetWorkflowVersionMethod;
    if ((getGetWorkflowVersionMethod = WorkflowManagementServiceGrpc.getGetWorkflowVersionMethod) == null) {
      synchronized (WorkflowManagementServiceGrpc.class) {
        if ((getGetWorkflowVersionMethod = WorkflowManagementServiceGrpc.getGetWorkflowVersionMethod) == null) {
          WorkflowManagementServiceGrpc.getGetWorkflowVersionMethod = getGetWorkflowVersionMethod =
              io.grpc.MethodDescriptor.<dev.flowgate.v1.GetWorkflowVersionRequest, dev.flowgate.v1.GetWorkflowVersionResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "GetWorkflowVersion"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.flowgate.v1.GetWorkflowVersionRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.flowgate.v1.GetWorkflowVersionResponse.getDefaultInstance()))
              .setSchemaDescriptor(new WorkflowManagementServiceMethodDescriptorSupplier("GetWorkflowVersion"))
              .build();
        }
      }
    }
    return getGetWorkflowVersionMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.flowgate.v1.RollbackWorkflowVersionRequest,
      dev.flowgate.v1.RollbackWorkflowVersionResponse> getRollbackWorkflowVersionMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "RollbackWorkflowVersion",
      requestType = dev.flowgate.v1.RollbackWorkflowVersionRequest.class,
      responseType = dev.flowgate.v1.RollbackWorkflowVersionResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.flowgate.v1.RollbackWorkflowVersionRequest,
      dev.flowgate.v1.RollbackWorkflowVersionResponse> getRollbackWorkflowVersionMethod() {
    io.grpc.MethodDescriptor<dev.flowgate.v1.RollbackWorkflowVersionRequest, dev.flowgate.v1.RollbackWorkflowVersionResponse> getRollbackWorkflowVersionMethod;
    if ((getRollbackWorkflowVersionMethod = WorkflowManagementServiceGrpc.getRollbackWorkflowVersionMethod) == null) {
      synchronized (WorkflowManagementServiceGrpc.class) {
        if ((getRollbackWorkflowVersionMethod = WorkflowManagementServiceGrpc.getRollbackWorkflowVersionMethod) == null) {
          WorkflowManagementServiceGrpc.getRollbackWorkflowVersionMethod = getRollbackWorkflowVersionMethod =
              io.grpc.MethodDescriptor.<dev.flowgate.v1.RollbackWorkflowVersionRequest, dev.flowgate.v1.RollbackWorkflowVersionResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "RollbackWorkflowVersion"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.flowgate.v1.RollbackWorkflowVersionRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.flowgate.v1.RollbackWorkflowVersionResponse.getDefaultInstance()))
              .setSchemaDescriptor(new WorkflowManagementServiceMethodDescriptorSupplier("RollbackWorkflowVersion"))
              .build();
        }
      }
    }
    return getRollbackWorkflowVersionMethod;
  }

  /**
   * Creates a new async stub that supports all call types for the service
   */
  public static WorkflowManagementServiceStub newStub(io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<WorkflowManagementServiceStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<WorkflowManagementServiceStub>() {
        @java.lang.Override
        public WorkflowManagementServiceStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new WorkflowManagementServiceStub(channel, callOptions);
        }
      };
    return WorkflowManagementServiceStub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports all types of calls on the service
   */
  public static WorkflowManagementServiceBlockingV2Stub newBlockingV2Stub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<WorkflowManagementServiceBlockingV2Stub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<WorkflowManagementServiceBlockingV2Stub>() {
        @java.lang.Override
        public WorkflowManagementServiceBlockingV2Stub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new WorkflowManagementServiceBlockingV2Stub(channel, callOptions);
        }
      };
    return WorkflowManagementServiceBlockingV2Stub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports unary and streaming output calls on the service
   */
  public static WorkflowManagementServiceBlockingStub newBlockingStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<WorkflowManagementServiceBlockingStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<WorkflowManagementServiceBlockingStub>() {
        @java.lang.Override
        public WorkflowManagementServiceBlockingStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new WorkflowManagementServiceBlockingStub(channel, callOptions);
        }
      };
    return WorkflowManagementServiceBlockingStub.newStub(factory, channel);
  }

  /**
   * Creates a new ListenableFuture-style stub that supports unary calls on the service
   */
  public static WorkflowManagementServiceFutureStub newFutureStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<WorkflowManagementServiceFutureStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<WorkflowManagementServiceFutureStub>() {
        @java.lang.Override
        public WorkflowManagementServiceFutureStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new WorkflowManagementServiceFutureStub(channel, callOptions);
        }
      };
    return WorkflowManagementServiceFutureStub.newStub(factory, channel);
  }

  /**
   * <pre>
   * Authoring workflows through the management API (`/api/v1/workflows`): drafts with a
   * version history, validation, templates, export and import. Every RPC takes
   * `authorization: Bearer &lt;token&gt;` (a sign-in token or a team API key) and acts in the
   * caller's team (`x-team-id` picks one of the user's teams; default: the personal team).
   * Over HTTP, a response message whose only field is a message or a list answers with
   * that field's value alone (an object or an array, as the reference shows); errors are
   * `{"detail", "error_code", "status_code"}`.
   * </pre>
   */
  public interface AsyncService {

    /**
     * <pre>
     * The team's workflows: `GET /api/v1/workflows`.
     * </pre>
     */
    default void listManagedWorkflows(dev.flowgate.v1.ListManagedWorkflowsRequest request,
        io.grpc.stub.StreamObserver<dev.flowgate.v1.ListManagedWorkflowsResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getListManagedWorkflowsMethod(), responseObserver);
    }

    /**
     * <pre>
     * Creates a workflow (version 1, status `draft`): `POST /api/v1/workflows`.
     * </pre>
     */
    default void createManagedWorkflow(dev.flowgate.v1.CreateManagedWorkflowRequest request,
        io.grpc.stub.StreamObserver<dev.flowgate.v1.CreateManagedWorkflowResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getCreateManagedWorkflowMethod(), responseObserver);
    }

    /**
     * <pre>
     * Checks a graph without storing it: `POST /api/v1/workflows/validate`.
     * </pre>
     */
    default void validateManagedWorkflow(dev.flowgate.v1.ValidateManagedWorkflowRequest request,
        io.grpc.stub.StreamObserver<dev.flowgate.v1.ValidateManagedWorkflowResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getValidateManagedWorkflowMethod(), responseObserver);
    }

    /**
     * <pre>
     * The built-in templates: `GET /api/v1/workflows/templates`.
     * </pre>
     */
    default void listWorkflowTemplates(dev.flowgate.v1.ListWorkflowTemplatesRequest request,
        io.grpc.stub.StreamObserver<dev.flowgate.v1.ListWorkflowTemplatesResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getListWorkflowTemplatesMethod(), responseObserver);
    }

    /**
     * <pre>
     * Creates a workflow from a template:
     * `POST /api/v1/workflows/templates/{template_id}/create?name=...&amp;description=...`.
     * </pre>
     */
    default void createWorkflowFromTemplate(dev.flowgate.v1.CreateWorkflowFromTemplateRequest request,
        io.grpc.stub.StreamObserver<dev.flowgate.v1.CreateWorkflowFromTemplateResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getCreateWorkflowFromTemplateMethod(), responseObserver);
    }

    /**
     * <pre>
     * Creates a workflow from an export: `POST /api/v1/workflows/import`.
     * </pre>
     */
    default void importWorkflow(dev.flowgate.v1.ImportWorkflowRequest request,
        io.grpc.stub.StreamObserver<dev.flowgate.v1.ImportWorkflowResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getImportWorkflowMethod(), responseObserver);
    }

    /**
     * <pre>
     * One workflow: `GET /api/v1/workflows/{workflow_id}`.
     * </pre>
     */
    default void getManagedWorkflow(dev.flowgate.v1.GetManagedWorkflowRequest request,
        io.grpc.stub.StreamObserver<dev.flowgate.v1.GetManagedWorkflowResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getGetManagedWorkflowMethod(), responseObserver);
    }

    /**
     * <pre>
     * Changes a workflow; every change is a new version: `PUT /api/v1/workflows/{workflow_id}`.
     * </pre>
     */
    default void updateManagedWorkflow(dev.flowgate.v1.UpdateManagedWorkflowRequest request,
        io.grpc.stub.StreamObserver<dev.flowgate.v1.UpdateManagedWorkflowResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getUpdateManagedWorkflowMethod(), responseObserver);
    }

    /**
     * <pre>
     * Deletes a workflow: it leaves every listing and lookup (its published releases keep
     * running): `DELETE /api/v1/workflows/{workflow_id}`.
     * </pre>
     */
    default void deleteManagedWorkflow(dev.flowgate.v1.DeleteManagedWorkflowRequest request,
        io.grpc.stub.StreamObserver<dev.flowgate.v1.DeleteManagedWorkflowResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getDeleteManagedWorkflowMethod(), responseObserver);
    }

    /**
     * <pre>
     * A portable copy of a workflow: `GET /api/v1/workflows/{workflow_id}/export`.
     * </pre>
     */
    default void exportWorkflow(dev.flowgate.v1.ExportWorkflowRequest request,
        io.grpc.stub.StreamObserver<dev.flowgate.v1.ExportWorkflowResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getExportWorkflowMethod(), responseObserver);
    }

    /**
     * <pre>
     * A workflow's versions, newest first: `GET /api/v1/workflows/{workflow_id}/versions`.
     * </pre>
     */
    default void listWorkflowVersions(dev.flowgate.v1.ListWorkflowVersionsRequest request,
        io.grpc.stub.StreamObserver<dev.flowgate.v1.ListWorkflowVersionsResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getListWorkflowVersionsMethod(), responseObserver);
    }

    /**
     * <pre>
     * One version with its graph: `GET /api/v1/workflows/{workflow_id}/versions/{version}`.
     * </pre>
     */
    default void getWorkflowVersion(dev.flowgate.v1.GetWorkflowVersionRequest request,
        io.grpc.stub.StreamObserver<dev.flowgate.v1.GetWorkflowVersionResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getGetWorkflowVersionMethod(), responseObserver);
    }

    /**
     * <pre>
     * Makes an earlier version current again, as a new version with a comment:
     * `POST /api/v1/workflows/{workflow_id}/versions/{version}/rollback`.
     * </pre>
     */
    default void rollbackWorkflowVersion(dev.flowgate.v1.RollbackWorkflowVersionRequest request,
        io.grpc.stub.StreamObserver<dev.flowgate.v1.RollbackWorkflowVersionResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getRollbackWorkflowVersionMethod(), responseObserver);
    }
  }

  /**
   * Base class for the server implementation of the service WorkflowManagementService.
   * <pre>
   * Authoring workflows through the management API (`/api/v1/workflows`): drafts with a
   * version history, validation, templates, export and import. Every RPC takes
   * `authorization: Bearer &lt;token&gt;` (a sign-in token or a team API key) and acts in the
   * caller's team (`x-team-id` picks one of the user's teams; default: the personal team).
   * Over HTTP, a response message whose only field is a message or a list answers with
   * that field's value alone (an object or an array, as the reference shows); errors are
   * `{"detail", "error_code", "status_code"}`.
   * </pre>
   */
  public static abstract class WorkflowManagementServiceImplBase
      implements io.grpc.BindableService, AsyncService {

    @java.lang.Override public final io.grpc.ServerServiceDefinition bindService() {
      return WorkflowManagementServiceGrpc.bindService(this);
    }
  }

  /**
   * A stub to allow clients to do asynchronous rpc calls to service WorkflowManagementService.
   * <pre>
   * Authoring workflows through the management API (`/api/v1/workflows`): drafts with a
   * version history, validation, templates, export and import. Every RPC takes
   * `authorization: Bearer &lt;token&gt;` (a sign-in token or a team API key) and acts in the
   * caller's team (`x-team-id` picks one of the user's teams; default: the personal team).
   * Over HTTP, a response message whose only field is a message or a list answers with
   * that field's value alone (an object or an array, as the reference shows); errors are
   * `{"detail", "error_code", "status_code"}`.
   * </pre>
   */
  public static final class WorkflowManagementServiceStub
      extends io.grpc.stub.AbstractAsyncStub<WorkflowManagementServiceStub> {
    private WorkflowManagementServiceStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected WorkflowManagementServiceStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new WorkflowManagementServiceStub(channel, callOptions);
    }

    /**
     * <pre>
     * The team's workflows: `GET /api/v1/workflows`.
     * </pre>
     */
    public void listManagedWorkflows(dev.flowgate.v1.ListManagedWorkflowsRequest request,
        io.grpc.stub.StreamObserver<dev.flowgate.v1.ListManagedWorkflowsResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getListManagedWorkflowsMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Creates a workflow (version 1, status `draft`): `POST /api/v1/workflows`.
     * </pre>
     */
    public void createManagedWorkflow(dev.flowgate.v1.CreateManagedWorkflowRequest request,
        io.grpc.stub.StreamObserver<dev.flowgate.v1.CreateManagedWorkflowResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getCreateManagedWorkflowMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Checks a graph without storing it: `POST /api/v1/workflows/validate`.
     * </pre>
     */
    public void validateManagedWorkflow(dev.flowgate.v1.ValidateManagedWorkflowRequest request,
        io.grpc.stub.StreamObserver<dev.flowgate.v1.ValidateManagedWorkflowResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getValidateManagedWorkflowMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * The built-in templates: `GET /api/v1/workflows/templates`.
     * </pre>
     */
    public void listWorkflowTemplates(dev.flowgate.v1.ListWorkflowTemplatesRequest request,
        io.grpc.stub.StreamObserver<dev.flowgate.v1.ListWorkflowTemplatesResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getListWorkflowTemplatesMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Creates a workflow from a template:
     * `POST /api/v1/workflows/templates/{template_id}/create?name=...&amp;description=...`.
     * </pre>
     */
    public void createWorkflowFromTemplate(dev.flowgate.v1.CreateWorkflowFromTemplateRequest request,
        io.grpc.stub.StreamObserver<dev.flowgate.v1.CreateWorkflowFromTemplateResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getCreateWorkflowFromTemplateMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Creates a workflow from an export: `POST /api/v1/workflows/import`.
     * </pre>
     */
    public void importWorkflow(dev.flowgate.v1.ImportWorkflowRequest request,
        io.grpc.stub.StreamObserver<dev.flowgate.v1.ImportWorkflowResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getImportWorkflowMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * One workflow: `GET /api/v1/workflows/{workflow_id}`.
     * </pre>
     */
    public void getManagedWorkflow(dev.flowgate.v1.GetManagedWorkflowRequest request,
        io.grpc.stub.StreamObserver<dev.flowgate.v1.GetManagedWorkflowResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getGetManagedWorkflowMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Changes a workflow; every change is a new version: `PUT /api/v1/workflows/{workflow_id}`.
     * </pre>
     */
    public void updateManagedWorkflow(dev.flowgate.v1.UpdateManagedWorkflowRequest request,
        io.grpc.stub.StreamObserver<dev.flowgate.v1.UpdateManagedWorkflowResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getUpdateManagedWorkflowMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Deletes a workflow: it leaves every listing and lookup (its published releases keep
     * running): `DELETE /api/v1/workflows/{workflow_id}`.
     * </pre>
     */
    public void deleteManagedWorkflow(dev.flowgate.v1.DeleteManagedWorkflowRequest request,
        io.grpc.stub.StreamObserver<dev.flowgate.v1.DeleteManagedWorkflowResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getDeleteManagedWorkflowMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * A portable copy of a workflow: `GET /api/v1/workflows/{workflow_id}/export`.
     * </pre>
     */
    public void exportWorkflow(dev.flowgate.v1.ExportWorkflowRequest request,
        io.grpc.stub.StreamObserver<dev.flowgate.v1.ExportWorkflowResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getExportWorkflowMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * A workflow's versions, newest first: `GET /api/v1/workflows/{workflow_id}/versions`.
     * </pre>
     */
    public void listWorkflowVersions(dev.flowgate.v1.ListWorkflowVersionsRequest request,
        io.grpc.stub.StreamObserver<dev.flowgate.v1.ListWorkflowVersionsResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getListWorkflowVersionsMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * One version with its graph: `GET /api/v1/workflows/{workflow_id}/versions/{version}`.
     * </pre>
     */
    public void getWorkflowVersion(dev.flowgate.v1.GetWorkflowVersionRequest request,
        io.grpc.stub.StreamObserver<dev.flowgate.v1.GetWorkflowVersionResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getGetWorkflowVersionMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Makes an earlier version current again, as a new version with a comment:
     * `POST /api/v1/workflows/{workflow_id}/versions/{version}/rollback`.
     * </pre>
     */
    public void rollbackWorkflowVersion(dev.flowgate.v1.RollbackWorkflowVersionRequest request,
        io.grpc.stub.StreamObserver<dev.flowgate.v1.RollbackWorkflowVersionResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getRollbackWorkflowVersionMethod(), getCallOptions()), request, responseObserver);
    }
  }

  /**
   * A stub to allow clients to do synchronous rpc calls to service WorkflowManagementService.
   * <pre>
   * Authoring workflows through the management API (`/api/v1/workflows`): drafts with a
   * version history, validation, templates, export and import. Every RPC takes
   * `authorization: Bearer &lt;token&gt;` (a sign-in token or a team API key) and acts in the
   * caller's team (`x-team-id` picks one of the user's teams; default: the personal team).
   * Over HTTP, a response message whose only field is a message or a list answers with
   * that field's value alone (an object or an array, as the reference shows); errors are
   * `{"detail", "error_code", "status_code"}`.
   * </pre>
   */
  public static final class WorkflowManagementServiceBlockingV2Stub
      extends io.grpc.stub.AbstractBlockingStub<WorkflowManagementServiceBlockingV2Stub> {
    private WorkflowManagementServiceBlockingV2Stub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected WorkflowManagementServiceBlockingV2Stub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new WorkflowManagementServiceBlockingV2Stub(channel, callOptions);
    }

    /**
     * <pre>
     * The team's workflows: `GET /api/v1/workflows`.
     * </pre>
     */
    public dev.flowgate.v1.ListManagedWorkflowsResponse listManagedWorkflows(dev.flowgate.v1.ListManagedWorkflowsRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getListManagedWorkflowsMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Creates a workflow (version 1, status `draft`): `POST /api/v1/workflows`.
     * </pre>
     */
    public dev.flowgate.v1.CreateManagedWorkflowResponse createManagedWorkflow(dev.flowgate.v1.CreateManagedWorkflowRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getCreateManagedWorkflowMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Checks a graph without storing it: `POST /api/v1/workflows/validate`.
     * </pre>
     */
    public dev.flowgate.v1.ValidateManagedWorkflowResponse validateManagedWorkflow(dev.flowgate.v1.ValidateManagedWorkflowRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getValidateManagedWorkflowMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * The built-in templates: `GET /api/v1/workflows/templates`.
     * </pre>
     */
    public dev.flowgate.v1.ListWorkflowTemplatesResponse listWorkflowTemplates(dev.flowgate.v1.ListWorkflowTemplatesRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getListWorkflowTemplatesMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Creates a workflow from a template:
     * `POST /api/v1/workflows/templates/{template_id}/create?name=...&amp;description=...`.
     * </pre>
     */
    public dev.flowgate.v1.CreateWorkflowFromTemplateResponse createWorkflowFromTemplate(dev.flowgate.v1.CreateWorkflowFromTemplateRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getCreateWorkflowFromTemplateMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Creates a workflow from an export: `POST /api/v1/workflows/import`.
     * </pre>
     */
    public dev.flowgate.v1.ImportWorkflowResponse importWorkflow(dev.flowgate.v1.ImportWorkflowRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getImportWorkflowMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * One workflow: `GET /api/v1/workflows/{workflow_id}`.
     * </pre>
     */
    public dev.flowgate.v1.GetManagedWorkflowResponse getManagedWorkflow(dev.flowgate.v1.GetManagedWorkflowRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getGetManagedWorkflowMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Changes a workflow; every change is a new version: `PUT /api/v1/workflows/{workflow_id}`.
     * </pre>
     */
    public dev.flowgate.v1.UpdateManagedWorkflowResponse updateManagedWorkflow(dev.flowgate.v1.UpdateManagedWorkflowRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getUpdateManagedWorkflowMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Deletes a workflow: it leaves every listing and lookup (its published releases keep
     * running): `DELETE /api/v1/workflows/{workflow_id}`.
     * </pre>
     */
    public dev.flowgate.v1.DeleteManagedWorkflowResponse deleteManagedWorkflow(dev.flowgate.v1.DeleteManagedWorkflowRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getDeleteManagedWorkflowMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * A portable copy of a workflow: `GET /api/v1/workflows/{workflow_id}/export`.
     * </pre>
     */
    public dev.flowgate.v1.ExportWorkflowResponse exportWorkflow(dev.flowgate.v1.ExportWorkflowRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getExportWorkflowMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * A workflow's versions, newest first: `GET /api/v1/workflows/{workflow_id}/versions`.
     * </pre>
     */
    public dev.flowgate.v1.ListWorkflowVersionsResponse listWorkflowVersions(dev.flowgate.v1.ListWorkflowVersionsRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getListWorkflowVersionsMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * One version with its graph: `GET /api/v1/workflows/{workflow_id}/versions/{version}`.
     * </pre>
     */
    public dev.flowgate.v1.GetWorkflowVersionResponse getWorkflowVersion(dev.flowgate.v1.GetWorkflowVersionRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getGetWorkflowVersionMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Makes an earlier version current again, as a new version with a comment:
     * `POST /api/v1/workflows/{workflow_id}/versions/{version}/rollback`.
     * </pre>
     */
    public dev.flowgate.v1.RollbackWorkflowVersionResponse rollbackWorkflowVersion(dev.flowgate.v1.RollbackWorkflowVersionRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getRollbackWorkflowVersionMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do limited synchronous rpc calls to service WorkflowManagementService.
   * <pre>
   * Authoring workflows through the management API (`/api/v1/workflows`): drafts with a
   * version history, validation, templates, export and import. Every RPC takes
   * `authorization: Bearer &lt;token&gt;` (a sign-in token or a team API key) and acts in the
   * caller's team (`x-team-id` picks one of the user's teams; default: the personal team).
   * Over HTTP, a response message whose only field is a message or a list answers with
   * that field's value alone (an object or an array, as the reference shows); errors are
   * `{"detail", "error_code", "status_code"}`.
   * </pre>
   */
  public static final class WorkflowManagementServiceBlockingStub
      extends io.grpc.stub.AbstractBlockingStub<WorkflowManagementServiceBlockingStub> {
    private WorkflowManagementServiceBlockingStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected WorkflowManagementServiceBlockingStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new WorkflowManagementServiceBlockingStub(channel, callOptions);
    }

    /**
     * <pre>
     * The team's workflows: `GET /api/v1/workflows`.
     * </pre>
     */
    public dev.flowgate.v1.ListManagedWorkflowsResponse listManagedWorkflows(dev.flowgate.v1.ListManagedWorkflowsRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getListManagedWorkflowsMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Creates a workflow (version 1, status `draft`): `POST /api/v1/workflows`.
     * </pre>
     */
    public dev.flowgate.v1.CreateManagedWorkflowResponse createManagedWorkflow(dev.flowgate.v1.CreateManagedWorkflowRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getCreateManagedWorkflowMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Checks a graph without storing it: `POST /api/v1/workflows/validate`.
     * </pre>
     */
    public dev.flowgate.v1.ValidateManagedWorkflowResponse validateManagedWorkflow(dev.flowgate.v1.ValidateManagedWorkflowRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getValidateManagedWorkflowMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * The built-in templates: `GET /api/v1/workflows/templates`.
     * </pre>
     */
    public dev.flowgate.v1.ListWorkflowTemplatesResponse listWorkflowTemplates(dev.flowgate.v1.ListWorkflowTemplatesRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getListWorkflowTemplatesMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Creates a workflow from a template:
     * `POST /api/v1/workflows/templates/{template_id}/create?name=...&amp;description=...`.
     * </pre>
     */
    public dev.flowgate.v1.CreateWorkflowFromTemplateResponse createWorkflowFromTemplate(dev.flowgate.v1.CreateWorkflowFromTemplateRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getCreateWorkflowFromTemplateMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Creates a workflow from an export: `POST /api/v1/workflows/import`.
     * </pre>
     */
    public dev.flowgate.v1.ImportWorkflowResponse importWorkflow(dev.flowgate.v1.ImportWorkflowRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getImportWorkflowMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * One workflow: `GET /api/v1/workflows/{workflow_id}`.
     * </pre>
     */
    public dev.flowgate.v1.GetManagedWorkflowResponse getManagedWorkflow(dev.flowgate.v1.GetManagedWorkflowRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getGetManagedWorkflowMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Changes a workflow; every change is a new version: `PUT /api/v1/workflows/{workflow_id}`.
     * </pre>
     */
    public dev.flowgate.v1.UpdateManagedWorkflowResponse updateManagedWorkflow(dev.flowgate.v1.UpdateManagedWorkflowRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getUpdateManagedWorkflowMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Deletes a workflow: it leaves every listing and lookup (its published releases keep
     * running): `DELETE /api/v1/workflows/{workflow_id}`.
     * </pre>
     */
    public dev.flowgate.v1.DeleteManagedWorkflowResponse deleteManagedWorkflow(dev.flowgate.v1.DeleteManagedWorkflowRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getDeleteManagedWorkflowMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * A portable copy of a workflow: `GET /api/v1/workflows/{workflow_id}/export`.
     * </pre>
     */
    public dev.flowgate.v1.ExportWorkflowResponse exportWorkflow(dev.flowgate.v1.ExportWorkflowRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getExportWorkflowMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * A workflow's versions, newest first: `GET /api/v1/workflows/{workflow_id}/versions`.
     * </pre>
     */
    public dev.flowgate.v1.ListWorkflowVersionsResponse listWorkflowVersions(dev.flowgate.v1.ListWorkflowVersionsRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getListWorkflowVersionsMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * One version with its graph: `GET /api/v1/workflows/{workflow_id}/versions/{version}`.
     * </pre>
     */
    public dev.flowgate.v1.GetWorkflowVersionResponse getWorkflowVersion(dev.flowgate.v1.GetWorkflowVersionRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getGetWorkflowVersionMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Makes an earlier version current again, as a new version with a comment:
     * `POST /api/v1/workflows/{workflow_id}/versions/{version}/rollback`.
     * </pre>
     */
    public dev.flowgate.v1.RollbackWorkflowVersionResponse rollbackWorkflowVersion(dev.flowgate.v1.RollbackWorkflowVersionRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getRollbackWorkflowVersionMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do ListenableFuture-style rpc calls to service WorkflowManagementService.
   * <pre>
   * Authoring workflows through the management API (`/api/v1/workflows`): drafts with a
   * version history, validation, templates, export and import. Every RPC takes
   * `authorization: Bearer &lt;token&gt;` (a sign-in token or a team API key) and acts in the
   * caller's team (`x-team-id` picks one of the user's teams; default: the personal team).
   * Over HTTP, a response message whose only field is a message or a list answers with
   * that field's value alone (an object or an array, as the reference shows); errors are
   * `{"detail", "error_code", "status_code"}`.
   * </pre>
   */
  public static final class WorkflowManagementServiceFutureStub
      extends io.grpc.stub.AbstractFutureStub<WorkflowManagementServiceFutureStub> {
    private WorkflowManagementServiceFutureStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected WorkflowManagementServiceFutureStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new WorkflowManagementServiceFutureStub(channel, callOptions);
    }

    /**
     * <pre>
     * The team's workflows: `GET /api/v1/workflows`.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.flowgate.v1.ListManagedWorkflowsResponse> listManagedWorkflows(
        dev.flowgate.v1.ListManagedWorkflowsRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getListManagedWorkflowsMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Creates a workflow (version 1, status `draft`): `POST /api/v1/workflows`.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.flowgate.v1.CreateManagedWorkflowResponse> createManagedWorkflow(
        dev.flowgate.v1.CreateManagedWorkflowRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getCreateManagedWorkflowMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Checks a graph without storing it: `POST /api/v1/workflows/validate`.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.flowgate.v1.ValidateManagedWorkflowResponse> validateManagedWorkflow(
        dev.flowgate.v1.ValidateManagedWorkflowRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getValidateManagedWorkflowMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * The built-in templates: `GET /api/v1/workflows/templates`.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.flowgate.v1.ListWorkflowTemplatesResponse> listWorkflowTemplates(
        dev.flowgate.v1.ListWorkflowTemplatesRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getListWorkflowTemplatesMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Creates a workflow from a template:
     * `POST /api/v1/workflows/templates/{template_id}/create?name=...&amp;description=...`.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.flowgate.v1.CreateWorkflowFromTemplateResponse> createWorkflowFromTemplate(
        dev.flowgate.v1.CreateWorkflowFromTemplateRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getCreateWorkflowFromTemplateMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Creates a workflow from an export: `POST /api/v1/workflows/import`.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.flowgate.v1.ImportWorkflowResponse> importWorkflow(
        dev.flowgate.v1.ImportWorkflowRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getImportWorkflowMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * One workflow: `GET /api/v1/workflows/{workflow_id}`.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.flowgate.v1.GetManagedWorkflowResponse> getManagedWorkflow(
        dev.flowgate.v1.GetManagedWorkflowRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getGetManagedWorkflowMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Changes a workflow; every change is a new version: `PUT /api/v1/workflows/{workflow_id}`.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.flowgate.v1.UpdateManagedWorkflowResponse> updateManagedWorkflow(
        dev.flowgate.v1.UpdateManagedWorkflowRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getUpdateManagedWorkflowMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Deletes a workflow: it leaves every listing and lookup (its published releases keep
     * running): `DELETE /api/v1/workflows/{workflow_id}`.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.flowgate.v1.DeleteManagedWorkflowResponse> deleteManagedWorkflow(
        dev.flowgate.v1.DeleteManagedWorkflowRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getDeleteManagedWorkflowMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * A portable copy of a workflow: `GET /api/v1/workflows/{workflow_id}/export`.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.flowgate.v1.ExportWorkflowResponse> exportWorkflow(
        dev.flowgate.v1.ExportWorkflowRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getExportWorkflowMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * A workflow's versions, newest first: `GET /api/v1/workflows/{workflow_id}/versions`.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.flowgate.v1.ListWorkflowVersionsResponse> listWorkflowVersions(
        dev.flowgate.v1.ListWorkflowVersionsRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getListWorkflowVersionsMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * One version with its graph: `GET /api/v1/workflows/{workflow_id}/versions/{version}`.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.flowgate.v1.GetWorkflowVersionResponse> getWorkflowVersion(
        dev.flowgate.v1.GetWorkflowVersionRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getGetWorkflowVersionMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Makes an earlier version current again, as a new version with a comment:
     * `POST /api/v1/workflows/{workflow_id}/versions/{version}/rollback`.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.flowgate.v1.RollbackWorkflowVersionResponse> rollbackWorkflowVersion(
        dev.flowgate.v1.RollbackWorkflowVersionRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getRollbackWorkflowVersionMethod(), getCallOptions()), request);
    }
  }

  private static final int METHODID_LIST_MANAGED_WORKFLOWS = 0;
  private static final int METHODID_CREATE_MANAGED_WORKFLOW = 1;
  private static final int METHODID_VALIDATE_MANAGED_WORKFLOW = 2;
  private static final int METHODID_LIST_WORKFLOW_TEMPLATES = 3;
  private static final int METHODID_CREATE_WORKFLOW_FROM_TEMPLATE = 4;
  private static final int METHODID_IMPORT_WORKFLOW = 5;
  private static final int METHODID_GET_MANAGED_WORKFLOW = 6;
  private static final int METHODID_UPDATE_MANAGED_WORKFLOW = 7;
  private static final int METHODID_DELETE_MANAGED_WORKFLOW = 8;
  private static final int METHODID_EXPORT_WORKFLOW = 9;
  private static final int METHODID_LIST_WORKFLOW_VERSIONS = 10;
  private static final int METHODID_GET_WORKFLOW_VERSION = 11;
  private static final int METHODID_ROLLBACK_WORKFLOW_VERSION = 12;

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
        case METHODID_LIST_MANAGED_WORKFLOWS:
          serviceImpl.listManagedWorkflows((dev.flowgate.v1.ListManagedWorkflowsRequest) request,
              (io.grpc.stub.StreamObserver<dev.flowgate.v1.ListManagedWorkflowsResponse>) responseObserver);
          break;
        case METHODID_CREATE_MANAGED_WORKFLOW:
          serviceImpl.createManagedWorkflow((dev.flowgate.v1.CreateManagedWorkflowRequest) request,
              (io.grpc.stub.StreamObserver<dev.flowgate.v1.CreateManagedWorkflowResponse>) responseObserver);
          break;
        case METHODID_VALIDATE_MANAGED_WORKFLOW:
          serviceImpl.validateManagedWorkflow((dev.flowgate.v1.ValidateManagedWorkflowRequest) request,
              (io.grpc.stub.StreamObserver<dev.flowgate.v1.ValidateManagedWorkflowResponse>) responseObserver);
          break;
        case METHODID_LIST_WORKFLOW_TEMPLATES:
          serviceImpl.listWorkflowTemplates((dev.flowgate.v1.ListWorkflowTemplatesRequest) request,
              (io.grpc.stub.StreamObserver<dev.flowgate.v1.ListWorkflowTemplatesResponse>) responseObserver);
          break;
        case METHODID_CREATE_WORKFLOW_FROM_TEMPLATE:
          serviceImpl.createWorkflowFromTemplate((dev.flowgate.v1.CreateWorkflowFromTemplateRequest) request,
              (io.grpc.stub.StreamObserver<dev.flowgate.v1.CreateWorkflowFromTemplateResponse>) responseObserver);
          break;
        case METHODID_IMPORT_WORKFLOW:
          serviceImpl.importWorkflow((dev.flowgate.v1.ImportWorkflowRequest) request,
              (io.grpc.stub.StreamObserver<dev.flowgate.v1.ImportWorkflowResponse>) responseObserver);
          break;
        case METHODID_GET_MANAGED_WORKFLOW:
          serviceImpl.getManagedWorkflow((dev.flowgate.v1.GetManagedWorkflowRequest) request,
              (io.grpc.stub.StreamObserver<dev.flowgate.v1.GetManagedWorkflowResponse>) responseObserver);
          break;
        case METHODID_UPDATE_MANAGED_WORKFLOW:
          serviceImpl.updateManagedWorkflow((dev.flowgate.v1.UpdateManagedWorkflowRequest) request,
              (io.grpc.stub.StreamObserver<dev.flowgate.v1.UpdateManagedWorkflowResponse>) responseObserver);
          break;
        case METHODID_DELETE_MANAGED_WORKFLOW:
          serviceImpl.deleteManagedWorkflow((dev.flowgate.v1.DeleteManagedWorkflowRequest) request,
              (io.grpc.stub.StreamObserver<dev.flowgate.v1.DeleteManagedWorkflowResponse>) responseObserver);
          break;
        case METHODID_EXPORT_WORKFLOW:
          serviceImpl.exportWorkflow((dev.flowgate.v1.ExportWorkflowRequest) request,
              (io.grpc.stub.StreamObserver<dev.flowgate.v1.ExportWorkflowResponse>) responseObserver);
          break;
        case METHODID_LIST_WORKFLOW_VERSIONS:
          serviceImpl.listWorkflowVersions((dev.flowgate.v1.ListWorkflowVersionsRequest) request,
              (io.grpc.stub.StreamObserver<dev.flowgate.v1.ListWorkflowVersionsResponse>) responseObserver);
          break;
        case METHODID_GET_WORKFLOW_VERSION:
          serviceImpl.getWorkflowVersion((dev.flowgate.v1.GetWorkflowVersionRequest) request,
              (io.grpc.stub.StreamObserver<dev.flowgate.v1.GetWorkflowVersionResponse>) responseObserver);
          break;
        case METHODID_ROLLBACK_WORKFLOW_VERSION:
          serviceImpl.rollbackWorkflowVersion((dev.flowgate.v1.RollbackWorkflowVersionRequest) request,
              (io.grpc.stub.StreamObserver<dev.flowgate.v1.RollbackWorkflowVersionResponse>) responseObserver);
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
          getListManagedWorkflowsMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.flowgate.v1.ListManagedWorkflowsRequest,
              dev.flowgate.v1.ListManagedWorkflowsResponse>(
                service, METHODID_LIST_MANAGED_WORKFLOWS)))
        .addMethod(
          getCreateManagedWorkflowMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.flowgate.v1.CreateManagedWorkflowRequest,
              dev.flowgate.v1.CreateManagedWorkflowResponse>(
                service, METHODID_CREATE_MANAGED_WORKFLOW)))
        .addMethod(
          getValidateManagedWorkflowMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.flowgate.v1.ValidateManagedWorkflowRequest,
              dev.flowgate.v1.ValidateManagedWorkflowResponse>(
                service, METHODID_VALIDATE_MANAGED_WORKFLOW)))
        .addMethod(
          getListWorkflowTemplatesMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.flowgate.v1.ListWorkflowTemplatesRequest,
              dev.flowgate.v1.ListWorkflowTemplatesResponse>(
                service, METHODID_LIST_WORKFLOW_TEMPLATES)))
        .addMethod(
          getCreateWorkflowFromTemplateMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.flowgate.v1.CreateWorkflowFromTemplateRequest,
              dev.flowgate.v1.CreateWorkflowFromTemplateResponse>(
                service, METHODID_CREATE_WORKFLOW_FROM_TEMPLATE)))
        .addMethod(
          getImportWorkflowMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.flowgate.v1.ImportWorkflowRequest,
              dev.flowgate.v1.ImportWorkflowResponse>(
                service, METHODID_IMPORT_WORKFLOW)))
        .addMethod(
          getGetManagedWorkflowMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.flowgate.v1.GetManagedWorkflowRequest,
              dev.flowgate.v1.GetManagedWorkflowResponse>(
                service, METHODID_GET_MANAGED_WORKFLOW)))
        .addMethod(
          getUpdateManagedWorkflowMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.flowgate.v1.UpdateManagedWorkflowRequest,
              dev.flowgate.v1.UpdateManagedWorkflowResponse>(
                service, METHODID_UPDATE_MANAGED_WORKFLOW)))
        .addMethod(
          getDeleteManagedWorkflowMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.flowgate.v1.DeleteManagedWorkflowRequest,
              dev.flowgate.v1.DeleteManagedWorkflowResponse>(
                service, METHODID_DELETE_MANAGED_WORKFLOW)))
        .addMethod(
          getExportWorkflowMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.flowgate.v1.ExportWorkflowRequest,
              dev.flowgate.v1.ExportWorkflowResponse>(
                service, METHODID_EXPORT_WORKFLOW)))
        .addMethod(
          getListWorkflowVersionsMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.flowgate.v1.ListWorkflowVersionsRequest,
              dev.flowgate.v1.ListWorkflowVersionsResponse>(
                service, METHODID_LIST_WORKFLOW_VERSIONS)))
        .addMethod(
          getGetWorkflowVersionMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.flowgate.v1.GetWorkflowVersionRequest,
              dev.flowgate.v1.GetWorkflowVersionResponse>(
                service, METHODID_GET_WORKFLOW_VERSION)))
        .addMethod(
          getRollbackWorkflowVersionMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.flowgate.v1.RollbackWorkflowVersionRequest,
              dev.flowgate.v1.RollbackWorkflowVersionResponse>(
                service, METHODID_ROLLBACK_WORKFLOW_VERSION)))
        .build();
  }

  private static abstract class WorkflowManagementServiceBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoFileDescriptorSupplier, io.grpc.protobuf.ProtoServiceDescriptorSupplier {
    WorkflowManagementServiceBaseDescriptorSupplier() {}

    @java.lang.Override
    public com.google.protobuf.Descriptors.FileDescriptor getFileDescriptor() {
      return dev.flowgate.v1.WorkflowManagementServiceOuterClass.getDescriptor();
    }

    @java.lang.Override
    public com.google.protobuf.Descriptors.ServiceDescriptor getServiceDescriptor() {
      return getFileDescriptor().findServiceByName("WorkflowManagementService");
    }
  }

  private static final class WorkflowManagementServiceFileDescriptorSupplier
      extends WorkflowManagementServiceBaseDescriptorSupplier {
    WorkflowManagementServiceFileDescriptorSupplier() {}
  }

  private static final class WorkflowManagementServiceMethodDescriptorSupplier
      extends WorkflowManagementServiceBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoMethodDescriptorSupplier {
    private final java.lang.String methodName;

    WorkflowManagementServiceMethodDescriptorSupplier(java.lang.String methodName) {
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
      synchronized (WorkflowManagementServiceGrpc.class) {
        result = serviceDescriptor;
        if (result == null) {
          serviceDescriptor = result = io.grpc.ServiceDescriptor.newBuilder(SERVICE_NAME)
              .setSchemaDescriptor(new WorkflowManagementServiceFileDescriptorSupplier())
              .addMethod(getListManagedWorkflowsMethod())
              .addMethod(getCreateManagedWorkflowMethod())
              .addMethod(getValidateManagedWorkflowMethod())
              .addMethod(getListWorkflowTemplatesMethod())
              .addMethod(getCreateWorkflowFromTemplateMethod())
              .addMethod(getImportWorkflowMethod())
              .addMethod(getGetManagedWorkflowMethod())
              .addMethod(getUpdateManagedWorkflowMethod())
              .addMethod(getDeleteManagedWorkflowMethod())
              .addMethod(getExportWorkflowMethod())
              .addMethod(getListWorkflowVersionsMethod())
              .addMethod(getGetWorkflowVersionMethod())
              .addMethod(getRollbackWorkflowVersionMethod())
              .build();
        }
      }
    }
    return result;
  }
}
