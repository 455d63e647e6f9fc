"""The built wheel carries the catalog: tieuchi works installed, from any directory."""

import subprocess
import sys
import zipfile

from tests.conftest import ROOT, SAMPLES


def test_wheel_ships_catalog_and_runs_elsewhere(tmp_path):
    subprocess.run([sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "--no-build-isolation", "-q",
                    "-w", str(tmp_path / "dist")], check=True, capture_output=True)
    [wheel] = (tmp_path / "dist").glob("tieuchi-*.whl")
    with zipfile.ZipFile(wheel) as z:
        names = set(z.namelist())
        assert "extractors/criteria_catalog.json" in names
        assert "extractors/data/lexicon.json" in names and "ingest/data/ocr_confusions.json" in names
        # the report's and the review app's templates
        assert {"tieuchi/review/templates/report.html.j2", "tieuchi/review/templates/review.html.j2",
                "tieuchi/review/templates/review.js", "tieuchi/review/templates/base.css"} <= names
        z.extractall(tmp_path / "site")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    code = ("import sys; from tieuchi.cli import main; "
            f"sys.exit(main(['extract', {str(SAMPLES / 'seed000_thanh-hoa.txt')!r}, '-f', 'jsonl']))")
    out = subprocess.run([sys.executable, "-I", "-c", f"import sys; sys.path.insert(0, {str(tmp_path / 'site')!r}); " + code],
                         cwd=elsewhere, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert '"framework": "thanhhoa-huyen-2024"' in out.stdout
    html = subprocess.run([sys.executable, "-I", "-c", f"import sys; sys.path.insert(0, {str(tmp_path / 'site')!r}); "
                           "from tieuchi.report import render_report; from tieuchi.pipeline import process_file; "
                           f"print(render_report([process_file({str(SAMPLES / 'seed000_thanh-hoa.txt')!r})]))"],
                          cwd=elsewhere, capture_output=True, text=True)
    assert html.returncode == 0, html.stderr
    assert 'id="checkfilter"' in html.stdout and "ratio_exceeds_whole" in html.stdout
    assert str(tmp_path / "site") in subprocess.run(
        [sys.executable, "-I", "-c", f"import sys; sys.path.insert(0, {str(tmp_path / 'site')!r}); "
         "import extractors.catalog as c; print(c.load_catalog().path)"], cwd=elsewhere, capture_output=True, text=True).stdout
