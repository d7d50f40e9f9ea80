"""The ``clinicscan`` command: each subcommand runs its flow, through Prefect or not (``flows.prefect_api``).

Exit codes follow the one contract in ``reports.exit_codes`` (0 complete and clean, 1 findings, 2 usage or
configuration error, 3 incomplete); a handler returns a ``RunVerdict`` (or a plain code for the commands that
only check a file), and ``main`` alone prints the verdict's summary and turns it into the exit code.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NoReturn

from flows.offline import go_offline
from reports.exit_codes import (
    EXIT_CODES_HELP,
    EXIT_FINDINGS,
    EXIT_INCOMPLETE,
    EXIT_OK,
    EXIT_USAGE,
    RunVerdict,
)

SEVERITIES = ["critical", "high", "medium", "low"]
EXIT_CRASH = 70
"""clinicscan itself failed (a bug, not the input): sysexits' EX_SOFTWARE, never mistaken for 0-3."""

__all__ = ["EXIT_CRASH", "EXIT_FINDINGS", "EXIT_INCOMPLETE", "EXIT_OK", "EXIT_USAGE", "build_parser", "main"]


class UsageError(Exception):
    """A problem with what the user asked for or configured; printed as one line, exit code 2."""


def _common(parser: argparse.ArgumentParser, verdict: bool = True) -> argparse.ArgumentParser:
    """Options every subcommand accepts after its name too; ``verdict`` adds ``--allow-incomplete``.

    ``default=SUPPRESS`` keeps a ``--quiet`` given before the subcommand from being reset by the subparser.
    """
    parser.add_argument(
        "--quiet", action="store_true", default=argparse.SUPPRESS, help="no progress messages"
    )
    parser.add_argument(
        "--debug", action="store_true", default=argparse.SUPPRESS, help="library logs and tracebacks"
    )
    if verdict:
        parser.add_argument(
            "--allow-incomplete",
            action="store_true",
            help="exit 0 instead of 3 when something could not be read or checked (it is still reported)",
        )
    return parser


def _parser(
    sub: argparse._SubParsersAction, name: str, help: str, verdict: bool = True
) -> argparse.ArgumentParser:
    """Add a subcommand whose ``--help`` ends with the exit-code table."""
    return _common(
        sub.add_parser(
            name,
            help=help,
            description=help[0].upper() + help[1:] + ".",
            epilog=EXIT_CODES_HELP,
            formatter_class=argparse.RawDescriptionHelpFormatter,
        ),
        verdict,
    )


def _add_scan(sub: argparse._SubParsersAction) -> None:
    p = _parser(sub, "scan", "scan every configured source and check it against the policy")
    p.add_argument("--config", type=Path, required=True, help="scan.yaml (see docs/scan-configuration.md)")
    p.add_argument("--out", type=Path, required=True, help="folder for findings.json, report.html, ...")
    p.add_argument("--lang", choices=["ko", "en"], help="report language (default: the policy's)")
    p.add_argument(
        "--fail-on", choices=SEVERITIES, help="exit 1 when an open violation is at least this severe"
    )
    p.add_argument("--full", action="store_true", help="read every row instead of a sample")
    p.add_argument("--task-runner", choices=["threads", "dask"], help="override scan.yaml's task_runner")
    p.set_defaults(handler=_run_scan)


def _add_demo(sub: argparse._SubParsersAction) -> None:
    p = _parser(sub, "demo", "build the synthetic demo clinic and scan it")
    p.add_argument("--out", type=Path, default=Path("demo-out"), help="where the clinic and report go")
    p.add_argument("--url", help="database URL for the demo clinic (default: SQLite inside --out)")
    p.add_argument("--patients", type=int, default=2000, help="number of patients to generate")
    p.add_argument("--lang", choices=["ko", "en"], help="report language")
    p.set_defaults(handler=_run_demo)


def _add_policy(sub: argparse._SubParsersAction) -> None:
    p = _parser(sub, "policy", "work with a policy file", verdict=False)
    psub = p.add_subparsers(dest="policy_command", required=True)
    check = _common(
        psub.add_parser("check", help="lint a policy file against the legal knowledge base"), False
    )
    check.add_argument("file", nargs="?", default="default", help="policy YAML (default: the shipped policy)")
    check.add_argument("--lang", choices=["ko", "en"], help="language of the output (default: the policy's)")
    check.set_defaults(handler=_run_policy_check)
    schema = _common(psub.add_parser("schema", help="print the policy file's JSON schema"), False)
    schema.set_defaults(handler=_run_policy_schema)


def _add_gate(sub: argparse._SubParsersAction) -> None:
    p = _parser(sub, "gate", "check a file or folder before it is sent to a consignee")
    p.add_argument("path", type=Path, help="the export file or folder about to be sent")
    p.add_argument(
        "--consignee",
        required=True,
        help="consignee id, name or label from the policy (infonet-hosting, 인포넷)",
    )
    p.add_argument("--policy", default="default", help="policy YAML (default: the shipped policy)")
    p.set_defaults(handler=_run_gate)


def _add_schedule(sub: argparse._SubParsersAction) -> None:
    p = _parser(sub, "schedule", "serve the scan as a Prefect deployment on a cron schedule", verdict=False)
    p.add_argument("--config", type=Path, required=True)
    p.add_argument("--out", type=Path, required=True)
    p.add_argument("--cron", default="0 2 * * *", help="cron expression (default: nightly at 02:00)")
    p.add_argument("--name", default="nightly-compliance-scan")
    p.set_defaults(handler=_run_schedule)


def _add_deidentify(sub: argparse._SubParsersAction) -> None:
    p = _parser(sub, "deidentify", "make a de-identified research/statistics dataset")
    p.add_argument("--config", type=Path, required=True, help="deid.yaml (see docs/deidentification.md)")
    p.add_argument("--out", type=Path, required=True)
    p.add_argument("--lang", choices=["ko", "en"], default="ko")
    p.add_argument(
        "--key-secret",
        help="name of a Prefect Secret block holding the pseudonymization key "
        "(default: the environment variable the spec names, CLINICSCAN_DEID_KEY)",
    )
    p.set_defaults(handler=_run_deidentify)


def _add_retention(sub: argparse._SubParsersAction) -> None:
    p = _parser(sub, "retention", "plan (or --apply) the destruction of records past their retention")
    p.add_argument("--config", type=Path, required=True, help="scan.yaml with an enforcement: block")
    p.add_argument(
        "--out", type=Path, default=Path("retention-out"), help="folder for the plan or run report"
    )
    p.add_argument("--apply", action="store_true", help="carry the plan out (default: dry run)")
    p.add_argument("--findings", type=Path, help="findings.json of the latest scan (which column holds what)")
    p.add_argument("--lang", choices=["ko", "en"], default="ko")
    p.set_defaults(handler=_run_retention)


def _add_subject(sub: argparse._SubParsersAction) -> None:
    p = _parser(sub, "subject", "a data-subject request: find, report access, or erase one person")
    p.add_argument("--config", type=Path, required=True)
    p.add_argument(
        "--find",
        action="append",
        required=True,
        metavar="KEY=VALUE",
        help="what identifies the person: name=..., phone=..., email=..., rrn=..., id=... (repeat)",
    )
    p.add_argument("--erase", action="store_true", help="plan the erasure of what may be erased")
    p.add_argument("--apply", action="store_true", help="with --erase: carry it out (default: dry run)")
    p.add_argument("--out", type=Path, default=Path("subject-out"))
    p.add_argument("--findings", type=Path, help="findings.json of the latest scan (which column holds what)")
    p.add_argument("--lang", choices=["ko", "en"], default="ko")
    p.set_defaults(handler=_run_subject)


def build_parser() -> argparse.ArgumentParser:
    """Build the argument parser with every subcommand."""
    parser = argparse.ArgumentParser(
        prog="clinicscan",
        description=(
            "Find personal data in a clinic's databases and exports, and check it against its policy."
        ),
        epilog=EXIT_CODES_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--quiet", action="store_true", help="no progress messages")
    parser.add_argument(
        "--debug", action="store_true", help="show library logs, and a traceback when clinicscan itself fails"
    )
    sub = parser.add_subparsers(dest="command", required=True)
    for add in (
        _add_demo,
        _add_scan,
        _add_policy,
        _add_gate,
        _add_schedule,
        _add_deidentify,
        _add_retention,
        _add_subject,
    ):
        add(sub)
    return parser


def _run_scan(args: argparse.Namespace) -> int | RunVerdict:
    from flows.scan_cmd import run_scan

    return run_scan(
        args.config,
        args.out,
        lang=args.lang,
        fail_on=args.fail_on,
        full=args.full,
        task_runner=args.task_runner,
    )


def _run_demo(args: argparse.Namespace) -> int | RunVerdict:
    from flows.demo import run_demo

    return run_demo(args.out, url=args.url, patients=args.patients, lang=args.lang)


def _run_policy_check(args: argparse.Namespace) -> int | RunVerdict:
    from flows.policy_cmd import policy_check

    return policy_check(args.file, args.lang)


def _run_policy_schema(args: argparse.Namespace) -> int | RunVerdict:
    from flows.policy_cmd import policy_schema

    return policy_schema()


def _run_gate(args: argparse.Namespace) -> int | RunVerdict:
    from flows.gate import run_gate

    return run_gate(args.path, args.consignee, args.policy)


def _run_schedule(args: argparse.Namespace) -> int | RunVerdict:
    from flows.schedule import serve_schedule

    return serve_schedule(args.config, args.out, cron=args.cron, name=args.name)


def _run_deidentify(args: argparse.Namespace) -> int | RunVerdict:
    from flows.deidentify_cmd import run_deidentify

    return run_deidentify(args.config, args.out, lang=args.lang, key_secret=args.key_secret)


def _run_retention(args: argparse.Namespace) -> int | RunVerdict:
    from flows.enforce_cmd import run_retention

    return run_retention(args.config, args.out, args.apply, args.findings, args.lang)


def _run_subject(args: argparse.Namespace) -> int | RunVerdict:
    if args.apply and not args.erase:
        raise UsageError(
            "--apply goes with --erase: add --erase to erase, or drop --apply for an access report"
        )
    from flows.enforce_cmd import run_subject

    return run_subject(args.config, args.out, args.find, args.erase, args.apply, args.findings, args.lang)


def _known_errors() -> tuple[type[BaseException], ...]:
    """Errors that mean 'fix your input': printed as one line with exit code 2, never a traceback."""
    from flows.errors import user_errors

    return (UsageError, *user_errors())


def _library_logging(debug: bool) -> None:
    """Keep Prefect's and the other libraries' log lines off the console unless ``--debug``.

    Set before Prefect is imported (it reads the environment once); a run's own progress lines come from
    ``flows.progress`` and failures are named in the summary and the report, so the console handler of
    Prefect (which also carries the root logger's warnings) only speaks for what is CRITICAL. The logs still
    reach the Prefect API, where a deployment's run page shows them.
    """
    import logging
    import os

    level = "DEBUG" if debug else "CRITICAL"
    os.environ.setdefault("PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL", level)
    if debug:
        os.environ.setdefault("PREFECT_LOGGING_LEVEL", "INFO")
        logging.getLogger("great_expectations").setLevel(logging.INFO)


def _finish(result: int | RunVerdict, args: argparse.Namespace) -> int:
    """Turn a handler's result into the exit code, printing the verdict's summary lines first."""
    if isinstance(result, int):
        return result
    allow = bool(getattr(args, "allow_incomplete", False))
    code = result.exit_code(allow)
    try:
        for line in result.summary(allow):
            print(line)
    except BrokenPipeError:  # `clinicscan ... | head`: the reports are written, the verdict stands
        _stdout_to_devnull()
    return code


def _stdout_to_devnull() -> None:
    """Point stdout at /dev/null after its reader left, so that Python's final flush does not fail too."""
    import os

    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``clinicscan`` console script; the exit code follows ``reports.exit_codes``."""
    go_offline()
    args = build_parser().parse_args(argv)
    debug = bool(getattr(args, "debug", False))
    _library_logging(debug)
    from flows.progress import set_quiet

    set_quiet(bool(getattr(args, "quiet", False)))
    handler: Callable[[argparse.Namespace], int | RunVerdict] = args.handler
    try:
        return _finish(handler(args), args)
    except _known_errors() as exc:
        print(f"clinicscan: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("clinicscan: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # the reader of stdout left while the run was still going: it stopped there
        _stdout_to_devnull()
        print("clinicscan: output closed early (broken pipe); the run stopped there", file=sys.stderr)
        return EXIT_INCOMPLETE
    except Exception as exc:
        if debug:  # the traceback, but still the contract's code (a re-raise would exit 1, "findings")
            import traceback

            traceback.print_exc()
            return EXIT_CRASH
        print(
            f"clinicscan: internal error: {type(exc).__name__}: {exc}".splitlines()[0][:300],
            file=sys.stderr,
        )
        print(
            "clinicscan: this is a bug or a broken installation; run again with --debug for the traceback",
            file=sys.stderr,
        )
        return EXIT_CRASH


def run() -> NoReturn:
    """Run ``main`` as the ``clinicscan`` console script, then leave without the interpreter's teardown."""
    from flows.quick_exit import leave

    leave(main())


if __name__ == "__main__":
    run()
