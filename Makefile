# make run  : set up, then audit the bundled samples/ into out/results.sqlite and out/report.html
# make test : set up, then lint and the whole test suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
APT_CMD := apt-get update && apt-get install -y tesseract-ocr tesseract-ocr-vie tesseract-ocr-osd poppler-utils

.PHONY: setup system venv native browser test run fuzz fuzz-images clean open fresh third fourth fifth sixth seventh eighth blind

setup: system venv native

# Tesseract with Vietnamese, and poppler (pdftoppm): installed when missing and we are root.
system:
	@if command -v tesseract >/dev/null 2>&1 && tesseract --list-langs 2>/dev/null | grep -qx vie \
	    && tesseract --list-langs 2>/dev/null | grep -qx osd \
	    && command -v pdftoppm >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "installing Tesseract (vie, osd) and poppler-utils"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq tesseract-ocr tesseract-ocr-vie tesseract-ocr-osd poppler-utils >/dev/null \
	    || { echo "apt-get failed; run: $(APT_CMD)"; exit 1; }; \
	else \
	    echo "Tesseract with Vietnamese (vie), its orientation data (osd) and poppler-utils are required. Run as root:"; \
	    echo "  $(APT_CMD)"; exit 1; \
	fi

venv: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	@touch $@

# the text-layer reader's per-character loop in C (ingest/_textchars.c, loaded through cffi; no
# Python headers, no PDFium headers): optional, the same loop runs in Python when there is no C compiler
CC ?= cc
native: ingest/_textchars.so

ingest/_textchars.so: ingest/_textchars.c
	@if command -v $(CC) >/dev/null 2>&1; then $(CC) -O2 -ffp-contract=off -shared -fPIC -Wall -o $@ $< \
	    || echo "ingest/_textchars.c did not build: the text-layer reader runs in pure Python"; \
	else echo "no C compiler ($(CC)): the text-layer reader runs in pure Python"; fi

# the report's browser test drives Debian's chromium (never a downloaded browser build)
browser:
	@if command -v chromium >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "installing chromium (for the HTML report's browser test)"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null \
	    || { echo "apt-get failed; run: apt-get install -y chromium"; exit 1; }; \
	else \
	    echo "The report's browser test needs Debian's chromium. Run as root:"; \
	    echo "  apt-get update && apt-get install -y chromium"; exit 1; \
	fi

test: setup browser
	$(BIN)/ruff check ingest extractors audit tieuchi tests bench
	$(BIN)/mypy
	$(BIN)/python -m pytest -q -p no:cacheprovider

run: setup
	@mkdir -p out
	$(BIN)/tieuchi batch samples --db out/results.sqlite --report out/report.html --xlsx out/results.xlsx --crops out/crops
	@echo "report: out/report.html   store: out/results.sqlite   spreadsheet: out/results.xlsx"

fuzz: setup
	TIEUCHI_FUZZ_SECONDS=600 $(BIN)/python -m pytest -q tests/test_fuzz.py

# the image path (random crops, rotations, scales, noise, JPEG quality on the bundled scans), with real OCR
fuzz-images: setup
	TIEUCHI_FUZZ_SECONDS=600 TIEUCHI_FUZZ_OCR=1 $(BIN)/python -m pytest -q tests/test_image_fuzz.py

# the phrasing samples (samples/phrasing): the open split to tune on, scored per document; the blind
# split from another seed, written outside the repository and scored as a summary only
BLIND_DIR ?= /tmp/tieuchi-blind

open: setup
	PYTHONPATH=$(CURDIR) $(BIN)/python -m samples.phrasing.run --split open --out out/open --tieuchi $(BIN)/tieuchi --verbose

fresh: setup
	PYTHONPATH=$(CURDIR) $(BIN)/python -m samples.phrasing.run --split fresh --out out/fresh --tieuchi $(BIN)/tieuchi --verbose

third: setup
	PYTHONPATH=$(CURDIR) $(BIN)/python -m samples.phrasing.run --split third --out out/third --tieuchi $(BIN)/tieuchi --verbose

fourth: setup
	PYTHONPATH=$(CURDIR) $(BIN)/python -m samples.phrasing.run --split fourth --out out/fourth --tieuchi $(BIN)/tieuchi --verbose

fifth: setup
	PYTHONPATH=$(CURDIR) $(BIN)/python -m samples.phrasing.run --split fifth --out out/fifth --tieuchi $(BIN)/tieuchi --verbose

sixth: setup
	PYTHONPATH=$(CURDIR) $(BIN)/python -m samples.phrasing.run --split sixth --out out/sixth --tieuchi $(BIN)/tieuchi --verbose

seventh: setup
	PYTHONPATH=$(CURDIR) $(BIN)/python -m samples.phrasing.run --split seventh --out out/seventh --tieuchi $(BIN)/tieuchi --verbose

# held out: read as a summary only at the end of a round (it becomes open the round after)
eighth: setup
	PYTHONPATH=$(CURDIR) $(BIN)/python -m samples.phrasing.run --split eighth --out /tmp/tieuchi-eighth --tieuchi $(BIN)/tieuchi

blind: setup
	PYTHONPATH=$(CURDIR) $(BIN)/python -m samples.phrasing.run --split blind --out $(BLIND_DIR) --tieuchi $(BIN)/tieuchi

clean:
	rm -rf out .pytest_cache
