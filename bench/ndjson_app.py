"""The P6 baseline: FastAPI on uvicorn streaming NDJSON lines as fast as it can
(`GET /lines?n=N`), run as `python -m bench.ndjson_app PORT`."""

from __future__ import annotations

import sys
from collections.abc import AsyncIterator

import uvicorn
from fastapi import FastAPI
from fastapi.responses import StreamingResponse

app = FastAPI()
LINE = b'{"type":"block_chunk","blockId":"llm","delta":"tok "}\n'


@app.get("/lines")
async def lines(n: int) -> StreamingResponse:
    async def generate() -> AsyncIterator[bytes]:
        for _ in range(n):
            yield LINE

    return StreamingResponse(generate(), media_type="application/x-ndjson")


if __name__ == "__main__":
    uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[1]), log_level="warning")
