# Two commands: `make site` builds the site, `make test` runs every test. Both set up what they need.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
CHROMIUM := /usr/bin/chromium
# Dates in the built site come from the sources (the last commit), never from the clock.
export SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 0)

.PHONY: site test fuzz serve preview lint screenshots bench clean

$(STAMP): requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $(STAMP)

# Browser tests drive Debian's Chromium; browser downloads cannot work on these machines.
$(CHROMIUM):
	@command -v apt-get >/dev/null || { echo "$(CHROMIUM) is missing: install Debian's chromium package" >&2; exit 1; }
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium

# The Nu Html Checker: vnu-jar from npm (its Java download script is not run) on the machine's Java.
VNU := node_modules/vnu-jar/build/dist/vnu.jar
$(VNU): package.json package-lock.json
	@command -v java >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless; }
	npm ci --ignore-scripts --no-audit --no-fund
	touch $(VNU)

site: $(STAMP)
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict --clean --site-dir site

serve: $(STAMP)
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs serve --livereload

# The same without the full-text index: a quicker build on every change (see preview.yml).
preview: $(STAMP)
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs serve --livereload -f preview.yml

lint: $(STAMP)
	$(BIN)/ruff check hooks tests bench

# The generated-input tests draw the same examples on every run here (a green build stays green);
# `make fuzz` draws new ones, as many as it is given time for.
test: $(STAMP) $(CHROMIUM) $(VNU) lint
	NO_MKDOCS_2_WARNING=1 $(BIN)/pytest -n auto --hypothesis-profile=repeatable

FUZZ_RUNS ?= 10
fuzz: $(STAMP)
	for run in $$(seq $(FUZZ_RUNS)); do $(BIN)/pytest -q tests/test_property.py tests/test_input_fuzz.py || exit 1; done

# The README's picture of an article with an open hover card, taken by the browser tests.
screenshots: $(STAMP) $(CHROMIUM)
	NO_MKDOCS_2_WARNING=1 $(BIN)/pytest tests/test_browser.py -k "hover_shows_the_entity or screenshots_at_both_widths"
	cp test-artifacts/hover-card.png docs/assets/screenshots/hover-card.png

clean:
	rm -rf site $(VENV)

# Annotated build against a plain Material build of the same texts: `make bench BENCH_SIZES="1000 10000"`.
BENCH_SIZES ?= 1000
bench: $(STAMP) $(CHROMIUM)
	NO_MKDOCS_2_WARNING=1 $(BIN)/python bench/run.py $(BENCH_SIZES)
