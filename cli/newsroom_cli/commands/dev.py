"""`newsroom dev`: the whole newsroom on this machine, on moto, until Ctrl-C.

What it prints for a person (where the stack is, the desk's demo sign-ins, stopping) is
in the command's language; the stack's own log lines are not translated."""

from __future__ import annotations

import argparse
import logging
import os
import signal
import sys
import threading
import time
from pathlib import Path
from types import FrameType

from newsroom_cli.errors import CommandError
from newsroom_cli.messages import decimal, say


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from newsroom_local.stack import DEFAULT_DATA_DIR

    parser = subparsers.add_parser(
        "dev", help=say("help.dev"), description=say("help.dev_description")
    )
    parser.add_argument(
        "--api-port", type=int, default=3000, help=say("help.dev_api_port", default=3000)
    )
    parser.add_argument(
        "--site-port", type=int, default=8080, help=say("help.dev_site_port", default=8080)
    )
    parser.add_argument(
        "--cloud-port", type=int, default=5055, help=say("help.dev_cloud_port", default=5055)
    )
    parser.add_argument(
        "--data-dir",
        type=Path,
        default=DEFAULT_DATA_DIR,
        help=say("help.dev_data_dir", default=DEFAULT_DATA_DIR),
    )
    parser.add_argument("--no-demo", action="store_true", help=say("help.dev_no_demo"))
    parser.add_argument("--verbose", action="store_true", help=say("help.dev_verbose"))
    parser.add_argument(
        "--batching-window-cap",
        type=int,
        default=None,
        metavar=say("help.seconds_metavar"),
        help=say("help.dev_batching_window_cap"),
    )
    parser.add_argument("--workers", type=int, default=1, help=say("help.dev_workers"))
    parser.add_argument(
        "--faults", default="", metavar=say("help.plan_metavar"), help=say("help.dev_faults")
    )
    parser.set_defaults(run=run)


class _Stop(Exception):
    """SIGTERM: stop as on Ctrl-C."""


def _on_term(signum: int, frame: FrameType | None) -> None:
    raise _Stop


def _say(text: str) -> None:
    print(text, flush=True)


def _demo(stack: object, data_dir: Path) -> None:
    from newsroom_local import demo
    from newsroom_local.demo_sign_ins import DEMO_SIGN_INS
    from newsroom_local.tokens import signed_in

    info = stack.info  # type: ignore[attr-defined]
    # Written by the demo editor: the desk then shows the demo content as that editor's.
    (editor,) = (d for d in DEMO_SIGN_INS if d.role == "editor")
    try:
        token = signed_in(info, editor.email, editor.password)
        article = demo.publish_demo(info.api_url, token, data_dir)
    except Exception as error:  # the stack keeps running; say what went wrong
        logging.getLogger("newsroom.local").exception(say("dev.demo_failed", error=error))
        return
    _say(say("dev.demo_page", url=article.url))


def run(args: argparse.Namespace) -> int:
    from newsroom_local import demo
    from newsroom_local.stack import LocalStack, StackError, StackOptions

    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.INFO,
        format="%(asctime)s %(message)s",
        datefmt="%H:%M:%S",
        stream=sys.stdout,
    )
    for noisy in ("botocore", "boto3", "urllib3", "httpx", "httpcore"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    data_dir = args.data_dir.resolve()
    stack = LocalStack(
        StackOptions(
            api_port=args.api_port,
            site_port=args.site_port,
            cloud_port=args.cloud_port,
            data_dir=data_dir,
            demo=not args.no_demo,
            batching_window_cap=args.batching_window_cap,
            workers=max(1, args.workers),
        )
    )
    if args.faults:
        os.environ["NEWSROOM_FAULTS"] = args.faults
    signal.signal(signal.SIGTERM, _on_term)
    # Ctrl-C, even when started from a shell that ignores SIGINT for background jobs.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    started = time.monotonic()
    try:
        try:
            info = stack.start()
        except StackError as error:
            raise CommandError(str(error)) from None
        _say(
            say(
                "dev.ready",
                seconds=decimal(time.monotonic() - started),
                api=info.api_url,
                site=info.site_url,
                cloud=info.cloud_endpoint,
                data_dir=data_dir,
                data_dir_flag=_data_dir_flag(data_dir),
            )
        )
        _say(_desk_lines(info.api_url))
        made = demo.marker(data_dir)
        if made is not None:
            _say(say("dev.demo_page", url=made.url))
        elif not args.no_demo:
            threading.Thread(target=_demo, args=(stack, data_dir), daemon=True).start()
        threading.Event().wait()
    except (KeyboardInterrupt, _Stop):
        _say(say("dev.stopping"))
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        stack.stop()
    _say(say("dev.stopped", data_dir=data_dir))
    return 0


def _desk_lines(api_url: str) -> str:
    """The desk's address and its demo sign-ins: one per role, each e-mail and password."""
    from newsroom_local.demo_sign_ins import DEMO_SIGN_INS

    width = max(len(demo.email) for demo in DEMO_SIGN_INS)
    lines = [say("dev.desk", url=f"{api_url}/desk/")]
    for demo in DEMO_SIGN_INS:
        password = say("dev.password", password=demo.password)
        lines.append(f"  {demo.role:<11}{demo.email:<{width}}  {password}")
    return "\n".join(lines) + "\n"


def _data_dir_flag(data_dir: Path) -> str:
    from newsroom_local.stack import DEFAULT_DATA_DIR

    return "" if data_dir == DEFAULT_DATA_DIR.resolve() else f" --data-dir {data_dir}"
