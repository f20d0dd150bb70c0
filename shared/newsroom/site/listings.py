"""Which listings an article appears in, where their pages live, and how they are paged.

Pages are numbered from the oldest: page `k` holds places `20(k-1)+1 .. 20k`. The
listing's index (`/tin-tuc/`) shows the two newest pages, so it always has at least
twenty articles once there are that many, and links to the page before those.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from newsroom.models.article import Article, Photo, PhotoStatus
from newsroom.site.config import SiteConfig
from newsroom.site.dates import local_time
from newsroom.storage.listings import ListingEntry, Thumbnail
from newsroom.text.slug import slugify

PAGE_SIZE = 20
SITE = "site"
TAG_ROOT = "/chu-de/"
ARCHIVE_ROOT = "/luu-tru/"
LATEST_ROOT = "/tin-moi/"
THUMBNAIL_WIDTH = 320


def category_key(slug: str) -> str:
    return f"category:{slug}"


def tag_key(tag: str) -> str:
    return f"tag:{slugify(tag)}"


def month_key(moment: datetime) -> str:
    """The month listing of an article published at `moment` (Vietnam time)."""
    return "month:" + local_time(moment).strftime("%Y-%m")


def listing_keys(article: Article) -> dict[str, str]:
    """The listings a live article appears in, with each listing's name for new ones."""
    published = article.sort_time
    local = local_time(published)
    keys = {
        SITE: "Tin mới",
        category_key(article.category): article.category,
        month_key(published): f"Tháng {local.month}/{local.year}",
    }
    for tag in article.tags:
        if slugify(tag):
            keys.setdefault(tag_key(tag), tag)
    return keys


def listing_root(key: str) -> str:
    """The path of the listing's index page."""
    kind, _, value = key.partition(":")
    if kind == SITE:
        return LATEST_ROOT
    if kind == "category":
        return f"/{value}/"
    if kind == "tag":
        return f"{TAG_ROOT}{value}/"
    if kind == "month":
        year, month = value.split("-")
        return f"{ARCHIVE_ROOT}{year}/{month}/"
    raise ValueError(f"not a listing key: {key!r}")


def listing_title(key: str, name: str, config: SiteConfig) -> str:
    """The heading readers see on the listing's pages."""
    kind, _, value = key.partition(":")
    if kind == "category":
        try:
            return config.category(value).name
        except KeyError:
            return name
    if kind == "tag":
        return f"Chủ đề: {name}"
    if kind == "month":
        return f"Lưu trữ {name.lower()}"
    return name


def page_count(last_seq: int) -> int:
    return (last_seq + PAGE_SIZE - 1) // PAGE_SIZE


def page_of(seq: int) -> int:
    return (seq - 1) // PAGE_SIZE + 1


def page_range(page: int) -> tuple[int, int]:
    return (page - 1) * PAGE_SIZE + 1, page * PAGE_SIZE


def page_path(key: str, page: int) -> str:
    return f"{listing_root(key)}trang/{page}/"


@dataclass(frozen=True)
class PageLinks:
    """Where a listing page's newer and older neighbours are (empty when none)."""

    newer: str
    older: str


def index_first_page(last_seq: int) -> int:
    """The oldest page the index shows (it shows the two newest)."""
    return max(1, page_count(last_seq) - 1)


def index_links(key: str, last_seq: int) -> PageLinks:
    first = index_first_page(last_seq)
    return PageLinks(newer="", older=page_path(key, first - 1) if first > 1 else "")


def numbered_links(key: str, page: int, last_seq: int) -> PageLinks:
    pages = page_count(last_seq)
    newer = page_path(key, page + 1) if page < pages else listing_root(key)
    return PageLinks(newer=newer, older=page_path(key, page - 1) if page > 1 else "")


def pages_touched(seq: int, last_seq: int) -> set[int]:
    """Numbered pages to rewrite when the entry at `seq` changes (its own, and the one
    before it when it opened a new page: that page's "newer" link now points to it).

    The page before is rewritten whatever the listing's length is by the time this
    render runs: when many articles are placed at once, the one that opened the page
    may be rendered after later ones, and it is the only render that knows the older
    page has gained its link.
    """
    page = page_of(seq)
    touched = {page}
    if seq == page_range(page)[0] and page > 1:
        touched.add(page - 1)
    return touched


def _thumbnail(photo: Photo | None) -> Thumbnail | None:
    if photo is None:
        return None
    jpegs = sorted((r for r in photo.renditions if r.format == "jpeg"), key=lambda r: r.width)
    if not jpegs:
        return None
    fitting = [r for r in jpegs if r.width >= THUMBNAIL_WIDTH]
    chosen = fitting[0] if fitting else jpegs[-1]
    return Thumbnail(src=f"/{chosen.key}", width=chosen.width, height=chosen.height)


def lead_photo(article: Article) -> Photo | None:
    """The first ready photo: the one listings show and pages lead with."""
    return next((p for p in article.photos if p.status is PhotoStatus.READY), None)


def entry_for(article: Article, seq: int) -> ListingEntry:
    """The snapshot of `article` a listing keeps at place `seq`."""
    return ListingEntry(
        article_id=article.id,
        seq=seq,
        path=article.path,
        title=article.title,
        summary=article.summary,
        category=article.category,
        author=article.author,
        published_at=article.sort_time,
        updated_at=article.updated_at,
        thumbnail=_thumbnail(lead_photo(article)),
    )
