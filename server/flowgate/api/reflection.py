"""gRPC server reflection, as `grpc.reflection.v1` and `grpc.reflection.v1alpha`.

grpcio-reflection ships only v1alpha. v1 is the same protocol (the same messages and
field numbers) under another package, which newer tools (grpcurl 1.9+, Postman, buf
curl) ask for first. So v1 is served by the same servicer over the same message
classes, and its file descriptor (v1alpha's with the package renamed) is added to the
pool so that `describe grpc.reflection.v1.ServerReflection` works too.
"""

from __future__ import annotations

from collections.abc import Iterable

import grpc
from google.protobuf import descriptor_pb2, descriptor_pool
from grpc_reflection.v1alpha import reflection, reflection_pb2

V1_PACKAGE = "grpc.reflection.v1"
V1_FILE = "grpc/reflection/v1/reflection.proto"
V1_SERVICE_NAME = f"{V1_PACKAGE}.ServerReflection"
V1ALPHA_SERVICE_NAME: str = reflection.SERVICE_NAME


def _add_v1_descriptor(pool: descriptor_pool.DescriptorPool) -> None:
    """v1's file descriptor in `pool` (once): v1alpha's, renamed."""
    try:
        pool.FindFileByName(V1_FILE)
        return
    except KeyError:
        pass
    proto = descriptor_pb2.FileDescriptorProto()
    reflection_pb2.DESCRIPTOR.CopyToProto(proto)
    old = f".{proto.package}."
    proto.name, proto.package = V1_FILE, V1_PACKAGE
    proto.ClearField("options")
    for message in proto.message_type:
        for field in message.field:
            if field.type_name.startswith(old):
                field.type_name = f".{V1_PACKAGE}.{field.type_name[len(old) :]}"
    for service in proto.service:
        for method in service.method:
            method.input_type = f".{V1_PACKAGE}.{method.input_type[len(old) :]}"
            method.output_type = f".{V1_PACKAGE}.{method.output_type[len(old) :]}"
    pool.Add(proto)


def enable(server: grpc.aio.Server, service_names: Iterable[str]) -> None:
    """Serve reflection (v1 and v1alpha) of `service_names` and of itself on `server`."""
    pool = descriptor_pool.Default()
    _add_v1_descriptor(pool)
    servicer = reflection.aio.ReflectionServicer((*service_names, V1_SERVICE_NAME, V1ALPHA_SERVICE_NAME), pool=pool)
    handlers = {
        "ServerReflectionInfo": grpc.stream_stream_rpc_method_handler(
            servicer.ServerReflectionInfo,
            request_deserializer=reflection_pb2.ServerReflectionRequest.FromString,
            response_serializer=reflection_pb2.ServerReflectionResponse.SerializeToString,
        )
    }
    server.add_generic_rpc_handlers(
        (
            grpc.method_handlers_generic_handler(V1_SERVICE_NAME, handlers),
            grpc.method_handlers_generic_handler(V1ALPHA_SERVICE_NAME, handlers),
        )
    )
