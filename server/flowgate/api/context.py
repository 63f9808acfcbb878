"""Reading caller facts from gRPC metadata."""

from __future__ import annotations

import asyncio
import ipaddress
from collections.abc import Callable, Sequence
from typing import Any, TypeVar
from urllib.parse import unquote

import grpc

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def metadata_value(context: grpc.aio.ServicerContext[Any, Any], key: str) -> str | None:
    for k, v in context.invocation_metadata() or ():
        if k == key:
            return v if isinstance(v, str) else v.decode()
    return None


def authorization(context: grpc.aio.ServicerContext[Any, Any]) -> str | None:
    """The `authorization` metadata (Envoy forwards the HTTP Authorization header as it)."""
    return metadata_value(context, "authorization")


def _peer_ip(peer: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    """The IP of a gRPC peer string (`ipv4:1.2.3.4:5678`, `ipv6:[::1]:5678`)."""
    kind, _, rest = unquote(peer).partition(":")
    if kind not in ("ipv4", "ipv6"):
        return None
    host = rest.rsplit(":", 1)[0].strip("[]")
    try:
        ip = ipaddress.ip_address(host)
    except ValueError:
        return None
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    return ip


def client_address(context: grpc.aio.ServicerContext[Any, Any], trusted_proxies: Sequence[Network] = ()) -> str:
    """The caller's IP address: the gRPC peer's, unless the peer is a trusted proxy —
    then the right-most `x-forwarded-for` entry, the one that proxy appended (Envoy with
    `use_remote_address: true` appends the address it was connected from; entries left
    of it are the caller's to choose). A peer that is not an IP (a Unix socket) is
    named as gRPC names it."""
    peer = context.peer() or ""
    ip = _peer_ip(peer)
    if ip is None:
        return peer
    if any(ip in net for net in trusted_proxies):
        forwarded = [
            (v if isinstance(v, str) else v.decode())
            for k, v in context.invocation_metadata() or ()
            if k == "x-forwarded-for"
        ]
        if forwarded:
            last = forwarded[-1].rsplit(",", 1)[-1].strip()
            try:
                return str(ipaddress.ip_address(last))
            except ValueError:
                pass
    return str(ip)


OFF_LOOP_BYTES = 64 * 1024
"""Bodies larger than this are checked and parsed in a worker thread (up to ~2 s of CPU
for 4 MiB of dense JSON): other calls keep being served meanwhile."""

T = TypeVar("T")


async def off_loop(parse: Callable[[bytes, int], T], data: bytes, max_depth: int) -> T:
    """`parse(data, max_depth)`, in a worker thread when the body is large."""
    if len(data) <= OFF_LOOP_BYTES:
        return parse(data, max_depth)
    return await asyncio.to_thread(parse, data, max_depth)
