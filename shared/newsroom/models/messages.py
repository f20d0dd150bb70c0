"""Queue messages. They carry identifiers and versions, never content (claim check).

The rebuild's messages, and the render queue's kinds, are in `newsroom.models.rebuild`:
only the render function and `newsroom rebuild` build them.
"""

import json
from datetime import datetime
from typing import Generic, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field

from newsroom.ids import ARTICLE_ID_PATTERN


class QueueMessage(BaseModel):
    """What every queue message carries: its schema version and the correlation id."""

    # Each message is built on first use: a function reads its queue's messages by kind
    # (`MessageKinds`; the images queue's union) and sends a few kinds, so none pays at
    # cold start for the kinds it never sees (the API's SnapStart hook builds them all
    # before its snapshot).
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    schema_version: Literal[1] = 1
    correlation_id: str = Field(default="", max_length=200)


class PhotosRequested(QueueMessage):
    """Images queue: process the uploaded photos of this version of an article."""

    kind: Literal["photos_requested"] = "photos_requested"
    article_id: str = Field(pattern=ARTICLE_ID_PATTERN)
    version: int = Field(ge=1)

    @property
    def idempotency_key(self) -> str:
        """What the message means, independent of how often SQS delivers it."""
        return f"photos:{self.article_id}:v{self.version}"


class RenderRequested(QueueMessage):
    """Render queue: bring the site in line with this version of an article."""

    kind: Literal["render_requested"] = "render_requested"
    article_id: str = Field(pattern=ARTICLE_ID_PATTERN)
    version: int = Field(ge=1)

    @property
    def idempotency_key(self) -> str:
        """What the message means, independent of how often SQS delivers it."""
        return f"render:{self.article_id}:v{self.version}"


class PublicationDue(QueueMessage):
    """Publish queue (sent by the scheduler): publish this article if it is still scheduled."""

    kind: Literal["publication_due"] = "publication_due"
    article_id: str = Field(pattern=ARTICLE_ID_PATTERN)
    publish_at: datetime

    @property
    def idempotency_key(self) -> str:
        """What the message means, independent of how often SQS delivers it."""
        return f"publish:{self.article_id}:{self.publish_at.isoformat()}"


MessageT = TypeVar("MessageT", bound=QueueMessage)


class UnknownKind(ValueError):
    """A queue message whose `kind` is none of those its queue carries."""


class MessageKinds(Generic[MessageT]):
    """The kinds of message one queue carries, told apart by their `kind` field.

    A body is checked against the model of its own kind alone, and each model is built
    at the first message of its kind: a function builds the models of the kinds it
    meets, not a union of every kind it could.
    """

    def __init__(self, name: str, *models: type[MessageT]) -> None:
        self.__name__ = name
        self.models = {str(m.model_fields["kind"].default): m for m in models}

    def model_validate_json(self, body: str | bytes) -> MessageT:
        """The message in `body`, as the model of its kind validates it."""
        try:
            kind = json.loads(body).get("kind")
        except (ValueError, AttributeError):
            kind = None  # not a JSON object: the error is the one of its kind
        model = self.models.get(kind) if isinstance(kind, str) else None
        if model is None:
            known = ", ".join(sorted(self.models))
            raise UnknownKind(f"kind: {kind!r} is not one of this queue's ({known})")
        return model.model_validate_json(body)
