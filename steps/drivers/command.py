"""The command binding: one sync cycle is one run of ``--engine-command`` (any language).

The settings go into the protocol's environment variables (``talkqa.engine_protocol``), the
exit status says whether the cycle completed, and an optional JSON object on the last stdout
line carries the summary, links and dead letters (docs/engine-protocol.md).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from steps.drivers import DriverError
from talkqa import engine_protocol as protocol
from talkqa.engine_api import CycleReport, DeadLetter, EngineConfig, report_from_json

TIMEOUT_SECONDS = 300.0
TAIL_CHARS = 3000


class CommandDriver:
    """Runs the command with the scene's settings; keeps what the last run printed."""

    kind = "command"

    def __init__(
        self,
        command: str,
        config: EngineConfig,
        *,
        cwd: Path,
        clock_url: str | None = None,
        scope_prefix: str | None = None,
        timeout: float = TIMEOUT_SECONDS,
    ) -> None:
        self.command = command
        self.config = config
        self.cwd = cwd
        self.clock_url = clock_url
        self.scope_prefix = scope_prefix
        self.timeout = timeout
        self.cycles = 0
        self.last: CycleReport | None = None
        self.output = ""  # the last run's stdout and stderr (tails), for the evidence

    def environment(self) -> dict[str, str]:
        """The parent's environment, the protocol's variables, this Python's tools on PATH."""
        env = {**os.environ}
        env.update(protocol.environment(self.config, self.cycles, self.scope_prefix,
                                        self.clock_url))  # fmt: skip
        tools = str(Path(sys.executable).parent)
        env["PATH"] = tools + os.pathsep + env.get("PATH", "")
        return env

    def run_cycle(self) -> CycleReport:
        self.config.state_dir.mkdir(parents=True, exist_ok=True)
        self.cycles += 1
        try:
            done = subprocess.run(
                self.command, shell=True, cwd=self.cwd, env=self.environment(),
                capture_output=True, text=True, timeout=self.timeout, check=False,
            )  # fmt: skip
        except subprocess.TimeoutExpired:
            self.last = CycleReport(False, error=f"the command ran over {self.timeout:g} s")
            return self.last
        self.output = f"exit status {done.returncode}\nstdout:\n{done.stdout[-TAIL_CHARS:]}"
        self.output += f"\nstderr:\n{done.stderr[-TAIL_CHARS:]}"
        error = None if done.returncode == 0 else done.stderr.strip()[-TAIL_CHARS:] or "no stderr"
        try:
            self.last = report_from_json(done.returncode == 0, summary_line(done.stdout), error)
        except ValueError as exc:
            raise DriverError(f"the engine command's summary line: {exc}") from None
        return self.last

    def links(self, flow_id: str) -> list[tuple[int, int]] | None:
        if self.cycles == 0:
            return []  # no cycle ran: nothing is linked
        if self.last is None or self.last.links is None:
            return None
        return list(self.last.links.get(flow_id, []))

    def dead_letters(self) -> list[DeadLetter] | None:
        if self.cycles == 0:
            return []
        return None if self.last is None else self.last.dead_letters

    def restart(self, config: EngineConfig) -> None:
        """Toggles changed (same state folder) or a new world (a new one): the next run sees it."""
        if config.state_dir != self.config.state_dir:
            self.cycles, self.last = 0, None
        self.config = config

    def close(self) -> None:
        """Nothing runs between cycles."""


def summary_line(stdout: str) -> dict[str, object]:
    """The JSON object on the last non-empty stdout line ({} when it is not one)."""
    lines = [line for line in stdout.strip().splitlines() if line.strip()]
    if not lines or not lines[-1].lstrip().startswith("{"):
        return {}
    try:
        data = json.loads(lines[-1])
    except json.JSONDecodeError as exc:
        raise DriverError(f"the engine command's last line is not JSON ({exc}): "
                          f"{lines[-1][:300]}") from None  # fmt: skip
    if not isinstance(data, dict):
        raise DriverError("the engine command's last line is not a JSON object")
    return data
