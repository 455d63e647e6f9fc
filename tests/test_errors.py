"""One error hierarchy (tieuchi/errors.py): every error knows its exit code and what to do next,
and the CLI maps them in one place."""

import inspect

import pytest

import ingest.errors
import tieuchi.errors as errors
from tieuchi.cli import main
from tieuchi.errors import ExitCode, MissingDependencyError, StoreError, TieuchiError, UsageError

SEED = "samples/seed000_thanh-hoa.txt"


def test_exit_codes_are_the_documented_ones():
    assert {c.name: int(c) for c in ExitCode} == {
        "ok": 0, "input_error": 1, "usage": 2, "missing_dependency": 3, "store_error": 4, "interrupted": 130}


def test_every_error_class_says_what_to_do_next():
    classes = [c for _, c in inspect.getmembers(errors, inspect.isclass) if issubclass(c, TieuchiError) and c is not TieuchiError]
    assert len(classes) >= 9  # usage, catalog, store, input (3), missing dependency, OCR (2)
    for cls in classes:
        assert isinstance(cls.exit_code, ExitCode) and cls.kind != "error", cls
        if cls is MissingDependencyError:  # the message itself carries the apt command
            assert MissingDependencyError.APT in str(cls("tesseract is missing"))
        else:
            assert cls.hint, cls


def test_ingest_errors_are_the_same_classes():
    assert ingest.errors.InputError is errors.InputError and ingest.errors.CatalogError is errors.CatalogError


def test_user_message_is_the_message_then_the_advice():
    e = UsageError("--jobs phải từ 1 trở lên")
    assert str(e) == "--jobs phải từ 1 trở lên"
    assert e.user_message() == "--jobs phải từ 1 trở lên — xem `tieuchi LỆNH --help`"
    assert StoreError("x", path="r.sqlite", hint="khác").user_message() == "r.sqlite: x — khác"


@pytest.mark.parametrize("command", [["export", "--db"], ["batch", SEED, "--db"]], ids=["export", "batch"])
def test_a_corrupt_results_database_exits_4_not_bad_usage(tmp_path, capsys, command):
    db = tmp_path / "r.sqlite"
    db.write_bytes(b"this is no sqlite database" * 100)
    assert main([*command, str(db)]) == ExitCode.store_error == 4
    lines = [ln for ln in capsys.readouterr().err.splitlines() if ln.strip()]
    assert len(lines) == 1 and str(db) in lines[0] and "không phải kho kết quả của tieuchi" in lines[0]
    assert StoreError.hint in lines[0]


def test_usage_errors_carry_their_hint(capsys):
    assert main(["extract", SEED, "--framework", "nowhere"]) == 2
    assert "tieuchi catalog list" in capsys.readouterr().err
