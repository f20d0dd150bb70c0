"""After `sam deploy`: the desk's build (desk/dist) and its config.json into the desk bucket.

`make deploy` runs it last, with the AWS SAM CLI's Python (which has boto3). It reads the
stack's outputs (ApiUrl, SiteUrl, UserPoolId, UserPoolClientId, DeskBucketName), writes
config.json from them and the environment's region, and uploads every file of the build
under desk/ with its content type and cache control (newsroom_local/desk.py, as the
local stack serves them): the content-hashed files first, index.html and config.json
last, so that a page never names a file that is not there yet. Files of earlier builds
stay: a desk opened before the deploy still finds its scripts.

    python infra/scripts/desk_deploy.py --env staging
    python infra/scripts/desk_deploy.py --env staging --dry-run --outputs outputs.json

`--dry-run` says what it would upload and asks AWS nothing; `--outputs` reads the stack's
outputs from a JSON file ({"ApiUrl": ..., ...}) instead of CloudFormation.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT / "infra"), str(Path(__file__).resolve().parent)]

from deploy_preflight import NotReady, deploy_target, stopped  # noqa: E402
from newsroom_local.desk import (  # noqa: E402
    CONFIG,
    INDEX,
    NO_CACHE,
    cache_control,
    content_type,
    desk_config,
)

DIST = ROOT / "desk" / "dist"
PREFIX = "desk/"
OUTPUTS = ("ApiUrl", "SiteUrl", "UserPoolId", "UserPoolClientId", "DeskBucketName")


@dataclass(frozen=True)
class Upload:
    """One object to write to the desk bucket."""

    key: str
    body: bytes
    content_type: str
    cache_control: str


def cognito_endpoint(region: str) -> str:
    return f"https://cognito-idp.{region}.amazonaws.com/"


def upload_origin(region: str) -> str:
    """Where presigned uploads go (path style: newsroom/aws/clients.py)."""
    if region == "us-east-1":
        return "https://s3.amazonaws.com"
    return f"https://s3.{region}.amazonaws.com"


def config_for(outputs: dict[str, str], region: str) -> dict[str, str]:
    """config.json of the desk of a stack with these outputs."""
    missing = [name for name in OUTPUTS if not outputs.get(name)]
    if missing:
        raise NotReady(f"the stack has no output {', '.join(missing)}: deploy it first")
    return desk_config(
        api_url=outputs["ApiUrl"],
        site_url=outputs["SiteUrl"],
        region=region,
        user_pool_id=outputs["UserPoolId"],
        client_id=outputs["UserPoolClientId"],
        cognito_endpoint=cognito_endpoint(region),
        upload_origin=upload_origin(region),
    )


def plan(dist: Path, config: dict[str, str]) -> list[Upload]:
    """Every object to write, in the order to write them."""
    if not (dist / INDEX).is_file():
        raise NotReady(f"{dist} has no {INDEX}: run `make desk` first")
    files = sorted(p.relative_to(dist).as_posix() for p in dist.rglob("*") if p.is_file())
    files = [name for name in files if name != CONFIG]
    # Hashed files first, then the others, index.html last but for config.json.
    files.sort(key=lambda name: (cache_control(name) == NO_CACHE, name == INDEX))
    uploads = [
        Upload(PREFIX + name, (dist / name).read_bytes(), content_type(name), cache_control(name))
        for name in files
    ]
    body = (json.dumps(config, indent=2, ensure_ascii=False) + "\n").encode()
    uploads.append(Upload(PREFIX + CONFIG, body, content_type(CONFIG), NO_CACHE))
    return uploads


def stack_outputs(stack: str, region: str) -> dict[str, str]:
    import boto3

    cloudformation = boto3.session.Session(region_name=region).client("cloudformation")
    (described,) = cloudformation.describe_stacks(StackName=stack)["Stacks"]
    return {o["OutputKey"]: o["OutputValue"] for o in described.get("Outputs", [])}


def deployed(environment: str, outputs_file: Path | None) -> tuple[dict[str, str], str]:
    """The outputs of the environment's stack and its region: read from `outputs_file`
    (a JSON object) when given, else asked of CloudFormation."""
    settings, region = deploy_target(environment)
    if outputs_file is not None:
        return json.loads(outputs_file.read_text(encoding="utf-8")), region
    return stack_outputs(str(settings["stack_name"]), region), region


def upload(uploads: list[Upload], bucket: str, region: str) -> None:
    import boto3

    s3: Any = boto3.session.Session(region_name=region).client("s3")
    for item in uploads:
        s3.put_object(
            Bucket=bucket,
            Key=item.key,
            Body=item.body,
            ContentType=item.content_type,
            CacheControl=item.cache_control,
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--env", default="", help="an environment of samconfig.toml")
    parser.add_argument("--dist", type=Path, default=DIST, help="the desk's build")
    parser.add_argument("--outputs", type=Path, help="the stack's outputs, as a JSON file")
    parser.add_argument("--dry-run", action="store_true", help="say what, upload nothing")
    options = parser.parse_args(argv)
    try:
        outputs, region = deployed(options.env, options.outputs)
        config = config_for(outputs, region)
        uploads = plan(options.dist, config)
        bucket = outputs["DeskBucketName"]
        if options.dry_run:
            for item in uploads:
                print(f"s3://{bucket}/{item.key}  {item.content_type}  {item.cache_control}")
            print(json.dumps(config, indent=2, ensure_ascii=False))
            return 0
        upload(uploads, bucket, region)
    except Exception as error:  # anything, in one line
        return stopped(error, "the desk: ")
    print(f"make deploy: the desk, {len(uploads)} files, at {config['siteUrl']}/desk/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
