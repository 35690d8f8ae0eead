"""The neutral core: the data types, errors and settings every other part speaks.

It imports nothing else from the project, so the ingest side (``index``), the runtime
(``assistant.*``), the eval and the page can all depend on it without depending on each other.
"""
