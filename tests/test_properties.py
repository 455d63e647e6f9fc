"""Property tests: parsers and the normalizer never raise, formats survive a round trip,
dates and document numbers are never fractions, normalizing is idempotent."""

from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.measure import find_parts, find_target, pick_measure
from extractors.numbers import find_fractions, find_percents, parse_decimal, parse_int
from extractors.verdicts import find_tallies, find_verdicts, parse_verdict
from ingest.normalize import fold_chars, match_key

VIET = "aăâbcdđeêghiklmnoôơpqrstuưvxyáàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵĐ"
text = st.text(alphabet=st.sampled_from(VIET + VIET.upper() + "0123456789 .,;:/%()-\n€¢&|'"), max_size=300)


def vn_int(n: int) -> str:
    """15424 → '15.424' (Vietnamese thousands separator)."""
    return f"{n:,}".replace(",", ".")


@settings(max_examples=300, deadline=None)
@given(text)
def test_nothing_raises(s):
    find_fractions(s)
    find_percents(s)
    find_percents(s, loose=True)
    find_verdicts(s)
    find_tallies(s)
    parse_verdict(s)
    find_target(s)
    pick_measure(s)
    find_parts(s)
    parse_int(s)
    parse_decimal(s)


@settings(max_examples=300, deadline=None)
@given(text)
def test_normalizing_is_idempotent_and_folding_keeps_length(s):
    assert match_key(match_key(s)) == match_key(s)
    assert len(fold_chars(s)) == len(s)


@given(st.integers(0, 10**9), st.integers(1, 10**9), st.booleans())
def test_fraction_round_trip(n, d, dotted):
    s = f"đạt {vn_int(n) if dotted else n}/{vn_int(d) if dotted else d} hồ sơ"
    got = find_fractions(s)
    if 1 <= n <= 12 and 1900 <= d <= 2100 and not dotted:
        assert got == []  # reads as a month/year
    else:
        assert [(f.numerator, f.denominator) for f in got] == [(n, d)]


@given(st.integers(0, 100), st.integers(0, 99), st.sampled_from([0, 1, 2]))
def test_percent_round_trip(whole, frac, decimals):
    value = whole if decimals == 0 else float(f"{whole}.{frac:0{decimals}d}"[: len(str(whole)) + 1 + decimals])
    raw = f"{value:.{decimals}f}".replace(".", ",")
    assert [p.value for p in find_percents(f"tỷ lệ {raw}% hồ sơ")] == [float(raw.replace(",", "."))]


@given(st.integers(1, 31), st.integers(1, 12), st.integers(1990, 2099))
def test_dates_are_never_fractions(d, m, y):
    assert find_fractions(f"ngày {d}/{m}/{y} và ngày {d:02d}/{m:02d}/{y}") == []


@given(st.integers(1, 9999), st.integers(2000, 2099),
       st.sampled_from(["QĐ-UBND", "KH-BCĐ", "NĐ-CP", "TT-BYT", "BC-UBND", "QD-UBND", "0D-UBND"]))
def test_document_numbers_are_never_fractions(n, y, kind):
    assert find_fractions(f"số {n}/{kind} và {n}/{y}/{kind}") == []
