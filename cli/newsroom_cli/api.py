"""A small client of the editorial API for the command line (httpx).

Where the API is and who is calling: `--api`/`--token`, else `NEWSROOM_API`/
`NEWSROOM_TOKEN`, else the local stack running on `.newsroom/` (an editor's token
from its user pool). Every problem the API answers becomes one `CommandError` line.
POSTs carry an `Idempotency-Key`, so a request retried after a network failure is
done once.
"""

from __future__ import annotations

import argparse
import os
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import httpx

from newsroom_cli.errors import CommandError
from newsroom_cli.local import add_data_dir_option, running_stack

DEFAULT_API = "http://127.0.0.1:3000"
RETRIES = 3
# How requests are sent (None: over the network); tests put an in-process stack here.
default_transport: httpx.BaseTransport | None = None


@dataclass(frozen=True)
class Connection:
    """Where the API is and the bearer token to send."""

    api_url: str
    token: str


def add_connection_arguments(parser: argparse.ArgumentParser) -> None:
    """`--api`, `--token` and `--data-dir` (the local stack to fall back on)."""
    parser.add_argument("--api", help="the API's URL (default $NEWSROOM_API, else the local stack)")
    parser.add_argument(
        "--token", help="a bearer token (default $NEWSROOM_TOKEN, else one from the local stack)"
    )
    add_data_dir_option(parser)


def _local_stack(data_dir: Path | None) -> tuple[str, Callable[[], str]] | None:
    info = running_stack(data_dir)
    if info is None:  # no stack running, or the local stack is not installed
        return None
    from newsroom_local.tokens import issue_token

    return info.api_url, lambda: issue_token(info, "editor")


def connection(args: argparse.Namespace) -> Connection:
    """The connection the options, the environment or the local stack give."""
    api = args.api or os.environ.get("NEWSROOM_API")
    token = args.token or os.environ.get("NEWSROOM_TOKEN")
    if api and token:
        return Connection(api.rstrip("/"), token)
    local = _local_stack(getattr(args, "data_dir", None))
    if local is None:
        if not token:
            raise CommandError(
                "no token: pass --token or set NEWSROOM_TOKEN "
                "(or start the local stack with `newsroom dev`)"
            )
        return Connection((api or DEFAULT_API).rstrip("/"), token)
    local_api, local_token = local
    try:
        return Connection((api or local_api).rstrip("/"), token or local_token())
    except OSError as error:
        raise CommandError(f"the local stack at {local_api} is not answering: {error}") from None


def problem_line(response: httpx.Response) -> str:
    """One line saying what went wrong, from a problem document when there is one."""
    try:
        problem = response.json()
    except ValueError:
        problem = None
    if isinstance(problem, dict) and "detail" in problem:
        line = f"{problem.get('title', response.reason_phrase)}: {problem['detail']}"
        errors = problem.get("errors") or []
        if len(errors) > 5:
            line += f" (and {len(errors) - 5} more)"
        return f"{response.status_code} {line}"
    text = response.text.strip().splitlines()[0] if response.text.strip() else ""
    return f"{response.status_code} {response.reason_phrase}{': ' + text[:200] if text else ''}"


class ProgressReader:
    """A file that reports how much of it has been read, for upload progress bars."""

    def __init__(self, handle: IO[bytes], report: Callable[[int], None]) -> None:
        self._handle = handle
        self._report = report

    def read(self, size: int = -1) -> bytes:
        chunk = self._handle.read(size)
        if chunk:
            self._report(len(chunk))
        return chunk

    # With these, httpx knows the size and sends Content-Length, which S3 requires.
    def fileno(self) -> int:
        return self._handle.fileno()

    def seek(self, offset: int, whence: int = 0) -> int:
        return self._handle.seek(offset, whence)

    def tell(self) -> int:
        return self._handle.tell()

    def __iter__(self) -> Iterator[bytes]:
        while chunk := self.read(64 * 1024):
            yield chunk


class NewsroomApi:
    """The editorial API: articles, their photos and their status."""

    def __init__(
        self, conn: Connection, transport: httpx.BaseTransport | None = None, timeout: float = 30
    ) -> None:
        self.conn = conn
        self.http = httpx.Client(
            transport=transport or default_transport, timeout=timeout, follow_redirects=False
        )

    def close(self) -> None:
        self.http.close()

    def __enter__(self) -> NewsroomApi:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def request(
        self,
        method: str,
        path: str,
        *,
        json: Any = None,
        params: dict[str, str] | None = None,
        headers: dict[str, str] | None = None,
    ) -> httpx.Response:
        """Send one request (retrying network failures and 5xx); raise CommandError on 4xx/5xx."""
        sent = {"Authorization": f"Bearer {self.conn.token}", **(headers or {})}
        if method == "POST":
            sent.setdefault("Idempotency-Key", str(uuid.uuid4()))
        url = self.conn.api_url + path
        response = None
        for attempt in range(RETRIES):
            try:
                response = self.http.request(method, url, json=json, params=params, headers=sent)
            except httpx.TransportError as error:
                if attempt == RETRIES - 1:
                    raise CommandError(
                        f"cannot reach the API at {self.conn.api_url}: {error}"
                    ) from None
                time.sleep(0.5 * (attempt + 1))
                continue
            if response.status_code < 500 and response.status_code != 429:
                break
            if attempt < RETRIES - 1:
                time.sleep(0.5 * (attempt + 1))
        assert response is not None
        if response.status_code >= 400:
            raise CommandError(problem_line(response))
        return response

    # -- articles ---------------------------------------------------------------------

    def list_articles(self, **query: str) -> dict[str, Any]:
        found: dict[str, Any] = self.request(
            "GET", "/articles", params={k: v for k, v in query.items() if v}
        ).json()
        return found

    def article(self, article_id: str) -> tuple[dict[str, Any], str]:
        """The article and its ETag."""
        response = self.request("GET", f"/articles/{article_id}")
        return response.json(), response.headers.get("ETag", "")

    def create(self, fields: dict[str, Any]) -> dict[str, Any]:
        created: dict[str, Any] = self.request("POST", "/articles", json=fields).json()
        return created

    def update(self, article_id: str, fields: dict[str, Any], etag: str) -> dict[str, Any]:
        updated: dict[str, Any] = self.request(
            "PUT", f"/articles/{article_id}", json=fields, headers={"If-Match": etag}
        ).json()
        return updated

    def act(self, article_id: str, action: str, body: Any = None) -> dict[str, Any]:
        """`submit`, `publish` or `unpublish`."""
        done: dict[str, Any] = self.request(
            "POST", f"/articles/{article_id}/{action}", json=body
        ).json()
        return done

    def delete(self, article_id: str) -> None:
        self.request("DELETE", f"/articles/{article_id}")

    # -- photos -----------------------------------------------------------------------

    def add_photo(self, article_id: str, photo: dict[str, Any]) -> dict[str, Any]:
        upload: dict[str, Any] = self.request(
            "POST", f"/articles/{article_id}/photos", json=photo
        ).json()
        return upload

    def upload(self, upload: dict[str, Any], path: Path, report: Callable[[int], None]) -> None:
        """Send a photo's bytes where the API said, reporting progress."""
        fields = upload.get("upload_fields") or {}
        try:
            with path.open("rb") as handle:
                reader = ProgressReader(handle, report)
                if upload.get("upload_method", "POST") == "POST":
                    content_type = fields.get("Content-Type", "application/octet-stream")
                    response = self.http.post(
                        upload["upload_url"],
                        data=fields,
                        files={"file": (path.name, reader, content_type)},  # type: ignore[dict-item]
                    )
                else:
                    response = self.http.put(
                        upload["upload_url"],
                        content=iter(reader),
                        headers=upload.get("upload_headers") or {},
                    )
        except httpx.TransportError as error:
            raise CommandError(f"uploading {path.name} failed: {error}") from None
        if response.status_code >= 300:
            reason = response.text.strip().replace("\n", " ")[:200]
            raise CommandError(
                f"uploading {path.name} was refused ({response.status_code}): {reason}"
            )
