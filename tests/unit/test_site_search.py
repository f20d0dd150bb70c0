"""The search index matches Vietnamese with and without diacritics, block by block, and
says where each word is (title, summary, body, and at which of the title's and summary's
words) so that results can be ranked and phrases found."""

from __future__ import annotations

import json
from typing import Any

from newsroom.site.search import (
    BODY,
    DOCS_PER_FILE,
    SHARDS,
    SUMMARY,
    TITLE,
    fold_terms,
    render_block,
    render_manifest,
    shard_for,
)
from newsroom.storage.search import BLOCK_SIZE, SearchDocument, block_of


def _document(seq: int, title: str, terms: str = "", summary: str = "") -> SearchDocument:
    return SearchDocument(
        seq=seq,
        title=title,
        path=f"/tin-tuc/{seq}/",
        date="1/1/2026",
        terms=terms,
        summary=summary,
        tags=["OCOP", "lễ hội"] if seq == 2 else [],
    )


def _places(files: dict[str, Any], term: str, block: int = 1) -> list[tuple[int, int, int, int]]:
    """A term's places, bits and title and summary masks, decoded from its file as the
    search script decodes it (either form)."""
    encoded = files[f"search/{block}/{shard_for(term)}.json"].get(term, [])
    start = (block - 1) * BLOCK_SIZE
    if isinstance(encoded, str):
        digits, _, listed = encoded.partition("|")
        masks = [int(m) for m in listed.split(",") if m]
        places = [(start + 1 + i, int(d, 16)) for i, d in enumerate(digits) if d != "0"]
    else:
        masks, places, seq, values = [], [], start, iter(encoded)
        for value in values:
            seq += value // 8
            places.append((seq, value % 8))
            masks += [next(values) for bit in (TITLE, SUMMARY) if value % 8 & bit]
    found = []
    for seq, bits in places:
        title = masks.pop(0) if bits & TITLE else 0
        summary = masks.pop(0) if bits & SUMMARY else 0
        found.append((seq, bits, title, summary))
    return found


def test_terms_are_folded_without_diacritics_and_d_for_dj() -> None:
    assert fold_terms("Sở Công Thương tỉnh Đắk Lắk, công thương!") == [
        "so",
        "cong",
        "thuong",
        "tinh",
        "dak",
        "lak",
    ]
    # NFD input folds the same way.
    assert fold_terms("Co\u0302ng Thu\u031bo\u031bng") == ["cong", "thuong"]


def test_blocks_hold_a_fixed_range_of_places() -> None:
    assert [block_of(s) for s in (1, BLOCK_SIZE, BLOCK_SIZE + 1)] == [1, 1, 2]


def test_a_block_lists_each_term_with_its_places_and_where_in_the_article_it_is() -> None:
    files = {
        f.key: json.loads(f.body)
        for f in render_block(
            1,
            [
                _document(3, "Lễ hội Trái cây Nam Bộ", "le hoi trai cay"),
                _document(1, "Công Thương", "cong thuong hoi", summary="Hội nghị về lễ hội"),
                _document(2, "Hội chợ", "hoi cho"),
            ],
        )
    }
    # Bits say where; the masks say at which words (bit i: the i-th word).
    assert _places(files, "hoi") == [
        (1, SUMMARY | BODY, 0, 0b10001),
        (2, TITLE | SUMMARY | BODY, 0b1, 0b1000),  # "OCOP |" then "lễ hội": word 4
        (3, TITLE | BODY, 0b10, 0),
    ]
    assert _places(files, "le") == [
        (1, SUMMARY, 0, 0b1000),
        (2, SUMMARY, 0, 0b100),
        (3, TITLE | BODY, 0b1, 0),
    ]
    assert _places(files, "cong") == [(1, TITLE | BODY, 0b1, 0)]
    assert _places(files, "ocop") == [(2, SUMMARY, 0, 0b1)]  # a tag counts as summary
    docs = files["search/1/docs-1.json"]
    assert docs["1"] == ["Công Thương", "/tin-tuc/1/", "1/1/2026", "Hội nghị về lễ hội"]
    assert sorted(docs) == ["1", "2", "3"]


def test_a_term_in_most_places_is_a_hex_digit_a_place_and_one_in_few_a_short_list() -> None:
    documents = [_document(seq, "Tin", "cong") for seq in range(1, 41)]
    documents += [_document(41, "Tin", "cong thuong")]
    files = {f.key: json.loads(f.body) for f in render_block(1, documents)}
    assert files[f"search/1/{shard_for('cong')}.json"]["cong"] == "1" * 41 + "|"
    assert files[f"search/1/{shard_for('thuong')}.json"]["thuong"] == [41 * 8 + BODY]
    assert _places(files, "tin")[:2] == [(1, TITLE, 1, 0), (2, TITLE, 1, 0)]


def test_documents_files_hold_a_fixed_range_of_places_and_a_long_summary_is_cut() -> None:
    first = BLOCK_SIZE + 1
    long = "Tóm tắt " + "rất dài " * 100
    files = {
        f.key: json.loads(f.body)
        for f in render_block(
            2, [_document(first, "Đầu", summary=long), _document(first + DOCS_PER_FILE, "Sau")]
        )
    }
    first_file = first // DOCS_PER_FILE + 1
    assert list(files[f"search/2/docs-{first_file}.json"]) == [str(first)]
    assert list(files[f"search/2/docs-{first_file + 1}.json"]) == [str(first + DOCS_PER_FILE)]
    snippet = files[f"search/2/docs-{first_file}.json"][str(first)][3]
    assert snippet.endswith("…") and len(snippet) <= 201 and snippet.startswith("Tóm tắt rất dài")
    assert len([k for k in files if "/docs-" in k]) == BLOCK_SIZE // DOCS_PER_FILE
    assert len([k for k in files if "/docs-" not in k]) == SHARDS


def test_the_manifest_says_how_the_index_is_cut() -> None:
    manifest = json.loads(render_manifest(BLOCK_SIZE + 1).body)
    assert manifest == {
        "blocks": 2,
        "shards": SHARDS,
        "size": BLOCK_SIZE,
        "docs": DOCS_PER_FILE,
        "format": 2,
    }


def test_a_title_stored_before_the_character_rules_cannot_break_the_index() -> None:
    files = render_block(1, [_document(1, "Hội chợ \ud800\ufffe", "hoi cho")])
    docs = json.loads(next(f.body for f in files if f.key.endswith("docs-1.json")))
    assert docs["1"][0].startswith("Hội chợ")
