"""The HTTP server the local stack's API and site listen with."""

from __future__ import annotations

from http.server import ThreadingHTTPServer


class LocalHTTPServer(ThreadingHTTPServer):
    """A thread per connection, and room for a burst of clients waiting to connect.

    The standard library's listen backlog of 5 resets connections when twenty editors
    and their page checks arrive at once; API Gateway and CloudFront refuse nobody.
    """

    request_queue_size = 128
