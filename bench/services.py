"""Services for the benchmark server (the LLM points at the fake OpenAI-compatible server)."""

from __future__ import annotations

from typing import Any

from flowgate.engine.services import Services


async def build_services(extra: dict[str, Any]) -> Services:
    llm_url = extra.get("llm_base_url")
    if not llm_url:
        return Services()
    from flowgate.engine.llm import OpenAICompatible, ProviderConfig

    chat = OpenAICompatible(
        {"fake": ProviderConfig(base_url=llm_url, api_key="bench-key")},
        default_provider="fake",
        max_connections=int(extra.get("llm_max_connections", 200)),  # 200: what the server uses
    )
    return Services(chat=chat)
