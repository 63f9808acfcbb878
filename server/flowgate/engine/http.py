"""Outbound HTTP for blocks, with target checks (an SSRF guard).

`OutboundHttp` implements `services.HttpFetcher` over one pooled `httpx.AsyncClient`:

- Only `http` and `https` URLs; no credentials in the URL.
- The host is resolved once per request (and per redirect hop) and EVERY address it
  resolves to is checked: private, loopback, link-local (cloud metadata at
  169.254.169.254), multicast, reserved, unspecified, shared (CGNAT 100.64/10),
  documentation and benchmarking ranges — and IPv6 forms embedding such an IPv4 address
  (IPv4-mapped, NAT64, 6to4) — are refused unless an operator allowed them
  (`allowed_networks` CIDRs, or `allowed_hosts` exact names).
- The connection goes to an address that was checked: the pool's network backend only
  connects to the addresses pinned for the request's host, never resolving names itself
  (no DNS rebinding between check and connect). The URL keeps the host name, so the
  Host header, TLS SNI and certificate verification all use the name.
- Redirects are followed here (bounded), each hop checked again; on a cross-origin hop
  only harmless headers are kept (no Authorization, cookies or API-key headers).
- Request headers, URL and body are bounded; response headers are bounded; the body is
  streamed (gzip/deflate decoded here, bounded too) and cut at `max_response_bytes`
  (`truncated=True`).
- Timeouts: connect and read per network operation, and a total per request; each maps
  to an `HttpError` saying which. Error messages name the host, never the path, query or
  header values.
- No proxies from the environment, no .netrc, no cookie jar shared between requests.
"""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import http.cookiejar
import ipaddress
import os
import re
import ssl
import zlib
from collections.abc import AsyncIterable, AsyncIterator, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import httpcore
import httpx

from flowgate.engine.network import (
    IPAddress,
    IPNetwork,
    Resolver,
    addresses_of,
    network_refusal,
    normal_host,
    parse_ip,
    system_resolver,
    unmapped,
)
from flowgate.engine.services import HttpError, HttpRequest, HttpResponse

METHODS = frozenset({"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"})
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})

_TOKEN = re.compile(r"[!#$%&'*+\-.^_`|~0-9A-Za-z]+")
_HOSTNAME = re.compile(r"[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?(?:\.[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?)*")
_BAD_VALUE = re.compile(r"[\r\n\x00]")
_FORBIDDEN_HEADERS = frozenset(
    {
        "host",
        "content-length",
        "transfer-encoding",
        "connection",
        "keep-alive",
        "upgrade",
        "te",
        "trailer",
        "expect",
        "proxy-authorization",
        "proxy-connection",
    }
)
"""Request headers the client sets itself (or that only make sense hop by hop)."""
_KEPT_ACROSS_ORIGINS = frozenset(
    {"accept", "accept-encoding", "accept-language", "user-agent", "content-type", "content-language"}
)
"""The only request headers a redirect to another origin keeps."""

# ---- the pinned connection ----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Pin:
    host: str  # normalized
    addresses: tuple[str, ...]  # checked IP addresses, in the order to try


_PIN: contextvars.ContextVar[_Pin | None] = contextvars.ContextVar("flowgate_http_pin", default=None)


class _PinnedBackend(httpcore.AsyncNetworkBackend):
    """Connects only to the addresses checked for the current request's host; a connection
    to anything else (or with no check at all) is refused. Never resolves names."""

    def __init__(self) -> None:
        self._inner = httpcore.AnyIOBackend()

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,  # noqa: ASYNC109 - httpcore's interface
        local_address: str | None = None,
        socket_options: Any = None,
    ) -> httpcore.AsyncNetworkStream:
        pin = _PIN.get()
        if pin is None or pin.host != normal_host(host) or not pin.addresses:
            raise httpcore.ConnectError("connection target was not checked")
        failure: Exception | None = None
        for address in pin.addresses:
            try:
                return await self._inner.connect_tcp(
                    address, port, timeout=timeout, local_address=local_address, socket_options=socket_options
                )
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                failure = exc
        if failure is None:
            raise RuntimeError("no checked address was tried")
        raise failure

    async def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,  # noqa: ASYNC109 - httpcore's interface
        socket_options: Any = None,
    ) -> httpcore.AsyncNetworkStream:
        raise httpcore.ConnectError("unix sockets are not allowed")

    async def sleep(self, seconds: float) -> None:
        await self._inner.sleep(seconds)


class _ResponseStream(httpx.AsyncByteStream):
    def __init__(self, stream: AsyncIterable[bytes]) -> None:
        self._stream = stream

    async def __aiter__(self) -> AsyncIterator[bytes]:
        async for part in self._stream:
            yield part

    async def aclose(self) -> None:
        close = getattr(self._stream, "aclose", None)
        if close is not None:
            await close()


class _PinnedTransport(httpx.AsyncBaseTransport):
    """httpx transport over an httpcore pool whose connections go through `_PinnedBackend`.
    httpcore's exceptions are left as they are (the fetcher maps them)."""

    def __init__(self, ssl_context: ssl.SSLContext, max_connections: int, keepalive_seconds: float) -> None:
        self._pool = httpcore.AsyncConnectionPool(
            ssl_context=ssl_context,
            max_connections=max_connections,
            max_keepalive_connections=max_connections,
            keepalive_expiry=keepalive_seconds,
            http1=True,
            http2=False,
            retries=0,
            network_backend=_PinnedBackend(),
        )

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if not isinstance(request.stream, httpx.AsyncByteStream):
            raise TypeError("the outbound client sends asynchronous request bodies only")
        response = await self._pool.handle_async_request(
            httpcore.Request(
                method=request.method,
                url=httpcore.URL(
                    scheme=request.url.raw_scheme,
                    host=request.url.raw_host,
                    port=request.url.port,
                    target=request.url.raw_path,
                ),
                headers=request.headers.raw,
                content=request.stream,
                extensions=request.extensions,
            )
        )
        if not isinstance(response.stream, AsyncIterable):
            raise TypeError("the connection pool returned a synchronous response body")
        return httpx.Response(
            status_code=response.status,
            headers=response.headers,
            stream=_ResponseStream(response.stream),
            extensions=response.extensions,
        )

    async def aclose(self) -> None:
        await self._pool.aclose()


# ---- body decoding --------------------------------------------------------------------


class _Inflater:
    """Bounded gzip/deflate decoding: never produces more than asked for."""

    def __init__(self, encoding: str) -> None:
        self._gzip = encoding in ("gzip", "x-gzip")
        self._started = False
        self._z = zlib.decompressobj(zlib.MAX_WBITS | 16 if self._gzip else zlib.MAX_WBITS)

    def feed(self, data: bytes, max_length: int) -> bytes:
        """Up to `max_length` decoded bytes of `data` (the rest is dropped: the caller stops)."""
        try:
            out = self._z.decompress(data, max_length)
        except zlib.error:
            if self._gzip or self._started:
                raise
            self._z = zlib.decompressobj(-zlib.MAX_WBITS)  # "deflate" sent raw, as some servers do
            out = self._z.decompress(data, max_length)
        self._started = True
        # A gzip body may hold several members.
        while self._gzip and self._z.eof and self._z.unused_data and len(out) < max_length:
            rest = self._z.unused_data
            self._z = zlib.decompressobj(zlib.MAX_WBITS | 16)
            out += self._z.decompress(rest, max_length - len(out))
        return out


# ---- the fetcher ------------------------------------------------------------------------


class _Refused(Exception):
    pass


@dataclass(frozen=True, slots=True)
class _Timeouts:
    connect: float
    read: float
    total: float

    def httpx(self) -> httpx.Timeout:
        return httpx.Timeout(connect=self.connect, read=self.read, write=self.read, pool=self.connect)


class OutboundHttp:
    """`HttpFetcher` with target checks; one pooled client for every request. Call
    `close()` (or use `async with`) when done."""

    def __init__(
        self,
        *,
        allowed_networks: Sequence[str] = (),
        allowed_hosts: Sequence[str] = (),
        max_response_bytes: int = 10_000_000,
        max_timeout_seconds: float = 300.0,
        connect_timeout_seconds: float = 10.0,
        read_timeout_seconds: float = 60.0,
        max_redirects: int = 5,
        max_request_body_bytes: int = 10_000_000,
        max_url_length: int = 8192,
        max_request_headers: int = 64,
        max_request_header_bytes: int = 32_768,
        max_response_headers: int = 256,
        max_response_header_bytes: int = 65_536,
        max_connections: int = 100,
        keepalive_seconds: float = 30.0,
        user_agent: str = "Flowgate",
        ssl_context: ssl.SSLContext | None = None,
        resolver: Resolver | None = None,
    ) -> None:
        """`allowed_networks`: CIDRs (`10.1.0.0/16`, `127.0.0.1/32`, `fd00::/8`) whose addresses
        may be reached although they are not public. `allowed_hosts`: exact host names whose
        addresses are not checked at all (an internal API's name). `ssl_context`: how TLS
        certificates are verified (default: the system/certifi trust store). `resolver`:
        replaces the system resolver (tests)."""
        self._allowed_networks: tuple[IPNetwork, ...] = tuple(
            ipaddress.ip_network(n.strip(), strict=False) for n in allowed_networks
        )
        self._allowed_hosts = frozenset(normal_host(h.strip()) for h in allowed_hosts if h.strip())
        if max_response_bytes < 0 or max_redirects < 0 or max_timeout_seconds <= 0:
            raise ValueError("limits must be positive")
        self.max_response_bytes = max_response_bytes
        self.max_timeout_seconds = max_timeout_seconds
        self._connect_timeout = connect_timeout_seconds
        self._read_timeout = read_timeout_seconds
        self._max_redirects = max_redirects
        self._max_body = max_request_body_bytes
        self._max_url = max_url_length
        self._max_headers = max_request_headers
        self._max_header_bytes = max_request_header_bytes
        self._max_response_headers = max_response_headers
        self._max_response_header_bytes = max_response_header_bytes
        self._resolve = resolver or system_resolver
        self._closed = False
        self._client = httpx.AsyncClient(
            transport=_PinnedTransport(ssl_context or httpx.create_ssl_context(), max_connections, keepalive_seconds),
            headers={"user-agent": user_agent, "accept": "*/*", "accept-encoding": "gzip, deflate"},
            # Set-Cookie of one request must never reach another (other apps, other teams).
            cookies=http.cookiejar.CookieJar(policy=http.cookiejar.DefaultCookiePolicy(allowed_domains=[])),
            follow_redirects=False,
            trust_env=False,  # no proxies or .netrc from the environment: they would bypass the checks
        )

    async def close(self) -> None:
        self._closed = True
        await self._client.aclose()

    async def __aenter__(self) -> OutboundHttp:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    # -- checks ---------------------------------------------------------------------------

    def refusal(self, address: IPAddress) -> str | None:
        """Why `address` may not be reached, or None when it may."""
        return network_refusal(address, self._allowed_networks)

    def _parse_url(self, text: str) -> httpx.URL:
        if len(text) > self._max_url:
            raise HttpError(f"URL longer than {self._max_url} characters")
        try:
            url = httpx.URL(text.strip())
        except (httpx.InvalidURL, ValueError, TypeError):
            raise HttpError("invalid URL") from None
        if url.scheme not in ("http", "https"):
            scheme = url.scheme[:20] or "(none)"
            raise HttpError(f"only http:// and https:// URLs are allowed, not {scheme}")
        if not url.raw_host:
            raise HttpError("the URL has no host")
        if url.userinfo:
            raise HttpError("credentials in the URL are not allowed; send an Authorization header instead")
        host = normal_host(url.raw_host.decode("ascii"))
        if parse_ip(host) is None and (len(host) > 253 or not _HOSTNAME.fullmatch(host)):
            raise HttpError("invalid host name in the URL")
        if url.port is not None and not 0 < url.port < 65536:
            raise HttpError("invalid port in the URL")
        return url

    async def _check_target(self, url: httpx.URL) -> _Pin:
        """The checked addresses of `url`'s host; raises _Refused (why) or HttpError."""
        host = normal_host(url.raw_host.decode("ascii"))
        port = url.port or (443 if url.scheme == "https" else 80)
        literal = parse_ip(host)
        try:
            addresses = await addresses_of(host, port, self._resolve)
        except (OSError, UnicodeError):
            raise HttpError(f"could not resolve {host}") from None
        except ValueError:
            raise HttpError(f"could not resolve {host}: bad address from the resolver") from None
        if not addresses:
            raise HttpError(f"could not resolve {host}")
        if host not in self._allowed_hosts:
            for address in addresses:
                reason = self.refusal(address)
                if reason is not None:
                    if literal is not None:
                        raise _Refused(f"{address} is {reason}")
                    raise _Refused(f"{host} resolves to {address}, {reason}")
        return _Pin(host, tuple(dict.fromkeys(str(unmapped(a)) for a in addresses)))

    def _request_headers(self, headers: Mapping[str, str]) -> list[tuple[str, bytes]]:
        if len(headers) > self._max_headers:
            raise HttpError(f"more than {self._max_headers} request headers")
        result: list[tuple[str, bytes]] = []
        size = 0
        for name, value in headers.items():
            if not _TOKEN.fullmatch(name):
                raise HttpError(f"invalid header name {name[:64]!r}")
            if name.lower() in _FORBIDDEN_HEADERS:
                raise HttpError(f"header {name!r} is set by the HTTP client and may not be given")
            if _BAD_VALUE.search(value):
                raise HttpError(f"header {name!r} has an invalid value (line breaks are not allowed)")
            raw = value.strip().encode()
            size += len(name) + len(raw) + 4
            result.append((name, raw))
        if size > self._max_header_bytes:
            raise HttpError(f"request headers larger than {self._max_header_bytes} bytes")
        return result

    # -- the request ------------------------------------------------------------------------

    async def fetch(self, request: HttpRequest) -> HttpResponse:
        if self._closed:
            raise HttpError("the HTTP service is closed")
        method = request.method.upper()
        if method not in METHODS:
            raise HttpError(f"unsupported HTTP method {request.method[:16]!r}")
        if not request.timeout_seconds > 0:
            raise HttpError("the request timeout must be positive")
        total = min(request.timeout_seconds, self.max_timeout_seconds)
        timeouts = _Timeouts(min(self._connect_timeout, total), min(self._read_timeout, total), total)
        limit = max(0, min(request.max_response_bytes, self.max_response_bytes))
        headers = self._request_headers(request.headers)
        body = request.body
        if body is not None and len(body) > self._max_body:
            raise HttpError(f"request body larger than {self._max_body} bytes")
        url = self._parse_url(request.url)
        current = url
        try:
            async with asyncio.timeout(total):
                for hop in range(self._max_redirects + 1):
                    try:
                        pin = await self._check_target(current)
                    except _Refused as exc:
                        where = "redirected to a target that is not allowed" if hop else "target not allowed"
                        raise HttpError(f"{where}: {exc}") from None
                    response = await self._send(method, current, headers, body, pin, timeouts)
                    try:
                        self._check_response_headers(response, current)
                        location = response.headers.get("location")
                        if response.status_code not in REDIRECT_STATUSES or not location:
                            return await self._read(response, method, current, limit, timeouts)
                    finally:
                        await response.aclose()
                    try:
                        following = current.join(location.strip())
                    except (httpx.InvalidURL, ValueError, TypeError):
                        raise HttpError(f"{_display(current)} redirected to an invalid URL") from None
                    try:
                        following = self._parse_url(str(following))
                    except HttpError as exc:
                        raise HttpError(f"{_display(current)} redirected to a URL that is not allowed: {exc}") from None
                    method, body, headers = _redirected(response.status_code, method, body, headers)
                    if not _same_origin(current, following):
                        headers = [(k, v) for k, v in headers if k.lower() in _KEPT_ACROSS_ORIGINS]
                    current = following
                raise HttpError(f"too many redirects (more than {self._max_redirects}) starting at {_display(url)}")
        except TimeoutError:
            raise HttpError(f"request to {_display(current)} timed out after {total:g}s") from None

    async def _send(
        self,
        method: str,
        url: httpx.URL,
        headers: list[tuple[str, bytes]],
        body: bytes | None,
        pin: _Pin,
        timeouts: _Timeouts,
    ) -> httpx.Response:
        request = self._client.build_request(
            method, url, headers=[(k.encode(), v) for k, v in headers], content=body, timeout=timeouts.httpx()
        )
        token = _PIN.set(pin)
        try:
            with _mapped_errors(url, timeouts, "sending the request"):
                return await self._client.send(request, stream=True)
        finally:
            _PIN.reset(token)

    def _check_response_headers(self, response: httpx.Response, url: httpx.URL) -> None:
        raw = response.headers.raw
        if (
            len(raw) > self._max_response_headers
            or sum(len(k) + len(v) + 4 for k, v in raw) > self._max_response_header_bytes
        ):
            raise HttpError(f"{_display(url)} sent too many or too large response headers")

    async def _read(
        self, response: httpx.Response, method: str, url: httpx.URL, limit: int, timeouts: _Timeouts
    ) -> HttpResponse:
        headers: dict[str, str] = {}
        for key, value in response.headers.raw:
            name = key.decode("latin-1").lower()
            text = value.decode("latin-1")
            headers[name] = f"{headers[name]}, {text}" if name in headers else text
        if method == "HEAD" or response.status_code in (204, 304):
            return HttpResponse(response.status_code, headers, b"")
        encoding = headers.get("content-encoding", "").strip().lower()
        inflater = _Inflater(encoding) if encoding in ("gzip", "x-gzip", "deflate") else None
        chunks: list[bytes] = []
        size = 0
        truncated = False
        parts = response.aiter_raw()
        try:
            with _mapped_errors(url, timeouts, "reading the response"):
                async for part in parts:
                    if inflater is not None:
                        try:
                            data = inflater.feed(part, limit - size + 1)
                        except zlib.error:
                            raise HttpError(f"{_display(url)} sent a body that is not valid {encoding}") from None
                    else:
                        data = part
                    if size + len(data) > limit:
                        chunks.append(data[: limit - size])
                        size = limit
                        truncated = True
                        break
                    chunks.append(data)
                    size += len(data)
        finally:
            close = getattr(parts, "aclose", None)
            if close is not None:
                await close()
        return HttpResponse(response.status_code, headers, b"".join(chunks), truncated)


def _display(url: httpx.URL) -> str:
    """The URL's host (and port, when given): what error messages may show."""
    host = url.raw_host.decode("ascii")
    if ":" in host:
        host = f"[{host}]"
    return f"{host}:{url.port}" if url.port is not None else host


def _same_origin(a: httpx.URL, b: httpx.URL) -> bool:
    if a.raw_host.lower() != b.raw_host.lower():
        return False
    if a.scheme == b.scheme:
        return a.port == b.port
    # http → https on the default ports is an upgrade of the same origin.
    return a.scheme == "http" and b.scheme == "https" and a.port in (None, 80) and b.port in (None, 443)


def _redirected(
    status: int, method: str, body: bytes | None, headers: list[tuple[str, bytes]]
) -> tuple[str, bytes | None, list[tuple[str, bytes]]]:
    """Method, body and headers for the next hop (as browsers do: 303 → GET, 301/302 POST → GET)."""
    if (status == 303 and method != "HEAD") or (status in (301, 302) and method == "POST"):
        return "GET", None, [(k, v) for k, v in headers if k.lower() not in ("content-type", "content-encoding")]
    return method, body, headers


@contextlib.contextmanager
def _mapped_errors(url: httpx.URL, timeouts: _Timeouts, doing: str) -> Iterator[None]:
    """httpcore/httpx/socket errors as HttpError, with messages that never carry request data."""
    where = _display(url)
    try:
        yield
    except httpcore.ConnectTimeout:
        raise HttpError(f"connecting to {where} timed out after {timeouts.connect:g}s") from None
    except httpcore.ReadTimeout:
        raise HttpError(f"{where} sent nothing for {timeouts.read:g}s (read timeout)") from None
    except httpcore.WriteTimeout:
        raise HttpError(f"sending the request to {where} timed out after {timeouts.read:g}s") from None
    except httpcore.PoolTimeout:
        raise HttpError(f"no free connection to {where} within {timeouts.connect:g}s") from None
    except httpcore.ConnectError as exc:
        raise HttpError(f"could not connect to {where}: {_reason(exc)}") from None
    except httpcore.RemoteProtocolError:
        raise HttpError(f"{where} broke the HTTP protocol while {doing}") from None
    except httpcore.LocalProtocolError:
        raise HttpError(f"the request to {where} could not be sent (invalid request)") from None
    except (httpcore.NetworkError, httpcore.ProtocolError, httpcore.UnsupportedProtocol, httpx.HTTPError):
        raise HttpError(f"the connection to {where} failed while {doing}") from None
    except (OSError, ssl.SSLError):
        raise HttpError(f"the connection to {where} failed while {doing}") from None


def _reason(exc: BaseException) -> str:
    """A short reason for a connect failure (from the OS or TLS, never from the request)."""
    cause: BaseException | None = exc
    for _ in range(10):
        if cause is None:
            break
        if isinstance(cause, ssl.SSLCertVerificationError):
            return f"TLS certificate not accepted ({cause.verify_message or 'verification failed'})"
        if isinstance(cause, ssl.SSLError):
            return f"TLS failed ({cause.reason or 'handshake error'})"
        if isinstance(cause, OSError) and cause.errno:
            return os.strerror(cause.errno).lower()
        cause = cause.__cause__ or cause.__context__
    return "connection failed"
