"""The command line: what it writes, what it prints, its exit codes, and what it imports."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import EXAMPLE, FIXTURES, ROOT, run_cli
from .conftest import images_beside

HEAVY = ("matplotlib", "reportlab", "pptx", "yaml")


def imported_by(*args: str) -> set[str]:
    """The heavy libraries a CLI invocation imports, read from inside the process."""
    code = ("import sys, runpy; sys.argv = ['briefing', *sys.argv[1:]]\n"
            "try:\n    runpy.run_module('generator', run_name='__main__')\n"
            "except SystemExit:\n    pass\n"
            f"print(sorted(m for m in {HEAVY!r} if m in sys.modules), file=sys.stderr)")
    result = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, cwd=ROOT)
    return set(eval(result.stderr.strip().splitlines()[-1]))


def test_help_and_version_import_none_of_the_heavy_libraries():
    assert imported_by("--help") == set()
    assert imported_by("--version") == set()


def test_pdf_only_build_does_not_import_python_pptx(tmp_path: Path):
    assert "pptx" not in imported_by("build", str(EXAMPLE), "--out", str(tmp_path), "--format", "pdf")
    assert (tmp_path / "briefing.pdf").exists() and not (tmp_path / "briefing.pptx").exists()


def test_deck_only_build_does_not_import_reportlab(tmp_path: Path):
    assert "reportlab" not in imported_by("build", str(EXAMPLE), "--out", str(tmp_path), "--format", "pptx")
    assert (tmp_path / "briefing.pptx").exists() and not (tmp_path / "briefing.pdf").exists()


def test_version_and_help():
    from generator import __version__

    assert run_cli("--version").stdout.strip() == f"briefing {__version__}"
    help_text = run_cli("build", "--help").stdout
    assert "--out" in help_text and "--format" in help_text and "--page-size" in help_text


def test_console_script_is_installed():
    script = shutil.which("briefing", path=str(Path(sys.executable).parent))
    assert script, "pip install should put a 'briefing' command beside the interpreter"
    assert subprocess.run([script, "--version"], capture_output=True, text=True).returncode == 0


def test_build_names_outputs_after_the_content_file_and_says_what_it_wrote(tmp_path: Path):
    content = tmp_path / "weekly-pack.yaml"
    shutil.copy(FIXTURES / "minimal.yaml", content)
    images_beside(content)
    result = run_cli("build", str(content), "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    for suffix in ("pdf", "pptx"):
        target = tmp_path / "out" / f"weekly-pack.{suffix}"
        assert target.stat().st_size > 10_000
        assert str(target) in result.stdout
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["weekly-pack.pdf", "weekly-pack.pptx"]


def test_unknown_format_is_a_usage_error(tmp_path: Path):
    result = run_cli("build", str(EXAMPLE), "--out", str(tmp_path), "--format", "docx")
    assert result.returncode == 2 and "unknown format" in result.stderr
    assert not list(tmp_path.iterdir())


BAD = sorted((FIXTURES / "bad").glob("*.yaml"))


@pytest.mark.parametrize("fixture", BAD, ids=lambda p: p.stem)
def test_invalid_content_exits_2_with_its_messages_and_changes_no_output(fixture: Path, tmp_path: Path):
    previous = {f"{fixture.stem}.pdf": b"%PDF-previous", f"{fixture.stem}.pptx": b"PK-previous"}
    for name, data in previous.items():
        (tmp_path / name).write_bytes(data)
    result = run_cli("build", fixture.name, "--out", str(tmp_path), cwd=fixture.parent)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and result.stdout == ""
    shown = [line.strip() for line in result.stderr.splitlines()]
    assert shown[:-1] == fixture.with_suffix(".expect").read_text(encoding="utf-8").splitlines()
    assert shown[-1].endswith(f"in {fixture.name}; nothing was written.")
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == previous


@pytest.mark.parametrize("name", ["alias-bomb", "python-tag", "syntax-error"])
def test_invalid_content_creates_no_output_folder(name: str, tmp_path: Path):
    result = run_cli("build", str(FIXTURES / "bad" / f"{name}.yaml"), "--out", str(tmp_path / "out"))
    assert result.returncode == 2 and not (tmp_path / "out").exists()


def test_a_25_mb_file_is_refused_unread(tmp_path: Path):
    huge = tmp_path / "huge.yaml"
    huge.write_bytes(b"title: T\n" + b"# padding\n" * (25 * 2**20 // 10))
    result = run_cli("build", str(huge), "--out", str(tmp_path / "out"))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "huge.yaml: error: the file is 25.0 MB; content files are limited to 5 MB" in result.stderr
    assert not (tmp_path / "out").exists()


def test_invalid_content_leaves_previous_outputs_untouched(tmp_path: Path):
    content = tmp_path / "pack.yaml"
    shutil.copy(FIXTURES / "minimal.yaml", content)
    images_beside(content)
    assert run_cli("build", str(content), "--out", str(tmp_path)).returncode == 0
    before = {p.name: p.read_bytes() for p in tmp_path.glob("pack.*") if p.suffix != ".yaml"}
    content.write_text(content.read_text().replace("sources: [audit]", "sources: [audti]", 1))
    result = run_cli("build", str(content), "--out", str(tmp_path))
    assert result.returncode == 2 and "did you mean 'audit'?" in result.stderr
    after = {p.name: p.read_bytes() for p in tmp_path.glob("pack.*") if p.suffix != ".yaml"}
    assert after == before and len(after) == 2
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_missing_file_is_a_clear_error(tmp_path: Path):
    result = run_cli("build", str(tmp_path / "nowhere.yaml"), "--out", str(tmp_path))
    assert result.returncode == 2
    assert "nowhere.yaml: error: no such file" in result.stderr and "Traceback" not in result.stderr


def test_check_reports_findings_with_their_places_and_writes_nothing(tmp_path: Path):
    content = tmp_path / "pack.yaml"
    shutil.copy(FIXTURES / "check-warnings.yaml", content)
    result = run_cli("check", str(content), cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "warning: source 'unused' (Old Census) is cited by nothing [sources.unused]" in result.stdout
    assert "has one category, so it compares nothing [sections[0].blocks[1].chart] (page 1, slide 3)" in result.stdout
    assert result.stdout.strip().endswith(f"{content}: 0 errors, 3 warnings, 0 notes")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pack.yaml"]


def test_check_exits_1_on_errors_including_content_the_loader_rejects(tmp_path: Path):
    content = tmp_path / "pack.yaml"
    images_beside(content)
    text = (FIXTURES / "minimal.yaml").read_text(encoding="utf-8")
    content.write_text(text.replace("sources: [audit]\n", "sources: [audits]\n", 1), encoding="utf-8")
    result = run_cli("check", str(content))
    assert result.returncode == 1
    assert "error: source 'audits' is not in the sources registry" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_check_help_states_its_exit_status():
    assert "0 when no errors, 1 when there are errors" in " ".join(run_cli("check", "--help").stdout.split())


def test_build_refuses_text_that_cannot_fit_and_writes_it_when_forced(tmp_path: Path):
    out = tmp_path / "out"
    refused = run_cli("build", "too-large-card.yaml", "--out", str(out), "--format", "pptx", cwd=FIXTURES)
    assert refused.returncode == 1
    assert "error: the stat card's label does not fit even at 14 pt" in refused.stderr
    assert "[sections[0].blocks[0].stats.cards[0]] (slide 2)" in refused.stderr
    assert "nothing was written. Fix the errors, or build anyway with --force." in refused.stderr
    assert not out.exists()
    checked = run_cli("check", "too-large-card.yaml", cwd=FIXTURES)
    assert checked.returncode == 1 and "error: this block of stat cards is too tall for one page even alone" in checked.stdout
    forced = run_cli("build", "too-large-card.yaml", "--out", str(out), "--format", "pptx", "--force", cwd=FIXTURES)
    assert forced.returncode == 0, forced.stderr
    assert "error: the stat card's label does not fit" in forced.stderr
    assert [p.name for p in out.iterdir()] == ["too-large-card.pptx"]


EPOCHS = {
    "yesterday": "SOURCE_DATE_EPOCH must be a whole number of seconds since 1970, found 'yesterday'",
    "²": "SOURCE_DATE_EPOCH must be a whole number of seconds since 1970, found '²'",  # str.isdigit says yes
    "99999999999999999999": "SOURCE_DATE_EPOCH must be a date no later than 9999-12-31 (253402300799 seconds), found 99999999999999999999",
    "253402300800": "SOURCE_DATE_EPOCH must be a date no later than 9999-12-31 (253402300799 seconds), found 253402300800",
}


@pytest.mark.parametrize("epoch", EPOCHS, ids=["text", "superscript", "overflow", "year-10000"])
@pytest.mark.parametrize("command", ["build", "check", "preview"])
def test_a_malformed_source_date_epoch_is_a_plain_error_for_every_command(tmp_path: Path, command: str, epoch: str):
    import os

    result = subprocess.run([sys.executable, "-m", "generator", command, str(FIXTURES / "minimal.yaml"), *(
        ["--out", str(tmp_path / "out")] if command != "check" else [])], capture_output=True, text=True, cwd=ROOT,
        env={**os.environ, "SOURCE_DATE_EPOCH": epoch})
    assert result.returncode == 2
    assert f"briefing: {EPOCHS[epoch]}" in result.stderr
    assert "Traceback" not in result.stderr and not (tmp_path / "out").exists()


def test_the_last_second_of_year_9999_dates_both_outputs(tmp_path: Path):
    import os

    result = subprocess.run([sys.executable, "-m", "generator", "build", str(FIXTURES / "minimal.yaml"), "--out", str(tmp_path)],
                            capture_output=True, text=True, cwd=ROOT, env={**os.environ, "SOURCE_DATE_EPOCH": "253402300799"})
    assert result.returncode == 0, result.stderr
    from pypdf import PdfReader

    info = PdfReader(tmp_path / "minimal.pdf").metadata  # the Info dictionary sits in a compressed object stream
    assert str(info["/CreationDate"]).startswith("D:99991231235959") and str(info["/ModDate"]).startswith("D:99991231235959")
