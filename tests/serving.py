"""A local server (the API's, the site's) answering over HTTP in a thread of its own, for
the tests that speak to it as a browser would."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from socketserver import TCPServer


@contextmanager
def serving(server: TCPServer) -> Iterator[str]:
    """`server`'s address (`http://127.0.0.1:PORT`) while it answers; then it is shut down
    and its socket closed."""
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
