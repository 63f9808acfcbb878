package dev.flowgate.v1;

import static io.grpc.MethodDescriptor.generateFullMethodName;

/**
 * <pre>
 * Users, sign-in and teams of the management API (`/api/v1/auth`, `/api/v1/teams`,
 * `/api/v1/users`). Every RPC but Register and Login takes `authorization: Bearer &lt;token&gt;`
 * with a token from Login.
 * Over HTTP, a response message whose only field is a message or a list answers with
 * that field's value alone (an object or an array, as the reference shows); errors are
 * `{"detail", "error_code", "status_code"}`.
 * </pre>
 */
@io.grpc.stub.annotations.GrpcGenerated
public final class AccountServiceGrpc {

  private AccountServiceGrpc() {}

  public static final java.lang.String SERVICE_NAME = "flowgate.v1.AccountService";

  // Static method descriptors that strictly reflect the proto.
  private static volatile io.grpc.MethodDescriptor<dev.flowgate.v1.RegisterRequest,
      dev.flowgate.v1.RegisterResponse> getRegisterMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "Register",
      requestType = dev.flowgate.v1.RegisterRequest.class,
      responseType = dev.flowgate.v1.RegisterResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.flowgate.v1.RegisterRequest,
      dev.flowgate.v1.RegisterResponse> getRegisterMethod() {
    io.grpc.MethodDescriptor<dev.flowgate.v1.RegisterRequest, dev.flowgate.v1.RegisterResponse> getRegisterMethod;
    if ((getRegisterMethod = AccountServiceGrpc.getRegisterMethod) == null) {
      synchronized (AccountServiceGrpc.class) {
        if ((getRegisterMethod = AccountServiceGrpc.getRegisterMethod) == null) {
          AccountServiceGrpc.getRegisterMethod = getRegisterMethod =
              io.grpc.MethodDescriptor.<dev.flowgate.v1.RegisterRequest, dev.flowgate.v1.RegisterResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "Register"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.flowgate.v1.RegisterRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.flowgate.v1.RegisterResponse.getDefaultInstance()))
              .setSchemaDescriptor(new AccountServiceMethodDescriptorSupplier("Register"))
              .build();
        }
      }
    }
    return getRegisterMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.flowgate.v1.LoginRequest,
      dev.flowgate.v1.LoginResponse> getLoginMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "Login",
      requestType = dev.flowgate.v1.LoginRequest.class,
      responseType = dev.flowgate.v1.LoginResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.flowgate.v1.LoginRequest,
      dev.flowgate.v1.LoginResponse> getLoginMethod() {
    io.grpc.MethodDescriptor<dev.flowgate.v1.LoginRequest, dev.flowgate.v1.LoginResponse> getLoginMethod;
    if ((getLoginMethod = AccountServiceGrpc.getLoginMethod) == null) {
      synchronized (AccountServiceGrpc.class) {
        if ((getLoginMethod = AccountServiceGrpc.getLoginMethod) == null) {
          AccountServiceGrpc.getLoginMethod = getLoginMethod =
              io.grpc.MethodDescriptor.<dev.flowgate.v1.LoginRequest, dev.flowgate.v1.LoginResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "Login"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.flowgate.v1.LoginRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.flowgate.v1.LoginResponse.getDefaultInstance()))
              .setSchemaDescriptor(new AccountServiceMethodDescriptorSupplier("Login"))
              .build();
        }
      }
    }
    return getLoginMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.flowgate.v1.GetCurrentUserRequest,
      dev.flowgate.v1.GetCurrentUserResponse> getGetCurrentUserMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "GetCurrentUser",
      requestType = dev.flowgate.v1.GetCurrentUserRequest.class,
      responseType = dev.flowgate.v1.GetCurrentUserResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.flowgate.v1.GetCurrentUserRequest,
      dev.flowgate.v1.GetCurrentUserResponse> getGetCurrentUserMethod() {
    io.grpc.MethodDescriptor<dev.flowgate.v1.GetCurrentUserRequest, dev.flowgate.v1.GetCurrentUserResponse> getGetCurrentUserMethod;
    if ((getGetCurrentUserMethod = AccountServiceGrpc.getGetCurrentUserMethod) == null) {
      synchronized (AccountServiceGrpc.class) {
        if ((getGetCurrentUserMethod = AccountServiceGrpc.getGetCurrentUserMethod) == null) {
          AccountServiceGrpc.getGetCurrentUserMethod = getGetCurrentUserMethod =
              io.grpc.MethodDescriptor.<dev.flowgate.v1.GetCurrentUserRequest, dev.flowgate.v1.GetCurrentUserResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "GetCurrentUser"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.flowgate.v1.GetCurrentUserRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.flowgate.v1.GetCurrentUserResponse.getDefaultInstance()))
              .setSchemaDescriptor(new AccountServiceMethodDescriptorSupplier("GetCurrentUser"))
              .build();
        }
      }
    }
    return getGetCurrentUserMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.flowgate.v1.ListUsersRequest,
      dev.flowgate.v1.ListUsersResponse> getListUsersMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "ListUsers",
      requestType = dev.flowgate.v1.ListUsersRequest.class,
      responseType = dev.flowgate.v1.ListUsersResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.flowgate.v1.ListUsersRequest,
      dev.flowgate.v1.ListUsersResponse> getListUsersMethod() {
    io.grpc.MethodDescriptor<dev.flowgate.v1.ListUsersRequest, dev.flowgate.v1.ListUsersResponse> getListUsersMethod;
    if ((getListUsersMethod = AccountServiceGrpc.getListUsersMethod) == null) {
      synchronized (AccountServiceGrpc.class) {
        if ((getListUsersMethod = AccountServiceGrpc.getListUsersMethod) == null) {
          AccountServiceGrpc.getListUsersMethod = getListUsersMethod =
              io.grpc.MethodDescriptor.<dev.flowgate.v1.ListUsersRequest, dev.flowgate.v1.ListUsersResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "ListUsers"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.flowgate.v1.ListUsersRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.flowgate.v1.ListUsersResponse.getDefaultInstance()))
              .setSchemaDescriptor(new AccountServiceMethodDescriptorSupplier("ListUsers"))
              .build();
        }
      }
    }
    return getListUsersMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.flowgate.v1.UpdateUserRoleRequest,
      dev.flowgate.v1.UpdateUserRoleResponse> getUpdateUserRoleMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "UpdateUserRole",
      requestType = dev.flowgate.v1.UpdateUserRoleRequest.class,
      responseType = dev.flowgate.v1.UpdateUserRoleResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.flowgate.v1.UpdateUserRoleRequest,
      dev.flowgate.v1.UpdateUserRoleResponse> getUpdateUserRoleMethod() {
    io.grpc.MethodDescriptor<dev.flowgate.v1.UpdateUserRoleRequest, dev.flowgate.v1.UpdateUserRoleResponse> getUpdateUserRoleMethod;
    if ((getUpdateUserRoleMethod = AccountServiceGrpc.getUpdateUserRoleMethod) == null) {
      synchronized (AccountServiceGrpc.class) {
        if ((getUpdateUserRoleMethod = AccountServiceGrpc.getUpdateUserRoleMethod) == null) {
          AccountServiceGrpc.getUpdateUserRoleMethod = getUpdateUserRoleMethod =
              io.grpc.MethodDescriptor.<dev.flowgate.v1.UpdateUserRoleRequest, dev.flowgate.v1.UpdateUserRoleResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "UpdateUserRole"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.flowgate.v1.UpdateUserRoleRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.flowgate.v1.UpdateUserRoleResponse.getDefaultInstance()))
              .setSchemaDescriptor(new AccountServiceMethodDescriptorSupplier("UpdateUserRole"))
              .build();
        }
      }
    }
    return getUpdateUserRoleMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.flowgate.v1.ListTeamsRequest,
      dev.flowgate.v1.ListTeamsResponse> getListTeamsMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "ListTeams",
      requestType = dev.flowgate.v1.ListTeamsRequest.class,
      responseType = dev.flowgate.v1.ListTeamsResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.flowgate.v1.ListTeamsRequest,
      dev.flowgate.v1.ListTeamsResponse> getListTeamsMethod() {
    io.grpc.MethodDescriptor<dev.flowgate.v1.ListTeamsRequest, dev.flowgate.v1.ListTeamsResponse> getListTeamsMethod;
    if ((getListTeamsMethod = AccountServiceGrpc.getListTeamsMethod) == null) {
      synchronized (AccountServiceGrpc.class) {
        if ((getListTeamsMethod = AccountServiceGrpc.getListTeamsMethod) == null) {
          AccountServiceGrpc.getListTeamsMethod = getListTeamsMethod =
              io.grpc.MethodDescriptor.<dev.flowgate.v1.ListTeamsRequest, dev.flowgate.v1.ListTeamsResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "ListTeams"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.flowgate.v1.ListTeamsRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.flowgate.v1.ListTeamsResponse.getDefaultInstance()))
              .setSchemaDescriptor(new AccountServiceMethodDescriptorSupplier("ListTeams"))
              .build();
        }
      }
    }
    return getListTeamsMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.flowgate.v1.CreateTeamRequest,
      dev.flowgate.v1.CreateTeamResponse> getCreateTeamMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "CreateTeam",
      requestType = dev.flowgate.v1.CreateTeamRequest.class,
      responseType = dev.flowgate.v1.CreateTeamResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.flowgate.v1.CreateTeamRequest,
      dev.flowgate.v1.CreateTeamResponse> getCreateTeamMethod() {
    io.grpc.MethodDescriptor<dev.flowgate.v1.CreateTeamRequest, dev.flowgate.v1.CreateTeamResponse> getCreateTeamMethod;
    if ((getCreateTeamMethod = AccountServiceGrpc.getCreateTeamMethod) == null) {
      synchronized (AccountServiceGrpc.class) {
        if ((getCreateTeamMethod = AccountServiceGrpc.getCreateTeamMethod) == null) {
          AccountServiceGrpc.getCreateTeamMethod = getCreateTeamMethod =
              io.grpc.MethodDescriptor.<dev.flowgate.v1.CreateTeamRequest, dev.flowgate.v1.CreateTeamResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "CreateTeam"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.flowgate.v1.CreateTeamRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.flowgate.v1.CreateTeamResponse.getDefaultInstance()))
              .setSchemaDescriptor(new AccountServiceMethodDescriptorSupplier("CreateTeam"))
              .build();
        }
      }
    }
    return getCreateTeamMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.flowgate.v1.ListTeamMembersRequest,
      dev.flowgate.v1.ListTeamMembersResponse> getListTeamMembersMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "ListTeamMembers",
      requestType = dev.flowgate.v1.ListTeamMembersRequest.class,
      responseType = dev.flowgate.v1.ListTeamMembersResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.flowgate.v1.ListTeamMembersRequest,
      dev.flowgate.v1.ListTeamMembersResponse> getListTeamMembersMethod() {
    io.grpc.MethodDescriptor<dev.flowgate.v1.ListTeamMembersRequest, dev.flowgate.v1.ListTeamMembersResponse> getListTeamMembersMethod;
    if ((getListTeamMembersMethod = AccountServiceGrpc.getListTeamMembersMethod) == null) {
      synchronized (AccountServiceGrpc.class) {
        if ((getListTeamMembersMethod = AccountServiceGrpc.getListTeamMembersMethod) == null) {
          AccountServiceGrpc.getListTeamMembersMethod = getListTeamMembersMethod =
              io.grpc.MethodDescriptor.<dev.flowgate.v1.ListTeamMembersRequest, dev.flowgate.v1.ListTeamMembersResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "ListTeamMembers"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.flowgate.v1.ListTeamMembersRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.flowgate.v1.ListTeamMembersResponse.getDefaultInstance()))
              .setSchemaDescriptor(new AccountServiceMethodDescriptorSupplier("ListTeamMembers"))
              .build();
        }
      }
    }
    return getListTeamMembersMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.flowgate.v1.AddTeamMemberRequest,
      dev.flowgate.v1.AddTeamMemberResponse> getAddTeamMemberMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "AddTeamMember",
      requestType = dev.flowgate.v1.AddTeamMemberRequest.class,
      responseType = dev.flowgate.v1.AddTeamMemberResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.flowgate.v1.AddTeamMemberRequest,
      dev.flowgate.v1.AddTeamMemberResponse> getAddTeamMemberMethod() {
    io.grpc.MethodDescriptor<dev.flowgate.v1.AddTeamMemberRequest, dev.flowgate.v1.AddTeamMemberResponse> getAddTeamMemberMethod;
    if ((getAddTeamMemberMethod = AccountServiceGrpc.getAddTeamMemberMethod) == null) {
      synchronized (AccountServiceGrpc.class) {
        if ((getAddTeamMemberMethod = AccountServiceGrpc.getAddTeamMemberMethod) == null) {
          AccountServiceGrpc.getAddTeamMemberMethod = getAddTeamMemberMethod =
              io.grpc.MethodDescriptor.<dev.flowgate.v1.AddTeamMemberRequest, dev.flowgate.v1.AddTeamMemberResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "AddTeamMember"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.flowgate.v1.AddTeamMemberRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.flowgate.v1.AddTeamMemberResponse.getDefaultInstance()))
              .setSchemaDescriptor(new AccountServiceMethodDescriptorSupplier("AddTeamMember"))
              .build();
        }
      }
    }
    return getAddTeamMemberMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.flowgate.v1.RemoveTeamMemberRequest,
      dev.flowgate.v1.RemoveTeamMemberResponse> getRemoveTeamMemberMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "RemoveTeamMember",
      requestType = dev.flowgate.v1.RemoveTeamMemberRequest.class,
      responseType = dev.flowgate.v1.RemoveTeamMemberResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.flowgate.v1.RemoveTeamMemberRequest,
      dev.flowgate.v1.RemoveTeamMemberResponse> getRemoveTeamMemberMethod() {
    io.grpc.MethodDescriptor<dev.flowgate.v1.RemoveTeamMemberRequest, dev.flowgate.v1.RemoveTeamMemberResponse> getRemoveTeamMemberMethod;
    if ((getRemoveTeamMemberMethod = AccountServiceGrpc.getRemoveTeamMemberMethod) == null) {
      synchronized (AccountServiceGrpc.class) {
        if ((getRemoveTeamMemberMethod = AccountServiceGrpc.getRemoveTeamMemberMethod) == null) {
          AccountServiceGrpc.getRemoveTeamMemberMethod = getRemoveTeamMemberMethod =
              io.grpc.MethodDescriptor.<dev.flowgate.v1.RemoveTeamMemberRequest, dev.flowgate.v1.RemoveTeamMemberResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "RemoveTeamMember"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.flowgate.v1.RemoveTeamMemberRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.flowgate.v1.RemoveTeamMemberResponse.getDefaultInstance()))
              .setSchemaDescriptor(new AccountServiceMethodDescriptorSupplier("RemoveTeamMember"))
              .build();
        }
      }
    }
    return getRemoveTeamMemberMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.flowgate.v1.ListTeamApiKeysRequest,
      dev.flowgate.v1.ListTeamApiKeysResponse> getListTeamApiKeysMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "ListTeamApiKeys",
      requestType = dev.flowgate.v1.ListTeamApiKeysRequest.class,
      responseType = dev.flowgate.v1.ListTeamApiKeysResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.flowgate.v1.ListTeamApiKeysRequest,
      dev.flowgate.v1.ListTeamApiKeysResponse> getListTeamApiKeysMethod() {
    io.grpc.MethodDescriptor<dev.flowgate.v1.ListTeamApiKeysRequest, dev.flowgate.v1.ListTeamApiKeysResponse> getListTeamApiKeysMethod;
    if ((getListTeamApiKeysMethod = AccountServiceGrpc.getListTeamApiKeysMethod) == null) {
      synchronized (AccountServiceGrpc.class) {
        if ((getListTeamApiKeysMethod = AccountServiceGrpc.getListTeamApiKeysMethod) == null) {
          AccountServiceGrpc.getListTeamApiKeysMethod = getListTeamApiKeysMethod =
              io.grpc.MethodDescriptor.<dev.flowgate.v1.ListTeamApiKeysRequest, dev.flowgate.v1.ListTeamApiKeysResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "ListTeamApiKeys"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.flowgate.v1.ListTeamApiKeysRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.flowgate.v1.ListTeamApiKeysResponse.getDefaultInstance()))
              .setSchemaDescriptor(new AccountServiceMethodDescriptorSupplier("ListTeamApiKeys"))
              .build();
        }
      }
    }
    return getListTeamApiKeysMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.flowgate.v1.CreateTeamApiKeyRequest,
      dev.flowgate.v1.CreateTeamApiKeyResponse> getCreateTeamApiKeyMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "CreateTeamApiKey",
      requestType = dev.flowgate.v1.CreateTeamApiKeyRequest.class,
      responseType = dev.flowgate.v1.CreateTeamApiKeyResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.flowgate.v1.CreateTeamApiKeyRequest,
      dev.flowgate.v1.CreateTeamApiKeyResponse> getCreateTeamApiKeyMethod() {
    io.grpc.MethodDescriptor<dev.flowgate.v1.CreateTeamApiKeyRequest, dev.flowgate.v1.CreateTeamApiKeyResponse> getCreateTeamApiKeyMethod;
    if ((getCreateTeamApiKeyMethod = AccountServiceGrpc.getCreateTeamApiKeyMethod) == null) {
      synchronized (AccountServiceGrpc.class) {
        if ((getCreateTeamApiKeyMethod = AccountServiceGrpc.getCreateTeamApiKeyMethod) == null) {
          AccountServiceGrpc.getCreateTeamApiKeyMethod = getCreateTeamApiKeyMethod =
              io.grpc.MethodDescriptor.<dev.flowgate.v1.CreateTeamApiKeyRequest, dev.flowgate.v1.CreateTeamApiKeyResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "CreateTeamApiKey"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.flowgate.v1.CreateTeamApiKeyRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.flowgate.v1.CreateTeamApiKeyResponse.getDefaultInstance()))
              .setSchemaDescriptor(new AccountServiceMethodDescriptorSupplier("CreateTeamApiKey"))
              .build();
        }
      }
    }
    return getCreateTeamApiKeyMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.flowgate.v1.RevokeTeamApiKeyRequest,
      dev.flowgate.v1.RevokeTeamApiKeyResponse> getRevokeTeamApiKeyMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "RevokeTeamApiKey",
      requestType = dev.flowgate.v1.RevokeTeamApiKeyRequest.class,
      responseType = dev.flowgate.v1.RevokeTeamApiKeyResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.flowgate.v1.RevokeTeamApiKeyRequest,
      dev.flowgate.v1.RevokeTeamApiKeyResponse> getRevokeTeamApiKeyMethod() {
    io.grpc.MethodDescriptor<dev.flowgate.v1.RevokeTeamApiKeyRequest, dev.flowgate.v1.RevokeTeamApiKeyResponse> getRevokeTeamApiKeyMethod;
    if ((getRevokeTeamApiKeyMethod = AccountServiceGrpc.getRevokeTeamApiKeyMethod) == null) {
      synchronized (AccountServiceGrpc.class) {
        if ((getRevokeTeamApiKeyMethod = AccountServiceGrpc.getRevokeTeamApiKeyMethod) == null) {
          AccountServiceGrpc.getRevokeTeamApiKeyMethod = getRevokeTeamApiKeyMethod =
              io.grpc.MethodDescriptor.<dev.flowgate.v1.RevokeTeamApiKeyRequest, dev.flowgate.v1.RevokeTeamApiKeyResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "RevokeTeamApiKey"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.flowgate.v1.RevokeTeamApiKeyRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.flowgate.v1.RevokeTeamApiKeyResponse.getDefaultInstance()))
              .setSchemaDescriptor(new AccountServiceMethodDescriptorSupplier("RevokeTeamApiKey"))
              .build();
        }
      }
    }
    return getRevokeTeamApiKeyMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.flowgate.v1.ListTeamAppKeysRequest,
      dev.flowgate.v1.ListTeamAppKeysResponse> getListTeamAppKeysMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "ListTeamAppKeys",
      requestType = dev.flowgate.v1.ListTeamAppKeysRequest.class,
      responseType = dev.flowgate.v1.ListTeamAppKeysResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.flowgate.v1.ListTeamAppKeysRequest,
      dev.flowgate.v1.ListTeamAppKeysResponse> getListTeamAppKeysMethod() {
    io.grpc.MethodDescriptor<dev.flowgate.v1.ListTeamAppKeysRequest, dev.flowgate.v1.ListTeamAppKeysResponse> getListTeamAppKeysMethod;
    if ((getListTeamAppKeysMethod = AccountServiceGrpc.getListTeamAppKeysMethod) == null) {
      synchronized (AccountServiceGrpc.class) {
        if ((getListTeamAppKeysMethod = AccountServiceGrpc.getListTeamAppKeysMethod) == null) {
          AccountServiceGrpc.getListTeamAppKeysMethod = getListTeamAppKeysMethod =
              io.grpc.MethodDescriptor.<dev.flowgate.v1.ListTeamAppKeysRequest, dev.flowgate.v1.ListTeamAppKeysResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "ListTeamAppKeys"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.flowgate.v1.ListTeamAppKeysRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.flowgate.v1.ListTeamAppKeysResponse.getDefaultInstance()))
              .setSchemaDescriptor(new AccountServiceMethodDescriptorSupplier("ListTeamAppKeys"))
              .build();
        }
      }
    }
    return getListTeamAppKeysMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.flowgate.v1.CreateTeamAppKeyRequest,
      dev.flowgate.v1.CreateTeamAppKeyResponse> getCreateTeamAppKeyMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "CreateTeamAppKey",
      requestType = dev.flowgate.v1.CreateTeamAppKeyRequest.class,
      responseType = dev.flowgate.v1.CreateTeamAppKeyResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.flowgate.v1.CreateTeamAppKeyRequest,
      dev.flowgate.v1.CreateTeamAppKeyResponse> getCreateTeamAppKeyMethod() {
    io.grpc.MethodDescriptor<dev.flowgate.v1.CreateTeamAppKeyRequest, dev.flowgate.v1.CreateTeamAppKeyResponse> getCreateTeamAppKeyMethod;
    if ((getCreateTeamAppKeyMethod = AccountServiceGrpc.getCreateTeamAppKeyMethod) == null) {
      synchronized (AccountServiceGrpc.class) {
        if ((getCreateTeamAppKeyMethod = AccountServiceGrpc.getCreateTeamAppKeyMethod) == null) {
          AccountServiceGrpc.getCreateTeamAppKeyMethod = getCreateTeamAppKeyMethod =
              io.grpc.MethodDescriptor.<dev.flowgate.v1.CreateTeamAppKeyRequest, dev.flowgate.v1.CreateTeamAppKeyResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "CreateTeamAppKey"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.flowgate.v1.CreateTeamAppKeyRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.flowgate.v1.CreateTeamAppKeyResponse.getDefaultInstance()))
              .setSchemaDescriptor(new AccountServiceMethodDescriptorSupplier("CreateTeamAppKey"))
              .build();
        }
      }
    }
    return getCreateTeamAppKeyMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.flowgate.v1.RevokeTeamAppKeyRequest,
      dev.flowgate.v1.RevokeTeamAppKeyResponse> getRevokeTeamAppKeyMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "RevokeTeamAppKey",
      requestType = dev.flowgate.v1.RevokeTeamAppKeyRequest.class,
      responseType = dev.flowgate.v1.RevokeTeamAppKeyResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.flowgate.v1.RevokeTeamAppKeyRequest,
      dev.flowgate.v1.RevokeTeamAppKeyResponse> getRevokeTeamAppKeyMethod() {
    io.grpc.MethodDescriptor<dev.flowgate.v1.RevokeTeamAppKeyRequest, dev.flowgate.v1.RevokeTeamAppKeyResponse> getRevokeTeamAppKeyMethod;
    if ((getRevokeTeamAppKeyMethod = AccountServiceGrpc.getRevokeTeamAppKeyMethod) == null) {
      synchronized (AccountServiceGrpc.class) {
        if ((getRevokeTeamAppKeyMethod = AccountServiceGrpc.getRevokeTeamAppKeyMethod) == null) {
          AccountServiceGrpc.getRevokeTeamAppKeyMethod = getRevokeTeamAppKeyMethod =
              io.grpc.MethodDescriptor.<dev.flowgate.v1.RevokeTeamAppKeyRequest, dev.flowgate.v1.RevokeTeamAppKeyResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "RevokeTeamAppKey"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.flowgate.v1.RevokeTeamAppKeyRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.flowgate.v1.RevokeTeamAppKeyResponse.getDefaultInstance()))
              .setSchemaDescriptor(new AccountServiceMethodDescriptorSupplier("RevokeTeamAppKey"))
              .build();
        }
      }
    }
    return getRevokeTeamAppKeyMethod;
  }

  /**
   * Creates a new async stub that supports all call types for the service
   */
  public static AccountServiceStub newStub(io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<AccountServiceStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<AccountServiceStub>() {
        @java.lang.Override
        public AccountServiceStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new AccountServiceStub(channel, callOptions);
        }
      };
    return AccountServiceStub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports all types of calls on the service
   */
  public static AccountServiceBlockingV2Stub newBlockingV2Stub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<AccountServiceBlockingV2Stub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<AccountServiceBlockingV2Stub>() {
        @java.lang.Override
        public AccountServiceBlockingV2Stub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new AccountServiceBlockingV2Stub(channel, callOptions);
        }
      };
    return AccountServiceBlockingV2Stub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports unary and streaming output calls on the service
   */
  public static AccountServiceBlockingStub newBlockingStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<AccountServiceBlockingStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<AccountServiceBlockingStub>() {
        @java.lang.Override
        public AccountServiceBlockingStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new AccountServiceBlockingStub(channel, callOptions);
        }
      };
    return AccountServiceBlockingStub.newStub(factory, channel);
  }

  /**
   * Creates a new ListenableFuture-style stub that supports unary calls on the service
   */
  public static AccountServiceFutureStub newFutureStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<AccountServiceFutureStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<AccountServiceFutureStub>() {
        @java.lang.Override
        public AccountServiceFutureStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new AccountServiceFutureStub(channel, callOptions);
        }
      };
    return AccountServiceFutureStub.newStub(factory, channel);
  }

  /**
   * <pre>
   * Users, sign-in and teams of the management API (`/api/v1/auth`, `/api/v1/teams`,
   * `/api/v1/users`). Every RPC but Register and Login takes `authorization: Bearer &lt;token&gt;`
   * with a token from Login.
   * Over HTTP, a response message whose only field is a message or a list answers with
   * that field's value alone (an object or an array, as the reference shows); errors are
   * `{"detail", "error_code", "status_code"}`.
   * </pre>
   */
  public interface AsyncService {

    /**
     * <pre>
     * Creates a user (role `user`) and a personal team it owns: `POST /api/v1/auth/register`.
     * </pre>
     */
    default void register(dev.flowgate.v1.RegisterRequest request,
        io.grpc.stub.StreamObserver<dev.flowgate.v1.RegisterResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getRegisterMethod(), responseObserver);
    }

    /**
     * <pre>
     * Signs in with a form-encoded (or JSON) `username` and `password`:
     * `POST /api/v1/auth/login`. Returns a bearer token that expires.
     * </pre>
     */
    default void login(dev.flowgate.v1.LoginRequest request,
        io.grpc.stub.StreamObserver<dev.flowgate.v1.LoginResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getLoginMethod(), responseObserver);
    }

    /**
     * <pre>
     * The signed-in user: `GET /api/v1/auth/me`.
     * </pre>
     */
    default void getCurrentUser(dev.flowgate.v1.GetCurrentUserRequest request,
        io.grpc.stub.StreamObserver<dev.flowgate.v1.GetCurrentUserResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getGetCurrentUserMethod(), responseObserver);
    }

    /**
     * <pre>
     * Every user (admins only): `GET /api/v1/users`.
     * </pre>
     */
    default void listUsers(dev.flowgate.v1.ListUsersRequest request,
        io.grpc.stub.StreamObserver<dev.flowgate.v1.ListUsersResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getListUsersMethod(), responseObserver);
    }

    /**
     * <pre>
     * Sets a user's role, `admin` or `user` (admins only): `PUT /api/v1/users/{user_id}/role`.
     * </pre>
     */
    default void updateUserRole(dev.flowgate.v1.UpdateUserRoleRequest request,
        io.grpc.stub.StreamObserver<dev.flowgate.v1.UpdateUserRoleResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getUpdateUserRoleMethod(), responseObserver);
    }

    /**
     * <pre>
     * The teams the caller belongs to: `GET /api/v1/teams`.
     * </pre>
     */
    default void listTeams(dev.flowgate.v1.ListTeamsRequest request,
        io.grpc.stub.StreamObserver<dev.flowgate.v1.ListTeamsResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getListTeamsMethod(), responseObserver);
    }

    /**
     * <pre>
     * Creates a team owned by the caller: `POST /api/v1/teams`.
     * </pre>
     */
    default void createTeam(dev.flowgate.v1.CreateTeamRequest request,
        io.grpc.stub.StreamObserver<dev.flowgate.v1.CreateTeamResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getCreateTeamMethod(), responseObserver);
    }

    /**
     * <pre>
     * A team's members: `GET /api/v1/teams/{team_id}/members`.
     * </pre>
     */
    default void listTeamMembers(dev.flowgate.v1.ListTeamMembersRequest request,
        io.grpc.stub.StreamObserver<dev.flowgate.v1.ListTeamMembersResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getListTeamMembersMethod(), responseObserver);
    }

    /**
     * <pre>
     * Adds a user to a team (team owners and admins): `POST /api/v1/teams/{team_id}/members`.
     * </pre>
     */
    default void addTeamMember(dev.flowgate.v1.AddTeamMemberRequest request,
        io.grpc.stub.StreamObserver<dev.flowgate.v1.AddTeamMemberResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getAddTeamMemberMethod(), responseObserver);
    }

    /**
     * <pre>
     * Removes a user from a team (team owners and admins):
     * `DELETE /api/v1/teams/{team_id}/members/{user_id}`.
     * </pre>
     */
    default void removeTeamMember(dev.flowgate.v1.RemoveTeamMemberRequest request,
        io.grpc.stub.StreamObserver<dev.flowgate.v1.RemoveTeamMemberResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getRemoveTeamMemberMethod(), responseObserver);
    }

    /**
     * <pre>
     * A team's API keys (never their secrets): `GET /api/v1/teams/{team_id}/api-keys`.
     * </pre>
     */
    default void listTeamApiKeys(dev.flowgate.v1.ListTeamApiKeysRequest request,
        io.grpc.stub.StreamObserver<dev.flowgate.v1.ListTeamApiKeysResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getListTeamApiKeysMethod(), responseObserver);
    }

    /**
     * <pre>
     * Creates an API key; its secret is in this answer only:
     * `POST /api/v1/teams/{team_id}/api-keys`.
     * </pre>
     */
    default void createTeamApiKey(dev.flowgate.v1.CreateTeamApiKeyRequest request,
        io.grpc.stub.StreamObserver<dev.flowgate.v1.CreateTeamApiKeyResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getCreateTeamApiKeyMethod(), responseObserver);
    }

    /**
     * <pre>
     * Revokes an API key: `DELETE /api/v1/teams/{team_id}/api-keys/{key_id}`.
     * </pre>
     */
    default void revokeTeamApiKey(dev.flowgate.v1.RevokeTeamApiKeyRequest request,
        io.grpc.stub.StreamObserver<dev.flowgate.v1.RevokeTeamApiKeyResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getRevokeTeamApiKeyMethod(), responseObserver);
    }

    /**
     * <pre>
     * A team's app keys (never their secrets): `GET /api/v1/teams/{team_id}/app-keys`.
     * </pre>
     */
    default void listTeamAppKeys(dev.flowgate.v1.ListTeamAppKeysRequest request,
        io.grpc.stub.StreamObserver<dev.flowgate.v1.ListTeamAppKeysResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getListTeamAppKeysMethod(), responseObserver);
    }

    /**
     * <pre>
     * Creates an app key, bound to one of the team's apps; its secret is in this answer
     * only: `POST /api/v1/teams/{team_id}/app-keys`.
     * </pre>
     */
    default void createTeamAppKey(dev.flowgate.v1.CreateTeamAppKeyRequest request,
        io.grpc.stub.StreamObserver<dev.flowgate.v1.CreateTeamAppKeyResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getCreateTeamAppKeyMethod(), responseObserver);
    }

    /**
     * <pre>
     * Revokes an app key: `DELETE /api/v1/teams/{team_id}/app-keys/{key_id}`.
     * </pre>
     */
    default void revokeTeamAppKey(dev.flowgate.v1.RevokeTeamAppKeyRequest request,
        io.grpc.stub.StreamObserver<dev.flowgate.v1.RevokeTeamAppKeyResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getRevokeTeamAppKeyMethod(), responseObserver);
    }
  }

  /**
   * Base class for the server implementation of the service AccountService.
   * <pre>
   * Users, sign-in and teams of the management API (`/api/v1/auth`, `/api/v1/teams`,
   * `/api/v1/users`). Every RPC but Register and Login takes `authorization: Bearer &lt;token&gt;`
   * with a token from Login.
   * Over HTTP, a response message whose only field is a message or a list answers with
   * that field's value alone (an object or an array, as the reference shows); errors are
   * `{"detail", "error_code", "status_code"}`.
   * </pre>
   */
  public static abstract class AccountServiceImplBase
      implements io.grpc.BindableService, AsyncService {

    @java.lang.Override public final io.grpc.ServerServiceDefinition bindService() {
      return AccountServiceGrpc.bindService(this);
    }
  }

  /**
   * A stub to allow clients to do asynchronous rpc calls to service AccountService.
   * <pre>
   * Users, sign-in and teams of the management API (`/api/v1/auth`, `/api/v1/teams`,
   * `/api/v1/users`). Every RPC but Register and Login takes `authorization: Bearer &lt;token&gt;`
   * with a token from Login.
   * Over HTTP, a response message whose only field is a message or a list answers with
   * that field's value alone (an object or an array, as the reference shows); errors are
   * `{"detail", "error_code", "status_code"}`.
   * </pre>
   */
  public static final class AccountServiceStub
      extends io.grpc.stub.AbstractAsyncStub<AccountServiceStub> {
    private AccountServiceStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected AccountServiceStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new AccountServiceStub(channel, callOptions);
    }

    /**
     * <pre>
     * Creates a user (role `user`) and a personal team it owns: `POST /api/v1/auth/register`.
     * </pre>
     */
    public void register(dev.flowgate.v1.RegisterRequest request,
        io.grpc.stub.StreamObserver<dev.flowgate.v1.RegisterResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getRegisterMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Signs in with a form-encoded (or JSON) `username` and `password`:
     * `POST /api/v1/auth/login`. Returns a bearer token that expires.
     * </pre>
     */
    public void login(dev.flowgate.v1.LoginRequest request,
        io.grpc.stub.StreamObserver<dev.flowgate.v1.LoginResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getLoginMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * The signed-in user: `GET /api/v1/auth/me`.
     * </pre>
     */
    public void getCurrentUser(dev.flowgate.v1.GetCurrentUserRequest request,
        io.grpc.stub.StreamObserver<dev.flowgate.v1.GetCurrentUserResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getGetCurrentUserMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Every user (admins only): `GET /api/v1/users`.
     * </pre>
     */
    public void listUsers(dev.flowgate.v1.ListUsersRequest request,
        io.grpc.stub.StreamObserver<dev.flowgate.v1.ListUsersResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getListUsersMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Sets a user's role, `admin` or `user` (admins only): `PUT /api/v1/users/{user_id}/role`.
     * </pre>
     */
    public void updateUserRole(dev.flowgate.v1.UpdateUserRoleRequest request,
        io.grpc.stub.StreamObserver<dev.flowgate.v1.UpdateUserRoleResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getUpdateUserRoleMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * The teams the caller belongs to: `GET /api/v1/teams`.
     * </pre>
     */
    public void listTeams(dev.flowgate.v1.ListTeamsRequest request,
        io.grpc.stub.StreamObserver<dev.flowgate.v1.ListTeamsResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getListTeamsMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Creates a team owned by the caller: `POST /api/v1/teams`.
     * </pre>
     */
    public void createTeam(dev.flowgate.v1.CreateTeamRequest request,
        io.grpc.stub.StreamObserver<dev.flowgate.v1.CreateTeamResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getCreateTeamMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * A team's members: `GET /api/v1/teams/{team_id}/members`.
     * </pre>
     */
    public void listTeamMembers(dev.flowgate.v1.ListTeamMembersRequest request,
        io.grpc.stub.StreamObserver<dev.flowgate.v1.ListTeamMembersResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getListTeamMembersMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Adds a user to a team (team owners and admins): `POST /api/v1/teams/{team_id}/members`.
     * </pre>
     */
    public void addTeamMember(dev.flowgate.v1.AddTeamMemberRequest request,
        io.grpc.stub.StreamObserver<dev.flowgate.v1.AddTeamMemberResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getAddTeamMemberMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Removes a user from a team (team owners and admins):
     * `DELETE /api/v1/teams/{team_id}/members/{user_id}`.
     * </pre>
     */
    public void removeTeamMember(dev.flowgate.v1.RemoveTeamMemberRequest request,
        io.grpc.stub.StreamObserver<dev.flowgate.v1.RemoveTeamMemberResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getRemoveTeamMemberMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * A team's API keys (never their secrets): `GET /api/v1/teams/{team_id}/api-keys`.
     * </pre>
     */
    public void listTeamApiKeys(dev.flowgate.v1.ListTeamApiKeysRequest request,
        io.grpc.stub.StreamObserver<dev.flowgate.v1.ListTeamApiKeysResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getListTeamApiKeysMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Creates an API key; its secret is in this answer only:
     * `POST /api/v1/teams/{team_id}/api-keys`.
     * </pre>
     */
    public void createTeamApiKey(dev.flowgate.v1.CreateTeamApiKeyRequest request,
        io.grpc.stub.StreamObserver<dev.flowgate.v1.CreateTeamApiKeyResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getCreateTeamApiKeyMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Revokes an API key: `DELETE /api/v1/teams/{team_id}/api-keys/{key_id}`.
     * </pre>
     */
    public void revokeTeamApiKey(dev.flowgate.v1.RevokeTeamApiKeyRequest request,
        io.grpc.stub.StreamObserver<dev.flowgate.v1.RevokeTeamApiKeyResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getRevokeTeamApiKeyMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * A team's app keys (never their secrets): `GET /api/v1/teams/{team_id}/app-keys`.
     * </pre>
     */
    public void listTeamAppKeys(dev.flowgate.v1.ListTeamAppKeysRequest request,
        io.grpc.stub.StreamObserver<dev.flowgate.v1.ListTeamAppKeysResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getListTeamAppKeysMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Creates an app key, bound to one of the team's apps; its secret is in this answer
     * only: `POST /api/v1/teams/{team_id}/app-keys`.
     * </pre>
     */
    public void createTeamAppKey(dev.flowgate.v1.CreateTeamAppKeyRequest request,
        io.grpc.stub.StreamObserver<dev.flowgate.v1.CreateTeamAppKeyResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getCreateTeamAppKeyMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Revokes an app key: `DELETE /api/v1/teams/{team_id}/app-keys/{key_id}`.
     * </pre>
     */
    public void revokeTeamAppKey(dev.flowgate.v1.RevokeTeamAppKeyRequest request,
        io.grpc.stub.StreamObserver<dev.flowgate.v1.RevokeTeamAppKeyResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getRevokeTeamAppKeyMethod(), getCallOptions()), request, responseObserver);
    }
  }

  /**
   * A stub to allow clients to do synchronous rpc calls to service AccountService.
   * <pre>
   * Users, sign-in and teams of the management API (`/api/v1/auth`, `/api/v1/teams`,
   * `/api/v1/users`). Every RPC but Register and Login takes `authorization: Bearer &lt;token&gt;`
   * with a token from Login.
   * Over HTTP, a response message whose only field is a message or a list answers with
   * that field's value alone (an object or an array, as the reference shows); errors are
   * `{"detail", "error_code", "status_code"}`.
   * </pre>
   */
  public static final class AccountServiceBlockingV2Stub
      extends io.grpc.stub.AbstractBlockingStub<AccountServiceBlockingV2Stub> {
    private AccountServiceBlockingV2Stub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected AccountServiceBlockingV2Stub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new AccountServiceBlockingV2Stub(channel, callOptions);
    }

    /**
     * <pre>
     * Creates a user (role `user`) and a personal team it owns: `POST /api/v1/auth/register`.
     * </pre>
     */
    public dev.flowgate.v1.RegisterResponse register(dev.flowgate.v1.RegisterRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getRegisterMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Signs in with a form-encoded (or JSON) `username` and `password`:
     * `POST /api/v1/auth/login`. Returns a bearer token that expires.
     * </pre>
     */
    public dev.flowgate.v1.LoginResponse login(dev.flowgate.v1.LoginRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getLoginMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * The signed-in user: `GET /api/v1/auth/me`.
     * </pre>
     */
    public dev.flowgate.v1.GetCurrentUserResponse getCurrentUser(dev.flowgate.v1.GetCurrentUserRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getGetCurrentUserMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Every user (admins only): `GET /api/v1/users`.
     * </pre>
     */
    public dev.flowgate.v1.ListUsersResponse listUsers(dev.flowgate.v1.ListUsersRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getListUsersMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Sets a user's role, `admin` or `user` (admins only): `PUT /api/v1/users/{user_id}/role`.
     * </pre>
     */
    public dev.flowgate.v1.UpdateUserRoleResponse updateUserRole(dev.flowgate.v1.UpdateUserRoleRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getUpdateUserRoleMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * The teams the caller belongs to: `GET /api/v1/teams`.
     * </pre>
     */
    public dev.flowgate.v1.ListTeamsResponse listTeams(dev.flowgate.v1.ListTeamsRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getListTeamsMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Creates a team owned by the caller: `POST /api/v1/teams`.
     * </pre>
     */
    public dev.flowgate.v1.CreateTeamResponse createTeam(dev.flowgate.v1.CreateTeamRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getCreateTeamMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * A team's members: `GET /api/v1/teams/{team_id}/members`.
     * </pre>
     */
    public dev.flowgate.v1.ListTeamMembersResponse listTeamMembers(dev.flowgate.v1.ListTeamMembersRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getListTeamMembersMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Adds a user to a team (team owners and admins): `POST /api/v1/teams/{team_id}/members`.
     * </pre>
     */
    public dev.flowgate.v1.AddTeamMemberResponse addTeamMember(dev.flowgate.v1.AddTeamMemberRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getAddTeamMemberMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Removes a user from a team (team owners and admins):
     * `DELETE /api/v1/teams/{team_id}/members/{user_id}`.
     * </pre>
     */
    public dev.flowgate.v1.RemoveTeamMemberResponse removeTeamMember(dev.flowgate.v1.RemoveTeamMemberRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getRemoveTeamMemberMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * A team's API keys (never their secrets): `GET /api/v1/teams/{team_id}/api-keys`.
     * </pre>
     */
    public dev.flowgate.v1.ListTeamApiKeysResponse listTeamApiKeys(dev.flowgate.v1.ListTeamApiKeysRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getListTeamApiKeysMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Creates an API key; its secret is in this answer only:
     * `POST /api/v1/teams/{team_id}/api-keys`.
     * </pre>
     */
    public dev.flowgate.v1.CreateTeamApiKeyResponse createTeamApiKey(dev.flowgate.v1.CreateTeamApiKeyRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getCreateTeamApiKeyMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Revokes an API key: `DELETE /api/v1/teams/{team_id}/api-keys/{key_id}`.
     * </pre>
     */
    public dev.flowgate.v1.RevokeTeamApiKeyResponse revokeTeamApiKey(dev.flowgate.v1.RevokeTeamApiKeyRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getRevokeTeamApiKeyMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * A team's app keys (never their secrets): `GET /api/v1/teams/{team_id}/app-keys`.
     * </pre>
     */
    public dev.flowgate.v1.ListTeamAppKeysResponse listTeamAppKeys(dev.flowgate.v1.ListTeamAppKeysRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getListTeamAppKeysMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Creates an app key, bound to one of the team's apps; its secret is in this answer
     * only: `POST /api/v1/teams/{team_id}/app-keys`.
     * </pre>
     */
    public dev.flowgate.v1.CreateTeamAppKeyResponse createTeamAppKey(dev.flowgate.v1.CreateTeamAppKeyRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getCreateTeamAppKeyMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Revokes an app key: `DELETE /api/v1/teams/{team_id}/app-keys/{key_id}`.
     * </pre>
     */
    public dev.flowgate.v1.RevokeTeamAppKeyResponse revokeTeamAppKey(dev.flowgate.v1.RevokeTeamAppKeyRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getRevokeTeamAppKeyMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do limited synchronous rpc calls to service AccountService.
   * <pre>
   * Users, sign-in and teams of the management API (`/api/v1/auth`, `/api/v1/teams`,
   * `/api/v1/users`). Every RPC but Register and Login takes `authorization: Bearer &lt;token&gt;`
   * with a token from Login.
   * Over HTTP, a response message whose only field is a message or a list answers with
   * that field's value alone (an object or an array, as the reference shows); errors are
   * `{"detail", "error_code", "status_code"}`.
   * </pre>
   */
  public static final class AccountServiceBlockingStub
      extends io.grpc.stub.AbstractBlockingStub<AccountServiceBlockingStub> {
    private AccountServiceBlockingStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected AccountServiceBlockingStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new AccountServiceBlockingStub(channel, callOptions);
    }

    /**
     * <pre>
     * Creates a user (role `user`) and a personal team it owns: `POST /api/v1/auth/register`.
     * </pre>
     */
    public dev.flowgate.v1.RegisterResponse register(dev.flowgate.v1.RegisterRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getRegisterMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Signs in with a form-encoded (or JSON) `username` and `password`:
     * `POST /api/v1/auth/login`. Returns a bearer token that expires.
     * </pre>
     */
    public dev.flowgate.v1.LoginResponse login(dev.flowgate.v1.LoginRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getLoginMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * The signed-in user: `GET /api/v1/auth/me`.
     * </pre>
     */
    public dev.flowgate.v1.GetCurrentUserResponse getCurrentUser(dev.flowgate.v1.GetCurrentUserRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getGetCurrentUserMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Every user (admins only): `GET /api/v1/users`.
     * </pre>
     */
    public dev.flowgate.v1.ListUsersResponse listUsers(dev.flowgate.v1.ListUsersRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getListUsersMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Sets a user's role, `admin` or `user` (admins only): `PUT /api/v1/users/{user_id}/role`.
     * </pre>
     */
    public dev.flowgate.v1.UpdateUserRoleResponse updateUserRole(dev.flowgate.v1.UpdateUserRoleRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getUpdateUserRoleMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * The teams the caller belongs to: `GET /api/v1/teams`.
     * </pre>
     */
    public dev.flowgate.v1.ListTeamsResponse listTeams(dev.flowgate.v1.ListTeamsRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getListTeamsMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Creates a team owned by the caller: `POST /api/v1/teams`.
     * </pre>
     */
    public dev.flowgate.v1.CreateTeamResponse createTeam(dev.flowgate.v1.CreateTeamRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getCreateTeamMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * A team's members: `GET /api/v1/teams/{team_id}/members`.
     * </pre>
     */
    public dev.flowgate.v1.ListTeamMembersResponse listTeamMembers(dev.flowgate.v1.ListTeamMembersRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getListTeamMembersMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Adds a user to a team (team owners and admins): `POST /api/v1/teams/{team_id}/members`.
     * </pre>
     */
    public dev.flowgate.v1.AddTeamMemberResponse addTeamMember(dev.flowgate.v1.AddTeamMemberRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getAddTeamMemberMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Removes a user from a team (team owners and admins):
     * `DELETE /api/v1/teams/{team_id}/members/{user_id}`.
     * </pre>
     */
    public dev.flowgate.v1.RemoveTeamMemberResponse removeTeamMember(dev.flowgate.v1.RemoveTeamMemberRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getRemoveTeamMemberMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * A team's API keys (never their secrets): `GET /api/v1/teams/{team_id}/api-keys`.
     * </pre>
     */
    public dev.flowgate.v1.ListTeamApiKeysResponse listTeamApiKeys(dev.flowgate.v1.ListTeamApiKeysRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getListTeamApiKeysMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Creates an API key; its secret is in this answer only:
     * `POST /api/v1/teams/{team_id}/api-keys`.
     * </pre>
     */
    public dev.flowgate.v1.CreateTeamApiKeyResponse createTeamApiKey(dev.flowgate.v1.CreateTeamApiKeyRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getCreateTeamApiKeyMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Revokes an API key: `DELETE /api/v1/teams/{team_id}/api-keys/{key_id}`.
     * </pre>
     */
    public dev.flowgate.v1.RevokeTeamApiKeyResponse revokeTeamApiKey(dev.flowgate.v1.RevokeTeamApiKeyRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getRevokeTeamApiKeyMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * A team's app keys (never their secrets): `GET /api/v1/teams/{team_id}/app-keys`.
     * </pre>
     */
    public dev.flowgate.v1.ListTeamAppKeysResponse listTeamAppKeys(dev.flowgate.v1.ListTeamAppKeysRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getListTeamAppKeysMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Creates an app key, bound to one of the team's apps; its secret is in this answer
     * only: `POST /api/v1/teams/{team_id}/app-keys`.
     * </pre>
     */
    public dev.flowgate.v1.CreateTeamAppKeyResponse createTeamAppKey(dev.flowgate.v1.CreateTeamAppKeyRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getCreateTeamAppKeyMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Revokes an app key: `DELETE /api/v1/teams/{team_id}/app-keys/{key_id}`.
     * </pre>
     */
    public dev.flowgate.v1.RevokeTeamAppKeyResponse revokeTeamAppKey(dev.flowgate.v1.RevokeTeamAppKeyRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getRevokeTeamAppKeyMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do ListenableFuture-style rpc calls to service AccountService.
   * <pre>
   * Users, sign-in and teams of the management API (`/api/v1/auth`, `/api/v1/teams`,
   * `/api/v1/users`). Every RPC but Register and Login takes `authorization: Bearer &lt;token&gt;`
   * with a token from Login.
   * Over HTTP, a response message whose only field is a message or a list answers with
   * that field's value alone (an object or an array, as the reference shows); errors are
   * `{"detail", "error_code", "status_code"}`.
   * </pre>
   */
  public static final class AccountServiceFutureStub
      extends io.grpc.stub.AbstractFutureStub<AccountServiceFutureStub> {
    private AccountServiceFutureStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected AccountServiceFutureStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new AccountServiceFutureStub(channel, callOptions);
    }

    /**
     * <pre>
     * Creates a user (role `user`) and a personal team it owns: `POST /api/v1/auth/register`.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.flowgate.v1.RegisterResponse> register(
        dev.flowgate.v1.RegisterRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getRegisterMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Signs in with a form-encoded (or JSON) `username` and `password`:
     * `POST /api/v1/auth/login`. Returns a bearer token that expires.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.flowgate.v1.LoginResponse> login(
        dev.flowgate.v1.LoginRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getLoginMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * The signed-in user: `GET /api/v1/auth/me`.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.flowgate.v1.GetCurrentUserResponse> getCurrentUser(
        dev.flowgate.v1.GetCurrentUserRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getGetCurrentUserMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Every user (admins only): `GET /api/v1/users`.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.flowgate.v1.ListUsersResponse> listUsers(
        dev.flowgate.v1.ListUsersRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getListUsersMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Sets a user's role, `admin` or `user` (admins only): `PUT /api/v1/users/{user_id}/role`.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.flowgate.v1.UpdateUserRoleResponse> updateUserRole(
        dev.flowgate.v1.UpdateUserRoleRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getUpdateUserRoleMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * The teams the caller belongs to: `GET /api/v1/teams`.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.flowgate.v1.ListTeamsResponse> listTeams(
        dev.flowgate.v1.ListTeamsRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getListTeamsMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Creates a team owned by the caller: `POST /api/v1/teams`.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.flowgate.v1.CreateTeamResponse> createTeam(
        dev.flowgate.v1.CreateTeamRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getCreateTeamMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * A team's members: `GET /api/v1/teams/{team_id}/members`.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.flowgate.v1.ListTeamMembersResponse> listTeamMembers(
        dev.flowgate.v1.ListTeamMembersRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getListTeamMembersMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Adds a user to a team (team owners and admins): `POST /api/v1/teams/{team_id}/members`.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.flowgate.v1.AddTeamMemberResponse> addTeamMember(
        dev.flowgate.v1.AddTeamMemberRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getAddTeamMemberMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Removes a user from a team (team owners and admins):
     * `DELETE /api/v1/teams/{team_id}/members/{user_id}`.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.flowgate.v1.RemoveTeamMemberResponse> removeTeamMember(
        dev.flowgate.v1.RemoveTeamMemberRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getRemoveTeamMemberMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * A team's API keys (never their secrets): `GET /api/v1/teams/{team_id}/api-keys`.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.flowgate.v1.ListTeamApiKeysResponse> listTeamApiKeys(
        dev.flowgate.v1.ListTeamApiKeysRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getListTeamApiKeysMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Creates an API key; its secret is in this answer only:
     * `POST /api/v1/teams/{team_id}/api-keys`.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.flowgate.v1.CreateTeamApiKeyResponse> createTeamApiKey(
        dev.flowgate.v1.CreateTeamApiKeyRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getCreateTeamApiKeyMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Revokes an API key: `DELETE /api/v1/teams/{team_id}/api-keys/{key_id}`.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.flowgate.v1.RevokeTeamApiKeyResponse> revokeTeamApiKey(
        dev.flowgate.v1.RevokeTeamApiKeyRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getRevokeTeamApiKeyMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * A team's app keys (never their secrets): `GET /api/v1/teams/{team_id}/app-keys`.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.flowgate.v1.ListTeamAppKeysResponse> listTeamAppKeys(
        dev.flowgate.v1.ListTeamAppKeysRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getListTeamAppKeysMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Creates an app key, bound to one of the team's apps; its secret is in this answer
     * only: `POST /api/v1/teams/{team_id}/app-keys`.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.flowgate.v1.CreateTeamAppKeyResponse> createTeamAppKey(
        dev.flowgate.v1.CreateTeamAppKeyRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getCreateTeamAppKeyMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Revokes an app key: `DELETE /api/v1/teams/{team_id}/app-keys/{key_id}`.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.flowgate.v1.RevokeTeamAppKeyResponse> revokeTeamAppKey(
        dev.flowgate.v1.RevokeTeamAppKeyRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getRevokeTeamAppKeyMethod(), getCallOptions()), request);
    }
  }

  private static final int METHODID_REGISTER = 0;
  private static final int METHODID_LOGIN = 1;
  private static final int METHODID_GET_CURRENT_USER = 2;
  private static final int METHODID_LIST_USERS = 3;
  private static final int METHODID_UPDATE_USER_ROLE = 4;
  private static final int METHODID_LIST_TEAMS = 5;
  private static final int METHODID_CREATE_TEAM = 6;
  private static final int METHODID_LIST_TEAM_MEMBERS = 7;
  private static final int METHODID_ADD_TEAM_MEMBER = 8;
  private static final int METHODID_REMOVE_TEAM_MEMBER = 9;
  private static final int METHODID_LIST_TEAM_API_KEYS = 10;
  private static final int METHODID_CREATE_TEAM_API_KEY = 11;
  private static final int METHODID_REVOKE_TEAM_API_KEY = 12;
  private static final int METHODID_LIST_TEAM_APP_KEYS = 13;
  private static final int METHODID_CREATE_TEAM_APP_KEY = 14;
  private static final int METHODID_REVOKE_TEAM_APP_KEY = 15;

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
        case METHODID_REGISTER:
          serviceImpl.register((dev.flowgate.v1.RegisterRequest) request,
              (io.grpc.stub.StreamObserver<dev.flowgate.v1.RegisterResponse>) responseObserver);
          break;
        case METHODID_LOGIN:
          serviceImpl.login((dev.flowgate.v1.LoginRequest) request,
              (io.grpc.stub.StreamObserver<dev.flowgate.v1.LoginResponse>) responseObserver);
          break;
        case METHODID_GET_CURRENT_USER:
          serviceImpl.getCurrentUser((dev.flowgate.v1.GetCurrentUserRequest) request,
              (io.grpc.stub.StreamObserver<dev.flowgate.v1.GetCurrentUserResponse>) responseObserver);
          break;
        case METHODID_LIST_USERS:
          serviceImpl.listUsers((dev.flowgate.v1.ListUsersRequest) request,
              (io.grpc.stub.StreamObserver<dev.flowgate.v1.ListUsersResponse>) responseObserver);
          break;
        case METHODID_UPDATE_USER_ROLE:
          serviceImpl.updateUserRole((dev.flowgate.v1.UpdateUserRoleRequest) request,
              (io.grpc.stub.StreamObserver<dev.flowgate.v1.UpdateUserRoleResponse>) responseObserver);
          break;
        case METHODID_LIST_TEAMS:
          serviceImpl.listTeams((dev.flowgate.v1.ListTeamsRequest) request,
              (io.grpc.stub.StreamObserver<dev.flowgate.v1.ListTeamsResponse>) responseObserver);
          break;
        case METHODID_CREATE_TEAM:
          serviceImpl.createTeam((dev.flowgate.v1.CreateTeamRequest) request,
              (io.grpc.stub.StreamObserver<dev.flowgate.v1.CreateTeamResponse>) responseObserver);
          break;
        case METHODID_LIST_TEAM_MEMBERS:
          serviceImpl.listTeamMembers((dev.flowgate.v1.ListTeamMembersRequest) request,
              (io.grpc.stub.StreamObserver<dev.flowgate.v1.ListTeamMembersResponse>) responseObserver);
          break;
        case METHODID_ADD_TEAM_MEMBER:
          serviceImpl.addTeamMember((dev.flowgate.v1.AddTeamMemberRequest) request,
              (io.grpc.stub.StreamObserver<dev.flowgate.v1.AddTeamMemberResponse>) responseObserver);
          break;
        case METHODID_REMOVE_TEAM_MEMBER:
          serviceImpl.removeTeamMember((dev.flowgate.v1.RemoveTeamMemberRequest) request,
              (io.grpc.stub.StreamObserver<dev.flowgate.v1.RemoveTeamMemberResponse>) responseObserver);
          break;
        case METHODID_LIST_TEAM_API_KEYS:
          serviceImpl.listTeamApiKeys((dev.flowgate.v1.ListTeamApiKeysRequest) request,
              (io.grpc.stub.StreamObserver<dev.flowgate.v1.ListTeamApiKeysResponse>) responseObserver);
          break;
        case METHODID_CREATE_TEAM_API_KEY:
          serviceImpl.createTeamApiKey((dev.flowgate.v1.CreateTeamApiKeyRequest) request,
              (io.grpc.stub.StreamObserver<dev.flowgate.v1.CreateTeamApiKeyResponse>) responseObserver);
          break;
        case METHODID_REVOKE_TEAM_API_KEY:
          serviceImpl.revokeTeamApiKey((dev.flowgate.v1.RevokeTeamApiKeyRequest) request,
              (io.grpc.stub.StreamObserver<dev.flowgate.v1.RevokeTeamApiKeyResponse>) responseObserver);
          break;
        case METHODID_LIST_TEAM_APP_KEYS:
          serviceImpl.listTeamAppKeys((dev.flowgate.v1.ListTeamAppKeysRequest) request,
              (io.grpc.stub.StreamObserver<dev.flowgate.v1.ListTeamAppKeysResponse>) responseObserver);
          break;
        case METHODID_CREATE_TEAM_APP_KEY:
          serviceImpl.createTeamAppKey((dev.flowgate.v1.CreateTeamAppKeyRequest) request,
              (io.grpc.stub.StreamObserver<dev.flowgate.v1.CreateTeamAppKeyResponse>) responseObserver);
          break;
        case METHODID_REVOKE_TEAM_APP_KEY:
          serviceImpl.revokeTeamAppKey((dev.flowgate.v1.RevokeTeamAppKeyRequest) request,
              (io.grpc.stub.StreamObserver<dev.flowgate.v1.RevokeTeamAppKeyResponse>) responseObserver);
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
          getRegisterMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.flowgate.v1.RegisterRequest,
              dev.flowgate.v1.RegisterResponse>(
                service, METHODID_REGISTER)))
        .addMethod(
          getLoginMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.flowgate.v1.LoginRequest,
              dev.flowgate.v1.LoginResponse>(
                service, METHODID_LOGIN)))
        .addMethod(
          getGetCurrentUserMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.flowgate.v1.GetCurrentUserRequest,
              dev.flowgate.v1.GetCurrentUserResponse>(
                service, METHODID_GET_CURRENT_USER)))
        .addMethod(
          getListUsersMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.flowgate.v1.ListUsersRequest,
              dev.flowgate.v1.ListUsersResponse>(
                service, METHODID_LIST_USERS)))
        .addMethod(
          getUpdateUserRoleMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.flowgate.v1.UpdateUserRoleRequest,
              dev.flowgate.v1.UpdateUserRoleResponse>(
                service, METHODID_UPDATE_USER_ROLE)))
        .addMethod(
          getListTeamsMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.flowgate.v1.ListTeamsRequest,
              dev.flowgate.v1.ListTeamsResponse>(
                service, METHODID_LIST_TEAMS)))
        .addMethod(
          getCreateTeamMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.flowgate.v1.CreateTeamRequest,
              dev.flowgate.v1.CreateTeamResponse>(
                service, METHODID_CREATE_TEAM)))
        .addMethod(
          getListTeamMembersMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.flowgate.v1.ListTeamMembersRequest,
              dev.flowgate.v1.ListTeamMembersResponse>(
                service, METHODID_LIST_TEAM_MEMBERS)))
        .addMethod(
          getAddTeamMemberMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.flowgate.v1.AddTeamMemberRequest,
              dev.flowgate.v1.AddTeamMemberResponse>(
                service, METHODID_ADD_TEAM_MEMBER)))
        .addMethod(
          getRemoveTeamMemberMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.flowgate.v1.RemoveTeamMemberRequest,
              dev.flowgate.v1.RemoveTeamMemberResponse>(
                service, METHODID_REMOVE_TEAM_MEMBER)))
        .addMethod(
          getListTeamApiKeysMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.flowgate.v1.ListTeamApiKeysRequest,
              dev.flowgate.v1.ListTeamApiKeysResponse>(
                service, METHODID_LIST_TEAM_API_KEYS)))
        .addMethod(
          getCreateTeamApiKeyMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.flowgate.v1.CreateTeamApiKeyRequest,
              dev.flowgate.v1.CreateTeamApiKeyResponse>(
                service, METHODID_CREATE_TEAM_API_KEY)))
        .addMethod(
          getRevokeTeamApiKeyMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.flowgate.v1.RevokeTeamApiKeyRequest,
              dev.flowgate.v1.RevokeTeamApiKeyResponse>(
                service, METHODID_REVOKE_TEAM_API_KEY)))
        .addMethod(
          getListTeamAppKeysMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.flowgate.v1.ListTeamAppKeysRequest,
              dev.flowgate.v1.ListTeamAppKeysResponse>(
                service, METHODID_LIST_TEAM_APP_KEYS)))
        .addMethod(
          getCreateTeamAppKeyMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.flowgate.v1.CreateTeamAppKeyRequest,
              dev.flowgate.v1.CreateTeamAppKeyResponse>(
                service, METHODID_CREATE_TEAM_APP_KEY)))
        .addMethod(
          getRevokeTeamAppKeyMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.flowgate.v1.RevokeTeamAppKeyRequest,
              dev.flowgate.v1.RevokeTeamAppKeyResponse>(
                service, METHODID_REVOKE_TEAM_APP_KEY)))
        .build();
  }

  private static abstract class AccountServiceBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoFileDescriptorSupplier, io.grpc.protobuf.ProtoServiceDescriptorSupplier {
    AccountServiceBaseDescriptorSupplier() {}

    @java.lang.Override
    public com.google.protobuf.Descriptors.FileDescriptor getFileDescriptor() {
      return dev.flowgate.v1.AccountServiceOuterClass.getDescriptor();
    }

    @java.lang.Override
    public com.google.protobuf.Descriptors.ServiceDescriptor getServiceDescriptor() {
      return getFileDescriptor().findServiceByName("AccountService");
    }
  }

  private static final class AccountServiceFileDescriptorSupplier
      extends AccountServiceBaseDescriptorSupplier {
    AccountServiceFileDescriptorSupplier() {}
  }

  private static final class AccountServiceMethodDescriptorSupplier
      extends AccountServiceBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoMethodDescriptorSupplier {
    private final java.lang.String methodName;

    AccountServiceMethodDescriptorSupplier(java.lang.String methodName) {
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
      synchronized (AccountServiceGrpc.class) {
        result = serviceDescriptor;
        if (result == null) {
          serviceDescriptor = result = io.grpc.ServiceDescriptor.newBuilder(SERVICE_NAME)
              .setSchemaDescriptor(new AccountServiceFileDescriptorSupplier())
              .addMethod(getRegisterMethod())
              .addMethod(getLoginMethod())
              .addMethod(getGetCurrentUserMethod())
              .addMethod(getListUsersMethod())
              .addMethod(getUpdateUserRoleMethod())
              .addMethod(getListTeamsMethod())
              .addMethod(getCreateTeamMethod())
              .addMethod(getListTeamMembersMethod())
              .addMethod(getAddTeamMemberMethod())
              .addMethod(getRemoveTeamMemberMethod())
              .addMethod(getListTeamApiKeysMethod())
              .addMethod(getCreateTeamApiKeyMethod())
              .addMethod(getRevokeTeamApiKeyMethod())
              .addMethod(getListTeamAppKeysMethod())
              .addMethod(getCreateTeamAppKeyMethod())
              .addMethod(getRevokeTeamAppKeyMethod())
              .build();
        }
      }
    }
    return result;
  }
}
