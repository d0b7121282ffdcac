"""``talkqa fakes serve``: both fake APIs on loopback HTTP servers until interrupted."""

from __future__ import annotations

import argparse
import json
import os
import secrets
import signal
import sys
import threading
from typing import Any

from talkqa.commands import UsageError

DESCRIPTION = """\
Serve the in-memory Customerp and webCRM fakes over HTTP (for manual exploration or an
engine outside this process). Prints one JSON line on stdout:
  {"customerp": URL, "webcrm": URL, "customerp_api_key": KEY, "webcrm_auth_code": CODE}
(URLs are the API roots; each fake's control plane is under ROOT/_fake/), then serves
until Ctrl-C or SIGTERM and exits with status 0.

The Customerp API key and webCRM auth code come from CUSTOMERP_API_KEY and
WEBCRM_AUTH_CODE when set; otherwise fresh random ones are made for this run and shown
only in that JSON line.

The fakes' shared clock follows wall time (records are stamped when written; webCRM's
250/minute window, Retry-After and token lifetimes end in wall time); the control plane
moves it forward (POST ROOT/_fake/clock {"advance_seconds": N}: an offset over wall time),
sets it ({"now": ...}) or freezes it ({"frozen": true}); --frozen-clock starts it frozen."""


def register(subparsers: Any) -> None:
    """Add ``fakes serve``."""
    parser = subparsers.add_parser("fakes", help="run the fake Customerp and webCRM APIs")
    actions = parser.add_subparsers(dest="fakes_command", metavar="ACTION", required=True)
    serve = actions.add_parser(
        "serve",
        help="serve both fakes over HTTP until interrupted",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    serve.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    serve.add_argument("--port-customerp", type=_port, default=0, metavar="N", help="0 = any")
    serve.add_argument("--port-webcrm", type=_port, default=0, metavar="N", help="0 = any")
    serve.add_argument(
        "--seed",
        type=int,
        default=0,
        metavar="N",
        help="seed of both fakes' fault plans: rules with a probability and no seed of their "
        "own replay the same way under the same N (default 0)",
    )
    serve.add_argument(
        "--frozen-clock",
        action="store_true",
        help="start the fakes' clock frozen: it moves only when the control plane says so",
    )
    serve.set_defaults(func=run_serve)


def _port(text: str) -> int:
    if not text.isdigit() or int(text) > 65535:
        raise argparse.ArgumentTypeError(f"not a port number 0..65535: {text!r}")
    return int(text)


def run_serve(args: argparse.Namespace) -> int:
    from fakes import CustomerpFake, WebcrmFake
    from fakes.core import FakeServer, WallClock

    api_key = os.environ.get("CUSTOMERP_API_KEY") or secrets.token_urlsafe(24)
    auth_code = os.environ.get("WEBCRM_AUTH_CODE") or secrets.token_urlsafe(24)
    clock = WallClock()
    clock.freeze(args.frozen_clock)
    fakes = [
        (CustomerpFake(clock=clock, api_key=api_key, seed=args.seed), args.port_customerp),
        (WebcrmFake(clock=clock, auth_code=auth_code, seed=args.seed), args.port_webcrm),
    ]
    servers: list[FakeServer] = []
    stop = threading.Event()
    previous = signal.signal(signal.SIGTERM, lambda signum, frame: stop.set())
    try:
        for fake, port in fakes:
            try:
                servers.append(FakeServer(fake, args.host, port).start())
            except OSError as exc:
                raise UsageError(f"cannot serve {fake.name} on {args.host}:{port}: {exc}") from None
        urls = {server.fake.name: server.url for server in servers}
        line = {**urls, "customerp_api_key": api_key, "webcrm_auth_code": auth_code}
        print(json.dumps(line), flush=True)
        _wait(stop)
    finally:
        for server in servers:
            server.stop()
        signal.signal(signal.SIGTERM, previous)
    return 0


def _wait(stop: threading.Event) -> None:
    """Until SIGTERM sets ``stop`` or Ctrl-C interrupts (short waits keep Ctrl-C responsive)."""
    try:
        while not stop.wait(0.2):
            pass
    except KeyboardInterrupt:
        print("stopped", file=sys.stderr)
