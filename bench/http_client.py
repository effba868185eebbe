"""A lean HTTP/1.1 client for the web benchmarks' load: one kept-alive connection per client,
GET only, the response read by its ``Content-Length`` (or its chunks).

Why not httpx here: the load generator shares the machine's two cores with the server, and
httpx spends about nine times the CPU of these few lines on each request (1.9 against
0.22 ms, measured on 2,000 requests for the stylesheet), CPU the server then
lacks — and with twenty clients in one event loop, its parsing delays the other clients' reads,
which the latencies would count as the server's. Load tools such as wrk are lean for the same
reason. httpx still starts, warms and checks the server.
"""

from __future__ import annotations

import asyncio
from urllib.parse import urlsplit


class Connection:
    """One kept-alive connection to ``base`` (``http://host:port``)."""

    def __init__(self, base: str) -> None:
        address = urlsplit(base)
        self.host, self.port = address.hostname or "127.0.0.1", address.port or 80
        self._reader: asyncio.StreamReader | None = None
        self._writer: asyncio.StreamWriter | None = None

    async def __aenter__(self) -> Connection:
        self._reader, self._writer = await asyncio.open_connection(self.host, self.port)
        return self

    async def __aexit__(self, *exc: object) -> None:
        if self._writer is not None:
            self._writer.close()
            await self._writer.wait_closed()

    async def get(self, path: str) -> tuple[int, bytes]:
        """``GET path``: the status code and the body."""
        assert self._reader is not None and self._writer is not None
        self._writer.write(
            f"GET {path} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\n\r\n".encode("latin-1")
        )
        head = await self._reader.readuntil(b"\r\n\r\n")
        status_line, *lines = head.decode("latin-1").split("\r\n")
        status = int(status_line.split(" ", 2)[1])
        headers = {}
        for line in lines:
            if line:
                name, _, value = line.partition(":")
                headers[name.strip().lower()] = value.strip()
        if "content-length" in headers:
            return status, await self._reader.readexactly(int(headers["content-length"]))
        if headers.get("transfer-encoding", "").lower() == "chunked":
            return status, await self._chunks()
        raise ValueError(f"{path}: a response without a length ({headers})")

    async def _chunks(self) -> bytes:
        assert self._reader is not None
        body = bytearray()
        while True:
            size = int((await self._reader.readuntil(b"\r\n")).split(b";")[0], 16)
            if size == 0:
                await self._reader.readuntil(b"\r\n")  # no trailers are sent
                return bytes(body)
            body += await self._reader.readexactly(size)
            await self._reader.readexactly(2)
