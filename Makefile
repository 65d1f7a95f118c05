# qlr — the two commands of the quick start:
#   make demo   create .venv, install qlr, run it on the sample study (report/index.html)
#   make test   build a fresh test environment and run the whole test suite
PYTHON ?= python3
VENV ?= .venv
TEST_VENV ?= .venv-test
PYTEST_ARGS ?=
# Test processes (pytest-xdist): one per core; PYTEST_WORKERS=0 runs the suite in this one process.
PYTEST_WORKERS ?= auto

.PHONY: demo test install bench browser clean oracles

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/python -m pip install --quiet --upgrade pip
	# compat: the clone's own folder is on the path, so Python started beside a clone named "qlr"
	# still finds the package (the default editable finder loses to that folder, an empty namespace).
	$(VENV)/bin/python -m pip install --quiet -e . --config-settings editable_mode=compat
	touch $@

install: $(VENV)/.installed

demo: $(VENV)/.installed
	$(VENV)/bin/qlr info data/sample
	$(VENV)/bin/qlr report data/sample --codebook coproduction --out report
	@echo "Open report/index.html in a browser."

test:
	rm -rf $(TEST_VENV)
	$(PYTHON) -m venv $(TEST_VENV)
	$(TEST_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(TEST_VENV)/bin/python -m pip install --quiet -e ".[test]"
	$(TEST_VENV)/bin/ruff check qlr tests benchmarks notebooks docs
	$(TEST_VENV)/bin/python -m pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

# The report's browser test needs Chromium; Debian's package, installed when missing.
browser:
	command -v chromium >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

# Real tools as oracles, each in its own environment (they conflict with qlr's):
# qc (qualitative-coding) writes .qdpx projects that qlr must import whole, and reads qlr's export;
# Taguette 1.5 writes .qdc codebooks and highlights exports that qlr must read (it reads codebooks from CSV only).
# Run after `make test`, which builds $(TEST_VENV).
oracles:
	$(PYTHON) -m venv .venv-qc
	.venv-qc/bin/python -m pip install --quiet qualitative-coding
	QLR_QC=$(CURDIR)/.venv-qc/bin/qc PYTHONBREAKPOINT=0 $(TEST_VENV)/bin/python -m pytest tests/test_refi_import.py -k qc -p no:cacheprovider
	$(PYTHON) -m venv .venv-taguette
	.venv-taguette/bin/python -m pip install --quiet "taguette>=1.5,<1.6"
	QLR_QC=$(CURDIR)/.venv-qc/bin/qc QLR_TAGUETTE=$(CURDIR)/.venv-taguette/bin/python PYTHONBREAKPOINT=0 $(TEST_VENV)/bin/python -m pytest tests/test_refi_export.py tests/test_codebook_tables.py tests/test_coding_reports.py -k "qc or taguette" -p no:cacheprovider
	# QualCoder (not on PyPI; LGPL): its own code writes a project, its .qdpx and .qdc exports, and imports qlr's .qdpx
	# (tests/qualcoder_oracle.py drives it headless; only PyQt6 and what its project, REFI and App modules import).
	$(PYTHON) -m venv .venv-qualcoder
	.venv-qualcoder/bin/python -m pip install --quiet PyQt6 pymupdf Pillow qtawesome
	test -d .venv-qualcoder/QualCoder || git clone --quiet --depth 1 https://github.com/ccbogel/QualCoder .venv-qualcoder/QualCoder
	echo $(CURDIR)/.venv-qualcoder/QualCoder/src > "$$(.venv-qualcoder/bin/python -c 'import site; print(site.getsitepackages()[0])')/qualcoder-source.pth"
	QLR_QUALCODER=$(CURDIR)/.venv-qualcoder/bin/python $(TEST_VENV)/bin/python -m pytest tests/test_qualcoder_oracle.py -p no:cacheprovider
	# pyENA (BSD, checked against rENA): qlr.net.ena's networks, points and nodes to 1e-6.
	$(PYTHON) -m venv .venv-ena
	.venv-ena/bin/python -m pip install --quiet pyENA
	QLR_PYENA=$(CURDIR)/.venv-ena/bin/python $(TEST_VENV)/bin/python -m pytest tests/test_ena.py -k pyena -p no:cacheprovider
	# Sequenzo (TraMineR's methods in Python) checks sequence distances and indicators.
	$(PYTHON) -m venv .venv-sequenzo
	.venv-sequenzo/bin/python -m pip install --quiet sequenzo
	QLR_SEQUENZO=$(CURDIR)/.venv-sequenzo/bin/python $(TEST_VENV)/bin/python -m pytest tests/test_sequence.py -k sequenzo -p no:cacheprovider

bench: $(VENV)/.installed
	$(VENV)/bin/python benchmarks/bench_load.py

clean:
	rm -rf $(VENV) $(TEST_VENV) build dist *.egg-info .pytest_cache report
