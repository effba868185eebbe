# Two commands on a fresh machine with only python3 and make:
#   make demo   create .venv, install tiewise, build the demo network, print the report
#   make test   install what the tests need, lint, run the tests
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DEMO_DB ?= tiewise-demo.db

.PHONY: demo test lint format bench clean chromium postgresql dovecot java serve

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# pip compiles a wheel's modules at install; for the editable install that is done here, so that
# every command starts from bytecode even where PYTHONDONTWRITEBYTECODE is set (bench_startup.py).
$(VENV)/.installed-app: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	$(BIN)/python -m compileall -q src/tiewise
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	$(BIN)/python -m compileall -q src/tiewise
	touch $@ $(VENV)/.installed-app

demo: $(VENV)/.installed-app
	$(BIN)/tiewise --db $(DEMO_DB) demo

serve: $(VENV)/.installed-app
	$(BIN)/tiewise --db $(DEMO_DB) serve

lint: $(VENV)/.installed-test
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

# The browser tests drive Debian's chromium (playwright cannot download browsers here).
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "installing chromium for the browser tests"; \
	  SUDO=$$( [ "$$(id -u)" -eq 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq chromium >/dev/null; }

# The PostgreSQL tests start a private server from Debian's postgresql binaries.
postgresql:
	@ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || { \
	  echo "installing postgresql for the database tests"; \
	  SUDO=$$( [ "$$(id -u)" -eq 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq postgresql >/dev/null; }

# The IMAP tests start a private, unprivileged Dovecot from Debian's dovecot-imapd.
dovecot:
	@command -v dovecot >/dev/null 2>&1 || [ -x /usr/sbin/dovecot ] || { \
	  echo "installing dovecot-imapd for the IMAP tests"; \
	  SUDO=$$( [ "$$(id -u)" -eq 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq dovecot-imapd >/dev/null; }

# The Spark engine's tests start a JVM (pyspark needs Java 17 or later): Debian's default JRE.
java:
	@command -v java >/dev/null 2>&1 || { \
	  echo "installing a Java runtime for the Spark tests"; \
	  SUDO=$$( [ "$$(id -u)" -eq 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq default-jre-headless >/dev/null; }

# pytest exits with 5 when it collects no tests; that is reported, not treated as a failure.
test: lint chromium postgresql dovecot java
	@status=0; $(BIN)/python -m pytest || status=$$?; \
	if [ $$status -eq 5 ]; then echo "pytest collected no tests"; status=0; fi; \
	exit $$status

format: $(VENV)/.installed-test
	$(BIN)/ruff format src tests bench
	$(BIN)/ruff check --fix src tests bench

clean:
	rm -rf $(VENV) $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm tiewise-demo-charts test-artifacts .pytest_cache .ruff_cache
