"""`batch --executor dask`: documents go to a real dask.distributed LocalCluster on loopback and
land in the same store."""

import sqlite3

import pytest

from tests.conftest import SAMPLES
from tieuchi.cli import main

distributed = pytest.importorskip("distributed", reason="the optional extra tieuchi[dask] is not installed")


def test_batch_on_a_local_dask_cluster(tmp_path, capsys):
    src = tmp_path / "in"
    src.mkdir()
    for name in ("seed000_thanh-hoa.txt", "labelled/a000_bim-son.txt", "labelled/a005_yen-dinh.pdf"):
        (src / name.rsplit("/", 1)[-1]).write_bytes((SAMPLES / name).read_bytes())
    (src / "empty.txt").write_bytes(b"")
    db = tmp_path / "r.sqlite"
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                  dashboard_address=None) as cluster:
        code = main(["batch", str(src), "--db", str(db), "--executor", "dask", "--scheduler", cluster.scheduler_address])
        assert code == 1  # the empty file is a failure; the rest are read
        con = sqlite3.connect(db)
        rows = dict(con.execute("select path, status from documents"))
        assert len(rows) == 4
        assert sorted(rows.values()) == ["error", "ok", "ok", "ok"]
        n_crit = dict(con.execute("select d.path, count(c.code) from documents d left join criteria c on c.document_id=d.id "
                                  "group by d.path"))
        assert sorted(n_crit.values()) == [0, 10, 23, 23]
        # a re-run skips what is done and redoes only the failure
        assert main(["batch", str(src), "--db", str(db), "--executor", "dask", "--scheduler", cluster.scheduler_address]) == 1
        assert "bỏ qua" in capsys.readouterr().err


def test_dask_needs_a_scheduler(capsys):
    assert main(["batch", str(SAMPLES), "--executor", "dask"]) == 2
    assert "--scheduler" in capsys.readouterr().err
