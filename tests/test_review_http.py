"""The review app over real HTTP, from a real batch store: the token, CSRF, files outside the
store, malformed requests — each refused with a clear 4xx and never a traceback."""

from __future__ import annotations

import json

import pytest

from tests.reviewapp import cli, copy_samples, serve
from tieuchi.store import Store


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("review_http")
    files = copy_samples(tmp / "in", ["seed000_thanh-hoa.txt", "labelled/a005_yen-dinh.pdf"])
    db = tmp / "results.sqlite"
    r = cli("batch", *map(str, files), "--db", str(db), "--jobs", "1")
    assert r.returncode == 0, r.stderr
    return db


@pytest.fixture(scope="module")
def server(store):
    with serve(store) as s:
        yield s


def _doc_id(db, name: str) -> int:
    with Store(db) as st:
        return next(d["id"] for d in st.documents() if d["path"].endswith(name))


def test_token_is_required(server):
    assert server.request("GET", "/")[0] == 403
    assert server.request("GET", "/?token=wrong")[0] == 403
    assert server.request("GET", "/?token=")[0] == 403
    status, headers, body = server.request("GET", f"/?token={server.token}")
    assert status == 200 and "Duyệt kết quả" in body.decode()
    assert "httponly" in headers["set-cookie"].lower() and "samesite=strict" in headers["set-cookie"].lower()
    assert "script-src 'self'" in headers["content-security-policy"] and headers["x-frame-options"] == "DENY"
    # the cookie the first visit set stands in for the token, as the browser sends it
    assert server.request("GET", "/", headers={"Cookie": f"tieuchi_review={server.token}"})[0] == 200
    assert server.request("GET", "/review.js")[0] == 403
    assert server.request("GET", "/crop/1/0.png")[0] == 403
    # a write without the token is refused before anything else is looked at
    status, body = server.post("finding", {"doc": 1, "code": "1.1", "check": "verdict_missing", "decision": "dismissed"},
                               token=False)
    assert status == 403


def test_host_must_be_the_bound_address(server):
    """A page on another site that resolves its name to 127.0.0.1 (DNS rebinding) gets nothing."""
    assert server.request("GET", f"/?token={server.token}", host=f"evil.example:{server.port}")[0] == 400
    assert server.request("GET", f"/?token={server.token}", host=f"localhost:{server.port}")[0] == 200


def test_writes_need_csrf_same_origin_and_json(server, store):
    doc = _doc_id(store, "seed000_thanh-hoa.txt")
    body = {"doc": doc, "code": "1.1", "check": "verdict_missing", "decision": "confirmed"}
    assert server.post("finding", body, csrf="")[0] == 403
    assert server.post("finding", body, csrf="not-the-csrf-token")[0] == 403
    assert server.post("finding", body, headers={"Origin": "http://evil.example"})[0] == 403
    assert server.post("finding", body, headers={"Sec-Fetch-Site": "cross-site"})[0] == 403
    status, _ = server.post("finding", "doc=1&decision=dismissed", headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert status == 415
    assert server.request("PUT", f"/api/finding?token={server.token}", "{}",
                          {"Content-Type": "application/json", "X-CSRF-Token": server.csrf()})[0] == 405
    with Store(store) as st:
        assert st.reviews() == []   # nothing refused was stored
    status, out = server.post("finding", body, headers={"Origin": f"http://127.0.0.1:{server.port}",
                                                         "Sec-Fetch-Site": "same-origin"})
    assert status == 200 and out["ok"]
    assert [f["decision"] for f in out["findings"] if f["check"] == "verdict_missing"] == ["confirmed"]
    with Store(store) as st:
        [r] = st.reviews()
    assert (r.code, r.field, r.decision, r.reviewer) == ("1.1", "finding:verdict_missing", "confirmed", "kiểm toán viên")


@pytest.mark.parametrize("action,payload,status,says", [
    ("finding", "{not json", 400, "JSON"),
    ("finding", "[1, 2]", 400, "đối tượng"),
    ("finding", b"\xff\xfe", 400, "JSON"),
    ("finding", {"doc": "1", "code": "1.1", "check": "verdict_missing", "decision": "confirmed"}, 422, "doc"),
    ("finding", {"doc": 1, "code": "1.1", "check": "verdict_missing", "decision": "approve"}, 422, "decision"),
    ("finding", {"doc": 1, "code": "1.1", "check": "verdict_missing", "decision": "confirmed", "extra": 1}, 422, "extra"),
    ("finding", {"doc": 987654, "code": "1.1", "check": "verdict_missing", "decision": "confirmed"}, 404, "987654"),
    ("finding", {"doc": "SEED", "code": "9.9", "check": "percent_mismatch", "decision": "confirmed"}, 404, "9.9"),
    ("correct", {"doc": "SEED", "index": 0}, 422, "values"),
    ("correct", {"doc": "SEED", "index": 9999, "values": {"numerator": 1}}, 404, "tiêu chí"),
    ("correct", {"doc": "SEED", "index": -1, "values": {"numerator": 1}}, 422, "index"),
    ("correct", {"doc": "SEED", "index": 0, "values": {"numerator": "mười lăm"}}, 422, "tử số"),
    ("correct", {"doc": "SEED", "index": 0, "values": {"numerator": 1.5}}, 422, "nguyên"),
    ("correct", {"doc": "SEED", "index": 0, "values": {"denominator": -3}}, 422, "không âm"),
    ("correct", {"doc": "SEED", "index": 0, "values": {"reported_verdict": "ok"}}, 422, "kết luận"),
    ("correct", {"doc": "SEED", "index": 0, "values": {"code": "9.9"}}, 422, "không có tiêu chí 9.9"),
    ("correct", {"doc": "SEED", "index": 0, "values": {"code": "3.4"}}, 422, "đã có tiêu chí 3.4"),
    ("correct", {"doc": "SEED", "index": 0, "values": {"source": "/etc/passwd"}}, 422, "source"),
    ("correct", {"doc": "SEED", "index": 0, "values": {"target": "lớn"}}, 422, "chỉ tiêu"),
    ("recheck", {"review": 424242, "action": "reapply"}, 404, "424242"),
    ("signoff", {"doc": "SEED"}, 422, "reviewed"),
    ("finding", json.dumps({"doc": 1, "code": "x" * 70000}), 413, "lớn"),
])
def test_malformed_bodies_are_clear_4xx(server, store, action, payload, status, says):
    if isinstance(payload, dict) and payload.get("doc") == "SEED":
        payload = {**payload, "doc": _doc_id(store, "seed000_thanh-hoa.txt")}
    got, out = server.post(action, payload)
    assert got == status, out
    assert says in out["error"] and "Traceback" not in out["error"]


def test_no_file_outside_the_store_is_served(server, store, tmp_path):
    pdf = _doc_id(store, "a005_yen-dinh.pdf")
    t = server.token
    status, headers, png = server.request("GET", f"/crop/{pdf}/0.png?token={t}")
    assert status == 200 and headers["content-type"] == "image/png" and png.startswith(b"\x89PNG")
    for path in (f"/crop/{pdf}/../../../../etc/passwd?token={t}", f"/crop/..%2f..%2fetc%2fpasswd/0.png?token={t}",
                 f"/etc/passwd?token={t}", f"/static/../../etc/passwd?token={t}", f"/crop/{pdf}/99.png?token={t}",
                 f"/crop/424242/0.png?token={t}", f"/crop/{pdf}/-1.png?token={t}", f"/file?path=/etc/passwd&token={t}",
                 f"/%2e%2e/%2e%2e/etc/passwd?token={t}"):
        status, _, body = server.request("GET", path)
        assert 400 <= status < 500, path
        assert b"root:" not in body
    # a query parameter naming another file changes nothing: the document's own file is rendered
    status, _, again = server.request("GET", f"/crop/{pdf}/0.png?token={t}&path=/etc/passwd&source=/etc/passwd")
    assert status == 200 and again == png
    # a text report has no page image: a clear 404, not an attempt to render the .txt
    seed = _doc_id(store, "seed000_thanh-hoa.txt")
    status, _, body = server.request("GET", f"/crop/{seed}/0.png?token={t}")
    assert status == 404 and ".txt" in body.decode()


def test_a_document_changed_on_disk_is_not_rendered(tmp_path):
    [pdf] = copy_samples(tmp_path / "in", ["labelled/a005_yen-dinh.pdf"])
    db = tmp_path / "r.sqlite"
    assert cli("batch", str(pdf), "--db", str(db)).returncode == 0
    with serve(db) as s:
        assert s.request("GET", f"/crop/1/0.png?token={s.token}")[0] == 200
        pdf.write_bytes(pdf.read_bytes() + b"\n% appended\n")   # other bytes under the same name
        status, _, body = s.request("GET", f"/crop/1/0.png?token={s.token}")
        assert status == 409 and "batch" in body.decode()
        pdf.unlink()
        assert s.request("GET", f"/crop/1/0.png?token={s.token}")[0] == 404


def test_second_look_reapply_and_discard(server, store):
    """A correction made on a value this run does not read (as after a new extractor) waits; 'reapply' makes it
    stand for the current value, 'discard' drops it; either way the store keeps the whole history."""
    pdf = _doc_id(store, "a005_yen-dinh.pdf")
    with Store(store) as st:
        doc = st.document_by_id(pdf)
        rec_json = json.loads(doc["record_json"])
        i = next(k for k, c in enumerate(rec_json["criteria"]) if c["numerator"] is not None)
        c = rec_json["criteria"][i]
        stale = st.add_review(doc["sha256"], c["code"], "numerator", "corrected", "người khác",
                              old_value=c["numerator"] + 1, new_value=c["numerator"] + 2, path=doc["path"])
        gone = st.add_review(doc["sha256"], c["code"], "finding:percent_mismatch", "dismissed", "người khác",
                             old_value="một phát hiện lần chạy này không có", path=doc["path"])
    html = server.page(f"&item={pdf}:{c['code']}")
    assert f'data-review="{stale.id}"' in html and f'data-review="{gone.id}"' in html
    status, out = server.post("recheck", {"review": gone.id, "action": "reapply"})
    assert status == 409 and "bỏ" in out["error"]                   # nothing to apply it to
    assert server.post("recheck", {"review": gone.id, "action": "discard"})[0] == 200
    status, out = server.post("recheck", {"review": stale.id, "action": "reapply"})
    assert status == 200 and out["second_look"] == 0
    assert server.post("recheck", {"review": stale.id, "action": "reapply"})[0] == 409   # already handled
    with Store(store) as st:
        mine = [r for r in st.reviews(doc["sha256"]) if r.code == c["code"]]
    assert [(r.field, r.decision, r.old_value) for r in mine] == [
        ("numerator", "corrected", c["numerator"] + 1), ("finding:percent_mismatch", "dismissed", gone.old_value),
        ("finding:percent_mismatch", "discarded", gone.old_value), ("numerator", "corrected", c["numerator"])]
    html = server.page(f"&item={pdf}:{c['code']}")
    assert f'data-review="{stale.id}"' not in html and 'class="look"' not in html
    assert f'<td class="cur">{c["numerator"] + 2}</td>' in html


def test_review_cli_bad_usage(tmp_path):
    for args, says in ((["--db", str(tmp_path / "none.sqlite")], "không có kho kết quả này"),
                       (["--db", str(tmp_path / "none.sqlite"), "--port", "70000"], "không phải số cổng"),
                       (["--db", str(tmp_path / "none.sqlite"), "--reviewer", " "], "--reviewer")):
        r = cli("review", "--no-browser", *args)
        assert r.returncode == 2 and says in r.stderr and "Traceback" not in r.stderr, r.stderr
        assert len(r.stderr.strip().splitlines()) == 1
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"not a database at all" * 100)
    r = cli("review", "--no-browser", "--db", str(junk))
    assert r.returncode == 2 and "không phải kho kết quả của tieuchi" in r.stderr and "Traceback" not in r.stderr
