"""Copy Swagger UI's files from npm into the Lambda layer, for the API's /docs page.

`make swagger-ui` runs `npm ci` here (swagger-ui-dist, pinned by package-lock.json), then
this script: the browser bundle, its stylesheet and their licences go to
shared/newsroom/api/swagger_ui/ (the layer), with VENDORED.json naming the package, its
version and integrity from the lockfile, and the SHA-256 of each file copied.
tests/unit/test_api_docs.py checks that the copies are those files of that version, so /docs
serves the pinned Swagger UI from the layer itself, never from another host.

Standard library only.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
PACKAGE = "swagger-ui-dist"
SOURCE = HERE / "node_modules" / PACKAGE
TARGET = HERE.parents[1] / "shared" / "newsroom" / "api" / "swagger_ui"
# What the page loads, and the licence texts that must travel with it (Apache-2.0).
FILES = (
    "swagger-ui-bundle.js",
    "swagger-ui.css",
    "LICENSE",
    "NOTICE",
    "swagger-ui-bundle.js.LICENSE.txt",
)
MANIFEST = "VENDORED.json"


def sha256(path: Path) -> str:
    """The file's SHA-256, in hex."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def main() -> int:
    lock = json.loads((HERE / "package-lock.json").read_text(encoding="utf-8"))
    locked = lock["packages"][f"node_modules/{PACKAGE}"]
    installed = json.loads((SOURCE / "package.json").read_text(encoding="utf-8"))
    if installed["version"] != locked["version"]:
        print(
            f"vendor.py: node_modules has {PACKAGE} {installed['version']}, the lockfile "
            f"{locked['version']}: run `npm ci` in {HERE}",
            file=sys.stderr,
        )
        return 1
    TARGET.mkdir(parents=True, exist_ok=True)
    for name in FILES:
        shutil.copyfile(SOURCE / name, TARGET / name)
    manifest = {
        "package": PACKAGE,
        "version": locked["version"],
        "integrity": locked["integrity"],
        "files": {name: sha256(TARGET / name) for name in FILES},
    }
    (TARGET / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    print(f"{PACKAGE} {locked['version']}: {len(FILES)} files in {TARGET}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
