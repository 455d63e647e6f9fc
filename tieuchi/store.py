"""SQLite results store for batch runs.

One row per document path (the latest result), its criteria, groups and findings in
child tables, and the full record as JSON so that any export can be rebuilt exactly.
Each document is written in one transaction (WAL journal), so a killed batch leaves
every finished document complete and no half-written one.

The ``reviews`` table holds every decision a person made in ``tieuchi review``, one row per
decision, never updated or deleted: keyed by the document's file hash (not its row, which a
re-run replaces), so decisions outlive re-runs, tool and catalog changes.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from extractors.record import ReportRecord
from tieuchi.errors import StoreError

__all__ = ["DONE_STATUSES", "SCHEMA_VERSION", "Store", "StoreError"]

SCHEMA_VERSION = 1

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (schema_version INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS runs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    started REAL NOT NULL,
    finished REAL,
    tool_version TEXT,
    catalog_sha256 TEXT,
    args TEXT
);
CREATE TABLE IF NOT EXISTS documents (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    path TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    tool_version TEXT NOT NULL,
    catalog_sha256 TEXT NOT NULL,
    status TEXT NOT NULL,
    framework TEXT,
    number TEXT,
    date TEXT,
    issuer TEXT,
    pages INTEGER,
    record_json TEXT NOT NULL,
    error TEXT,
    run_id INTEGER REFERENCES runs(id),
    updated REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS criteria (
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    code TEXT NOT NULL,
    title TEXT,
    target_op TEXT,
    target_value REAL,
    numerator INTEGER,
    denominator INTEGER,
    reported_percent REAL,
    computed_percent REAL,
    reported_verdict TEXT,
    computed_verdict TEXT,
    page INTEGER,
    evidence TEXT
);
CREATE TABLE IF NOT EXISTS groups (
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    code TEXT NOT NULL,
    title TEXT,
    criteria_total INTEGER,
    reported_passed INTEGER,
    reported_total INTEGER,
    counted_passed INTEGER,
    page INTEGER,
    evidence TEXT
);
CREATE TABLE IF NOT EXISTS findings (
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    check_name TEXT NOT NULL,
    code TEXT,
    severity TEXT,
    message TEXT,
    suspect_ocr INTEGER
);
CREATE TABLE IF NOT EXISTS reviews (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    sha256 TEXT NOT NULL,
    path TEXT,
    code TEXT NOT NULL,
    field TEXT NOT NULL,
    old_value TEXT,
    new_value TEXT,
    decision TEXT NOT NULL,
    comment TEXT,
    reviewer TEXT NOT NULL,
    time REAL NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS documents_path ON documents(path);
CREATE INDEX IF NOT EXISTS reviews_sha ON reviews(sha256, code, field);
CREATE INDEX IF NOT EXISTS documents_sha256 ON documents(sha256);
CREATE INDEX IF NOT EXISTS findings_check ON findings(check_name);
CREATE INDEX IF NOT EXISTS findings_doc ON findings(document_id);
CREATE INDEX IF NOT EXISTS criteria_code ON criteria(code);
CREATE INDEX IF NOT EXISTS criteria_doc ON criteria(document_id);
CREATE INDEX IF NOT EXISTS groups_doc ON groups(document_id);
"""

DONE_STATUSES = ("ok", "partial")


@dataclass(frozen=True)
class Review:
    """One stored decision. ``old_value``/``new_value`` are decoded JSON (None when absent)."""

    id: int
    sha256: str
    path: str | None
    code: str
    field: str
    old_value: object
    new_value: object
    decision: str
    comment: str | None
    reviewer: str
    time: float

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.sha256, self.code, self.field)


def _review(row: sqlite3.Row) -> Review:
    def dec(v: str | None) -> object:
        return None if v is None else json.loads(v)

    return Review(id=row["id"], sha256=row["sha256"], path=row["path"], code=row["code"], field=row["field"],
                  old_value=dec(row["old_value"]), new_value=dec(row["new_value"]), decision=row["decision"],
                  comment=row["comment"], reviewer=row["reviewer"], time=row["time"])


class Store:
    """The results database. Not shared across processes for writing: the batch parent owns it."""

    def __init__(self, path: str | Path, *, must_exist: bool = False) -> None:
        self.path = str(path)
        if must_exist and not Path(self.path).is_file():
            raise StoreError(f"{self.path}: không có kho kết quả này")
        try:
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise StoreError("không tạo được thư mục cho kho kết quả: " + str(e.strerror), path=self.path) from e
        try:
            # one connection may serve a web app's threads; callers serialize its use
            self.conn = sqlite3.connect(self.path, isolation_level=None, timeout=30.0, check_same_thread=False)
        except sqlite3.Error as e:
            raise StoreError(f"không mở được kho kết quả: {e}", path=self.path) from e
        self.conn.row_factory = sqlite3.Row
        try:
            self.conn.execute("PRAGMA journal_mode=WAL")
            self.conn.execute("PRAGMA synchronous=NORMAL")
            self.conn.execute("PRAGMA foreign_keys=ON")
            self._migrate()
        except sqlite3.DatabaseError as e:
            self.conn.close()
            raise StoreError(f"không phải kho kết quả của tieuchi (tệp hỏng hoặc của chương trình khác): {e}", path=self.path) from e

    # -- schema ------------------------------------------------------------------------
    def _migrate(self) -> None:
        with self._tx():
            for stmt in _SCHEMA.split(";"):
                if stmt.strip():
                    self.conn.execute(stmt)
            row = self.conn.execute("SELECT schema_version FROM meta").fetchone()
            if row is None:
                self.conn.execute("INSERT INTO meta(schema_version) VALUES (?)", (SCHEMA_VERSION,))
            elif row[0] != SCHEMA_VERSION:
                raise StoreError(f"kho kết quả theo lược đồ phiên bản {row[0]}, bản tieuchi này ghi phiên bản {SCHEMA_VERSION}",
                                 path=self.path)

    def _tx(self) -> _Tx:
        return _Tx(self.conn)

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- runs --------------------------------------------------------------------------
    def start_run(self, tool_version: str, catalog_sha256: str, args: dict | None = None) -> int:
        with self._tx():
            cur = self.conn.execute(
                "INSERT INTO runs(started, tool_version, catalog_sha256, args) VALUES (?, ?, ?, ?)",
                (time.time(), tool_version, catalog_sha256, json.dumps(args or {}, ensure_ascii=False, default=str)))
        return int(cur.lastrowid or 0)

    def finish_run(self, run_id: int) -> None:
        with self._tx():
            self.conn.execute("UPDATE runs SET finished = ? WHERE id = ?", (time.time(), run_id))

    # -- documents ---------------------------------------------------------------------
    def save(self, record: ReportRecord, run_id: int | None = None, path: str | None = None) -> int:
        """Replace the stored result of ``path`` (default: ``record.source``) in one transaction."""
        path = path or record.source
        doc = record.document
        error = "; ".join(e.message for e in record.errors) or None
        with self._tx():
            self.conn.execute("DELETE FROM documents WHERE path = ?", (path,))  # cascades to children
            cur = self.conn.execute(
                "INSERT INTO documents(path, sha256, tool_version, catalog_sha256, status, framework, number, date,"
                " issuer, pages, record_json, error, run_id, updated) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (path, record.sha256, record.tool_version, record.catalog_sha256, record.status, record.framework,
                 doc.number, doc.date, doc.issuer, record.pages, record.model_dump_json(), error, run_id, time.time()))
            doc_id = int(cur.lastrowid or 0)
            self.conn.executemany(
                "INSERT INTO criteria VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                [(doc_id, c.code, c.title, c.target.op if c.target else None, c.target.value if c.target else None,
                  c.numerator, c.denominator, c.reported_percent, c.computed_percent, c.reported_verdict,
                  c.computed_verdict, c.page, c.evidence) for c in record.criteria])
            self.conn.executemany(
                "INSERT INTO groups VALUES (?,?,?,?,?,?,?,?,?)",
                [(doc_id, g.code, g.title, g.criteria_total, g.reported_passed, g.reported_total, g.counted_passed,
                  g.page, g.evidence) for g in record.groups])
            self.conn.executemany(
                "INSERT INTO findings VALUES (?,?,?,?,?,?)",
                [(doc_id, f.check, f.code, f.severity, f.message, int(f.suspect_ocr)) for f in record.findings])
        return doc_id

    def is_done(self, path: str, sha256: str, tool_version: str, catalog_sha256: str) -> bool:
        """True when ``path`` was read successfully from the same bytes, by the same tool and catalog."""
        if not sha256:
            return False
        row = self.conn.execute(
            "SELECT status FROM documents WHERE path = ? AND sha256 = ? AND tool_version = ? AND catalog_sha256 = ?",
            (path, sha256, tool_version, catalog_sha256)).fetchone()
        return row is not None and row["status"] in DONE_STATUSES

    def records(self, paths: Iterable[str] | None = None) -> Iterator[ReportRecord]:
        """Stored records (all, or those of ``paths``), ordered by path."""
        if paths is None:
            cur = self.conn.execute("SELECT record_json FROM documents ORDER BY path")
            for row in cur:
                yield ReportRecord.model_validate_json(row[0])
            return
        for path in sorted(set(paths)):
            row = self.conn.execute("SELECT record_json FROM documents WHERE path = ?", (path,)).fetchone()
            if row is not None:
                yield ReportRecord.model_validate_json(row[0])

    def document(self, path: str) -> sqlite3.Row | None:
        return self.conn.execute("SELECT * FROM documents WHERE path = ?", (path,)).fetchone()

    def count(self) -> int:
        return int(self.conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0])

    def finding_counts(self, paths: Iterable[str] | None = None) -> Counter[str]:
        """Findings by check name, over all documents or those of ``paths``."""
        if paths is None:
            rows = self.conn.execute("SELECT check_name, COUNT(*) FROM findings GROUP BY check_name")
            return Counter({r[0]: r[1] for r in rows})
        counts: Counter[str] = Counter()
        for path in set(paths):
            for r in self.conn.execute(
                    "SELECT f.check_name, COUNT(*) FROM findings f JOIN documents d ON d.id = f.document_id"
                    " WHERE d.path = ? GROUP BY f.check_name", (path,)):
                counts[r[0]] += r[1]
        return counts

    def documents(self) -> list[sqlite3.Row]:
        """Every document row without its record JSON, ordered by path."""
        return list(self.conn.execute(
            "SELECT id, path, sha256, status, framework, number, date, issuer, pages, error, run_id, updated"
            " FROM documents ORDER BY path"))

    def document_by_id(self, doc_id: int) -> sqlite3.Row | None:
        return self.conn.execute("SELECT * FROM documents WHERE id = ?", (doc_id,)).fetchone()

    def run_args(self, run_id: int | None) -> dict:
        """The options a batch run was started with ({} when unknown)."""
        if run_id is None:
            return {}
        row = self.conn.execute("SELECT args FROM runs WHERE id = ?", (run_id,)).fetchone()
        try:
            args = json.loads(row[0]) if row and row[0] else {}
        except ValueError:
            return {}
        return args if isinstance(args, dict) else {}

    # -- reviews -----------------------------------------------------------------------
    def add_review(self, sha256: str, code: str, field: str, decision: str, reviewer: str, *,
                   old_value: object = None, new_value: object = None, comment: str | None = None,
                   path: str | None = None) -> Review:
        """Store one decision in its own transaction and return it."""
        return self.add_reviews([dict(sha256=sha256, code=code, field=field, decision=decision, reviewer=reviewer,
                                      old_value=old_value, new_value=new_value, comment=comment, path=path)])[0]

    def add_reviews(self, rows: list[dict]) -> list[Review]:
        """Store decisions that belong together (e.g. a fraction's two numbers) in one transaction."""
        def enc(v: object) -> str | None:
            return None if v is None else json.dumps(v, ensure_ascii=False, sort_keys=True)

        now = time.time()
        out = []
        with self._tx():
            for r in rows:
                cur = self.conn.execute(
                    "INSERT INTO reviews(sha256, path, code, field, old_value, new_value, decision, comment, reviewer, time)"
                    " VALUES (?,?,?,?,?,?,?,?,?,?)",
                    (r["sha256"], r.get("path"), r["code"], r["field"], enc(r.get("old_value")), enc(r.get("new_value")),
                     r["decision"], r.get("comment") or None, r["reviewer"], now))
                out.append(_review(self.conn.execute("SELECT * FROM reviews WHERE id = ?", (cur.lastrowid,)).fetchone()))
        return out

    def review_stamps(self) -> dict[str, int]:
        """Newest decision id per file hash: changes whenever a decision is added."""
        return {r[0]: int(r[1]) for r in self.conn.execute("SELECT sha256, MAX(id) FROM reviews GROUP BY sha256")}

    def reviews(self, sha256: str | None = None) -> list[Review]:
        """Every decision (of one file hash, or all), oldest first: the full history."""
        if sha256 is None:
            rows = self.conn.execute("SELECT * FROM reviews ORDER BY id")
        else:
            rows = self.conn.execute("SELECT * FROM reviews WHERE sha256 = ? ORDER BY id", (sha256,))
        return [_review(r) for r in rows]

    def review_by_id(self, review_id: int) -> Review | None:
        row = self.conn.execute("SELECT * FROM reviews WHERE id = ?", (review_id,)).fetchone()
        return _review(row) if row else None

    def review_stamp(self, sha256: str) -> int:
        """The newest decision id of a file hash (0 when none): changes whenever a decision is added."""
        return int(self.conn.execute("SELECT COALESCE(MAX(id), 0) FROM reviews WHERE sha256 = ?", (sha256,)).fetchone()[0])

    def changed_file_reviews(self) -> list[tuple[Review, sqlite3.Row]]:
        """Latest standing decisions made on a file whose path now holds different bytes, with that path's
        current document row: the decisions to look at again after the file changed."""
        current = {r["path"]: r for r in self.documents()}
        shas = {r["sha256"] for r in current.values()}
        latest: dict[tuple[str, str, str], Review] = {}
        for rv in self.reviews():
            latest[rv.key] = rv
        out = []
        for rv in latest.values():
            doc = current.get(rv.path or "")
            if rv.decision in INACTIVE_DECISIONS or rv.sha256 in shas or doc is None:
                continue
            out.append((rv, doc))
        return sorted(out, key=lambda t: (t[0].path or "", t[0].code, t[0].field))


INACTIVE_DECISIONS = ("cleared", "discarded", "moved")
"""Decisions that end an earlier one: undone, dropped at a second look, or carried to a changed file."""


class _Tx:
    """BEGIN IMMEDIATE … COMMIT, or ROLLBACK on any exception."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def __enter__(self) -> None:
        self.conn.execute("BEGIN IMMEDIATE")

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        if exc_type is None:
            self.conn.execute("COMMIT")
        else:
            self.conn.execute("ROLLBACK")
