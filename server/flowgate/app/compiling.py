"""Graph compilation off the event loop.

Compiling a graph compiles every template and expression in it: a large graph takes a
while, and no caller may hold the event loop that long. Compilations run on a small pool
of their own (so they cannot take the threads password hashing and file reads use); a
caller beyond its width waits its turn without blocking anyone else."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor

from flowgate.domain.models import Graph
from flowgate.engine.blocks import BlockRegistry
from flowgate.engine.graph import CompiledGraph, compile_graph
from flowgate.engine.limits import EngineLimits

COMPILE_THREADS = 2
_pool = ThreadPoolExecutor(max_workers=COMPILE_THREADS, thread_name_prefix="flowgate-compile")


async def compile_graph_off_loop(graph: Graph, registry: BlockRegistry, limits: EngineLimits) -> CompiledGraph:
    """`compile_graph` in a worker thread; raises what it raises (InvalidWorkflow)."""
    return await asyncio.get_running_loop().run_in_executor(_pool, compile_graph, graph, registry, limits)
