"""Round 10: a wrapped whole's last group standing before the fraction (rejoined)."""
from audit.checks import check_ratio, rejoined
from extractors.catalog import Target
from extractors.record import CriterionRecord, Measure

T2 = Target(op="<", value=2.0, unit="%")


def _row(ev: str, n: int, d: int, raw: str, stated: float) -> CriterionRecord:
    return CriterionRecord(code="6", title="t", target=T2, numerator=n, denominator=d, fraction_raw=raw,
                           reported_percent=2.0, percent_raw="2%", evidence=ev,
                           measures=[Measure(numerator=n, denominator=d, raw=raw),
                                     Measure(percent=stated, raw=f"({stated}%)".replace(".", ","))])


def test_whole_group_before_fraction_agreeing_with_stated_percent_is_a_note():
    ev = "Tong so 097 ho so Dat (So ho so qua han 9 tren tong so 1 Ty le ho so qua han 2% ho so) (0,82%)"
    c = _row(ev, 9, 1, "9 tren tong so 1", 0.82)
    assert rejoined(c) == "9/1097"
    assert [f.check for f in check_ratio(c)] == ["not_read"]


def test_group_that_agrees_with_no_stated_percent_keeps_the_finding():
    ev = "Tong so 097 ho so Dat (So ho so qua han 9 tren tong so 1 Ty le ho so qua han 2% ho so) (5,5%)"
    c = _row(ev, 9, 1, "9 tren tong so 1", 5.5)
    assert rejoined(c) is None
    assert [f.check for f in check_ratio(c)] == ["ratio_exceeds_whole"]


def test_block_holding_an_unread_neighbours_title_is_absorbed_only_then():
    from audit.checks import absorbed
    from extractors.catalog import load_catalog
    from extractors.record import ReportRecord
    fw = load_catalog().get("thanhhoa-huyen-2024")
    assert fw is not None
    codes = [c.code for c in fw.criteria]
    t23 = "Ho gia dinh duoc phu mang Internet bang rong cap quang"
    other = "Co he thong Camera an ninh tren dia ban ket noi ve Cong an cap huyen 12/12 Dat"

    def rec(ev22: str) -> ReportRecord:
        crits = [CriterionRecord(code=k, title="t", evidence="noi dung khac " * 3) for k in codes if k != "2.3"]
        for c in crits:
            if c.code == "2.2":
                c.evidence = ev22
        return ReportRecord(source="x.txt", sha256="", framework=fw.id, criteria=crits)

    assert absorbed(rec(other + " " + t23 + " 421/416 = 79% Dat"), fw).get("2.2") == "2.3"
    assert "2.2" not in absorbed(rec(other), fw)
