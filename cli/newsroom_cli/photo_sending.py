"""Sending an article's photos: uploads with a progress bar, then their processing watched.

The server processes a photo as soon as its upload lands. After uploading, the command
waits a little for each photo to leave `awaiting_upload` and says what became of it:
ready (with its caption, and whether it came from the photo file itself), or rejected
and why. Captions, alt texts and credits that changed are sent without the bytes;
photos the file no longer lists are removed; the photos are put in the file's order
when the article has them in another (its first ready photo is its lead photo).
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Mapping
from typing import Any

from newsroom_cli.api import NewsroomApi
from newsroom_cli.messages import decimal, say
from newsroom_cli.photo_checks import CheckedPhoto
from newsroom_cli.sync import PHOTO_FILE_SOURCES, PhotoPlan

PROCESSING_SECONDS = 60.0
POLL_SECONDS = 0.5
NAME_WIDTH = 24


def progress_bar(name: str, total: int) -> Callable[[int], None]:
    """A progress reporter for one upload: a bar on a terminal, one line otherwise."""
    done = 0
    interactive = sys.stderr.isatty()
    width = 30

    def report(count: int) -> None:
        nonlocal done
        done = min(total, done + count)
        if total >= 100_000:
            megabytes = f"{decimal(done / 1e6)}/{decimal(total / 1e6)} MB"
        else:
            megabytes = f"{decimal(total / 1e3, 0)} kB"
        if interactive:
            filled = int(width * done / total) if total else width
            bar = "#" * filled + "-" * (width - filled)
            percent = int(100 * done / total) if total else 100
            end = "\n" if done >= total else ""
            print(
                f"\r  {name:<{NAME_WIDTH}} [{bar}] {percent:3d}% {megabytes}",
                end=end,
                file=sys.stderr,
            )
        elif done >= total:
            print(
                f"  {name:<{NAME_WIDTH}} {say('photo.uploaded', size=megabytes)}", file=sys.stderr
            )

    return report


def photo_line(photo: Mapping[str, Any]) -> str:
    """One photo as the article has it: ready with its caption, rejected and why, or waiting."""
    name = f"{photo['name']:<{NAME_WIDTH}}"
    status = photo.get("status")
    if status == "ready":
        caption = photo.get("caption") or say("photo.no_caption")
        from_file = photo.get("caption_source") in PHOTO_FILE_SOURCES
        note = " " + say("photo.caption_from_file") if from_file and photo.get("caption") else ""
        return f"  {name} {say('photo.ready', caption=caption)}{note}"
    if status == "rejected":
        return f"  {name} {say('photo.rejected', reason=photo.get('reason') or '-')}"
    return f"  {name} {say('photo.still_processing')}"


def wait_for_processing(
    api: NewsroomApi, article_id: str, names: list[str], timeout: float = PROCESSING_SECONDS
) -> dict[str, dict[str, Any]]:
    """Each named photo once it has left `awaiting_upload` (or as it is at the timeout),
    printed as it settles."""
    deadline = time.monotonic() + timeout
    waiting = list(names)
    settled: dict[str, dict[str, Any]] = {}
    while True:
        photos = {str(p["name"]): p for p in api.photos(article_id)}
        for name in list(waiting):
            photo = photos.get(name)
            if photo is not None and photo.get("status") != "awaiting_upload":
                settled[name] = photo
                waiting.remove(name)
                print(photo_line(photo), file=sys.stderr)
        if not waiting:
            return settled
        if time.monotonic() >= deadline:
            for name in waiting:
                settled[name] = photos.get(name) or {"name": name, "status": "awaiting_upload"}
                print(photo_line(settled[name]), file=sys.stderr)
            print(say("photo.wait_timed_out", seconds=int(timeout)), file=sys.stderr)
            return settled
        time.sleep(POLL_SECONDS)


def send_photos(
    api: NewsroomApi,
    article_id: str,
    plan: PhotoPlan,
    checked: Mapping[str, CheckedPhoto],
    stored: Mapping[str, Mapping[str, Any]],
    timeout: float = PROCESSING_SECONDS,
) -> None:
    """Make the article's photos the file's: upload, reword, remove, order; then wait for
    the uploads."""
    for photo in plan.upload:
        upload = api.add_photo(
            article_id,
            {"name": photo.name, **photo.words(), "content_type": checked[photo.name].content_type},
        )
        api.upload(upload, photo.path, progress_bar(photo.name, checked[photo.name].size))
    for photo, words in plan.reword:
        api.change_photo(article_id, photo.name, words)
        print(f"  {photo.name:<{NAME_WIDTH}} {say('photo.reworded')}", file=sys.stderr)
    for name in plan.remove:
        api.remove_photo(article_id, name)
        print(f"  {name:<{NAME_WIDTH}} {say('photo.removed')}", file=sys.stderr)
    if plan.reorder:
        # Over the version the uploads, words and removals have left (a live article's
        # photo changes make versions).
        version = int(api.article(article_id)["version"])
        api.order_photos(article_id, plan.order, version)
        print(f"  {say('photo.ordered', names=', '.join(plan.order))}", file=sys.stderr)
    for photo in plan.unchanged:
        print(photo_line(stored[photo.name]), file=sys.stderr)
    if plan.upload:
        wait_for_processing(api, article_id, [p.name for p in plan.upload], timeout)
