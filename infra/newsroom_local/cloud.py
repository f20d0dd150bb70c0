"""The local cloud: moto in server mode, in a process of its own, with its state on disk.

Run by the local stack as `python -m newsroom_local.cloud --port P --state-dir D`.
It talks to the stack over its standard streams, one line each way:

- it prints `ready` once moto answers;
- `restore` puts the last snapshot back (after the stack has created the template's
  resources) and starts saving every `--save-interval` seconds when something changed
  (further apart when saves take long); it answers `restored`;
- `save` saves now and answers `saved`;
- end of input (the stack stopped, or died) or SIGTERM: a last save, then exit.

moto stores any form upload it is sent; in front of it, `PostPolicyGuard` checks a
presigned POST's signature and policy as S3 does (`s3post.py`), with the local stack's
credentials as the only ones it knows. The user pools answer the desk's sign-in from the
browser as Cognito does, where moto would not (`cognito.py`). An upload moto stores is
notified to the queues its bucket's notification configuration names (moto does that
itself, for a form POST as for a PUT); the objects a restore puts back are not uploads,
and notify nobody.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import signal
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from types import FrameType
from typing import Any

from newsroom_local import cognito, dispatch, transactions
from newsroom_local.clients import LOCAL_CREDENTIALS, local_client
from newsroom_local.s3post import PostPolicyGuard, SecretLookup, known_secrets
from newsroom_local.state import ACCOUNT_ID, StateStore

SAVE_SPACING = 10  # at least this many times a save's own duration between two saves
_TABLE_WRITES = ("Put", "Update", "Delete", "BatchWrite", "TransactWrite", "Create", "Restore")


class ChangeWatcher:
    """Which stores the requests moto answered may have changed since the last save.

    Listing every bucket and scanning every table is what a save costs; they are
    skipped while no request wrote to them. Queues and users are read from memory
    and always compared.

    Table writes are also answered one at a time: moto checks a write's condition and
    then applies it, and two threads could both pass the check; DynamoDB applies a
    conditional write or a transaction atomically, and so does this.
    """

    def __init__(self, app: Any) -> None:
        self.app = app
        self.objects = True  # S3 and the other REST services (schedules)
        self.tables = True
        self._table_writes = threading.Lock()

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Any:
        target = str(environ.get("HTTP_X_AMZ_TARGET", ""))
        if target.startswith("DynamoDB_"):
            if target.split(".", 1)[-1].startswith(_TABLE_WRITES):
                self.tables = True
                with self._table_writes:
                    return self.app(environ, start_response)
        elif not target and environ.get("REQUEST_METHOD") in {"PUT", "POST", "DELETE"}:
            self.objects = True
        return self.app(environ, start_response)

    def take(self) -> set[str]:
        """What changed, and start watching afresh."""
        changed = {name for name in ("objects", "tables") if getattr(self, name)}
        self.objects = self.tables = False
        return changed


@contextlib.contextmanager
def notifications_held() -> Iterator[None]:
    """Every bucket's notifications off meanwhile: putting a snapshot's objects back is no
    upload, and S3 would tell no queue of it (the snapshot keeps the queues' messages)."""
    from moto.s3.models import s3_backends

    buckets = list(s3_backends[ACCOUNT_ID]["aws"].buckets.values())
    held = [(bucket, bucket.notification_configuration) for bucket in buckets]
    for bucket in buckets:
        bucket.notification_configuration = None
    try:
        yield
    finally:
        for bucket, configuration in held:
            bucket.notification_configuration = configuration


def local_secrets() -> SecretLookup:
    """The secret of the local stack's access key id (the one every local client signs with)."""
    return known_secrets(
        [(LOCAL_CREDENTIALS["AWS_ACCESS_KEY_ID"], LOCAL_CREDENTIALS["AWS_SECRET_ACCESS_KEY"])]
    )


class Cloud:
    """moto's server and the snapshots of what it holds."""

    def __init__(self, port: int, state_dir: Path, save_interval: float) -> None:
        from moto.moto_server.werkzeug_app import (
            DomainDispatcherApplication,
            MotoRequestHandler,
            create_backend_app,
        )
        from werkzeug.serving import make_server

        # A transaction copies the items it names, not the whole table (see the module).
        transactions.install()
        # Each host's service is looked up once, not at every request (see the module).
        dispatch.install()
        # The user pool answers a browser's sign-in as Cognito does (see the module).
        cognito.install()
        self.endpoint = f"http://127.0.0.1:{port}"
        self.changes = ChangeWatcher(DomainDispatcherApplication(create_backend_app))
        # A refused upload never reaches moto, so it changes nothing that a save must see.
        guarded = PostPolicyGuard(self.changes, local_secrets())
        self.server = make_server(
            "127.0.0.1", port, guarded, threaded=True, request_handler=MotoRequestHandler
        )
        self.state_dir = state_dir
        self.save_interval = save_interval
        self.store: StateStore | None = None
        self._lock = threading.Lock()
        self._stopped = threading.Event()

    def client(self, service: str) -> Any:
        return local_client(service, self.endpoint)

    def start(self) -> None:
        threading.Thread(target=self.server.serve_forever, name="moto", daemon=True).start()
        self.store = StateStore(self.state_dir, self.client)

    def restore(self) -> None:
        assert self.store is not None
        with self._lock, notifications_held():
            self.store.restore()
        threading.Thread(target=self._save_periodically, name="save", daemon=True).start()

    def save(self) -> None:
        if self.store is None:
            return
        with self._lock:
            try:
                self.store.save(self.changes.take())
            except Exception:
                logging.getLogger("newsroom.local").exception("saving the local state failed")

    def _save_periodically(self) -> None:
        # A save reads every store that changed, in moto's process: when saves get long
        # (a large site, changing fast), they come further apart, so that saving takes
        # at most about a tenth of the time (and the last save is made at the stop).
        wait = self.save_interval
        while not self._stopped.wait(wait):
            started = time.monotonic()
            self.save()
            wait = max(self.save_interval, SAVE_SPACING * (time.monotonic() - started))

    def stop(self) -> None:
        if self._stopped.is_set():
            return
        self._stopped.set()
        self.save()
        # The server's thread is a daemon: it ends with the process, without the
        # half-second shutdown poll.


def _reply(text: str) -> None:
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="newsroom_local.cloud")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--state-dir", type=Path, required=True)
    parser.add_argument("--save-interval", type=float, default=1.0)
    args = parser.parse_args(argv)
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    logging.basicConfig(level=logging.WARNING, format="cloud: %(message)s")
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the stack decides when to stop

    cloud = Cloud(args.port, args.state_dir, args.save_interval)
    restored = threading.Event()

    def on_term(signum: int, frame: FrameType | None) -> None:
        if restored.is_set():
            cloud.stop()
        else:
            cloud.server.shutdown()
        raise SystemExit(0)

    signal.signal(signal.SIGTERM, on_term)
    cloud.start()
    _reply("ready")
    for line in sys.stdin:
        command = line.strip()
        if command == "restore":
            cloud.restore()
            restored.set()
            _reply("restored")
        elif command == "save":
            cloud.save()
            _reply("saved")
    # End of input: the stack is gone. Save what there is (only once restored, so an
    # empty cloud never overwrites a good snapshot) and stop.
    if restored.is_set():
        cloud.stop()
    else:
        cloud.server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
