"""Question understanding: a question is parsed once into a ``ParsedQuestion`` that later steps read.

``parser`` reads region, years, kind, indicators, keywords and what is asked (a rate or a level,
a ranking); ``parts`` splits a question about several years or indicators into one question each.
"""
