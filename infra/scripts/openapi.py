"""Write (or check) openapi.json: the editorial API's OpenAPI document, generated from the code.

python infra/scripts/openapi.py          # regenerate openapi.json
python infra/scripts/openapi.py --check  # exit 1 when openapi.json is not current
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DOCUMENT_PATH = PROJECT_ROOT / "openapi.json"


def ingest_module() -> ModuleType:
    """The ingest function's module, imported as the local stack imports it, with
    placeholder resource names: describing the API reads no resource."""
    from newsroom_local.functions import function_specs, load_handler
    from newsroom_local.template import PlaceholderEnvironment, load_template

    template = load_template()
    spec = function_specs(template, PlaceholderEnvironment(template))["IngestFunction"]
    module, _ = load_handler(spec)
    return module


def current_document() -> dict[str, Any]:
    """The document as the code declares it now: the routes the ingest function serves,
    under the title, version and description of `newsroom.api.openapi`."""
    from newsroom.api.openapi import editorial_api_document

    return editorial_api_document(ingest_module().router)


def as_text(document: dict[str, Any]) -> str:
    """The document as openapi.json stores it."""
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail when openapi.json differs")
    args = parser.parse_args(argv)
    text = as_text(current_document())
    if args.check:
        stored = DOCUMENT_PATH.read_text(encoding="utf-8") if DOCUMENT_PATH.exists() else ""
        if stored != text:
            print("openapi.json is not current: run `make openapi`", file=sys.stderr)
            return 1
        return 0
    DOCUMENT_PATH.write_text(text, encoding="utf-8")
    print(f"wrote {DOCUMENT_PATH.relative_to(PROJECT_ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
