"""Which network targets outbound connections may reach (the SSRF guard), shared by the
http block's fetcher (engine/http.py) and data sources (app/data_sources/targets.py).

Every address a host resolves to is checked: private, loopback, link-local (cloud
metadata at 169.254.169.254), multicast, reserved, unspecified, shared (CGNAT 100.64/10),
documentation and benchmarking ranges — and IPv6 forms embedding such an IPv4 address
(IPv4-mapped, NAT64, 6to4) — are refused unless an operator allowed their network.
"""

from __future__ import annotations

import asyncio
import ipaddress
import re
import socket
from collections.abc import Awaitable, Callable, Sequence

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network

Resolver = Callable[[str, int], Awaitable[Sequence[str]]]
"""(host, port) → the IP addresses (as text) the host resolves to; raises OSError."""

_LOCALHOST = ("127.0.0.1", "::1")

# Named ranges, for clear messages; anything else that is not global is refused too.
_V4_RANGES: tuple[tuple[str, str], ...] = (
    ("0.0.0.0/8", "a 'this network' address"),
    ("10.0.0.0/8", "a private address"),
    ("100.64.0.0/10", "a shared (carrier-grade NAT) address"),
    ("127.0.0.0/8", "a loopback address"),
    ("169.254.0.0/16", "a link-local address (cloud metadata services live here)"),
    ("172.16.0.0/12", "a private address"),
    ("192.0.0.0/24", "an IETF protocol address"),
    ("192.0.2.0/24", "a documentation address"),
    ("192.88.99.0/24", "a reserved (6to4 relay) address"),
    ("192.168.0.0/16", "a private address"),
    ("198.18.0.0/15", "a benchmarking address"),
    ("198.51.100.0/24", "a documentation address"),
    ("203.0.113.0/24", "a documentation address"),
    ("224.0.0.0/4", "a multicast address"),
    ("240.0.0.0/4", "a reserved address"),
)
_V6_RANGES: tuple[tuple[str, str], ...] = (
    ("::/128", "the unspecified address"),
    ("::1/128", "a loopback address"),
    ("::/8", "a reserved address"),
    ("64:ff9b:1::/48", "a local-use NAT64 address"),
    ("100::/64", "a discard-only address"),
    ("2001::/23", "an IETF protocol address"),
    ("2001:db8::/32", "a documentation address"),
    ("fc00::/7", "a private (unique local) address"),
    ("fe80::/10", "a link-local address"),
    ("fec0::/10", "a site-local address"),
    ("ff00::/8", "a multicast address"),
)
_V4_NETS = tuple((ipaddress.IPv4Network(net), label) for net, label in _V4_RANGES)
_V6_NETS = tuple((ipaddress.IPv6Network(net), label) for net, label in _V6_RANGES)
_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")


def parse_ip(host: str) -> IPAddress | None:
    """`host` as an IP address if it is one in any form a resolver would accept
    (`127.0.0.1`, `::1`, `[::1]`, and the IPv4 shorthands `2130706433`, `0x7f.1`, `127.1`),
    else None."""
    text = host.strip("[]")
    try:
        return ipaddress.ip_address(text)
    except ValueError:
        pass
    if re.fullmatch(r"[0-9a-fA-FxX.]+", text) and text[0].isdigit():
        try:
            return ipaddress.IPv4Address(socket.inet_aton(text))
        except OSError:
            return None
    return None


def unmapped(address: IPAddress) -> IPAddress:
    """The IPv4 address behind an IPv4-mapped IPv6 address (`::ffff:a.b.c.d`), else `address`."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped
    return address


def blocked_reason(address: IPAddress) -> str | None:
    """Why `address` is not a public target ("a private address", …), or None if it is one."""
    address = unmapped(address)
    if isinstance(address, ipaddress.IPv4Address):
        for net, label in _V4_NETS:
            if address in net:
                return label
        if not address.is_global or address.is_multicast or address.is_reserved:
            return "not a public address"
        return None
    embedded: ipaddress.IPv4Address | None = address.sixtofour
    if address in _NAT64:
        embedded = ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    if embedded is not None and (inner := blocked_reason(embedded)) is not None:
        return f"an IPv6 address embedding {embedded}, {inner}"
    for net6, label in _V6_NETS:
        if address in net6:
            return label
    if not address.is_global or address.is_multicast or address.is_reserved or address.is_site_local:
        return "not a public address"
    return None


async def system_resolver(host: str, port: int) -> list[str]:
    """The host's addresses, from the system resolver (asyncio getaddrinfo)."""
    infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    addresses: list[str] = []
    for family, _type, _proto, _canon, sockaddr in infos:
        if family in (socket.AF_INET, socket.AF_INET6) and str(sockaddr[0]) not in addresses:
            addresses.append(str(sockaddr[0]))
    return addresses


def normal_host(host: str) -> str:
    return host.strip("[]").rstrip(".").lower()


async def addresses_of(host: str, port: int, resolve: Resolver = system_resolver) -> list[IPAddress]:
    """What `host` (normalized) stands for: itself when it is an IP literal, loopback for
    `localhost` (RFC 6761: never asks DNS), else the resolver's answers (maybe none).
    Raises OSError or UnicodeError when it cannot be resolved, ValueError when the
    resolver answers something that is not an address."""
    literal = parse_ip(host)
    if literal is not None:
        return [literal]
    if host == "localhost" or host.endswith(".localhost"):
        return [ipaddress.ip_address(a) for a in _LOCALHOST]
    return [ipaddress.ip_address(text) for text in await resolve(host, port)]


def network_refusal(address: IPAddress, allowed_networks: Sequence[IPNetwork]) -> str | None:
    """Why `address` may not be reached (see blocked_reason), or None when it may: it is
    public, or inside one of `allowed_networks`."""
    candidates = {address, unmapped(address)}
    if any(a in net for a in candidates for net in allowed_networks if a.version == net.version):
        return None
    return blocked_reason(address)
