"""Write (or check) openapi.json: the editorial API's OpenAPI document, generated from the code.

python infra/scripts/openapi.py          # regenerate openapi.json
python infra/scripts/openapi.py --check  # exit 1 when openapi.json is not current
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DOCUMENT_PATH = PROJECT_ROOT / "openapi.json"
INGEST_APP = PROJECT_ROOT / "functions" / "ingest" / "app.py"

# Names only: describing the API reads no resource.
_PLACEHOLDER_ENVIRONMENT = {
    "ARTICLES_TABLE": "articles",
    "CONTENT_BUCKET": "content",
    "IMAGES_QUEUE_URL": "https://sqs.us-east-1.amazonaws.com/123456789012/images",
    "AWS_DEFAULT_REGION": "us-east-1",
}


def ingest_module() -> ModuleType:
    """The ingest function's module, imported with placeholder resource names."""
    from newsroom.config import settings

    saved = {k: os.environ.get(k) for k in _PLACEHOLDER_ENVIRONMENT}
    os.environ.update({k: v for k, v in _PLACEHOLDER_ENVIRONMENT.items() if not os.environ.get(k)})
    settings.cache_clear()
    try:
        spec = importlib.util.spec_from_file_location("newsroom_ingest_for_openapi", INGEST_APP)
        if spec is None or spec.loader is None:
            raise ImportError(f"cannot load {INGEST_APP}")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        settings.cache_clear()


def current_document() -> dict[str, Any]:
    """The document as the code declares it now."""
    document: dict[str, Any] = ingest_module().api_document()
    return document


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
