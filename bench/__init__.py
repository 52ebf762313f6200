"""Benchmarks for roadmap-tui (``just bench``): a generator of synthetic folders and one
module per group of figures. Speed is measured here, never asserted in tests."""
