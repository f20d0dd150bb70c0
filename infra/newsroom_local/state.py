"""The local cloud's state on disk: what moto holds, saved so that a restart loses nothing.

moto keeps everything in memory. This module writes it to `<data dir>/state/` and
reads it back:

- objects of every bucket (current versions, with their content type, cache control
  and metadata) as content-addressed blobs: which objects changed is seen in moto's
  records (listing through the API is slow), their bytes are read through the S3 API;
- every item of every table (read from moto's records, written back through the
  DynamoDB API);
- every message of every queue, dead-letter queues included, with its receive count
  and visibility, and every user of every user pool with its groups, password and
  latest refresh tokens (a desk signed in stays signed in over a restart).
  Reading a queue through the API would change it (a receive counts), and the API
  never returns a password, so these two are read from moto's own records; this runs
  inside the process that hosts moto (`newsroom_local.cloud`).

Writes are atomic (a temporary file, fsync, rename) and blobs are written before the
manifest that names them, so a crash at any moment leaves the last complete snapshot.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from botocore.exceptions import ClientError

ACCOUNT_ID = "123456789012"
MANIFEST = "state.json"
# Refresh tokens kept per user over a restart: a few devices' sessions.
KEPT_REFRESH_TOKENS = 10


def write_atomically(path: Path, data: bytes) -> None:
    """Write `data` to `path` so that a reader sees the old file or the new one, never half."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    directory = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(directory)
    finally:
        os.close(directory)


@dataclass
class Snapshot:
    """Everything the local cloud holds, as the manifest records it."""

    buckets: dict[str, dict[str, dict[str, Any]]] = field(default_factory=dict)
    tables: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    queues: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    user_pools: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    schedules: list[dict[str, Any]] = field(default_factory=list)

    def to_json(self) -> bytes:
        return json.dumps(
            {
                "version": 1,
                "buckets": self.buckets,
                "tables": self.tables,
                "queues": self.queues,
                "user_pools": self.user_pools,
                "schedules": self.schedules,
            },
            ensure_ascii=False,
            sort_keys=True,
        ).encode("utf-8")

    @classmethod
    def from_json(cls, data: bytes) -> Snapshot:
        raw = json.loads(data)
        return cls(
            buckets=raw.get("buckets", {}),
            tables=raw.get("tables", {}),
            queues=raw.get("queues", {}),
            user_pools=raw.get("user_pools", {}),
            schedules=raw.get("schedules", []),
        )


class StateStore:
    """Snapshots of the local cloud under one directory, taken and restored."""

    def __init__(self, directory: Path, clients: Any, region: str = "us-east-1") -> None:
        self.directory = directory
        self.blobs = directory / "blobs"
        self.manifest = directory / MANIFEST
        self.region = region
        self._s3 = clients("s3")
        self._dynamodb = clients("dynamodb")
        self._scheduler = clients("scheduler")
        self._last = self.load()
        self._last_json = self._last.to_json()

    def load(self) -> Snapshot:
        """The last complete snapshot on disk (empty when there is none)."""
        if not self.manifest.exists():
            return Snapshot()
        return Snapshot.from_json(self.manifest.read_bytes())

    # ------------------------------------------------------------------ saving

    def save(self, changed: set[str] | None = None) -> bool:
        """Write a snapshot if anything changed since the last one; returns whether it did.

        `changed` says which of `objects` (buckets, schedules) and `tables` may have
        changed (None: all); the others are taken from the last snapshot.
        """
        objects = changed is None or "objects" in changed
        tables = changed is None or "tables" in changed
        snapshot = Snapshot(
            buckets=self._bucket_objects() if objects else self._last.buckets,
            tables=table_items(self.region) if tables else self._last.tables,
            queues=queue_messages(self.region),
            user_pools=pool_users(self.region),
            schedules=self._schedules() if objects else self._last.schedules,
        )
        data = snapshot.to_json()
        if data == self._last_json:
            return False
        write_atomically(self.manifest, data)
        self._forget_unused_blobs(snapshot)
        self._last, self._last_json = snapshot, data
        return True

    def _blob_path(self, digest: str) -> Path:
        return self.blobs / digest[:2] / digest

    def _bucket_objects(self) -> dict[str, dict[str, dict[str, Any]]]:
        buckets: dict[str, dict[str, dict[str, Any]]] = {}
        for name, current in bucket_etags().items():
            before = self._last.buckets.get(name, {})
            objects: dict[str, dict[str, Any]] = {}
            for key, etag in current.items():
                known = before.get(key)
                if known and known["etag"] == etag and self._blob_path(known["blob"]).exists():
                    objects[key] = known
                    continue
                stored = self._download(name, key)
                if stored is not None:
                    objects[key] = stored
            buckets[name] = objects
        return buckets

    def _download(self, bucket: str, key: str) -> dict[str, Any] | None:
        try:
            response = self._s3.get_object(Bucket=bucket, Key=key)
        except ClientError:
            return None  # deleted meanwhile
        body = response["Body"].read()
        digest = hashlib.sha256(body).hexdigest()
        path = self._blob_path(digest)
        if not path.exists():
            write_atomically(path, body)
        entry: dict[str, Any] = {"blob": digest, "etag": response["ETag"]}
        for header in ("ContentType", "CacheControl", "ContentEncoding", "ContentDisposition"):
            if response.get(header):
                entry[header] = response[header]
        if response.get("Metadata"):
            entry["Metadata"] = response["Metadata"]
        return entry

    def _forget_unused_blobs(self, snapshot: Snapshot) -> None:
        used = {o["blob"] for objects in snapshot.buckets.values() for o in objects.values()}
        if not self.blobs.exists():
            return
        for path in self.blobs.glob("*/*"):
            if path.name not in used and not path.name.startswith("."):
                path.unlink(missing_ok=True)

    def _schedules(self) -> list[dict[str, Any]]:
        schedules = []
        for page in self._scheduler.get_paginator("list_schedules").paginate():
            for listed in page.get("Schedules", []):
                found = self._scheduler.get_schedule(
                    GroupName=listed["GroupName"], Name=listed["Name"]
                )
                schedules.append({k: found[k] for k in _SCHEDULE_FIELDS if found.get(k)})
        schedules.sort(key=lambda s: (s["GroupName"], s["Name"]))
        return schedules

    # ------------------------------------------------------------------ restoring

    def restore(self) -> Snapshot:
        """Put the last snapshot back into the (freshly created) resources."""
        snapshot = self._last
        for bucket, objects in snapshot.buckets.items():
            for key, entry in objects.items():
                extra = {
                    k: entry[k]
                    for k in (
                        "ContentType",
                        "CacheControl",
                        "ContentEncoding",
                        "ContentDisposition",
                    )
                    if k in entry
                }
                self._s3.put_object(
                    Bucket=bucket,
                    Key=key,
                    Body=self._blob_path(entry["blob"]).read_bytes(),
                    Metadata=entry.get("Metadata", {}),
                    **extra,
                )
                # The etag is what the next save compares against.
                entry["etag"] = self._s3.head_object(Bucket=bucket, Key=key)["ETag"]
        for table, items in snapshot.tables.items():
            for start in range(0, len(items), 25):
                requests = [{"PutRequest": {"Item": i}} for i in items[start : start + 25]]
                pending: dict[str, Any] = {table: requests}
                while pending:
                    pending = self._dynamodb.batch_write_item(RequestItems=pending).get(
                        "UnprocessedItems", {}
                    )
        for schedule in snapshot.schedules:
            try:
                self._scheduler.create_schedule(**schedule)
            except ClientError as error:
                if error.response["Error"]["Code"] != "ConflictException":
                    raise
        restore_queue_messages(snapshot.queues, self.region)
        restore_pool_users(snapshot.user_pools, self.region)
        self._last_json = snapshot.to_json()
        return snapshot


_SCHEDULE_FIELDS = (
    "Name",
    "GroupName",
    "ScheduleExpression",
    "ScheduleExpressionTimezone",
    "FlexibleTimeWindow",
    "Target",
    "State",
    "ActionAfterCompletion",
    "Description",
)

# ---------------------------------------------------------------------- moto's own records

_MESSAGE_FIELDS = (
    "approximate_receive_count",
    "approximate_first_receive_timestamp",
    "sent_timestamp",
    "visible_at",
    "delayed_until",
    "sender_id",
    "group_id",
    "deduplication_id",
    "sequence_number",
    "message_attributes",
    "system_attributes",
)


def bucket_etags() -> dict[str, dict[str, str]]:
    """The current objects of every bucket (key: ETag), from moto's memory.

    Listing through the API costs seconds for a few thousand keys; this costs
    milliseconds. The objects that changed are then read through the API.
    """
    from moto.s3.models import FakeKey, s3_backends

    buckets = {}
    for name, bucket in list(s3_backends[ACCOUNT_ID]["aws"].buckets.items()):
        keys: list[tuple[str, Any]] = []
        for _ in range(10):  # the server's threads may add keys meanwhile: read again
            try:
                keys = list(bucket.keys.items())
                break
            except RuntimeError:
                continue
        buckets[name] = {k: v.etag for k, v in keys if isinstance(v, FakeKey)}
    return buckets


def table_items(region: str) -> dict[str, list[dict[str, Any]]]:
    """Every item of every table (DynamoDB JSON), from moto's memory (a scan, without HTTP)."""
    from moto.dynamodb.models import dynamodb_backends

    tables: dict[str, list[dict[str, Any]]] = {}
    for name, table in list(dynamodb_backends[ACCOUNT_ID][region].tables.items()):
        items: list[dict[str, Any]] = []
        for _ in range(10):  # the server's threads may write meanwhile: read again
            try:
                items = [item.to_json()["Attributes"] for item in list(table.all_items())]
                break
            except RuntimeError:
                continue
        items.sort(key=lambda item: json.dumps(item, sort_keys=True))
        tables[name] = items
    return tables


def _sqs_backend(region: str) -> Any:
    from moto.sqs.models import sqs_backends

    return sqs_backends[ACCOUNT_ID][region]


def queue_messages(region: str) -> dict[str, list[dict[str, Any]]]:
    """Every message of every queue, in order, with its delivery state."""
    queues: dict[str, list[dict[str, Any]]] = {}
    for name, queue in list(_sqs_backend(region).queues.items()):
        queues[name] = [
            {"id": m.id, "body": m.body, **{f: getattr(m, f) for f in _MESSAGE_FIELDS}}
            for m in list(queue._messages)
        ]
    return queues


def restore_queue_messages(saved: dict[str, list[dict[str, Any]]], region: str) -> None:
    """Put saved messages back on their queues (which must exist)."""
    from moto.sqs.models import Message

    backend = _sqs_backend(region)
    for name, messages in saved.items():
        queue = backend.queues.get(name)
        if queue is None:
            continue
        present = {m.id for m in queue._messages}
        for record in messages:
            if record["id"] in present:
                continue
            message = Message(record["id"], record["body"], record.get("system_attributes"))
            for name_ in _MESSAGE_FIELDS:
                if name_ in record:
                    setattr(message, name_, record[name_])
            queue.add_message(message)


def _pools(region: str) -> dict[str, Any]:
    from moto.cognitoidp.models import cognitoidp_backends

    return {p.name: p for p in list(cognitoidp_backends[ACCOUNT_ID][region].user_pools.values())}


def _refresh_tokens(pool: Any) -> dict[str, list[list[str]]]:
    """The live refresh tokens of a pool, by user: [token, client id, origin jti] each
    (a signed-in desk keeps its session over a restart, as Cognito keeps it 30 days)."""
    tokens: dict[str, list[list[str]]] = {}
    for token, held in list(pool.refresh_tokens.items()):
        if held is not None:
            client_id, username, origin_jti = held
            tokens.setdefault(username, []).append([token, client_id, origin_jti])
    # The newest few (moto keeps them in the order issued, and never expires one).
    return {username: issued[-KEPT_REFRESH_TOKENS:] for username, issued in tokens.items()}


def pool_users(region: str) -> dict[str, list[dict[str, Any]]]:
    """Every user of every pool (by pool name), with password, status, groups, when it
    was created and its refresh tokens."""
    pools: dict[str, list[dict[str, Any]]] = {}
    for name, pool in _pools(region).items():
        tokens = _refresh_tokens(pool)
        pools[name] = [
            {
                "username": u.username,
                "sub": u.id,
                "password": u.password,
                "status": u.status,
                "enabled": u.enabled,
                "attributes": [a for a in u.attributes if a["Name"] != "sub"],
                "groups": sorted(g.group_name for g in u.groups),
                "created": u.create_date.isoformat(),
                "refresh_tokens": tokens.get(u.username, []),
            }
            for u in list(pool.users.values())
        ]
    return pools


def restore_pool_users(saved: dict[str, list[dict[str, Any]]], region: str) -> None:
    """Put saved users back into their pools (which must exist), keeping their ids."""
    from moto.cognitoidp.models import CognitoIdpUser

    pools = _pools(region)
    for name, users in saved.items():
        pool = pools.get(name)
        if pool is None:
            continue
        for record in users:
            if record["username"] in pool.users:
                continue
            user = CognitoIdpUser(
                pool.id, record["username"], record["password"], record["status"], []
            )
            user.id = record["sub"]
            user.enabled = record["enabled"]
            user.update_attributes([*record["attributes"], {"Name": "sub", "Value": user.id}])
            if record.get("created"):
                user.create_date = datetime.fromisoformat(record["created"])
            for token, client_id, origin_jti in record.get("refresh_tokens", []):
                pool.refresh_tokens.setdefault(token, (client_id, user.username, origin_jti))
            for group_name in record["groups"]:
                group = pool.groups.get(group_name)
                if group is not None:
                    group.users.add(user)
                    user.groups.add(group)
            pool.users[user.username] = user
