"""The HTTP server the local stack's API and site listen with, and the request handling they share.

API Gateway and CloudFront stand in front of the real functions and bucket; these two
local servers stand in for them, so they read a request line and write a header the
way those front doors do, not the way `http.server` does by default:

- a request line whose target holds raw bytes outside ASCII (curl sends a Vietnamese
  query as it was typed, `?q=Công`) is read as those bytes percent-encoded as UTF-8,
  never split on a byte that Latin-1 calls a space, nor garbled;
- a request line that is not exactly `METHOD target HTTP/x.y`, or that holds a control
  character, gets a plain 400 (the request line is never echoed back);
- a header whose name is not an HTTP token, or whose value holds CR, LF or another
  control character, is never written: `safe_header` tells callers so, and
  `send_header` refuses it as a last defence; values outside Latin-1 go out as UTF-8
  instead of failing halfway through an answer.
"""

from __future__ import annotations

import re
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

_TOKEN = re.compile(r"[!#$%&'*+\-.^_`|~0-9A-Za-z]+")
_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")
_CONTROL_BYTES = re.compile(rb"[\x00-\x1f\x7f]")
_NOT_ASCII = re.compile(rb"[\x80-\xff]")
_ABSOLUTE_FORM = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*://[^/?#]*")


def safe_header(name: str, value: str) -> bool:
    """Whether a header can be written as it is: a token for a name, no control character
    (other than a tab) in the value, so it can neither end the header line nor start another."""
    return bool(_TOKEN.fullmatch(name)) and not _CONTROL.search(value)


class UnsafeHeader(ValueError):
    """A header that would end its line early (CR/LF) or is otherwise not writable."""


class LocalHTTPServer(ThreadingHTTPServer):
    """A thread per connection, and room for a burst of clients waiting to connect.

    The standard library's listen backlog of 5 resets connections when twenty editors
    and their page checks arrive at once; API Gateway and CloudFront refuse nobody.
    """

    request_queue_size = 128

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client that hung up is not an error of the server's."""
        if isinstance(sys.exc_info()[1], ConnectionError | TimeoutError):
            return
        super().handle_error(request, client_address)


class LocalRequestHandler(BaseHTTPRequestHandler):
    """A request handler that reads request lines and writes headers as AWS's front doors do."""

    protocol_version = "HTTP/1.1"
    raw_requestline: bytes

    def parse_request(self) -> bool:
        line = self.raw_requestline.rstrip(b"\r\n")
        words = line.split(b" ")
        if (
            len(words) != 3
            or _CONTROL_BYTES.search(line)
            or not words[0]
            or not (words[1].startswith(b"/") or _ABSOLUTE_FORM.match(words[1].decode("latin-1")))
        ):
            self.command, self.request_version = "", "HTTP/1.1"
            self.requestline = line.decode("latin-1")
            self.close_connection = True
            self.send_error(400)
            return False
        target = _NOT_ASCII.sub(lambda byte: b"%%%02X" % byte.group()[0], words[1])
        self.raw_requestline = b" ".join((words[0], target, words[2])) + b"\r\n"
        return super().parse_request()

    @property
    def target(self) -> str:
        """The request target as the client sent it (origin form: path and query), ASCII only.

        `self.path` has had its leading slashes collapsed by `http.server`; a front door
        hands the function the path as sent, so this is what they are given.
        """
        sent = self.requestline.split(" ")[1]
        absolute = _ABSOLUTE_FORM.match(sent)
        if absolute:
            sent = sent[absolute.end() :]
            sent = sent if sent.startswith("/") else "/" + sent
        return sent

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """The status's own reason phrase: what the client sent is never echoed in a header."""
        super().send_error(code, None, None)

    def send_header(self, keyword: str, value: str) -> None:
        if not safe_header(keyword, str(value)):
            raise UnsafeHeader(f"refusing to write the header {keyword!r}: {value!r}")
        super().send_header(keyword, str(value).encode("utf-8").decode("latin-1"))
