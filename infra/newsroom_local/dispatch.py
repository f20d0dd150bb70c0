"""Answering each request of the local cloud at the cost of what it asks for.

**The service of a request, once per host.**

moto's server finds the service of each request from its host or its signature: it
lists moto's package folder (a few hundred `isdir` calls) and, failing a folder of that
name, tries every service's URL patterns, all while holding the dispatcher's lock. So
every request to the local cloud waited on a directory listing, one request at a time:
about a sixth of the cloud's time in a burst of publishes. The folders do not change
while the process runs, and a host always maps to the same service: `install()` makes
both lookups once (per host).

**A query, at the cost of its partition** (see below).

`install()` makes both changes in the process it is called in (the local cloud).
"""

from __future__ import annotations

import functools
import inspect
import threading
from typing import Any

_INSTALLED: list[Any] = []


def install() -> None:
    """In this process: moto's service folders read once, each host's service found
    once, and a query on a table's key read from its partition."""
    if _INSTALLED:
        return
    from moto import backends
    from moto.dynamodb.models.table import Table
    from moto.moto_server.werkzeug_app import DomainDispatcherApplication

    listed = backends.list_of_moto_modules
    folders = tuple(listed())
    backend_for_host = DomainDispatcherApplication.get_backend_for_host
    _INSTALLED.append((listed, backend_for_host, Table.query, Table.all_items))

    def list_of_moto_modules() -> tuple[str, ...]:
        return folders

    @functools.lru_cache(maxsize=256)
    def known(app: Any, host: str | None) -> Any:
        return backend_for_host(app, host)

    def get_backend_for_host(self: Any, host: str | None) -> Any:
        return known(self, host)

    backends.list_of_moto_modules = list_of_moto_modules
    Table.query = _query(Table.query)  # type: ignore[method-assign]
    Table.all_items = _all_items(Table.all_items)  # type: ignore[method-assign]
    DomainDispatcherApplication.get_backend_for_host = get_backend_for_host  # type: ignore[method-assign]


def uninstall() -> None:
    """Give moto its own functions back (tests)."""
    if not _INSTALLED:
        return
    from moto import backends
    from moto.dynamodb.models.table import Table
    from moto.moto_server.werkzeug_app import DomainDispatcherApplication

    listed, backend_for_host, query, all_items = _INSTALLED.pop()
    backends.list_of_moto_modules = listed
    DomainDispatcherApplication.get_backend_for_host = backend_for_host  # type: ignore[method-assign]
    Table.query = query  # type: ignore[method-assign]
    Table.all_items = all_items  # type: ignore[method-assign]


# -- DynamoDB queries ---------------------------------------------------------------
#
# moto answers a query on a table's own key by sorting every item of the table and
# keeping those of the partition asked for: each query costs the whole table, and a
# site's table holds every article, listing entry and search block. The partition is
# already a dict of its own in moto's table, so a query on the table's key reads that
# dict alone: the same items, in the same order (moto sorts them by range key next).

_PARTITION = threading.local()


def _query(original: Any) -> Any:
    # moto's backend passes the index's name by position: find where it comes.
    at = list(inspect.signature(original).parameters).index("index_name") - 2

    def query(self: Any, hash_key: Any, *args: Any, **kwargs: Any) -> Any:
        index_name = args[at] if len(args) > at else kwargs.get("index_name")
        if index_name or hash_key is None:
            return original(self, hash_key, *args, **kwargs)
        _PARTITION.key = hash_key
        try:
            return original(self, hash_key, *args, **kwargs)
        finally:
            _PARTITION.key = None

    return query


def _all_items(original: Any) -> Any:
    def all_items(self: Any) -> Any:
        key = getattr(_PARTITION, "key", None)
        if key is None or not self.range_key_attr:
            return original(self)
        return list(self.items.get(key, {}).values())

    return all_items
