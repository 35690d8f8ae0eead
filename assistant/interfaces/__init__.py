"""The ways in: the command line (``cli``) and the page's helpers (``page``; the page itself is app.py).

Only these modules (and app.py) import the interfaces; the runtime never does.
"""
