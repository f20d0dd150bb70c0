"""Pydantic models for everything that crosses a boundary: API bodies, queue messages, records.

A module that defines models leaves its annotations evaluated as it runs (no
`from __future__ import annotations`): pydantic then takes the types as they are instead
of compiling each annotation's text, about a fifth of each model's creation at a cold
start (docs/benchmarks.md, "Cold start"). The same holds for the models of
`newsroom.site.config`, `newsroom.storage.listings` and `newsroom.storage.search`.
"""
