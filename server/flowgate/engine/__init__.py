"""The workflow engine: graph model, validation, executor and block types.

Imports only `flowgate.domain` (and pure libraries): never grpc, SQLAlchemy,
settings or generated stubs.
"""
