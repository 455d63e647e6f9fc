"""Table-row details that the labelled samples do not isolate."""

from extractors.catalog import Target
from extractors.tables import _lost_decimal_comma

CATALOG_9_6 = Target(op=">=", value=9.6, unit="%")


def test_an_ocr_target_without_its_decimal_comma_is_the_catalogs():
    assert _lost_decimal_comma(Target(op=">=", value=96, unit="%"), "96%", CATALOG_9_6)


def test_a_target_that_differs_otherwise_is_the_reports():
    assert not _lost_decimal_comma(Target(op=">=", value=9.6, unit="%"), "9,6%", CATALOG_9_6)  # as printed
    assert not _lost_decimal_comma(Target(op=">=", value=95, unit="%"), "95%", CATALOG_9_6)
    assert not _lost_decimal_comma(Target(op=">=", value=96, unit="%"), "96%", Target(op=">=", value=96, unit="%"))
    assert not _lost_decimal_comma(Target(op=">=", value=96, unit="%"), "96%", None)


def test_a_group_row_with_ocr_debris_is_not_recovered_as_an_indicator():
    from extractors.catalog import load_catalog
    from extractors.tables import _group_row
    from ingest.normalize import match_key

    fw = load_catalog().get("thanhhoa-qd176-2022")
    assert _group_row(match_key("2_ Về Kinh tế số"), fw)  # "Kinh tế số" is also inside indicator 2.1's title
    assert not _group_row(match_key("= Tỷ trọng kinh tế số trong từng ngành, địa phương"), fw)


def test_a_percent_whose_sign_ocr_lost_is_read_only_when_the_fraction_agrees():
    from extractors.numbers import find_fractions
    from extractors.tables import _percent_sign_lost

    text = "11123/28132 người (39,54)"
    assert _percent_sign_lost(text, find_fractions(text)[-1]).value == 39.54
    other = "11123/28132 người (12,5)"
    assert _percent_sign_lost(other, find_fractions(other)[-1]) is None
