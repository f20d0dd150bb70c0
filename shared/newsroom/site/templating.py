"""The reader site's Jinja2 environment, and its templates compiled ahead of time.

`sam build` compiles every template into a Python module of the layer
(`compiled_templates/` beside this file, written by infra/lambda/package.py through
`compile_templates`), and those modules into bytecode, so a function's first render
loads each template's code instead of parsing and compiling the template (about 35 ms of
CPU for the 15 templates on our benchmark machine). Where that folder is absent (the
local stack, the tests, the command line), templates compile on first use, from the same
files with the same settings.

Every document is rendered through `render`, which drops the characters XML 1.0
forbids from what the template made, so that no stored text, however old, can make a
feed, a sitemap or a page unreadable (a lone surrogate cannot even be written as
UTF-8); such characters are not text in HTML either. Text is escaped before that, so
taking a character out can never join two pieces into a tag or an entity. One pass
over the document costs far less than one over every value printed.
"""

from __future__ import annotations

from datetime import datetime
from email.utils import format_datetime
from functools import lru_cache
from pathlib import Path

from jinja2 import (
    BaseLoader,
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    ModuleLoader,
    select_autoescape,
)
from jinja2.filters import do_urlencode

from newsroom.site.dates import iso_local, vietnamese_date, vietnamese_datetime
from newsroom.site.pictures import mini_entry, picture
from newsroom.site.placeholders import colour_class
from newsroom.text.characters import xml_text

TEMPLATES = Path(__file__).parent / "templates"
COMPILED = Path(__file__).parent / "compiled_templates"


def _iso_utc(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def _rfc822(moment: datetime) -> str:
    return format_datetime(moment, usegmt=True)


def _urlencode(value: object) -> str:
    # Jinja's own filter, after the same cleaning: a lone surrogate has no UTF-8 bytes.
    return do_urlencode(xml_text(value) if isinstance(value, str) else value)  # type: ignore[arg-type]


def _environment(loader: BaseLoader) -> Environment:
    environment = Environment(
        loader=loader,
        autoescape=select_autoescape(["html", "xml"], default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        # Templates ship with the code: no need to look at the files again on each render.
        auto_reload=False,
    )
    environment.filters.update(
        iso=iso_local,
        iso_utc=_iso_utc,
        vn_date=vietnamese_date,
        vn_datetime=vietnamese_datetime,
        rfc822=_rfc822,
        urlencode=_urlencode,
        placeholder=colour_class,
        picture=picture,
        mini_entry=mini_entry,
    )
    return environment


@lru_cache(maxsize=1)
def environment() -> Environment:
    """The environment pages are rendered with: compiled templates first, when shipped."""
    source = FileSystemLoader(str(TEMPLATES))
    if COMPILED.is_dir():
        return _environment(ChoiceLoader([ModuleLoader(str(COMPILED)), source]))
    return _environment(source)


def compile_templates(folder: Path) -> int:
    """Compile every template into a module in `folder`; how many there were."""
    compiling = _environment(FileSystemLoader(str(TEMPLATES)))
    names = compiling.list_templates()
    compiling.compile_templates(str(folder), zip=None, ignore_errors=False)
    return len(names)


def render(template: str, **values: object) -> str:
    """The document `template` makes of `values`, without the characters XML 1.0 forbids."""
    return xml_text(environment().get_template(template).render(**values))
