"""The local cloud's state goes to disk and comes back into freshly created resources."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import boto3
import pytest
from moto import mock_aws
from newsroom_local.resources import create_resources
from newsroom_local.state import StateStore, write_atomically
from newsroom_local.template import Environment, load_template


def _client(service: str) -> Any:
    return boto3.client(service, region_name="us-east-1")


def _fill(env: Environment) -> None:
    s3, sqs, cognito = _client("s3"), _client("sqs"), _client("cognito-idp")
    s3.put_object(
        Bucket=env.ref("SiteBucket"),
        Key="tin-tuc/index.html",
        Body="<h1>Tin tức</h1>".encode(),
        ContentType="text/html; charset=utf-8",
        CacheControl="public, max-age=60",
    )
    s3.put_object(Bucket=env.ref("ContentBucket"), Key="photos/a.jpg", Body=b"\xff\xd8jpeg")
    _client("dynamodb").put_item(
        TableName=env.ref("ArticlesTable"),
        Item={"pk": {"S": "ARTICLE#1"}, "sk": {"S": "v1"}, "title": {"S": "Tiêu đề"}},
    )
    queue = env.ref("RenderQueue")
    sqs.send_message(QueueUrl=queue, MessageBody='{"n": 1}')
    sqs.send_message(QueueUrl=queue, MessageBody='{"n": 2}')
    # Received once and not deleted: in flight, with a receive count of 1.
    sqs.receive_message(QueueUrl=queue, MaxNumberOfMessages=1, VisibilityTimeout=600)
    sqs.send_message(QueueUrl=env.ref("RenderDeadLetterQueue"), MessageBody='{"dead": true}')
    pool = env.ref("UserPool")
    cognito.admin_create_user(UserPoolId=pool, Username="bien.tap", MessageAction="SUPPRESS")
    cognito.admin_set_user_password(
        UserPoolId=pool, Username="bien.tap", Password="Mat-khau-rat-dai-1", Permanent=True
    )
    cognito.admin_add_user_to_group(UserPoolId=pool, Username="bien.tap", GroupName="editor")


def test_everything_saved_comes_back_after_a_restart(tmp_path: Path) -> None:
    template = load_template()
    with mock_aws():
        env = create_resources(template)
        _fill(env)
        store = StateStore(tmp_path, _client)
        assert store.save() is True
        assert store.save() is False  # nothing changed since

    with mock_aws():  # a new, empty cloud
        env = create_resources(template)
        StateStore(tmp_path, _client).restore()
        s3, sqs, cognito = _client("s3"), _client("sqs"), _client("cognito-idp")
        page = s3.get_object(Bucket=env.ref("SiteBucket"), Key="tin-tuc/index.html")
        assert page["Body"].read().decode() == "<h1>Tin tức</h1>"
        assert (page["ContentType"], page["CacheControl"]) == (
            "text/html; charset=utf-8",
            "public, max-age=60",
        )
        photo = s3.get_object(Bucket=env.ref("ContentBucket"), Key="photos/a.jpg")
        assert photo["Body"].read() == b"\xff\xd8jpeg"
        item = _client("dynamodb").get_item(
            TableName=env.ref("ArticlesTable"),
            Key={"pk": {"S": "ARTICLE#1"}, "sk": {"S": "v1"}},
        )
        assert item["Item"]["title"] == {"S": "Tiêu đề"}
        visible = sqs.receive_message(
            QueueUrl=env.ref("RenderQueue"), MaxNumberOfMessages=10, AttributeNames=["All"]
        )["Messages"]
        # The message in flight stays invisible until its timeout, as it would have.
        assert [m["Body"] for m in visible] == ['{"n": 2}']
        attributes = sqs.get_queue_attributes(
            QueueUrl=env.ref("RenderQueue"),
            AttributeNames=["ApproximateNumberOfMessagesNotVisible"],
        )["Attributes"]
        assert attributes["ApproximateNumberOfMessagesNotVisible"] == "2"
        dead = sqs.receive_message(QueueUrl=env.ref("RenderDeadLetterQueue"))["Messages"]
        assert [m["Body"] for m in dead] == ['{"dead": true}']
        pool = env.ref("UserPool")
        groups = cognito.admin_list_groups_for_user(UserPoolId=pool, Username="bien.tap")
        assert [g["GroupName"] for g in groups["Groups"]] == ["editor"]
        client = env.ref("UserPoolClient")
        signed_in = cognito.initiate_auth(
            ClientId=client,
            AuthFlow="USER_PASSWORD_AUTH",
            AuthParameters={"USERNAME": "bien.tap", "PASSWORD": "Mat-khau-rat-dai-1"},
        )
        assert signed_in["AuthenticationResult"]["AccessToken"]


def test_a_write_that_fails_midway_leaves_the_previous_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "state.json"
    write_atomically(target, b'{"version": 1}')

    def crash(fd: int) -> None:
        raise OSError("disk full")

    monkeypatch.setattr("os.fsync", crash)
    with pytest.raises(OSError, match="disk full"):
        write_atomically(target, b'{"version": 2, "half')
    assert target.read_bytes() == b'{"version": 1}'
    assert [p.name for p in tmp_path.iterdir()] == ["state.json"]
