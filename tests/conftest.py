import os
import shutil
from pathlib import Path

import pytest

from tieuchi.errors import MissingDependencyError

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
DATA = ROOT / "tests" / "data"
REGEN = os.environ.get("TIEUCHI_REGEN_GOLDEN") == "1"

APT = MissingDependencyError.APT
"""The install command (`make test` runs the same as root when Tesseract with Vietnamese or poppler is missing)."""


def have_tesseract() -> bool:
    import subprocess

    if not shutil.which("tesseract"):
        return False
    out = subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True)
    return "vie" in out.stdout.split()


def on_ci() -> bool:
    """CI=true (GitHub Actions, GitLab and most others set it): a missing OCR tier is a failure there."""
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


@pytest.fixture(scope="session")
def catalog():
    from extractors import load_catalog

    return load_catalog()


@pytest.fixture(scope="session")
def merged_catalog(tmp_path_factory):
    """The bundled catalog merged with every tests/catalogs file: the catalog the phrasing splits are read with."""
    from extractors import load_catalog
    from samples.phrasing.gen import merged_catalog as write_merged

    return load_catalog(write_merged(tmp_path_factory.mktemp("cat") / "catalog.json"))


_NOT_RUN: list[str] = []


def pytest_collection_modifyitems(config, items):
    # The OCR tier needs the real Tesseract: make test installs it, so a missing one is an error on CI
    # and a strict xfail (with the command to install it) on a developer's machine, never a silent skip.
    ocr = [item for item in items if "ocr" in item.keywords]
    if not ocr or have_tesseract():
        return
    if on_ci():
        pytest.exit(f"CI=true but Tesseract with Vietnamese ('vie') is not installed, so {len(ocr)} OCR tests cannot run."
                    f" Install it: {APT}", returncode=pytest.ExitCode.TESTS_FAILED)
    _NOT_RUN.extend(item.nodeid for item in ocr)
    for item in ocr:
        item.add_marker(pytest.mark.xfail(reason=f"Tesseract with 'vie' is not installed; install it: {APT}",
                                          strict=True, run=False))


def pytest_terminal_summary(terminalreporter):
    if _NOT_RUN:
        terminalreporter.write_line(f"{len(_NOT_RUN)} OCR tests did not run: Tesseract with Vietnamese ('vie') is not"
                                    f" installed. Install it (as root): {APT}", yellow=True, bold=True)
