"""Pydantic models for everything that crosses a boundary: API bodies, queue messages, records."""
