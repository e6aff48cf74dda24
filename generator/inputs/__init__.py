"""Stage 1, inputs: find the spec files, read their bytes, and parse them into documents.

A List Tools answer is turned into the OpenAPI document the docs would give for the same tools
here, and only here; the document remembers where each tool came from, so that problems found
later point into the answer itself.
"""
