"""The local stack's API over HTTP answers browsers as the template's CORS says: a
preflight from the site or the API's own origin is answered without a token, any other
origin is allowed nothing; the site's fonts are open to CORS requests."""

from __future__ import annotations

import re

import httpx
import pytest
from newsroom_local.launch import StackProcess

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("local_stack")]

ELSEWHERE = "https://tintuc-gia.example.com"


def _preflight(stack: StackProcess, origin: str) -> httpx.Response:
    return httpx.options(
        f"{stack.api_url}/articles/01jdq2x3y4z5a6b7c8d9e0f1g2/preview",
        headers={
            "Origin": origin,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "authorization,content-type",
        },
    )


def test_a_preflight_from_the_site_or_the_desk_is_allowed(local_stack: StackProcess) -> None:
    for origin in (local_stack.site_url, local_stack.api_url):
        answer = _preflight(local_stack, origin)
        assert answer.status_code == 204
        assert answer.headers["access-control-allow-origin"] == origin
        assert "POST" in answer.headers["access-control-allow-methods"].split(",")
        assert "authorization" in answer.headers["access-control-allow-headers"].split(",")
        assert "access-control-allow-credentials" not in answer.headers


def test_another_origin_is_allowed_nothing(local_stack: StackProcess) -> None:
    answer = _preflight(local_stack, ELSEWHERE)
    assert answer.status_code == 204
    assert not [h for h in answer.headers if h.startswith("access-control-")]
    listed = httpx.get(
        f"{local_stack.api_url}/articles",
        headers={"Origin": ELSEWHERE, "Authorization": f"Bearer {local_stack.token('editor')}"},
    )
    assert listed.status_code == 200
    assert "access-control-allow-origin" not in listed.headers


def test_an_answer_to_the_site_names_it_and_exposes_the_etag(local_stack: StackProcess) -> None:
    token = local_stack.token("reporter")
    created = httpx.post(
        f"{local_stack.api_url}/articles",
        json={
            "title": "Tin thử CORS",
            "body": "Nội dung.",
            "category": "tin-tuc",
            "author": "Phóng viên",
        },
        headers={"Origin": local_stack.site_url, "Authorization": f"Bearer {token}"},
    )
    assert created.status_code == 201, created.text
    assert created.headers["access-control-allow-origin"] == local_stack.site_url
    assert set(created.headers["access-control-expose-headers"].split(",")) == {
        "ETag",
        "Location",
    }
    unsigned = httpx.get(
        f"{local_stack.api_url}/articles", headers={"Origin": local_stack.site_url}
    )
    assert unsigned.status_code == 401
    assert unsigned.headers["access-control-allow-origin"] == local_stack.site_url


def test_the_sites_fonts_are_open_to_a_frame_of_no_origin(local_stack: StackProcess) -> None:
    demo = local_stack.wait_for_demo()
    page = httpx.get(demo.url)
    assert page.status_code == 200
    font = re.search(r'href="(/assets/[^"]+\.woff2)"', page.text)
    assert font, "the page preloads no font"
    answer = httpx.get(f"{local_stack.site_url}{font[1]}", headers={"Origin": "null"})
    assert answer.status_code == 200
    assert answer.headers["access-control-allow-origin"] == "*"
