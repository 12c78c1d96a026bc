# greenlane: `make demo` and `make test` work from a fresh clone; everything installs into .venv.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: setup lock demo test lint typecheck unit system-deps postgres-tools bench-world clean

# Name normalisation (normality, via rigour and fingerprints) builds PyICU against the system's ICU.
system-deps:
	@if ! pkg-config --exists icu-uc 2>/dev/null; then \
		echo "installing ICU development files (Debian packages)"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libicu-dev pkg-config >/dev/null; \
	fi

# The exact versions in requirements.lock (hash-checked), then greenlane itself without resolving
# anything again: a fresh clone installs the same versions next year.
$(STAMP): pyproject.toml requirements.lock | system-deps
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/pip install --quiet --no-deps -e .
	touch $(STAMP)

setup: $(STAMP)

# Re-resolve requirements.lock from pyproject.toml (runtime, dev and postgres extras; the optional
# Spark extra is left out, so that every setup does not download it) for CPython 3.11 on Linux
# x86_64. Pins already in the lock are kept unless asked:
#   make lock UPGRADE=--upgrade                        every package to its newest release
#   make lock UPGRADE="--upgrade-package polars"       one package
UV_VERSION ?= 0.13.10
UV_VENV := build/uv
UPGRADE ?=
lock:
	@test -x $(UV_VENV)/bin/uv || { $(PYTHON) -m venv $(UV_VENV) && $(UV_VENV)/bin/pip install --quiet uv==$(UV_VERSION); }
	$(UV_VENV)/bin/uv pip compile pyproject.toml --extra dev --extra postgres \
		--python-version 3.11 --python-platform x86_64-unknown-linux-gnu --generate-hashes \
		--custom-compile-command 'make lock' $(UPGRADE) -o requirements.lock

# The storage tests start a throwaway PostgreSQL 15; its server binaries come from Debian's packages.
postgres-tools:
	@if ! command -v pg_config >/dev/null 2>&1 || [ ! -x "$$(pg_config --bindir)/initdb" ]; then \
		echo "installing PostgreSQL server binaries (Debian packages)"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null; \
	fi

demo: $(STAMP)
	$(BIN)/greenlane demo

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/lint-imports

typecheck: $(STAMP)
	$(BIN)/mypy

unit: $(STAMP) postgres-tools
	GREENLANE_TEST_REQUIRE_POSTGRES=1 $(BIN)/pytest -n 2 -v -p no:cacheprovider

test: lint typecheck unit

bench-world: $(STAMP)
	$(BIN)/python bench/world.py --shipments 1000000 --json

clean:
	rm -rf $(VENV) build dist src/*.egg-info greenlane.db
