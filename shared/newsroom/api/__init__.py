"""HTTP API plumbing for API Gateway HTTP APIs (payload format 2.0): routing, errors, callers."""
