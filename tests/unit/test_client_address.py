"""Which address a caller is counted under: the gRPC peer, or — behind a trusted proxy —
the right-most x-forwarded-for entry (the one the proxy appended), never one the caller chose."""

from __future__ import annotations

import ipaddress
from typing import Any

from flowgate.api.context import client_address

LOOPBACK = [ipaddress.ip_network("127.0.0.1/32"), ipaddress.ip_network("::1/128")]


class Context:
    def __init__(self, peer: str, *metadata: tuple[str, str]) -> None:
        self._peer, self._metadata = peer, metadata

    def peer(self) -> str:
        return self._peer

    def invocation_metadata(self) -> tuple[tuple[str, str], ...]:
        return self._metadata


def address(peer: str, *metadata: tuple[str, str], trusted: Any = LOOPBACK) -> str:
    return client_address(Context(peer, *metadata), trusted)  # type: ignore[arg-type]


def test_a_direct_caller_is_its_peer_and_its_own_forwarded_for_is_ignored() -> None:
    assert address("ipv4:198.51.100.7:40000") == "198.51.100.7"
    assert address("ipv4:198.51.100.7:40000", ("x-forwarded-for", "203.0.113.9")) == "198.51.100.7"
    assert address("ipv6:[2001:db8::5]:40000", ("x-forwarded-for", "203.0.113.9")) == "2001:db8::5"
    assert address("ipv6:%5B2001:db8::5%5D:40000") == "2001:db8::5"
    assert address("ipv6:[::ffff:198.51.100.7]:40000") == "198.51.100.7"
    assert address("unix:/run/flowgate.sock") == "unix:/run/flowgate.sock"


def test_behind_a_trusted_proxy_the_entry_it_appended_counts() -> None:
    spoofed = ("x-forwarded-for", "192.0.2.1, 192.0.2.2, 203.0.113.9")
    assert address("ipv4:127.0.0.1:40000", spoofed) == "203.0.113.9"
    assert address("ipv6:[::1]:40000", ("x-forwarded-for", "2001:db8::9")) == "2001:db8::9"
    two = (("x-forwarded-for", "192.0.2.1"), ("x-forwarded-for", "203.0.113.9"))
    assert address("ipv4:127.0.0.1:40000", *two) == "203.0.113.9"


def test_a_proxy_without_a_usable_entry_or_an_untrusted_one_is_its_own_address() -> None:
    assert address("ipv4:127.0.0.1:40000") == "127.0.0.1"
    assert address("ipv4:127.0.0.1:40000", ("x-forwarded-for", "not-an-ip")) == "127.0.0.1"
    assert address("ipv4:127.0.0.1:40000", ("x-forwarded-for", "203.0.113.9"), trusted=[]) == "127.0.0.1"
