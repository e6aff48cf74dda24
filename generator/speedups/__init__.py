"""Faster stand-ins for library calls on hot paths, each with the same results as the library.

Every module here names the call it stands in for, and ``tests/test_speedups.py`` checks that
both give the same answers; remove one when its benchmark stops earning it.
"""
