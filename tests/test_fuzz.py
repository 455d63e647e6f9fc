"""Bounded fuzzing of the whole text path (decode → pages → extract → audit) on mutated samples.

`make test` runs it for a few seconds; `make fuzz` sets TIEUCHI_FUZZ_SECONDS=600.
No exception may escape and no single document may take long (a hang is a failure).
"""

import os
import random
import time

from audit import run_checks
from extractors import extract
from ingest.text import read_text
from tests.conftest import SAMPLES

SECONDS = float(os.environ.get("TIEUCHI_FUZZ_SECONDS", "8"))
PER_DOC_LIMIT = 10.0
JUNK = "0123456789/%.,;:()-–|€¢&đĐăâêôơưẠạẾếỆệ\n\t \x0c\ufeff\u00a0\u200b"


def _mutate(rng: random.Random, text: str) -> str:
    chars = list(text)
    for _ in range(rng.randint(1, 40)):
        op = rng.random()
        i = rng.randrange(len(chars) + 1)
        if op < 0.3 and chars:
            del chars[min(i, len(chars) - 1)]
        elif op < 0.6:
            chars.insert(i, rng.choice(JUNK))
        elif op < 0.8 and chars:
            chars[min(i, len(chars) - 1)] = rng.choice(JUNK)
        else:
            j = rng.randrange(len(chars) + 1)
            chars[i:i] = chars[j:j + rng.randint(1, 200)]  # duplicate a run (repeated criteria, tallies)
    return "".join(chars)


def test_fuzz_text_path(catalog):
    seeds = [p.read_text(encoding="utf-8") for p in sorted(SAMPLES.rglob("*.txt"))]
    assert seeds
    rng = random.Random(1042)
    end = time.monotonic() + SECONDS
    runs = 0
    while time.monotonic() < end or runs < 20:
        text = _mutate(rng, rng.choice(seeds))
        data = text.encode("utf-8", errors="replace") if rng.random() < 0.9 else text.encode("utf-16")
        t0 = time.monotonic()
        try:
            doc = read_text("fuzz.txt", data, "")
        except Exception as e:  # only our typed input errors may leave the reader
            from ingest.errors import InputError

            assert isinstance(e, InputError), f"{type(e).__name__}: {e}"
            continue
        rec = extract(doc, catalog)
        run_checks(rec, catalog)
        rec.model_dump_json()
        assert time.monotonic() - t0 < PER_DOC_LIMIT, "one document took too long"
        runs += 1
    assert runs >= 20
