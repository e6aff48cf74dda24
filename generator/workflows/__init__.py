"""One module per command, each composing the stages; ``front`` is the front end they share."""
