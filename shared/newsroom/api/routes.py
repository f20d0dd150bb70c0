"""The editorial API's routes: each turns a request into a call on the editorial functions,
and what they return into a view (`newsroom.api.views`) with its status and headers.

Declared here, served by the ingest function's router (`router.include_routes(routes)`),
which gives each route function the `EditorialApi` it works with. The editorial
functions' refusals (`EditorialError`) become problems with their status, message and
fields; a save that lost a race (`VersionConflict`) becomes a 409. Every photo an answer
shows carries `download_url` once its upload has arrived.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from newsroom.api.etags import etag, expected_version
from newsroom.api.problems import FieldReason, Problem
from newsroom.api.router import Request, Response, Routes
from newsroom.api.views import (
    ArticleListView,
    ArticleView,
    PhotoListView,
    PhotoUploadView,
    PhotoView,
    RevisionListView,
    RevisionView,
    article_summary_view,
    article_view,
    photo_view,
    revision_summary_view,
    revision_view,
)
from newsroom.editorial import articles, photos
from newsroom.editorial.errors import EditorialError
from newsroom.editorial.listing import list_articles
from newsroom.editorial.newsroom import Newsroom
from newsroom.editorial.policy import Action
from newsroom.i18n import Message
from newsroom.models.article import Article, Photo
from newsroom.models.editorial import (
    ArticleDraft,
    ArticleQuery,
    PhotoChanges,
    PhotoOrder,
    PhotoUploadRequest,
    PublishRequest,
    SendBackRequest,
)
from newsroom.storage.articles import VersionConflict
from newsroom.storage.buckets import MAX_PHOTO_BYTES
from newsroom.storage.stores import SiteStores

ARTICLE_HEADERS = ("ETag",)


@dataclass(frozen=True)
class EditorialApi:
    """What the routes work with: the newsroom's stores and queues, where readers find the
    site (for articles' URLs and previews), and how long a photo's upload form stays valid."""

    newsroom: Newsroom
    site_base_url: str
    upload_url_ttl_seconds: int
    site_stores: SiteStores
    """What previews read of the site: the articles shown beside one."""


routes: Routes[EditorialApi] = Routes()


@routes.exception_handler(EditorialError)
def refused(error: EditorialError) -> Problem:
    errors = [FieldReason(field, reason) for field, reason in error.errors]
    return Problem(error.status, error.message, errors=errors, kind=error.kind)


@routes.exception_handler(VersionConflict)
def changed_meanwhile(error: VersionConflict) -> Problem:
    return Problem(409, Message("article.changed_try_again"))


def _download_urls(api: EditorialApi, article_id: str) -> Callable[[Photo], str | None]:
    return lambda photo: photos.download_url(api.newsroom, article_id, photo)


def _article(status: int, article: Article, api: EditorialApi) -> Response:
    view = article_view(article, api.site_base_url, _download_urls(api, article.id))
    return Response(status, view.model_dump(mode="json"), {"ETag": etag(article.version)})


def _id(request: Request[Any]) -> str:
    return request.path_params["id"]


@routes.get(
    "/articles",
    query=ArticleQuery,
    response=ArticleListView,
    summary="List articles, most recently changed first",
    action=Action.READ,
    problems=(400,),
)
def list_all(request: Request[Any], api: EditorialApi) -> Response:
    query = request.params
    assert isinstance(query, ArticleQuery)
    page = list_articles(api.newsroom, query, by=request.caller)
    view = ArticleListView(
        articles=[article_summary_view(a, api.site_base_url) for a in page.articles],
        next_cursor=page.next_cursor,
    )
    return Response(200, view.model_dump(mode="json"))


@routes.post(
    "/articles",
    body=ArticleDraft,
    status=201,
    response=ArticleView,
    headers=ARTICLE_HEADERS,
    summary="Create a draft article",
    action=Action.CREATE,
)
def create(request: Request[ArticleDraft], api: EditorialApi) -> Response:
    article = articles.create_article(api.newsroom, request.require_body(), by=request.caller)
    response = _article(201, article, api)
    response.headers["Location"] = f"/articles/{article.id}"
    return response


@routes.get(
    "/articles/{id}",
    response=ArticleView,
    headers=ARTICLE_HEADERS,
    summary="Read an article, its status, its photos and its URL",
    action=Action.READ,
)
def read(request: Request[Any], api: EditorialApi) -> Response:
    article = articles.read_article(api.newsroom, _id(request), by=request.caller)
    return _article(200, article, api)


@routes.put(
    "/articles/{id}",
    body=ArticleDraft,
    response=ArticleView,
    headers=(*ARTICLE_HEADERS, "If-Match"),
    problems=(409, 412, 428),
    summary="Replace an article's editable fields (If-Match: the ETag you read)",
    action=Action.EDIT,
)
def update(request: Request[ArticleDraft], api: EditorialApi) -> Response:
    current = articles.read_article(api.newsroom, _id(request), by=request.caller)
    expected = expected_version(request.headers.get("if-match"), current.version)
    article = articles.update_article(
        api.newsroom,
        _id(request),
        request.require_body(),
        expected_version=expected,
        by=request.caller,
    )
    return _article(200, article, api)


@routes.delete(
    "/articles/{id}",
    status=204,
    problems=(409,),
    summary="Delete an article that is not published, with its photos and revisions",
    action=Action.DELETE,
)
def delete(request: Request[Any], api: EditorialApi) -> Response:
    articles.delete_article(api.newsroom, _id(request), by=request.caller)
    return Response(204)


@routes.post(
    "/articles/{id}/submit",
    response=ArticleView,
    headers=ARTICLE_HEADERS,
    summary="Submit a draft for review",
    action=Action.SUBMIT,
)
def submit(request: Request[Any], api: EditorialApi) -> Response:
    article = articles.submit_article(api.newsroom, _id(request), by=request.caller)
    return _article(200, article, api)


@routes.post(
    "/articles/{id}/send-back",
    body=SendBackRequest,
    response=ArticleView,
    headers=ARTICLE_HEADERS,
    summary=(
        "Send an article in review back to its reporter as a draft, with a note (kept in "
        "the revision, shown as review_note while it is a draft)"
    ),
    action=Action.SEND_BACK,
)
def send_back(request: Request[SendBackRequest], api: EditorialApi) -> Response:
    note = request.require_body().note
    article = articles.send_back_article(api.newsroom, _id(request), note, by=request.caller)
    return _article(200, article, api)


@routes.post(
    "/articles/{id}/publish",
    body=PublishRequest,
    body_required=False,
    status=202,
    response=ArticleView,
    headers=ARTICLE_HEADERS,
    summary=(
        "Publish an article now, or schedule it with publish_at; 409 photos-not-ready "
        "while a photo is not ready, unless force"
    ),
    action=Action.PUBLISH,
)
def publish(request: Request[PublishRequest], api: EditorialApi) -> Response:
    asked = request.body or PublishRequest()
    article = articles.publish_article(
        api.newsroom,
        _id(request),
        by=request.caller,
        publish_at=asked.publish_at,
        force=asked.force,
    )
    return _article(202, article, api)


@routes.post(
    "/articles/{id}/unpublish",
    status=202,
    response=ArticleView,
    headers=ARTICLE_HEADERS,
    summary="Take an article off the site, or cancel its schedule",
    action=Action.UNPUBLISH,
)
def unpublish(request: Request[Any], api: EditorialApi) -> Response:
    article = articles.unpublish_article(api.newsroom, _id(request), by=request.caller)
    return _article(202, article, api)


PREVIEW_CONTENT_TYPE = "text/html; charset=utf-8"


def _preview(request: Request[Any], api: EditorialApi, draft: ArticleDraft | None) -> Response:
    # Imported on first use: the site's renderer is no part of other requests' cold start.
    from newsroom.api.preview import preview_response
    from newsroom.editorial.preview import preview_article

    preview = preview_article(api.newsroom, _id(request), by=request.caller, draft=draft)
    return preview_response(preview, api.site_stores, api.site_base_url, request.language)


@routes.get(
    "/articles/{id}/preview",
    content_type=PREVIEW_CONTENT_TYPE,
    summary=(
        "The article's page as readers will get it once published (text/html): the site's "
        "own templates and stylesheet, a preview banner, noindex, absolute addresses"
    ),
    action=Action.READ,
)
def preview(request: Request[Any], api: EditorialApi) -> Response:
    return _preview(request, api, None)


@routes.post(
    "/articles/{id}/preview",
    body=ArticleDraft,
    content_type=PREVIEW_CONTENT_TYPE,
    summary=(
        "The page the article would have with this draft (the body of PUT /articles/{id}), "
        "rendered without saving it (text/html)"
    ),
    action=Action.READ,
)
def preview_draft(request: Request[ArticleDraft], api: EditorialApi) -> Response:
    return _preview(request, api, request.require_body())


@routes.get(
    "/articles/{id}/revisions",
    response=RevisionListView,
    summary="Every saved version of an article: who saved it and when",
    action=Action.READ,
)
def revisions(request: Request[Any], api: EditorialApi) -> Response:
    saved = articles.article_revisions(api.newsroom, _id(request), by=request.caller)
    view = RevisionListView(
        revisions=[
            revision_summary_view(r.number, r.saved_at, r.saved_by, r.article, r.action, r.note)
            for r in saved
        ]
    )
    return Response(200, view.model_dump(mode="json"))


@routes.get(
    "/articles/{id}/revisions/{n}",
    response=RevisionView,
    summary="One saved version of an article, in full",
    action=Action.READ,
)
def revision(request: Request[Any], api: EditorialApi) -> Response:
    number = request.path_params["n"]
    if not number.isdigit() or len(number) > 9:
        raise Problem(404, Message("revision.not_a_number", number=number))
    saved = articles.article_revision(api.newsroom, _id(request), int(number), by=request.caller)
    view = revision_view(
        saved.number, saved.saved_at, saved.saved_by, saved.article, saved.action, saved.note
    )
    return Response(200, view.model_dump(mode="json"))


@routes.get(
    "/articles/{id}/photos",
    response=PhotoListView,
    summary="An article's photos, with processing status and reasons for rejection",
    action=Action.READ,
)
def list_photos(request: Request[Any], api: EditorialApi) -> Response:
    found = photos.list_photos(api.newsroom, _id(request), by=request.caller)
    download_url = _download_urls(api, _id(request))
    view = PhotoListView(photos=[photo_view(p, download_url(p)) for p in found])
    return Response(200, view.model_dump())


@routes.post(
    "/articles/{id}/photos",
    body=PhotoUploadRequest,
    status=201,
    response=PhotoUploadView,
    summary="Add a photo: returns a presigned upload (image types only, at most 25 MB)",
    action=Action.EDIT,
)
def add_photo(request: Request[PhotoUploadRequest], api: EditorialApi) -> Response:
    added = photos.request_photo_upload(
        api.newsroom,
        _id(request),
        request.require_body(),
        expires_in=api.upload_url_ttl_seconds,
        by=request.caller,
    )
    view = PhotoUploadView(
        name=added.photo.name,
        upload_url=added.upload.url,
        upload_method=added.upload.method,
        upload_fields=added.upload.fields,
        upload_headers=added.upload.headers,
        max_bytes=MAX_PHOTO_BYTES,
        expires_in=api.upload_url_ttl_seconds,
    )
    return Response(201, view.model_dump())


@routes.patch(
    "/articles/{id}/photos/{name}",
    body=PhotoChanges,
    response=PhotoView,
    summary="Change a photo's caption, alt text or credit",
    action=Action.EDIT,
    problems=(409,),
)
def change_photo(request: Request[PhotoChanges], api: EditorialApi) -> Response:
    photo = photos.update_photo(
        api.newsroom,
        _id(request),
        request.path_params["name"],
        request.require_body(),
        by=request.caller,
    )
    return Response(
        200, photo_view(photo, photos.download_url(api.newsroom, _id(request), photo)).model_dump()
    )


@routes.delete(
    "/articles/{id}/photos/{name}",
    status=204,
    summary="Remove a photo from an article",
    action=Action.EDIT,
)
def remove_photo(request: Request[Any], api: EditorialApi) -> Response:
    name = request.path_params["name"]
    photos.delete_photo(api.newsroom, _id(request), name, by=request.caller)
    return Response(204)


@routes.put(
    "/articles/{id}/photo-order",
    body=PhotoOrder,
    response=ArticleView,
    headers=(*ARTICLE_HEADERS, "If-Match"),
    problems=(412, 428),
    summary=(
        "Put the article's photos in another order, naming each once (If-Match: the ETag "
        "you read); the first ready photo leads. The same order is no new version"
    ),
    action=Action.EDIT,
)
def order_photos(request: Request[PhotoOrder], api: EditorialApi) -> Response:
    current = articles.read_article(api.newsroom, _id(request), by=request.caller)
    expected = expected_version(request.headers.get("if-match"), current.version)
    article = photos.order_photos(
        api.newsroom,
        _id(request),
        request.require_body().order,
        expected_version=expected,
        by=request.caller,
    )
    return _article(200, article, api)


@routes.get("/openapi.json", authorized=False, summary="This API, described in OpenAPI 3.1")
def openapi(request: Request[Any], api: EditorialApi) -> Response:
    # Imported here: pydantic's JSON Schema machinery costs ~50 ms of every cold start,
    # and only these two routes need it.
    from newsroom.api.openapi import editorial_api_document

    return Response(200, editorial_api_document(routes), {"Cache-Control": "public, max-age=300"})


@routes.get(
    "/docs",
    authorized=False,
    content_type="text/html; charset=utf-8",
    summary="This API in Swagger UI",
)
def docs(request: Request[Any], api: EditorialApi) -> Response:
    from newsroom.api.openapi import API_TITLE, DOCS_CONTENT_SECURITY_POLICY, swagger_ui_page

    page = swagger_ui_page("/openapi.json", API_TITLE)
    headers = {"Content-Security-Policy": DOCS_CONTENT_SECURITY_POLICY}
    return Response(200, page, headers, content_type="text/html; charset=utf-8")


@routes.get(
    "/docs/{file}",
    authorized=False,
    content_type="text/javascript; charset=utf-8",
    summary="Swagger UI's own files, for /docs (its script, stylesheet and licences)",
)
def docs_file(request: Request[Any], api: EditorialApi) -> Response:
    from newsroom.api.openapi import DOCS_CONTENT_SECURITY_POLICY, swagger_ui_file

    found = swagger_ui_file(request.path_params["file"])
    if found is None:
        raise Problem(404, Message("api.no_route", method=request.method, path=request.path))
    text, content_type = found
    headers = {
        "Cache-Control": "public, max-age=86400",
        "Content-Security-Policy": DOCS_CONTENT_SECURITY_POLICY,
        "X-Content-Type-Options": "nosniff",
    }
    return Response(200, text, headers, content_type=content_type)
