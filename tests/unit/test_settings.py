"""A function's settings, read from the environment template.yaml gives it."""

from __future__ import annotations

import pytest
from newsroom.config import Settings, SettingsError, load_settings


def test_each_setting_is_read_from_its_variable_and_the_rest_keep_their_defaults() -> None:
    read = load_settings(
        {
            "ARTICLES_TABLE": "newsroom-articles",
            "SITE_RENDER_QUIET_MS": "1000",
            "UPLOAD_URL_TTL_SECONDS": " 600 ",
            "HOME": "/root",
        }
    )
    assert read.articles_table == "newsroom-articles"
    assert (read.site_render_quiet_ms, read.upload_url_ttl_seconds) == (1000, 600)
    assert read.site_base_url == Settings().site_base_url == "http://127.0.0.1:8080"
    assert read.schedule_group == "default"


@pytest.mark.parametrize("text", ["", "mười", "1.5", "-1"])
def test_a_figure_that_is_not_a_whole_number_stops_the_cold_start_naming_it(text: str) -> None:
    with pytest.raises(SettingsError) as refused:
        load_settings({"SITE_RENDER_LONGEST_WAIT_MS": text})
    assert str(refused.value) == (
        f"SITE_RENDER_LONGEST_WAIT_MS must be a whole number, 0 or more; it is {text!r}"
    )


def test_a_function_missing_what_it_needs_is_told_which_variables() -> None:
    read = load_settings({"ARTICLES_TABLE": "newsroom-articles"})
    read.require("articles_table")
    with pytest.raises(SettingsError, match=r"^missing environment variables: "
                       r"SITE_BUCKET, RENDER_QUEUE_URL$"):  # fmt: skip
        read.require("articles_table", "site_bucket", "render_queue_url")
