"""Benchmarks for innovext (not part of the installed library).

Run them as modules from the repository root, e.g. ``python -m benchmarks.vectors``.
Peer packages used here (jionlp, recognizers-text-suite, …) are the ``bench`` extra
and are never imported by the library or the test suite.
"""
