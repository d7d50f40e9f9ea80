"""Bad input gets one clear line naming the file and field, and exit code 2, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from flows.cli import EXIT_CRASH, EXIT_USAGE, main


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    try:
        code = main(argv)
    except SystemExit as exc:  # argparse usage errors
        code = int(exc.code or 0)
    err = capsys.readouterr().err
    return code, err


def test_no_subcommand_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, err = run([], capsys)
    assert code == EXIT_USAGE
    assert "usage: clinicscan" in err


def test_missing_config_file_names_the_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "nope.yaml"
    code, err = run(["scan", "--config", str(missing), "--out", str(tmp_path / "out")], capsys)
    assert code == EXIT_USAGE
    assert str(missing) in err and "Traceback" not in err


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("sources: []\n", "sources"),
        ("sources:\n  - name: a\n    url: sqlite://\n    tablez: {}\n", "tablez"),
        ("sources:\n  - name: a\n", "url"),
        ("sources:\n  - name: a\n    url: sqlite://\nsampling: {rows: -3}\n", "sampling.rows"),
        ("sources:\n  - name: a\n    url: ${CLINICSCAN_SURELY_UNSET_VAR}\n", "CLINICSCAN_SURELY_UNSET_VAR"),
        ("sources: [\n", "not valid YAML"),
        (
            "sources:\n  - {name: a, url: 'sqlite://'}\n  - {name: a, url: 'sqlite://'}\n",
            "appear twice",
        ),
    ],
)
def test_invalid_config_names_the_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], body: str, expected: str
) -> None:
    config = tmp_path / "scan.yaml"
    config.write_text(body, encoding="utf-8")
    code, err = run(["scan", "--config", str(config), "--out", str(tmp_path / "out")], capsys)
    assert code == EXIT_USAGE
    assert str(config) in err
    assert expected in err
    assert err.count("\n") == 1, err  # one line


def test_broken_policy_file_names_file_and_field(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    policy = tmp_path / "policy.yaml"
    policy.write_text("id: x\nversion: '1'\nunknown_clause: 3\n", encoding="utf-8")
    code, err = run(["policy", "check", str(policy)], capsys)
    assert code == EXIT_USAGE
    assert str(policy) in err and "unknown_clause" in err and "Traceback" not in err


def test_gate_unknown_consignee_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "x.csv").write_text("a\n1\n", encoding="utf-8")
    code, err = run(["gate", str(tmp_path), "--consignee", "nobody-inc"], capsys)
    assert code == EXIT_USAGE
    assert "nobody-inc" in err and "infonet-hosting (인포넷)" in err  # what to give instead


@pytest.mark.parametrize("command", [[], ["scan"], ["gate"], ["retention"], ["subject"], ["deidentify"]])
def test_help_ends_with_the_exit_code_table(command: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main([*command, "--help"])
    out = capsys.readouterr().out
    assert exit_info.value.code == 0
    assert "exit codes:" in out and "3  incomplete" in out and "--allow-incomplete" in out


def test_quiet_and_debug_are_accepted_after_the_subcommand(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, err = run(
        ["scan", "--quiet", "--config", str(tmp_path / "nope.yaml"), "--out", str(tmp_path)], capsys
    )
    assert code == EXIT_USAGE and "nope.yaml" in err
    code, err = run(["--quiet", "policy", "check", "--quiet", str(tmp_path / "nope.yaml")], capsys)
    assert code == EXIT_USAGE and "nope.yaml" in err


def _demo_config(tmp_path: Path) -> Path:
    config = tmp_path / "scan.yaml"
    config.write_text(
        f"sources:\n  - name: a\n    url: sqlite:///{tmp_path / 'a.sqlite'}\n", encoding="utf-8"
    )
    return config


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["subject", "--find", "nme=김민수"], ["--find", "nme"]),
        (["subject", "--find", "phone=abc"], ["--find phone"]),
        (["retention", "--config", "/nonexistent/scan.yaml"], ["/nonexistent/scan.yaml", "file not found"]),
        (["deidentify", "--config", "/nonexistent/deid.yaml", "--out", "x"], ["/nonexistent/deid.yaml"]),
        (["gate", "/nonexistent/exports", "--consignee", "infonet-hosting"], ["/nonexistent/exports"]),
    ],
)
def test_user_mistakes_are_one_or_two_lines_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str], words: list[str]
) -> None:
    if argv[0] == "subject":
        argv = [*argv, "--config", str(_demo_config(tmp_path))]
    code, err = run(argv, capsys)
    assert code == EXIT_USAGE
    assert all(w in err for w in words), err
    assert "Traceback" not in err and 1 <= err.count("\n") <= 2, err


def test_a_crash_is_one_line_without_debug_and_a_traceback_with_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import flows.policy_cmd

    def broken() -> int:
        raise RuntimeError("something inside clinicscan broke")

    monkeypatch.setattr(flows.policy_cmd, "policy_schema", broken)
    code, err = run(["policy", "schema"], capsys)
    assert code == EXIT_CRASH
    assert "internal error: RuntimeError: something inside clinicscan broke" in err and "--debug" in err
    assert "Traceback" not in err
    # --debug adds the traceback but keeps the contract's code: a bare re-raise would exit 1 ("findings").
    code, err = run(["policy", "schema", "--debug"], capsys)
    assert code == EXIT_CRASH
    assert "Traceback" in err and "RuntimeError: something inside clinicscan broke" in err


def test_output_piped_into_a_reader_that_leaves_is_no_crash() -> None:
    """``clinicscan policy check | head -1``: the reader closes the pipe first; one line, never exit 70."""
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[2]
    proc = subprocess.Popen(
        [sys.executable, "-m", "flows.cli", "policy", "check"],
        cwd=root,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # the reader is gone before the first line is written
    err = proc.stderr.read()
    code = proc.wait(timeout=120)
    assert code != EXIT_CRASH, err
    assert "internal error" not in err and "Traceback" not in err
    assert "broken pipe" in err
