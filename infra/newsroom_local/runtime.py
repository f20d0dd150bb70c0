"""One function of the template in a process of its own, as one Lambda instance.

Run by the local stack as `python -m newsroom_local.runtime --invoke-port P SPEC_JSON`,
with exactly the environment the template gives the function (plus the endpoint of
the local cloud, fake credentials and what Lambda itself sets). The process:

- imports the handler once (a cold start), with that environment;
- answers invocations on 127.0.0.1:P at Lambda's Invoke path
  (`POST /2015-03-31/functions/<name>/invocations`); the API gateway uses this;
- runs the event source mapping of each of the function's SQS events
  (`newsroom_local.sqs_source`);
- stops when its standard input closes (the stack stopped or died).

Invocations are one at a time, as in one Lambda execution environment.
"""

from __future__ import annotations

import argparse
import json
import logging
import signal
import sys
import threading
import time
import traceback
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Any

from newsroom_local.events import LambdaContext
from newsroom_local.faults import install_from_environment
from newsroom_local.functions import FunctionSpec, Handler, load_handler, spec_from_json
from newsroom_local.sqs_source import QueuePoller

log = logging.getLogger("newsroom.local")


class _Stopped(Exception):
    """SIGTERM: stop as when standard input closes."""


class FunctionInstance:
    """A loaded handler, invoked one event at a time."""

    def __init__(self, spec: FunctionSpec, handler: Handler) -> None:
        self.spec = spec
        self.handler = handler
        self.lock = threading.Lock()

    def invoke(self, event: dict[str, Any]) -> Any:
        """Call the handler with `event` and a fresh context; exceptions propagate."""
        context = LambdaContext(
            self.spec.logical_id,
            memory_limit_in_mb=self.spec.memory_mb,
            timeout_seconds=self.spec.timeout,
        )
        with self.lock:
            return self.handler(event, context)


def _invoke_server(instance: FunctionInstance, port: int) -> HTTPServer:
    class InvokeHandler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", "0"))
            event = json.loads(self.rfile.read(length) or b"{}")
            headers = {"Content-Type": "application/json"}
            try:
                result = instance.invoke(event)
            except Exception as error:
                traceback.print_exc()
                result = {
                    "errorMessage": str(error),
                    "errorType": type(error).__name__,
                    "stackTrace": traceback.format_tb(error.__traceback__),
                }
                headers["X-Amz-Function-Error"] = "Unhandled"
            body = json.dumps(result).encode()
            self.send_response(200)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:
            """The gateway logs requests; nothing here."""

    class InvokeServer(HTTPServer):
        # Invocations run one at a time; the API's concurrent requests wait in the
        # listen queue (the default of 5 refuses the sixth, and the gateway answers 500).
        request_queue_size = 128

    return InvokeServer(("127.0.0.1", port), InvokeHandler)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="newsroom_local.runtime")
    parser.add_argument("--invoke-port", type=int, required=True)
    parser.add_argument("spec", help="the function's resolved spec, as JSON")
    args = parser.parse_args(argv)
    # Only the stack's own lines; the function's loggers are its business, as on Lambda.
    output = logging.StreamHandler(sys.stderr)
    output.setFormatter(logging.Formatter("%(asctime)s %(message)s", datefmt="%H:%M:%S"))
    log.addHandler(output)
    log.setLevel(logging.INFO)
    log.propagate = False
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the stack decides when to stop

    spec = spec_from_json(args.spec)
    started = time.monotonic()
    # Reliability tests: fail a share of this process's AWS calls (NEWSROOM_FAULTS).
    install_from_environment(f"{spec.logical_id}:{args.invoke_port}")
    _, handler = load_handler(spec)
    instance = FunctionInstance(spec, handler)
    server = _invoke_server(instance, args.invoke_port)
    threading.Thread(target=server.serve_forever, name="invoke", daemon=True).start()
    pollers = [QueuePoller(spec.logical_id, source, instance.invoke) for source in spec.queues]
    for poller in pollers:
        poller.start()
    log.debug("%s ready in %.0f ms", spec.logical_id, (time.monotonic() - started) * 1000)

    def stop() -> None:
        for poller in pollers:
            poller.stop()
        for poller in pollers:
            poller.join()
        # An invocation in progress holds the lock: wait for it, then exit (the invoke
        # server's thread ends with the process).
        with instance.lock:
            pass

    def on_term(*_: Any) -> None:
        raise _Stopped

    signal.signal(signal.SIGTERM, on_term)
    try:
        while sys.stdin.read(1):
            pass
    except _Stopped:
        pass
    stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
