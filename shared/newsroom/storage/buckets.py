"""The two buckets: content (originals, private) and site (what readers get, via CloudFront)."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from botocore.exceptions import ClientError

from newsroom.aws import clients

if TYPE_CHECKING:
    from mypy_boto3_s3 import S3Client

HTML_CACHE_CONTROL = "public, max-age=60, s-maxage=300, must-revalidate"
# Feeds, sitemaps, the search index: never invalidated, so CloudFront keeps them a minute.
SHORT_CACHE_CONTROL = "public, max-age=60, s-maxage=60, must-revalidate"
IMMUTABLE_CACHE_CONTROL = "public, max-age=31536000, immutable"

MAX_PHOTO_BYTES = 25 * 1024 * 1024


class ObjectMissing(LookupError):
    """The bucket has no object under this key."""


class ObjectTooLarge(ValueError):
    """The object is larger than the reader accepts (`size` and `limit`, in bytes)."""

    def __init__(self, size: int, limit: int) -> None:
        super().__init__(f"the file is {size} bytes; at most {limit} bytes are accepted")
        self.size = size
        self.limit = limit


class PresignedUpload(NamedTuple):
    """Where and how a client sends a file's bytes: a PUT with `headers`, or a form POST
    with `fields`."""

    url: str
    method: str
    headers: dict[str, str]
    fields: dict[str, str]


def _is_missing(error: ClientError) -> bool:
    return error.response.get("Error", {}).get("Code") in {"404", "NoSuchKey", "NotFound"}


class Bucket(clients.Reached["S3Client"]):
    """One S3 bucket."""

    def __init__(self, name: str, client: S3Client | None = None) -> None:
        super().__init__(client, clients.s3)
        self.name = name


class ContentBucket(Bucket):
    """Editors' originals: written by presigned uploads, read by the images function, and
    downloaded again by editors through presigned GETs."""

    def presign_upload(self, key: str, content_type: str, expires_in: int) -> PresignedUpload:
        """A presigned PUT of one object with this content type."""
        url = self.client.generate_presigned_url(
            "put_object",
            Params={"Bucket": self.name, "Key": key, "ContentType": content_type},
            ExpiresIn=expires_in,
            HttpMethod="PUT",
        )
        return PresignedUpload(
            url=url, method="PUT", headers={"Content-Type": content_type}, fields={}
        )

    def presign_post(
        self, key: str, content_type: str, expires_in: int, max_bytes: int = MAX_PHOTO_BYTES
    ) -> PresignedUpload:
        """A presigned form POST of one object; S3 refuses another type or a larger file."""
        post = self.client.generate_presigned_post(
            Bucket=self.name,
            Key=key,
            Fields={"Content-Type": content_type},
            Conditions=[
                {"Content-Type": content_type},
                ["content-length-range", 1, max_bytes],
            ],
            ExpiresIn=expires_in,
        )
        return PresignedUpload(
            url=post["url"], method="POST", headers={}, fields=dict(post["fields"])
        )

    def presign_download(self, key: str, expires_in: int) -> str:
        """A presigned GET of one object: its URL, valid for `expires_in` seconds."""
        url: str = self.client.generate_presigned_url(
            "get_object",
            Params={"Bucket": self.name, "Key": key},
            ExpiresIn=expires_in,
            HttpMethod="GET",
        )
        return url

    def arrived(self, key: str) -> bool:
        """Whether an upload has arrived under `key`. Without s3:ListBucket, S3 answers a
        missing key with 403: that is "not arrived" too."""
        try:
            self.client.head_object(Bucket=self.name, Key=key)
        except ClientError as error:
            if _is_missing(error) or error.response.get("Error", {}).get("Code") == "403":
                return False
            raise
        return True

    def read(self, key: str, max_bytes: int = MAX_PHOTO_BYTES) -> bytes:
        """The object's bytes (ObjectMissing if absent; ObjectTooLarge if over `max_bytes`)."""
        try:
            response = self.client.get_object(Bucket=self.name, Key=key)
        except ClientError as error:
            if _is_missing(error):
                raise ObjectMissing(key) from error
            raise
        size = response["ContentLength"]
        if size > max_bytes:
            response["Body"].close()
            raise ObjectTooLarge(size, max_bytes)
        return response["Body"].read()


class SiteBucket(Bucket):
    """What readers are served: pages, feeds, renditions, assets."""

    writers = 8  # objects written at once: S3 takes many writes in parallel

    def put(self, key: str, body: bytes, content_type: str, cache_control: str) -> None:
        """Write one object with the headers readers will get."""
        self.client.put_object(
            Bucket=self.name,
            Key=key,
            Body=body,
            ContentType=content_type,
            CacheControl=cache_control,
        )

    def exists(self, key: str) -> bool:
        """Whether an object is stored under `key`."""
        try:
            self.client.head_object(Bucket=self.name, Key=key)
        except ClientError as error:
            if _is_missing(error):
                return False
            raise
        return True

    def read(self, key: str) -> bytes:
        """The object's bytes (ObjectMissing if absent)."""
        try:
            return self.client.get_object(Bucket=self.name, Key=key)["Body"].read()
        except ClientError as error:
            if _is_missing(error):
                raise ObjectMissing(key) from error
            raise

    def delete(self, key: str) -> None:
        """Remove one object (no error if it is already gone)."""
        self.client.delete_object(Bucket=self.name, Key=key)
