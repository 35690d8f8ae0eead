"""``python -m assistant.knowledge [FOLDER]``: check the knowledge tables (and the additions in FOLDER)."""

import sys

from assistant.knowledge.checks import problems
from assistant.knowledge.tables import use_additions

if len(sys.argv) > 1:
    use_additions(sys.argv[1])
found = problems()
for problem in found:
    print(f"problem: {problem}")
print(f"{len(found)} problem(s)" if found else "the knowledge tables are fine")
raise SystemExit(1 if found else 0)
