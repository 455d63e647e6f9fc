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
