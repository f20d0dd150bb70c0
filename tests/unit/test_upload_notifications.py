"""The images queue's messages: a publish's request, S3's notification of an upload (its key
URL-encoded as S3 writes it), and S3's test event; anything else is refused."""

from __future__ import annotations

import json
from typing import Any

import pytest
from newsroom.models.messages import PhotosRequested
from newsroom.models.uploads import (
    ImagesMessage,
    PhotoUploaded,
    S3TestEvent,
    UploadNotification,
    uploaded_photo,
)
from pydantic import ValidationError

ARTICLE_ID = "01jdq2x3y4z5a6b7c8d9e0f1g2"
UPLOAD_ID = "abcdefghjkmnpqrs"


def _notification(*keys: str, event: str = "ObjectCreated:Post") -> str:
    records: list[dict[str, Any]] = [
        {
            "eventVersion": "2.1",
            "eventSource": "aws:s3",
            "awsRegion": "ap-southeast-1",
            "eventTime": "2026-11-28T07:10:00.000Z",
            "eventName": event,
            "userIdentity": {"principalId": "AWS:AROA…"},
            "s3": {
                "s3SchemaVersion": "1.0",
                "configurationId": "uploads",
                "bucket": {"name": "newsroom-content-x", "arn": "arn:aws:s3:::newsroom-content-x"},
                "object": {"key": key, "size": 1024, "eTag": "abc", "sequencer": "0A1B"},
            },
        }
        for key in keys
    ]
    return json.dumps({"Records": records})


def test_an_upload_notification_names_the_photo_upload() -> None:
    key = f"originals/{ARTICLE_ID}/{UPLOAD_ID}/cau_moi-1.jpg"
    message = ImagesMessage.model_validate_json(_notification(key)).root
    assert isinstance(message, UploadNotification)
    assert message.uploads() == [
        PhotoUploaded(article_id=ARTICLE_ID, upload_id=UPLOAD_ID, photo_name="cau_moi-1.jpg")
    ]
    assert message.article_id == ARTICLE_ID


def test_keys_are_decoded_as_s3_encodes_them() -> None:
    encoded = f"originals%2F{ARTICLE_ID}%2F{UPLOAD_ID}%2Fanh.1.jpg"
    (record,) = UploadNotification.model_validate_json(_notification(encoded)).records
    assert record.s3.stored.key == f"originals/{ARTICLE_ID}/{UPLOAD_ID}/anh.1.jpg"
    spaced = UploadNotification.model_validate_json(_notification("originals/a+b%C3%A0.jpg"))
    assert spaced.records[0].s3.stored.key == "originals/a bà.jpg"


@pytest.mark.parametrize(
    "key",
    [
        f"originals/{ARTICLE_ID}/cau.jpg",  # no upload id
        f"originals/{ARTICLE_ID}/{UPLOAD_ID}/../cau.jpg",
        f"originals/{ARTICLE_ID}/{UPLOAD_ID}/cau.exe",
        f"originals/{ARTICLE_ID}/{UPLOAD_ID}/thu-muc/cau.jpg",
        f"originals/khong-phai-ma/{UPLOAD_ID}/cau.jpg",
        f"originals/{ARTICLE_ID}/NOT-AN-UPLOAD-ID/cau.jpg",
        f"media/ab/{UPLOAD_ID}/cau.jpg",
    ],
)
def test_a_key_that_no_upload_form_makes_names_no_upload(key: str) -> None:
    assert uploaded_photo(key) is None
    assert UploadNotification.model_validate_json(_notification(key)).uploads() == []


def test_only_objects_created_are_uploads() -> None:
    key = f"originals/{ARTICLE_ID}/{UPLOAD_ID}/cau.jpg"
    removed = UploadNotification.model_validate_json(
        _notification(key, event="ObjectRemoved:Delete")
    )
    assert removed.uploads() == []


def test_s3s_test_event_and_a_publish_request_are_told_apart() -> None:
    test = {
        "Service": "Amazon S3",
        "Event": "s3:TestEvent",
        "Time": "2026-11-28T07:10:00.000Z",
        "Bucket": "newsroom-content-x",
        "RequestId": "5582815E1AEA5ADF",
        "HostId": "8cLeGAmw098X5cv4Zkwcmo8vvZa3eH3eKxsPzbB9wrR+YstdA6Knx4Ip8EXAMPLE",
    }
    assert isinstance(ImagesMessage.model_validate(test).root, S3TestEvent)
    request = PhotosRequested(article_id=ARTICLE_ID, version=3)
    parsed = ImagesMessage.model_validate_json(request.model_dump_json()).root
    assert parsed == request


@pytest.mark.parametrize(
    "body",
    [
        {"Event": "s3:SomethingElse"},
        {"Records": [{"eventName": "ObjectCreated:Put"}]},
        {"kind": "photos_requested", "article_id": "../../etc", "version": 1},
        {"kind": "render_requested", "article_id": ARTICLE_ID, "version": 1},
        [],
    ],
)
def test_anything_else_is_refused(body: Any) -> None:
    with pytest.raises(ValidationError):
        ImagesMessage.model_validate_json(json.dumps(body))
