"""The local stack: the local cloud, one process per function, the API and the site.

Start-up, in order:
1. the local cloud (`newsroom_local.cloud`: moto in server mode) in its own process;
2. the template's resources created in it (`newsroom_local.resources`);
3. the last snapshot of the data directory restored into them, and the desk's demo
   sign-ins made (`newsroom_local.demo_sign_ins`);
4. one process per function (`newsroom_local.runtime`) with the environment the
   template gives it, each running its queues' event source mappings;
5. the API gateway and the site server, in this process, and a site without a home page
   sent its own files to render;
6. `stack.json` in the data directory: where everything listens (`newsroom token`
   reads it).

Stopping reverses it: no new requests, the functions finish their batch, the cloud
saves its state and exits. Every child runs in a session of its own (a terminal's
Ctrl-C reaches this process only, which then stops them in order) and exits by
itself when this process dies (its standard input closes).
"""

from __future__ import annotations

import contextlib
import logging
import os
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field, replace
from http.server import ThreadingHTTPServer
from pathlib import Path
from typing import IO, Any

from botocore.exceptions import ClientError

from newsroom_local.auth import JwtAuthorizer, default_authorizer, jwks_url
from newsroom_local.clients import LOCAL_CREDENTIALS, REGION, local_client, local_session
from newsroom_local.demo_sign_ins import ensure_demo_sign_ins
from newsroom_local.desk import DeskSite, desk_config
from newsroom_local.functions import FunctionSpec, function_specs, spec_to_json
from newsroom_local.gateway import ApiGateway, Integration, cors_rules, serve_api
from newsroom_local.resources import create_resources
from newsroom_local.scheduler import run_scheduler
from newsroom_local.site import (
    SiteServer,
    cors_origins,
    error_responses,
    response_headers,
    serve_site,
)
from newsroom_local.state import write_atomically
from newsroom_local.template import PROJECT_ROOT, Environment, load_template
from newsroom_local.tokens import STACK_FILE, StackInfo

log = logging.getLogger("newsroom.local")

HOST = "127.0.0.1"
DEFAULT_DATA_DIR = PROJECT_ROOT / ".newsroom"
CLOUD_START_SECONDS = 30
FUNCTION_START_SECONDS = 60
STOP_SECONDS = 30


def desk_dist() -> Path:
    """Where the desk's build is: `DESK_DIST`, else desk/dist (`make desk` writes it)."""
    return Path(os.environ.get("DESK_DIST") or PROJECT_ROOT / "desk" / "dist")


class StackError(Exception):
    """The stack cannot start: a port is taken, a process did not come up."""


@dataclass
class StackOptions:
    """Where the stack listens and keeps its state."""

    api_port: int = 3000
    site_port: int = 8080
    cloud_port: int = 5055
    data_dir: Path = DEFAULT_DATA_DIR
    demo: bool = True
    # For measurements only: cap the template's MaximumBatchingWindowInSeconds.
    batching_window_cap: int | None = None
    # Processes per function: each polls the function's queues, as concurrent Lambdas do.
    workers: int = 1
    # The desk's build, served at /desk/ by the API server (DESK_DIST, else desk/dist).
    desk_dist: Path = field(default_factory=lambda: desk_dist())


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        port: int = probe.getsockname()[1]
        return port


def _wait_for_port(port: int, process: subprocess.Popen[Any], what: str, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise StackError(f"{what} exited during start-up (code {process.returncode})")
        try:
            with socket.create_connection((HOST, port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.02)
    raise StackError(f"{what} did not start within {seconds:.0f} s")


def _check_free(port: int, what: str) -> None:
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((HOST, port))
        except OSError as error:
            raise StackError(
                f"cannot listen on {HOST}:{port} for {what}: {error.strerror}"
            ) from None


def _bind(make: Any, port: int, what: str) -> ThreadingHTTPServer:
    try:
        server: ThreadingHTTPServer = make(port)
    except OSError as error:
        raise StackError(f"cannot listen on {HOST}:{port} for {what}: {error.strerror}") from None
    return server


def function_environment(spec: FunctionSpec, cloud_endpoint: str) -> dict[str, str]:
    """Exactly the template's variables, plus what Lambda sets and the local endpoint."""
    return {
        **spec.environment,
        **LOCAL_CREDENTIALS,
        "AWS_ENDPOINT_URL": cloud_endpoint,
        "AWS_REGION": REGION,
        "AWS_DEFAULT_REGION": REGION,
        "AWS_LAMBDA_FUNCTION_NAME": spec.logical_id,
        "AWS_LAMBDA_FUNCTION_MEMORY_SIZE": str(spec.memory_mb),
        "AWS_LAMBDA_FUNCTION_VERSION": "$LATEST",
        "AWS_LAMBDA_LOG_GROUP_NAME": f"/aws/lambda/{spec.logical_id}",
        "_HANDLER": f"{spec.module}.{spec.attribute}",
        "LAMBDA_TASK_ROOT": str(spec.code_dir),
        "LANG": "en_US.UTF-8",
        "TZ": ":UTC",
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "PYTHONUNBUFFERED": "1",
        # Fault injection for reliability tests (newsroom_local/faults.py), when asked for.
        **{k: v for k, v in os.environ.items() if k == "NEWSROOM_FAULTS"},
    }


@dataclass
class LocalStack:
    """The whole newsroom on this machine; `start()`, then `stop()`."""

    options: StackOptions
    template: dict[str, Any] = field(default_factory=load_template)
    env: Environment | None = None
    info: StackInfo | None = None
    _cloud: subprocess.Popen[str] | None = None
    _functions: dict[str, subprocess.Popen[bytes]] = field(default_factory=dict)
    _servers: list[ThreadingHTTPServer] = field(default_factory=list)
    _scheduler_stop: threading.Event = field(default_factory=threading.Event)
    _gateway: ApiGateway | None = None

    @property
    def api_url(self) -> str:
        return f"http://{HOST}:{self.options.api_port}"

    @property
    def site_url(self) -> str:
        return f"http://{HOST}:{self.options.site_port}"

    @property
    def cloud_endpoint(self) -> str:
        return f"http://{HOST}:{self.options.cloud_port}"

    @property
    def stack_file(self) -> Path:
        return self.options.data_dir / STACK_FILE

    def client(self, service: str) -> Any:
        return local_client(service, self.cloud_endpoint)

    # ------------------------------------------------------------------ start

    def start(self) -> StackInfo:
        """Start everything; returns when the API and the site answer."""
        data_dir = self.options.data_dir
        data_dir.mkdir(parents=True, exist_ok=True)
        self._refuse_second_stack()
        # Take the ports first: a clash is reported before anything slow happens.
        _check_free(self.options.api_port, "the API")
        _check_free(self.options.site_port, "the site")
        _check_free(self.options.cloud_port, "the local cloud")
        try:
            self._start_cloud()
            self.env = create_resources(
                self.template,
                session=local_session(),
                endpoint_url=self.cloud_endpoint,
                site_url=self.site_url,
            )
            self._cloud_command("restore", "restored")
            ensure_demo_sign_ins(self.client("cognito-idp"), str(self.env.ref("UserPool")))
            specs = self._capped(
                function_specs(self.template, self.env, overrides={"SITE_BASE_URL": self.site_url})
            )
            ports = self._start_functions(specs)
            self._start_servers(specs, ports)
            self._render_an_empty_site()
        except BaseException:
            self.stop()
            raise
        self.info = StackInfo(
            pid=os.getpid(),
            api_url=self.api_url,
            site_url=self.site_url,
            cloud_endpoint=self.cloud_endpoint,
            region=REGION,
            user_pool_id=str(self.env.ref("UserPool")),
            user_pool_client_id=str(self.env.ref("UserPoolClient")),
        )
        write_atomically(self.stack_file, self.info.to_json().encode())
        return self.info

    def _refuse_second_stack(self) -> None:
        from newsroom_local.tokens import StackNotRunning

        try:
            running = StackInfo.read(self.options.data_dir)
        except (StackNotRunning, ValueError, TypeError):
            return
        if running.pid != os.getpid():
            raise StackError(
                f"a local stack (pid {running.pid}) is already running on "
                f"{self.options.data_dir}: {running.api_url}"
            )

    def _start_cloud(self) -> None:
        self._cloud = subprocess.Popen(  # noqa: S603 - our own module
            [
                sys.executable,
                "-m",
                "newsroom_local.cloud",
                "--port",
                str(self.options.cloud_port),
                "--state-dir",
                str(self.options.data_dir / "state"),
            ],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            start_new_session=True,
            # Pool and client ids derived from their names, so a restart keeps them (and
            # the tokens issued before it stay valid until they expire).
            env={
                **os.environ,
                "MOTO_COGNITO_IDP_USER_POOL_ID_STRATEGY": "HASH",
                "MOTO_COGNITO_IDP_USER_POOL_CLIENT_ID_STRATEGY": "HASH",
            },
        )
        self._expect_line(self._cloud.stdout, "ready", CLOUD_START_SECONDS, "the local cloud")

    def _expect_line(
        self, stream: IO[str] | None, expected: str, seconds: float, what: str
    ) -> None:
        assert stream is not None and self._cloud is not None
        answer: list[str] = []
        reader = threading.Thread(target=lambda: answer.append(stream.readline()), daemon=True)
        reader.start()
        reader.join(seconds)
        if not answer or answer[0].strip() != expected:
            code = self._cloud.poll()
            raise StackError(
                f"{what} did not answer {expected!r}"
                + (
                    f" (it exited with code {code}; is port {self.options.cloud_port} free?)"
                    if code is not None
                    else ""
                )
            )

    def _cloud_command(self, command: str, expected: str) -> None:
        assert self._cloud is not None and self._cloud.stdin is not None
        self._cloud.stdin.write(command + "\n")
        self._cloud.stdin.flush()
        self._expect_line(self._cloud.stdout, expected, CLOUD_START_SECONDS, "the local cloud")

    def save(self) -> None:
        """Save the cloud's state now (it also saves by itself every second when changed)."""
        self._cloud_command("save", "saved")

    def _capped(self, specs: dict[str, FunctionSpec]) -> dict[str, FunctionSpec]:
        cap = self.options.batching_window_cap
        if cap is None:
            return specs
        return {
            name: replace(
                spec,
                queues=[
                    replace(q, batching_window_seconds=min(cap, q.batching_window_seconds))
                    for q in spec.queues
                ],
            )
            for name, spec in specs.items()
        }

    def _start_functions(self, specs: dict[str, FunctionSpec]) -> dict[str, int]:
        ports = {}
        worker_ports = {}
        for name, spec in specs.items():
            for key, worker_spec in self._workers(name, spec):
                worker_ports[key] = free_port()
                self._functions[key] = subprocess.Popen(  # noqa: S603 - our own module
                    [
                        sys.executable,
                        "-m",
                        "newsroom_local.runtime",
                        "--invoke-port",
                        str(worker_ports[key]),
                        spec_to_json(worker_spec),
                    ],
                    stdin=subprocess.PIPE,
                    env=function_environment(spec, self.cloud_endpoint),
                    cwd=spec.code_dir,
                    start_new_session=True,
                )
            ports[name] = worker_ports[name]
        for name, process in self._functions.items():
            _wait_for_port(worker_ports[name], process, name, FUNCTION_START_SECONDS)
        return ports

    def _workers(self, name: str, spec: FunctionSpec) -> list[tuple[str, FunctionSpec]]:
        """The processes that run one function, each with the queues it polls.

        The API is served by the first. Each of `workers` processes polls the standard
        queues. A FIFO queue (one message group: one batch at a time) has a process of its
        own: a process runs one invocation at a time, and on Lambda another execution
        environment takes a batch when the others are busy, so a long render from the
        FIFO queue never holds up batches the other queues have already handed over.
        """
        fifo = [q for q in spec.queues if q.queue_url.endswith(".fifo")]
        standard = [q for q in spec.queues if q not in fifo]
        if not standard:
            return [(name, spec)]
        workers = [
            (name if n == 0 else f"{name}#{n + 1}", replace(spec, queues=standard))
            for n in range(self.options.workers)
        ]
        if fifo:
            workers.append((f"{name}#fifo", replace(spec, routes=[], queues=fifo)))
        return workers

    def _start_servers(self, specs: dict[str, FunctionSpec], ports: dict[str, int]) -> None:
        assert self.env is not None
        integrations = [
            Integration(route, name, ports[name])
            for name, spec in specs.items()
            for route in spec.routes
        ]
        config = default_authorizer(self.template, self.env)
        authorizer = (
            JwtAuthorizer(config, jwks_url(config.issuer, self.cloud_endpoint)) if config else None
        )
        # Browsers may call the API from the desk (served here, at /desk/) and the site.
        cors = cors_rules(self.template, self.env, [self.api_url, self.site_url])
        gateway = self._gateway = ApiGateway(integrations, authorizer, cors=cors)
        site = SiteServer(
            self.client("s3"),
            str(self.env.ref("SiteBucket")),
            error_responses(self.template),
            response_headers(self.template),
            cors_origins(self.template),
        )
        # The desk, at /desk/ of the API's own origin, told where everything is.
        settings = desk_config(
            api_url=self.api_url,
            site_url=self.site_url,
            region=REGION,
            user_pool_id=str(self.env.ref("UserPool")),
            client_id=str(self.env.ref("UserPoolClient")),
            cognito_endpoint=self.cloud_endpoint,
            upload_origin=self.cloud_endpoint,
        )
        desk = DeskSite(self.options.desk_dist, settings)
        self._servers = [
            _bind(lambda p: serve_api(gateway, HOST, p, desk), self.options.api_port, "the API"),
            _bind(lambda p: serve_site(site, HOST, p), self.options.site_port, "the site"),
        ]
        for server in self._servers:
            threading.Thread(target=server.serve_forever, args=(0.1,), daemon=True).start()
        # EventBridge Scheduler's part: moto keeps schedules but never fires them.
        threading.Thread(
            target=run_scheduler,
            args=(self.client("scheduler"), self.client("sqs"), self._scheduler_stop),
            name="scheduler",
            daemon=True,
        ).start()

    def _render_an_empty_site(self) -> None:
        """A site without a home page (a first start without the demo article) is given
        its own files, as a deploy gives them (infra/scripts/site_refresh.py): the home
        page, the assets, the 404 and search pages, robots.txt. It renders while the
        stack is already serving."""
        from newsroom.models.rebuild import RebuildRequested

        assert self.env is not None
        try:
            self.client("s3").head_object(Bucket=str(self.env.ref("SiteBucket")), Key="index.html")
            return
        except ClientError as error:
            if error.response.get("Error", {}).get("Code") not in {"404", "NoSuchKey"}:
                raise
        message = RebuildRequested(part="site", rebuild_id=f"first-start-{int(time.time())}")
        self.client("sqs").send_message(
            QueueUrl=str(self.env.ref("RenderQueue")), MessageBody=message.model_dump_json()
        )
        log.info("the site has no home page yet: its own files are being rendered")

    # ------------------------------------------------------------------ stop

    def stop(self) -> None:
        """Stop in order: the servers, the functions (after their batch), the cloud (saving)."""
        self._scheduler_stop.set()
        for server in self._servers:
            server.shutdown()
            server.server_close()
        self._servers = []
        if self._gateway is not None and not self._gateway.wait_until_idle(STOP_SECONDS):
            log.warning("API requests still running after %d s; stopping anyway", STOP_SECONDS)
        for process in self._functions.values():
            _close_input(process)
        for name, process in self._functions.items():
            _wait_or_kill(process, name)
        self._functions = {}
        if self._cloud is not None:
            _close_input(self._cloud)
            _wait_or_kill(self._cloud, "the local cloud")
            self._cloud = None
        if self.info is not None:
            self.stack_file.unlink(missing_ok=True)
            self.info = None


def _close_input(process: subprocess.Popen[Any]) -> None:
    if process.stdin is not None:
        with contextlib.suppress(OSError):
            process.stdin.close()


def _wait_or_kill(process: subprocess.Popen[Any], what: str) -> None:
    try:
        process.wait(STOP_SECONDS)
    except subprocess.TimeoutExpired:
        log.warning("%s did not stop within %d s; killing it", what, STOP_SECONDS)
        process.kill()
        process.wait()
