"""The HTML audit report in a real headless Chromium (Debian's chromium): tables and counts,
a click on the check filter, no console errors, no network requests, and a screenshot."""

import shutil

import pytest

from tests.conftest import SAMPLES
from tieuchi.pipeline import process_file
from tieuchi.report import write_report

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (make test installs it)")


def test_report_in_chromium(tmp_path, catalog):
    from playwright.sync_api import sync_playwright

    recs = [process_file(str(p), catalog=catalog) for p in (
        SAMPLES / "seed000_thanh-hoa.txt", SAMPLES / "labelled" / "a000_bim-son.txt", SAMPLES / "labelled" / "a005_yen-dinh.txt")]
    html = tmp_path / "report.html"
    write_report(recs, str(html))
    errors, requests = [], []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run", "--disable-quic"])
        page = browser.new_page()
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("request", lambda r: requests.append(r.url) if not r.url.startswith(("file:", "data:")) else None)
        page.goto(html.as_uri())
        assert page.locator("#overview tbody tr").count() == 3
        assert page.locator("table.mx tbody tr").count() == 3
        assert page.locator("table.mx").count() == 2  # one matrix per framework
        assert page.locator("section").count() == 3
        # the seed's section lists its 23 criteria
        assert page.locator("section").first.locator("tbody tr").count() == 23
        visible = lambda: page.locator("#overview tbody tr:not(.hidden)").count()  # noqa: E731
        assert visible() == 3
        page.select_option("#checkfilter", "ratio_exceeds_whole")
        assert visible() == 1                                   # only the seed has 3.4's ratio above the whole
        assert "Thanh Hóa" in page.locator("#overview tbody tr:not(.hidden)").inner_text()
        page.select_option("#checkfilter", "")
        assert visible() == 3
        page.screenshot(path=str(tmp_path / "report.png"), full_page=False)
        browser.close()
    assert errors == []
    assert requests == []
    assert (tmp_path / "report.png").stat().st_size > 10_000
