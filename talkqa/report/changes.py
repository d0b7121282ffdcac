"""The run's history on the controller: options, the comparison added to the report, and the
history (and named baseline) files written after it."""

from __future__ import annotations

import contextlib
import json
from pathlib import Path
from typing import Any

import pytest
from filelock import FileLock

from talkqa.report import history
from talkqa.report.history import HistoryError

LOCK_WAIT = 300  # seconds a run waits for another run's history write before it gives up


class RunHistory:
    """``--checklist-history``, ``--checklist-history-keep``, ``--checklist-baseline`` and
    ``--checklist-save-baseline`` for one run."""

    @staticmethod
    def add_options(group: pytest.OptionGroup) -> None:
        group.addoption(
            "--checklist-history",
            dest="checklist_history",
            metavar="PATH",
            default=None,
            help="the runs kept for 'what changed' and the trend (default: history.json "
            "beside the checklist report)",
        )
        group.addoption(
            "--checklist-history-keep",
            dest="checklist_history_keep",
            metavar="N",
            type=int,
            default=history.DEFAULT_KEEP,
            help=f"how many runs the history keeps (default {history.DEFAULT_KEEP}; 0: "
            "neither read nor write it)",
        )
        group.addoption(
            "--checklist-baseline",
            dest="checklist_baseline",
            metavar="NAME|PATH",
            default=None,
            help="compare with a named baseline (saved with --checklist-save-baseline) or a "
            "baseline file or checklist.json, instead of the previous run",
        )
        group.addoption(
            "--checklist-save-baseline",
            dest="checklist_save_baseline",
            metavar="NAME",
            default=None,
            help="also save this run as the baseline NAME (baselines/NAME.json beside the "
            "history), e.g. release-1.4",
        )

    def __init__(self, config: pytest.Config, report_html: Path) -> None:
        base = config.invocation_params.dir
        given = config.getoption("checklist_history")
        self.path = base / given if given else report_html.with_name("history.json")
        self.keep: int = config.getoption("checklist_history_keep")
        if self.keep < 0:
            raise pytest.UsageError(f"--checklist-history-keep: {self.keep} is below 0")
        self.save_as: str | None = config.getoption("checklist_save_baseline")
        if self.save_as is not None and not _plain_name(self.save_as):
            raise pytest.UsageError(
                f"--checklist-save-baseline: {self.save_as!r} is not a plain name "
                "(letters, digits, '.', '-', '_')"
            )
        self.baseline: dict[str, Any] | None = None
        self.error: str | None = None
        self.changes: dict[str, Any] | None = None  # this run's comparison, once recorded
        chosen = config.getoption("checklist_baseline")
        if chosen:
            where = chosen if history.is_baseline_name(chosen) else str(base / chosen)
            try:
                self.baseline = history.load_baseline(where, self.path)
            except HistoryError as exc:
                raise pytest.UsageError(f"--checklist-baseline: {exc}") from None

    def lock(self) -> contextlib.AbstractContextManager[object]:
        """Held from reading the history to writing it, so two runs ending at once both count.

        Waiting longer than ``LOCK_WAIT`` raises ``filelock.Timeout``, an ``OSError``."""
        if not (self.keep or self.save_as):
            return contextlib.nullcontext()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        return FileLock(self.path.with_name(self.path.name + ".lock"), timeout=LOCK_WAIT)

    def record(self, data: dict[str, Any], meta: dict[str, Any]) -> list[tuple[Path, str]]:
        """Add ``changes`` and ``trend`` to the report data; the files to write after it.

        An unreadable history is left as it is and named in ``self.error`` (and the report)."""
        now = history.run_record(data["items"], meta)
        runs: list[dict[str, Any]] = []
        if self.keep:
            try:
                runs = history.load_history(self.path)
            except HistoryError as exc:
                self.error = f"error: --checklist-history: {exc}"
        previous = self.baseline or (runs[-1] if runs else None)
        data["changes"] = self.changes = history.compare(previous, now)
        kept = [*runs, now][-max(self.keep, 1) :]
        data["trend"] = history.trend(kept)
        files = []
        if self.error:
            data["changes"]["error"] = self.error
        elif self.keep:
            files.append((self.path, history.history_text(kept, self.keep)))
        if self.save_as:
            saved = {"name": self.save_as, **now}
            path = history.baseline_path(self.path, self.save_as)
            files.append((path, json.dumps(saved, indent=1) + "\n"))
        return files


def _plain_name(name: str) -> bool:
    return bool(name) and all(c.isalnum() or c in ".-_" for c in name) and not name.startswith(".")
