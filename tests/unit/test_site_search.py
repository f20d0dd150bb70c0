"""The search index matches Vietnamese with and without diacritics, block by block."""

from __future__ import annotations

import json

from newsroom.site.search import fold_terms, render_block, shard_for
from newsroom.storage.search import BLOCK_SIZE, SearchDocument, block_of


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


def test_a_block_lists_each_term_in_its_shard_with_the_places_that_have_it() -> None:
    def document(seq: int, title: str, terms: str) -> SearchDocument:
        return SearchDocument(
            seq=seq, title=title, path=f"/tin-tuc/{seq}/", date="1/1/2026", terms=terms
        )

    files = render_block(
        1, [document(2, "Hội chợ", "hoi cho"), document(1, "Công Thương", "cong thuong hoi")]
    )
    by_key = {f.key: json.loads(f.body) for f in files}
    assert by_key["search/1/docs.json"]["1"] == ["Công Thương", "/tin-tuc/1/", "1/1/2026"]
    assert by_key[f"search/1/{shard_for('hoi')}.json"]["hoi"] == [1, 2]
    assert by_key[f"search/1/{shard_for('cong')}.json"]["cong"] == [1]


def test_a_title_stored_before_the_character_rules_cannot_break_the_index() -> None:
    files = render_block(
        1,
        [
            SearchDocument(
                seq=1,
                title="Hội chợ \ud800\ufffe",
                path="/tin-tuc/1/",
                date="1/1/2026",
                terms="hoi cho",
            )
        ],
    )
    docs = json.loads(next(f.body for f in files if f.key.endswith("docs.json")))
    assert docs["1"][0].startswith("Hội chợ")
