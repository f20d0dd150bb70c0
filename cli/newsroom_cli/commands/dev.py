"""`newsroom dev`: the whole newsroom on this machine, on moto, until Ctrl-C."""

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


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from newsroom_local.stack import DEFAULT_DATA_DIR

    parser = subparsers.add_parser(
        "dev",
        help="run the local stack (moto, API, workers, site) until Ctrl-C",
        description=(
            "Start the local stack: moto holding the template's resources, the API, "
            "a worker per queue and the site, with state kept in the data directory."
        ),
    )
    parser.add_argument("--api-port", type=int, default=3000, help="the API (default 3000)")
    parser.add_argument("--site-port", type=int, default=8080, help="the site (default 8080)")
    parser.add_argument(
        "--cloud-port", type=int, default=5055, help="moto's server, internal (default 5055)"
    )
    parser.add_argument(
        "--data-dir",
        type=Path,
        default=DEFAULT_DATA_DIR,
        help=f"where the state is kept (default {DEFAULT_DATA_DIR})",
    )
    parser.add_argument(
        "--no-demo", action="store_true", help="do not create the demo article on first start"
    )
    parser.add_argument("--verbose", action="store_true", help="also log every site request")
    parser.add_argument(
        "--batching-window-cap",
        type=int,
        default=None,
        metavar="SECONDS",
        help=(
            "for measurements only: wait at most this long to fill a batch, whatever the "
            "template's MaximumBatchingWindowInSeconds says (Lambda waits the full window)"
        ),
    )
    parser.add_argument(
        "--workers",
        type=int,
        default=1,
        help="processes per function, each polling its queues (as Lambda runs several; default 1)",
    )
    parser.add_argument(
        "--faults",
        default="",
        metavar="PLAN",
        help="for reliability tests: fail a share of AWS calls, e.g. 'seed=7,rate=0.05' "
        "(sets NEWSROOM_FAULTS; see infra/newsroom_local/faults.py)",
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
    from newsroom_local.tokens import issue_token

    info = stack.info  # type: ignore[attr-defined]
    try:
        article = demo.publish_demo(info.api_url, issue_token(info, "editor"), data_dir)
    except Exception as error:  # the stack keeps running; say what went wrong
        logging.getLogger("newsroom.local").exception("the demo article failed: %s", error)
        return
    _say(f"Demo page:  {article.url}")


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
            f"\nNewsroom local stack ready in {time.monotonic() - started:.1f} s\n"
            f"  API        {info.api_url}\n"
            f"  Site       {info.site_url}\n"
            f"  moto       {info.cloud_endpoint}  (AWS_ENDPOINT_URL for boto3 and the AWS CLI)\n"
            f"  Data       {data_dir}\n"
            f"  Token      newsroom token --role editor{_data_dir_flag(data_dir)}"
            "  (or reporter, admin)\n"
            "  Ctrl-C stops the stack; its state stays in the data directory.\n"
        )
        _say(_desk_lines(info.api_url))
        made = demo.marker(data_dir)
        if made is not None:
            _say(f"Demo page:  {made.url}")
        elif not args.no_demo:
            threading.Thread(target=_demo, args=(stack, data_dir), daemon=True).start()
        threading.Event().wait()
    except (KeyboardInterrupt, _Stop):
        _say("\nStopping: the API and site, the functions, then moto (saving its state)...")
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        stack.stop()
    _say(f"Stopped. State saved in {data_dir}")
    return 0


def _desk_lines(api_url: str) -> str:
    """The desk's address and its demo sign-ins: one per role, each e-mail and password."""
    from newsroom_local.demo_sign_ins import DEMO_SIGN_INS

    width = max(len(demo.email) for demo in DEMO_SIGN_INS)
    return f"Desk:       {api_url}/desk/\n" + "".join(
        f"  {demo.role:<11}{demo.email:<{width}}  password {demo.password}\n"
        for demo in DEMO_SIGN_INS
    )


def _data_dir_flag(data_dir: Path) -> str:
    from newsroom_local.stack import DEFAULT_DATA_DIR

    return "" if data_dir == DEFAULT_DATA_DIR.resolve() else f" --data-dir {data_dir}"
