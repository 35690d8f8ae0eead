"""Retrieval: from a parsed question to ranked passages.

``filters`` narrows the search to regions and report years; ``queries`` says what each retriever
searches for; ``retrievers`` are the dense (Chroma) and keyword (bm25s) rankings; ``fusion`` joins
rankings (reciprocal rank fusion); ``rerank`` optionally re-orders them with a CrossEncoder.
"""
