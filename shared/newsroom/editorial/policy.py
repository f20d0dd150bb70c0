"""Who may do what to an article: the newsroom's roles as rules.

A reporter creates articles, edits and submits its own drafts; an editor edits any
article, sends one in review back to its reporter with a note, publishes, schedules,
unpublishes and deletes; an admin does all of that.
Everyone signed in with a role may read. Any other combination is refused, with why.

The router asks `authorize(caller, action)` for the action each route declares,
before it reads the request; the editorial functions ask again with the article.
"""

from __future__ import annotations

from enum import StrEnum

from newsroom.editorial.errors import Forbidden
from newsroom.i18n import Either, Message
from newsroom.models.article import Article, ArticleStatus
from newsroom.models.caller import Caller, Role


class Action(StrEnum):
    """What a caller asks to do."""

    READ = "read articles"
    CREATE = "create articles"
    EDIT = "edit articles"
    SUBMIT = "submit articles for review"
    SEND_BACK = "send articles back to their reporter"
    PUBLISH = "publish or schedule articles"
    UNPUBLISH = "unpublish articles"
    DELETE = "delete articles"


_EVERYONE = frozenset({Role.REPORTER, Role.EDITOR, Role.ADMIN})
_EDITORS = frozenset({Role.EDITOR, Role.ADMIN})

ALLOWED: dict[Action, frozenset[Role]] = {
    Action.READ: _EVERYONE,
    Action.CREATE: _EVERYONE,
    Action.EDIT: _EVERYONE,
    Action.SUBMIT: _EVERYONE,
    Action.SEND_BACK: _EDITORS,
    Action.PUBLISH: _EDITORS,
    Action.UNPUBLISH: _EDITORS,
    Action.DELETE: _EDITORS,
}

# What a reporter may only do to its own drafts.
_OWN_DRAFTS_ONLY = frozenset({Action.EDIT, Action.SUBMIT})


def role_name(role: Role) -> Message:
    """A role as people call it (`biên tập viên`, `editor`)."""
    return Message(f"role.{role.value}")


def action_name(action: Action) -> Message:
    """What an action does, in words (`xuất bản hoặc hẹn giờ xuất bản bài viết`)."""
    return Message(f"action.{action.name.lower()}")


def status_name(status: ArticleStatus) -> Message:
    """Where an article is, in words (`bản nháp`, `draft`)."""
    return Message(f"article_status.{status.value}")


def signed_in_as(caller: Caller) -> Message:
    """Who the caller is signed in as, and with which roles."""
    roles = tuple(role_name(r) for r in sorted(caller.roles))
    return Message(
        "policy.signed_in_as",
        username=caller.username,
        roles=roles or Message("policy.no_role"),
    )


def authorize(caller: Caller, action: Action, article: Article | None = None) -> None:
    """Return when `caller` may do `action` (to `article`); raise Forbidden saying why not."""
    allowed = ALLOWED[action]
    if not caller.has_any(*allowed):
        names = Either(
            role_name(r) for r in (Role.REPORTER, Role.EDITOR, Role.ADMIN) if r in allowed
        )
        raise Forbidden(
            "policy.role_required",
            roles=names,
            action=action_name(action),
            signed_in=signed_in_as(caller),
        )
    if article is None or action not in _OWN_DRAFTS_ONLY or caller.has_any(*_EDITORS):
        return
    if article.created_by != caller.username:
        raise Forbidden(
            "policy.own_drafts_only", author=article.created_by, signed_in=signed_in_as(caller)
        )
    if article.status is not ArticleStatus.DRAFT:
        raise Forbidden("policy.drafts_only", status=status_name(article.status))
