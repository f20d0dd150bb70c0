"""Articles made by the tests: a published Vietnamese article with one ready photo."""

from __future__ import annotations

from datetime import UTC, datetime

from newsroom.models.article import Article, ArticleStatus, Photo, PhotoStatus, Rendition

PUBLISHED = datetime(2026, 11, 27, 2, 30, tzinfo=UTC)


def published_article(**fields: object) -> Article:
    """A published article in `tin-tuc` with the photo `anh-1.jpg` (its caption given by
    `caption`); any other field given replaces the article's own."""
    photo = Photo(
        name="anh-1.jpg",
        caption=fields.pop("caption", "Toàn cảnh hội chợ"),  # type: ignore[arg-type]
        status=PhotoStatus.READY,
        width=960,
        height=720,
        renditions=[Rendition(width=960, height=720, format="jpeg", key="media/ab/anh-1.jpg")],
        created_at=PUBLISHED,
        updated_at=PUBLISHED,
    )
    values: dict[str, object] = {
        "id": "01jdq2x3y4z5a6b7c8d9e0f1g2",
        "slug": "khai-mac-hoi-cho",
        "title": "Khai mạc hội chợ",
        "summary": "Hơn 200 gian hàng.",
        "body": "Đoạn mở đầu.\n\n![Toàn cảnh](anh-1.jpg)\n",
        "category": "tin-tuc",
        "author": "Nguyễn Thị Hoa",
        "source": "Sở Công Thương",
        "status": ArticleStatus.PUBLISHED,
        "created_at": PUBLISHED,
        "updated_at": PUBLISHED,
        "published_at": PUBLISHED,
        "photos": [photo],
        **fields,
    }
    return Article.model_validate(values)
