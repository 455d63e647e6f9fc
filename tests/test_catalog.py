import json
from pathlib import Path

import jsonschema
import pytest

from extractors import load_catalog
from extractors.catalog import Catalog, Criterion, Framework, Measure, Target, catalog_problems, catalog_schema
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
    assert "thanhhoa-huyen-2024" in str(e.value) and "tiêu chí 3.4" in str(e.value)


def test_duplicate_code_is_an_error(tmp_path, catalog):
    data = json.loads(open(catalog.path, encoding="utf-8").read())
    data["frameworks"][0]["groups"][1]["criteria"][1]["code"] = "2.1"
    with pytest.raises(CatalogError, match="2.1"):
        load_catalog(_write(tmp_path, data))


def test_not_json(tmp_path):
    p = tmp_path / "x.json"
    p.write_text("{nope", encoding="utf-8")
    with pytest.raises(CatalogError, match="không phải JSON hợp lệ"):
        load_catalog(p)


def test_unknown_framework(catalog):
    with pytest.raises(CatalogError, match="không có bộ tiêu chí"):
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


# ---- the schema: kinds, ops, units, measures, codes, optional groups ----------------------------

README = Path(__file__).resolve().parent.parent / "README.md"


def _readme_example() -> dict:
    text = README.read_text(encoding="utf-8")
    section = text[text.index("## Criteria catalogs"):]
    section = section[:section.index("\n## ", 1)]
    block = section[section.index("```json\n") + 8:]
    return json.loads(block[:block.index("```")])


@pytest.mark.parametrize("op,target,value,passes,label", [
    (">=", 85, 85, True, "85%"), (">=", 85, 84.9, False, "85%"),
    (">", 80, 80, False, ">80%"), (">", 80, 80.1, True, ">80%"),
    ("<=", 1, 1, True, "≤1%"), ("<=", 1, 1.01, False, "≤1%"),
    ("<", 5, 5, False, "<5%"), ("<", 5, 1.1, True, "<5%"),
    ("=", 100, 100, True, "=100%"), ("=", 100, 99.9, False, "=100%"),
])
def test_target_passes_and_label_for_every_op(op, target, value, passes, label):
    t = Target(op=op, value=target)
    assert t.passes(value) is passes
    assert t.label() == label


@pytest.mark.parametrize("target,label", [
    ({"op": ">=", "value": 36, "unit": "Mb/s"}, "36 Mb/s"),
    ({"op": ">=", "value": 90, "unit": "thuê bao/100 dân"}, "90 thuê bao/100 dân"),
    ({"op": "<", "value": 0.5, "unit": "%"}, "<0,5%"),
    ({"op": ">=", "value": 9.6}, "9,6%"),
    ({"op": ">=", "value": 1000000, "unit": "lượt"}, "1000000 lượt"),
])
def test_target_label_units(target, label):
    assert Target.model_validate(target).label() == label


def test_readme_example_is_a_valid_catalog(tmp_path):
    data = _readme_example()
    jsonschema.validate(data, catalog_schema())
    cat = load_catalog(_write(tmp_path, data))
    xa = cat.get("vidu-xa-2025")
    assert [c.code for c in xa.criteria] == ["1", "2", "3", "4", "5"]
    assert [g.code for g in xa.groups] == ["I", "II"]
    assert xa.by_code["4"].target == Target(op="<", value=5)
    assert xa.by_code["2"].target == Target(op=">=", value=90, unit="thuê bao/100 dân")
    speed = xa.by_code["1"].measures[0]
    assert (speed.kind, speed.unit, speed.target) == ("value", "Mb/s", Target(op=">=", value=36, unit="Mb/s"))
    tinh = cat.get("vidu-tinh-kh-2025")
    assert tinh.groups == [] and [c.code for c in tinh.criteria] == ["1.1", "1.2"]
    assert tinh.group_of == {} and tinh.by_code["1.2"].kind == "task"
    assert tinh.by_code["1.1"].target == Target(op="<=", value=1, unit="%")


def test_schema_accepts_the_bundled_catalog_and_rejects_a_typo(catalog):
    data = json.loads(open(catalog.path, encoding="utf-8").read())
    schema = catalog_schema()
    jsonschema.validate(data, schema)  # old-form measures included
    data["frameworks"][0]["groups"][0]["criteria"][0]["tagret"] = data["frameworks"][0]["groups"][0]["criteria"][0].pop("target")
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema)
    assert "sha256" not in json.dumps(schema)


def test_old_measures_form_still_reads(catalog):
    c = catalog.get("thanhhoa-kh100-2023").by_code["16"]
    assert c.target is not None and [m.target for m in c.measures] == [Target(op=">=", value=50)]
    assert [(m.kind, m.unit) for m in c.all_measures] == [(c.kind, "%"), (c.kind, "%")]
    # and a model dump reloads to the same criterion
    assert Criterion.model_validate(c.model_dump(mode="json")) == c


def test_measure_and_criterion_units():
    m = Measure.model_validate({"name": "tốc độ", "kind": "value", "unit": "Mb/s", "target": {"op": ">=", "value": 36}})
    assert m.target == Target(op=">=", value=36, unit="Mb/s")
    c = Criterion.model_validate({"code": "2", "title": "Tài khoản", "kind": "value", "unit": "tài khoản/người",
                                  "target": {"op": ">=", "value": 1}})
    assert c.target is not None and c.target.unit == "tài khoản/người" and c.value_unit == "tài khoản/người"
    with pytest.raises(ValueError, match="khác đơn vị của chỉ tiêu"):
        Measure.model_validate({"unit": "Mb/s", "target": {"op": ">=", "value": 36, "unit": "%"}})
    with pytest.raises(ValueError, match="tiêu chí tỷ lệ .ratio. phải là %"):
        Criterion.model_validate({"code": "1", "title": "x", "target": {"op": ">=", "value": 36, "unit": "Mb/s"}})


@pytest.mark.parametrize("code,ok", [
    ("3.4", True), ("11", True), ("IV", True), ("2.a", True), ("1.2.3", True), ("3.4.", True),
    ("1/2", False), ("", False), ("3..4", False), ("tiêu chí 1", False),
])
def test_code_shapes(code, ok):
    data = {"code": code, "title": "x", "kind": "yes_no"}
    if ok:
        assert Criterion.model_validate(data).code == code.rstrip(".")
    else:
        with pytest.raises(ValueError, match="số có dấu chấm"):
            Criterion.model_validate(data)


def test_groups_are_optional_and_mixed():
    fw = Framework.model_validate({"id": "x", "title": "X",
                                   "criteria": [{"code": "1", "title": "a", "kind": "yes_no"}],
                                   "groups": [{"code": "II", "title": "G", "criteria": [
                                       {"code": "2", "title": "b", "kind": "yes_no"}]}]})
    assert [c.code for c in fw.criteria] == ["1", "2"] and list(fw.by_code) == ["1", "2"]
    assert fw.group_of == {"2": "II"} and [g.code for g in fw.groups] == ["II"]
    assert Framework.model_validate(fw.model_dump(mode="json")) == fw
    with pytest.raises(ValueError, match="không có tiêu chí nào"):
        Framework.model_validate({"id": "y", "title": "Y"})


def test_every_problem_is_named():
    raw = {"frameworks": [
        {"id": "a", "title": "A", "groups": [{"code": "1", "title": "G", "criteria": [
            {"code": "1.1", "title": "x", "target": {"op": "≈", "value": 5}},
            {"code": "1.1", "title": "y", "tagret": 1},
            {"code": "1.4", "title": "v", "measures": [{"op": ">", "value": "x"}]}]}]},
        {"id": "b", "title": "B", "criteria": [{"title": "no code"}, {"code": "IV", "title": "k", "kind": "vote"}]}]}
    cat, problems = catalog_problems(raw)
    assert cat is None
    assert problems == [
        "bộ tiêu chí a, nhóm 1, tiêu chí 1.1, trường target.op: phải là một trong: '>=', '>', '<=', '<' hoặc '='",
        "bộ tiêu chí a, nhóm 1, tiêu chí 1.1, trường tagret: khóa không có trong lược đồ (gõ nhầm?)",
        "bộ tiêu chí a, nhóm 1, tiêu chí 1.4, trường measures[0].target.value: phải là số",
        "bộ tiêu chí b, tiêu chí #1 (không có code), trường code: thiếu trường bắt buộc",
        "bộ tiêu chí b, tiêu chí IV, trường kind: phải là một trong: 'ratio', 'value', 'count', 'yes_no' hoặc 'task'",
        "bộ tiêu chí a: tiêu chí 1.1 xuất hiện 2 lần (đều ở nhóm 1)",
    ]


def test_load_catalog_names_the_first_problem_and_counts_the_rest(tmp_path):
    p = _write(tmp_path, {"frameworks": [{"id": "a", "title": "A", "criteria": [
        {"code": "1", "title": "x", "target": {"op": "≈", "value": 5}}, {"code": "1", "title": "y", "kind": "yes_no"}]}]})
    with pytest.raises(CatalogError) as e:
        load_catalog(p)
    msg = str(e.value)
    assert msg.startswith(f"{p}: danh mục không hợp lệ: bộ tiêu chí a, tiêu chí 1, trường target.op")
    assert "(và 1 lỗi khác" in msg and "\n" not in msg


def test_validate_and_schema_commands(tmp_path, capsys, catalog):
    from tieuchi.cli import main

    bad = _write(tmp_path, {"frameworks": [{"id": "a", "title": "A", "criteria": [
        {"code": "1", "title": "x", "target": {"op": "≈", "value": 5}},
        {"code": "2", "title": "y", "kind": "yes_no", "deadlin": "Quý I"}]}]})
    assert main(["catalog", "validate", str(bad)]) == 2
    err_lines = capsys.readouterr().err.splitlines()
    assert err_lines == [f"{bad}: bộ tiêu chí a, tiêu chí 1, trường target.op: phải là một trong: '>=', '>', '<=', '<' hoặc '='",
                         f"{bad}: bộ tiêu chí a, tiêu chí 2, trường deadlin: khóa không có trong lược đồ (gõ nhầm?)",
                         f"{bad}: không hợp lệ — 2 lỗi"]
    assert main(["catalog", "validate", catalog.path]) == 0
    assert capsys.readouterr().out == f"{catalog.path}: OK — 3 bộ tiêu chí, 14 nhóm, 76 tiêu chí\n"
    notjson = tmp_path / "n.json"
    notjson.write_text("{", encoding="utf-8")
    assert main(["catalog", "validate", str(notjson)]) == 2
    assert "không phải JSON hợp lệ" in capsys.readouterr().err
    assert main(["catalog", "schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert set(schema["$defs"]) == {"Criterion", "Framework", "Group", "Measure", "Target"}
    assert schema["$defs"]["Target"]["properties"]["op"]["enum"] == [">=", ">", "<=", "<", "="]
    assert isinstance(Catalog.model_validate(_readme_example()), Catalog)


def test_ungrouped_framework_through_extraction_and_show(tmp_path, capsys):
    """A framework that lists its criteria directly: read, no group records, shown by `catalog show`."""
    cat_path = _write(tmp_path, {"frameworks": [{"id": "tinh-2025", "title": "T", "legal_refs": ["88/KH-BCĐ"], "criteria": [
        {"code": "1.1", "title": "Tỷ lệ hồ sơ giải quyết trực tuyến toàn trình", "target": {"op": ">=", "value": 80}},
        {"code": "1.2", "title": "Tỷ lệ văn bản điện tử được ký số", "target": {"op": ">=", "value": 90}}]}]})
    report = tmp_path / "r.txt"
    report.write_text("Thực hiện Kế hoạch số 88/KH-BCĐ\n"
                      "1.1. Tỷ lệ hồ sơ giải quyết trực tuyến toàn trình (80%): 50/100 = 50% (Chưa đạt)\n"
                      "1.2. Tỷ lệ văn bản điện tử được ký số (90%): 95/100 = 95% (Vượt chỉ tiêu)\n", encoding="utf-8")
    from tieuchi import Options, process_file
    from tieuchi.cli import main

    rec = process_file(str(report), Options(catalog=str(cat_path)))
    assert rec.framework == "tinh-2025" and [c.code for c in rec.criteria] == ["1.1", "1.2"]
    assert rec.groups == [] and rec.summary is not None and rec.summary.criteria_total == 2
    assert main(["catalog", "show", "tinh-2025", "--catalog", str(cat_path)]) == 0
    assert "Tỷ lệ văn bản điện tử được ký số" in capsys.readouterr().out


def test_integer_codes_may_be_json_numbers():
    assert Criterion.model_validate({"code": 11, "title": "x", "kind": "yes_no"}).code == "11"
    with pytest.raises(ValueError, match="thành chuỗi"):
        Criterion.model_validate({"code": 3.4, "title": "x", "kind": "yes_no"})
