"""Plain functions over models: what the API's routes do, free of HTTP and AWS details.

Each takes the `Newsroom` (its stores, queue and scheduler) first, and the caller as
`by`. Status flow: draft → in_review → scheduled | published → unpublished, and
in_review → draft when an editor sends an article back with a note. Every change saves
a new version (kept as a revision, with the action that made it) on the condition that
nobody saved another meanwhile; a change to a live article asks for its pages to be
rendered again.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from newsroom.editorial.errors import (
    Conflict,
    EditorialError,
    Forbidden,
    NotFound,
    PreconditionFailed,
    TooMany,
)
from newsroom.editorial.newsroom import Newsroom
from newsroom.editorial.policy import Action, authorize, status_name
from newsroom.i18n import Message
from newsroom.ids import is_article_id, new_article_id
from newsroom.models.article import (
    Article,
    ArticleStatus,
    Photo,
    PhotoStatus,
    RevisionAction,
)
from newsroom.models.caller import Caller
from newsroom.models.editorial import ArticleDraft, publication_time_problem
from newsroom.models.fields import utc_now
from newsroom.models.messages import PhotosRequested, PublicationDue
from newsroom.site.markdown import body_to_store, is_current
from newsroom.storage.articles import (
    ArticleNotFound,
    Revision,
    RevisionNotFound,
    VersionConflict,
)
from newsroom.text.slug import slugify

__all__ = [
    "Conflict",
    "EditorialError",
    "Forbidden",
    "NotFound",
    "PreconditionFailed",
    "TooMany",
]

SCHEDULER = "scheduler"


def slug_for(title: str, article_id: str) -> str:
    """The slug of the article's address: its title's, then the id's random tail, which
    keeps two articles with the same title apart."""
    base = slugify(title) or "bai-viet"
    return f"{base}-{article_id[-6:]}"


def create_article(newsroom: Newsroom, draft: ArticleDraft, *, by: Caller) -> Article:
    """Store a new draft article written by `by`."""
    authorize(by, Action.CREATE)
    now = utc_now()
    article_id = new_article_id()
    article = Article(
        id=article_id,
        slug=slug_for(draft.title, article_id),
        **draft.model_dump(),
        status=ArticleStatus.DRAFT,
        version=1,
        created_at=now,
        updated_at=now,
        created_by=by.username,
        updated_by=by.username,
        body_prepared=body_to_store(draft.body),
    )
    newsroom.article_store.create(article, action=RevisionAction.CREATE)
    return article


def find_article(newsroom: Newsroom, article_id: str) -> Article:
    """The article with this id, or NotFound."""
    if not is_article_id(article_id):
        raise NotFound("article.not_found", article_id=article_id)
    try:
        return newsroom.article_store.get(article_id)
    except ArticleNotFound as error:
        raise NotFound("article.not_found", article_id=article_id) from error


def read_article(newsroom: Newsroom, article_id: str, *, by: Caller) -> Article:
    """The article, for anyone allowed to read."""
    authorize(by, Action.READ)
    return find_article(newsroom, article_id)


def save_version(
    newsroom: Newsroom,
    article: Article,
    changes: dict[str, object],
    *,
    by: str,
    action: RevisionAction,
    note: str = "",
    conflict: EditorialError | None = None,
    moved: Sequence[Photo] = (),
) -> Article:
    """Save the article with `changes` as its next version, if nobody saved one meanwhile;
    its revision records `action` (what saved it) and `note`. The new place of each
    `moved` photo (its `position`) is saved with it, in the same transaction.

    The body is converted for the site as it is saved, so that rendering pages never
    parses Markdown. An editor's note from sending the article back stays with it until
    its status changes again.
    """
    update: dict[str, object] = {
        **changes,
        "version": article.version + 1,
        "updated_at": utc_now(),
        "updated_by": by,
    }
    if "status" in changes and changes["status"] is not article.status:
        update["review_note"] = note if action is RevisionAction.SEND_BACK else ""
    saved = article.model_copy(update=update)
    if "body" in changes or not is_current(saved.body_prepared):
        saved.body_prepared = body_to_store(saved.body)
    saved.photos = article.photos
    try:
        newsroom.article_store.save(
            saved, expected_version=article.version, action=action, note=note, moved=moved
        )
    except VersionConflict as error:
        raise conflict or Conflict("article.changed_meanwhile") from error
    return saved


def render_again(newsroom: Newsroom, article: Article) -> None:
    """Ask for the article's photos to be processed and its pages (or their removal) rendered."""
    newsroom.images_queue.send(PhotosRequested(article_id=article.id, version=article.version))


def update_article(
    newsroom: Newsroom,
    article_id: str,
    draft: ArticleDraft,
    *,
    expected_version: int,
    by: Caller,
) -> Article:
    """Replace the editable fields if the caller saw the latest version (else PreconditionFailed).

    A published article stays published and is rendered again. Its address stays the
    same: the slug is fixed once an article has been published, and a live article
    cannot move to another category. A save that changes nothing is no new version:
    the article comes back as it is, nothing is written and nothing is rendered.
    """
    article = find_article(newsroom, article_id)
    authorize(by, Action.EDIT, article)
    if article.version != expected_version:
        raise PreconditionFailed(
            "article.stale_version", current=article.version, expected=expected_version
        )
    changes: dict[str, object] = draft.model_dump()
    if all(getattr(article, name) == value for name, value in changes.items()):
        return article
    if article.is_live and draft.category != article.category:
        raise Conflict("article.category_locked")
    if article.published_at is None:
        changes["slug"] = slug_for(draft.title, article.id)
    updated = save_version(
        newsroom,
        article,
        changes,
        by=by.username,
        action=RevisionAction.EDIT,
        conflict=PreconditionFailed("article.saved_meanwhile"),
    )
    if updated.is_live:
        render_again(newsroom, updated)
    return updated


def _move(
    newsroom: Newsroom,
    article_id: str,
    *,
    by: Caller,
    action: Action,
    source: ArticleStatus,
    target: ArticleStatus,
    revision: RevisionAction,
    refused: str,
    note: str = "",
) -> Article:
    """An article in `source` status goes to `target` by `action` (its revision's
    `revision`, with `note`); in any other status it is a Conflict (`refused`)."""
    article = find_article(newsroom, article_id)
    authorize(by, action, article)
    if article.status is not source:
        raise Conflict(refused, status=status_name(article.status))
    return save_version(
        newsroom, article, {"status": target}, by=by.username, action=revision, note=note
    )


def submit_article(newsroom: Newsroom, article_id: str, *, by: Caller) -> Article:
    """A draft goes to the editors for review."""
    return _move(
        newsroom,
        article_id,
        by=by,
        action=Action.SUBMIT,
        source=ArticleStatus.DRAFT,
        target=ArticleStatus.IN_REVIEW,
        revision=RevisionAction.SUBMIT,
        refused="article.submit_not_draft",
    )


def send_back_article(newsroom: Newsroom, article_id: str, note: str, *, by: Caller) -> Article:
    """An article in review goes back to its reporter as a draft, with the editor's note
    (kept in the revision this makes, and shown with the draft until it is submitted)."""
    return _move(
        newsroom,
        article_id,
        by=by,
        action=Action.SEND_BACK,
        source=ArticleStatus.IN_REVIEW,
        target=ArticleStatus.DRAFT,
        revision=RevisionAction.SEND_BACK,
        refused="article.send_back_not_in_review",
        note=note,
    )


def _publish_now(newsroom: Newsroom, article: Article, *, by: str) -> Article:
    if article.status is not ArticleStatus.PUBLISHED:
        was_scheduled = article.status is ArticleStatus.SCHEDULED
        article = save_version(
            newsroom,
            article,
            {
                "status": ArticleStatus.PUBLISHED,
                "published_at": article.published_at or utc_now(),
                "scheduled_for": None,
            },
            by=by,
            action=RevisionAction.PUBLISH,
        )
        if was_scheduled:
            newsroom.publication_scheduler.cancel(article.id)
    render_again(newsroom, article)
    return article


class PublicationTimeRefused(EditorialError):
    """A `publish_at` in the past (beyond a minute of clock skew) or too far ahead."""

    status = 422


class PhotosNotReady(Conflict):
    """The article has photos that are not ready (never uploaded, or rejected): publishing
    it would leave them out without anyone seeing it. `force` publishes all the same."""

    kind = "photos-not-ready"


def photo_state(status: PhotoStatus, reason: Message | None) -> Message:
    """A photo's status, and why it was rejected, in words."""
    if status is PhotoStatus.REJECTED:
        return Message("photo.state.rejected", reason=reason or "-")
    return Message(f"photo.state.{status.value}")


def _check_photos_ready(article: Article) -> None:
    waiting = [p for p in article.photos if p.status is not PhotoStatus.READY]
    if waiting:
        raise PhotosNotReady(
            "article.photos_not_ready",
            names=tuple(p.name for p in waiting),
            errors=[(f"photos.{p.name}", photo_state(p.status, p.reason)) for p in waiting],
        )


def publish_article(
    newsroom: Newsroom,
    article_id: str,
    *,
    by: Caller,
    publish_at: datetime | None = None,
    force: bool = False,
) -> Article:
    """Publish the article now, or schedule it when `publish_at` is still to come.

    A `publish_at` up to a minute in the past (a client's clock behind ours) means
    now; earlier, or more than five years ahead, is refused: a mistyped year must not
    release an embargoed article. An article with a photo that is not ready (awaiting
    its upload, or rejected) is refused, naming each such photo, unless `force`: then
    its page shows its ready photos only. Publishing an article that is already
    published asks for its pages again, so a client that retries after a failure
    always ends with the site up to date.
    """
    article = find_article(newsroom, article_id)
    authorize(by, Action.PUBLISH, article)
    now = utc_now()
    if publish_at is not None:
        problem = publication_time_problem(publish_at, now)
        if problem:
            reason = problem.with_params(label=Message("field.publish_at"))
            raise PublicationTimeRefused(
                "article.publish_at_refused", problem=reason, errors=[("publish_at", reason)]
            )
    later = publish_at is not None and publish_at > now
    if later and article.status is ArticleStatus.PUBLISHED:
        raise Conflict("article.already_published")
    if not force:
        _check_photos_ready(article)
    if publish_at is None or not later:
        return _publish_now(newsroom, article, by=by.username)
    scheduled = save_version(
        newsroom,
        article,
        {"status": ArticleStatus.SCHEDULED, "scheduled_for": publish_at},
        by=by.username,
        action=RevisionAction.SCHEDULE,
    )
    newsroom.publication_scheduler.schedule(
        article.id, publish_at, PublicationDue(article_id=article.id, publish_at=publish_at)
    )
    return scheduled


def publish_due(newsroom: Newsroom, due: PublicationDue) -> Article | None:
    """Publish a scheduled article when its time has come; None when it no longer waits for it.

    The schedule may be stale: the article was published by hand, unpublished,
    rescheduled or deleted since; then nothing happens.
    """
    try:
        article = find_article(newsroom, due.article_id)
    except NotFound:
        return None
    if article.status is not ArticleStatus.SCHEDULED or article.scheduled_for != due.publish_at:
        return None
    return _publish_now(newsroom, article, by=SCHEDULER)


def unpublish_article(newsroom: Newsroom, article_id: str, *, by: Caller) -> Article:
    """Take the article off the site (or cancel its schedule); its page and listings follow."""
    article = find_article(newsroom, article_id)
    authorize(by, Action.UNPUBLISH, article)
    if article.status not in (ArticleStatus.PUBLISHED, ArticleStatus.SCHEDULED):
        raise Conflict("article.unpublish_not_live", status=status_name(article.status))
    was_scheduled = article.status is ArticleStatus.SCHEDULED
    unpublished = save_version(
        newsroom,
        article,
        {"status": ArticleStatus.UNPUBLISHED, "scheduled_for": None},
        by=by.username,
        action=RevisionAction.UNPUBLISH,
    )
    if was_scheduled:
        newsroom.publication_scheduler.cancel(article.id)
    render_again(newsroom, unpublished)
    return unpublished


def delete_article(newsroom: Newsroom, article_id: str, *, by: Caller) -> None:
    """Remove an article that is not on the site, with its photos and revisions.

    A render is asked for all the same: when the article was unpublished just before,
    the render that takes it off the site may not have run yet, and whichever render
    comes last finds it gone and removes its page, its entries and its words.
    """
    article = find_article(newsroom, article_id)
    authorize(by, Action.DELETE, article)
    if article.status is ArticleStatus.PUBLISHED:
        raise Conflict("article.delete_published")
    if article.status is ArticleStatus.SCHEDULED:
        newsroom.publication_scheduler.cancel(article.id)
    newsroom.article_store.delete(article.id)
    render_again(newsroom, article)


def article_revisions(newsroom: Newsroom, article_id: str, *, by: Caller) -> list[Revision]:
    """Every saved version of the article, oldest first."""
    authorize(by, Action.READ)
    article = find_article(newsroom, article_id)
    return newsroom.article_store.revisions(article.id)


def article_revision(newsroom: Newsroom, article_id: str, number: int, *, by: Caller) -> Revision:
    """One saved version of the article."""
    authorize(by, Action.READ)
    article = find_article(newsroom, article_id)
    try:
        return newsroom.article_store.revision(article.id, number)
    except RevisionNotFound as error:
        raise NotFound("revision.not_found", number=number, latest=article.version) from error
