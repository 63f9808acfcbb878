"""The network check of database hosts."""

from __future__ import annotations

import ipaddress
from collections.abc import Sequence

from flowgate.app.data_sources.base import DataSourceUnavailable
from flowgate.engine.network import addresses_of, network_refusal, unmapped


class TargetCheck:
    """Database hosts pass the same checks as outbound HTTP: every address the host
    resolves to must be public, or inside `allowed_networks`, or the host is one of
    `allowed_hosts`."""

    def __init__(self, allowed_networks: Sequence[str] = (), allowed_hosts: Sequence[str] = ()) -> None:
        self._networks = tuple(ipaddress.ip_network(n.strip(), strict=False) for n in allowed_networks)
        self._hosts = frozenset(h.strip().rstrip(".").lower() for h in allowed_hosts if h.strip())

    async def address(self, host: str, port: int) -> str:
        """A checked address of `host` to connect to; raises DataSourceUnavailable."""
        name = host.strip().strip("[]").rstrip(".").lower()
        try:
            found = await addresses_of(name, port)
        except (OSError, UnicodeError, ValueError):
            raise DataSourceUnavailable(f"could not resolve {name}") from None
        if not found:
            raise DataSourceUnavailable(f"could not resolve {name}")
        if name not in self._hosts:
            for address in found:
                reason = network_refusal(address, self._networks)
                if reason is not None:
                    raise DataSourceUnavailable(
                        f"{name} ({address}) is {reason}; an operator can allow it with outbound_allowed_networks "
                        "or outbound_allowed_hosts"
                    )
        return str(unmapped(found[0]))
