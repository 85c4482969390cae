# One command for every habit. `make run` and `make test` each create or refresh .venv from
# pyproject.toml first, so both work on a fresh clone.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export FLASK_APP := app:create_app

.PHONY: run test test-fast browser lint generate check translations compile-translations bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	$(BIN)/python -m pip check
	touch $(STAMP)

compile-translations: $(STAMP)
	$(BIN)/pybabel compile -d translations

run: $(STAMP) compile-translations
	$(BIN)/python run.py

test: $(STAMP) compile-translations browser lint check
	$(BIN)/python -m pytest -n 2 -q -p no:cacheprovider

# The browser tests (tests/browser/) drive Debian's chromium: Playwright's own browser downloads
# are not used. Installed here when missing and we may (root, apt-get); else say how. Without it
# those tests skip, or fail where CI or PORTAL_REQUIRE_BROWSER is set.
CHROMIUM := /usr/bin/chromium
APT_INSTALL := DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium

browser:
	@if [ -x $(CHROMIUM) ]; then :; \
	elif command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
		echo "Installing chromium for the browser tests (apt-get)"; \
		$(APT_INSTALL) >/dev/null 2>&1 || { apt-get update -qq && $(APT_INSTALL) -qq >/dev/null; }; \
	else \
		echo "$(CHROMIUM) is missing: the browser tests will be skipped (CI fails)."; \
		echo "Install it with: sudo apt-get install chromium"; \
	fi

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check app/generated

generate: $(STAMP)
	$(BIN)/python -m generators generate

check: $(STAMP)
	$(BIN)/python -m generators check

# Extract (code, templates and model.yaml labels) -> update every language -> compile.
# `check` first: a broken model.yaml or stale app/generated/ would extract a partial template, and
# `update --ignore-obsolete` would then delete the translations of every string it missed.
# The template has no header and updates ignore its date, so a run that changes no string changes
# no file. New strings arrive empty (or fuzzy, with a guess); docs/translating.md says what next.
translations: $(STAMP) check
	$(BIN)/pybabel extract -F babel.cfg -k _l -k lazy_gettext -k _ -k gettext -k ngettext:1,2 \
		--sort-by-file --omit-header --no-wrap -o translations/messages.pot .
	$(BIN)/pybabel update -i translations/messages.pot -d translations --no-wrap --ignore-obsolete \
		--ignore-pot-creation-date
	$(BIN)/pybabel compile -d translations --statistics

bench: $(STAMP)
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) instance .pytest_cache .ruff_cache
