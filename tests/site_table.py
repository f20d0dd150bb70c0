"""The articles table as publishing leaves it, without publishing through the API: for
tests and benchmarks that need a site's worth of articles (`benchmarks/site_build.py`
imports it too)."""

from __future__ import annotations

from typing import Any

from newsroom.models.article import Article
from newsroom.site.listings import SITE, entry_for, listing_keys
from newsroom.site.search import search_document
from newsroom.storage.articles import article_item, photo_item
from newsroom.storage.listings import LISTINGS_PK, Placement, entry_item, placement_item
from newsroom.storage.search import search_item


def published_items(articles: list[Article]) -> list[dict[str, Any]]:
    """Every item the articles table holds after these articles were published in order:
    the articles and their photos, their places and entries in each listing, their
    search documents, and each listing's head (plain values, not DynamoDB's)."""
    items: list[dict[str, Any]] = []
    heads: dict[str, tuple[str, int]] = {}
    for article in articles:
        items.append(article_item(article))
        items += [photo_item(article.id, p) for p in article.photos]
        seqs = {}
        for key, name in listing_keys(article).items():
            old_name, last = heads.get(key, (name, 0))
            heads[key] = (old_name, last + 1)
            seqs[key] = last + 1
            items.append(entry_item(key, entry_for(article, last + 1)))
        items.append(placement_item(Placement(article_id=article.id, seqs=seqs, revision=1)))
        items.append(search_item(search_document(article, seqs[SITE])))
    items += [
        {"pk": LISTINGS_PK, "sk": key, "name": name, "last_seq": last}
        for key, (name, last) in heads.items()
    ]
    return items
