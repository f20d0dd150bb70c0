"""The site as the integration tests compare it: the pages publishing wrote to the site
bucket, and what a fresh `newsroom build` of the same table writes."""

from __future__ import annotations

from pathlib import Path

from newsroom_cli.main import main

from tests.integration.conftest import SITE_URL, Stack


def rendered_pages(site: dict[str, bytes]) -> dict[str, bytes]:
    """The site's objects but photo renditions and the like, which are not rendered pages."""
    return {k: v for k, v in site.items() if not k.startswith("media/")}


def fresh_build(stack: Stack, out: Path) -> dict[str, bytes]:
    """`newsroom build` of the stack's articles table into `out` (one worker): every file
    it wrote, by its path in the folder."""
    code = main(
        [
            "build",
            "--out",
            str(out),
            "--table",
            stack.env.ref("ArticlesTable"),
            "--base-url",
            SITE_URL,
            "--workers",
            "1",
        ]
    )
    assert code == 0
    return {str(p.relative_to(out)): p.read_bytes() for p in out.rglob("*") if p.is_file()}
