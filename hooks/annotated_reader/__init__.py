"""Annotated reader: raw articles in, an annotated and cross-referenced corpus out.

The package knows nothing of MkDocs; ``hooks/reader_hook.py`` connects it to MkDocs events.
"""
