"""A small client of the editorial API for the command line (httpx).

Where the API is and who is calling: `--api`/`--token`, else `NEWSROOM_API`/
`NEWSROOM_TOKEN`, else the local stack running on `.newsroom/` (an editor's token
from its user pool). Every request asks for answers in the command's language
(`Accept-Language`); every problem the API answers becomes an `ApiProblem`, which
prints as one line (a 401 says how to sign in again). POSTs carry an
`Idempotency-Key`, so a request retried after a network failure is done once.
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
from urllib.parse import quote, urlsplit

import httpx

from newsroom_cli.errors import CommandError
from newsroom_cli.local import add_data_dir_option, running_stack
from newsroom_cli.messages import cause, language, say

DEFAULT_API = "http://127.0.0.1:3000"
RETRIES = 3
PROBLEM_TYPES = "https://newsroom.example/problems/"
# How requests are sent (None: over the network); tests put an in-process stack here.
default_transport: httpx.BaseTransport | None = None


@dataclass(frozen=True)
class Connection:
    """Where the API is and the bearer token to send."""

    api_url: str
    token: str

    @property
    def is_local(self) -> bool:
        """Whether the API runs on this machine (the local stack), for sign-in advice."""
        return (urlsplit(self.api_url).hostname or "") in {"127.0.0.1", "localhost", "::1"}


def add_connection_arguments(parser: argparse.ArgumentParser) -> None:
    """`--api`, `--token` and `--data-dir` (the local stack to fall back on)."""
    parser.add_argument("--api", help=say("help.api"))
    parser.add_argument("--token", help=say("help.token"))
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
            raise CommandError(say("api.no_token"))
        return Connection((api or DEFAULT_API).rstrip("/"), token)
    local_api, local_token = local
    try:
        return Connection((api or local_api).rstrip("/"), token or local_token())
    except OSError as error:
        raise CommandError(
            say("api.local_not_answering", api=local_api, error=cause(error))
        ) from None


class ApiProblem(CommandError):
    """The API refused a request: its status and its problem document (RFC 9457)."""

    def __init__(self, status: int, problem: dict[str, Any], line: str) -> None:
        super().__init__(line)
        self.status = status
        self.problem = problem

    @property
    def kind(self) -> str:
        """The problem's type without its prefix: `photos-not-ready`, `validation`, ..."""
        return str(self.problem.get("type", "")).removeprefix(PROBLEM_TYPES)

    @property
    def errors(self) -> list[dict[str, str]]:
        """The fields at fault and why, as the API lists them."""
        found = self.problem.get("errors") or []
        return [e for e in found if isinstance(e, dict)]


def _sign_in_advice(conn: Connection) -> str:
    return say("api.sign_in_local") if conn.is_local else say("api.sign_in_aws")


def problem_of(response: httpx.Response, conn: Connection) -> ApiProblem:
    """What the API refused and why, as one line (from its problem document if it sent one)."""
    try:
        problem = response.json()
    except ValueError:
        problem = None
    if not isinstance(problem, dict):
        problem = {}
    status = response.status_code
    if status == 401:
        return ApiProblem(status, problem, say("api.unauthorized", advice=_sign_in_advice(conn)))
    if "detail" in problem:
        line = f"{problem.get('title', response.reason_phrase)}: {problem['detail']}"
        errors = problem.get("errors") or []
        if len(errors) > 5:
            line += say("api.more_errors", count=len(errors) - 5)
        return ApiProblem(status, problem, f"{status} {line}")
    text = response.text.strip().splitlines()[0] if response.text.strip() else ""
    said = f"{status} {response.reason_phrase}{': ' + text[:200] if text else ''}"
    return ApiProblem(status, problem, said)


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


def _json(response: httpx.Response) -> dict[str, Any]:
    found: dict[str, Any] = response.json()
    return found


class NewsroomApi:
    """The editorial API: articles, their revisions, their photos and their status."""

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
        """Send one request (retrying network failures and 5xx); raise ApiProblem on 4xx/5xx."""
        sent = {
            "Authorization": f"Bearer {self.conn.token}",
            "Accept-Language": language(),
            **(headers or {}),
        }
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
                        say("api.unreachable", api=self.conn.api_url, error=cause(error))
                    ) from None
                time.sleep(0.5 * (attempt + 1))
                continue
            if response.status_code < 500 and response.status_code != 429:
                break
            if attempt < RETRIES - 1:
                time.sleep(0.5 * (attempt + 1))
        assert response is not None
        if response.status_code >= 400:
            raise problem_of(response, self.conn)
        return response

    # -- articles ---------------------------------------------------------------------

    def list_articles(self, **query: str) -> dict[str, Any]:
        return _json(self.request("GET", "/articles", params={k: v for k, v in query.items() if v}))

    def article(self, article_id: str) -> dict[str, Any]:
        """The article as it is now (its `version` is its ETag)."""
        return _json(self.request("GET", f"/articles/{quote(article_id)}"))

    def create(self, fields: dict[str, Any]) -> dict[str, Any]:
        return _json(self.request("POST", "/articles", json=fields))

    def update(self, article_id: str, fields: dict[str, Any], version: int) -> dict[str, Any]:
        """Save the fields over `version`: the API refuses (412) if it is not the current one."""
        return _json(
            self.request(
                "PUT",
                f"/articles/{quote(article_id)}",
                json=fields,
                headers={"If-Match": f'"{version}"'},
            )
        )

    def act(self, article_id: str, action: str, body: Any = None) -> dict[str, Any]:
        """`submit`, `publish` or `unpublish`."""
        return _json(self.request("POST", f"/articles/{quote(article_id)}/{action}", json=body))

    def delete(self, article_id: str) -> None:
        self.request("DELETE", f"/articles/{quote(article_id)}")

    def revisions(self, article_id: str) -> list[dict[str, Any]]:
        """Every saved version's number, who saved it, when, its status and title; oldest first."""
        found: list[dict[str, Any]] = _json(
            self.request("GET", f"/articles/{quote(article_id)}/revisions")
        )["revisions"]
        return found

    def revision(self, article_id: str, number: int) -> dict[str, Any]:
        """One saved version in full."""
        return _json(self.request("GET", f"/articles/{quote(article_id)}/revisions/{number}"))

    # -- photos -----------------------------------------------------------------------

    def photos(self, article_id: str) -> list[dict[str, Any]]:
        found: list[dict[str, Any]] = _json(
            self.request("GET", f"/articles/{quote(article_id)}/photos")
        )["photos"]
        return found

    def add_photo(self, article_id: str, photo: dict[str, Any]) -> dict[str, Any]:
        return _json(self.request("POST", f"/articles/{quote(article_id)}/photos", json=photo))

    def change_photo(self, article_id: str, name: str, words: dict[str, str]) -> None:
        self.request("PATCH", f"/articles/{quote(article_id)}/photos/{quote(name)}", json=words)

    def remove_photo(self, article_id: str, name: str) -> None:
        self.request("DELETE", f"/articles/{quote(article_id)}/photos/{quote(name)}")

    def order_photos(self, article_id: str, order: list[str], version: int) -> dict[str, Any]:
        """Put the photos in `order` over `version`: the API refuses (412) if it is not
        the current one."""
        return _json(
            self.request(
                "PUT",
                f"/articles/{quote(article_id)}/photo-order",
                json={"order": order},
                headers={"If-Match": f'"{version}"'},
            )
        )

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
            raise CommandError(
                say("photo.upload_failed", name=path.name, error=cause(error))
            ) from None
        if response.status_code >= 300:
            reason = response.text.strip().replace("\n", " ")[:200]
            raise CommandError(
                say(
                    "photo.upload_refused",
                    name=path.name,
                    status=response.status_code,
                    reason=reason,
                )
            )

    def download(self, url: str, path: Path) -> None:
        """Fetch a photo's original from its presigned address into `path`."""
        partial = path.with_name(path.name + ".partial")
        try:
            with self.http.stream("GET", url) as response:
                if response.status_code >= 300:
                    raise CommandError(
                        say("pull.download_refused", name=path.name, status=response.status_code)
                    )
                path.parent.mkdir(parents=True, exist_ok=True)
                with partial.open("wb") as out:
                    for chunk in response.iter_bytes():
                        out.write(chunk)
            partial.replace(path)
        except httpx.TransportError as error:
            partial.unlink(missing_ok=True)
            raise CommandError(
                say("pull.download_failed", name=path.name, error=cause(error))
            ) from None
