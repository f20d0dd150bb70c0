"""Stopping the local stack and starting it again loses nothing."""

from __future__ import annotations

import httpx
import pytest
from newsroom_local.client import EditorClient, wait_for_page
from newsroom_local.launch import StackProcess

from tests.photos import make_jpeg

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("local_stack")]

TITLE = "Kiểm tra việc niêm yết giá tại các chợ đầu mối"


def test_articles_photos_pages_messages_and_users_survive_a_restart(
    local_stack: StackProcess,
) -> None:
    token = local_stack.token("editor")
    editor = EditorClient(local_stack.api_url, token)
    article = editor.create_article(
        {
            "title": TITLE,
            "body": "Đoàn kiểm tra liên ngành đã làm việc tại 12 chợ.\n\n![Chợ](cho.jpg)",
            "category": "thong-bao",
            "author": "Phạm Văn Nam",
        }
    )
    editor.add_photo(article["id"], "cho.jpg", make_jpeg(1000, 750), "Chợ đầu mối nông sản")
    url = editor.publish(article["id"])["url"]
    editor.close()
    wait_for_page(url)
    page_before = httpx.get(url).text

    sqs = local_stack.client("sqs")
    dead_letters = sqs.get_queue_url(QueueName="newsroom-local-imagesdeadletterqueue")["QueueUrl"]
    sqs.send_message(QueueUrl=dead_letters, MessageBody='{"kept": "qua lần khởi động lại"}')
    cognito = local_stack.client("cognito-idp")
    pool = local_stack.info.user_pool_id if local_stack.info else ""
    cognito.admin_create_user(UserPoolId=pool, Username="phong.vien.moi", MessageAction="SUPPRESS")
    cognito.admin_add_user_to_group(
        UserPoolId=pool, Username="phong.vien.moi", GroupName="reporter"
    )

    local_stack.restart()

    assert httpx.get(url).text == page_before
    assert TITLE in httpx.get(local_stack.site_url + "/thong-bao/").text
    fetched = httpx.get(
        f"{local_stack.api_url}/articles/{article['id']}",
        headers={"Authorization": f"Bearer {token}"},  # issued before the restart
    )
    assert fetched.status_code == 200
    assert fetched.json()["title"] == TITLE
    assert [p["status"] for p in fetched.json()["photos"]] == ["ready"]

    sqs = local_stack.client("sqs")
    kept = sqs.receive_message(QueueUrl=dead_letters, AttributeNames=["All"])["Messages"]
    assert [m["Body"] for m in kept] == ['{"kept": "qua lần khởi động lại"}']
    sqs.delete_message(QueueUrl=dead_letters, ReceiptHandle=kept[0]["ReceiptHandle"])

    cognito = local_stack.client("cognito-idp")
    groups = cognito.admin_list_groups_for_user(UserPoolId=pool, Username="phong.vien.moi")
    assert [g["GroupName"] for g in groups["Groups"]] == ["reporter"]
