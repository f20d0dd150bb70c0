"""Ingest: the editors' HTTP API (API Gateway HTTP API, JWT authorizer), and scheduled
publications (SQS messages that EventBridge Scheduler sends when an article is due)."""

from __future__ import annotations

from typing import Any

from aws_lambda_powertools import Logger
from newsroom.api.etags import etag, expected_version
from newsroom.api.idempotency import IdempotencyStore
from newsroom.api.problems import Problem
from newsroom.api.router import Request, Response, Router
from newsroom.api.views import (
    ArticleListView,
    ArticleView,
    PhotoListView,
    PhotoUploadView,
    PhotoView,
    ProblemView,
    RevisionListView,
    RevisionSummaryView,
    RevisionView,
    article_summary_view,
    article_view,
    photo_view,
    revision_view,
)
from newsroom.aws.batch import process_sqs_batch
from newsroom.aws.queues import Queue
from newsroom.aws.scheduler import PublicationScheduler
from newsroom.config import settings
from newsroom.editorial import articles as editorial
from newsroom.editorial import photos
from newsroom.editorial.errors import EditorialError
from newsroom.editorial.listing import list_articles
from newsroom.editorial.policy import Action
from newsroom.models.article import Article, ArticleDraft, PhotoUploadRequest
from newsroom.models.editorial import ArticleQuery, PhotoChanges, PublishRequest
from newsroom.models.messages import PublicationDue
from newsroom.observability import correlated, request_correlation_id
from newsroom.storage.articles import ArticleStore, VersionConflict
from newsroom.storage.buckets import MAX_PHOTO_BYTES, ContentBucket

logger = Logger(service="ingest")
env = settings()
env.require("articles_table", "content_bucket", "images_queue_url")
store = ArticleStore(env.articles_table)
content = ContentBucket(env.content_bucket)
images = Queue(env.images_queue_url)
scheduler = PublicationScheduler(env.publish_queue_arn, env.scheduler_role_arn, env.schedule_group)
router = Router()
router.errors[EditorialError] = lambda e: Problem(e.status, e.detail)
router.errors[VersionConflict] = lambda e: Problem(409, "The article changed meanwhile; try again.")
router.on_error = lambda error, event: logger.exception(
    "request failed", extra={"route": event.get("routeKey")}
)
if env.idempotency_table:
    router.idempotency = IdempotencyStore(env.idempotency_table)

API_TITLE = "Newsroom editorial API"
API_VERSION = "2.0.0"
API_DESCRIPTION = (
    "Draft, review, publish, schedule, correct and withdraw articles and their photos. "
    "Sign in with a bearer token from the user pool; your groups (reporter, editor, admin) "
    "decide what you may do. Errors are application/problem+json (RFC 9457)."
)
ARTICLE_HEADERS = ("ETag",)


def _article(status: int, article: Article) -> Response:
    view = article_view(article, env.site_base_url)
    return Response(status, view.model_dump(mode="json"), {"ETag": etag(article.version)})


def _id(request: Request[Any]) -> str:
    return request.path_params["id"]


@router.route(
    "GET",
    "/articles",
    query=ArticleQuery,
    response=ArticleListView,
    summary="List articles, most recently changed first",
    action=Action.READ,
    problems=(400,),
)
def list_all(request: Request[Any]) -> Response:
    query = request.params
    assert isinstance(query, ArticleQuery)
    page = list_articles(store, query, by=request.caller)
    view = ArticleListView(
        articles=[article_summary_view(a, env.site_base_url) for a in page.articles],
        next_cursor=page.next_cursor,
    )
    return Response(200, view.model_dump(mode="json"))


@router.route(
    "POST",
    "/articles",
    body=ArticleDraft,
    status=201,
    response=ArticleView,
    headers=ARTICLE_HEADERS,
    summary="Create a draft article",
    action=Action.CREATE,
)
def create(request: Request[ArticleDraft]) -> Response:
    article = editorial.create_article(store, request.require_body(), by=request.caller)
    response = _article(201, article)
    response.headers["Location"] = f"/articles/{article.id}"
    return response


@router.route(
    "GET",
    "/articles/{id}",
    response=ArticleView,
    headers=ARTICLE_HEADERS,
    summary="Read an article, its status, its photos and its URL",
    action=Action.READ,
)
def read(request: Request[Any]) -> Response:
    return _article(200, editorial.read_article(store, _id(request), by=request.caller))


@router.route(
    "PUT",
    "/articles/{id}",
    body=ArticleDraft,
    response=ArticleView,
    headers=(*ARTICLE_HEADERS, "If-Match"),
    problems=(409, 412, 428),
    summary="Replace an article's editable fields (If-Match: the ETag you read)",
    action=Action.EDIT,
)
def update(request: Request[ArticleDraft]) -> Response:
    current = editorial.read_article(store, _id(request), by=request.caller)
    expected = expected_version(request.headers.get("if-match"), current.version)
    article = editorial.update_article(
        store,
        images,
        _id(request),
        request.require_body(),
        expected_version=expected,
        by=request.caller,
    )
    return _article(200, article)


@router.route(
    "DELETE",
    "/articles/{id}",
    status=204,
    problems=(409,),
    summary="Delete an article that is not published, with its photos and revisions",
    action=Action.DELETE,
)
def delete(request: Request[Any]) -> Response:
    editorial.delete_article(store, images, scheduler, _id(request), by=request.caller)
    return Response(204)


@router.route(
    "POST",
    "/articles/{id}/submit",
    response=ArticleView,
    headers=ARTICLE_HEADERS,
    summary="Submit a draft for review",
    action=Action.SUBMIT,
)
def submit(request: Request[Any]) -> Response:
    return _article(200, editorial.submit_article(store, _id(request), by=request.caller))


@router.route(
    "POST",
    "/articles/{id}/publish",
    body=PublishRequest,
    body_required=False,
    status=202,
    response=ArticleView,
    headers=ARTICLE_HEADERS,
    summary="Publish an article now, or schedule it with publish_at",
    action=Action.PUBLISH,
)
def publish(request: Request[PublishRequest]) -> Response:
    article = editorial.publish_article(
        store,
        images,
        scheduler,
        _id(request),
        by=request.caller,
        publish_at=request.body.publish_at if request.body else None,
    )
    return _article(202, article)


@router.route(
    "POST",
    "/articles/{id}/unpublish",
    status=202,
    response=ArticleView,
    headers=ARTICLE_HEADERS,
    summary="Take an article off the site, or cancel its schedule",
    action=Action.UNPUBLISH,
)
def unpublish(request: Request[Any]) -> Response:
    article = editorial.unpublish_article(store, images, scheduler, _id(request), by=request.caller)
    return _article(202, article)


@router.route(
    "GET",
    "/articles/{id}/revisions",
    response=RevisionListView,
    summary="Every saved version of an article: who saved it and when",
    action=Action.READ,
)
def revisions(request: Request[Any]) -> Response:
    saved = editorial.article_revisions(store, _id(request), by=request.caller)
    view = RevisionListView(
        revisions=[
            RevisionSummaryView.model_validate(
                {
                    "number": r.number,
                    "saved_at": r.saved_at,
                    "saved_by": r.saved_by,
                    "status": r.article.status,
                    "title": r.article.title,
                }
            )
            for r in saved
        ]
    )
    return Response(200, view.model_dump(mode="json"))


@router.route(
    "GET",
    "/articles/{id}/revisions/{n}",
    response=RevisionView,
    summary="One saved version of an article, in full",
    action=Action.READ,
)
def revision(request: Request[Any]) -> Response:
    number = request.path_params["n"]
    if not number.isdigit() or len(number) > 9:
        raise Problem(404, f"Versions are numbered 1, 2, 3…; {number!r} is not one.")
    saved = editorial.article_revision(store, _id(request), int(number), by=request.caller)
    view = revision_view(saved.number, saved.saved_at, saved.saved_by, saved.article)
    return Response(200, view.model_dump(mode="json"))


@router.route(
    "GET",
    "/articles/{id}/photos",
    response=PhotoListView,
    summary="An article's photos, with processing status and reasons for rejection",
    action=Action.READ,
)
def list_photos(request: Request[Any]) -> Response:
    found = photos.list_photos(store, _id(request), by=request.caller)
    return Response(200, PhotoListView(photos=[photo_view(p) for p in found]).model_dump())


@router.route(
    "POST",
    "/articles/{id}/photos",
    body=PhotoUploadRequest,
    status=201,
    response=PhotoUploadView,
    summary="Add a photo: returns a presigned upload (image types only, at most 25 MB)",
    action=Action.EDIT,
)
def add_photo(request: Request[PhotoUploadRequest]) -> Response:
    added = photos.request_photo_upload(
        store,
        content,
        _id(request),
        request.require_body(),
        expires_in=env.upload_url_ttl_seconds,
        by=request.caller,
    )
    view = PhotoUploadView(
        name=added.photo.name,
        upload_url=added.upload.url,
        upload_method=added.upload.method,
        upload_fields=added.upload.fields,
        upload_headers=added.upload.headers,
        max_bytes=MAX_PHOTO_BYTES,
        expires_in=env.upload_url_ttl_seconds,
    )
    return Response(201, view.model_dump())


@router.route(
    "PATCH",
    "/articles/{id}/photos/{name}",
    body=PhotoChanges,
    response=PhotoView,
    summary="Change a photo's caption, alt text or credit",
    action=Action.EDIT,
)
def change_photo(request: Request[PhotoChanges]) -> Response:
    photo = photos.update_photo(
        store,
        images,
        _id(request),
        request.path_params["name"],
        request.require_body(),
        by=request.caller,
    )
    return Response(200, photo_view(photo).model_dump())


@router.route(
    "DELETE",
    "/articles/{id}/photos/{name}",
    status=204,
    summary="Remove a photo from an article",
    action=Action.EDIT,
)
def remove_photo(request: Request[Any]) -> Response:
    photos.delete_photo(store, images, _id(request), request.path_params["name"], by=request.caller)
    return Response(204)


def api_document() -> dict[str, Any]:
    """This API's OpenAPI document (what `GET /openapi.json` serves and openapi.json holds)."""
    # Imported here: pydantic's JSON Schema machinery costs ~50 ms of every cold start,
    # and only these two routes need it.
    from newsroom.api.openapi import openapi_document

    return openapi_document(
        router,
        title=API_TITLE,
        version=API_VERSION,
        description=API_DESCRIPTION,
        problem=ProblemView,
    )


@router.route(
    "GET", "/openapi.json", authorized=False, summary="This API, described in OpenAPI 3.1"
)
def openapi(request: Request[Any]) -> Response:
    return Response(200, api_document(), {"Cache-Control": "public, max-age=300"})


@router.route(
    "GET",
    "/docs",
    authorized=False,
    content_type="text/html; charset=utf-8",
    summary="This API in Swagger UI",
)
def docs(request: Request[Any]) -> Response:
    from newsroom.api.openapi import swagger_ui_page

    page = swagger_ui_page("/openapi.json", API_TITLE)
    return Response(200, page, content_type="text/html; charset=utf-8")


def publish_when_due(due: PublicationDue) -> None:
    article = editorial.publish_due(store, images, scheduler, due)
    logger.info(
        "scheduled publication",
        extra={"article_id": due.article_id, "published": article is not None},
    )


@logger.inject_lambda_context(log_event=False)
def handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    if "Records" in event:
        return process_sqs_batch(event, PublicationDue, publish_when_due, logger)
    # The correlation id follows the article into every message this request sends.
    correlation_id = request_correlation_id(event)
    with correlated(logger, correlation_id):
        response = router.handle(event)
    response.setdefault("headers", {})["X-Correlation-Id"] = correlation_id
    return response
