"""A small real HTTP/1.1 server on 127.0.0.1 for tests (threaded, keep-alive, optional TLS).

Routes (any method):
- `/echo…`            200 JSON: method, path, query, headers, body (text), json/form when parsable
- `/status/<code>`    that status, text body "status <code>"
- `/json`, `/text`    a JSON document / UTF-8 text
- `/bytes/<n>`        n bytes of "x" (`?chunked=1`: chunked transfer encoding, no length)
- `/gzip/<n>`         n bytes of "a", gzip-encoded
- `/headers/<n>`      n extra response headers
- `/slow?seconds=s`   waits s seconds before answering
- `/trickle?seconds=s` sends the headers and a first byte, waits s seconds, then the rest
- `/redirect?to=<url>&status=<code>`  a redirect to `to`
- `/loop`             redirects to itself, forever
- `/cookie`           sets a cookie

Every request is recorded in `requests` (method, path, headers, body); the TLS server
records the SNI names it saw in `sni_names`. Waits end early when the server closes.
"""

from __future__ import annotations

import contextlib
import gzip
import json
import socket
import ssl
import subprocess
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from typing import Any
from urllib.parse import parse_qs, urlsplit


@dataclass(frozen=True)
class Recorded:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def setup(self) -> None:
        if self.server.tls is not None:
            self.request = self.server.tls.wrap_socket(self.request, server_side=True)
        self.server.track(self.request)
        super().setup()

    def finish(self) -> None:
        try:
            super().finish()
        finally:
            self.server.untrack(self.request)
            if self.server.tls is not None:
                self.request.close()  # the TLS wrapper owns the socket now

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def handle_one(self) -> None:
        length = int(self.headers.get("content-length") or 0)
        body = self.rfile.read(length) if length else b""
        headers = {k.lower(): v for k, v in self.headers.items()}
        self.server.requests.append(Recorded(self.command, self.path, headers, body))
        split = urlsplit(self.path)
        query = {k: v[0] for k, v in parse_qs(split.query).items()}
        route = split.path.strip("/").split("/")
        name, arg = route[0], route[1] if len(route) > 1 else ""

        if name.startswith("echo"):
            self.echo(split.path, split.query, headers, body)
        elif name == "status":
            self.send(int(arg), f"status {arg}".encode(), "text/plain")
        elif name == "json":
            self.send(200, json.dumps({"hello": "world", "items": [1, 2, 3]}).encode(), "application/json")
        elif name == "text":
            self.send(200, "plain text \u00fc".encode(), "text/plain; charset=utf-8")
        elif name == "bytes":
            if query.get("chunked"):
                self.chunked(int(arg))
            else:
                self.send(200, b"x" * int(arg), "application/octet-stream")
        elif name == "gzip":
            self.send(200, gzip.compress(b"a" * int(arg)), "text/plain", {"Content-Encoding": "gzip"})
        elif name == "headers":
            self.send(200, b"many", "text/plain", {f"X-Extra-{i}": "v" * 20 for i in range(int(arg))})
        elif name == "slow":
            self.server.stopping.wait(float(query.get("seconds", "5")))
            self.send(200, b"slow", "text/plain")
        elif name == "trickle":
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"a")
            self.wfile.flush()
            self.server.stopping.wait(float(query.get("seconds", "5")))
            self.wfile.write(b"b")
        elif name == "redirect":
            status = int(query.get("status", "302"))
            self.send(status, b"", "text/plain", {"Location": query["to"]})
        elif name == "loop":
            self.send(302, b"", "text/plain", {"Location": "/loop"})
        elif name == "cookie":
            self.send(200, b"cookie set", "text/plain", {"Set-Cookie": "session=secret-cookie; Path=/"})
        else:
            self.send(404, b"no such route", "text/plain")

    def echo(self, path: str, query: str, headers: dict[str, str], body: bytes) -> None:
        text = body.decode("utf-8", "replace")
        parsed: Any = None
        form: Any = None
        content_type = headers.get("content-type", "")
        if content_type.startswith("application/json"):
            parsed = json.loads(text)
        elif content_type.startswith("application/x-www-form-urlencoded"):
            form = parse_qs(text)
        document = {
            "method": self.command,
            "path": path,
            "query": parse_qs(query),
            "headers": headers,
            "body": text,
            "json": parsed,
            "form": form,
        }
        self.send(200, json.dumps(document).encode(), "application/json")

    def send(self, status: int, body: bytes, content_type: str, extra: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        for key, value in (extra or {}).items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def chunked(self, size: int) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "application/octet-stream")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        sent = 0
        while sent < size and not self.server.stopping.is_set():
            part = min(65_536, size - sent)
            self.wfile.write(f"{part:x}\r\n".encode() + b"x" * part + b"\r\n")
            sent += part
        self.wfile.write(b"0\r\n\r\n")

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = do_OPTIONS = handle_one


class _Server(ThreadingHTTPServer):
    daemon_threads = False
    block_on_close = True

    def __init__(self, tls: ssl.SSLContext | None) -> None:
        self.tls = tls
        self.requests: list[Recorded] = []
        self.sni_names: list[str] = []
        self.stopping = threading.Event()
        self._open: set[socket.socket] = set()
        self._lock = threading.Lock()
        super().__init__(("127.0.0.1", 0), _Handler)

    def track(self, sock: socket.socket) -> None:
        with self._lock:
            self._open.add(sock)

    def untrack(self, sock: socket.socket) -> None:
        with self._lock:
            self._open.discard(sock)

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # clients that time out or refuse the certificate go away mid-request

    def wake_all(self) -> None:
        with self._lock:
            for sock in self._open:
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)


class FakeHttpServer:
    """`with FakeHttpServer() as server: server.url("/echo")`."""

    def __init__(self, tls: ssl.SSLContext | None = None) -> None:
        self._server = _Server(tls)
        if tls is not None:
            tls.sni_callback = self._record_sni
        self._thread = threading.Thread(target=self._server.serve_forever, name="fake-http", daemon=True)

    def _record_sni(self, _sock: ssl.SSLObject, name: str | None, _ctx: ssl.SSLContext) -> None:
        self._server.sni_names.append(name or "")

    @property
    def port(self) -> int:
        port: int = self._server.server_address[1]
        return port

    @property
    def requests(self) -> list[Recorded]:
        return self._server.requests

    @property
    def sni_names(self) -> list[str]:
        return self._server.sni_names

    def url(self, path: str = "/", host: str = "127.0.0.1") -> str:
        scheme = "https" if self._server.tls is not None else "http"
        return f"{scheme}://{host}:{self.port}{path}"

    def start(self) -> FakeHttpServer:
        self._thread.start()
        return self

    def close(self) -> None:
        self._server.stopping.set()
        self._server.shutdown()
        self._server.wake_all()
        self._server.server_close()  # joins the handler threads
        self._thread.join()

    def __enter__(self) -> FakeHttpServer:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


@dataclass
class Certificates:
    ca_file: Path
    cert_file: Path
    key_file: Path
    names: list[str] = field(default_factory=list)

    def server_context(self) -> ssl.SSLContext:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(self.cert_file, self.key_file)
        return context

    def client_context(self) -> ssl.SSLContext:
        """Verifies certificates (and host names) against the test CA only."""
        return ssl.create_default_context(cafile=str(self.ca_file))


def make_certificates(directory: Path, names: list[str]) -> Certificates:
    """A throwaway CA and a server certificate for DNS `names`, made with the openssl CLI."""
    ca_key, ca_pem = directory / "ca.key", directory / "ca.pem"
    key, csr, pem = directory / "server.key", directory / "server.csr", directory / "server.pem"
    ext = directory / "server.ext"
    ext.write_text(
        "basicConstraints=CA:FALSE\nkeyUsage=digitalSignature\nextendedKeyUsage=serverAuth\n"
        f"subjectAltName={','.join(f'DNS:{n}' for n in names)}\n"
    )
    ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]

    def openssl(*args: str | Path) -> None:
        subprocess.run(["openssl", *map(str, args)], check=True, capture_output=True)

    openssl("req", "-x509", *ec, "-keyout", ca_key, "-out", ca_pem, "-days", "2", "-subj", "/CN=Flowgate test CA")
    openssl("req", *ec, "-keyout", key, "-out", csr, "-subj", f"/CN={names[0]}")
    openssl(
        "x509", "-req", "-in", csr, "-CA", ca_pem, "-CAkey", ca_key, "-CAcreateserial",
        "-out", pem, "-days", "2", "-extfile", ext,
    )  # fmt: skip
    return Certificates(ca_pem, pem, key, names)
