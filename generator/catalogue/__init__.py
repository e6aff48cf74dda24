"""Stage 3, the catalogue: the tools of the validated documents as a small, pure model."""
