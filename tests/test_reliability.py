"""The repros of the reliability review: no data loss, nothing left outside the target, no traceback.

Each test names the review row it covers (X06, F04, S06 ...). Signals and faults are injected in
process where timing would make a test flaky, and with real processes where that is reliable.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from scaffolder import bake as bake_mod
from scaffolder import place
from scaffolder.api import new_project
from scaffolder.cli import main
from tests.conftest import PYTHON, REPO, run_env

SLUG = "clinic-no-show-dashboard"


def run(*args: str, **kwargs):
    return CliRunner().invoke(main, list(args), **kwargs)


def one_sentence(result, code: int) -> str:
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    lines = [line for line in result.output.strip().splitlines() if line.startswith("Error: ")]
    assert len(lines) == 1, result.output
    return lines[0]


def tree(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*")) if folder.exists() else []


def prooflane(*args: str, cwd: Path, **kwargs) -> subprocess.CompletedProcess:
    code = "import sys; from scaffolder.cli import main; sys.exit(main())"
    return subprocess.run([PYTHON, "-c", code, *args], cwd=cwd, env=run_env() | kwargs.pop("env", {}),
                          capture_output=True, text=True, **kwargs)


# ---------------------------------------------------------------- no data loss


def test_x07_file_that_appears_during_the_bake_is_kept_and_the_bake_refused(tmp_path: Path, monkeypatch) -> None:
    real = bake_mod._render

    def render_then_user_writes(*args, **kwargs):
        baked = real(*args, **kwargs)
        (tmp_path / SLUG).mkdir()
        (tmp_path / SLUG / "mine.txt").write_text("mine\n", encoding="utf-8")
        return baked

    monkeypatch.setattr(bake_mod, "_render", render_then_user_writes)
    line = one_sentence(run("new", "dashboard", "--no-input", "-o", str(tmp_path)), 2)
    assert "not empty" in line
    assert tree(tmp_path) == [SLUG, f"{SLUG}/mine.txt"]


def test_x07_file_that_appears_after_the_recheck_still_makes_the_move_fail(tmp_path: Path, monkeypatch) -> None:
    real = place.move_in

    def user_writes_then_move(baked: Path, target: Path) -> None:
        target.mkdir()
        (target / "mine.txt").write_text("mine\n", encoding="utf-8")
        real(baked, target)

    monkeypatch.setattr(place, "move_in", user_writes_then_move)
    line = one_sentence(run("new", "dashboard", "--no-input", "-o", str(tmp_path)), 2)
    assert "filled up while the project was being made" in line
    assert tree(tmp_path) == [SLUG, f"{SLUG}/mine.txt"]


def test_x06_a_second_bake_into_the_same_target_is_refused_while_the_first_runs(tmp_path: Path) -> None:
    with place.target_lock(tmp_path, SLUG):
        line = one_sentence(run("new", "dashboard", "--no-input", "-o", str(tmp_path)), 1)
    assert "Another 'prooflane new'" in line
    assert tree(tmp_path) == []


def test_x06_two_concurrent_bakes_give_one_project_and_one_refusal(tmp_path: Path) -> None:
    args = ["new", "dashboard", "--no-input", "-o", str(tmp_path)]
    code = "import sys; from scaffolder.cli import main; sys.exit(main())"
    procs = [subprocess.Popen([PYTHON, "-c", code, *args, "--author", who], env=run_env(), cwd=tmp_path,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for who in ("A", "B")]
    outs = [(p.wait(timeout=120), *p.communicate()) for p in procs]
    assert sorted(rc for rc, _, _ in outs) in ([0, 1], [0, 2]), outs
    assert sum("Created" in out for _, out, _ in outs) == 1
    assert all("Traceback" not in err for _, _, err in outs)
    assert sorted(p.name for p in tmp_path.iterdir()) == [SLUG]
    assert (tmp_path / SLUG / ".prooflane.json").is_file()


def test_f04_force_keeps_git_and_the_persons_files_in_a_backup(tmp_path: Path) -> None:
    target = tmp_path / SLUG
    (target / ".git").mkdir(parents=True)
    (target / ".git" / "config").write_text("[core]\n", encoding="utf-8")
    (target / "mywork").mkdir()
    (target / "mywork" / "analysis.md").write_text("mine\n", encoding="utf-8")
    result = run("new", "dashboard", "--no-input", "-o", str(tmp_path), "--force")
    assert result.exit_code == 0, result.output
    backup = tmp_path / f"{SLUG}.backup-1"
    assert (backup / ".git" / "config").read_text(encoding="utf-8") == "[core]\n"
    assert (backup / "mywork" / "analysis.md").read_text(encoding="utf-8") == "mine\n"
    assert str(backup) in result.output and "file(s) of yours" in result.output
    assert (target / ".prooflane.json").is_file() and not (target / ".git").exists()


def test_f04_force_keeps_an_edited_generated_file(tmp_path: Path) -> None:
    first = new_project("dashboard", tmp_path).path
    with (first / "README.md").open("a", encoding="utf-8") as handle:
        handle.write("my own notes\n")
    result = new_project("dashboard", tmp_path, force=True)
    assert result.bake.backup is not None and result.bake.kept == ["README.md"]
    assert (result.bake.backup / "README.md").read_text(encoding="utf-8").endswith("my own notes\n")


def test_force_over_an_unedited_project_replaces_it_without_a_backup(tmp_path: Path) -> None:
    new_project("dashboard", tmp_path, seed=1)
    result = new_project("dashboard", tmp_path, seed=2, force=True)
    assert result.bake.backup is None and result.bake.kept == []
    assert sorted(p.name for p in tmp_path.iterdir()) == [SLUG]
    assert json.loads((tmp_path / SLUG / ".prooflane.json").read_text(encoding="utf-8"))["seed"] == 2


def test_f07_dry_run_says_the_real_run_would_be_refused(tmp_path: Path) -> None:
    (tmp_path / SLUG).mkdir()
    (tmp_path / SLUG / "x.md").write_text("mine\n", encoding="utf-8")
    result = run("new", "dashboard", "--no-input", "-o", str(tmp_path), "--dry-run")
    assert result.exit_code == 0
    assert "the real run would be refused" in result.output and "--force" in result.output
    forced = run("new", "dashboard", "--no-input", "-o", str(tmp_path), "--dry-run", "--force")
    assert "would keep the whole old folder as a backup" in forced.output
    assert tree(tmp_path) == [SLUG, f"{SLUG}/x.md"]


def test_f03_symlink_to_an_empty_folder_is_not_replaced_without_force(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    (tmp_path / SLUG).symlink_to(tmp_path / "empty")
    line = one_sentence(run("new", "dashboard", "--no-input", "-o", str(tmp_path)), 2)
    assert "symbolic link" in line
    assert (tmp_path / SLUG).is_symlink()


@pytest.mark.parametrize("err", [errno.EBUSY, errno.EACCES])
def test_f09_f10_force_on_a_mount_point_or_read_only_target_is_one_sentence(tmp_path: Path, monkeypatch, err: int) -> None:
    target = tmp_path / SLUG
    target.mkdir()
    (target / "x.md").write_text("mine\n", encoding="utf-8")

    def refuse(a: Path, b: Path) -> bool:
        raise OSError(err, os.strerror(err), str(b))

    monkeypatch.setattr(place, "_exchange", refuse)
    line = one_sentence(run("new", "dashboard", "--no-input", "-o", str(tmp_path), "--force"), 1)
    assert os.strerror(err) in line and "nothing was changed" in line
    assert tree(tmp_path) == [SLUG, f"{SLUG}/x.md"]


def test_x05_crash_between_the_two_renames_is_repaired_by_the_next_run(tmp_path: Path) -> None:
    out = tmp_path / "out"
    (out / SLUG).mkdir(parents=True)
    (out / SLUG / "mine.txt").write_text("mine\n", encoding="utf-8")
    script = (
        "import os, signal, sys\n"
        "from scaffolder import place\n"
        "place._exchange = lambda a, b: False\n"
        "real = os.rename\n"
        "def rename(a, b):\n"
        "    real(a, b)\n"
        "    if str(b).endswith('.old'):\n"
        "        os.kill(os.getpid(), signal.SIGKILL)\n"
        "place.os.rename = rename\n"
        "from scaffolder.cli import main\n"
        "sys.exit(main(['new', 'dashboard', '--no-input', '--force', '-o', sys.argv[1]]))\n"
    )
    killed = subprocess.run([PYTHON, "-c", script, str(out)], env=run_env(), capture_output=True, text=True)
    assert killed.returncode == -signal.SIGKILL
    assert not (out / SLUG).exists()  # the window the review found: the folder is only in staging now
    again = prooflane("new", "dashboard", "--no-input", "-o", str(out), cwd=tmp_path)
    assert again.returncode == 2 and "already exists" in again.stderr  # put back, then refused as usual
    assert (out / SLUG / "mine.txt").read_text(encoding="utf-8") == "mine\n"
    assert sorted(p.name for p in out.iterdir()) == [SLUG]


def test_x01_staging_left_by_a_sigkill_is_removed_by_the_next_run(tmp_path: Path) -> None:
    dead = subprocess.run([PYTHON, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    stale = tmp_path / f".prooflane-{dead.stdout.strip()}-abcd1234" / SLUG
    stale.mkdir(parents=True)
    (stale / "README.md").write_text("partial\n", encoding="utf-8")
    live = tmp_path / f".prooflane-{os.getpid()}-live0000"
    live.mkdir()
    theirs = tmp_path / ".prooflane-notes"  # not a staging name: never touched, however old
    theirs.mkdir()
    (theirs / "n.md").write_text("mine\n", encoding="utf-8")
    os.utime(theirs, (0, 0))
    new_project("dashboard", tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([live.name, theirs.name, SLUG])


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_x04_sigterm_and_sighup_leave_no_staging_folder(tmp_path: Path, monkeypatch, signum: int) -> None:
    real = bake_mod._render

    def render_then_signal(*args, **kwargs):
        baked = real(*args, **kwargs)
        os.kill(os.getpid(), signum)
        return baked

    monkeypatch.setattr(bake_mod, "_render", render_then_signal)
    before = signal.getsignal(signum)
    with pytest.raises(KeyboardInterrupt):
        new_project("dashboard", tmp_path / "out")
    assert not (tmp_path / "out").exists()  # the folder this run created is gone too
    assert signal.getsignal(signum) is before  # the handler is only there while a bake runs


def test_x04_a_real_sigterm_mid_bake_leaves_nothing(tmp_path: Path) -> None:
    script = (
        "import os, signal, sys\n"
        "from scaffolder import bake\n"
        "real = bake._render\n"
        "def render(*a, **k):\n"
        "    b = real(*a, **k)\n"
        "    os.kill(os.getpid(), signal.SIGTERM)\n"
        "    return b\n"
        "bake._render = render\n"
        "from scaffolder.cli import main\n"
        "sys.exit(main(['new', 'dashboard', '--no-input', '-o', sys.argv[1]]))\n"
    )
    done = subprocess.run([PYTHON, "-c", script, str(tmp_path / "out")], env=run_env(), capture_output=True, text=True)
    assert done.returncode != 0 and "Traceback" not in done.stderr
    assert not (tmp_path / "out").exists()


def test_x17_no_hook_script_is_left_in_tmpdir(tmp_path: Path) -> None:
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    for extra in ([], ["--dry-run"]):
        done = prooflane("new", "dashboard", "--no-input", "-o", str(tmp_path / "out"), "--force", *extra,
                         cwd=tmp_path, env={"TMPDIR": str(tmp)})
        assert done.returncode == 0, done.stderr
    assert list(tmp.iterdir()) == []


def test_templates_have_only_a_post_generation_hook_and_it_is_plain_python() -> None:
    for hooks in (REPO / "project_templates").glob("*/hooks"):
        assert sorted(p.name for p in hooks.iterdir() if p.suffix == ".py") == ["post_gen_project.py"], hooks
        assert "{{" not in (hooks / "post_gen_project.py").read_text(encoding="utf-8")


def test_x08_disk_full_during_the_data_step_is_one_sentence_and_leaves_nothing(tmp_path: Path, monkeypatch) -> None:
    import synthetic.writers

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(synthetic.writers, "write_table", full)
    line = one_sentence(run("new", "dashboard", "--no-input", "-o", str(tmp_path / "out")), 1)
    assert "No space left on device" in line and "please report" not in line
    assert not (tmp_path / "out").exists()


# ---------------------------------------------------------------- one sentence instead of a traceback


@pytest.mark.parametrize("seed", ["²", "9" * 5000, "٤٢x", "1" * 11])
def test_s02_s06_odd_seeds(tmp_path: Path, seed: str) -> None:
    line = one_sentence(run("new", "dashboard", "--no-input", "--seed", seed, "-o", str(tmp_path)), 2)
    assert "not a whole number" in line and len(line) < 200
    line = one_sentence(run("data", "appointments", "--seed", seed, "-o", str(tmp_path / "a.csv")), 2)
    assert "not a whole number" in line
    assert tree(tmp_path) == []


def test_s07_arabic_indic_digits_still_work() -> None:
    assert bake_mod.parse_seed("٤٢") == 42 and bake_mod.parse_seed(" 0042 ") == 42


@pytest.mark.parametrize("args", [
    ["--name", "ab\udcffcd"], ["--author", "Jo\udce9"],
])
def test_n16_n17_invalid_utf8_in_arguments(tmp_path: Path, args: list[str]) -> None:
    line = one_sentence(run("new", "dashboard", "--no-input", *args, "-o", str(tmp_path)), 2)
    assert "not valid UTF-8" in line
    assert tree(tmp_path) == []


def test_n18_invalid_utf8_in_key_value_through_a_real_argv(tmp_path: Path) -> None:
    done = subprocess.run([PYTHON, "-c", "import sys; from scaffolder.cli import main; sys.exit(main())",
                           "new", "workflow-map", "--no-input", os.fsencode("author=") + b"\xed\xa0\x80", "-o", "out"],
                          cwd=tmp_path, env=run_env(), capture_output=True)
    assert done.returncode == 2 and b"Traceback" not in done.stderr and b"not valid UTF-8" in done.stderr
    assert not (tmp_path / "out").exists()


def test_i07_invalid_utf8_on_stdin(tmp_path: Path) -> None:
    done = subprocess.run([PYTHON, "-c", "import sys; from scaffolder.cli import main; sys.exit(main())",
                           "new", "dashboard", "-o", "out"], input=b"ab\xff\xfecd\n\n\n\n", cwd=tmp_path,
                          env=run_env(), capture_output=True)
    assert done.returncode == 2 and b"Traceback" not in done.stderr
    assert not (tmp_path / "out").exists()


def test_i01_i06_stdin_at_eof_or_closed(tmp_path: Path) -> None:
    line = one_sentence(run("new", "dashboard", "-o", str(tmp_path), input=""), 2)
    assert "No answer could be read" in line and "--no-input" in line
    code = "import sys; from scaffolder.cli import main; sys.exit(main())"
    closed = subprocess.run([PYTHON, "-c", code, "new", "dashboard", "-o", "out"], cwd=tmp_path, env=run_env(),
                            capture_output=True, text=True, stdin=None, preexec_fn=lambda: os.close(0))
    assert closed.returncode == 2 and "Traceback" not in closed.stderr, closed.stderr
    assert "No answer could be read" in closed.stderr and "--no-input" in closed.stderr


def test_r05_unknown_home_in_output(tmp_path: Path) -> None:
    line = one_sentence(run("new", "dashboard", "--no-input", "-o", "~nosuchuser-prooflane/x"), 2)
    assert "home folder" in line


def test_p08_dangling_symlink_as_output(tmp_path: Path) -> None:
    (tmp_path / "dang").symlink_to(tmp_path / "nowhere")
    line = one_sentence(run("new", "dashboard", "--no-input", "-o", str(tmp_path / "dang")), 2)
    assert "broken symbolic link" in line


@pytest.mark.parametrize("name", ["CON", "aux", "Nul", "com1", "LPT9"])
def test_n14_n15_windows_reserved_names_never_become_folders(tmp_path: Path, name: str) -> None:
    result = new_project("dashboard", tmp_path, name=name, dry_run=True)
    assert result.path.name.lower() == f"{name.lower()}-dashboard"


def test_k01_duplicate_key_value_is_an_error(tmp_path: Path) -> None:
    result = run("new", "workflow-map", "--no-input", "workflow=patient-intake", "workflow=referral-routing",
                 "-o", str(tmp_path))
    assert result.exit_code == 2 and "given twice" in result.output and "Traceback" not in result.output


def test_k09_k10_role_that_contradicts_or_does_not_suit(tmp_path: Path) -> None:
    line = one_sentence(run("new", "healthcare-data-analyst", "--no-input", "role=workflow-analyst", "-o",
                            str(tmp_path)), 2)
    assert "contradicts" in line
    line = one_sentence(run("new", "dashboard", "--no-input", "role=privacy-reviewer", "-o", str(tmp_path)), 2)
    assert "does not suit" in line
    assert tree(tmp_path) == []


def test_json_errors_are_json(tmp_path: Path) -> None:
    for args in (["new", "nope", "--json"], ["roles", "show", "astronaut", "--json"],
                 ["data", "appointments", "--rows", "0", "--json"], ["recommend", "-b", "pilot", "--json"],
                 ["status", str(tmp_path / "missing"), "--json"], ["data", "appointments", "--rows", "x", "--json"]):
        result = run(*args)
        assert result.exit_code == 2, (args, result.output)
        error = json.loads(result.stdout)["error"]
        assert set(error) == {"type", "message"} and error["message"] and error["type"], args


def test_no_color_is_honoured() -> None:
    coloured = run("roles", "show", "astronaut", color=True)
    assert "\x1b[" in coloured.output
    plain = run("roles", "show", "astronaut", color=True, env={"NO_COLOR": "1"})
    assert plain.exit_code == 2 and "\x1b[" not in plain.output


def test_a06_data_into_a_folder_says_it_is_a_folder(tmp_path: Path) -> None:
    (tmp_path / "dd").mkdir()
    for extra in ([], ["--force"]):
        line = one_sentence(run("data", "appointments", "-o", str(tmp_path / "dd"), *extra), 2)
        assert "is a folder" in line


# ---------------------------------------------------------------- status and hostile manifests


def _project(tmp_path: Path, baked) -> Path:
    proj = tmp_path / "proj"
    shutil.copytree(baked("dashboard"), proj)
    return proj


def _edit_manifest(proj: Path, **changes) -> None:
    path = proj / ".prooflane.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data.update(changes)
    path.write_text(json.dumps(data), encoding="utf-8")


@pytest.mark.parametrize("changes", [
    {"synthetic_data": 5}, {"files": {"../../etc/hostname": "0" * 64}}, {"files": {"/etc/passwd": "0" * 64}},
    {"files": {"/proc/self/mem": "0" * 64}}, {"files": {"README.md": 7}}, {"role": 3},
])
def test_hostile_manifest_types_and_paths_are_one_sentence(tmp_path: Path, baked, changes: dict) -> None:
    proj = _project(tmp_path, baked)
    _edit_manifest(proj, **changes)
    line = one_sentence(run("status", str(proj)), 2)
    assert ".prooflane.json" in line
    checked = run("check", str(proj))
    assert "Traceback" not in checked.output and checked.exit_code in (0, 1, 2)
    assert checked.exception is None or isinstance(checked.exception, SystemExit)


def test_deeply_nested_manifest_is_one_sentence(tmp_path: Path, baked) -> None:
    proj = _project(tmp_path, baked)
    (proj / ".prooflane.json").write_text('{"kind":' + "[" * 100_000 + "]" * 100_000 + "}", encoding="utf-8")
    line = one_sentence(run("status", str(proj)), 2)
    assert "nested" in line


def test_status_never_follows_a_symlink_to_root(tmp_path: Path, baked) -> None:
    proj = _project(tmp_path, baked)
    (proj / "root").symlink_to("/")
    (proj / "loop").symlink_to(proj / "loop")
    result = run("status", str(proj), "--json")
    assert result.exit_code == 0, result.output
    assert not any(f["path"].startswith("root/") for f in json.loads(result.output)["fills"])


NR = ["setpriv", "--bounding-set", "-dac_override,-dac_read_search", "--inh-caps", "-dac_override,-dac_read_search"]
needs_setpriv = pytest.mark.skipif(
    shutil.which("setpriv") is None or (os.geteuid() != 0 and os.access("/root", os.R_OK)),
    reason="needs setpriv to drop the root override of file permissions",
)


@needs_setpriv
@pytest.mark.parametrize("locked", ["README.md", "sql", ".prooflane.json"])
def test_u05_u06_u08_unreadable_files_in_status(tmp_path: Path, baked, locked: str) -> None:
    proj = _project(tmp_path, baked)
    os.chmod(proj / locked, 0)
    try:
        code = "import sys; from scaffolder.cli import main; sys.exit(main())"
        done = subprocess.run([*NR, PYTHON, "-c", code, "status", str(proj)], env=run_env(), capture_output=True, text=True)
    finally:
        os.chmod(proj / locked, 0o755)
    assert "Traceback" not in done.stderr, done.stderr
    if locked == ".prooflane.json":
        assert done.returncode == 2 and "cannot be read (permission denied)" in done.stderr
        assert "not valid JSON" not in done.stderr
    else:
        assert done.returncode == 0 and "could not be read" in done.stdout


def test_nothing_in_tempdir_after_a_dry_run_in_process(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    new_project("dashboard", tmp_path / "out", dry_run=True)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(("words", "expected"), [
    ("prooflane new dash", "dashboard"), ("prooflane new healthcare-data-a", "healthcare-data-analyst"),
    ("prooflane data app", "appointments"), ("prooflane recommend -b cl", "clinical"),
    ("prooflane roles show workflow-a", "workflow-analyst"),
])
def test_shell_completion_offers_catalog_ids(words: str, expected: str) -> None:
    env = {"_PROOFLANE_COMPLETE": "bash_complete", "COMP_WORDS": words, "COMP_CWORD": str(len(words.split()) - 1)}
    result = CliRunner().invoke(main, [], env=env, prog_name="prooflane")
    assert f"plain,{expected}" in result.output.splitlines()


def test_packages_are_typed() -> None:
    assert (REPO / "scaffolder" / "py.typed").is_file() and (REPO / "synthetic" / "py.typed").is_file()


@pytest.fixture
def small_disk(tmp_path: Path):
    """A real 300 KB tmpfs (needs root and mount rights; skipped elsewhere)."""
    disk = tmp_path / "small"
    disk.mkdir()
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("needs root to mount a small tmpfs")
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=300k", "tmpfs", str(disk)], capture_output=True)
    if mounted.returncode != 0:
        pytest.skip("cannot mount a tmpfs here")
    try:
        yield disk
    finally:
        subprocess.run(["umount", str(disk)], capture_output=True)


@pytest.mark.parametrize("force", [False, True])
def test_x08_d03_a_really_full_disk_is_one_sentence_and_keeps_the_old_folder(small_disk: Path, force: bool) -> None:
    if force:
        (small_disk / SLUG).mkdir()
        (small_disk / SLUG / "mine.txt").write_text("precious\n", encoding="utf-8")
    done = prooflane("new", "dashboard", "--no-input", "-o", str(small_disk), *(["--force"] if force else []),
                     cwd=small_disk.parent)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "Traceback" not in done.stderr and "please report" not in done.stderr
    assert "No space left on device" in done.stderr
    expected = [SLUG, f"{SLUG}/mine.txt"] if force else []
    assert tree(small_disk) == expected


def test_f11_an_unedited_project_that_cannot_be_deleted_is_kept_as_a_backup(tmp_path: Path, monkeypatch) -> None:
    new_project("dashboard", tmp_path, seed=1)
    real = shutil.rmtree

    def refuse(path, *args, **kwargs):  # a read-only subfolder: deleting the old project fails
        if kwargs.get("ignore_errors"):
            return real(path, *args, **kwargs)
        raise PermissionError(errno.EACCES, "Permission denied", str(path))

    monkeypatch.setattr(place.shutil, "rmtree", refuse)
    result = new_project("dashboard", tmp_path, seed=2, force=True)
    monkeypatch.undo()
    assert result.bake.backup == tmp_path / f"{SLUG}.backup-1" and result.bake.backup.is_dir()
    assert not any(p.name.startswith(".prooflane-") and p.is_dir() for p in tmp_path.iterdir())


@needs_setpriv
def test_f10_force_on_a_read_only_target_without_root_override(tmp_path: Path) -> None:
    target = tmp_path / SLUG
    target.mkdir()
    (target / "x.md").write_text("mine\n", encoding="utf-8")
    target.chmod(0o555)
    try:
        code = "import sys; from scaffolder.cli import main; sys.exit(main())"
        done = subprocess.run([*NR, PYTHON, "-c", code, "new", "dashboard", "--no-input", "--force", "-o", str(tmp_path)],
                              env=run_env(), capture_output=True, text=True)
    finally:
        target.chmod(0o755)
    assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
    assert "Permission denied" in done.stderr
    assert tree(tmp_path) == [SLUG, f"{SLUG}/x.md"]


def test_x01_a_refused_next_run_still_tidies_what_a_sigkill_left(tmp_path: Path) -> None:
    dead = subprocess.run([PYTHON, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    (tmp_path / f".prooflane-{dead.stdout.strip()}-abcd1234" / SLUG).mkdir(parents=True)
    (tmp_path / f".prooflane-{SLUG}.lock").write_text("", encoding="utf-8")
    (tmp_path / SLUG).mkdir()
    (tmp_path / SLUG / "mine.txt").write_text("mine\n", encoding="utf-8")
    one_sentence(run("new", "dashboard", "--no-input", "-o", str(tmp_path)), 2)
    assert tree(tmp_path) == [SLUG, f"{SLUG}/mine.txt"]


def test_x01_staging_of_a_killed_but_unreaped_process_counts_as_stale(tmp_path: Path) -> None:
    import time

    child = subprocess.Popen([PYTHON, "-c", "pass"])  # exits at once; not waited for, so a zombie
    deadline = time.monotonic() + 30
    while Path(f"/proc/{child.pid}/stat").exists() and "Z" not in Path(f"/proc/{child.pid}/stat").read_text().rpartition(")")[2][:3]:
        assert time.monotonic() < deadline
        time.sleep(0.05)
    try:
        (tmp_path / f".prooflane-{child.pid}-zombie00" / SLUG).mkdir(parents=True)
        assert place.clean_stale_staging(tmp_path) == []
        assert list(tmp_path.iterdir()) == []
    finally:
        child.wait()
