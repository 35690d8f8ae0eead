"""Domain knowledge, in one place: what the reports and the questions are written in.

Text matching (``textmatch``), figures and units (``figures``), regions (``gazetteer``), the
indicator lexicon (``lexicon``), the English glossary (``glossary``), cue words for targets,
actuals and estimates (``cues``), sentences and clauses (``clauses``), years (``years``), the
instruction blanking used against prompt injection (``injection``) and the question parser's
word lists (``question_words``). The tables are data files in ``data/`` (see README.md).

It imports only ``assistant.core``; both the ingest side (``index``) and the runtime use it.
"""
