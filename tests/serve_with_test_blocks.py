"""`python -m tests.serve_with_test_blocks`: the real server as a process of its own, with
the test blocks registered (a test can kill it abruptly and start it again). Settings come
from FLOWGATE_* variables; "ready" is printed once it serves."""

from __future__ import annotations

import asyncio
import sys

from flowgate.cli import _stop_on_signal
from flowgate.config import Settings
from flowgate.engine.blocks import default_registry
from flowgate.server import FlowgateServer
from tests.blocks_for_tests import PauseBlock


async def main() -> None:
    server = FlowgateServer(Settings(_env_file=None), blocks=default_registry(PauseBlock()))
    stop = _stop_on_signal()
    await server.migrate()
    await server.start()
    sys.stdout.write("ready\n")
    sys.stdout.flush()
    try:
        await stop.wait()
    finally:
        await server.stop()


if __name__ == "__main__":
    asyncio.run(main())
    sys.exit(0)
