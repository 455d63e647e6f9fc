"""ingest/_exec.py builds each tesseract child's environment per call: importing it changes no global."""

import os
import subprocess
import sys

from tests.conftest import ROOT


def test_importing_ingest_leaves_pytesseract_and_our_environment_alone():
    code = ("import os, pytesseract.pytesseract as pt; before = dict(os.environ); import ingest, ingest._exec as ex; "
            "print(pt.environ is os.environ, dict(os.environ) == before, ex.child_env()['OMP_THREAD_LIMIT'])")
    env = {k: v for k, v in os.environ.items() if k != "OMP_THREAD_LIMIT"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, env=env, check=True)
    assert out.stdout.split() == ["True", "True", "1"]
