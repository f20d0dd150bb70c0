"""The editorial functions on their own, on moto: an article's life from draft to withdrawn,
who may do what to it, lost updates refused, publishing now or later, deleting, and the
versions it keeps."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from newsroom.api.etags import expected_version
from newsroom.api.problems import Problem
from newsroom.editorial.articles import (
    article_revision,
    article_revisions,
    create_article,
    delete_article,
    publish_article,
    publish_due,
    read_article,
    save_version,
    submit_article,
    unpublish_article,
    update_article,
)
from newsroom.editorial.errors import (
    Conflict,
    EditorialError,
    Forbidden,
    NotFound,
    PreconditionFailed,
)
from newsroom.editorial.newsroom import Newsroom
from newsroom.models.article import Article, ArticleStatus, RevisionAction
from newsroom.models.messages import PublicationDue

from tests.unit.editorial_newsroom import (
    ADMIN,
    EDITOR,
    NO_ROLE,
    OTHER_REPORTER,
    REPORTER,
    draft,
    newsroom_on_moto,  # noqa: F401 - the fixture `newsroom`
    renders_asked,
    schedule_of,
)


def _in_review(newsroom: Newsroom) -> Article:
    article = create_article(newsroom, draft(), by=REPORTER)
    return submit_article(newsroom, article.id, by=REPORTER)


def _published(newsroom: Newsroom) -> Article:
    article = publish_article(newsroom, _in_review(newsroom).id, by=EDITOR)
    renders_asked(newsroom)
    return article


def _refused(error: pytest.ExceptionInfo[EditorialError], status: int) -> str:
    assert error.value.status == status
    return error.value.detail


# The status flow: draft → in_review → scheduled | published → unpublished.


def test_a_new_article_is_a_draft_at_version_one_with_an_address_of_its_own(
    newsroom: Newsroom,
) -> None:
    article = create_article(newsroom, draft(), by=REPORTER)
    assert article.status is ArticleStatus.DRAFT
    assert article.version == 1
    assert article.created_by == article.updated_by == "phong.vien"
    assert article.slug == f"khanh-thanh-cau-ben-luc-moi-{article.id[-6:]}"
    assert article.path == f"/tin-tuc/{article.slug}/"
    assert article.published_at is None
    assert read_article(newsroom, article.id, by=EDITOR) == article
    assert renders_asked(newsroom) == []


def test_a_draft_goes_to_review_then_live_then_off_the_site(
    newsroom: Newsroom,
) -> None:
    article = create_article(newsroom, draft(), by=REPORTER)
    in_review = submit_article(newsroom, article.id, by=REPORTER)
    assert (in_review.status, in_review.version) == (ArticleStatus.IN_REVIEW, 2)
    assert renders_asked(newsroom) == []

    published = publish_article(newsroom, article.id, by=EDITOR)
    assert (published.status, published.version) == (ArticleStatus.PUBLISHED, 3)
    assert published.updated_by == "bien.tap"
    assert published.published_at is not None
    assert renders_asked(newsroom) == [(article.id, 3)]

    unpublished = unpublish_article(newsroom, article.id, by=EDITOR)
    assert (unpublished.status, unpublished.version) == (ArticleStatus.UNPUBLISHED, 4)
    assert renders_asked(newsroom) == [(article.id, 4)]
    assert read_article(newsroom, article.id, by=REPORTER) == unpublished


def test_an_article_published_again_keeps_its_first_publication_time(
    newsroom: Newsroom,
) -> None:
    first = _published(newsroom)
    unpublish_article(newsroom, first.id, by=EDITOR)
    again = publish_article(newsroom, first.id, by=ADMIN)
    assert again.status is ArticleStatus.PUBLISHED
    assert again.published_at == first.published_at


def test_an_editor_may_publish_a_draft_directly(newsroom: Newsroom) -> None:
    article = create_article(newsroom, draft(), by=REPORTER)
    assert publish_article(newsroom, article.id, by=EDITOR).status is ArticleStatus.PUBLISHED


def test_publishing_what_is_published_changes_nothing_but_asks_for_its_pages_again(
    newsroom: Newsroom,
) -> None:
    article = _published(newsroom)
    again = publish_article(newsroom, article.id, by=EDITOR)
    assert again == article
    assert renders_asked(newsroom) == [(article.id, article.version)]


@pytest.mark.parametrize(
    ("steps", "action", "reason"),
    [
        (
            ["submit"],
            "submit",
            "Only a draft can be submitted for review; this article is in_review.",
        ),
        (
            [],
            "unpublish",
            "Only a published or scheduled article can be unpublished; this article is draft.",
        ),
        (
            ["submit", "publish", "unpublish"],
            "unpublish",
            "Only a published or scheduled article can be unpublished; "
            "this article is unpublished.",
        ),
    ],
)
def test_a_change_the_flow_does_not_allow_is_a_conflict_that_names_the_status(
    newsroom: Newsroom,
    steps: list[str],
    action: str,
    reason: str,
) -> None:
    article = create_article(newsroom, draft(), by=REPORTER)
    actions = {
        "submit": lambda: submit_article(newsroom, article.id, by=EDITOR),
        "publish": lambda: publish_article(newsroom, article.id, by=EDITOR),
        "unpublish": lambda: unpublish_article(newsroom, article.id, by=EDITOR),
    }
    for step in steps:
        actions[step]()
    with pytest.raises(Conflict) as refused:
        actions[action]()
    assert _refused(refused, 409) == reason


# Who may do what: reporters their own drafts, editors and admins everything.


def test_a_reporter_edits_and_submits_its_own_draft(newsroom: Newsroom) -> None:
    article = create_article(newsroom, draft(), by=REPORTER)
    edited = update_article(
        newsroom, article.id, draft(title="Thông xe cầu Bến Lức"), expected_version=1, by=REPORTER
    )
    assert edited.title == "Thông xe cầu Bến Lức"
    assert submit_article(newsroom, article.id, by=REPORTER).status is ArticleStatus.IN_REVIEW


def test_a_reporter_may_not_change_another_reporters_draft(
    newsroom: Newsroom,
) -> None:
    article = create_article(newsroom, draft(), by=REPORTER)
    with pytest.raises(Forbidden) as refused:
        update_article(newsroom, article.id, draft(), expected_version=1, by=OTHER_REPORTER)
    assert _refused(refused, 403) == (
        "A reporter may only change its own drafts; this article was written by phong.vien "
        "and you are signed in as phong.vien.2 (reporter)."
    )
    with pytest.raises(Forbidden):
        submit_article(newsroom, article.id, by=OTHER_REPORTER)
    assert read_article(newsroom, article.id, by=OTHER_REPORTER).version == 1


def test_a_reporter_may_not_change_its_article_once_submitted(
    newsroom: Newsroom,
) -> None:
    article = _in_review(newsroom)
    with pytest.raises(Forbidden) as refused:
        update_article(newsroom, article.id, draft(), expected_version=2, by=REPORTER)
    assert _refused(refused, 403) == (
        "A reporter may only change drafts; this article is in_review. Ask an editor."
    )


@pytest.mark.parametrize(
    ("action", "words"),
    [
        (lambda n, a: publish_article(n, a, by=REPORTER), "publish or schedule articles"),
        (lambda n, a: unpublish_article(n, a, by=REPORTER), "unpublish articles"),
        (lambda n, a: delete_article(n, a, by=REPORTER), "delete articles"),
    ],
    ids=["publish", "unpublish", "delete"],
)
def test_only_editors_publish_unpublish_and_delete(
    newsroom: Newsroom,
    action: object,
    words: str,
) -> None:
    article = _in_review(newsroom)
    with pytest.raises(Forbidden) as refused:
        action(newsroom, article.id)  # type: ignore[operator]
    assert _refused(refused, 403) == (
        f"Only editor or admin may {words}; you are signed in as phong.vien (reporter)."
    )
    assert read_article(newsroom, article.id, by=EDITOR) == article


def test_an_editor_changes_any_article_and_a_caller_without_a_role_nothing(
    newsroom: Newsroom,
) -> None:
    article = _in_review(newsroom)
    edited = update_article(
        newsroom, article.id, draft(summary="Đã biên tập."), expected_version=2, by=EDITOR
    )
    assert (edited.summary, edited.updated_by, edited.created_by) == (
        "Đã biên tập.",
        "bien.tap",
        "phong.vien",
    )
    with pytest.raises(Forbidden) as refused:
        read_article(newsroom, article.id, by=NO_ROLE)
    assert _refused(refused, 403) == (
        "Only reporter or editor or admin may read articles; "
        "you are signed in as ban.doc (no newsroom role)."
    )
    with pytest.raises(Forbidden):
        create_article(newsroom, draft(), by=NO_ROLE)


def test_an_unknown_or_malformed_id_is_not_found(newsroom: Newsroom) -> None:
    for article_id in ("01m8fqsj12cyzdgt56pfrapd1g", "khong-co"):
        with pytest.raises(NotFound) as missing:
            read_article(newsroom, article_id, by=EDITOR)
        assert _refused(missing, 404) == f"No article has the id {article_id!r}."


# Lost updates: the version the caller saw (If-Match) must still be the latest.


def test_an_edit_of_a_version_that_is_no_longer_the_latest_is_refused(
    newsroom: Newsroom,
) -> None:
    article = create_article(newsroom, draft(), by=REPORTER)
    update_article(newsroom, article.id, draft(title="Bản của tôi"), expected_version=1, by=EDITOR)
    with pytest.raises(PreconditionFailed) as refused:
        update_article(
            newsroom, article.id, draft(title="Bản của bạn"), expected_version=1, by=ADMIN
        )
    assert _refused(refused, 412) == (
        "The article is at version 2, not 1: someone saved it after you read it. "
        "Read it again, then apply your changes."
    )
    assert read_article(newsroom, article.id, by=EDITOR).title == "Bản của tôi"


def test_if_match_names_the_version_an_edit_expects(newsroom: Newsroom) -> None:
    article = create_article(newsroom, draft(), by=REPORTER)
    current = read_article(newsroom, article.id, by=EDITOR).version
    edited = update_article(
        newsroom,
        article.id,
        draft(title="Sửa lần một"),
        expected_version=expected_version('"1"', current),
        by=EDITOR,
    )
    assert edited.version == 2
    # A stale tag names the version it saw, and the edit is refused; `*` is any version.
    with pytest.raises(PreconditionFailed):
        update_article(
            newsroom,
            article.id,
            draft(),
            expected_version=expected_version('"1"', edited.version),
            by=EDITOR,
        )
    assert (
        update_article(
            newsroom, article.id, draft(), expected_version=expected_version("*", 2), by=EDITOR
        ).version
        == 3
    )
    with pytest.raises(Problem) as missing:
        expected_version(None, 3)
    assert missing.value.status == 428


def test_an_edit_that_loses_the_race_to_save_is_refused(
    newsroom: Newsroom,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    article = create_article(newsroom, draft(), by=REPORTER)
    store = newsroom.article_store
    read = store.get

    def read_then_someone_saves(article_id: str, **options: bool) -> Article:
        seen = read(article_id, **options)
        store.save(
            seen.model_copy(update={"version": seen.version + 1, "title": "Nhanh tay hơn"}),
            expected_version=seen.version,
        )
        return seen

    monkeypatch.setattr(store, "get", read_then_someone_saves)
    with pytest.raises(PreconditionFailed) as refused:
        update_article(
            newsroom, article.id, draft(title="Bản sửa chậm"), expected_version=1, by=EDITOR
        )
    assert _refused(refused, 412) == (
        "Someone saved the article while you were saving it. Read it again, then apply "
        "your changes."
    )
    monkeypatch.undo()
    assert read_article(newsroom, article.id, by=EDITOR).title == "Nhanh tay hơn"


def test_a_stale_article_is_not_saved_over_a_newer_version(
    newsroom: Newsroom,
) -> None:
    stale = create_article(newsroom, draft(), by=REPORTER)
    submit_article(newsroom, stale.id, by=REPORTER)
    with pytest.raises(Conflict) as refused:
        save_version(newsroom, stale, {"title": "Cũ"}, by="bien.tap", action=RevisionAction.EDIT)
    assert _refused(refused, 409) == (
        "The article was changed by someone else meanwhile; read it again and retry."
    )


def test_a_published_article_edited_stays_live_at_its_address(
    newsroom: Newsroom,
) -> None:
    article = _published(newsroom)
    corrected = update_article(
        newsroom,
        article.id,
        draft(title="Đính chính: cầu dài 430 m"),
        expected_version=article.version,
        by=EDITOR,
    )
    assert corrected.status is ArticleStatus.PUBLISHED
    assert corrected.slug == article.slug
    assert renders_asked(newsroom) == [(article.id, corrected.version)]
    with pytest.raises(Conflict) as refused:
        update_article(
            newsroom,
            article.id,
            draft(category="thong-bao"),
            expected_version=corrected.version,
            by=EDITOR,
        )
    assert _refused(refused, 409) == (
        "A published article cannot move to another category: its address would change. "
        "Unpublish it first."
    )


def test_a_draft_retitled_gets_the_new_title_in_its_address(
    newsroom: Newsroom,
) -> None:
    article = create_article(newsroom, draft(), by=REPORTER)
    retitled = update_article(
        newsroom, article.id, draft(title="Đường mới ở Đức Hòa"), expected_version=1, by=REPORTER
    )
    assert retitled.slug == f"duong-moi-o-duc-hoa-{article.id[-6:]}"
    assert renders_asked(newsroom) == []


# Publishing now, later, or at a time that cannot be.


def test_a_time_to_come_schedules_the_article(newsroom: Newsroom) -> None:
    article = _in_review(newsroom)
    when = (datetime.now(UTC) + timedelta(days=2)).replace(microsecond=0)
    scheduled = publish_article(newsroom, article.id, by=EDITOR, publish_at=when)
    assert scheduled.status is ArticleStatus.SCHEDULED
    assert scheduled.scheduled_for == when
    assert scheduled.published_at is None
    assert renders_asked(newsroom) == []
    schedule = schedule_of(newsroom, article.id)
    assert schedule is not None
    assert schedule["ScheduleExpression"] == f"at({when.strftime('%Y-%m-%dT%H:%M:%S')})"


def test_a_time_a_few_seconds_ago_means_now(newsroom: Newsroom) -> None:
    article = _in_review(newsroom)
    published = publish_article(
        newsroom, article.id, by=EDITOR, publish_at=datetime.now(UTC) - timedelta(seconds=20)
    )
    assert published.status is ArticleStatus.PUBLISHED
    assert schedule_of(newsroom, article.id) is None


@pytest.mark.parametrize(
    ("moved", "words"),
    [
        (timedelta(hours=-2), "is in the past"),
        (timedelta(days=6 * 365), "is more than 5 years ahead"),
    ],
    ids=["past", "too far"],
)
def test_a_time_in_the_past_or_too_far_ahead_is_refused_and_nothing_changes(
    newsroom: Newsroom,
    moved: timedelta,
    words: str,
) -> None:
    article = _in_review(newsroom)
    with pytest.raises(EditorialError) as refused:
        publish_article(newsroom, article.id, by=EDITOR, publish_at=datetime.now(UTC) + moved)
    detail = _refused(refused, 422)
    assert detail.startswith(f"publish_at {words}")
    assert "give a time between now" in detail
    assert read_article(newsroom, article.id, by=EDITOR) == article
    assert schedule_of(newsroom, article.id) is None


def test_publishing_a_scheduled_article_now_cancels_its_schedule(
    newsroom: Newsroom,
) -> None:
    article = _in_review(newsroom)
    later = datetime.now(UTC) + timedelta(hours=3)
    publish_article(newsroom, article.id, by=EDITOR, publish_at=later)
    published = publish_article(newsroom, article.id, by=EDITOR)
    assert published.status is ArticleStatus.PUBLISHED
    assert published.scheduled_for is None
    assert schedule_of(newsroom, article.id) is None


def test_unpublishing_a_scheduled_article_cancels_its_schedule(
    newsroom: Newsroom,
) -> None:
    article = _in_review(newsroom)
    publish_article(newsroom, article.id, by=EDITOR, publish_at=datetime.now(UTC) + timedelta(1))
    unpublished = unpublish_article(newsroom, article.id, by=EDITOR)
    assert (unpublished.status, unpublished.scheduled_for) == (ArticleStatus.UNPUBLISHED, None)
    assert schedule_of(newsroom, article.id) is None


def test_a_published_article_cannot_be_scheduled(newsroom: Newsroom) -> None:
    article = _published(newsroom)
    with pytest.raises(Conflict) as refused:
        publish_article(
            newsroom, article.id, by=EDITOR, publish_at=datetime.now(UTC) + timedelta(hours=1)
        )
    assert _refused(refused, 409) == (
        "The article is already published; unpublish it before scheduling it again."
    )


def test_a_schedule_that_comes_due_publishes_the_article_as_the_scheduler(
    newsroom: Newsroom,
) -> None:
    article = _in_review(newsroom)
    when = (datetime.now(UTC) + timedelta(hours=1)).replace(microsecond=0)
    publish_article(newsroom, article.id, by=EDITOR, publish_at=when)
    published = publish_due(newsroom, PublicationDue(article_id=article.id, publish_at=when))
    assert published is not None
    assert (published.status, published.updated_by) == (ArticleStatus.PUBLISHED, "scheduler")
    assert renders_asked(newsroom) == [(article.id, published.version)]


def test_a_stale_schedule_publishes_nothing(newsroom: Newsroom) -> None:
    article = _in_review(newsroom)
    first = (datetime.now(UTC) + timedelta(hours=1)).replace(microsecond=0)
    later = first + timedelta(hours=2)
    publish_article(newsroom, article.id, by=EDITOR, publish_at=first)
    rescheduled = publish_article(newsroom, article.id, by=EDITOR, publish_at=later)
    assert publish_due(newsroom, PublicationDue(article_id=article.id, publish_at=first)) is None
    assert read_article(newsroom, article.id, by=EDITOR) == rescheduled
    gone = PublicationDue(article_id="01m8fqsj12cyzdgt56pfrapd1g", publish_at=first)
    assert publish_due(newsroom, gone) is None
    assert renders_asked(newsroom) == []


# Deleting: never what readers see; the site is asked to follow all the same.


def test_a_published_article_cannot_be_deleted(newsroom: Newsroom) -> None:
    article = _published(newsroom)
    with pytest.raises(Conflict) as refused:
        delete_article(newsroom, article.id, by=EDITOR)
    assert _refused(refused, 409) == "A published article cannot be deleted; unpublish it first."
    assert read_article(newsroom, article.id, by=EDITOR) == article


def test_deleting_an_unpublished_article_removes_it_and_asks_for_a_render(
    newsroom: Newsroom,
) -> None:
    article = _published(newsroom)
    unpublished = unpublish_article(newsroom, article.id, by=EDITOR)
    renders_asked(newsroom)
    delete_article(newsroom, article.id, by=ADMIN)
    assert renders_asked(newsroom) == [(article.id, unpublished.version)]
    with pytest.raises(NotFound):
        read_article(newsroom, article.id, by=EDITOR)
    with pytest.raises(NotFound):
        article_revisions(newsroom, article.id, by=EDITOR)


def test_deleting_a_scheduled_article_cancels_its_schedule(
    newsroom: Newsroom,
) -> None:
    article = _in_review(newsroom)
    publish_article(newsroom, article.id, by=EDITOR, publish_at=datetime.now(UTC) + timedelta(1))
    delete_article(newsroom, article.id, by=EDITOR)
    assert schedule_of(newsroom, article.id) is None
    with pytest.raises(NotFound):
        read_article(newsroom, article.id, by=EDITOR)


# Revisions: every saved version, who saved it and when.


def test_every_saved_version_is_kept_with_who_saved_it(newsroom: Newsroom) -> None:
    article = create_article(newsroom, draft(), by=REPORTER)
    update_article(
        newsroom, article.id, draft(title="Bản thứ hai"), expected_version=1, by=REPORTER
    )
    submit_article(newsroom, article.id, by=REPORTER)
    publish_article(newsroom, article.id, by=EDITOR)

    saved = article_revisions(newsroom, article.id, by=REPORTER)
    assert [(r.number, r.saved_by, r.article.status) for r in saved] == [
        (1, "phong.vien", ArticleStatus.DRAFT),
        (2, "phong.vien", ArticleStatus.DRAFT),
        (3, "phong.vien", ArticleStatus.IN_REVIEW),
        (4, "bien.tap", ArticleStatus.PUBLISHED),
    ]
    first = article_revision(newsroom, article.id, 1, by=EDITOR)
    assert first.article.title == "Khánh thành cầu Bến Lức mới"
    assert article_revision(newsroom, article.id, 2, by=EDITOR).article.title == "Bản thứ hai"
    with pytest.raises(NotFound) as missing:
        article_revision(newsroom, article.id, 9, by=EDITOR)
    assert _refused(missing, 404) == "The article has no version 9; it has versions 1 to 4."
