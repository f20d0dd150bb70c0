"""What arrives on the images queue: a publish's request, or the content bucket's word that
a photo was uploaded.

The content bucket notifies the images queue of every object created under `originals/`
(an S3 event notification, `s3:ObjectCreated:*`): each record names the bucket and the
object's key, URL-encoded as S3 writes it (a space is `+`). The key of an upload is
`originals/<article id>/<upload id>/<photo name>` (`newsroom.storage.keys`), so the
record says which upload of which photo arrived. When the notification is first set up,
S3 also sends one `s3:TestEvent`, which means nothing to do.

`ImagesMessage` tells the three apart; a body that is none of them is refused (it is
retried, then waits in the dead-letter queue).
"""

from typing import Annotated, Any, Literal
from urllib.parse import unquote_plus

from pydantic import (
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    RootModel,
    Tag,
    field_validator,
)

from newsroom.ids import is_article_id, is_upload_id
from newsroom.models.fields import PhotoName
from newsroom.models.messages import PhotosRequested
from newsroom.storage.keys import ORIGINALS_PREFIX, original_key


class PhotoUploaded(BaseModel):
    """One upload of a photo, as its key in the content bucket names it."""

    # Built on first use, not at import (as every model of this module): a cold start
    # builds only what its first message needs.
    model_config = ConfigDict(frozen=True, defer_build=True)

    article_id: str
    upload_id: str
    photo_name: PhotoName


def uploaded_photo(key: str) -> PhotoUploaded | None:
    """The upload stored under `key`, or None for a key that is not a photo upload's."""
    parts = key.removeprefix(ORIGINALS_PREFIX).split("/")
    if not key.startswith(ORIGINALS_PREFIX) or len(parts) != 3:
        return None
    article_id, upload_id, photo_name = parts
    if not (is_article_id(article_id) and is_upload_id(upload_id)):
        return None
    try:
        upload = PhotoUploaded(article_id=article_id, upload_id=upload_id, photo_name=photo_name)
        # The key must be exactly the one an upload form is made for.
        return upload if original_key(article_id, photo_name, upload_id) == key else None
    except ValueError:  # pydantic's ValidationError too: not a photo's name
        return None


class _S3Model(BaseModel):
    # S3 adds fields over time: those not read here are ignored.
    model_config = ConfigDict(extra="ignore", frozen=True, populate_by_name=True, defer_build=True)


class StoredObject(_S3Model):
    """The object a record is about: its key (decoded) and size."""

    key: str
    size: int = 0

    @field_validator("key")
    @classmethod
    def _decoded(cls, key: str) -> str:
        return unquote_plus(key)


class NotifyingBucket(_S3Model):
    name: str


class S3Entity(_S3Model):
    bucket: NotifyingBucket
    stored: StoredObject = Field(alias="object")


class S3EventRecord(_S3Model):
    """One event of a notification: `ObjectCreated:Post` and the object it created."""

    event_name: str = Field(alias="eventName")
    s3: S3Entity


class UploadNotification(_S3Model):
    """An S3 event notification from the content bucket."""

    records: list[S3EventRecord] = Field(alias="Records")

    def uploads(self) -> list[PhotoUploaded]:
        """The photo uploads its records announce (other objects are no photo's)."""
        found = (
            uploaded_photo(r.s3.stored.key)
            for r in self.records
            if r.event_name.startswith("ObjectCreated:")
        )
        return [upload for upload in found if upload is not None]

    @property
    def article_id(self) -> str:
        """The article of its first upload, for logs ("" when there is none)."""
        uploads = self.uploads()
        return uploads[0].article_id if uploads else ""


class S3TestEvent(_S3Model):
    """What S3 sends once, when a bucket's notification is set up: nothing to do."""

    event: Literal["s3:TestEvent"] = Field(alias="Event")
    bucket: str = Field(default="", alias="Bucket")


def _kind(value: Any) -> str:
    if isinstance(value, dict):
        if "Records" in value:
            return "upload"
        return "test" if value.get("Event") == "s3:TestEvent" else "request"
    if isinstance(value, UploadNotification):
        return "upload"
    return "test" if isinstance(value, S3TestEvent) else "request"


class ImagesMessage(
    RootModel[
        Annotated[
            Annotated[PhotosRequested, Tag("request")]
            | Annotated[UploadNotification, Tag("upload")]
            | Annotated[S3TestEvent, Tag("test")],
            Discriminator(_kind),
        ]
    ]
):
    """Anything on the images queue: a publish's request to process every photo of an
    article, a photo uploaded, or S3's test event."""

    model_config = ConfigDict(defer_build=True)
