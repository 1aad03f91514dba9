"""No way around the gate: manifest hashes, parent manifests, encodings, size limits, links, -o, bylines."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from scaffolder.check import check_paths, check_text, exit_code
from scaffolder.check.command import run_check
from scaffolder.manifest import MANIFEST_NAME, sha256_file

SSN = "219-09-9999"
REAL_SSN_LINE = f"FAKE-A1,Jo,{SSN}\n".replace("FAKE-A1", "A1")


def _project(tmp_path: Path) -> Path:
    root = tmp_path / "proj"
    (root / "data").mkdir(parents=True)
    csv = root / "data" / "appointments.csv"
    csv.write_text("id,ssn\nFAKE-1,000-00-0000\n", encoding="utf-8")
    manifest = {"kind": "dashboard", "template_version": "1", "tool_version": "0", "seed": 1,
                "answers": {"author": "José O'Brien-Nguyễn"}, "synthetic_data": ["data/appointments.csv"],
                "files": {"data/appointments.csv": sha256_file(csv)}, "format": 1}
    (root / MANIFEST_NAME).write_text(json.dumps(manifest), encoding="utf-8")
    return root


def test_declared_synthetic_data_is_still_scanned_after_its_hash_is_updated(tmp_path: Path) -> None:  # B01
    root = _project(tmp_path)
    csv = root / "data" / "appointments.csv"
    csv.write_text(f"id,ssn\nA1,{SSN}\n", encoding="utf-8")
    manifest = json.loads((root / MANIFEST_NAME).read_text(encoding="utf-8"))
    manifest["files"]["data/appointments.csv"] = sha256_file(csv)
    (root / MANIFEST_NAME).write_text(json.dumps(manifest), encoding="utf-8")
    report = check_paths([root])
    assert any(f.category == "phi.ssn" and f.path.endswith("appointments.csv") for f in report.findings)
    assert exit_code(report) == 1


def test_a_manifest_above_the_scanned_folder_is_not_applied(tmp_path: Path) -> None:  # B02
    root = _project(tmp_path)
    (root / "data" / "appointments.csv").write_text(f"id,ssn\nA1,{SSN}\n", encoding="utf-8")
    report = check_paths([root / "data"])
    assert any(f.category == "phi.ssn" for f in report.findings)
    # no project context from above: outside a project a data file is only an info note
    assert all(f.severity == "info" for f in report.findings if f.category == "data.undeclared")


def test_the_manifest_itself_is_scanned(tmp_path: Path) -> None:
    root = _project(tmp_path)
    manifest = json.loads((root / MANIFEST_NAME).read_text(encoding="utf-8"))
    manifest["answers"]["notes"] = f"patient SSN {SSN}"
    (root / MANIFEST_NAME).write_text(json.dumps(manifest), encoding="utf-8")
    report = check_paths([root])
    assert any(f.path.endswith(MANIFEST_NAME) and f.category == "phi.ssn" for f in report.findings)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32", "utf-32-be"])
def test_utf16_and_utf32_with_a_bom_are_decoded(tmp_path: Path, encoding: str) -> None:  # X12
    path = tmp_path / "note.md"
    bom = {"utf-16-be": b"\xfe\xff", "utf-32-be": b"\x00\x00\xfe\xff"}.get(encoding, b"")
    path.write_bytes(bom + f"Patient SSN {SSN}, call 312-448-9051.\n".encode(encoding))
    report = check_paths([path])
    assert {"phi.ssn", "phi.phone"} <= {f.category for f in report.findings}
    assert report.to_confirm == []


def test_a_symlink_leading_outside_is_listed_not_followed(tmp_path: Path) -> None:  # X13
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.md").write_text(f"SSN {SSN}\n", encoding="utf-8")
    tree = tmp_path / "tree"
    tree.mkdir()
    (tree / "link").symlink_to(outside, target_is_directory=True)
    report = check_paths([tree])
    assert report.findings == []
    assert any("outside the scanned folder" in c.reason for c in report.to_confirm)


def test_undecodable_file_names_keep_the_output_valid_utf8(tmp_path: Path) -> None:
    if sys.platform == "darwin":
        pytest.skip("macOS file systems refuse undecodable names")
    name = os.fsencode(tmp_path) + b"/bad-\xff.md"
    try:
        with open(name, "wb") as handle:
            handle.write(b"call 312-448-9051\n")
    except OSError:
        pytest.skip("this file system refuses undecodable names")
    out = subprocess.run([sys.executable, "-m", "scaffolder.check", str(tmp_path), "--format", "json"],
                         capture_output=True, check=False)
    data = json.loads(out.stdout.decode("utf-8"))  # valid UTF-8 and valid JSON
    assert any("not valid UTF-8" in p["message"] for p in data["summary"]["problems"])
    assert any(f["category"] == "phi.phone" for f in data["findings"])


def test_output_never_overwrites_a_scanned_file_or_an_existing_file(tmp_path: Path, capsys) -> None:
    note = tmp_path / "note.md"
    note.write_text("call 312-448-9051\n", encoding="utf-8")
    assert run_check([str(note)], fmt="json", output=note, force=True) == 2
    assert note.read_text(encoding="utf-8") == "call 312-448-9051\n"
    existing = tmp_path.parent / f"{tmp_path.name}-report.json"
    existing.write_text("keep me", encoding="utf-8")
    assert run_check([str(note)], fmt="json", output=existing) == 2
    assert existing.read_text(encoding="utf-8") == "keep me"
    assert "already exists" in capsys.readouterr().err
    assert run_check([str(note)], fmt="json", output=existing, force=True) == 1
    assert json.loads(existing.read_text(encoding="utf-8"))["findings"]


def test_python_m_runs_the_click_command(tmp_path: Path) -> None:
    note = tmp_path / "note.md"
    note.write_text(f"Patient SSN {SSN}\n", encoding="utf-8")
    bad = subprocess.run([sys.executable, "-m", "scaffolder.check", str(note), "--max-mb", "0"],
                         capture_output=True, text=True, check=False)
    assert bad.returncode == 2  # click refuses --max-mb 0 like prooflane check does
    out = subprocess.run([sys.executable, "-m", "scaffolder.check", str(note)], capture_output=True, text=True, check=False)
    assert out.returncode == 1 and "phi.ssn" in out.stdout


def test_the_authors_own_name_and_bylines_are_not_phi(tmp_path: Path) -> None:
    assert check_text("By Dr. José O'Brien-Nguyễn, RN\n") == []
    assert check_text("Author: Gerry Masci\n") == []
    root = _project(tmp_path)
    (root / "README.md").write_text("This dashboard was built by José O'Brien-Nguyễn for review.\n", encoding="utf-8")
    report = check_paths([root / "README.md"])
    assert not [f for f in report.findings if f.category == "phi.name"]


def test_names_are_matched_whole_with_unicode_letters() -> None:
    findings = check_text("Spoke with daughter Bénédicte O'Brien-Nguyễn today.\n")
    names = [f for f in findings if f.category == "phi.name"]
    assert len(names) == 1 and names[0].column == len("Spoke with daughter ") + 1


def test_messages_never_repeat_the_value(tmp_path: Path) -> None:
    note = tmp_path / "note.md"
    note.write_text(f"Patient Jane Roe, SSN {SSN}, e-mail jane.roe@gmail.com, phone 312-448-9051.\n", encoding="utf-8")
    report = check_paths([note])
    assert report.findings
    for f in report.findings:
        for value in (SSN, "jane.roe@gmail.com", "312-448-9051", "Jane Roe"):
            assert value not in f.message and value not in f.suggestion
    shown = check_paths([note], show_values=True)
    assert any(f.value and SSN in f.value for f in shown.findings)


def test_real_vendor_in_a_project_asks_to_mark_a_comparison(tmp_path: Path) -> None:
    root = _project(tmp_path)
    (root / "notes.md").write_text("The pilot runs inside Epic with Nuance DAX.\n", encoding="utf-8")
    (root / "compare.md").write_text("Compared with Epic, a real product, the invented vendor is slower.\n",
                                     encoding="utf-8")
    report = check_paths([root])
    vendors = [f for f in report.findings if f.category == "vendor.named"]
    assert [f.path.endswith("notes.md") for f in vendors] == [True] and vendors[0].severity == "warning"


def test_output_to_a_folder_or_an_unwritable_place_is_one_clear_sentence(tmp_path: Path, capsys,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:  # C20, C21
    note = tmp_path / "note.md"
    note.write_text("plain words\n", encoding="utf-8")
    folder = tmp_path.parent / f"{tmp_path.name}-out"
    folder.mkdir()
    assert run_check([str(note)], output=folder, force=True) == 2
    assert "is a folder" in capsys.readouterr().err

    def refuse(self: Path, *args, **kwargs):
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "write_text", refuse)
    target = tmp_path.parent / f"{tmp_path.name}-r.json"
    assert run_check([str(note)], fmt="json", output=target) == 1
    assert "cannot write the report" in capsys.readouterr().err and not target.exists()


def test_an_unreadable_folder_is_a_problem_not_a_traceback(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # C03
    locked = tmp_path / "locked"
    locked.mkdir()
    (tmp_path / "ok.md").write_text("call 312-448-9051\n", encoding="utf-8")
    real_exists = Path.exists

    def exists(self: Path, *args, **kwargs):
        if self.parent == locked:
            raise PermissionError(13, "Permission denied", str(self))
        return real_exists(self, *args, **kwargs)

    monkeypatch.setattr(Path, "exists", exists)
    report = check_paths([tmp_path])
    assert [f.category for f in report.findings] == ["phi.phone"]


def test_the_base_snapshot_is_scanned_not_skipped(tmp_path) -> None:
    """A real identifier hidden in prooflane's base snapshot is still found (its members are read as text)."""
    from scaffolder.api import new_project
    from scaffolder.check import check_paths
    from scaffolder.update import snapshot

    root = new_project("dashboard", tmp_path, seed=5).path
    members = snapshot.unpack((root / snapshot.SNAPSHOT).read_bytes())
    members["findings.md"] = members["findings.md"] + b"\nPatient SSN 123-45-6789 seen on 3/4/2024.\n"
    (root / snapshot.SNAPSHOT).write_bytes(snapshot.pack(members))
    report = check_paths([root])
    assert any(f.category == "phi.ssn" and f.path.endswith("base.tar.gz:findings.md") for f in report.findings)


def test_identical_texts_are_each_reported_with_their_own_markers(tmp_path: Path) -> None:
    """Hits found once for identical texts in a run are still reported for every file holding them."""
    text = "Call Ada Quillfeather at 212-555-7391 about her SSN 219-09-9999.\n"
    (tmp_path / "a.md").write_text(text, encoding="utf-8")
    (tmp_path / "b.md").write_text(text, encoding="utf-8")
    (tmp_path / "c.md").write_text(text + "[FILL: your own note]\n", encoding="utf-8")
    report = check_paths([tmp_path])
    by_file: dict[str, set[str]] = {}
    for finding in report.findings:
        by_file.setdefault(Path(finding.path).name, set()).add(finding.category)
    assert by_file["a.md"] == by_file["b.md"] and "phi.ssn" in by_file["a.md"]
    assert by_file["c.md"] == by_file["a.md"] | {"fill.unfilled"}


def test_the_authors_own_web_and_mail_addresses_are_not_phi(tmp_path: Path) -> None:
    root = _project(tmp_path)
    (root / "README.md").write_text(
        "## Contact\n\nMy profile: https://www.linkedin.com/in/jose-obrien-nguyen\n\nMy website is https://quorbeth-notes.dev/\n\n"
        "Mail: jose.obrien@example-mail.net or jobrien-nguyen@outlook.com\n\n"
        "Portal: https://mychart.quorbeth-health.org/patient/48213\n\nHer son wrote from quorbeth.z@gmail.com and jose.smith@gmail.com\n",
        encoding="utf-8")
    found = [(f.category, f.line) for f in check_paths([root]).findings if f.category in ("phi.url", "phi.email")]
    assert found == [("phi.url", 9), ("phi.email", 11), ("phi.email", 11)]
    assert [f.category for f in check_text("My website is https://quorbeth-notes.dev/\n")] == ["phi.url"]  # no author: kept


def test_towns_in_the_authors_own_career_are_not_phi_but_a_patients_are(tmp_path: Path) -> None:
    root = _project(tmp_path)
    (root / "README.md").write_text(
        "I worked as an ICU nurse at a teaching hospital in Denver for six years.\n\n"
        "Before this, I led a scheduling pilot at a clinic in Austin, Texas.\n\n"
        "The patient moved to Seattle last spring.\n\nMy patient in Boston asked for a copy of her chart.\n\n"
        "I visited her at 42 Velmorant Street, Springfield.\n", encoding="utf-8")
    lines = sorted({f.line for f in check_paths([root]).findings if f.category == "phi.geo"})
    assert lines == [5, 7, 9]
    assert [f.category for f in check_text("I worked as an ICU nurse in Denver for six years.\n")] == ["phi.geo"]  # no author


def test_dates_of_the_authors_own_work_are_not_phi_but_a_patients_are(tmp_path: Path) -> None:
    root = _project(tmp_path)
    (root / "README.md").write_text("I started this project on 3/14 and finished it two weeks later.\n\n"
                                    "I admitted him on 3/15 after the fall.\n\nI saw the patient on 3/19 at the clinic.\n",
                                    encoding="utf-8")
    assert sorted(f.line for f in check_paths([root]).findings if f.category == "phi.date") == [3, 5]
