"""The editorial API over API Gateway HTTP APIs (payload format 2.0): its routes, the
router they are declared on, reading requests, retries, views, errors and OpenAPI."""
