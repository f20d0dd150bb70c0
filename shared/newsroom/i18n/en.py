"""English: every message of the API, for callers whose `Accept-Language` prefers it.

Reasons (`errors[].reason`) are said after their field (`title: is required`), so they
leave out the field's name (`label`).
"""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    # How lists are said.
    "join.list": ", ",
    "join.or": " or ",
    "join.clauses": "; ",
    # How numbers are written (a template's `{n:,}`): 1,234,567 and 2.5.
    "number.thousands": ",",
    "number.decimal": ".",
    # Words recorded before messages were kept, shown as they were written.
    "said.as_recorded": "{text}",
    # The title of each status a problem has.
    "status.400": "Bad Request",
    "status.401": "Unauthorized",
    "status.403": "Forbidden",
    "status.404": "Not Found",
    "status.405": "Method Not Allowed",
    "status.409": "Conflict",
    "status.412": "Precondition Failed",
    "status.413": "Content Too Large",
    "status.415": "Unsupported Media Type",
    "status.422": "Unprocessable Content",
    "status.428": "Precondition Required",
    "status.500": "Internal Server Error",
    "status.other": "Error",
    # The router.
    "api.sign_in": (
        "Sign in again: this request carries no valid sign-in. Get a new token (sign in to "
        "the newsroom's user pool; on the local stack, `newsroom token --role editor`) and "
        "send it as Authorization: Bearer <token>."
    ),
    "api.body_required": "This request needs a JSON body.",
    "api.method_not_allowed": "{method} is not allowed here; use {allowed}.",
    "api.no_route": "No route for {method} {path}.",
    "api.unexpected": "Something went wrong on our side; the request was not completed.",
    # Reading a body.
    "body.not_base64": "The body is not valid base64.",
    "body.too_large": "The body is {size} bytes; at most {limit} are accepted.",
    "body.no_content_type": "none",
    "body.not_json_type": (
        "Send the body as application/json (the Content-Type was {content_type})."
    ),
    "body.not_utf8": "The body is not valid UTF-8 (byte {byte}).",
    "body.not_json": "The body is not valid JSON: {error} at line {line}, column {column}.",
    "body.too_deep": "The body is nested more than {limit} levels deep.",
    "body.not_an_object": "The body must be a JSON object.",
    # Preconditions and retries.
    "etag.missing": (
        "Send If-Match with the ETag of the version you read (GET the article first), so "
        "that nobody's changes are overwritten."
    ),
    "etag.no_version": "If-Match {if_match} names no version of this article.",
    "idempotency.bad_key": "The Idempotency-Key must be 1 to {limit} visible ASCII characters.",
    "idempotency.just_ended": "A request with this Idempotency-Key just ended; send it again.",
    "idempotency.reused": (
        "This Idempotency-Key was already used for another request; use a new key for a "
        "new request."
    ),
    "idempotency.in_progress": (
        "A request with this Idempotency-Key is still in progress; retry in a moment."
    ),
    # Who may do what.
    "role.reporter": "reporter",
    "role.editor": "editor",
    "role.admin": "admin",
    "action.read": "read articles",
    "action.create": "create articles",
    "action.edit": "edit articles",
    "action.submit": "submit articles for review",
    "action.send_back": "send articles back to their reporter",
    "action.publish": "publish or schedule articles",
    "action.unpublish": "unpublish articles",
    "action.delete": "delete articles",
    "policy.signed_in_as": "you are signed in as {username} ({roles})",
    "policy.no_role": "no newsroom role",
    "policy.role_required": "Only {roles} may {action}; {signed_in}.",
    "policy.own_drafts_only": (
        "A reporter may only change its own drafts; this article was written by {author} "
        "and {signed_in}."
    ),
    "policy.drafts_only": (
        "A reporter may only change drafts; this article is {status}. Ask an editor."
    ),
    # Articles.
    "article_status.draft": "draft",
    "article_status.in_review": "in_review",
    "article_status.scheduled": "scheduled",
    "article_status.published": "published",
    "article_status.unpublished": "unpublished",
    "article.not_found": "No article has the id '{article_id}'.",
    "article.changed_meanwhile": (
        "The article was changed by someone else meanwhile; read it again and retry."
    ),
    "article.changed_try_again": "The article changed meanwhile; try again.",
    "article.stale_version": (
        "The article is at version {current}, not {expected}: someone saved it after you "
        "read it. Read it again, then apply your changes."
    ),
    "article.saved_meanwhile": (
        "Someone saved the article while you were saving it. Read it again, then apply "
        "your changes."
    ),
    "article.category_locked": (
        "A published article cannot move to another category: its address would change. "
        "Unpublish it first."
    ),
    "article.submit_not_draft": (
        "Only a draft can be submitted for review; this article is {status}."
    ),
    "article.send_back_not_in_review": (
        "Only an article in review can be sent back to its reporter; this article is {status}."
    ),
    "article.publish_at_refused": "publish_at {problem}.",
    "article.already_published": (
        "The article is already published; unpublish it before scheduling it again."
    ),
    "article.photos_not_ready": (
        "The article has photos that are not ready: {names}. Upload them again (or "
        "replace them), or remove them from the article, then publish again; to publish "
        'without them, send "force": true.'
    ),
    "article.unpublish_not_live": (
        "Only a published or scheduled article can be unpublished; this article is {status}."
    ),
    "article.delete_published": "A published article cannot be deleted; unpublish it first.",
    "revision.not_found": "The article has no version {number}; it has versions 1 to {latest}.",
    "revision.not_a_number": "Versions are numbered 1, 2, 3…; '{number}' is not one.",
    "listing.bad_cursor": "The cursor is not one this API gave out; start from the first page.",
    # The preview of an article's page (GET and POST /articles/{id}/preview).
    "preview.banner.not_published": "Preview — not published",
    "preview.banner.scheduled": "Preview — scheduled for {time}",
    "preview.banner.published": "Preview — published; readers see the last saved version",
    "preview.unsaved": "What you see is not saved.",
    "preview.photo.awaiting": "Photo {name} has not been uploaded: the page will not show it.",
    "preview.photo.processing": (
        "Photo {name} is being processed: the preview shows the original (if the browser can)."
    ),
    "preview.photo.rejected": "Photo {name} was rejected ({reason}): the page will not show it.",
    # Scheduling.
    "schedule.accepted_range": (
        "give a time between now ({now}) and {years} years from now ({latest})"
    ),
    "schedule.in_the_past": (
        "is in the past ({time}); to publish now, omit publish_at; to schedule, {accepted}"
    ),
    "schedule.too_far_ahead": "is more than {years} years ahead ({time}); {accepted}",
    # Photos.
    "photo.not_found": "The article has no photo named '{name}' (its photos: {names}).",
    "photo.none": "none",
    "photo.too_many": "An article has at most {limit} photos.",
    "photo.state.awaiting_upload": "awaiting_upload: no file has been uploaded for it yet",
    "photo.state.ready": "ready",
    "photo.state.rejected": "rejected: {reason}",
    "photo_order.refused": (
        "The order must name each of the article's photos exactly once (its photos: "
        "{photos}); this one {problems}."
    ),
    "photo_order.wrong": "{problems}",
    "photo_order.missing": "leaves out {names}",
    "photo_order.extra": "names {names}, which the article does not have",
    "photo_order.repeated": "names {names} more than once",
    # Why a photo is rejected, and what an editor should check about it.
    "photo.rejected.too_large": "the file is {size_mb} MB; at most {limit_mb} MB are accepted",
    "photo.rejected.empty": "the file is empty",
    "photo.rejected.svg": (
        "SVG drawings are not accepted as photos (they can carry scripts); upload a JPEG, "
        "PNG, WebP or HEIC photo"
    ),
    "photo.rejected.other_format": (
        "the file is a {format} file, not a photo in a supported format (JPEG, PNG, WebP or HEIC)"
    ),
    "photo.rejected.not_a_photo": (
        "the file is not a photo in a supported format (JPEG, PNG, WebP or HEIC)"
    ),
    "photo.rejected.truncated": "the {format} file is truncated (cut short)",
    "photo.rejected.damaged": "the {format} file is damaged (at byte {at})",
    "photo.rejected.hidden_content": (
        "the file hides web page or script content in its metadata (a polyglot file)"
    ),
    "photo.rejected.data_after_image": (
        "the file carries other data after the end of the image (a polyglot file)"
    ),
    "photo.rejected.heic_unsupported": (
        "HEIC photos are not supported by this deployment; save the photo as a JPEG and upload that"
    ),
    "photo.rejected.too_many_pixels": (
        "the image is {width}×{height} pixels ({megapixels} megapixels); at most {limit_mp} "
        "megapixels are accepted"
    ),
    "photo.rejected.pixels_beyond": "the image has more than {limit_mp} megapixels",
    "photo.rejected.unreadable": "the {format} file is damaged: its header cannot be read",
    "photo.rejected.undecodable": "the {format} file is truncated or damaged: it cannot be decoded",
    "photo.rejected.unprocessable": (
        "the photo could not be processed ({error}); save it again as a JPEG or PNG and upload that"
    ),
    "photo.rejected.texts_too_large": "the photo's embedded texts are too large to keep",
    "photo.warning.no_caption": (
        "the photo has neither a caption nor alt text: readers using a screen reader learn "
        "nothing about it"
    ),
    "photo.warning.caption_cut": (
        "the caption in the file has {length:,} characters; only the first {limit:,} are "
        "kept: check it"
    ),
    "photo.warning.alt_cut": (
        "the alt text in the file has {length:,} characters; only the first {limit:,} are "
        "kept: check it"
    ),
    "photo.warning.credit_cut": (
        "the credit in the file has {length:,} characters; only the first {limit:,} are "
        "kept: check it"
    ),
    "photo_name.dots": "must not contain '..'",
    "photo_name.extension": "must end with one of {extensions}",
    "category.unknown": "unknown category '{slug}'; the site's categories are: {choices}",
    # Text as typed.
    "text.unwanted_character": (
        "contains {character} ({kind}), which is not allowed: remove control, zero-width, "
        "invisible and bidirectional-override characters"
    ),
    "character_kind.control": "a control character",
    "character_kind.surrogate": "a lone surrogate, which is not a character",
    "character_kind.noncharacter": "a noncharacter",
    "character_kind.zero_width": "a zero-width character",
    "character_kind.bidirectional": "a bidirectional control",
    "character_kind.invisible": "an invisible character",
    "text.active_element": "contains a <{element}> element, which is not allowed",
    "text.active_event_handler": (
        "contains an HTML event handler attribute (on…=), which is not allowed"
    ),
    "text.active_url": "contains a {scheme} URL, which is not allowed",
    "text.active_css": "contains a CSS expression, binding or import, which is not allowed",
    "text.active_content": "{detail}",
    "text.blank": "must not be blank",
    "text.nothing_visible": (
        "must contain at least one letter or digit: spaces, punctuation, symbols and "
        "invisible characters alone show readers nothing"
    ),
    "text.too_many_bytes": "is {size} bytes; at most {limit} bytes are allowed",
    # Times.
    "time.no_zone": "must include a time zone",
    "time.out_of_range": (
        "is outside the years 1 to 9999 once converted to UTC; give a nearer time"
    ),
    "time.not_written": (
        "must be a time written in ISO 8601 with its zone, such as 2026-12-01T07:00:00+07:00"
    ),
    # Validation of a body or a query, field by field.
    "validation.invalid_body": "The request body is invalid: {summary}",
    "validation.invalid_query": "The request query is invalid: {summary}",
    "validation.summary_item": "{field}: {reason}",
    "validation.missing": "is required",
    "validation.extra_forbidden": "is not a field of this request",
    "validation.empty": "must not be empty",
    "validation.too_many_characters": "must have at most {limit} characters, not {length}",
    "validation.too_few_characters": "must have at least {limit} characters, not {length}",
    "validation.too_many_items": "must have at most {limit} items, not {count}",
    "validation.too_few_items": "must have at least {limit} items",
    "validation.not_text": "must be text",
    "validation.pattern": "must match the pattern {pattern}",
    "validation.not_integer": "must be a whole number",
    "validation.not_boolean": "must be true or false",
    "validation.one_of": "must be one of {expected}",
    "validation.not_an_object": "must be a JSON object",
    "validation.not_a_list": "must be a list",
    "validation.at_least": "must be greater than or equal to {limit}",
    "validation.more_than": "must be greater than {limit}",
    "validation.at_most": "must be less than or equal to {limit}",
    "validation.less_than": "must be less than {limit}",
    "validation.other": "{detail}",
    # Fields, as reasons name them.
    "field.body": "the body",
    "field.title": "the title",
    "field.summary": "the summary",
    "field.category": "the category",
    "field.tags": "the tags",
    "field.author": "the author",
    "field.source": "the source",
    "field.name": "the photo's file name",
    "field.caption": "the caption",
    "field.alt": "the alt text",
    "field.credit": "the credit",
    "field.content_type": "the photo's type",
    "field.publish_at": "the publication time",
    "field.force": "force",
    "field.status": "the status",
    "field.tag": "the tag",
    "field.q": "the search words",
    "field.mine": "mine",
    "field.limit": "the page size",
    "field.cursor": "the cursor",
    "field.note": "the note",
    "field.order": "the photo order",
    "field.unknown": "the field {name}",
    "field.item": "{label} {number}",
}
