"""Stage 5, output: format the files, record their provenance, and put them on disk atomically."""
