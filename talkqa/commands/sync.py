"""``talkqa sync``: run the reference sync engine (talksync) between Customerp and webCRM."""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import sys
import time
from pathlib import Path
from typing import Any, TextIO
from urllib.parse import urlsplit

import requests

from checklist import ChecklistError, checklists_in_force
from talkqa import engine_protocol as protocol
from talkqa.commands import add_checklist_option
from talkqa.engine_api import EngineFactory, wall_clock
from talksync import (
    ApiError,
    ConfigError,
    CredentialsRefused,
    CycleSummary,
    EngineConfig,
    SyncError,
    create_engine,
)

# mypy proves here that the reference engine satisfies the harness's engine interface
# structurally (talksync imports nothing of talkqa): factory, config, summary, dead letters.
REFERENCE_FACTORY: EngineFactory = create_engine

DESCRIPTION = """\
Run sync cycles of the reference engine between a Customerp API and a webCRM API, for the
flows of the checklist in force. Credentials come from the environment only:
CUSTOMERP_API_KEY and WEBCRM_AUTH_CODE. Prints a summary per flow (created, updated,
unchanged, waiting, dead-lettered), requests per system and Talk updates.

URLs, state and checklist come from the options or else from the engine protocol's variables
(CUSTOMERP_URL, WEBCRM_URL, TALKQA_STATE_DIR, TALKQA_CHECKLISTS); Talk's toggles and the
clock always from TALKQA_SHARE_ENABLED_CUSTOMERP, TALKQA_SHARE_ENABLED_WEBCRM,
TALKQA_FULL_SYNC, TALKQA_SCOPE_PREFIX and TALKQA_CLOCK_URL when set (docs/engine-protocol.md).

Exit status: 0 on success; 1 when something was dead-lettered or a cycle failed (with
--watch the next cycle still runs); 2 on usage or configuration errors, refused credentials
included (one line on stderr); 130 when interrupted in the middle of a cycle.
With --engine-protocol: one cycle, 0 when it completed (dead letters included), 1 when it
failed, and the protocol's JSON summary (with links and dead letters) as the last line."""

EPILOG = """\
examples:
  talkqa sync --customerp http://127.0.0.1:8001/api/v1 --webcrm http://127.0.0.1:8002 \\
              --state sync.db
  talkqa sync ... --json            # one JSON object per cycle
  talkqa sync ... --watch 300       # a cycle every 5 minutes until interrupted
  talkqa sync --engine-protocol     # one cycle as the harness's --engine-command"""

ENV_KEYS = ("CUSTOMERP_API_KEY", "WEBCRM_AUTH_CODE")
STATE_FILE = "talksync.sqlite"
_sleep = (
    time.sleep
)  # every real pause: between --watch cycles and before retries (tests replace it)


def register(subparsers: Any) -> None:
    """Add the ``sync`` subcommand."""
    parser = subparsers.add_parser(
        "sync",
        help="run the reference sync engine between Customerp and webCRM",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--customerp", metavar="URL", help="Customerp API root (default: $CUSTOMERP_URL)"
    )
    parser.add_argument("--webcrm", metavar="URL", help="webCRM API root (default: $WEBCRM_URL)")
    parser.add_argument(
        "--state",
        metavar="PATH",
        help=f"SQLite state file (default: $TALKQA_STATE_DIR/{STATE_FILE})",
    )
    add_checklist_option(parser)
    parser.add_argument("--json", action="store_true", help="print each summary as JSON")
    parser.add_argument(
        "--watch", type=float, metavar="SECONDS", help="repeat cycles until interrupted"
    )
    parser.add_argument(
        "--engine-protocol",
        action="store_true",
        help="one cycle as the engine command protocol says: exit 0 when it completed, the "
        "JSON summary with links and dead letters on the last stdout line",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Check the configuration, then run one cycle (or cycles with --watch)."""
    try:
        config = _config(args)
        engine = create_engine(config)
    except (ConfigError, ChecklistError, ValueError) as exc:
        return _fail(str(exc), 2)
    try:
        return _cycles(engine, config, args)
    finally:
        engine.close()


def _cycles(engine: Any, config: EngineConfig, args: argparse.Namespace) -> int:
    """One cycle, or with --watch one every SECONDS until interrupted. A watched cycle that
    fails is reported and the next one runs; refused credentials end it (exit 2)."""
    status = 0
    while True:
        try:
            outcome = _cycle(engine, config, args)
        except KeyboardInterrupt:  # mid-cycle: the state rolled back what was unfinished
            return 130
        status = max(status, outcome)
        if outcome == 2 or not args.watch:
            return status
        try:
            _sleep(args.watch)
        except KeyboardInterrupt:  # between cycles: the normal end of --watch
            return status


def _cycle(engine: Any, config: EngineConfig, args: argparse.Namespace) -> int:
    """Run one cycle and print its summary; its exit status (0, 1, or 2 for credentials)."""
    try:
        summary = engine.run_cycle()
    except (SyncError, requests.RequestException, sqlite3.Error) as exc:
        _finish_progress(config)
        return _fail(*_failure(exc, config))
    _finish_progress(config)
    if args.engine_protocol:
        _print_protocol_line(engine, summary, sys.stdout)
        return 0
    _print_summary(summary, engine.dead_letters(), args.json, sys.stdout)
    return 1 if summary.dead_lettered else 0


def _print_protocol_line(engine: Any, summary: CycleSummary, out: TextIO) -> None:
    """The protocol's last line: the summary, every link and every dead letter."""
    line = summary.to_json()
    line["links"] = {flow: [list(pair) for pair in engine.links(flow)] for flow in summary.flows}
    line["dead_letters"] = [letter._asdict() for letter in engine.dead_letters()]
    out.write(json.dumps(line) + "\n")
    out.flush()


def _failure(exc: Exception, config: EngineConfig) -> tuple[str, int]:
    """The message and exit status of a failed cycle."""
    if isinstance(exc, ApiError):
        refused = isinstance(exc, CredentialsRefused) or exc.status in (401, 403)
        return str(exc), 2 if refused else 1
    if isinstance(exc, sqlite3.Error):
        return f"state file {config.state_path}: {exc}", 1
    return f"sync failed: {type(exc).__name__}: {exc}", 1


def _fail(message: str, status: int) -> int:
    """One line on stderr; the credentials are blanked out should any message carry them."""
    for key in ENV_KEYS:
        secret = os.environ.get(key)
        if secret:
            message = message.replace(secret, "***")
    print(f"error: {' '.join(message.split())}", file=sys.stderr)
    return status


def _config(args: argparse.Namespace) -> EngineConfig:
    env = os.environ
    missing = [key for key in ENV_KEYS if not env.get(key)]
    if missing:
        raise ConfigError(f"{' and '.join(missing)} not set in the environment")
    urls = {}
    for name, variable in (("customerp", protocol.CUSTOMERP_URL), ("webcrm", protocol.WEBCRM_URL)):
        urls[name] = getattr(args, name) or env.get(variable, "")
        if not urls[name]:
            raise ConfigError(f"--{name} URL or {variable} in the environment is needed")
        _check_url(f"--{name}", urls[name])
    state = _state_path(args.state)
    if args.watch is not None and (args.watch <= 0 or args.engine_protocol):
        raise ConfigError("--watch: SECONDS must be positive, and --engine-protocol runs once")
    clock_url = env.get(protocol.CLOCK_URL)
    clock = protocol.ProtocolClock(clock_url) if clock_url else None
    prefix = env.get(protocol.SCOPE_PREFIX)
    return EngineConfig(
        customerp_url=urls["customerp"],
        customerp_api_key=env["CUSTOMERP_API_KEY"],
        webcrm_url=urls["webcrm"],
        webcrm_auth_code=env["WEBCRM_AUTH_CODE"],
        state_path=state,
        checklist=_checklist(args.checklist),
        share_enabled={
            system: protocol.read_flag(env, name) for system, name in protocol.SHARE_ENABLED.items()
        },
        full_sync=protocol.read_flag(env, protocol.FULL_SYNC),
        clock=clock.now if clock else wall_clock,
        sleep=clock.sleep if clock else lambda seconds: _sleep(seconds),
        progress=_progress if sys.stderr.isatty() else None,
        jitter_seed=None,  # retries of separate processes must not fall into step
        scope=protocol.PrefixScope(prefix) if prefix else None,
    )


def _state_path(option: str | None) -> Path:
    """--state, or the protocol's state folder with this engine's file in it."""
    folder = os.environ.get(protocol.STATE_DIR)
    if not option and not folder:
        raise ConfigError(f"--state PATH or {protocol.STATE_DIR} in the environment is needed")
    state = Path(option) if option else Path(str(folder)) / STATE_FILE
    if not state.parent.is_dir():
        what = "--state" if option else protocol.STATE_DIR
        raise ConfigError(f"{what}: folder {state.parent} does not exist")
    return state


def _checklist(option: list[str] | None) -> list[Path]:
    if option:
        return [Path(p) for p in option]
    return protocol.checklists_from(os.environ) or checklists_in_force()


def _check_url(option: str, text: str) -> None:
    """An http(s) URL with a host and a valid port, without credentials (those come from the
    environment only) and without spaces; else a ConfigError naming the option."""
    try:
        url = urlsplit(text)
        url.port  # noqa: B018 - raises ValueError for a port out of range
    except ValueError as exc:
        raise ConfigError(f"{option}: not a valid URL ({exc}): {text}") from None
    if url.scheme not in ("http", "https") or not url.hostname:
        raise ConfigError(f"{option}: not an http(s) URL: {text}")
    if url.username is not None or url.password is not None:
        raise ConfigError(f"{option}: the URL must not carry credentials (use the environment)")
    if any(c.isspace() for c in text) or url.query or url.fragment:
        raise ConfigError(f"{option}: an API root has no spaces, query or fragment: {text}")


def _progress(flow_id: str, done: int, total: int) -> None:
    """A one-line progress bar on stderr (only when stderr is a terminal)."""
    width = 30
    filled = width if not total else min(width, width * done // total)
    bar = "#" * filled + "." * (width - filled)
    sys.stderr.write(f"\r{flow_id:<45} [{bar}] {done}/{total}")
    sys.stderr.flush()


def _finish_progress(config: EngineConfig) -> None:
    if config.progress is not None:
        sys.stderr.write("\n")


def _print_summary(
    summary: CycleSummary, dead: list[tuple[str, str, int, str]], as_json: bool, out: TextIO
) -> None:
    if as_json:
        out.write(json.dumps(summary.to_json()) + "\n")
    else:
        for flow_id, c in summary.flows.items():
            out.write(
                f"{flow_id}: created {c.created}, updated {c.updated}, unchanged {c.unchanged}, "
                f"waiting {c.waiting}, dead-lettered {c.dead_lettered}\n"
            )
        req = summary.requests
        out.write(f"requests: customerp {req['customerp']}, webcrm {req['webcrm']}\n")
        out.write(f"talk updates: {summary.talk_updates}\n")
    out.flush()
    if summary.dead_lettered:
        for flow_id, side, entity_id, reason in dead:
            print(f"dead letter: {flow_id} {side} {entity_id}: {reason}", file=sys.stderr)
