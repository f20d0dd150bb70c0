"""After `sam deploy`: the site's own files rendered by the release just deployed.

`make deploy` runs it after the desk's upload, with the AWS SAM CLI's Python. It sends the
render queue (the stack's output `RenderQueueName`) one `rebuild_requested` message for
the part "site": the home page, the archive, the sitemaps, the search index, the
stylesheet and scripts, and the fixed pages (404, search, robots.txt), as the deployed
code renders them. On a first deploy the site then answers at once, with the portal's
home page, before any article is published, and the desk's preview finds the site's
stylesheet; after a later deploy they are this release's. Article pages and listings
are not rendered again: `newsroom rebuild` does that when a release changed them.

    python infra/scripts/site_refresh.py --env staging
    python infra/scripts/site_refresh.py --env staging --dry-run --outputs outputs.json

`--dry-run` prints the message and the queue and asks AWS nothing; `--outputs` reads the
stack's outputs from a JSON file instead of CloudFormation.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT / "shared"), str(Path(__file__).resolve().parent)]

from deploy_preflight import NotReady, stopped  # noqa: E402
from desk_deploy import deployed  # noqa: E402
from newsroom.models.rebuild import RebuildRequested  # noqa: E402

QUEUE_OUTPUT = "RenderQueueName"


def site_message(now: float | None = None) -> RebuildRequested:
    """The render queue's message for the site's own files, named for this deploy."""
    stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime(time.time() if now is None else now))
    return RebuildRequested(part="site", rebuild_id=f"deploy-{stamp}")


def queue_name(outputs: dict[str, str]) -> str:
    name = outputs.get(QUEUE_OUTPUT, "")
    if not name:
        raise NotReady(f"the stack has no output {QUEUE_OUTPUT}: deploy it first")
    return name


def send(message: RebuildRequested, queue: str, region: str) -> str:
    """Send the message to the named queue; its message id."""
    import boto3

    sqs: Any = boto3.session.Session(region_name=region).client("sqs")
    url = sqs.get_queue_url(QueueName=queue)["QueueUrl"]
    return str(sqs.send_message(QueueUrl=url, MessageBody=message.model_dump_json())["MessageId"])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--env", default="", help="an environment of samconfig.toml")
    parser.add_argument("--outputs", type=Path, help="the stack's outputs, as a JSON file")
    parser.add_argument("--dry-run", action="store_true", help="say what, send nothing")
    options = parser.parse_args(argv)
    try:
        outputs, region = deployed(options.env, options.outputs)
        queue = queue_name(outputs)
        message = site_message()
        if options.dry_run:
            print(f"{queue}: {message.model_dump_json()}")
            return 0
        send(message, queue, region)
    except Exception as error:  # anything, in one line
        return stopped(error, "the site's own files: ")
    print(f"make deploy: the site's home page and own files asked of {queue}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
