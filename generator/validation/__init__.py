"""Stage 2, validation: every document must be a valid OpenAPI 3 document, or nothing is built."""
