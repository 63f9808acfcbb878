"""Files for an app's runs: uploaded ahead of a run (kept per app), or named by URL in a
run and fetched then through the same outbound checks as http blocks."""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from urllib.parse import unquote, urlsplit

from flowgate.domain.errors import InvalidArgument, Unauthenticated
from flowgate.domain.models import FilePart, JSONValue, Principal, UploadedFile
from flowgate.engine.services import HttpError, HttpFetcher, HttpRequest
from flowgate.store.uow import SessionFactory, UnitOfWork

REMOTE_TIMEOUT_SECONDS = 30.0
OK = range(200, 300)


class Uploads:
    def __init__(
        self, factory: SessionFactory, http: HttpFetcher | None, *, max_bytes: int, max_files: int = 10
    ) -> None:
        self._factory = factory
        self._http = http
        self.max_bytes = max_bytes
        self.max_files = max_files

    async def save(self, principal: Principal, part: FilePart) -> UploadedFile:
        """Keep a file for later runs of the caller's app (an app key's)."""
        if not principal.app_document_id:
            raise Unauthenticated("Access token is invalid")
        upload = UploadedFile(
            id=str(uuid.uuid4()),
            team_id=principal.team_id,
            document_id=principal.app_document_id,
            end_user=part.user,
            name=part.name,
            extension=part.extension,
            mime_type=part.mime_type,
            size=len(part.data),
            created_at=datetime.now(UTC),
            data=part.data,
        )
        async with UnitOfWork(self._factory) as uow:
            await uow.uploads.add(upload)
            await uow.commit()
        return upload

    async def resolve(
        self, principal: Principal, entries: Sequence[Mapping[str, JSONValue]], user: str
    ) -> list[tuple[UploadedFile, str, str | None]]:
        """The files a run body names: (file, transfer method, URL of a remote one). An
        uploaded file must be one of the caller's app; a remote one is fetched now."""
        if len(entries) > self.max_files:
            raise InvalidArgument(f"files has more than {self.max_files} entries")
        found: list[tuple[UploadedFile, str, str | None]] = []
        for i, entry in enumerate(entries):
            if entry.get("transfer_method") == "local_file":
                upload_id = str(entry.get("upload_file_id"))
                async with UnitOfWork(self._factory) as uow:
                    upload = await uow.uploads.get(upload_id)
                if upload is None or (upload.document_id, upload.team_id) != (
                    principal.app_document_id,
                    principal.team_id,
                ):
                    raise InvalidArgument(f"files[{i}].upload_file_id is no file uploaded for this app")
                found.append((upload, "local_file", None))
            else:
                url = str(entry.get("url"))
                found.append((await self._fetch(principal, i, url, user), "remote_url", url))
        return found

    async def _fetch(self, principal: Principal, i: int, url: str, user: str) -> UploadedFile:
        if self._http is None:
            raise InvalidArgument(f"files[{i}].url cannot be fetched: outbound HTTP is not configured")
        try:
            response = await self._http.fetch(
                HttpRequest("GET", url, timeout_seconds=REMOTE_TIMEOUT_SECONDS, max_response_bytes=self.max_bytes)
            )
        except HttpError as exc:
            raise InvalidArgument(f"files[{i}].url cannot be fetched: {exc}") from None
        if response.truncated or len(response.body) > self.max_bytes:
            raise InvalidArgument(f"files[{i}].url: the file is larger than {self.max_bytes} bytes")
        if response.status not in OK:
            raise InvalidArgument(f"files[{i}].url answered HTTP {response.status}")
        name = unquote(urlsplit(url).path.rsplit("/", 1)[-1])[-255:] or "file"
        headers = {k.lower(): v for k, v in response.headers.items()}
        mime = headers.get("content-type", "application/octet-stream").split(";", 1)[0].strip()
        return UploadedFile(
            id=str(uuid.uuid5(uuid.NAMESPACE_URL, url)),
            team_id=principal.team_id,
            document_id=principal.app_document_id,
            end_user=user,
            name=name,
            extension=name.rsplit(".", 1)[-1].lower() if "." in name else "",
            mime_type=mime,
            size=len(response.body),
            created_at=datetime.now(UTC),
            data=response.body,
        )
