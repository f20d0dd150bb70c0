"""Ingest: the editors' HTTP API (API Gateway HTTP API, JWT authorizer)."""

from __future__ import annotations

from typing import Any

from aws_lambda_powertools import Logger
from newsroom.api.callers import Role
from newsroom.api.problems import Problem
from newsroom.api.router import Request, Response, Router
from newsroom.api.views import PhotoUploadView, article_view
from newsroom.aws.queues import Queue
from newsroom.config import settings
from newsroom.editorial.articles import (
    EditorialError,
    create_article,
    find_article,
    publish_article,
    request_photo_upload,
)
from newsroom.models.article import ArticleDraft, PhotoUploadRequest
from newsroom.storage.articles import ArticleStore, VersionConflict
from newsroom.storage.buckets import ContentBucket

logger = Logger(service="ingest")
env = settings()
env.require("articles_table", "content_bucket", "images_queue_url")
store = ArticleStore(env.articles_table)
content = ContentBucket(env.content_bucket)
images = Queue(env.images_queue_url)
router = Router()
router.errors[EditorialError] = lambda e: Problem(e.status, e.detail)
router.on_error = lambda error, event: logger.exception(
    "request failed", extra={"route": event.get("routeKey")}
)
router.errors[VersionConflict] = lambda e: Problem(409, "The article changed meanwhile; try again.")


def _article(status: int, article: Any) -> Response:
    return Response(status, article_view(article, env.site_base_url).model_dump(mode="json"))


@router.route("POST", "/articles", body=ArticleDraft, summary="Create a draft article")
def create(request: Request[ArticleDraft]) -> Response:
    request.require_role(Role.REPORTER, Role.EDITOR, Role.ADMIN, action="create articles")
    article = create_article(store, request.require_body(), by=request.caller.username)
    response = _article(201, article)
    response.headers["Location"] = f"/articles/{article.id}"
    return response


@router.route("GET", "/articles/{id}", summary="Read an article, its status and its URL")
def read(request: Request[Any]) -> Response:
    return _article(200, find_article(store, request.path_params["id"]))


@router.route("POST", "/articles/{id}/photos", body=PhotoUploadRequest, summary="Add a photo")
def add_photo(request: Request[PhotoUploadRequest]) -> Response:
    request.require_role(Role.REPORTER, Role.EDITOR, Role.ADMIN, action="add photos")
    added = request_photo_upload(
        store,
        content,
        request.path_params["id"],
        request.require_body(),
        expires_in=env.upload_url_ttl_seconds,
    )
    view = PhotoUploadView(
        name=added.photo.name,
        upload_url=added.upload.url,
        upload_method=added.upload.method,
        upload_headers=added.upload.headers,
        expires_in=env.upload_url_ttl_seconds,
    )
    return Response(201, view.model_dump())


@router.route("POST", "/articles/{id}/publish", summary="Publish an article")
def publish(request: Request[Any]) -> Response:
    request.require_role(Role.EDITOR, Role.ADMIN, action="publish articles")
    article = publish_article(store, images, request.path_params["id"], by=request.caller.username)
    return _article(202, article)


@logger.inject_lambda_context(log_event=False)
def handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    return router.handle(event)
