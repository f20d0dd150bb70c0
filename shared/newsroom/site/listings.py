"""Which listings an article appears in, where their pages live, and how they are paged.

Pages are numbered from the oldest: page `k` holds places `20(k-1)+1 .. 20k`. The
listing's index (`/tin-tuc/`) shows the two newest pages, so it always has at least
twenty articles once there are that many, and links to the page before those.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import NamedTuple

from newsroom.models.article import Article, Photo, PhotoStatus, Rendition
from newsroom.site.config import SiteConfig
from newsroom.site.dates import local_time
from newsroom.storage.listings import ListingEntry, Thumbnail
from newsroom.text.slug import slugify

PAGE_SIZE = 20
TAG_ROOT = "/chu-de/"
ARCHIVE_ROOT = "/luu-tru/"
LATEST_ROOT = "/tin-moi/"
THUMBNAIL_WIDTH = 640  # the crop browsers without srcset get
OLD_THUMBNAIL_WIDTH = 320


class ListingKind(StrEnum):
    """What a listing gathers: the whole site, a category, a tag, a month."""

    SITE = "site"
    CATEGORY = "category"
    TAG = "tag"
    MONTH = "month"


class ListingKey(str):
    """A listing, as it is stored (`site`, `category:<slug>`, `tag:<slug>`,
    `month:<yyyy-mm>`), and what each kind means on the site: its address, its title,
    whether it has feeds.

    It is the string the table keys listings by, so stores take it as it is.
    """

    __slots__ = ()

    def __new__(cls, text: str) -> ListingKey:
        kind, _, value = text.partition(":")
        if kind not in ListingKind.__members__.values() or (kind == ListingKind.SITE) == bool(
            value
        ):
            raise ValueError(f"not a listing key: {text!r}")
        return super().__new__(cls, text)

    @classmethod
    def of(cls, kind: ListingKind, value: str = "") -> ListingKey:
        return cls(f"{kind.value}:{value}" if value else kind.value)

    @classmethod
    def category(cls, slug: str) -> ListingKey:
        return cls.of(ListingKind.CATEGORY, slug)

    @classmethod
    def tag(cls, tag: str) -> ListingKey:
        return cls.of(ListingKind.TAG, slugify(tag))

    @classmethod
    def month(cls, moment: datetime) -> ListingKey:
        """The month listing of an article published at `moment` (Vietnam time)."""
        return cls.of(ListingKind.MONTH, local_time(moment).strftime("%Y-%m"))

    @property
    def kind(self) -> ListingKind:
        return ListingKind(self.partition(":")[0])

    @property
    def value(self) -> str:
        """The category's slug, the tag's slug or the month (`2026-12`); empty for the site."""
        return self.partition(":")[2]

    @property
    def root(self) -> str:
        """The path of the listing's index page."""
        kind, value = self.kind, self.value
        if kind is ListingKind.SITE:
            return LATEST_ROOT
        if kind is ListingKind.CATEGORY:
            return f"/{value}/"
        if kind is ListingKind.TAG:
            return f"{TAG_ROOT}{value}/"
        year, month = value.split("-")
        return f"{ARCHIVE_ROOT}{year}/{month}/"

    def heading(self, name: str, config: SiteConfig) -> str:
        """The heading readers see on the listing's pages (`name`: the stored name)."""
        kind = self.kind
        if kind is ListingKind.CATEGORY:
            try:
                return config.category(self.value).name
            except KeyError:
                return name
        if kind is ListingKind.TAG:
            return f"Chủ đề: {name}"
        if kind is ListingKind.MONTH:
            return f"Lưu trữ {name.lower()}"
        return name

    @property
    def has_feeds(self) -> bool:
        """Whether the listing has RSS and Atom feeds (the site's and each category's)."""
        return self.kind in (ListingKind.SITE, ListingKind.CATEGORY)

    @property
    def feed_paths(self) -> tuple[str, str]:
        """Where its RSS and Atom feeds are."""
        root = "/" if self.kind is ListingKind.SITE else self.root
        return f"{root}feed.xml", f"{root}atom.xml"

    @property
    def in_archive(self) -> bool:
        """Whether the listing is a month of the archive (its pages sit under it)."""
        return self.kind is ListingKind.MONTH

    def page_path(self, page: int) -> str:
        return f"{self.root}trang/{page}/"


SITE = ListingKey(ListingKind.SITE)


def listing_keys(article: Article) -> dict[ListingKey, str]:
    """The listings a live article appears in, with each listing's name for new ones."""
    published = article.sort_time
    local = local_time(published)
    keys = {
        SITE: "Tin mới",
        ListingKey.category(article.category): article.category,
        ListingKey.month(published): f"Tháng {local.month}/{local.year}",
    }
    for tag in article.tags:
        if slugify(tag):
            keys.setdefault(ListingKey.tag(tag), tag)
    return keys


def page_count(last_seq: int) -> int:
    return (last_seq + PAGE_SIZE - 1) // PAGE_SIZE


def page_of(seq: int) -> int:
    return (seq - 1) // PAGE_SIZE + 1


def page_range(page: int) -> tuple[int, int]:
    return (page - 1) * PAGE_SIZE + 1, page * PAGE_SIZE


class PageLinks(NamedTuple):
    """Where a listing page's newer and older neighbours are (empty when none)."""

    newer: str
    older: str


def index_first_page(last_seq: int) -> int:
    """The oldest page the index shows (it shows the two newest)."""
    return max(1, page_count(last_seq) - 1)


def index_links(key: ListingKey, last_seq: int) -> PageLinks:
    first = index_first_page(last_seq)
    return PageLinks(newer="", older=key.page_path(first - 1) if first > 1 else "")


def numbered_links(key: ListingKey, page: int, last_seq: int) -> PageLinks:
    pages = page_count(last_seq)
    newer = key.page_path(page + 1) if page < pages else key.root
    return PageLinks(newer=newer, older=key.page_path(page - 1) if page > 1 else "")


def pages_touched(seq: int) -> set[int]:
    """Numbered pages to rewrite when the entry at `seq` changes (its own, and the one
    before it when it opened a new page: that page's "newer" link now points to it).

    The page before is rewritten whatever the listing's length is by then: when many
    articles are placed at once, the one that opened the page may be rendered after
    later ones, and it is the only one that knows the older page has gained its link.
    """
    page = page_of(seq)
    touched = {page}
    if seq == page_range(page)[0] and page > 1:
        touched.add(page - 1)
    return touched


def _by_width(renditions: list[Rendition], fmt: str) -> list[Rendition]:
    return sorted((r for r in renditions if r.format == fmt), key=lambda r: r.width)


def _srcset(renditions: list[Rendition]) -> str:
    return ", ".join(f"/{r.key} {r.width}w" for r in renditions)


def _thumbnail(photo: Photo | None) -> Thumbnail | None:
    """The photo's 3:2 crops when it has them, else (processed before crops were made)
    the photo itself, at the narrowest width that fills a thumbnail."""
    if photo is None:
        return None
    crops = _by_width(photo.crops, "jpeg")
    if crops:
        fitting = [r for r in crops if r.width >= THUMBNAIL_WIDTH]
        chosen = fitting[0] if fitting else crops[-1]
        return Thumbnail(
            src=f"/{chosen.key}",
            width=chosen.width,
            height=chosen.height,
            webp=_srcset(_by_width(photo.crops, "webp")),
            jpeg=_srcset(crops),
            colour=photo.colour,
        )
    jpegs = _by_width(photo.renditions, "jpeg")
    if not jpegs:
        return None
    fitting = [r for r in jpegs if r.width >= OLD_THUMBNAIL_WIDTH]
    chosen = fitting[0] if fitting else jpegs[-1]
    return Thumbnail(
        src=f"/{chosen.key}", width=chosen.width, height=chosen.height, colour=photo.colour
    )


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
