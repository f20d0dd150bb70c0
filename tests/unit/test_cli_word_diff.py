"""What changed between two versions of an article, word by word, as the command shows it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from newsroom_cli.messages import use_language
from newsroom_cli.word_diff import Piece, article_changes, shown, text_changes, word_pieces


@pytest.fixture(autouse=True)
def _vietnamese() -> Iterator[None]:
    use_language("vi")
    yield
    use_language("vi")


def test_words_are_compared_not_characters() -> None:
    assert word_pieces("Cầu dài 420 m, rộng 16 m.", "Cầu dài 450 m, rộng 16 m.") == [
        Piece("same", "Cầu dài "),
        Piece("removed", "420"),
        Piece("added", "450"),
        Piece("same", " m, rộng 16 m."),
    ]


def test_numbers_and_dates_are_words_of_their_own() -> None:
    assert shown(
        word_pieces("Hơn 1.500 vị trí, ngày 28/11", "Hơn 2.000 vị trí, ngày 29/11"), False
    ) == ("Hơn [-1.500-]{+2.000+} vị trí, ngày [-28/11-]{+29/11+}")


def test_changes_are_marked_plainly_or_in_colour() -> None:
    pieces = word_pieces("Khánh thành cầu mới", "Khánh thành cầu Bến Lức mới")
    assert shown(pieces, colour=False) == "Khánh thành cầu {+Bến Lức +}mới"
    coloured = shown(word_pieces("a b", "a c"), colour=True)
    assert coloured == "a \x1b[31;9m[-b-]\x1b[0m\x1b[32;4m{+c+}\x1b[0m"


def test_a_body_shows_only_the_lines_that_changed_with_their_numbers() -> None:
    before = "Một.\n\nHai ba bốn.\n\nNăm.\n\nSáu.\n\nBảy tám.\n"
    after = "Một.\n\nHai ba BỐN.\n\nNăm.\n\nSáu.\n\nBảy tám chín.\n"
    assert text_changes(before, after, colour=False) == [
        "       3  Hai ba [-bốn-]{+BỐN+}.",
        "    …",
        "       9  Bảy tám{+ chín+}.",
    ]


def test_an_article_change_names_each_field_in_the_editors_words() -> None:
    before = {"title": "Lịch nghỉ Tết", "summary": "Nghỉ 7 ngày.", "body": "A\n", "tags": ["Tết"]}
    after = {**before, "summary": "Nghỉ 9 ngày.", "tags": ["Tết", "lịch"]}
    assert article_changes(before, after, colour=False) == [
        "  tóm tắt: Nghỉ [-7-]{+9+} ngày.",
        "  thẻ: Tết → Tết, lịch",
        "  ([-bỏ đi-] {+thêm vào+})",
    ]
    use_language("en")
    assert article_changes(before, before, colour=False) == [
        "  no change in the title, summary, body or other fields"
    ]
