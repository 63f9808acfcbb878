"""The Dify family's upload body and files (dialects.dify_files), without a server."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from flowgate.dialects import dify, dify_files
from flowgate.domain.errors import ErrorReport, FlowgateError
from flowgate.domain.models import UploadedFile

BOUNDARY = "b0und4ry"
CT = f"multipart/form-data; boundary={BOUNDARY}"


def body(*parts: tuple[str, str | None, bytes]) -> bytes:
    out = b""
    for name, filename, data in parts:
        disposition = f'form-data; name="{name}"' + (f'; filename="{filename}"' if filename is not None else "")
        out += f"--{BOUNDARY}\r\nContent-Disposition: {disposition}\r\n".encode()
        if filename is not None:
            out += b"Content-Type: text/plain\r\n"
        out += b"\r\n" + data + b"\r\n"
    return out + f"--{BOUNDARY}--\r\n".encode()


def refused(content_type: str, data: bytes, limit: int = 1000) -> tuple[int, str]:
    with pytest.raises(FlowgateError) as caught:
        dify_files.parse_upload(content_type, data, limit)
    report = ErrorReport.of(caught.value)
    return dify.http_status(report), dify.error_code(report)


def test_one_file_and_its_user() -> None:
    part = dify_files.parse_upload(
        CT, body(("file", "../../etc/Report.MD", b"# hi\r\n\x00"), ("user", None, b"u")), 100
    )
    assert (part.name, part.extension, part.mime_type, part.data, part.user) == (
        "Report.MD",
        "md",
        "text/plain",
        b"# hi\r\n\x00",
        "u",
    )


def test_refusals() -> None:
    assert refused(CT, body(("user", None, b"u"))) == (400, "no_file_uploaded")
    assert refused("application/json", b"{}") == (400, "no_file_uploaded")
    two = body(("file", "a.txt", b"a"), ("file", "b.txt", b"b"), ("user", None, b"u"))
    assert refused(CT, two) == (400, "too_many_files")
    assert refused(CT, body(("file", "a.txt", b"a"))) == (400, "invalid_param")
    assert refused(CT, body(("file", "", b"a"), ("user", None, b"u"))) == (400, "filename_not_exists_error")
    assert refused(CT, body(("file", "a.exe", b"a"), ("user", None, b"u"))) == (415, "unsupported_file_type")
    assert refused(CT, body(("file", "a.txt", b"a" * 11), ("user", None, b"u")), limit=10) == (413, "file_too_large")


def test_what_a_workflow_gets() -> None:
    now = datetime(2026, 1, 2, tzinfo=UTC)
    text = UploadedFile("f1", "t", "d", "u", "a.csv", "csv", "text/csv", 3, now, b"a,b")
    binary = UploadedFile("f2", "t", "d", "u", "p.png", "png", "image/png", 2, now, b"\x89P")
    assert dify_files.workflow_file(text, "local_file") == {
        "id": "f1",
        "name": "a.csv",
        "type": "document",
        "transfer_method": "local_file",
        "url": None,
        "extension": "csv",
        "mime_type": "text/csv",
        "size": 3,
        "text": "a,b",
    }
    got = dify_files.workflow_file(binary, "remote_url", "https://example.com/p.png")
    assert (got["type"], got["url"], got["text"]) == ("image", "https://example.com/p.png", None)
    assert dify_files.file_object(text) == (
        '{"id":"f1","name":"a.csv","size":3,"extension":"csv","mime_type":"text/csv","created_by":"u",'
        '"created_at":1767312000}'
    )
