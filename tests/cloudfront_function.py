"""The template's CloudFront Function, run in Node.js on events shaped as CloudFront shapes them.

Both the template's own test and the local site's differential test run the function
through `viewer_request_decisions`. Node.js is required, not optional: without it
the tests fail and say so, since a skipped check of the redirect rules would let an
open redirect through unnoticed.
"""

from __future__ import annotations

import json
import random
import shutil
import subprocess
from typing import Any
from urllib.parse import urljoin, urlsplit

import pytest

NODE_MISSING = (
    "Node.js (`node` on PATH) is needed to run the template's CloudFront Function "
    "(DirectoryIndexFunction); install it (e.g. `apt-get install nodejs`)"
)

# Cases arrive on standard input as [uri, [[name, value], ...]]; the querystring object is
# built as CloudFront builds it (a repeated name gets `multiValue` with every value),
# without a prototype so that names such as `__proto__` or `toString` are plain keys.
_HARNESS = """
%s
const cases = JSON.parse(require('fs').readFileSync(0, 'utf8'));
const out = cases.map(([uri, pairs]) => {
  const querystring = Object.create(null);
  for (const [name, value] of pairs) {
    const seen = querystring[name];
    if (seen) {
      seen.multiValue = seen.multiValue || [{ value: seen.value }];
      seen.multiValue.push({ value });
    } else {
      querystring[name] = { value };
    }
  }
  const result = handler({
    version: '1.0',
    context: { eventType: 'viewer-request' },
    viewer: { ip: '127.0.0.1' },
    request: { method: 'GET', uri, querystring, headers: {}, cookies: {} },
  });
  if (result.statusCode) {
    return {
      status: result.statusCode,
      location: result.headers.location.value,
      cache: result.headers['cache-control'].value,
    };
  }
  return { uri: result.uri };
});
process.stdout.write(JSON.stringify(out));
"""


def node() -> str:
    """The path of `node`; the calling test fails (never skips) without it."""
    found = shutil.which("node")
    if found is None:
        pytest.fail(NODE_MISSING, pytrace=False)
    return found


def viewer_request_decisions(
    code: str, cases: list[tuple[str, list[tuple[str, str]]]]
) -> list[dict[str, Any]]:
    """What the function does with each (uri, query pairs): `{"uri": ...}` for a request it
    passes on, `{"status", "location", "cache"}` for an answer it makes itself."""
    result = subprocess.run(
        [node(), "-e", _HARNESS % code],
        input=json.dumps(cases).encode(),
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr.decode(errors="replace")
    decisions: list[dict[str, Any]] = json.loads(result.stdout.decode("utf-8"))
    return decisions


# ---------------------------------------------------------------- hostile requests

_EVIL = "evil.example"

HOSTILE_PATHS = [
    f"//{_EVIL}/x",
    f"///{_EVIL}/x",
    "/" * 60 + f"{_EVIL}/x",
    f"/\\{_EVIL}/x",
    f"/\\{_EVIL}",
    "/\\\\evil",
    f"\\\\{_EVIL}/x",
    f"/\\/{_EVIL}/x",
    f"/%2F%2F{_EVIL}",
    f"/%2F%2F{_EVIL}/x",
    f"/%2f%2f{_EVIL}/x",
    f"/%5C{_EVIL}/x",
    "/%5c%5cevil",
    f"/%252F%252F{_EVIL}/x",
    f"https://{_EVIL}/x",
    f"/https://{_EVIL}/x",
    f"http:{_EVIL}",
    "/tin-tuc%0d%0aSet-Cookie:a=b",
    "/tin-tuc\r\nSet-Cookie: a=b",
    "/tin-tuc\nLocation: //evil",
    "/tin-tuc\rx",
    "/a\x00b",
    "/a\x01\x1f\x7fb",
    "/a\tb c",
    "/%E5%98%8A%E5%98%8DSet-Cookie:a=b",
    "/a\u560a\u560dSet-Cookie:a=b",
    "/tin-tuc/công-thương",
    "/tin-tuc/\U0001f600",
    "/a\ud800b",
    "/a\udc00",
    "/a%",
    "/a%2",
    "/a%zz",
    "/%",
    "",
    "evil",
    "/..",
    "/../evil",
    "/a/..%2F..%2Fevil",
    "/a?b",
    "/a#b",
    '/a"<script>',
    "/" + "a" * 10_000,
    "/" * 5_000 + "evil",
    "/" + "%0d%0a" * 1_000,
    "/" + "\\" * 3_000,
]

HOSTILE_QUERIES: list[list[tuple[str, str]]] = [
    [("x", "%0d%0aSet-Cookie:%20a=b")],
    [("x", "%0D%0ASet-Cookie:%20a=b")],
    [("x", "\r\nSet-Cookie: a=b")],
    [("x", "\nSet-Cookie: a=b")],
    [("x\r\nSet-Cookie: a", "b")],
    [("x", "\u560a\u560dSet-Cookie:a=b")],
    [("next", f"//{_EVIL}")],
    [("next", "\\\\evil")],
    [("a", "1"), ("b", "2"), ("a", "3")],
    [("2", "x"), ("b", "y"), ("1", "z"), ("01", "w"), ("4294967295", "v"), ("4294967294", "u")],
    [("__proto__", "x"), ("toString", "y"), ("constructor", "z")],
    [("q", "Công Thương")],
    [("q", "C%C3%B4ng%20Th%C6%B0%C6%A1ng")],
    [("", "x")],
    [("x", "")],
    [("x", "a&b=c#d")],
    [("x", "%"), ("y", "%2"), ("z", "%zz")],
    [("x", "\x00\x01\x1f\x7f\t")],
    [("x", "a" * 5_000)],
    [("x", "\ud800")],
]


def hostile_requests() -> list[tuple[str, list[tuple[str, str]]]]:
    """Every hostile path without a query, and every hostile query on a directory without
    its slash (a redirect) and on a file (passed on)."""
    cases: list[tuple[str, list[tuple[str, str]]]] = [(path, []) for path in HOSTILE_PATHS]
    cases += [("/tin-tuc", query) for query in HOSTILE_QUERIES]
    cases += [(f"//{_EVIL}/x", query) for query in HOSTILE_QUERIES[:8]]
    cases += [("/feeds/rss.xml", query) for query in HOSTILE_QUERIES[:4]]
    return cases


def random_requests(count: int, seed: int) -> list[tuple[str, list[tuple[str, str]]]]:
    """`count` requests made of the pieces open redirects and header injections are made of."""
    pieces = [
        "/", "//", "\\", "%", "%2F", "%2f", "%5C", "%0d", "%0A", "%25", "%E5%98%8A", ".", "..",
        "?", "#", "&", "=", "@", ":", " ", "\t", "\r", "\n", "\x00", "\x7f", "a", "Z", "9",
        "evil.example", "http:", "đ", "ô", "ư", "\u560a", "\U0001f600", "\ud800", "~", "+",
    ]  # fmt: skip
    chance = random.Random(seed)  # noqa: S311 - reproducible test inputs, not secrets

    def text(most: int) -> str:
        return "".join(chance.choice(pieces) for _ in range(chance.randint(0, most)))

    cases = []
    for _ in range(count):
        uri = chance.choice(["/", "", "//"]) + text(8)
        query = [(text(3), text(4)) for _ in range(chance.randint(0, 3))]
        cases.append((uri, query))
    return cases


def assert_stays_on_site(location: str) -> None:
    """A `Location` that a browser can only read as a path of the site that sent it."""
    assert location.startswith("/"), location
    assert location[1:2] not in {"/", "\\"}, location
    assert all(33 <= ord(c) < 127 for c in location), f"raw character in {location!r}"
    assert "\\" not in location, location
    resolved = urlsplit(urljoin("https://site.example/tin-tuc/bai", location))
    assert (resolved.scheme, resolved.netloc) == ("https", "site.example"), location
