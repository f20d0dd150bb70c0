"""One HTTP exchange over a raw socket: bytes sent exactly as given, the answer read as sent.

HTTP clients refuse to send a request line with raw UTF-8, a bare CR or a space in
its target, and they fold or reject a malformed answer; the local servers must cope
with what curl or an attacker sends, so their tests talk to them with this.
"""

from __future__ import annotations

import socket
from dataclasses import dataclass, field


@dataclass
class RawAnswer:
    """What came back: nothing at all (`status` None) means the connection was dropped."""

    status: int | None = None
    status_line: bytes = b""
    header_lines: list[bytes] = field(default_factory=list)
    body: bytes = b""

    def headers(self, name: str) -> list[str]:
        """Every value of the header `name` (any case), decoded as Latin-1."""
        found = []
        for line in self.header_lines:
            key, _, value = line.partition(b":")
            if key.strip().lower() == name.lower().encode():
                found.append(value.strip().decode("latin-1"))
        return found

    def header_names(self) -> set[str]:
        return {
            line.partition(b":")[0].strip().lower().decode("latin-1") for line in self.header_lines
        }


def exchange(port: int, request_line: bytes, *, timeout: float = 10) -> RawAnswer:
    """Send `request_line` (without its CRLF), a Host header and `Connection: close`; read
    the answer until the server closes the connection."""
    received = b""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as connection:
        connection.sendall(request_line + b"\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
        try:
            while chunk := connection.recv(65536):
                received += chunk
        except ConnectionResetError:
            pass
    head, _, body = received.partition(b"\r\n\r\n")
    if not head:
        return RawAnswer()
    status_line, *header_lines = head.split(b"\r\n")
    parts = status_line.split(b" ", 2)
    return RawAnswer(int(parts[1]), status_line, header_lines, body)


def assert_clean_head(answer: RawAnswer) -> None:
    """No header line holds a stray CR or LF (a header smuggled into the answer)."""
    for line in [answer.status_line, *answer.header_lines]:
        assert b"\r" not in line and b"\n" not in line, line
        assert not line.lower().startswith(b"set-cookie"), line
