"""The local cloud refuses a photo upload that breaks its presigned POST's policy, as S3 does.

The cloud runs as the stack runs it (`python -m newsroom_local.cloud`, moto in server
mode, in a process of its own); the forms are made by the newsroom's own
`ContentBucket.presign_post` with the local stack's credentials, and sent over HTTP.
"""

from __future__ import annotations

import base64
import json
import os
import subprocess
import sys
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from xml.etree import ElementTree

import httpx
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError
from newsroom.storage.buckets import ContentBucket, PresignedUpload
from newsroom_local.clients import local_client, local_session
from newsroom_local.stack import free_port

pytestmark = [pytest.mark.e2e]

BUCKET = "newsroom-content-local"
MAX_BYTES = 4096
PHOTO = b"\xff\xd8\xff\xe0" + b"anh" * 300 + b"\xff\xd9"


@pytest.fixture(scope="module")
def cloud(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The endpoint of a local cloud process, with an empty content bucket."""
    state = tmp_path_factory.mktemp("cloud-state")
    port = free_port()
    errors = (state / "cloud.log").open("wb")
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "newsroom_local.cloud",
            "--port",
            str(port),
            "--state-dir",
            str(state),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=errors,
        env={k: v for k, v in os.environ.items() if not k.startswith("AWS_")},
    )
    assert process.stdin is not None and process.stdout is not None
    try:
        ready = process.stdout.readline()
        assert ready.strip() == b"ready", (state / "cloud.log").read_text(errors="replace")
        endpoint = f"http://127.0.0.1:{port}"
        local_client("s3", endpoint).create_bucket(Bucket=BUCKET)
        yield endpoint
    finally:
        process.stdin.close()  # end of input: the cloud stops
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        errors.close()


@dataclass
class Photo:
    """A presigned upload of one article's photo, and what to send to it."""

    key: str
    upload: PresignedUpload
    fields: dict[str, str]
    data: bytes = PHOTO
    content_type: str = "image/jpeg"


def _presign(cloud: str, expires_in: int = 900, signature: str = "v4") -> Photo:
    """A form as the ingest function makes it (Signature Version 4), or as boto3 makes it
    by default (version 2)."""
    key = f"originals/{uuid.uuid4().hex}/anh.jpg"
    if signature == "v4":
        config = Config(signature_version="v4", s3={"addressing_style": "path"})
        client = local_session().client("s3", endpoint_url=cloud, config=config)
    else:
        client = local_client("s3", cloud)
    bucket = ContentBucket(BUCKET, client)
    upload = bucket.presign_post(key, "image/jpeg", expires_in, max_bytes=MAX_BYTES)
    return Photo(key, upload, dict(upload.fields))


def _send(photo: Photo) -> httpx.Response:
    return httpx.post(
        photo.upload.url,
        data=photo.fields,
        files={"file": ("anh.jpg", photo.data, photo.content_type)},
        timeout=30,
    )


def _error(response: httpx.Response) -> tuple[str, str]:
    document = ElementTree.fromstring(response.content)  # noqa: S314 - the local cloud's own answer
    return document.findtext("Code") or "", document.findtext("Message") or ""


def _stored(cloud: str, key: str) -> dict[str, Any] | None:
    try:
        head: dict[str, Any] = local_client("s3", cloud).head_object(Bucket=BUCKET, Key=key)
    except ClientError:
        return None
    return head


@pytest.mark.parametrize("signature", ["v4", "v2"])
def test_the_honest_upload_is_stored_with_its_type(cloud: str, signature: str) -> None:
    photo = _presign(cloud, signature=signature)
    assert ("x-amz-signature" in photo.fields) == (signature == "v4")
    response = _send(photo)
    assert response.status_code == 204, response.text
    stored = _stored(cloud, photo.key)
    assert stored is not None
    assert (stored["ContentType"], stored["ContentLength"]) == ("image/jpeg", len(PHOTO))


def _other_key(photo: Photo) -> str:
    return f"originals/{uuid.uuid4().hex}/anh.jpg"


def _edit_policy(photo: Photo, change: Callable[[dict[str, Any]], None]) -> None:
    document = json.loads(base64.b64decode(photo.fields["policy"]))
    change(document)
    photo.fields["policy"] = base64.b64encode(json.dumps(document).encode()).decode()


def _later_expiry(document: dict[str, Any]) -> None:
    later = datetime.now(UTC) + timedelta(days=7)
    document["expiration"] = later.strftime("%Y-%m-%dT%H:%M:%SZ")


def _changed_type(photo: Photo) -> None:
    photo.fields["Content-Type"] = photo.content_type = "text/html"


def _another_articles_key(photo: Photo) -> None:
    photo.fields["key"] = _other_key(photo)


def _climbing_key(photo: Photo) -> None:
    article = photo.key.split("/")[1]
    photo.fields["key"] = f"originals/{article}/../{_other_key(photo).split('/')[1]}/anh.jpg"


def _edited_expiry(photo: Photo) -> None:
    _edit_policy(photo, _later_expiry)


def _wrong_signature(photo: Photo) -> None:
    photo.fields["x-amz-signature"] = "0" * 64


def _too_large(photo: Photo) -> None:
    photo.data = b"\xff" * (MAX_BYTES + 1)


def _empty(photo: Photo) -> None:
    photo.data = b""


def _extra_field(photo: Photo) -> None:
    photo.fields["x-amz-meta-owner"] = "someone"


def _unsigned(photo: Photo) -> None:
    del photo.fields["policy"], photo.fields["x-amz-signature"]


def _unknown_key(photo: Photo) -> None:
    credential = photo.fields["x-amz-credential"].split("/")
    photo.fields["x-amz-credential"] = "/".join(["AKIAOTHER", *credential[1:]])


REFUSALS: list[tuple[str, Callable[[Photo], None], int, str, str]] = [
    (
        "another content type",
        _changed_type,
        403,
        "AccessDenied",
        'Invalid according to Policy: Policy Condition failed: ["eq", "$Content-Type", '
        '"image/jpeg"]',
    ),
    (
        "another article's key",
        _another_articles_key,
        403,
        "AccessDenied",
        'Invalid according to Policy: Policy Condition failed: ["eq", "$key", "{key}"]',
    ),
    (
        "a key with ../",
        _climbing_key,
        403,
        "AccessDenied",
        'Invalid according to Policy: Policy Condition failed: ["eq", "$key", "{key}"]',
    ),
    ("an edited expiry", _edited_expiry, 403, "SignatureDoesNotMatch", "The request signature"),
    ("a wrong signature", _wrong_signature, 403, "SignatureDoesNotMatch", "The request signature"),
    ("an unknown access key", _unknown_key, 403, "InvalidAccessKeyId", "The AWS Access Key Id"),
    ("a file too large", _too_large, 400, "EntityTooLarge", "Your proposed upload exceeds"),
    ("an empty file", _empty, 400, "EntityTooSmall", "Your proposed upload is smaller"),
    (
        "a field the policy does not name",
        _extra_field,
        403,
        "AccessDenied",
        "Invalid according to Policy: Extra input fields: x-amz-meta-owner",
    ),
    ("no policy at all", _unsigned, 403, "AccessDenied", "Access Denied"),
]


@pytest.mark.parametrize(
    ("change", "status", "code", "message"),
    [case[1:] for case in REFUSALS],
    ids=[case[0] for case in REFUSALS],
)
def test_an_upload_that_breaks_its_policy_is_refused_and_stores_nothing(
    cloud: str, change: Callable[[Photo], None], status: int, code: str, message: str
) -> None:
    photo = _presign(cloud)
    change(photo)
    response = _send(photo)
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/xml"
    found_code, found_message = _error(response)
    assert found_code == code
    assert found_message.startswith(message.replace("{key}", photo.key)), found_message
    assert _stored(cloud, photo.key) is None
    assert _stored(cloud, photo.fields.get("key", photo.key)) is None


@pytest.mark.parametrize(
    ("change", "code"),
    [(_changed_type, "AccessDenied"), (_too_large, "EntityTooLarge")],
)
def test_a_form_signed_with_signature_version_2_is_held_to_its_policy_too(
    cloud: str, change: Callable[[Photo], None], code: str
) -> None:
    photo = _presign(cloud, signature="v2")
    change(photo)
    response = _send(photo)
    assert _error(response)[0] == code
    photo.fields["signature"] = base64.b64encode(b"x" * 20).decode()
    assert _error(_send(photo))[0] == "SignatureDoesNotMatch"
    assert _stored(cloud, photo.key) is None


def test_an_expired_policy_is_refused(cloud: str) -> None:
    photo = _presign(cloud, expires_in=-1)
    response = _send(photo)
    assert response.status_code == 403
    assert _error(response) == ("AccessDenied", "Invalid according to Policy: Policy expired.")
    assert _stored(cloud, photo.key) is None


def test_fields_after_the_file_are_ignored_as_s3_ignores_them(cloud: str) -> None:
    photo = _presign(cloud)
    other = _other_key(photo)
    boundary = uuid.uuid4().hex

    def part(name: str, value: bytes, filename: str = "") -> bytes:
        disposition = f'form-data; name="{name}"' + (f'; filename="{filename}"' if filename else "")
        kind = "Content-Type: image/jpeg\r\n" if filename else ""
        return (
            f"--{boundary}\r\nContent-Disposition: {disposition}\r\n{kind}\r\n".encode()
            + value
            + b"\r\n"
        )

    body = b"".join(part(name, value.encode()) for name, value in photo.fields.items())
    body += (
        part("file", PHOTO, "anh.jpg")
        + part("key", other.encode())
        + f"--{boundary}--\r\n".encode()
    )
    response = httpx.post(
        photo.upload.url,
        content=body,
        headers={"Content-Type": f"multipart/form-data; boundary={boundary}"},
        timeout=30,
    )
    assert response.status_code == 204, response.text
    assert _stored(cloud, photo.key) is not None
    assert _stored(cloud, other) is None


def test_a_form_posted_to_the_bucket_by_host_name_is_checked_too(cloud: str) -> None:
    photo = _presign(cloud)
    _changed_type(photo)
    port = cloud.rsplit(":", 1)[1]
    for host in (f"{BUCKET}.localhost:{port}", f"{BUCKET}.s3.amazonaws.com", f"127.0.0.1:{port}"):
        response = httpx.post(
            cloud + "/",
            headers={"Host": host},
            data=photo.fields,
            files={"file": ("anh.jpg", photo.data, photo.content_type)},
            timeout=30,
        )
        assert response.status_code == 403, (host, response.text)
    assert _stored(cloud, photo.key) is None
