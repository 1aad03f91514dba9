"""Bad input: each a clear message, no crash, and the rest of the scan still reported."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from scaffolder.check import check_paths, exit_code

PLANT = "Call the family at 312-448-9051.\n"


def _planted(tmp_path: Path, name: str = "ok.md") -> Path:
    path = tmp_path / name
    path.write_text(PLANT, encoding="utf-8")
    return path


def test_missing_path_is_a_usage_error_and_the_rest_is_scanned(tmp_path: Path) -> None:
    good = _planted(tmp_path)
    report = check_paths([tmp_path / "nope.md", good])
    assert report.usage_errors and "no such file" in report.usage_errors[0]
    assert [f.category for f in report.findings] == ["phi.phone"]
    assert exit_code(report) == 2


def test_unreadable_file_is_a_problem(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    locked = _planted(tmp_path, "locked.md")
    _planted(tmp_path, "open.md")
    real_open = Path.open

    def fake_open(self: Path, *args, **kwargs):
        if self.name == "locked.md":
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", fake_open)
    report = check_paths([tmp_path])
    assert any(p.path.endswith("locked.md") and "permission denied" in p.message for p in report.problems)
    assert [Path(f.path).name for f in report.findings] == ["open.md"]
    assert exit_code(report) == 1
    assert locked.exists()


def test_binary_and_image_files_are_listed_to_confirm(tmp_path: Path) -> None:
    (tmp_path / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    (tmp_path / "blob.bin").write_bytes(bytes(range(256)))
    (tmp_path / "mystery").write_bytes(b"abc\x00def 312-448-9051")
    _planted(tmp_path)
    report = check_paths([tmp_path])
    confirmed = sorted(Path(c.path).name for c in report.to_confirm)
    assert confirmed == ["blob.bin", "mystery", "photo.png"]
    assert "face" in next(c.reason for c in report.to_confirm if c.path.endswith(".png"))
    assert [Path(f.path).name for f in report.findings] == ["ok.md"]


def test_fifty_megabyte_file_is_streamed(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    line = "The dashboard flags clinics whose wait times rise above 40 minutes for review.\n"
    with big.open("w", encoding="utf-8") as handle:
        handle.write(line * (50 * 1024 * 1024 // len(line)))
        handle.write(PLANT)
    report = check_paths([big])  # speed is measured by benchmarks/bench_check.py, not by a timed test
    assert [f.category for f in report.findings] == ["phi.phone"]
    assert report.findings[0].line == 50 * 1024 * 1024 // len(line) + 1
    assert report.bytes_scanned == big.stat().st_size >= 50_000_000


def test_size_cap_is_reported(tmp_path: Path) -> None:
    big = tmp_path / "capped.txt"
    big.write_text("plain words\n" * 200_000 + PLANT, encoding="utf-8")
    report = check_paths([big], max_bytes=1 << 20)
    assert any("Only the first 1 MB" in p.message and p.severity == "error" for p in report.problems)
    assert report.findings == []
    assert exit_code(report) == 1  # text past the limit is not silently passed
    allowed = check_paths([big], max_bytes=1 << 20, allow_truncated=True)
    assert exit_code(allowed) == 0 and any("Only the first 1 MB" in p.message for p in allowed.problems)


def test_invalid_utf8_is_scanned_with_replacement(tmp_path: Path) -> None:
    bad = tmp_path / "latin1.txt"
    bad.write_bytes("Caf\xe9 notes: call 312-448-9051.\n".encode("latin-1"))
    report = check_paths([bad])
    assert [f.category for f in report.findings] == ["phi.phone"]
    assert any("not valid UTF-8" in p.message for p in report.problems)


@pytest.mark.skipif(os.name == "nt", reason="symbolic links need privileges on Windows")
def test_symlink_loops_are_reported(tmp_path: Path) -> None:
    _planted(tmp_path)
    (tmp_path / "loop").symlink_to(tmp_path, target_is_directory=True)
    (tmp_path / "a.md").symlink_to(tmp_path / "b.md")
    (tmp_path / "b.md").symlink_to(tmp_path / "a.md")
    report = check_paths([tmp_path])
    messages = " ".join(p.message for p in report.problems)
    assert "loop" in messages
    assert [Path(f.path).name for f in report.findings] == ["ok.md"]


def test_malformed_manifest_is_a_problem_and_the_rest_is_scanned(tmp_path: Path) -> None:
    (tmp_path / ".prooflane.json").write_text("{not json", encoding="utf-8")
    _planted(tmp_path, "README.md")
    report = check_paths([tmp_path])
    assert any(".prooflane.json" in p.path and "not valid JSON" in p.message for p in report.problems)
    assert [f.category for f in report.findings] == ["phi.phone"]


def test_empty_folder_is_clean(tmp_path: Path) -> None:
    report = check_paths([tmp_path])
    assert report.findings == [] and exit_code(report) == 0
