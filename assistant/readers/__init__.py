"""Readers: from passages (or the indicator table) to a cited answer.

``figure`` quotes the clause that states the asked figure (``measure`` says which figure of a
clause fits); ``table`` answers comparisons from the indicator table; ``llm`` writes an answer
through an OpenAI-compatible endpoint and ``verify`` checks its figures and citations;
``crosscheck`` compares an answer with the indicator table; ``coverage`` writes what the
reports cover when they cannot answer.
"""
