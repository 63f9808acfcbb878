# Flowgate — `make run` to run it, `make test` to test it.
PYTHON ?= python3
VENV   := .venv
BIN    := $(CURDIR)/$(VENV)/bin
STAMP  := $(VENV)/.installed
export PATH := $(BIN):$(CURDIR)/tools:$(PATH)

.PHONY: help install run serve test lint generate check-generated bench fuzz clean

help:
	@echo "make run       start Flowgate (gRPC :50051, HTTP via Envoy :8080) with a demo app"
	@echo "make test      run every test suite (unit + integration with real Envoy and databases)"
	@echo "make lint      buf lint, buf format, ruff, mypy --strict, envoy --mode validate"
	@echo "make generate  regenerate stubs, clients, openapi.json and envoy.yaml from proto/ and envoy/"
	@echo "make bench     performance scenarios, as ratios against the bare stack"
	@echo "make fuzz      schemathesis over every HTTP family, long mode (FUZZ_EXAMPLES=300)"

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Flowgate needs Python 3.11 or newer")'
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(BIN)/flowgate dev

serve: $(STAMP)
	$(BIN)/flowgate serve

CLIENTS := python go typescript java

generate: $(STAMP)
	rm -rf server/flowgate/v1
	buf generate
	buf build --exclude-source-info -o server/flowgate/v1/flowgate.binpb
	$(BIN)/python tools/gen_openapi.py server/flowgate/v1/flowgate.binpb server/flowgate/v1/openapi.json
	$(BIN)/python tools/gen_envoy.py server/flowgate/v1/flowgate.binpb server/flowgate/v1/envoy.yaml envoy.yaml
	touch server/flowgate/v1/__init__.py
	@for c in $(CLIENTS); do \
	  if [ -x clients/$$c/generate.sh ]; then echo "generating clients/$$c"; clients/$$c/generate.sh || exit 1; fi; \
	done

# Fails when the committed generated code (envoy.yaml included) differs from what the
# protos and envoy/ generate.
check-generated: $(STAMP)
	$(BIN)/pytest -q tests/unit/test_generated.py
	$(BIN)/envoy --mode validate -c envoy.yaml --log-level warn

test: $(STAMP)
	@url="$${FLOWGATE_TEST_POSTGRES_URL:-$$(tools/ensure-postgres 2>/dev/null || true)}"; \
	if [ -z "$$url" ]; then \
	  echo "*** WARNING: no PostgreSQL server on this machine: the PostgreSQL tests will be SKIPPED ***"; \
	  echo "*** (install postgresql, or set FLOWGATE_TEST_POSTGRES_URL; CI installs it)          ***"; \
	fi; \
	mysql="$${FLOWGATE_TEST_MYSQL_URL:-$$(tools/ensure-mysql 2>/dev/null || true)}"; \
	if [ -z "$$mysql" ]; then \
	  echo "*** WARNING: no MariaDB/MySQL server on this machine: the MySQL tests will be SKIPPED ***"; \
	  echo "*** (install mariadb-server, or set FLOWGATE_TEST_MYSQL_URL; CI installs it)           ***"; \
	fi; \
	FLOWGATE_TEST_POSTGRES_URL="$$url" FLOWGATE_TEST_MYSQL_URL="$$mysql" $(BIN)/pytest

lint: $(STAMP)
	buf lint
	buf format --diff --exit-code
	$(BIN)/ruff check server tests tools bench
	$(BIN)/ruff format --check server tests tools bench
	cd clients/python && $(BIN)/ruff check . && $(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/envoy --mode validate -c envoy.yaml --log-level warn


bench: $(STAMP)
	$(BIN)/python -m bench

# Long mode of the schemathesis test: every family, every check, many examples; appends
# its totals (dated) to var/fuzz-results.ndjson. Not part of `make test`.
FUZZ_EXAMPLES ?= 300
fuzz: $(STAMP)
	@mkdir -p var
	$(BIN)/python tools/fuzz.py --examples $(FUZZ_EXAMPLES) --record var/fuzz-results.ndjson

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
