# Masthead: `make run` sets everything up and serves the site; `make test` runs every test.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
# Reinstall when the lock file or the project's own metadata (its entry points) change.
STAMP  := $(VENV)/.installed-$(shell cat requirements.lock pyproject.toml | cksum | cut -d' ' -f1)

.PHONY: help install run test lint format lock bench clean

help:
	@echo "make run    set up (virtualenv, dependencies, database, demo content, admin) and serve on http://127.0.0.1:8000"
	@echo "make test   run the whole test suite (set DATABASE_URL / REDIS_URL to use PostgreSQL / Redis)"
	@echo "make lint   ruff check and format check"
	@echo "make bench  benchmark the article page under gunicorn and record the results"
	@echo "make bench-import  benchmark import_wordpress (1,000 and 10,000 posts, a 200 MB file; about 75 minutes) and record the results"
	@echo "make lock   re-resolve requirements.lock from pyproject.toml"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): requirements.lock pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.lock
	# Masthead itself, editable, so its plugin entry points are registered.
	# setuptools' notes on editable installs go to a log, shown only if the install fails.
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation --editable . > $(VENV)/install-masthead.log 2>&1 \
		|| (cat $(VENV)/install-masthead.log; exit 1)
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

install: $(STAMP)

run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py quickstart
	$(BIN)/python manage.py runserver 127.0.0.1:8000

test: install
	$(BIN)/python -m pytest

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

lock: | $(BIN)/python
	$(BIN)/python -m pip install --quiet pip-tools
	$(BIN)/pip-compile --quiet --generate-hashes --extra test --strip-extras --allow-unsafe \
		--no-emit-index-url --no-emit-find-links -o requirements.lock pyproject.toml

bench: install
	$(BIN)/python bench/article_page.py --record

.PHONY: bench-import
bench-import: install
	$(BIN)/python bench/import_wordpress.py --record

clean:
	rm -rf $(VENV) static .pytest_cache .ruff_cache
