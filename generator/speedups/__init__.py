"""Faster stand-ins for library calls on hot paths, each with the same results as the library.

Every module here names the call it stands in for, and a test checks that both give the same
answers: ``tests/test_speedup_yaml_events.py``, ``tests/test_speedup_json_text.py``,
``tests/test_validate.py`` (the OpenAPI pre-check against the model) and
``tests/test_fast_path.py`` (rendering in one process or several). Remove one when its benchmark
stops earning it (``docs/performance.md``).
"""
