"""Every SARIF log validates against the OASIS SARIF 2.1.0 schema and holds none of the values it found."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from scaffolder.check import check_paths, to_sarif

REPO = Path(__file__).resolve().parents[2]
SCHEMA = next((p.resolve() / "schemas" / "sarif-schema-2.1.0.json" for p in (REPO / ".." / "shared", REPO / ".." / ".." / "shared")
               if (p / "schemas" / "sarif-schema-2.1.0.json").is_file()), None)
VALUES = ("219-09-9999", "jane.roe@gmail.com", "312-448-9051", "Jane Roe")


def _reports(tmp_path: Path):
    note = tmp_path / "notes" / "intake.md"
    note.parent.mkdir()
    note.write_text("Patient Jane Roe, SSN 219-09-9999, e-mail jane.roe@gmail.com.\n"
                    "<!-- prooflane: allow phi.phone -- reason: the clinic's public switchboard, printed on its site -->\n"
                    "Call 312-448-9051.\nOur AI diagnoses cancer with 99% accuracy.\n", encoding="utf-8")
    (tmp_path / "empty").mkdir()
    yield "findings", check_paths([tmp_path / "notes"])
    yield "clean", check_paths([tmp_path / "empty"])
    yield "usage error", check_paths([tmp_path / "missing.md", note])
    big = tmp_path / "big.txt"
    big.write_text("plain words\n" * 200_000, encoding="utf-8")
    yield "problems", check_paths([big], max_bytes=1 << 20)


@pytest.mark.skipif(SCHEMA is None, reason="the SARIF schema (../shared/schemas/sarif-schema-2.1.0.json) is not here")
def test_every_sarif_output_validates_against_the_schema(tmp_path: Path) -> None:
    import jsonschema

    assert SCHEMA is not None
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.Draft7Validator(schema)
    for name, report in _reports(tmp_path):
        log = json.loads(to_sarif(report))
        errors = sorted(validator.iter_errors(log), key=lambda e: list(e.path))
        assert not errors, f"{name}: {errors[0].message} at {list(errors[0].path)}"


def test_sarif_is_ready_for_code_scanning_and_holds_no_value(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    report = next(r for name, r in _reports(tmp_path) if name == "findings")
    text = to_sarif(report)
    for value in VALUES:
        assert value not in text
    run = json.loads(text)["runs"][0]
    assert run["originalUriBaseIds"]["SRCROOT"]["uri"].startswith("file://")
    for rule in run["tool"]["driver"]["rules"]:
        assert rule["fullDescription"]["text"] and rule["help"]["markdown"] and rule["helpUri"].startswith("https://")
    for result in run["results"]:
        location = result["locations"][0]["physicalLocation"]["artifactLocation"]
        assert location["uriBaseId"] == "SRCROOT" and not location["uri"].startswith("/")
        assert result["partialFingerprints"]
    suppressed = [r for r in run["results"] if r.get("suppressions")]
    assert suppressed and "public switchboard" in suppressed[0]["suppressions"][0]["justification"]
