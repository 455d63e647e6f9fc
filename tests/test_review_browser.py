"""The review loop in a real headless Chromium (Debian's chromium), on a store `tieuchi batch` made
from the samples: dismiss a finding, correct the seed's 3.4 (15424/15378 → 15378/15424) and watch
percent_mismatch and ratio_exceeds_whole go, kill the app, start it again and find everything still
there; then the export, a batch re-run, and a re-issued file whose old decisions wait for a second look.
The screenshot is docs/review.png (the README shows it)."""

from __future__ import annotations

import csv
import io
import shutil

import pytest
from openpyxl import load_workbook

from tests.conftest import ROOT
from tests.reviewapp import cli, copy_samples, serve
from tieuchi.store import Store

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (make test installs it)")
WHO = "Lê Thị Duyệt"
SEED_ISSUER = "UBND thành phố Thanh Hóa"


def _rows(db) -> list[dict]:
    r = cli("export", "--db", str(db), "-f", "csv")
    assert r.returncode == 0, r.stderr
    return list(csv.DictReader(io.StringIO(r.stdout.lstrip("\ufeff"))))


def _seed_34(rows: list[dict]) -> dict:
    [row] = [x for x in rows if x["source"].endswith("seed000_thanh-hoa.txt") and x["code"] == "3.4"]
    return row


def _findings(page) -> list[str]:
    return page.locator("#findings li[data-check]").evaluate_all("els => els.map(e => e.dataset.check)")


def test_review_loop_in_chromium(tmp_path):
    from playwright.sync_api import sync_playwright

    inp = tmp_path / "in"
    copy_samples(inp, ["seed000_thanh-hoa.txt", "labelled/a005_yen-dinh.pdf", "labelled/a000_bim-son.txt",
                       "generated/s00_huyen_thuong-xuan.png"])
    db = tmp_path / "results.sqlite"
    r = cli("batch", str(inp), "--db", str(db), "--jobs", "2")
    assert r.returncode == 0, r.stderr
    with Store(db) as st:
        ids = {d["path"].rsplit("/", 1)[-1]: d["id"] for d in st.documents()}
    errors: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run", "--disable-quic"])
        page = browser.new_page(viewport={"width": 1360, "height": 1000})
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        elsewhere: list[str] = []
        origins: list[str] = ["data:", "file:"]     # the app of the moment (each start has its own port and token)
        page.on("request", lambda q: elsewhere.append(q.url) if not q.url.startswith(tuple(origins)) else None)

        with serve(db, WHO) as s:
            origins.append(s.url.split("/?")[0] + "/")
            page.goto(s.url)
            assert page.locator("#reviewer").inner_text() == WHO
            # filter the queue by check: only the seed's 1.1 has a verdict nobody could read
            with page.expect_navigation():
                page.select_option("#f-check", "verdict_missing")
            assert page.locator("#queue li a").count() == 1
            assert page.locator("#crit-title").inner_text().startswith("1.1")
            page.fill("#findings li[data-check=verdict_missing] input", "kết luận ở dòng sau trong bản giấy")
            with page.expect_navigation():
                page.click("#findings li[data-check=verdict_missing] button:has-text('Bỏ qua')")
            assert page.locator("#findings li[data-check=verdict_missing]").get_attribute("data-decided") == "dismissed"
            assert WHO in page.locator("#findings").inner_text()

            # the seed's items, moved through with the keyboard
            with page.expect_navigation():
                page.select_option("#f-check", "")
            with page.expect_navigation():
                page.select_option("#f-issuer", SEED_ISSUER)
            assert page.locator("#queue li a").count() == 2
            assert page.locator("#crit-title").inner_text().startswith("1.1")
            with page.expect_navigation():
                page.keyboard.press("j")
            assert page.locator("#crit-title").inner_text().startswith("3.4")
            assert sorted(_findings(page)) == ["percent_mismatch", "ratio_exceeds_whole"]
            assert "đảo chỗ" in page.locator("#findings .cause").inner_text()      # the likely cause is shown
            page.fill("#correct input[name=numerator]", "15378")
            page.fill("#correct input[name=denominator]", "15424")
            page.fill("#correct-comment", "tử số và mẫu số bị đảo")
            with page.expect_navigation():
                page.click("#save")
            assert _findings(page) == [] and page.locator("#no-findings").is_visible()   # re-audited at once
            assert page.locator("#crit-title [data-status]").get_attribute("data-status") == "corrected"
            assert page.locator("#correct tr[data-field=numerator] td.cur").inner_text() == "15378"
            assert "15424/15378" in page.locator("table.criteria tr[data-code='3.4']").inner_text()   # the old value, struck
            page.screenshot(path=str(ROOT / "docs" / "review.png"), full_page=False)

            # the page beside a text PDF's criterion and a scan's, with the box drawn from bbox
            for name in ("a005_yen-dinh.pdf", "s00_huyen_thuong-xuan.png"):
                page.goto(f"{s.url}&item={ids[name]}:1.1")
                img = page.locator("#pagecrop")
                img.wait_for()
                page.wait_for_function("() => document.getElementById('pagecrop').complete")
                assert img.evaluate("i => i.naturalWidth") > 500, name
            s.proc.kill()   # kill -9 in the middle of the review

        with serve(db, WHO) as s:
            origins[2:] = [s.url.split("/?")[0] + "/"]
            page.goto(f"{s.url}&issuer={SEED_ISSUER}")
            with page.expect_navigation():
                page.click("#queue a:has-text('3.4')")
            assert _findings(page) == []
            assert page.locator("#correct tr[data-field=denominator] td.cur").inner_text() == "15424"
            assert "tử số và mẫu số bị đảo" in page.locator("#history").inner_text()
            with page.expect_navigation():
                page.click("#queue a:has-text('1.1')")
            assert page.locator("#findings li[data-check=verdict_missing]").get_attribute("data-decided") == "dismissed"
            with page.expect_navigation():
                page.keyboard.press("s")                                     # sign the document off
            assert WHO in page.locator("#signed-off").inner_text()

        # the export carries the corrected values, marked
        rows = _rows(db)
        row = _seed_34(rows)
        assert (row["numerator"], row["denominator"], row["review_status"], row["reviewed_by"]) == \
            ("15378", "15424", "corrected", WHO)
        assert row["findings"] == ""
        assert {x["review_status"] for x in rows if x["source"].endswith("seed000_thanh-hoa.txt") and x["code"] != "3.4"} \
            == {"confirmed"}                                                    # signed off
        assert cli("export", "--db", str(db), "-f", "xlsx", "-o", str(tmp_path / "r.xlsx")).returncode == 0
        ws = load_workbook(tmp_path / "r.xlsx")["Tiêu chí"]
        header = [c.value for c in ws[1]]
        status_col, code_col, src_col = header.index("Trạng thái duyệt"), header.index("Mã"), header.index("Tệp")
        assert [r[status_col] for r in ws.iter_rows(min_row=2, values_only=True)
                if r[code_col] == "3.4" and r[src_col].endswith("seed000_thanh-hoa.txt")] == ["corrected"]

        # the static report from the same templates shows the corrected values, marked, and the old ones struck
        assert cli("export", "--db", str(db), "-f", "html", "-o", str(tmp_path / "r.html")).returncode == 0
        page.goto((tmp_path / "r.html").as_uri())
        seed_sec = page.locator("section", has_text="Thanh Hóa")
        r34 = seed_sec.locator("table.criteria tr[data-code='3.4']")
        assert "15378/15424" in r34.inner_text() and r34.locator(".was").inner_text() == "15424/15378"
        assert r34.locator("[data-status]").get_attribute("data-status") == "corrected" and WHO in r34.inner_text()
        assert seed_sec.locator("li.dismissed").inner_text().startswith("verdict_missing 1.1")
        options = page.locator("#checkfilter option").evaluate_all("els => els.map(e => e.value)")
        assert "percent_mismatch" not in options and "ratio_exceeds_whole" not in options   # only 3.4 had them
        assert "verdict_missing" not in options                      # dismissed: not a finding to filter by

        # a batch re-run keeps every decision
        r = cli("batch", str(inp), "--db", str(db), "--force")
        assert r.returncode == 0 and "quyết định duyệt" not in r.stderr, r.stderr
        assert _rows(db) == rows

        # the district re-issues its report with 3.4 written the right way round: new bytes
        seed = inp / "seed000_thanh-hoa.txt"
        seed.write_text(seed.read_text(encoding="utf-8").replace("15424/15378", "15378/15424"), encoding="utf-8")
        r = cli("batch", str(inp), "--db", str(db))
        assert r.returncode == 0, r.stderr
        assert "tệp đã thay đổi" in r.stderr and "seed000_thanh-hoa.txt" in r.stderr
        assert _seed_34(_rows(db))["review_status"] == "extracted"             # not applied to other bytes
        with serve(db, WHO) as s:
            origins[2:] = [s.url.split("/?")[0] + "/"]
            page.goto(s.url)
            listed = page.locator("#changed-files li").evaluate_all("els => els.map(e => e.dataset.field)")
            assert sorted(listed) == ["denominator", "document", "finding:verdict_missing", "numerator"]   # the sign-off too
            with page.expect_navigation():
                page.locator("#changed-files li[data-field=numerator] button", has_text="Áp dụng").click()
            assert page.locator("#changed-files li").count() == 3
            # carried to the new bytes, the correction does not fit them (they read 15378, it was made on 15424)
            page.goto(f"{s.url}&issuer={SEED_ISSUER}")
            with page.expect_navigation():
                page.click("#queue a:has-text('3.4')")
            assert _findings(page) == []
            assert page.locator("#correct tr[data-field=numerator] td.cur").inner_text() == "15378"
            look = page.locator("#detail .look")
            assert look.count() == 1 and "15378" in look.inner_text() and "15424" in look.inner_text()
            with page.expect_navigation():
                look.locator("button", has_text="Bỏ quyết định").click()
            assert page.locator("#detail .look").count() == 0
        browser.close()
    assert errors == [] and elsewhere == []
