"""The review queue: what a request may send (strict bodies), one flagged criterion as the queue
shows it, the queue's filters, and the state of a review session (store, catalog, tokens, caches)."""

from __future__ import annotations

import hashlib
import os
import secrets
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal
from urllib.parse import urlencode

from pydantic import BaseModel, ConfigDict, Field
from starlette.exceptions import HTTPException

from extractors import Catalog
from extractors.record import ReportRecord
from tieuchi.review.decisions import (
    FIELDS,
    Reviewed,
    apply_reviews,
)
from tieuchi.store import Store

MAX_COMMENT = 2000


class StrictBody(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


class FindingBody(StrictBody):
    doc: int
    code: str = Field(max_length=40)
    check: str = Field(max_length=60)
    decision: Literal["confirmed", "dismissed", "cleared"]
    comment: str = Field("", max_length=MAX_COMMENT)


class CorrectBody(StrictBody):
    doc: int
    index: int = Field(ge=0)
    values: dict[str, str | int | float | None] = Field(min_length=1, max_length=len(FIELDS))
    comment: str = Field("", max_length=MAX_COMMENT)


class ConfirmBody(StrictBody):
    doc: int
    index: int = Field(ge=0)
    undo: bool = False
    comment: str = Field("", max_length=MAX_COMMENT)


class SignoffBody(StrictBody):
    doc: int
    reviewed: bool
    comment: str = Field("", max_length=MAX_COMMENT)


class RecheckBody(StrictBody):
    review: int
    action: Literal["reapply", "discard"]
    doc: int | None = None


class UndoBody(StrictBody):
    doc: int
    index: int = Field(ge=0)
    field: str = Field(max_length=40)


@dataclass
class Item:
    doc: sqlite3.Row
    rv: Reviewed
    code: str
    index: int | None
    findings: list = field(default_factory=list)
    looks: list = field(default_factory=list)

    @property
    def key(self) -> str:
        return f"{self.doc['id']}:{self.code}"

    @property
    def open(self) -> bool:
        return bool(self.looks) or any(fv.decision is None for fv in self.findings)

    @property
    def title(self) -> str:
        if self.index is not None:
            return self.rv.record.criteria[self.index].title
        return "toàn báo cáo: tiêu chí thiếu, tổng nhóm, tổng chung"


def doc_label(doc: sqlite3.Row) -> str:
    return doc["issuer"] or Path(doc["path"]).stem


def items_of(doc: sqlite3.Row, rv: Reviewed) -> list[Item]:
    """Queue items of one document: criteria with findings or a second look, then findings of no criterion."""
    rec = rv.record
    index = {c.code: i for i, c in enumerate(rec.criteria)}
    origin = {v.origin_code: rec.criteria[i].code for i, v in enumerate(rv.criteria)}
    by_code: dict[str, Item] = {}

    def item(code: str) -> Item:
        if code not in by_code:
            by_code[code] = Item(doc=doc, rv=rv, code=code, index=index.get(code))
        return by_code[code]

    for fv in rv.findings:   # findings of no extracted criterion (missing ones, tallies) form one item
        code = fv.finding.code or ""
        item(code if code in index else "").findings.append(fv)
    for sl in rv.second_look:
        code = sl.review.code if sl.review.field.startswith("finding:") else origin.get(sl.review.code, sl.review.code)
        item(code if code in index else "").looks.append(sl)
    decided = {r.code for r in rv.history}   # what a person already worked on stays in the queue, as done
    for v, c in zip(rv.criteria, rec.criteria, strict=True):
        if v.origin_code in decided or c.code in decided:
            item(c.code)
    order = {c: i for i, c in enumerate(index)}
    return sorted(by_code.values(), key=lambda it: (it.index is None, order.get(it.code, 0), it.code))


class Filters(BaseModel):
    model_config = ConfigDict(extra="ignore")

    check: str = ""
    severity: str = ""
    issuer: str = ""
    framework: str = ""
    ocr: str = ""
    state: str = ""

    def keep(self, it: Item) -> bool:
        fs = [fv.finding for fv in it.findings]
        if self.check and not any(f.check == self.check for f in fs):
            return False
        if self.severity and not any(f.severity == self.severity for f in fs):
            return False
        if self.issuer and (it.doc["issuer"] or "") != self.issuer:
            return False
        if self.framework and (it.doc["framework"] or "") != self.framework:
            return False
        if self.ocr == "1" and not any(f.suspect_ocr for f in fs):
            return False
        if self.ocr == "0" and any(f.suspect_ocr for f in fs):
            return False
        if self.state == "open" and not it.open:
            return False
        if self.state == "done" and it.open:
            return False
        return True

    def query(self) -> dict[str, str]:
        return {k: v for k, v in self.model_dump().items() if v}


class ReviewApp:
    """State of one review session: the store, the catalog, who reviews, the tokens, a cache."""

    def __init__(self, db: str, catalog: Catalog, reviewer: str, *, token: str | None = None,
                 hosts: tuple[str, ...] = ("127.0.0.1", "localhost"), port: int = 0, ocr_dpi: int = 300,
                 password: str | None = None) -> None:
        self.store = Store(db, must_exist=True)
        self.catalog = catalog
        self.reviewer = reviewer
        self.token = token or secrets.token_urlsafe(24)
        self.csrf = secrets.token_urlsafe(24)
        self.hosts = hosts
        self.port = port
        self.ocr_dpi = ocr_dpi
        self.password = password
        self._cache: dict[int, tuple[tuple, Reviewed]] = {}
        self._sha_cache: dict[tuple[str, int, int], str] = {}
        self._png_cache: dict[tuple, bytes] = {}

    # -- records with their decisions ---------------------------------------------------
    def reviewed(self, doc: sqlite3.Row, stamps: dict[str, int] | None = None) -> Reviewed:
        stamp = (stamps if stamps is not None else self.store.review_stamps()).get(doc["sha256"], 0)
        key = (doc["updated"], stamp)
        hit = self._cache.get(doc["id"])
        if hit and hit[0] == key:
            return hit[1]
        row = self.store.document_by_id(doc["id"])
        if row is None:
            raise HTTPException(404, "tài liệu không còn trong kho (đã chạy lại batch?): tải lại trang")
        rec = ReportRecord.model_validate_json(row["record_json"])
        rv = apply_reviews(rec, self.store.reviews(doc["sha256"]), self.catalog)
        self._cache[doc["id"]] = (key, rv)
        return rv

    def doc(self, doc_id: int) -> sqlite3.Row:
        row = self.store.document_by_id(doc_id)
        if row is None:
            raise HTTPException(404, f"không có tài liệu số {doc_id} trong kho (đã chạy lại batch?): tải lại trang")
        return row

    def all_items(self) -> list[Item]:
        stamps = self.store.review_stamps()
        out: list[Item] = []
        for doc in self.store.documents():
            if doc["status"] == "error":
                continue
            out += items_of(doc, self.reviewed(doc, stamps))
        return out

    def url(self, path: str = "/", **params: object) -> str:
        q = {"token": self.token, **{k: v for k, v in params.items() if v not in (None, "")}}
        return f"{path}?{urlencode(q)}"

    # -- the file behind a document ----------------------------------------------------
    def source_of(self, doc: sqlite3.Row) -> str:
        """The document's file, only if it is still the file the store read (same bytes)."""
        path = doc["path"]
        try:
            st = os.stat(path)
        except OSError:
            raise HTTPException(404, "tệp gốc không còn ở chỗ cũ") from None
        if not os.path.isfile(path):
            raise HTTPException(404, "tệp gốc không phải là tệp")
        k = (path, st.st_mtime_ns, st.st_size)
        if k not in self._sha_cache:
            h = hashlib.sha256()
            with open(path, "rb") as fh:
                for chunk in iter(lambda: fh.read(1 << 20), b""):
                    h.update(chunk)
            self._sha_cache[k] = h.hexdigest()
        if self._sha_cache[k] != doc["sha256"]:
            raise HTTPException(409, "tệp gốc đã thay đổi từ lần chạy batch: chạy lại batch rồi xem lại")
        return path
