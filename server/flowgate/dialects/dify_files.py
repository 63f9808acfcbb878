"""The Dify family's files: the multipart body of `POST /v1/files/upload`, its answer,
its refusals, and what a workflow gets for each `files` entry of a run body.

Decisions (Dify 1.13 where the reference is silent):
- The body holds exactly one `file` part and a `user` field; refusals are Dify's:
  400 `no_file_uploaded` "Please upload your file.", 400 `too_many_files` "Only one file is
  allowed.", 400 `filename_not_exists_error`, 413 `file_too_large`, 415
  `unsupported_file_type` "File type not allowed.", 400 `invalid_param` for a missing `user`.
- A file's type (`image`, `document`, `audio`, `video`) follows its extension, as Dify's
  lists have it; other extensions are refused (Dify's `custom` type is not taken).
- A workflow gets each file as the object `{id, name, type, transfer_method, url, extension,
  mime_type, size, text}` in the run input `files`: `url` for a remote file, `text` the
  UTF-8 content of a text-like file (within `TEXT_LIMIT`), else null.
"""

from __future__ import annotations

import email.parser
import email.policy
from email.message import EmailMessage
from pathlib import PurePosixPath, PureWindowsPath

from flowgate.dialects.dify import InvalidParam, dumps, unix
from flowgate.domain.errors import ErrorKind, FlowgateError, InvalidArgument
from flowgate.domain.models import FilePart, JSONValue, UploadedFile

IMAGE = frozenset({"jpg", "jpeg", "png", "gif", "webp", "svg"})
DOCUMENT = frozenset(
    {"txt", "md", "markdown", "mdx", "pdf", "html", "htm", "xlsx", "xls", "vtt", "properties", "doc", "docx"}
    | {"csv", "eml", "msg", "pptx", "ppt", "xml", "epub", "json"}
)
AUDIO = frozenset({"mp3", "m4a", "wav", "webm", "amr", "mpga"})
VIDEO = frozenset({"mp4", "mov", "mpeg", "mpg"})
TEXT_LIKE = frozenset({"txt", "md", "markdown", "mdx", "csv", "json", "html", "htm", "xml", "vtt", "properties"})
TEXT_LIMIT = 1024 * 1024
"""Bytes of a text-like file a workflow gets as `text`."""
MAX_NAME = 255


class NoFileUploaded(InvalidArgument):
    reason = "NO_FILE_UPLOADED"

    def __init__(self) -> None:
        super().__init__("Please upload your file.")


class TooManyFiles(InvalidArgument):
    reason = "TOO_MANY_FILES"

    def __init__(self) -> None:
        super().__init__("Only one file is allowed.")


class FilenameMissing(InvalidArgument):
    reason = "FILENAME_MISSING"

    def __init__(self) -> None:
        super().__init__("The specified filename does not exist.")


class FileTooLarge(FlowgateError):
    kind = ErrorKind.TOO_LARGE
    reason = "FILE_TOO_LARGE"

    def __init__(self, limit: int) -> None:
        super().__init__(f"File size exceeded. The file may have at most {limit} bytes.")


class UnsupportedFileType(InvalidArgument):
    reason = "UNSUPPORTED_FILE_TYPE"

    def __init__(self) -> None:
        super().__init__("File type not allowed.")


def file_type(extension: str) -> str | None:
    for kind, names in (("image", IMAGE), ("document", DOCUMENT), ("audio", AUDIO), ("video", VIDEO)):
        if extension in names:
            return kind
    return None


def clean_name(raw: str) -> str:
    """The file's own name (no directories of either kind), at most MAX_NAME characters."""
    name = PureWindowsPath(PurePosixPath(raw).name).name.strip().replace("\x00", "")
    return name[-MAX_NAME:]


def extension_of(name: str) -> str:
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def parse_upload(content_type: str, data: bytes, max_bytes: int) -> FilePart:
    """The upload body's `file` part and `user` field, checked."""
    if not content_type.lower().startswith("multipart/form-data") or "boundary=" not in content_type.lower():
        raise NoFileUploaded()
    head = f"Content-Type: {content_type}\r\nMIME-Version: 1.0\r\n\r\n".encode()
    message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(head + data)
    files: list[EmailMessage] = []
    user: str | None = None
    for part in message.iter_parts() if message.is_multipart() else ():
        if not isinstance(part, EmailMessage):
            continue
        field = part.get_param("name", header="content-disposition")
        if field == "file":
            files.append(part)
        elif field == "user":
            payload = part.get_payload(decode=True)
            user = payload.decode("utf-8", "replace") if isinstance(payload, bytes) else None
    if not files:
        raise NoFileUploaded()
    if len(files) > 1:
        raise TooManyFiles()
    if not user:
        raise InvalidParam("Arg user must be provided.")
    part = files[0]
    name = clean_name(str(part.get_filename() or ""))
    if not name:
        raise FilenameMissing()
    content = part.get_payload(decode=True)
    content = content if isinstance(content, bytes) else b""
    if len(content) > max_bytes:
        raise FileTooLarge(max_bytes)
    extension = extension_of(name)
    if file_type(extension) is None:
        raise UnsupportedFileType()
    return FilePart(name, extension, part.get_content_type(), content, user)


def file_object(f: UploadedFile) -> str:
    """The upload answer (201)."""
    return dumps(
        {
            "id": f.id,
            "name": f.name,
            "size": f.size,
            "extension": f.extension,
            "mime_type": f.mime_type,
            "created_by": f.end_user,
            "created_at": unix(f.created_at),
        }
    )


def text_of(extension: str, data: bytes) -> str | None:
    if extension not in TEXT_LIKE or len(data) > TEXT_LIMIT:
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


def workflow_file(f: UploadedFile, transfer_method: str, url: str | None = None) -> dict[str, JSONValue]:
    """What a workflow gets for one file of a run body."""
    return {
        "id": f.id,
        "name": f.name,
        "type": file_type(f.extension) or "custom",
        "transfer_method": transfer_method,
        "url": url,
        "extension": f.extension,
        "mime_type": f.mime_type,
        "size": f.size,
        "text": text_of(f.extension, f.data),
    }
