"""Indexing: load report files, clean them, chunk them, embed and store the passages."""
