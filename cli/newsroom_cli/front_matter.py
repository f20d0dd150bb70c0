"""The YAML front matter of an article file: found, read strictly, and written back.

An article file starts with a line `---`, then `key: value` lines, then another line
`---`, then the body. Every value is read as text (YAML's "no" is not false, "2026" is
not a number), a key written twice is a mistake rather than the last one winning, and
each mistake says where it is and how to fix it: a missing closing `---`, a value
holding `: ` that YAML cannot read unless it is quoted (with the line as it should be),
a tab used for indenting. What the keys mean is `newsroom_cli.article_file`'s business.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from newsroom_cli.errors import CommandError
from newsroom_cli.messages import say

FENCE = re.compile(r"^---[ \t]*$")
BYTE_ORDER_MARK = "\ufeff"
# A key and its value on one line, possibly as an item of a list: `  - caption: ...`.
_KEY_VALUE = re.compile(
    r"^(?P<lead>\s*(?:-\s+)?)(?P<key>[^\s:#][^:#]*?):[ \t]+(?P<value>\S.*?)\s*$"
)

# A line front matter is made of: a key (keys are ASCII), a list item, an indented or
# continued value, a comment.
_FRONT_MATTER_LINE = re.compile(r"^([A-Za-z_][\w-]*:(\s|$)|-(\s|$)|\s|#)")

Path = tuple[str | int, ...]

# The problems PyYAML reports that a message of ours explains.
_YAML_PROBLEMS = {
    "mapping values are not allowed here": "yaml.problem.colon",
    "could not find expected ':'": "yaml.problem.no_colon",
    "found character '\\t' that cannot start any token": "yaml.problem.tab",
    "found a tab character that violates indentation": "yaml.problem.tab",
}


@dataclass(frozen=True)
class FrontMatter:
    """The front matter's values (text, lists and mappings of text) and where each key is."""

    values: dict[str, Any]
    lines: dict[Path, int] = field(default_factory=dict)

    def line_of(self, *path: str | int) -> int:
        """The file's line (from 1) where a key is written, or 0 when it is not known."""
        return self.lines.get(path, 0)


@dataclass(frozen=True)
class SplitFile:
    """An article file cut in two: the front matter's text and the body."""

    front_matter: str
    body: str
    body_line: int  # the file's line (from 1) where the body starts


def split_article_text(text: str, name: str) -> SplitFile:
    """The front matter and the body of the file's text; a CommandError when the fences
    are missing."""
    lines = text.removeprefix(BYTE_ORDER_MARK).splitlines(keepends=True)
    if not lines or not FENCE.match(lines[0].rstrip("\r\n")):
        raise CommandError(say("file.no_front_matter", file=name))
    for index in range(1, len(lines)):
        if FENCE.match(lines[index].rstrip("\r\n")):
            return SplitFile("".join(lines[1:index]), "".join(lines[index + 1 :]), index + 2)
    raise CommandError(_no_closing_fence(lines, name))


def _no_closing_fence(lines: list[str], name: str) -> str:
    """Where the closing `---` is missing: before the first line that YAML would not take
    for front matter (not a key, a list item, an indented or blank line, or a comment)."""
    for index in range(1, len(lines)):
        line = lines[index].rstrip("\r\n")
        if line.strip() and not _FRONT_MATTER_LINE.match(line):
            return say("file.no_closing_fence_at", file=name, line=index + 1)
    return say("file.no_closing_fence", file=name)


def _quoted(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _parses(text: str) -> bool:
    try:
        yaml.compose(text, Loader=yaml.BaseLoader)
    except yaml.YAMLError:
        return False
    return True


def _quoting_fix(text: str, candidates: list[int]) -> tuple[int, str] | None:
    """The line (index in `text`) whose value, quoted, makes the front matter readable."""
    lines = text.splitlines()
    for index in candidates:
        if not 0 <= index < len(lines):
            continue
        found = _KEY_VALUE.match(lines[index])
        if found is None or found["value"][0] in "\"'":
            continue
        fixed = f"{found['lead']}{found['key']}: {_quoted(found['value'])}"
        if _parses("\n".join([*lines[:index], fixed, *lines[index + 1 :]])):
            return index, fixed
    return None


def yaml_mistake(error: yaml.YAMLError, text: str, first_line: int, name: str) -> str:
    """What is wrong with the front matter, where, and the likely fix."""
    problem_mark = getattr(error, "problem_mark", None)
    context_mark = getattr(error, "context_mark", None)
    problem = str(getattr(error, "problem", "") or error)
    key = _YAML_PROBLEMS.get(problem)
    explained = say(key) if key else problem
    index = problem_mark.line if problem_mark is not None else 0
    candidates = [index, *([context_mark.line] if context_mark is not None else []), index - 1]
    fix = _quoting_fix(text, candidates)
    if fix is not None:
        fixed_index, fixed_line = fix
        return say(
            "yaml.quote_the_value",
            file=name,
            line=first_line + fixed_index,
            problem=explained,
            fixed=fixed_line,
        )
    written = text.splitlines()[index] if index < len(text.splitlines()) else ""
    if key == "yaml.problem.tab" or "\t" in written[: len(written) - len(written.lstrip())]:
        return say("yaml.use_spaces", file=name, line=first_line + index)
    return say(
        "yaml.unreadable", file=name, line=first_line + index, problem=explained, written=written
    )


def _plain(node: yaml.Node, path: Path, first_line: int, lines: dict[Path, int]) -> Any:
    """A node as text, a list or a dict; a key written twice is a CommandError."""
    if isinstance(node, yaml.MappingNode):
        values: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = str(key_node.value) if isinstance(key_node, yaml.ScalarNode) else ""
            line = first_line + key_node.start_mark.line
            if (*path, key) in lines:
                raise CommandError(
                    say("yaml.twice", key=key, first=lines[(*path, key)], second=line)
                )
            lines[(*path, key)] = line
            values[key] = _plain(value_node, (*path, key), first_line, lines)
        return values
    if isinstance(node, yaml.SequenceNode):
        items = []
        for position, item in enumerate(node.value):
            lines[(*path, position)] = first_line + item.start_mark.line
            items.append(_plain(item, (*path, position), first_line, lines))
        return items
    return str(node.value)


def read_front_matter(text: str, first_line: int, name: str) -> FrontMatter:
    """The front matter's values, every scalar as text (`first_line`: the file's line of
    the text's first line, for messages)."""
    try:
        node = yaml.compose(text, Loader=yaml.BaseLoader)
    except yaml.YAMLError as error:
        raise CommandError(yaml_mistake(error, text, first_line, name)) from None
    if node is None:
        return FrontMatter({})
    if not isinstance(node, yaml.MappingNode):
        raise CommandError(say("file.not_key_value", file=name))
    lines: dict[Path, int] = {}
    try:
        values = _plain(node, (), first_line, lines)
    except CommandError as error:
        raise CommandError(f"{name}: {error}") from None
    return FrontMatter(values, lines)


def yaml_scalar(value: str) -> str:
    """A text as a YAML value on one line, quoted only when YAML needs it."""
    style = '"' if "\n" in value else None
    dumped = yaml.safe_dump(value, allow_unicode=True, width=1 << 30, default_style=style)
    return dumped.removesuffix("\n").removesuffix("\n...").strip()


def yaml_list(values: list[str]) -> str:
    """A list of texts as a YAML flow list: `[giao thông, hạ tầng]`."""
    return "[" + ", ".join(yaml_scalar(v) for v in values) + "]"
