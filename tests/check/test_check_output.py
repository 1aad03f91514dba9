"""Output formats and exit codes, through the library and through the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from scaffolder.check import NOT_COMPLIANCE, check_paths, to_json, to_sarif, to_text

FINDING_FIELDS = {"path", "line", "column", "category", "severity", "message", "suggestion"}
SUMMARY_FIELDS = {"files_scanned", "bytes_scanned", "findings", "by_category", "by_severity", "suppressed",
                  "to_confirm", "problems", "fail_on", "exit_code", "note"}


@pytest.fixture()
def sample(tmp_path: Path) -> Path:
    (tmp_path / "a.md").write_text("Patient Jonas Whitcombe, call 312-448-9051.\nThe app diagnoses flu.\n"
                                   "[FILL: your role]\n", encoding="utf-8")
    (tmp_path / "b.md").write_text("Clean text.\n", encoding="utf-8")
    return tmp_path


def test_json_has_exactly_the_documented_fields(sample: Path) -> None:
    data = json.loads(to_json(check_paths([sample])))
    assert set(data) == {"findings", "summary"}
    assert data["findings"] and all(set(f) == FINDING_FIELDS for f in data["findings"])
    assert set(data["summary"]) == SUMMARY_FIELDS
    assert data["summary"]["by_category"]["phi.phone"] == 1
    assert data["summary"]["by_severity"]["warning"] == 1


def _validate_sarif(log: dict) -> None:
    """A minimal structural check of SARIF 2.1.0 (the official schema is not downloaded at test time)."""
    assert log["version"] == "2.1.0" and log["$schema"].endswith("sarif-2.1.0.json")
    (run,) = log["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] and isinstance(driver["rules"], list)
    rule_ids = [r["id"] for r in driver["rules"]]
    assert len(rule_ids) == len(set(rule_ids))
    for result in run["results"]:
        assert result["level"] in {"none", "note", "warning", "error"}
        assert result["ruleId"] in rule_ids and rule_ids[result["ruleIndex"]] == result["ruleId"]
        assert result["message"]["text"]
        region = result["locations"][0]["physicalLocation"]["region"]
        assert region["startLine"] >= 1 and region["startColumn"] >= 1
        assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]


def test_sarif_is_structurally_valid(sample: Path) -> None:
    log = json.loads(to_sarif(check_paths([sample])))
    _validate_sarif(log)
    assert {r["ruleId"] for r in log["runs"][0]["results"]} == {"phi.name", "phi.phone", "claim.diagnostic",
                                                                 "fill.unfilled"}


def test_text_is_grouped_by_file_plain_when_not_a_terminal(sample: Path) -> None:
    text = to_text(check_paths([sample]))
    assert "\033[" not in text
    assert text.splitlines()[0].endswith("a.md")
    assert NOT_COMPLIANCE in text and "not a HIPAA compliance statement" in text


def test_colour_only_on_a_terminal_without_no_color(sample: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from scaffolder.check.report import use_colour

    class Tty:
        def isatty(self) -> bool:
            return True

    monkeypatch.delenv("NO_COLOR", raising=False)
    assert use_colour(Tty())
    monkeypatch.setenv("NO_COLOR", "1")
    assert not use_colour(Tty())


def _cli():
    cli = pytest.importorskip("scaffolder.cli")
    if "check" not in cli.main.commands:
        pytest.skip("the check command is not registered in scaffolder.cli yet")
    return cli.main


@pytest.mark.parametrize(("fail_on", "code"), [("error", 1), ("never", 0)])
def test_cli_exit_codes(sample: Path, fail_on: str, code: int) -> None:
    result = CliRunner().invoke(_cli(), ["check", str(sample), "--fail-on", fail_on])
    assert result.exit_code == code, result.output


def test_cli_clean_and_usage_errors(tmp_path: Path) -> None:
    (tmp_path / "ok.md").write_text("Fine.\n[FILL: later]\n", encoding="utf-8")
    main = _cli()
    assert CliRunner().invoke(main, ["check", str(tmp_path)]).exit_code == 0
    assert CliRunner().invoke(main, ["check", str(tmp_path), "--fail-on", "warning"]).exit_code == 1
    missing = CliRunner().invoke(main, ["check", str(tmp_path / "missing")])
    assert missing.exit_code == 2 and "no such file" in missing.output
    assert CliRunner().invoke(main, ["check", "--format", "xml"]).exit_code == 2


def test_cli_json_and_sarif(sample: Path, tmp_path: Path) -> None:
    main = _cli()
    data = json.loads(CliRunner().invoke(main, ["check", str(sample), "--format", "json"]).output)
    assert set(data) == {"findings", "summary"}
    out = tmp_path / "report.sarif"
    CliRunner().invoke(main, ["check", str(sample), "--format", "sarif", "-o", str(out)])
    _validate_sarif(json.loads(out.read_text(encoding="utf-8")))
