"""The local stack over HTTP: the desk at http://127.0.0.1:<api port>/desk/ (a placeholder
build, through DESK_DIST) with its config.json and its policy, and the preview of a
published article, a page whose stylesheet, fonts and photos all load from the site."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from newsroom_local.launch import StackProcess

from tests.e2e.demo import demo_as_listed

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("local_stack")]

PLACEHOLDER = '<!doctype html><html lang="vi"><title>Bàn biên tập</title><div id="desk"></div>'


@pytest.fixture(scope="module")
def desk_stack(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[StackProcess]:
    """A stack of its own, serving a placeholder build of the desk."""
    dist = tmp_path_factory.mktemp("desk-dist")
    (dist / "index.html").write_text(PLACEHOLDER, encoding="utf-8")
    (dist / "assets").mkdir()
    (dist / "assets" / "desk-AJ7UCX7L.js").write_text("export {};")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DESK_DIST", str(dist))
        stack = StackProcess.start(tmp_path_factory.mktemp("desk-stack"), demo=False)
    try:
        yield stack
    finally:
        stack.stop()


def test_the_desk_is_served_at_desk_with_its_config(desk_stack: StackProcess) -> None:
    assert desk_stack.info is not None
    moved = httpx.get(f"{desk_stack.api_url}/desk")
    assert (moved.status_code, moved.headers["location"]) == (301, "/desk/")
    page = httpx.get(f"{desk_stack.api_url}/desk/")
    assert page.status_code == 200 and page.text == PLACEHOLDER
    assert page.headers["cache-control"] == "no-cache"
    policy = page.headers["content-security-policy"]
    assert "script-src 'self';" in policy and "frame-ancestors 'none'" in policy
    assert f"connect-src 'self' {desk_stack.api_url} {desk_stack.cloud_endpoint}" in policy
    script = httpx.get(f"{desk_stack.api_url}/desk/assets/desk-AJ7UCX7L.js")
    assert script.headers["cache-control"] == "public, max-age=31536000, immutable"
    config = httpx.get(f"{desk_stack.api_url}/desk/config.json").json()
    assert config == {
        "apiUrl": desk_stack.api_url,
        "siteUrl": desk_stack.site_url,
        "region": desk_stack.info.region,
        "userPoolId": desk_stack.info.user_pool_id,
        "clientId": desk_stack.info.user_pool_client_id,
        "cognitoEndpoint": desk_stack.cloud_endpoint + "/",
        "uploadOrigin": desk_stack.cloud_endpoint,
    }
    # The API is still the API.
    assert httpx.get(f"{desk_stack.api_url}/openapi.json").json()["openapi"] == "3.1.0"


def test_the_desks_config_leads_to_a_user_pool_that_answers(desk_stack: StackProcess) -> None:
    config = httpx.get(f"{desk_stack.api_url}/desk/config.json").json()
    answer = httpx.post(
        config["cognitoEndpoint"],
        headers={
            "X-Amz-Target": "AWSCognitoIdentityProviderService.InitiateAuth",
            "Content-Type": "application/x-amz-json-1.1",
        },
        json={
            "AuthFlow": "USER_PASSWORD_AUTH",
            "ClientId": config["clientId"],
            "AuthParameters": {"USERNAME": "nobody", "PASSWORD": "Wrong-password-1"},
        },
    )
    # The pool knows the client: the sign-in is refused for the user, not the client.
    assert answer.status_code == 400
    assert "NotAuthorized" in answer.text or "UserNotFound" in answer.text


def test_the_preview_is_a_page_whose_every_part_loads_from_the_site(
    local_stack: StackProcess, tmp_path: Path
) -> None:
    demo = local_stack.wait_for_demo()
    article_id = demo.url.rstrip("/").rsplit("-", 1)[-1]
    token = local_stack.token("reporter")
    article = demo_as_listed(local_stack, "reporter")
    assert article["id"].endswith(article_id)
    answer = httpx.get(
        f"{local_stack.api_url}/articles/{article['id']}/preview",
        headers={"Authorization": f"Bearer {token}"},
    )
    assert answer.status_code == 200
    assert answer.headers["content-type"] == "text/html; charset=utf-8"
    assert answer.headers["cache-control"] == "no-store"
    page = answer.text
    assert "Bản xem trước" in page and '<meta name="robots" content="noindex">' in page
    addresses = set(re.findall(r'(?:href|src)="([^"]+)"', page))
    addresses |= {c.split()[0] for s in re.findall(r'srcset="([^"]+)"', page) for c in s.split(",")}
    loaded = [a for a in addresses if a.startswith(local_stack.site_url) and "/assets/" in a]
    loaded += [a for a in addresses if "/media/" in a]
    assert any(a.endswith(".css") for a in loaded) and any("/media/" in a for a in loaded)
    for address in sorted(loaded):
        assert address.startswith(local_stack.site_url), address
        fetched = httpx.get(address, headers={"Origin": "null"})
        assert fetched.status_code == 200, address
        if address.endswith(".woff2"):
            assert fetched.headers["access-control-allow-origin"] == "*"
    # The page the site serves for it says the same in its <article>.
    served = httpx.get(demo.url).text
    assert re.search(r"<h1>([^<]+)</h1>", served)[1] in page  # type: ignore[index]


def test_a_first_start_without_the_demo_still_has_a_home_page(desk_stack: StackProcess) -> None:
    """No article yet: a reader finds the site's own home page, with its stylesheet."""
    home = None
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        home = httpx.get(f"{desk_stack.site_url}/")
        if home.status_code == 200:
            break
        time.sleep(0.5)
    assert home is not None and home.status_code == 200, home and home.text[:200]
    assert "Sở Công Thương" in home.text
    stylesheet = re.search(r'<link rel="stylesheet" href="([^"]+)"', home.text)
    assert stylesheet, home.text[:500]
    assert httpx.get(f"{desk_stack.site_url}{stylesheet.group(1)}").status_code == 200
    feed = httpx.get(f"{desk_stack.site_url}/feed.xml")  # every page links it
    assert feed.status_code == 200 and "<item>" not in feed.text
    missing = httpx.get(f"{desk_stack.site_url}/khong-co-trang-nay/")
    assert missing.status_code == 404 and "Sở Công Thương" in missing.text
