"""actionkit-codegen: a typed Python client for Paragon ActionKit, generated from its OpenAPI document.

The pipeline, one module a stage: ``load`` reads the documents, ``validate`` checks them against the
OpenAPI 3.0 model, ``model`` turns them into a catalogue of tools, ``render`` fills the templates and
``write`` puts the formatted package in place. ``pipeline`` runs them in order; ``cli`` is the command.
"""

__version__ = "0.1.0"
