"""A presigned form upload is held to its policy as S3 holds it: locally and in-process on moto.

The forms are signed by botocore (`generate_presigned_post`), not by the code under
test; the check is `newsroom_local.s3post`, which the local cloud runs in front of moto
and which the in-process `Stack.send_upload` runs before moto sees a form.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import boto3
import requests
from botocore.config import Config
from newsroom_local.s3post import Refusal, check_form_post, known_secrets

from tests.integration.conftest import Stack
from tests.integration.editorial_helpers import REPORTER, act, create
from tests.photos import make_jpeg

ACCESS_KEY, SECRET = "AKIDNEWSROOMLOCAL", "bi-mat-cuc-bo"
SECRETS = known_secrets([(ACCESS_KEY, SECRET)])
BUCKET = "anh-goc"


def _presign(
    key: str,
    conditions: list[Any],
    fields: dict[str, str] | None = None,
    expires_in: int = 900,
    signature_version: str = "s3v4",
) -> dict[str, str]:
    client = boto3.client(
        "s3",
        region_name="us-east-1",
        aws_access_key_id=ACCESS_KEY,
        aws_secret_access_key=SECRET,
        aws_session_token=None,
        config=Config(signature_version=signature_version),
    )
    post = client.generate_presigned_post(
        BUCKET, key, Fields=fields, Conditions=conditions, ExpiresIn=expires_in
    )
    return dict(post["fields"])


def _check(
    fields: dict[str, str],
    data: bytes = b"anh",
    bucket: str = BUCKET,
    now: datetime | None = None,
    **extra: str,
) -> Refusal | None:
    form = requests.Request(
        "POST",
        f"https://s3.amazonaws.com/{bucket}",
        data={**fields, **extra},
        files={"file": ("a.jpg", data)},
    ).prepare()
    return check_form_post(
        bucket, str(form.headers["Content-Type"]), bytes(form.body), SECRETS, now
    )


def _failed(refusal: Refusal | None) -> str:
    assert refusal is not None
    assert (refusal.status, refusal.code) == (403, "AccessDenied"), refusal
    return refusal.message.removeprefix("Invalid according to Policy: ")


def test_a_key_condition_by_prefix_admits_keys_under_it_only() -> None:
    # botocore signs `["starts-with", "$key", "uploads/"]` for a key ending in ${filename}.
    fields = _presign("uploads/${filename}", [])
    assert _check(fields) is None
    assert _check({**fields, "key": "uploads/khac/b.jpg"}) is None
    assert _failed(_check({**fields, "key": "originals/b.jpg"})) == (
        'Policy Condition failed: ["starts-with", "$key", "uploads/"]'
    )


def test_eq_exact_and_x_amz_conditions_must_all_hold() -> None:
    fields = _presign(
        "a.jpg",
        [["eq", "$Content-Type", "image/png"], {"x-amz-meta-article": "01abc"}],
        {"Content-Type": "image/png", "x-amz-meta-article": "01abc"},
    )
    assert _check(fields) is None
    assert _failed(_check({**fields, "Content-Type": "image/svg+xml"})) == (
        'Policy Condition failed: ["eq", "$Content-Type", "image/png"]'
    )
    assert _failed(_check({**fields, "x-amz-meta-article": "01xyz"})) == (
        'Policy Condition failed: ["eq", "$x-amz-meta-article", "01abc"]'
    )
    without = {k: v for k, v in fields.items() if k != "x-amz-meta-article"}
    assert "x-amz-meta-article" in _failed(_check(without))
    assert "x-amz-date" in _failed(_check({**fields, "x-amz-date": "20300101T000000Z"}))


def test_field_names_are_matched_in_any_case_and_values_exactly() -> None:
    fields = _presign("a.jpg", [{"Content-Type": "image/png"}], {"Content-Type": "image/png"})
    renamed = {("content-type" if k == "Content-Type" else k): v for k, v in fields.items()}
    assert _check(renamed) is None
    assert _check({**renamed, "content-type": "IMAGE/PNG"}) is not None


def test_every_field_but_the_file_policy_signature_and_x_ignore_needs_a_condition() -> None:
    fields = _presign("a.jpg", [])
    assert _check(fields, **{"x-ignore-ghi-chu": "tùy ý"}) is None
    assert _failed(_check(fields, note="x")) == "Extra input fields: note"
    assert _failed(_check(fields, **{"x-amz-meta-owner": "x"})) == (
        "Extra input fields: x-amz-meta-owner"
    )


def test_a_content_type_prefix_holds_for_every_type_listed() -> None:
    fields = _presign(
        "a.jpg", [["starts-with", "$Content-Type", "image/"]], {"Content-Type": "image/png"}
    )
    assert _check({**fields, "Content-Type": "image/png, image/jpeg"}) is None
    assert _check({**fields, "Content-Type": "image/png, text/html"}) is not None


def test_the_bucket_condition_is_the_bucket_posted_to() -> None:
    fields = _presign("a.jpg", [])
    assert _failed(_check(fields, bucket="trang-web")) == (
        'Policy Condition failed: ["eq", "$bucket", "anh-goc"]'
    )


def test_the_size_range_is_inclusive_and_refused_as_s3_refuses_it() -> None:
    fields = _presign("a.jpg", [["content-length-range", 2, 5]])
    assert _check(fields, data=b"ab") is None
    assert _check(fields, data=b"abcde") is None
    large = _check(fields, data=b"abcdef")
    assert large is not None
    assert (large.status, large.code) == (400, "EntityTooLarge")
    assert b"<MaxSizeAllowed>5</MaxSizeAllowed>" in large.xml()
    small = _check(fields, data=b"a")
    assert small is not None
    assert (small.status, small.code) == (400, "EntityTooSmall")


def test_the_policy_expires_and_its_signature_covers_it() -> None:
    fields = _presign("a.jpg", [], expires_in=60)
    assert _check(fields) is None
    expired = _check(fields, now=datetime.now(UTC) + timedelta(seconds=120))
    assert _failed(expired) == "Policy expired."
    tampered = _check({**fields, "policy": fields["policy"][:-4] + "AAAA"})
    assert tampered is not None
    assert (tampered.status, tampered.code) == (403, "SignatureDoesNotMatch")


def test_a_form_signed_with_the_older_signature_is_checked_the_same_way() -> None:
    fields = _presign("a.jpg", [], signature_version="s3")
    assert "AWSAccessKeyId" in fields and "x-amz-signature" not in fields
    assert _check(fields) is None
    assert (
        _failed(_check({**fields, "key": "b.jpg"}))
        == 'Policy Condition failed: ["eq", "$key", "a.jpg"]'
    )
    wrong = _check({**fields, "signature": "c2FpIGNodSBrw70="})
    assert wrong is not None and wrong.code == "SignatureDoesNotMatch"


def test_a_form_that_is_not_one_file_with_a_key_is_a_bad_request() -> None:
    fields = _presign("a.jpg", [])
    assert check_form_post(BUCKET, "multipart/form-data; boundary=x", b"garbage", SECRETS) == (
        Refusal(
            400,
            "MalformedPOSTRequest",
            "The body of your POST request is not well-formed multipart/form-data.",
        )
    )
    two = requests.Request(
        "POST",
        "https://s3.amazonaws.com/anh-goc",
        data=fields,
        files=[("file", ("a.jpg", b"1")), ("file", ("b.jpg", b"2"))],
    ).prepare()
    refused = check_form_post(BUCKET, str(two.headers["Content-Type"]), bytes(two.body), SECRETS)
    assert refused is not None and refused.code == "InvalidArgument"
    keyless = _check({k: v for k, v in fields.items() if k != "key"})
    assert keyless is not None and (keyless.status, keyless.code) == (400, "InvalidArgument")
    unknown = _check(
        {**fields, "x-amz-credential": "AKIDOTHER/" + fields["x-amz-credential"].split("/", 1)[1]}
    )
    assert unknown is not None and (unknown.status, unknown.code) == (403, "InvalidAccessKeyId")


# ---------------------------------------------------------------- in-process, through the API


def _photo_upload(stack: Stack) -> dict[str, Any]:
    article_id = create(stack, REPORTER).body["id"]
    added = act(stack, "photos", article_id, REPORTER, {"name": "cau.jpg", "caption": "Cầu"})
    assert added.status == 201, added.body
    upload: dict[str, Any] = added.body
    return upload


def _with_fields(upload: dict[str, Any], **fields: str) -> dict[str, Any]:
    return {**upload, "upload_fields": {**upload["upload_fields"], **fields}}


def test_the_in_process_upload_is_held_to_the_policy_the_api_signed(stack: Stack) -> None:
    upload = _photo_upload(stack)
    other = _photo_upload(stack)
    photo = make_jpeg(400, 300)
    refused = [
        Stack.send_upload(_with_fields(upload, **{"Content-Type": "image/png"}), photo),
        Stack.send_upload(_with_fields(upload, key=other["upload_fields"]["key"]), photo),
        Stack.send_upload(
            _with_fields(upload, key=upload["upload_fields"]["key"] + "/../x"), photo
        ),
        Stack.send_upload(upload, b""),
    ]
    assert [r.status_code for r in refused] == [403, 403, 403, 400]
    assert b"<Code>EntityTooSmall</Code>" in refused[-1].content
    s3 = stack.client("s3")
    bucket = stack.env.ref("ContentBucket")
    assert s3.list_objects_v2(Bucket=bucket).get("KeyCount") == 0
    assert Stack.send_upload(upload, photo).status_code in (200, 204)
    assert s3.list_objects_v2(Bucket=bucket)["KeyCount"] == 1
