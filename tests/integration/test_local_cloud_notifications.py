"""The local cloud's content bucket tells the images queue of uploads as the template says
(its NotificationConfiguration, read from template.yaml), and a restore, which puts a
snapshot's objects back, tells nobody."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import unquote_plus

from newsroom_local.cloud import notifications_held
from newsroom_local.template import load_template, resources_of_type

from tests.integration.conftest import Stack

ARTICLE_ID = "01jdq2x3y4z5a6b7c8d9e0f1g2"


def _waiting(stack: Stack) -> list[dict[str, Any]]:
    sqs = stack.client("sqs")
    url = stack.env.ref("ImagesQueue")
    found = []
    while received := sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10).get("Messages"):
        for message in received:
            found.append(json.loads(message["Body"]))
            sqs.delete_message(QueueUrl=url, ReceiptHandle=message["ReceiptHandle"])
    return found


def test_the_content_bucket_notifies_the_images_queue_as_the_template_says(
    stack: Stack,
) -> None:
    declared = resources_of_type(load_template(), "AWS::S3::Bucket")["ContentBucket"]
    (queue,) = declared["Properties"]["NotificationConfiguration"]["QueueConfigurations"]
    assert queue["Queue"] == {"Fn::GetAtt": ["ImagesQueue", "Arn"]}
    s3, bucket = stack.client("s3"), stack.env.ref("ContentBucket")
    (configured,) = s3.get_bucket_notification_configuration(Bucket=bucket)["QueueConfigurations"]
    assert configured["QueueArn"] == stack.env.get_att("ImagesQueue", "Arn")
    assert configured["Events"] == [queue["Event"]]

    key = f"originals/{ARTICLE_ID}/abcdefghjkmnpqrs/cau.jpg"
    s3.put_object(Bucket=bucket, Key=key, Body=b"anh")
    s3.put_object(Bucket=bucket, Key="khac/ghi-chu.txt", Body=b"khong phai anh")
    (notified,) = _waiting(stack)
    (record,) = notified["Records"]
    assert record["eventName"].startswith("ObjectCreated:")
    # URL-encoded, as S3 writes keys (moto encodes the slashes too).
    assert unquote_plus(record["s3"]["object"]["key"]) == key


def test_objects_put_back_by_a_restore_notify_nobody(stack: Stack) -> None:
    s3, bucket = stack.client("s3"), stack.env.ref("ContentBucket")
    key = f"originals/{ARTICLE_ID}/abcdefghjkmnpqrs/cau.jpg"
    with notifications_held():
        s3.put_object(Bucket=bucket, Key=key, Body=b"anh")
    assert _waiting(stack) == []
    # Uploads afterwards are told again.
    s3.put_object(Bucket=bucket, Key=key, Body=b"anh moi")
    assert len(_waiting(stack)) == 1
