"""Stage 4, emit: the package's files as text, from the catalogue (views, then templates)."""
