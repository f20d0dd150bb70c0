"""Every message the API can send has its words in every language, with the same
parameters; the caller's language is read from Accept-Language as RFC 9110 says."""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest
from newsroom.api.problems import VALIDATION_REASONS, field_label
from newsroom.api.routes import routes
from newsroom.editorial.errors import EditorialError
from newsroom.editorial.policy import Action, action_name, role_name, status_name
from newsroom.i18n import (
    DEFAULT_LANGUAGE,
    Clauses,
    Either,
    Message,
    available_languages,
    catalogue,
    language_of,
    say,
)
from newsroom.models.article import ArticleStatus
from newsroom.models.caller import Role
from newsroom_local.template import PROJECT_ROOT

CODE = [
    *(PROJECT_ROOT / "shared" / "newsroom").rglob("*.py"),
    *(PROJECT_ROOT / "functions").rglob("*.py"),
]
MESSAGE_ID = re.compile(r"^[a-z_]+(\.[a-z_0-9]+)+$")


def _subclasses(kind: type) -> set[str]:
    found = {kind.__name__}
    for child in kind.__subclasses__():
        found |= _subclasses(child)
    return found


def _ids_in(path: Path) -> set[str]:
    """Message ids the code names where it makes a message or raises a refusal."""
    names = {"Message", *_subclasses(EditorialError)}
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call) or not node.args:
            continue
        called = node.func.id if isinstance(node.func, ast.Name) else ""
        first = node.args[0]
        if (
            called in names
            and isinstance(first, ast.Constant)
            and isinstance(first.value, str)
            and MESSAGE_ID.match(first.value)
        ):
            found.add(first.value)
    return found


def _placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("language", available_languages())
def test_every_message_the_code_names_is_in_every_catalogue(language: str) -> None:
    used = set().union(*(_ids_in(path) for path in CODE))
    assert len(used) > 60
    assert used - set(catalogue(language)) == set()


def test_the_catalogues_say_the_same_messages_with_parameters_the_code_gives() -> None:
    # English says every parameter a message has (a field's name aside: an English reason
    # follows it); another language may leave one out, never use one it is not given.
    english = catalogue("en")
    for language in available_languages():
        words = catalogue(language)
        assert set(words) == set(english), language
        for message_id, template in words.items():
            given = _placeholders(english[message_id]) | {"label"}
            assert _placeholders(template) <= given, (language, message_id)


def test_every_vietnamese_reason_names_its_field() -> None:
    reasons = [
        i
        for i in catalogue("vi")
        if i.startswith(("validation.", "text.", "time.", "photo_name.", "category."))
        and not i.startswith(("validation.invalid_", "validation.summary"))
    ]
    assert len(reasons) > 25
    for message_id in reasons:
        assert catalogue("vi")[message_id].startswith("{label} "), message_id


def test_roles_actions_statuses_fields_and_validation_reasons_are_in_every_catalogue() -> None:
    named = [
        *(role_name(role) for role in Role),
        *(action_name(action) for action in Action),
        *(status_name(status) for status in ArticleStatus),
        *(Message(f"status.{status}") for status in (400, 401, 403, 404, 405, 409, 412)),
        *(Message(f"status.{status}") for status in (413, 415, 422, 428, 500)),
        *(Message(message_id) for message_id in VALIDATION_REASONS.values()),
    ]
    for route in routes.routes.values():
        for model in (route.body, route.query):
            if model is not None:
                named += [field_label((name,)) for name in model.model_fields]
    for language in available_languages():
        for message in named:
            assert message.id in catalogue(language), (language, message)
            assert message.id != "field.unknown", message


def test_a_message_is_said_in_the_language_asked_for_and_vietnamese_otherwise() -> None:
    refused = Message(
        "policy.role_required",
        roles=Either([role_name(Role.EDITOR), role_name(Role.ADMIN)]),
        action=action_name(Action.PUBLISH),
        signed_in=Message(
            "policy.signed_in_as", username="phong.vien", roles=(role_name(Role.REPORTER),)
        ),
    )
    assert say(refused) == say(refused, "vi") == say(refused, "fr")
    assert say(refused).startswith("Chỉ biên tập viên hoặc quản trị viên mới được xuất bản")
    assert say(refused, "en") == (
        "Only editor or admin may publish or schedule articles; you are signed in as "
        "phong.vien (reporter)."
    )
    assert str(refused) == say(refused, "en")
    listed = Message("validation.invalid_body", summary=Clauses(["a", "b"]))
    assert say(listed, "en") == "The request body is invalid: a; b"
    # A parameter the message lacks shows by name rather than failing the answer.
    assert say(Message("article.not_found"), "en") == "No article has the id '{article_id}'."
    assert say(Message("no.such.message")) == "no.such.message"


@pytest.mark.parametrize(
    ("header", "language"),
    [
        (None, "vi"),
        ("", "vi"),
        ("en", "en"),
        ("EN-gb", "en"),
        ("en-US;q=0.9", "en"),
        ("en-US;q=0.9, vi;q=0.8", "en"),
        ("vi;q=0.8, en-US;q=0.9", "en"),
        ("vi-VN,vi;q=0.9,en;q=0.8", "vi"),
        ("da, en-gb;q=0.8, en;q=0.7", "en"),
        ("fr", "vi"),
        ("*", "vi"),
        ("vi;q=0, *", "en"),
        ("vi;q=0", "en"),
        ("en;q=0", "vi"),
        ("en; q=0.5", "en"),
        ("en;q=1.000", "en"),
        ("en;q=1.5, vi;q=0.1", "vi"),
        ("en;q=abc", "vi"),
        (",,;;", "vi"),
    ],
)
def test_accept_language_is_read_by_weight(header: str | None, language: str) -> None:
    assert language_of(header) == language


def test_vietnamese_is_the_default_and_every_catalogue_is_found() -> None:
    assert DEFAULT_LANGUAGE == "vi"
    assert available_languages() == ("vi", "en")
