"""Property: any text in any option of any command gives exit 0, 1 or 2, never a traceback, and writes
nothing outside the folder it was pointed at (no temp files either).

Text includes template syntax, control characters, very long strings and bytes that are not valid
UTF-8 (as a shell passes them: surrogate escapes). Paths are kept inside a scratch folder.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scaffolder.cli import main
from synthetic.registry import DATASETS
from tests.conftest import built_kinds

ODD = ["", " ", "-", "--", "=", "{{ 7*7 }}", "{% raw %}", "CON", "..", "../..", "~", "~nosuchuser", "a" * 300,
       "9" * 5000, "²", "٤٢", "\u202e", "\x00", "\n", "-1", "0x2A", "1e9", "dashboard", "appointments", "json"]
raw_bytes = st.binary(max_size=12).map(lambda b: b.decode("utf-8", "surrogateescape"))
text = st.one_of(st.sampled_from(ODD), st.text(max_size=30), raw_bytes)
ids = st.one_of(text, st.sampled_from([*built_kinds(), "healthcare-data-analyst", "workflow-analyst", "review-rubric"]))
keyval = st.builds(lambda k, v: f"{k}={v}", st.sampled_from(["workflow", "role", "author", "seed", "page_size", "x", ""]), text)
small_int = st.one_of(text, st.integers(-5, 3000).map(str))


def _path(scratch: Path, values: st.SearchStrategy[str] = text):
    def inside(value: str) -> str:
        parts = [p for p in value.replace("\\", "/").split("/") if p not in ("", ".", "..")]
        return str(scratch.joinpath(*parts)) if parts else str(scratch)

    return values.map(inside)


def commands(scratch: Path) -> st.SearchStrategy[tuple[list[str], str | None]]:
    path = _path(scratch)
    flag = st.sampled_from(["--json", "--force", "--dry-run", "--no-input", "--help"])

    def argv(*parts: st.SearchStrategy) -> st.SearchStrategy[list[str]]:
        return st.tuples(*parts).map(lambda t: [x for p in t for x in (p if isinstance(p, list) else [p])])

    def opt(name: str, value: st.SearchStrategy[str]) -> st.SearchStrategy[list[str]]:
        return st.one_of(st.just([]), value.map(lambda v: [name, v]))

    flags = st.lists(flag, max_size=2)
    new = argv(st.just("new"), ids, st.lists(keyval, max_size=2), opt("-o", path), opt("--name", text),
               opt("--author", text), opt("--seed", small_int),
               st.sampled_from([["--no-input", "--dry-run"], ["--no-input"], ["--dry-run"], ["--no-input", "--force"]]),
               flags)
    data = argv(st.just("data"), st.one_of(text, st.sampled_from(sorted(DATASETS))), st.lists(keyval, max_size=1),
                opt("--rows", small_int), opt("--seed", small_int), opt("--format", text), opt("-o", path), flags)
    others = st.one_of(
        argv(st.just("roles"), flags),
        argv(st.just("roles"), st.just("show"), ids, flags),
        argv(st.just("projects"), flags),
        argv(st.just("recommend"), opt("-b", text), flags),
        argv(st.just("status"), path, flags),
        # check's report of file names that are not UTF-8 belongs to the check rewrite (its own issue):
        # its paths here are valid text; every other option still gets anything.
        argv(st.just("check"), _path(scratch, st.text(max_size=30)), opt("--format", text), opt("--fail-on", text), opt("--exclude", text),
             opt("--max-mb", small_int), opt("-o", _path(scratch, st.text(max_size=30)))),
        argv(text, text),
    )
    return st.tuples(st.one_of(new, data, others), st.one_of(st.none(), text.map(lambda t: t + "\n")))


def _snapshot(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*")}


def _run(args: list[str], stdin: str | None, base: Path, scratch: Path) -> None:
    before = _snapshot(base)
    here = os.getcwd()
    os.chdir(scratch)
    try:
        result = CliRunner().invoke(main, args, input=None if stdin is None else stdin.encode("utf-8", "surrogateescape"))
    finally:
        os.chdir(here)
    assert result.exit_code in (0, 1, 2), (args, result.exit_code, result.output[-500:])
    assert result.exception is None or isinstance(result.exception, SystemExit), (args, repr(result.exception))
    assert "Traceback" not in result.output, (args, result.output[-500:])
    outside = {p for p in _snapshot(base) - before if not p.startswith(scratch.name)}
    assert not outside, (args, sorted(outside)[:5])


@settings(max_examples=int(os.environ.get("PROOFLANE_FUZZ_EXAMPLES", "150")), deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.data())
def test_any_text_in_any_option_is_handled(data: st.DataObject) -> None:
    with tempfile.TemporaryDirectory(prefix="prooflane-fuzz-") as tmp:
        base = Path(tmp)
        scratch = base / "scratch"
        scratch.mkdir()
        spare = base / "tmp"
        spare.mkdir()
        args, stdin = data.draw(commands(scratch))
        old = tempfile.tempdir
        tempfile.tempdir = str(spare)  # temporary files must not be left behind either
        try:
            _run(args, stdin, base, scratch)
        finally:
            tempfile.tempdir = old
        assert list(spare.iterdir()) == [], args


def test_output_paths_with_undecodable_bytes_are_printed(tmp_path) -> None:
    """A file name holding bytes that are not UTF-8 (a surrogate in Python) is written and shown as U+FFFD."""
    from click.testing import CliRunner

    from scaffolder.cli import main

    for extra in ([], ["--json"]):
        target = tmp_path / f"odd-\udc80{len(extra)}.csv"
        result = CliRunner().invoke(main, ["data", "adoption-daily", *extra, "-o", str(target)])
        assert result.exit_code == 0 and result.exception is None, repr(result.exception)
        assert "\ufffd" in result.output and target.exists()
