"""The headless core: model, dates, schedule, storage, errors.

Contract: nothing under ``roadmap_tui.core`` imports Textual or Rich
(``tests/test_import_hygiene.py`` enforces it), so the CLI commands that need no
UI start fast and the rules can be tested without a terminal.
"""
