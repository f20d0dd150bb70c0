"""A Markdown file and its article on the server, kept in step without losing anyone's edit.

The file records the version it was last in step with (`version:`). A save sends it
as `If-Match`, so the API refuses (412) a file that someone else's save has made out
of date; the command then shows what changed on the server since that version and how
to merge. A save that changes nothing sends nothing.

Versions that only moved the article along its status flow (submitted, published,
scheduled) leave the text as it was: a file made before them is still in step, and is
saved over the current version. Any other save since the file's version (its text, or
a photo of a live article) makes the file out of date.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from newsroom_cli.api import ApiProblem, NewsroomApi
from newsroom_cli.article_file import EDITABLE_FIELDS, ArticleFile, PhotoEntry
from newsroom_cli.errors import CommandError
from newsroom_cli.messages import say
from newsroom_cli.word_diff import article_changes

# Where a photo's caption, alt text or credit came from when the photo file itself gave it.
PHOTO_FILE_SOURCES = ("iptc", "xmp")


def editable(article: Mapping[str, Any]) -> dict[str, Any]:
    """What an editor writes of an article or a revision (not its photos or status)."""
    return {key: article.get(key) for key in EDITABLE_FIELDS}


def as_stored(fields: Mapping[str, Any]) -> dict[str, Any]:
    """The file's fields as the API will store them (NFC text, one line ending, no repeated
    tag), for comparing with what it has; fields it would refuse stay as they are."""
    from newsroom.models.editorial import ArticleDraft
    from pydantic import ValidationError

    try:
        return editable(ArticleDraft.model_validate(dict(fields)).model_dump())
    except ValidationError:
        return editable(fields)


def same_text(first: str, second: str) -> bool:
    """Whether two texts say the same, whatever their case, accents' encoding and spacing."""

    def folded(text: str) -> str:
        return " ".join(unicodedata.normalize("NFC", text).casefold().split())

    return folded(first) == folded(second)


@dataclass(frozen=True)
class PhotoPlan:
    """What a save does to the article's photos so that they are the file's; `order`
    is the file's order of them, sent when the article would have them in another."""

    upload: list[PhotoEntry] = field(default_factory=list)
    reword: list[tuple[PhotoEntry, dict[str, str]]] = field(default_factory=list)
    remove: list[str] = field(default_factory=list)
    unchanged: list[PhotoEntry] = field(default_factory=list)
    order: list[str] = field(default_factory=list)
    reorder: bool = False

    @property
    def changes_nothing(self) -> bool:
        return not (self.upload or self.reword or self.remove or self.reorder)


def changed_words(photo: PhotoEntry, stored: Mapping[str, Any]) -> dict[str, str]:
    """The file's words for a photo that differ from the article's. A word the file leaves
    out keeps what the article has: the server fills some in (an alt text from the caption,
    words from the photo file's own metadata), and `pull` writes them into the file."""
    return {
        key: value
        for key, value in photo.words().items()
        if value and value != (stored.get(key) or "")
    }


def photo_plan(
    photos: Sequence[PhotoEntry], hashes: Mapping[str, str], stored: Sequence[Mapping[str, Any]]
) -> PhotoPlan:
    """Upload what is new or changed (or never arrived), change the words that changed,
    remove what the file no longer lists (`hashes`: each photo's SHA-256, by name), and
    put the photos in the file's order when the article would have them in another (it
    keeps its photos' order, and adds a new photo last)."""
    known = {str(p["name"]): p for p in stored}
    order = [p.name for p in photos]
    kept = [name for name in known if name in order]
    added = [name for name in order if name not in known]
    plan = PhotoPlan(
        remove=[name for name in known if name not in order],
        order=order,
        reorder=kept + added != order,
    )
    for photo in photos:
        before = known.get(photo.name)
        if (
            before is None
            or before.get("status") == "awaiting_upload"
            or before.get("sha256") != hashes[photo.name]
        ):
            plan.upload.append(photo)
        elif words := changed_words(photo, before):
            plan.reword.append((photo, words))
        else:
            plan.unchanged.append(photo)
    return plan


def _statuses_only(revisions: Sequence[Mapping[str, Any]], since: int) -> bool:
    """Whether every version after `since` moved the article along its status flow (a
    version whose status is its predecessor's changed something else: its text or a photo)."""
    by_number = {int(r["number"]): r for r in revisions}
    numbers = sorted(n for n in by_number if n > since)
    return all(
        (n - 1) in by_number and by_number[n]["status"] != by_number[n - 1]["status"]
        for n in numbers
    )


@dataclass(frozen=True)
class Base:
    """The version a save goes over, once the file is known to be in step with it."""

    version: int
    moved_along: bool = False  # only the status changed since the file's version


def out_of_date(
    article: ArticleFile,
    file_version: int,
    current: Mapping[str, Any],
    then: Mapping[str, Any] | None,
    colour: bool,
) -> CommandError:
    """The file is out of date: what changed on the server since its version, and how to merge."""
    lines = [
        say(
            "sync.out_of_date",
            file=article.path,
            version=file_version,
            current=current["version"],
            by=current.get("updated_by") or "-",
        )
    ]
    if then is None:
        lines.append(say("sync.no_such_version", version=file_version))
        lines.extend(article_changes(as_stored(article.fields()), editable(current), colour))
    else:
        lines.append(
            say("sync.changed_on_server", version=file_version, current=current["version"])
        )
        lines.extend(article_changes(editable(then), editable(current), colour))
    lines.append(say("sync.how_to_merge", file=article.path))
    return CommandError("\n".join(lines))


def base_for_save(
    api: NewsroomApi, article: ArticleFile, current: Mapping[str, Any], colour: bool
) -> Base:
    """The version to save over: the file's own, or the current one when only the status
    moved since; a CommandError showing what changed when the file is out of date."""
    article_id = str(current["id"])
    if article.version is None:
        if as_stored(article.fields()) == editable(current):
            return Base(int(current["version"]), moved_along=True)
        raise CommandError(
            "\n".join(
                [
                    say("sync.no_version", file=article.path, current=current["version"]),
                    *article_changes(as_stored(article.fields()), editable(current), colour),
                    say("sync.how_to_merge", file=article.path),
                ]
            )
        )
    if article.version == current["version"]:
        return Base(article.version)
    then = None
    if article.version < int(current["version"]):
        try:
            then = api.revision(article_id, article.version)
        except ApiProblem as problem:
            if problem.status != 404:
                raise
    if (
        then is not None
        and editable(then) == editable(current)
        and _statuses_only(api.revisions(article_id), article.version)
    ):
        return Base(int(current["version"]), moved_along=True)
    raise out_of_date(article, article.version, current, then, colour)
