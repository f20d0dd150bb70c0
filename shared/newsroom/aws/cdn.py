"""CloudFront invalidations of changed pages: few paths, wildcards where they fit.

CloudFront counts a wildcard path as one path, keeps at most 3,000 paths in progress
per distribution and charges for every path past the first 1,000 a month. So a render
invalidates one wildcard per top-level folder of the pages it changed (`/tin-tuc/*`
covers the category's index, its numbered pages and its articles' pages) and the home
page by name; feeds, sitemaps and the search index are not invalidated at all: they are
cached for a minute (`SHORT_CACHE_CONTROL`) and expire on their own.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from typing import TYPE_CHECKING

from botocore.exceptions import ClientError

from newsroom.aws import clients

if TYPE_CHECKING:
    from mypy_boto3_cloudfront import CloudFrontClient

MAX_PATHS_PER_INVALIDATION = 3000
THROTTLED = frozenset({"TooManyInvalidationsInProgress", "Throttling", "ThrottlingException"})


class InvalidationThrottled(RuntimeError):
    """CloudFront refused the invalidation for now (too many in progress, or throttled):
    ask again later. `paths` are those not invalidated."""

    def __init__(self, paths: list[str]) -> None:
        super().__init__(f"{len(paths)} paths")
        self.paths = paths


def invalidation_paths(keys: Iterable[str]) -> list[str]:
    """The paths to invalidate after these bucket keys changed: one wildcard per top-level
    folder of HTML pages, the home page and other top-level pages by name, nothing for
    feeds, sitemaps, the search index, assets or media (they expire, or never change)."""
    paths = set()
    for key in keys:
        if not key.endswith(".html"):
            continue
        folder, slash, _ = key.partition("/")
        paths.add(f"/{folder}/*" if slash else f"/{key}")
    return sorted(paths)


class Cdn(clients.Reached["CloudFrontClient"]):
    """The distribution in front of the site bucket; without one (locally) it does nothing."""

    def __init__(self, distribution_id: str, client: CloudFrontClient | None = None) -> None:
        super().__init__(client, clients.cloudfront)
        self.distribution_id = distribution_id

    def invalidate(self, paths: Iterable[str]) -> list[str]:
        """Invalidate these paths, in as few requests as possible; returns their ids
        (InvalidationThrottled, with the paths left, when CloudFront asks to wait)."""
        unique = sorted(set(paths))
        if not self.distribution_id or not unique:
            return []
        client = self.client
        ids = []
        for start in range(0, len(unique), MAX_PATHS_PER_INVALIDATION):
            chunk = unique[start : start + MAX_PATHS_PER_INVALIDATION]
            try:
                response = client.create_invalidation(
                    DistributionId=self.distribution_id,
                    InvalidationBatch={
                        "Paths": {"Quantity": len(chunk), "Items": chunk},
                        "CallerReference": f"newsroom-{time.time_ns()}-{start}",
                    },
                )
            except ClientError as error:
                if error.response.get("Error", {}).get("Code") in THROTTLED:
                    raise InvalidationThrottled(unique[start:]) from error
                raise
            ids.append(response["Invalidation"]["Id"])
        return ids
