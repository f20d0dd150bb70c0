"""Fault injection: AWS calls that fail as AWS's sometimes do, chosen from a fixed seed.

Set `NEWSROOM_FAULTS` (or `newsroom dev --faults`) and every function process of the
local stack answers a share of its AWS calls itself, before they are sent:

    NEWSROOM_FAULTS="seed=7,rate=0.05,services=s3+dynamodb+sqs+cloudfront"

- `seed`: the same seed and the same sequence of calls give the same faults;
- `rate`: the share of calls that fail (0 to 1);
- `services`: which clients (`+`-separated, or `,` after the other settings);
- `kinds`: any of `throttle`, `5xx`, `timeout` (default: all three, in turn by chance);
- `operations`: only these operations (e.g. `PutObject+SendMessage`).

A fault is a throttling error (S3 `SlowDown` 503, `ThrottlingException`), a server
error (500), or a read timeout: exactly what the clients' retry policy and the SQS
redelivery are there for. Which call fails is decided by a hash of the seed, the
process's name, the operation and how many times it was called, so a run is repeatable
for a single-threaded caller; with several threads the order of calls may vary.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import threading
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import botocore.session
from botocore.awsrequest import AWSResponse, HTTPHeaders
from botocore.exceptions import ReadTimeoutError

ENV = "NEWSROOM_FAULTS"
KINDS = ("throttle", "5xx", "timeout")
SERVICES = ("s3", "dynamodb", "sqs", "cloudfront")

log = logging.getLogger("newsroom.local")


@dataclass
class FaultPlan:
    """What to break, how often, from which seed."""

    seed: int = 0
    rate: float = 0.0
    services: set[str] = field(default_factory=lambda: set(SERVICES))
    kinds: tuple[str, ...] = KINDS
    operations: set[str] = field(default_factory=set)

    @classmethod
    def parse(cls, text: str) -> FaultPlan:
        """`seed=7,rate=0.05,services=s3,dynamodb` (a bare word continues the last list)."""
        plan = cls()
        last = ""
        lists: dict[str, list[str]] = {}
        for part in (p.strip() for p in text.split(",")):
            if not part:
                continue
            if "=" in part:
                last, _, value = part.partition("=")
                last = last.strip()
            else:
                value = part
            if last == "seed":
                plan.seed = int(value)
            elif last == "rate":
                plan.rate = float(value)
                if not 0 <= plan.rate <= 1:
                    raise ValueError(f"{ENV}: rate must be between 0 and 1, not {value}")
            elif last in {"services", "kinds", "operations"}:
                lists.setdefault(last, []).extend(v for v in value.split("+") if v)
            else:
                raise ValueError(f"{ENV}: unknown setting {last!r} in {text!r}")
        if "services" in lists:
            plan.services = set(lists["services"])
        if "kinds" in lists:
            unknown = set(lists["kinds"]) - set(KINDS)
            if unknown:
                raise ValueError(f"{ENV}: unknown fault kinds {sorted(unknown)}")
            plan.kinds = tuple(lists["kinds"])
        if "operations" in lists:
            plan.operations = set(lists["operations"])
        return plan


class _Raw:
    """What `AWSResponse` reads a body from."""

    def __init__(self, body: bytes) -> None:
        self.body = body

    def stream(self, **_: Any) -> Any:
        yield self.body


def _error_response(service: str, kind: str, url: str) -> AWSResponse:
    if service in {"s3", "cloudfront"}:
        code, status = ("SlowDown", 503) if kind == "throttle" else ("InternalError", 500)
        if service == "cloudfront" and kind == "throttle":
            code, status = "Throttling", 400
        body = (
            f"<ErrorResponse><Error><Code>{code}</Code><Message>injected fault</Message>"
            f"</Error></ErrorResponse>"
            if service == "cloudfront"
            else f"<Error><Code>{code}</Code><Message>injected fault</Message></Error>"
        ).encode()
        headers = {"Content-Type": "application/xml"}
    else:
        code, status = (
            ("ThrottlingException", 400) if kind == "throttle" else ("InternalServerError", 500)
        )
        body = json.dumps({"__type": code, "message": "injected fault"}).encode()
        headers = {"Content-Type": "application/x-amz-json-1.0", "x-amzn-query-error": code}
    http_headers = HTTPHeaders()
    for name, value in headers.items():
        http_headers[name] = value
    return AWSResponse(url, status, http_headers, _Raw(body))


class FaultInjector:
    """Decides, call by call, whether to fail; counts what it did."""

    def __init__(self, plan: FaultPlan, label: str = "") -> None:
        self.plan = plan
        self.label = label
        self.calls: Counter[str] = Counter()
        self.injected: Counter[str] = Counter()
        self._lock = threading.Lock()

    def decide(self, service: str, operation: str) -> str | None:
        """The kind of fault for this call, or None to let it through."""
        if service not in self.plan.services or self.plan.rate <= 0:
            return None
        if self.plan.operations and operation not in self.plan.operations:
            return None
        key = f"{service}.{operation}"
        with self._lock:
            self.calls[key] += 1
            number = self.calls[key]
        digest = hashlib.sha256(f"{self.plan.seed}:{self.label}:{key}:{number}".encode()).digest()
        draw = int.from_bytes(digest[:8], "big") / 2**64
        if draw >= self.plan.rate:
            return None
        kind = self.plan.kinds[digest[8] % len(self.plan.kinds)]
        with self._lock:
            self.injected[f"{key}:{kind}"] += 1
        return kind

    def before_send(self, request: Any, event_name: str, **_: Any) -> AWSResponse | None:
        # event_name: "before-send.<service id>.<Operation>"
        _event, service, operation = event_name.split(".", 2)
        kind = self.decide(service, operation)
        url = str(request.url)
        if kind is None:
            return None
        log.info("fault: %s %s.%s", kind, service, operation)
        if kind == "timeout":
            raise ReadTimeoutError(endpoint_url=url)
        return _error_response(service, kind, url)


_installed: FaultInjector | None = None
_patched = False


def install(plan: FaultPlan, label: str = "") -> FaultInjector:
    """Make every botocore client created from now on in this process go through `plan`."""
    global _installed, _patched
    injector = FaultInjector(plan, label)
    if not _patched:
        _patched = True
        original = botocore.session.Session.create_client

        def create_client(self: Any, *args: Any, **kwargs: Any) -> Any:
            client = original(self, *args, **kwargs)
            if _installed is not None:
                hook: Any = _installed.before_send
                client.meta.events.register_first("before-send", hook)
            return client

        botocore.session.Session.create_client = create_client  # type: ignore[method-assign]
    _installed = injector
    return injector


def uninstall() -> None:
    """Clients created from now on are left alone (those made before keep the hook)."""
    global _installed
    _installed = None


def install_from_environment(label: str = "") -> FaultInjector | None:
    """Install the plan in `NEWSROOM_FAULTS`, if set."""
    text = os.environ.get(ENV, "").strip()
    if not text:
        return None
    injector = install(FaultPlan.parse(text), label)
    log.warning("%s: injecting faults (%s)", label or "this process", text)
    return injector
