"""`newsroom dev` in a subprocess, on free ports: the end-to-end tests and the benchmark use it.

    with StackProcess.start(data_dir) as stack:
        token = stack.token("editor")
        httpx.get(stack.site_url)

`start()` returns once the stack has written its `stack.json` and its API and site
answer; `stop()` stops it as Ctrl-C does; `restart()` stops and starts it again on
the same ports and data directory.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import IO, Any

import httpx

from newsroom_local.clients import local_client
from newsroom_local.demo import DemoArticle, marker
from newsroom_local.stack import free_port
from newsroom_local.tokens import StackInfo, StackNotRunning, issue_token

START_SECONDS = 60
STOP_SECONDS = 60


class StackDidNotStart(RuntimeError):
    """The stack exited or did not answer in time; the message holds its output."""


@dataclass
class StackProcess:
    """A local stack running as `newsroom dev` in a child process."""

    data_dir: Path
    api_port: int = field(default_factory=free_port)
    site_port: int = field(default_factory=free_port)
    cloud_port: int = field(default_factory=free_port)
    demo: bool = True
    language: str = "vi"
    """What `newsroom dev` prints in, whatever the machine's locale (tests read it)."""
    extra_args: tuple[str, ...] = ()
    log_path: Path | None = None
    process: subprocess.Popen[bytes] | None = None
    info: StackInfo | None = None
    ready_seconds: float = 0.0
    _log: IO[bytes] | None = None

    @classmethod
    def start(cls, data_dir: Path, **options: Any) -> StackProcess:
        stack = cls(data_dir=data_dir, **options)
        stack.launch()
        return stack

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.api_port}"

    @property
    def site_url(self) -> str:
        return f"http://127.0.0.1:{self.site_port}"

    @property
    def cloud_endpoint(self) -> str:
        return f"http://127.0.0.1:{self.cloud_port}"

    def launch(self) -> None:
        """Start `newsroom dev` and wait until it is ready."""
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self.log_path = self.log_path or self.data_dir / "stack.log"
        self._log = self.log_path.open("ab")
        command = [
            sys.executable,
            "-m",
            "newsroom_cli.main",
            "dev",
            "--lang",
            self.language,
            "--api-port",
            str(self.api_port),
            "--site-port",
            str(self.site_port),
            "--cloud-port",
            str(self.cloud_port),
            "--data-dir",
            str(self.data_dir),
        ]
        if not self.demo:
            command.append("--no-demo")
        command.extend(self.extra_args)
        environment = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
        started = time.monotonic()
        self.process = subprocess.Popen(  # noqa: S603 - our own command
            command, stdout=self._log, stderr=subprocess.STDOUT, env=environment
        )
        deadline = started + START_SECONDS
        while True:
            if self.process.poll() is not None:
                raise StackDidNotStart(f"newsroom dev exited:\n{self.output()}")
            try:
                info = StackInfo.read(self.data_dir)
                if info.pid == self.process.pid:
                    httpx.get(self.site_url + "/404.html", timeout=2)
                    self.info = info
                    break
            except (StackNotRunning, ValueError, TypeError, httpx.HTTPError):
                pass
            if time.monotonic() > deadline:
                self.stop()
                raise StackDidNotStart(f"not ready in {START_SECONDS} s:\n{self.output()}")
            time.sleep(0.02)
        self.ready_seconds = time.monotonic() - started

    def wait_for_demo(self, timeout: float = 60) -> DemoArticle:
        """The demo article, once the stack has published it (it does so after starting)."""
        deadline = time.monotonic() + timeout
        while (made := marker(self.data_dir)) is None:
            if self.process is not None and self.process.poll() is not None:
                raise StackDidNotStart(f"newsroom dev exited:\n{self.output()}")
            if time.monotonic() > deadline:
                raise StackDidNotStart(f"no demo article in {timeout} s:\n{self.output()}")
            time.sleep(0.1)
        return made

    def cli(
        self, *args: str, environment: dict[str, str] | None = None, timeout: float = 300
    ) -> subprocess.CompletedProcess[str]:
        """Run the `newsroom` command on this stack (`--data-dir` added), as a user would:
        no AWS or newsroom settings in its environment other than `environment`."""
        clean = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "NEWSROOM_"))}
        return subprocess.run(  # noqa: S603 - our own command
            [sys.executable, "-m", "newsroom_cli.main", *args, "--data-dir", str(self.data_dir)],
            capture_output=True,
            text=True,
            env={**clean, **(environment or {})},
            timeout=timeout,
            check=False,
        )

    def output(self) -> str:
        """What the stack has printed so far."""
        if self.log_path is None or not self.log_path.exists():
            return ""
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def token(self, role: str) -> str:
        """A bearer token for `role`, from the stack's user pool."""
        assert self.info is not None, "the stack is not running"
        return issue_token(self.info, role)

    def client(self, service: str) -> Any:
        """A boto3 client of the stack's moto server."""
        return local_client(service, self.cloud_endpoint)

    def stop(self) -> int:
        """Stop as Ctrl-C does; returns the exit code."""
        code = 0
        if self.process is not None:
            if self.process.poll() is None:
                self.process.send_signal(signal.SIGINT)
            try:
                code = self.process.wait(STOP_SECONDS)
            except subprocess.TimeoutExpired:
                self.process.kill()
                code = self.process.wait()
            self.process = None
        if self._log is not None:
            self._log.close()
            self._log = None
        self.info = None
        return code

    def restart(self) -> None:
        """Stop, then start again on the same ports and data directory."""
        self.stop()
        self.launch()

    def __enter__(self) -> StackProcess:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()
