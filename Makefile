# The two commands in the README: `make run` and `make test`. Both set up .venv first.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
STAMP := $(VENV)/.installed

export GRADIO_ANALYTICS_ENABLED := False
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export ANONYMIZED_TELEMETRY := False

.PHONY: install browser run test test-fast eval eval-index bench clean-index

install: $(STAMP)

$(STAMP): requirements.txt pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install -q --upgrade pip
	$(PIP) install -q torch==2.13.0
	$(PIP) install -q -r requirements.txt
	$(PIP) install -q --no-deps -e .
	touch $(STAMP)

# Debian's chromium for the browser tests (playwright cannot download a browser here).
browser:
	@if [ -x /usr/bin/chromium ] && fc-list 2>/dev/null | grep -qi wqy; then :; \
	elif [ "$$(id -u)" = "0" ]; then \
		(apt-get update -qq && apt-get install -y -qq chromium chromium-driver fonts-wqy-microhei >/dev/null) \
		|| echo "warning: could not install chromium; browser tests will be skipped"; \
	else echo "warning: not root; install chromium and fonts-wqy-microhei to run the browser tests"; fi

run: install
	$(PY) app.py

test: install browser
	$(PY) -m pytest -q --timeout=900

# Everything but the browser, the Chroma server and the slow tests (real embeddings over the bundled
# reports or the eval corpus): seconds, not minutes.
test-fast: install
	$(PY) -m pytest -q --timeout=900 -m "not browser and not server and not slow"

# Every question set against its index (dev: data/; test: data/ + eval/corpora/), ours and the baselines.
# The first build of the test index embeds ~13k passages (about two hours on 2 cores); the vectors go to
# one cache shared by all checkouts ($$ASSISTANT_EMBEDDING_CACHE, else the main checkout's .index/).
eval: install
	$(PY) -m eval

# Build the dev and test indexes and the LangChain recipe's stores ahead of `make eval`.
eval-index: install
	$(PY) -m eval.indexes dev test --recipe

bench: install
	$(PY) -m eval.bench

clean-index:
	rm -rf .index
