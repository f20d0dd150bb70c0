"""The local S3's check of a presigned form upload (POST) against its policy, as S3 checks it.

A presigned POST is a form: `key`, `Content-Type`, the `x-amz-*` fields, a base64 JSON
`policy` signed with Signature Version 4 (or the older version 2, `AWSAccessKeyId` and
`signature`, which boto3 still makes when no `signature_version` is set), and the
file. S3 refuses the upload unless the policy's signature is right for the access key
the form names, the policy has not expired, every condition holds (`bucket`, `key`,
`Content-Type`, `content-length-range`, any `x-amz-*` field; exact `{"name": "value"}`,
`["eq", "$name", "value"]` and `["starts-with", "$name", "prefix"]`), and every field
of the form other than `file`, `policy`, the signature and `x-ignore-*` is named by a
condition. moto stores whatever it is sent, so without this check an upload limit
could not be tested locally: another type, another article's key, an edited expiry or
a file too large would all be accepted.

`check_post` is the whole check of a form already read (`read_form`), and
`check_form_post` the same over a form as sent (content type and body);
`PostPolicyGuard` wraps the local cloud's WSGI app with it, and the in-process tests'
upload helper calls it too. Refusals are S3's: status, error code and message
(`Refusal.xml()`). Nothing here depends on moto.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import hashlib
import hmac
import io
import json
import re
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.message import Message
from typing import Any
from urllib.parse import unquote
from xml.sax.saxutils import escape

ALGORITHM = "AWS4-HMAC-SHA256"

# The fields a form need not name in its policy (names compared in lower case), with
# Signature Version 4 and with the older version 2 (`AWSAccessKeyId` and `signature`).
UNCONDITIONED_V4 = frozenset({"file", "policy", "x-amz-signature"})
UNCONDITIONED_V2 = frozenset({"file", "policy", "signature", "awsaccesskeyid"})
REQUIRED_V4 = ("x-amz-algorithm", "x-amz-credential", "x-amz-date", "x-amz-signature")
REQUIRED_V2 = ("AWSAccessKeyId", "signature")

SecretLookup = Callable[[str], str | None]
"""The secret access key of an access key id, or None for a key the cloud does not know."""


@dataclass(frozen=True)
class Refusal:
    """S3's answer to an upload it refuses."""

    status: int
    code: str
    message: str
    details: tuple[tuple[str, str], ...] = ()

    def xml(self) -> bytes:
        """The error document S3 sends."""
        extra = "".join(f"<{name}>{escape(value)}</{name}>" for name, value in self.details)
        request_id = uuid.uuid4().hex[:16].upper()
        return (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            f"<Error><Code>{self.code}</Code><Message>{escape(self.message)}</Message>"
            f"{extra}<RequestId>{request_id}</RequestId><HostId>local</HostId></Error>"
        ).encode()


MALFORMED = Refusal(
    400,
    "MalformedPOSTRequest",
    "The body of your POST request is not well-formed multipart/form-data.",
)


def _denied(reason: str) -> Refusal:
    return Refusal(403, "AccessDenied", f"Invalid according to Policy: {reason}")


def _invalid_policy(reason: str) -> Refusal:
    return Refusal(400, "InvalidPolicyDocument", f"Invalid Policy: {reason}")


def _missing_field(name: str) -> Refusal:
    return Refusal(
        400,
        "InvalidArgument",
        f"Bucket POST must contain a field named '{name}'.  "
        "If it is specified, please check the order of the fields.",
        (("ArgumentName", name), ("ArgumentValue", "")),
    )


# ---------------------------------------------------------------- the form


class MalformedForm(ValueError):
    """The body is not multipart/form-data as its content type says."""


@dataclass(frozen=True)
class FormPost:
    """A form upload as S3 reads it: the fields before the file, how many parts are named
    `file` (S3 takes exactly one), and the first one's size.

    S3 ignores what follows the file, so `body_through_file` is the body as sent with
    everything after the file dropped: what the store behind the check is given.
    """

    fields: tuple[tuple[str, str], ...]
    files: int
    file_size: int
    body_through_file: bytes = b""

    def get(self, name: str) -> str | None:
        """The value of the field `name` (any case), if the form has it."""
        for key, value in self.fields:
            if key.lower() == name.lower():
                return value
        return None


def _parameters(header: str, value: str) -> Message:
    message = Message()
    message[header] = value
    return message


def boundary_of(content_type: str) -> str | None:
    """The multipart boundary of a `multipart/form-data` content type, or None."""
    message = _parameters("content-type", content_type)
    if message.get_content_type() != "multipart/form-data":
        return None
    boundary = message.get_param("boundary")
    return boundary if isinstance(boundary, str) and boundary else None


def read_form(content_type: str, body: bytes) -> FormPost:
    """The fields (up to the file), the file's size and the body through the file."""
    boundary = boundary_of(content_type)
    if boundary is None:
        raise MalformedForm("not multipart/form-data with a boundary")
    delimiter = b"--" + boundary.encode("latin-1")
    if body.startswith(delimiter):
        at = len(delimiter)
    elif (found := body.find(b"\r\n" + delimiter)) >= 0:
        at = found + 2 + len(delimiter)
    else:
        raise MalformedForm("the body has no part")
    fields: list[tuple[str, str]] = []
    parts = _parts(body, at, delimiter)
    for name, content, end in parts:
        if name.lower() != "file":
            fields.append((name, content.decode("utf-8", errors="replace")))
            continue
        files = 1
        with contextlib.suppress(MalformedForm):  # what follows the file is not read
            for later, _, _ in parts:
                if later.lower() == "file":
                    files += 1
        through = body[:end] + b"\r\n" + delimiter + b"--\r\n"
        return FormPost(tuple(fields), files, len(content), through)
    return FormPost(tuple(fields), 0, 0)


def _parts(body: bytes, at: int, delimiter: bytes) -> Iterator[tuple[str, bytes, int]]:
    """Each part after the delimiter that ends at `at`: its name, its content, where it ends."""
    separator = b"\r\n" + delimiter
    while not body.startswith(b"--", at):
        line_end = body.find(b"\r\n", at)
        if line_end < 0 or body[at:line_end].strip(b" \t"):
            raise MalformedForm("a delimiter is not followed by a line break")
        end = body.find(separator, line_end + 2)
        if end < 0:
            raise MalformedForm("a part does not end")
        head, blank, content = body[line_end + 2 : end].partition(b"\r\n\r\n")
        if not blank:
            raise MalformedForm("a part has no blank line after its headers")
        yield _field_name(head), content, end
        at = end + len(separator)


def _field_name(head: bytes) -> str:
    for line in head.decode("utf-8", errors="replace").split("\r\n"):
        header, _, value = line.partition(":")
        if header.strip().lower() == "content-disposition":
            name = _parameters("content-disposition", value.strip()).get_param(
                "name", header="content-disposition"
            )
            if isinstance(name, str):
                return name
    raise MalformedForm("a part has no name")


# ---------------------------------------------------------------- the policy


class InvalidPolicy(ValueError):
    """A policy S3 cannot read (`InvalidPolicyDocument`)."""


@dataclass(frozen=True)
class Condition:
    """One condition of a policy, as S3 names it in a refusal."""

    operator: str  # "eq", "starts-with" or "content-length-range"
    name: str  # as written, without the "$"
    value: str = ""
    low: int = 0
    high: int = 0

    def described(self) -> str:
        if self.operator == "content-length-range":
            return json.dumps(["content-length-range", self.low, self.high])
        return json.dumps([self.operator, "$" + self.name, self.value], ensure_ascii=False)

    def holds(self, value: str) -> bool:
        if self.operator == "eq":
            return value == self.value
        if self.name.lower() == "content-type":
            # A list of types: each must start with the prefix.
            return all(part.strip().startswith(self.value) for part in value.split(","))
        return value.startswith(self.value)


@dataclass(frozen=True)
class Policy:
    expiration: datetime
    conditions: tuple[Condition, ...] = field(default_factory=tuple)


def _integer(value: Any) -> int:
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, int):
        return value
    if isinstance(value, str) and re.fullmatch(r"[0-9]+", value.strip()):
        return int(value)
    raise ValueError(value)


def read_policy(encoded: str) -> Policy:
    """The policy field decoded; an InvalidPolicy for one S3 could not read."""
    try:
        document = json.loads(base64.b64decode(encoded, validate=True).decode("utf-8"))
    except (binascii.Error, UnicodeDecodeError, ValueError) as error:
        raise InvalidPolicy("Invalid JSON.") from error
    if not isinstance(document, dict):
        raise InvalidPolicy("Invalid JSON.")
    if "expiration" not in document:
        raise InvalidPolicy("Policy missing expiration.")
    if not isinstance(document.get("conditions"), list):
        raise InvalidPolicy("Policy missing conditions.")
    try:
        text = str(document["expiration"])
        expiration = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError as error:
        raise InvalidPolicy(f"Invalid 'expiration' value: '{document['expiration']}'") from error
    if expiration.tzinfo is None:
        expiration = expiration.replace(tzinfo=UTC)
    conditions: list[Condition] = []
    for entry in document["conditions"]:
        conditions.extend(_conditions(entry))
    return Policy(expiration, tuple(conditions))


def _conditions(entry: Any) -> list[Condition]:
    if isinstance(entry, dict):
        if not all(isinstance(value, str) for value in entry.values()):
            raise InvalidPolicy(f"Invalid Simple-Condition: {json.dumps(entry)}")
        return [Condition("eq", str(name), value) for name, value in entry.items()]
    if isinstance(entry, list) and entry and isinstance(entry[0], str):
        operator = entry[0].lower()
        if operator == "content-length-range" and len(entry) == 3:
            try:
                low, high = _integer(entry[1]), _integer(entry[2])
            except ValueError as error:
                raise InvalidPolicy(f"Invalid content-length-range: {json.dumps(entry)}") from error
            return [Condition("content-length-range", "content-length", low=low, high=high)]
        if (
            operator in {"eq", "starts-with"}
            and len(entry) == 3
            and isinstance(entry[1], str)
            and entry[1].startswith("$")
            and isinstance(entry[2], str)
        ):
            return [Condition(operator, entry[1][1:], entry[2])]
    raise InvalidPolicy(f"Invalid Condition: {json.dumps(entry)}")


# ---------------------------------------------------------------- the check


def signing_key(secret: str, date: str, region: str, service: str) -> bytes:
    """Signature Version 4's signing key for a day, a region and a service."""
    key = ("AWS4" + secret).encode("utf-8")
    for part in (date, region, service, "aws4_request"):
        key = hmac.new(key, part.encode("utf-8"), hashlib.sha256).digest()
    return key


def policy_signature(policy: str, credential: str, secret: str) -> str:
    """The signature of a (base64) policy for `x-amz-credential`, with its secret."""
    _, date, region, service, _ = credential.split("/")
    key = signing_key(secret, date, region, service)
    return hmac.new(key, policy.encode("utf-8"), hashlib.sha256).hexdigest()


def _unknown_key(access_key: str) -> Refusal:
    return Refusal(
        403,
        "InvalidAccessKeyId",
        "The AWS Access Key Id you provided does not exist in our records.",
        (("AWSAccessKeyId", access_key),),
    )


def _signature_mismatch(access_key: str, policy: str, provided: str) -> Refusal:
    return Refusal(
        403,
        "SignatureDoesNotMatch",
        "The request signature we calculated does not match the signature you provided. "
        "Check your key and signing method.",
        (("AWSAccessKeyId", access_key), ("StringToSign", policy), ("SignatureProvided", provided)),
    )


def _check_signature_v4(form: FormPost, policy: str, secret_for: SecretLookup) -> Refusal | None:
    for name in REQUIRED_V4:
        if form.get(name) is None:
            return _missing_field(name)
    algorithm = form.get("x-amz-algorithm") or ""
    if algorithm != ALGORITHM:
        return Refusal(
            400,
            "InvalidArgument",
            f"Only {ALGORITHM} is supported",
            (("ArgumentName", "x-amz-algorithm"), ("ArgumentValue", algorithm)),
        )
    credential = form.get("x-amz-credential") or ""
    scope = credential.split("/")
    if len(scope) != 5 or scope[3] != "s3" or scope[4] != "aws4_request":
        return Refusal(
            400,
            "InvalidArgument",
            f"Invalid credential: {credential}",
            (("ArgumentName", "x-amz-credential"), ("ArgumentValue", credential)),
        )
    secret = secret_for(scope[0])
    if secret is None:
        return _unknown_key(scope[0])
    provided = (form.get("x-amz-signature") or "").strip()
    expected = policy_signature(policy, credential, secret)
    if not hmac.compare_digest(provided.lower().encode(), expected.encode()):
        return _signature_mismatch(scope[0], policy, provided)
    return None


def _check_signature_v2(form: FormPost, policy: str, secret_for: SecretLookup) -> Refusal | None:
    for name in REQUIRED_V2:
        if form.get(name) is None:
            return _missing_field(name)
    access_key = form.get("AWSAccessKeyId") or ""
    secret = secret_for(access_key)
    if secret is None:
        return _unknown_key(access_key)
    provided = (form.get("signature") or "").strip()
    digest = hmac.new(secret.encode("utf-8"), policy.encode("utf-8"), hashlib.sha1).digest()
    if not hmac.compare_digest(provided.encode(), base64.b64encode(digest)):
        return _signature_mismatch(access_key, policy, provided)
    return None


def check_post(
    bucket: str, form: FormPost, secret_for: SecretLookup, now: datetime | None = None
) -> Refusal | None:
    """Why S3 would refuse this form upload to `bucket`, or None when it would store it."""
    if form.files != 1:
        return Refusal(400, "InvalidArgument", "POST requires exactly one file upload per request.")
    seen: set[str] = set()
    for name, _ in form.fields:
        if name.lower() in seen:
            return Refusal(
                400, "InvalidArgument", f"The form field '{name}' appears more than once."
            )
        seen.add(name.lower())
    encoded = form.get("policy")
    if encoded is None:
        # Without a policy the form is anonymous; no bucket of ours lets anyone write.
        return Refusal(403, "AccessDenied", "Access Denied")
    if form.get("key") is None:
        return _missing_field("key")
    if form.get("AWSAccessKeyId") is not None and form.get("x-amz-signature") is None:
        refusal, unconditioned = _check_signature_v2(form, encoded, secret_for), UNCONDITIONED_V2
    else:
        refusal, unconditioned = _check_signature_v4(form, encoded, secret_for), UNCONDITIONED_V4
    if refusal is not None:
        return refusal
    try:
        policy = read_policy(encoded)
    except InvalidPolicy as error:
        return _invalid_policy(str(error))
    if (now or datetime.now(UTC)) > policy.expiration:
        return _denied("Policy expired.")
    sized: list[Condition] = []
    named: set[str] = set()
    for condition in policy.conditions:
        if condition.operator == "content-length-range":
            sized.append(condition)
            continue
        named.add(condition.name.lower())
        value = bucket if condition.name.lower() == "bucket" else form.get(condition.name) or ""
        if not condition.holds(value):
            return _denied(f"Policy Condition failed: {condition.described()}")
    extra = [
        name
        for name, _ in form.fields
        if name.lower() not in unconditioned
        and not name.lower().startswith("x-ignore-")
        and name.lower() not in named
    ]
    if extra:
        return _denied(f"Extra input fields: {', '.join(extra)}")
    for condition in sized:
        if form.file_size > condition.high:
            return Refusal(
                400,
                "EntityTooLarge",
                "Your proposed upload exceeds the maximum allowed size",
                (("ProposedSize", str(form.file_size)), ("MaxSizeAllowed", str(condition.high))),
            )
        if form.file_size < condition.low:
            return Refusal(
                400,
                "EntityTooSmall",
                "Your proposed upload is smaller than the minimum allowed size",
                (("ProposedSize", str(form.file_size)), ("MinSizeAllowed", str(condition.low))),
            )
    return None


def check_form_post(
    bucket: str,
    content_type: str,
    body: bytes,
    secret_for: SecretLookup,
    now: datetime | None = None,
) -> Refusal | None:
    """`check_post` on a form as sent: its content type and body."""
    try:
        form = read_form(content_type, body)
    except MalformedForm:
        return MALFORMED
    return check_post(bucket, form, secret_for, now)


def bucket_of(host: str, path: str) -> str | None:
    """The bucket a request is for: the first path segment (path-style addressing), or
    the host's first label (virtual-hosted style: `photos.s3.amazonaws.com`,
    `photos.localhost`); None for a request to the service itself."""
    segment = unquote(path.lstrip("/").split("/", 1)[0])
    if segment:
        return segment
    name = host.rsplit(":", 1)[0] if host.count(":") == 1 else host
    virtual = re.match(r"(.+?)\.s3[.-]", name)
    if virtual:
        return virtual.group(1)
    if "." not in name or re.fullmatch(r"[0-9.]+|\[.*\]", name) or re.match(r"s3[.-]", name):
        return None
    return name.split(".", 1)[0]


def known_secrets(credentials: Iterable[tuple[str, str]]) -> SecretLookup:
    """A lookup over (access key id, secret access key) pairs."""
    secrets = dict(credentials)
    return secrets.get


# ---------------------------------------------------------------- in front of the store


class PostPolicyGuard:
    """WSGI middleware: a form upload to a bucket is checked first; a refused one never
    reaches the app, and an accepted one reaches it without what followed its file."""

    def __init__(self, app: Any, secret_for: SecretLookup) -> None:
        self.app = app
        self.secret_for = secret_for

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Any:
        bucket = _form_upload_bucket(environ)
        if bucket is None:
            return self.app(environ, start_response)
        body = _read_body(environ)
        try:
            form = read_form(str(environ["CONTENT_TYPE"]), body)
        except MalformedForm:
            return _refuse(MALFORMED, start_response)
        refusal = check_post(bucket, form, self.secret_for)
        if refusal is not None:
            return _refuse(refusal, start_response)
        environ["wsgi.input"] = io.BytesIO(form.body_through_file)
        environ["CONTENT_LENGTH"] = str(len(form.body_through_file))
        environ.pop("HTTP_TRANSFER_ENCODING", None)
        return self.app(environ, start_response)


def _form_upload_bucket(environ: dict[str, Any]) -> str | None:
    """The bucket of a browser-form upload (a multipart POST to a bucket), else None."""
    if environ.get("REQUEST_METHOD") != "POST":
        return None
    if boundary_of(str(environ.get("CONTENT_TYPE", ""))) is None:
        return None
    path = str(environ.get("PATH_INFO", ""))
    if "/" in path.strip("/"):
        return None  # a POST to an object (multipart upload steps), not to the bucket
    # A form posted to no bucket that can be named is still checked (against no bucket).
    return bucket_of(str(environ.get("HTTP_HOST", "")), path) or ""


def _refuse(refusal: Refusal, start_response: Any) -> list[bytes]:
    document = refusal.xml()
    reason = {400: "Bad Request", 403: "Forbidden"}[refusal.status]
    start_response(
        f"{refusal.status} {reason}",
        [("Content-Type", "application/xml"), ("Content-Length", str(len(document)))],
    )
    return [document]


def _read_body(environ: dict[str, Any]) -> bytes:
    stream = environ["wsgi.input"]
    length = str(environ.get("CONTENT_LENGTH") or "")
    if length.isdigit():
        return bytes(stream.read(int(length)))
    return bytes(stream.read()) if environ.get("wsgi.input_terminated") else b""
