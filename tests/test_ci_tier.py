"""The OCR tier cannot vanish: without Tesseract, CI=true fails with the apt command; a developer
gets strict xfails and the same command."""

import os
import subprocess
import sys

from tests.conftest import APT, ROOT

ONE_OCR_TEST = "tests/test_crops.py::test_crops_from_ocr_pixels"


def _pytest_without_tesseract(tmp_path, ci: str | None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    env["PATH"] = str(tmp_path)  # an empty folder: no tesseract, no pdftoppm
    env["PYTHONPATH"] = str(ROOT)
    if ci is not None:
        env["CI"] = ci
    return subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", ONE_OCR_TEST],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)


def test_ci_fails_without_tesseract_and_says_how_to_install_it(tmp_path):
    proc = _pytest_without_tesseract(tmp_path, "true")
    assert proc.returncode == 1, proc.stdout[-2000:]
    assert APT in proc.stdout + proc.stderr and "CI=true" in proc.stdout + proc.stderr


def test_a_developer_gets_xfails_and_the_apt_command(tmp_path):
    proc = _pytest_without_tesseract(tmp_path, None)
    assert proc.returncode == 0, proc.stdout[-2000:]
    assert "1 xfailed" in proc.stdout and APT in proc.stdout
