"""CloudFront invalidations of changed pages."""

from __future__ import annotations

import time
from collections.abc import Iterable
from typing import TYPE_CHECKING

from newsroom.aws import clients

if TYPE_CHECKING:
    from mypy_boto3_cloudfront import CloudFrontClient

MAX_PATHS_PER_INVALIDATION = 3000


class Cdn(clients.Reached["CloudFrontClient"]):
    """The distribution in front of the site bucket; without one (locally) it does nothing."""

    def __init__(self, distribution_id: str, client: CloudFrontClient | None = None) -> None:
        super().__init__(client, clients.cloudfront)
        self.distribution_id = distribution_id

    def invalidate(self, paths: Iterable[str]) -> list[str]:
        """Invalidate exactly these paths, in as few requests as possible; returns their ids."""
        unique = sorted(set(paths))
        if not self.distribution_id or not unique:
            return []
        client = self.client
        ids = []
        for start in range(0, len(unique), MAX_PATHS_PER_INVALIDATION):
            chunk = unique[start : start + MAX_PATHS_PER_INVALIDATION]
            response = client.create_invalidation(
                DistributionId=self.distribution_id,
                InvalidationBatch={
                    "Paths": {"Quantity": len(chunk), "Items": chunk},
                    "CallerReference": f"newsroom-{time.time_ns()}-{start}",
                },
            )
            ids.append(response["Invalidation"]["Id"])
        return ids
