import json

import pytest

from extractors import load_catalog
from ingest.errors import CatalogError


def test_bundled_catalog(catalog):
    fw = catalog.get("thanhhoa-huyen-2024")
    assert [len(g.criteria) for g in fw.groups] == [1, 5, 9, 5, 3]
    assert fw.by_code["3.4"].target.value == 85
    assert fw.by_code["4.2"].target is None
    assert len(catalog.get("thanhhoa-qd176-2022").criteria) == 10
    assert len(catalog.sha256) == 64


def _write(tmp_path, data):
    p = tmp_path / "cat.json"
    p.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return p


def test_bad_entry_names_framework_and_code(tmp_path, catalog):
    data = json.loads(open(catalog.path, encoding="utf-8").read())
    data["frameworks"][0]["groups"][2]["criteria"][3]["target"] = {"op": "≈", "value": 85}
    with pytest.raises(CatalogError) as e:
        load_catalog(_write(tmp_path, data))
    assert "thanhhoa-huyen-2024" in str(e.value) and "criterion 3.4" in str(e.value)


def test_duplicate_code_is_an_error(tmp_path, catalog):
    data = json.loads(open(catalog.path, encoding="utf-8").read())
    data["frameworks"][0]["groups"][1]["criteria"][1]["code"] = "2.1"
    with pytest.raises(CatalogError, match="2.1"):
        load_catalog(_write(tmp_path, data))


def test_not_json(tmp_path):
    p = tmp_path / "x.json"
    p.write_text("{nope", encoding="utf-8")
    with pytest.raises(CatalogError, match="not valid JSON"):
        load_catalog(p)


def test_unknown_framework(catalog):
    with pytest.raises(CatalogError, match="unknown framework"):
        catalog.get("nowhere-2030")


def test_new_framework_is_a_json_edit(tmp_path):
    """A province's own set works through --catalog with no code change."""
    data = {"frameworks": [{"id": "x-2025", "title": "X", "legal_refs": ["77/QĐ-UBND"], "groups": [
        {"code": "1", "title": "Chính quyền số", "criteria": [
            {"code": "1.1", "title": "Tỷ lệ hồ sơ trực tuyến toàn trình", "target": {"op": ">=", "value": 80, "unit": "%"}},
            {"code": "1.2", "title": "Tỷ lệ văn bản ký số", "target": {"op": ">=", "value": 90, "unit": "%"}},
            {"code": "1.3", "title": "Tỷ lệ cán bộ được tập huấn kỹ năng số", "target": {"op": ">=", "value": 100, "unit": "%"}}]}]}]}
    cat_path = _write(tmp_path, data)
    report = tmp_path / "r.txt"
    report.write_text("Thực hiện Quyết định số 77/QĐ-UBND\n"
                      "1.1. Tỷ lệ hồ sơ trực tuyến toàn trình (80%): 50/100 = 50% (Đạt)\n"
                      "1.2. Tỷ lệ văn bản ký số (90%): 95/100 = 95% (Vượt chỉ tiêu)\n"
                      "1.3. Tỷ lệ cán bộ được tập huấn kỹ năng số (100%): 10/10 (Đạt)\n", encoding="utf-8")
    from tieuchi import Options, process_file

    rec = process_file(str(report), Options(catalog=str(cat_path)))
    assert rec.framework == "x-2025"
    assert [c.code for c in rec.criteria] == ["1.1", "1.2", "1.3"]
    assert [(f.check, f.code) for f in rec.findings] == [("verdict_mismatch", "1.1")]
