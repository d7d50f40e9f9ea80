"""The ``clinicscan`` command: each subcommand starts a Prefect flow (or a quick local check).

Exit codes: 0 done; 1 the check found what --fail-on (or the gate) forbids; 2 usage or configuration error.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from flows.offline import go_offline

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2
SEVERITIES = ["critical", "high", "medium", "low"]


class UsageError(Exception):
    """A problem with what the user asked for or configured; printed as one line, exit code 2."""


def _add_scan(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("scan", help="scan every configured source and check it against the policy")
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
    p = sub.add_parser("demo", help="build the synthetic demo clinic and scan it")
    p.add_argument("--out", type=Path, default=Path("demo-out"), help="where the clinic and report go")
    p.add_argument("--url", help="database URL for the demo clinic (default: SQLite inside --out)")
    p.add_argument("--patients", type=int, default=2000, help="number of patients to generate")
    p.add_argument("--lang", choices=["ko", "en"], help="report language")
    p.set_defaults(handler=_run_demo)


def _add_policy(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("policy", help="work with a policy file")
    psub = p.add_subparsers(dest="policy_command", required=True)
    check = psub.add_parser("check", help="lint a policy file against the legal knowledge base")
    check.add_argument("file", nargs="?", default="default", help="policy YAML (default: the shipped policy)")
    check.set_defaults(handler=_run_policy_check)
    schema = psub.add_parser("schema", help="print the policy file's JSON schema")
    schema.set_defaults(handler=_run_policy_schema)


def _add_gate(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("gate", help="check a file or folder before it is sent to a consignee")
    p.add_argument("path", type=Path, help="the export file or folder about to be sent")
    p.add_argument("--consignee", required=True, help="consignee id or name from the policy")
    p.add_argument("--policy", default="default", help="policy YAML (default: the shipped policy)")
    p.set_defaults(handler=_run_gate)


def _add_schedule(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("schedule", help="serve the scan as a Prefect deployment on a cron schedule")
    p.add_argument("--config", type=Path, required=True)
    p.add_argument("--out", type=Path, required=True)
    p.add_argument("--cron", default="0 2 * * *", help="cron expression (default: nightly at 02:00)")
    p.add_argument("--name", default="nightly-compliance-scan")
    p.set_defaults(handler=_run_schedule)


def _add_deidentify(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("deidentify", help="make a de-identified research/statistics dataset")
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
    p = sub.add_parser("retention", help="plan (or --apply) the destruction of records past their retention")
    p.add_argument("--config", type=Path, required=True, help="scan.yaml with an enforcement: block")
    p.add_argument(
        "--out", type=Path, default=Path("retention-out"), help="folder for the plan or run report"
    )
    p.add_argument("--apply", action="store_true", help="carry the plan out (default: dry run)")
    p.add_argument("--findings", type=Path, help="findings.json of the latest scan (which column holds what)")
    p.add_argument("--lang", choices=["ko", "en"], default="ko")
    p.set_defaults(handler=_run_retention)


def _add_subject(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("subject", help="a data-subject request: find, report access, or erase one person")
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
    )
    parser.add_argument("--quiet", action="store_true", help="no progress messages")
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


def _run_scan(args: argparse.Namespace) -> int:
    from flows.scan import run_scan

    return run_scan(
        args.config,
        args.out,
        lang=args.lang,
        fail_on=args.fail_on,
        full=args.full,
        task_runner=args.task_runner,
    )


def _run_demo(args: argparse.Namespace) -> int:
    from flows.demo import run_demo

    return run_demo(args.out, url=args.url, patients=args.patients, lang=args.lang)


def _run_policy_check(args: argparse.Namespace) -> int:
    from flows.policy_cmd import policy_check

    return policy_check(args.file)


def _run_policy_schema(args: argparse.Namespace) -> int:
    from flows.policy_cmd import policy_schema

    return policy_schema()


def _run_gate(args: argparse.Namespace) -> int:
    from flows.gate import run_gate

    return run_gate(args.path, args.consignee, args.policy)


def _run_schedule(args: argparse.Namespace) -> int:
    from flows.schedule import serve_schedule

    return serve_schedule(args.config, args.out, cron=args.cron, name=args.name)


def _run_deidentify(args: argparse.Namespace) -> int:
    from flows.deidentify import run_deidentify

    return run_deidentify(args.config, args.out, lang=args.lang, key_secret=args.key_secret)


def _run_retention(args: argparse.Namespace) -> int:
    from flows.enforce_cmd import run_retention

    return run_retention(args.config, args.out, args.apply, args.findings, args.lang)


def _run_subject(args: argparse.Namespace) -> int:
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


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``clinicscan`` console script."""
    go_offline()
    args = build_parser().parse_args(argv)
    from flows.progress import set_quiet

    set_quiet(args.quiet)
    handler: Callable[[argparse.Namespace], int] = args.handler
    try:
        return handler(args)
    except _known_errors() as exc:
        print(f"clinicscan: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("clinicscan: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
