"""OutboundHttp: target checks (no traffic to anything but loopback servers started here),
and requests against a local test server with loopback allowed."""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import json
import shutil
import socket
from collections.abc import AsyncIterator, Iterator, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpcore
import pytest
import pytest_asyncio

from flowgate.engine.http import OutboundHttp, _PinnedBackend
from flowgate.engine.network import blocked_reason, parse_ip
from flowgate.engine.services import HttpError, HttpRequest, HttpResponse
from tests.fakes.http_server import FakeHttpServer, make_certificates

pytestmark = pytest.mark.asyncio(loop_scope="session")

LOOPBACK = ["127.0.0.1/32"]


class FakeResolver:
    """Answers from a table (names never reach a real resolver); counts the questions."""

    def __init__(self, table: dict[str, list[list[str]]]) -> None:
        self.table = table
        self.calls: list[str] = []

    async def __call__(self, host: str, port: int) -> Sequence[str]:
        self.calls.append(host)
        answers = self.table.get(host)
        if not answers:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return answers[0] if len(answers) == 1 else answers.pop(0)


async def must_not_resolve(host: str, port: int) -> Sequence[str]:
    raise AssertionError(f"{host} should not have been resolved")


@pytest.fixture(scope="module")
def server() -> Iterator[FakeHttpServer]:
    with FakeHttpServer() as s:
        yield s


@pytest.fixture(scope="module")
def other_server() -> Iterator[FakeHttpServer]:
    """A second origin (another port), for cross-origin redirects."""
    with FakeHttpServer() as s:
        yield s


@pytest_asyncio.fixture
async def http() -> AsyncIterator[OutboundHttp]:
    async with OutboundHttp(allowed_networks=LOOPBACK, resolver=must_not_resolve) as fetcher:
        yield fetcher


async def get(fetcher: OutboundHttp, url: str, **fields: Any) -> HttpResponse:
    return await fetcher.fetch(HttpRequest(fields.pop("method", "GET"), url, **fields))


def echoed(response: HttpResponse) -> dict[str, Any]:
    assert response.status == 200
    document: dict[str, Any] = json.loads(response.body)
    return document


# ---- address rules (pure) ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("address", "reason"),
    [
        ("10.0.0.1", "private"),
        ("172.16.5.4", "private"),
        ("192.168.1.1", "private"),
        ("127.0.0.1", "loopback"),
        ("127.8.9.10", "loopback"),
        ("169.254.169.254", "link-local"),
        ("100.64.0.1", "carrier-grade NAT"),
        ("0.0.0.0", "this network"),  # noqa: S104 - an address to refuse, not to bind
        ("224.0.0.251", "multicast"),
        ("239.255.255.250", "multicast"),
        ("240.0.0.1", "reserved"),
        ("255.255.255.255", "reserved"),
        ("192.0.2.10", "documentation"),
        ("198.18.0.1", "benchmarking"),
        ("::1", "loopback"),
        ("::", "unspecified"),
        ("::ffff:127.0.0.1", "loopback"),
        ("::ffff:169.254.169.254", "link-local"),
        ("::ffff:10.0.0.1", "private"),
        ("::127.0.0.1", "reserved"),
        ("fe80::1", "link-local"),
        ("fc00::1", "unique local"),
        ("fd12:3456::1", "unique local"),
        ("fec0::1", "site-local"),
        ("ff02::1", "multicast"),
        ("64:ff9b::a9fe:a9fe", "169.254.169.254"),  # NAT64 of the metadata address
        ("2002:a00:1::1", "10.0.0.1"),  # 6to4 of a private address
        ("2001:db8::1", "documentation"),
    ],
)
async def test_non_public_addresses_are_refused(address: str, reason: str) -> None:
    found = blocked_reason(ipaddress.ip_address(address))
    assert found is not None
    assert reason in found


@pytest.mark.parametrize("address", ["8.8.8.8", "1.1.1.1", "93.184.216.34", "2606:4700:4700::1111", "2a00:1450::1"])
async def test_public_addresses_pass(address: str) -> None:
    assert blocked_reason(ipaddress.ip_address(address)) is None


@pytest.mark.parametrize(
    ("host", "expected"),
    [
        ("127.0.0.1", "127.0.0.1"),
        ("2130706433", "127.0.0.1"),
        ("0x7f.1", "127.0.0.1"),
        ("127.1", "127.0.0.1"),
        ("017700000001", "127.0.0.1"),
        ("[::1]", "::1"),
        ("example.com", None),
        ("deadbeef", None),
        ("1e100.net", None),
    ],
)
async def test_ip_literals_in_every_form_are_recognised(host: str, expected: str | None) -> None:
    found = parse_ip(host)
    assert (str(found) if found is not None else None) == expected


# ---- refused targets: nothing is sent -------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("http://10.0.0.1/", "10.0.0.1 is a private address"),
        ("http://169.254.169.254/latest/meta-data/iam/", "169.254.169.254 is a link-local address"),
        ("http://192.168.1.1:8080/admin", "192.168.1.1 is a private address"),
        ("http://[::1]/", "::1 is a loopback address"),
        ("http://[::ffff:127.0.0.1]/", "::ffff:7f00:1 is a loopback address"),
        ("http://0.0.0.0:80/", "0.0.0.0 is a 'this network' address"),
        ("http://100.64.0.1/", "100.64.0.1 is a shared (carrier-grade NAT) address"),
        ("http://127.0.0.1/", "127.0.0.1 is a loopback address"),
        ("http://2130706433/", "127.0.0.1 is a loopback address"),
        ("https://0x7f.1/", "127.0.0.1 is a loopback address"),
        ("http://localhost:8080/", "localhost resolves to 127.0.0.1, a loopback address"),
        ("http://api.localhost/", "api.localhost resolves to 127.0.0.1, a loopback address"),
        ("http://[fe80::1]/", "fe80::1 is a link-local address"),
        ("http://[fe80::1%25eth0]/", "fe80::1%25eth0 is a link-local address"),
    ],
)
async def test_default_rules_refuse_internal_targets_before_connecting(url: str, reason: str) -> None:
    async with OutboundHttp(resolver=must_not_resolve) as fetcher:
        with pytest.raises(HttpError) as refused:
            await get(fetcher, url)
    assert str(refused.value).startswith(f"target not allowed: {reason}")


async def test_every_resolved_address_is_checked() -> None:
    resolver = FakeResolver(
        {"mixed.test": [["93.184.216.34", "10.0.0.7"]], "metadata.test": [["::ffff:169.254.169.254"]]}
    )
    async with OutboundHttp(resolver=resolver) as fetcher:
        with pytest.raises(HttpError, match=r"mixed\.test resolves to 10\.0\.0\.7, a private address"):
            await get(fetcher, "https://mixed.test/")
        with pytest.raises(HttpError, match=r"metadata\.test resolves to ::ffff:a9fe:a9fe, a link-local"):
            await get(fetcher, "http://metadata.test/")
        with pytest.raises(HttpError, match=r"could not resolve nowhere\.test"):
            await get(fetcher, "http://nowhere.test/")
    assert resolver.calls == ["mixed.test", "metadata.test", "nowhere.test"]


async def test_loopback_allowlist_admits_127_0_0_1_only(server: FakeHttpServer) -> None:
    async with OutboundHttp(allowed_networks=LOOPBACK, resolver=must_not_resolve) as fetcher:
        assert (await get(fetcher, server.url("/json"))).status == 200
        # The same address, IPv4-mapped: allowed, and connected over IPv4.
        assert (await get(fetcher, f"http://[::ffff:127.0.0.1]:{server.port}/json")).status == 200
        for url, reason in [
            (f"http://127.0.0.2:{server.port}/", "127.0.0.2 is a loopback address"),
            (f"http://[::1]:{server.port}/", "::1 is a loopback address"),
            (f"http://localhost:{server.port}/", "localhost resolves to ::1, a loopback address"),
            ("http://10.0.0.1/", "10.0.0.1 is a private address"),
            ("http://169.254.169.254/", "169.254.169.254 is a link-local address"),
        ]:
            with pytest.raises(HttpError) as refused:
                await get(fetcher, url)
            assert str(refused.value).startswith(f"target not allowed: {reason}")


async def test_allowed_host_name_connects_to_the_checked_address(server: FakeHttpServer) -> None:
    # `api.internal` exists only in this resolver: the request can only succeed if the
    # connection goes to the address the fetcher resolved (no second lookup by httpx).
    resolver = FakeResolver({"api.internal": [["127.0.0.1"]]})
    async with OutboundHttp(allowed_hosts=["API.internal."], resolver=resolver) as fetcher:
        echo = echoed(await get(fetcher, server.url("/echo/allowed-host", host="api.internal")))
    assert echo["headers"]["host"] == f"api.internal:{server.port}"
    assert resolver.calls == ["api.internal"]


async def test_dns_rebinding_cannot_redirect_the_connection(server: FakeHttpServer) -> None:
    # First answer: loopback (allowed here); every later answer: the metadata address.
    resolver = FakeResolver({"rebind.test": [["127.0.0.1"], ["169.254.169.254"]]})
    async with OutboundHttp(allowed_networks=LOOPBACK, resolver=resolver) as fetcher:
        assert (await get(fetcher, server.url("/json", host="rebind.test"))).status == 200
        assert resolver.calls == ["rebind.test"]  # checked once, connected to what was checked
        with pytest.raises(HttpError, match=r"rebind\.test resolves to 169\.254\.169\.254"):
            await get(fetcher, server.url("/json", host="rebind.test"))


async def test_the_network_backend_refuses_unchecked_connections(server: FakeHttpServer) -> None:
    with pytest.raises(httpcore.ConnectError, match="not checked"):
        await _PinnedBackend().connect_tcp("127.0.0.1", server.port)


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("ftp://example.com/file", "only http:// and https:// URLs are allowed, not ftp"),
        ("file:///etc/passwd", "only http:// and https:// URLs are allowed, not file"),
        ("gopher://127.0.0.1:6379/_INFO", "only http:// and https:// URLs are allowed, not gopher"),
        ("http:///path", "the URL has no host"),
        ("http://user:hunter2@example.com/", "credentials in the URL are not allowed"),
        ("http://exa mple.com/", "invalid host name in the URL"),
        ("http://-bad-.test/", "invalid host name in the URL"),
        ("http://example.com:99999/", "invalid port in the URL"),
        ("http://[::1/", "invalid URL"),
    ],
)
async def test_bad_urls_are_refused(http: OutboundHttp, url: str, message: str) -> None:
    with pytest.raises(HttpError) as refused:
        await get(http, url)
    assert str(refused.value).startswith(message)
    assert "hunter2" not in str(refused.value)


# ---- requests against the local server ----------------------------------------------------


@pytest.mark.parametrize("method", ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"])
async def test_methods(http: OutboundHttp, server: FakeHttpServer, method: str) -> None:
    echo = echoed(await get(http, server.url("/echo/methods"), method=method))
    assert echo["method"] == method


async def test_head_has_no_body(http: OutboundHttp, server: FakeHttpServer) -> None:
    response = await get(http, server.url("/json"), method="head")
    assert (response.status, response.body, response.truncated) == (200, b"", False)
    assert response.headers["content-type"] == "application/json"


async def test_headers_query_and_bodies_reach_the_server(http: OutboundHttp, server: FakeHttpServer) -> None:
    echo = echoed(
        await get(
            http,
            server.url("/echo/full?q=caf%C3%A9&tag=a&tag=b"),
            method="POST",
            headers={"X-Trace": "t-1", "Content-Type": "application/json", "Accept-Language": "fr"},
            body=json.dumps({"n": 1, "s": "é"}).encode(),
        )
    )
    assert echo["query"] == {"q": ["café"], "tag": ["a", "b"]}
    assert echo["headers"]["x-trace"] == "t-1"
    assert echo["headers"]["accept-language"] == "fr"
    assert echo["headers"]["user-agent"] == "Flowgate"
    assert echo["json"] == {"n": 1, "s": "é"}

    echo = echoed(
        await get(
            http,
            server.url("/echo/form"),
            method="PUT",
            headers={"Content-Type": "application/x-www-form-urlencoded"},
            body=b"a=1&b=two+words",
        )
    )
    assert echo["form"] == {"a": ["1"], "b": ["two words"]}

    echo = echoed(
        await get(http, server.url("/echo/text"), method="PATCH", headers={"Content-Type": "text/plain"}, body=b"hi")
    )
    assert (echo["body"], echo["headers"]["content-type"]) == ("hi", "text/plain")


async def test_response_headers_are_lowercase_and_joined(http: OutboundHttp, server: FakeHttpServer) -> None:
    response = await get(http, server.url("/text"))
    assert response.headers["content-type"] == "text/plain; charset=utf-8"
    assert response.body.decode() == "plain text ü"


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("Host", "evil.example", "header 'Host' is set by the HTTP client"),
        ("Content-Length", "5", "header 'Content-Length' is set by the HTTP client"),
        ("Transfer-Encoding", "chunked", "header 'Transfer-Encoding' is set by the HTTP client"),
        ("Bad Name", "x", "invalid header name 'Bad Name'"),
        ("Authorization", "Bearer s3cr3t\r\nX-Injected: 1", "header 'Authorization' has an invalid value"),
    ],
)
async def test_bad_request_headers_are_refused(
    http: OutboundHttp, server: FakeHttpServer, name: str, value: str, message: str
) -> None:
    with pytest.raises(HttpError) as refused:
        await get(http, server.url("/echo/bad-headers"), headers={name: value})
    assert str(refused.value).startswith(message)
    assert "s3cr3t" not in str(refused.value)
    assert not [r for r in server.requests if r.path == "/echo/bad-headers"]


async def test_request_size_bounds(server: FakeHttpServer) -> None:
    async with OutboundHttp(
        allowed_networks=LOOPBACK, max_request_headers=3, max_request_header_bytes=100, max_request_body_bytes=10
    ) as fetcher:
        with pytest.raises(HttpError, match="more than 3 request headers"):
            await get(fetcher, server.url("/echo"), headers={f"X-{i}": "v" for i in range(4)})
        with pytest.raises(HttpError, match="request headers larger than 100 bytes"):
            await get(fetcher, server.url("/echo"), headers={"X-Big": "v" * 200})
        with pytest.raises(HttpError, match="request body larger than 10 bytes"):
            await get(fetcher, server.url("/echo"), method="POST", body=b"x" * 11)
        with pytest.raises(HttpError, match="URL longer than 8192"):
            await get(fetcher, server.url("/echo?q=" + "x" * 9000))


async def test_response_headers_are_bounded(server: FakeHttpServer) -> None:
    async with OutboundHttp(allowed_networks=LOOPBACK, max_response_headers=50) as fetcher:
        assert (await get(fetcher, server.url("/headers/10"))).status == 200
        with pytest.raises(HttpError, match="too many or too large response headers"):
            await get(fetcher, server.url("/headers/60"))


@pytest.mark.parametrize(
    ("path", "cap", "size", "truncated"),
    [
        ("/bytes/5000", 1000, 1000, True),
        ("/bytes/1000", 1000, 1000, False),
        ("/bytes/999", 1000, 999, False),
        ("/bytes/3000000?chunked=1", 100_000, 100_000, True),
        ("/gzip/10000000", 2000, 2000, True),  # decoded in bounded steps, never all at once
        ("/gzip/1500", 2000, 1500, False),
    ],
)
async def test_response_body_is_cut_at_the_cap(
    http: OutboundHttp, server: FakeHttpServer, path: str, cap: int, size: int, truncated: bool
) -> None:
    response = await get(http, server.url(path), max_response_bytes=cap)
    assert (len(response.body), response.truncated) == (size, truncated)
    assert set(response.body) <= {ord("x"), ord("a")}


async def test_service_maximum_caps_the_request(server: FakeHttpServer) -> None:
    async with OutboundHttp(allowed_networks=LOOPBACK, max_response_bytes=500) as fetcher:
        response = await get(fetcher, server.url("/bytes/5000"), max_response_bytes=1_000_000)
    assert (len(response.body), response.truncated) == (500, True)


async def test_total_timeout(http: OutboundHttp, server: FakeHttpServer) -> None:
    with pytest.raises(HttpError) as failed:
        await get(http, server.url("/slow?seconds=30&token=SECRET"), timeout_seconds=0.3)
    assert "timed out" in str(failed.value) or "read timeout" in str(failed.value)
    assert f"127.0.0.1:{server.port}" in str(failed.value)
    assert "SECRET" not in str(failed.value)


async def test_read_timeout_mid_body(server: FakeHttpServer) -> None:
    async with OutboundHttp(allowed_networks=LOOPBACK, read_timeout_seconds=0.2) as fetcher:
        with pytest.raises(HttpError) as failed:
            await get(fetcher, server.url("/trickle?seconds=30"), timeout_seconds=20)
    assert str(failed.value) == f"127.0.0.1:{server.port} sent nothing for 0.2s (read timeout)"


async def test_connect_timeout() -> None:
    # A loopback listener whose accept queue is full: further connects hang in SYN.
    listener = socket.socket()
    fillers: list[socket.socket] = []
    try:
        listener.bind(("127.0.0.1", 0))
        listener.listen(0)
        port = listener.getsockname()[1]
        for _ in range(4):
            filler = socket.socket()
            filler.setblocking(False)
            with contextlib.suppress(BlockingIOError):
                filler.connect(("127.0.0.1", port))
            fillers.append(filler)
        async with OutboundHttp(allowed_networks=LOOPBACK, connect_timeout_seconds=0.2) as fetcher:
            with pytest.raises(HttpError) as failed:
                await get(fetcher, f"http://127.0.0.1:{port}/", timeout_seconds=20)
        assert str(failed.value) == f"connecting to 127.0.0.1:{port} timed out after 0.2s"
    finally:
        for filler in fillers:
            filler.close()
        listener.close()


async def test_connection_refused(http: OutboundHttp) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]  # bound, not listening: connections are refused
        with pytest.raises(HttpError) as failed:
            await get(http, f"http://127.0.0.1:{port}/", headers={"Authorization": "Bearer SECRET"})
    assert str(failed.value) == f"could not connect to 127.0.0.1:{port}: connection refused"


# ---- redirects --------------------------------------------------------------------------------


def redirect(server: FakeHttpServer, to: str, status: int = 302) -> str:
    return server.url(f"/redirect?status={status}&to={quote(to, safe='')}")


async def test_redirects_are_followed(http: OutboundHttp, server: FakeHttpServer) -> None:
    response = await get(http, redirect(server, "/json"))
    assert json.loads(response.body) == {"hello": "world", "items": [1, 2, 3]}

    echo = echoed(await get(http, redirect(server, "/echo/after-303", 303), method="POST", body=b"x"))
    assert (echo["method"], echo["body"]) == ("GET", "")

    echo = echoed(
        await get(
            http,
            redirect(server, "/echo/after-307", 307),
            method="POST",
            body=b'{"keep": true}',
            headers={"Content-Type": "application/json"},
        )
    )
    assert (echo["method"], echo["json"]) == ("POST", {"keep": True})


@pytest.mark.parametrize(
    ("target", "reason"),
    [
        ("http://169.254.169.254/latest/meta-data/", "169.254.169.254 is a link-local address"),
        ("http://10.0.0.1/", "10.0.0.1 is a private address"),
        ("http://[::1]/", "::1 is a loopback address"),
        ("http://localhost/", "localhost resolves to ::1, a loopback address"),
    ],
)
async def test_redirect_to_a_disallowed_target_is_refused(
    http: OutboundHttp, server: FakeHttpServer, target: str, reason: str
) -> None:
    with pytest.raises(HttpError) as refused:
        await get(http, redirect(server, target, 307))
    assert str(refused.value).startswith(f"redirected to a target that is not allowed: {reason}")


async def test_redirect_to_another_scheme_is_refused(http: OutboundHttp, server: FakeHttpServer) -> None:
    with pytest.raises(HttpError, match="only http:// and https:// URLs are allowed, not file"):
        await get(http, redirect(server, "file:///etc/passwd"))


async def test_redirect_loop_is_bounded(server: FakeHttpServer) -> None:
    before = len([r for r in server.requests if r.path == "/loop"])
    async with OutboundHttp(allowed_networks=LOOPBACK, max_redirects=3) as fetcher:
        with pytest.raises(HttpError) as failed:
            await get(fetcher, server.url("/loop"))
    assert str(failed.value) == f"too many redirects (more than 3) starting at 127.0.0.1:{server.port}"
    assert len([r for r in server.requests if r.path == "/loop"]) - before == 4


async def test_cross_origin_redirect_drops_credentials(
    http: OutboundHttp, server: FakeHttpServer, other_server: FakeHttpServer
) -> None:
    secrets = {"Authorization": "Bearer SECRET", "X-Api-Key": "SECRET", "Cookie": "s=SECRET", "Accept": "text/plain"}
    same = echoed(await get(http, redirect(server, "/echo/same-origin"), headers=secrets))
    assert same["headers"]["authorization"] == "Bearer SECRET"
    assert same["headers"]["x-api-key"] == "SECRET"

    other = echoed(await get(http, redirect(server, other_server.url("/echo/other-origin")), headers=secrets))
    assert other["path"] == "/echo/other-origin"
    assert "SECRET" not in json.dumps(other["headers"])
    assert other["headers"]["accept"] == "text/plain"


async def test_cookies_do_not_carry_over_between_requests(http: OutboundHttp, server: FakeHttpServer) -> None:
    first = await get(http, server.url("/cookie"))
    assert "session=secret-cookie" in first.headers["set-cookie"]
    echo = echoed(await get(http, server.url("/echo/after-cookie")))
    assert "cookie" not in echo["headers"]


async def test_closed_fetcher_refuses(server: FakeHttpServer) -> None:
    fetcher = OutboundHttp(allowed_networks=LOOPBACK)
    await fetcher.close()
    with pytest.raises(HttpError, match="closed"):
        await get(fetcher, server.url("/json"))


async def test_concurrent_requests_share_the_pool(http: OutboundHttp, server: FakeHttpServer) -> None:
    responses = await asyncio.gather(*(get(http, server.url(f"/echo/concurrent-{i}")) for i in range(8)))
    assert sorted(echoed(r)["path"] for r in responses) == [f"/echo/concurrent-{i}" for i in range(8)]


# ---- TLS: the connection goes to the checked IP, the certificate is checked for the name ------


@pytest.mark.skipif(shutil.which("openssl") is None, reason="needs the openssl command")
async def test_https_verifies_the_certificate_against_the_host_name(tmp_path: Path) -> None:
    certs = make_certificates(tmp_path, ["app.test"])
    resolver = FakeResolver({"app.test": [["127.0.0.1"]], "other.test": [["127.0.0.1"]]})
    with FakeHttpServer(tls=certs.server_context()) as tls_server:
        async with OutboundHttp(
            allowed_networks=LOOPBACK, ssl_context=certs.client_context(), resolver=resolver
        ) as fetcher:
            echo = echoed(await get(fetcher, tls_server.url("/echo/tls", host="app.test")))
            assert echo["headers"]["host"] == f"app.test:{tls_server.port}"
            assert tls_server.sni_names == ["app.test"]

            for host in ("other.test", "127.0.0.1"):  # same server, but the certificate is not theirs
                with pytest.raises(HttpError) as failed:
                    await get(fetcher, tls_server.url("/echo/tls", host=host))
                assert str(failed.value).startswith(f"could not connect to {host}:{tls_server.port}: TLS certificate")
                assert "Hostname mismatch" in str(failed.value) or "IP address mismatch" in str(failed.value)
