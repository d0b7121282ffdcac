"""The systems a stateful run drives: both fakes on one clock, reached by the engine either
in-process (responses) or over loopback HTTP (serve_fakes); a fresh world per example."""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fakes import (
    DEFAULT_API_KEY,
    DEFAULT_AUTH_CODE,
    CustomerpFake,
    FakeClock,
    InProcess,
    WebcrmFake,
    serve_fakes,
)
from talksync import EngineConfig, create_engine

ROOT = Path(__file__).resolve().parents[2]
CHECKLIST = [
    ROOT / "checklists" / "customerp-webcrm.rst",
    ROOT / "checklists" / "customerp-webcrm.supplement.rst",
]


@dataclass
class Systems:
    """Both fakes, their clock and the URLs the engine uses; ``fresh()`` empties the world."""

    mode: str  # "in-process" | "served"
    workdir: Path
    clock: FakeClock = field(default_factory=FakeClock)
    customerp_url: str = ""
    webcrm_url: str = ""
    mock: Any = None  # the responses mock of in-process mode (its call log is emptied per example)
    tally: Counter[str] = field(default_factory=Counter)  # what the examples exercised
    _states: Iterator[int] = field(default_factory=itertools.count)

    def __post_init__(self) -> None:
        self.webcrm = WebcrmFake(clock=self.clock)
        self.customerp = CustomerpFake(clock=self.clock)
        self.customerp_url = self.customerp_url or self.customerp.base_url
        self.webcrm_url = self.webcrm_url or self.webcrm.base_url

    def fresh(self) -> Path:
        """Empty both fakes (the clock goes on) and return a new engine state file (the last
        example's engine is closed by now: its file goes, else thousands would pile up)."""
        for old in self.workdir.glob("state-*.sqlite*"):
            old.unlink()
        self.webcrm.reset()
        self.customerp.reset()
        if self.mock is not None:  # else every request of every example stays in memory:
            self.mock.calls.reset()  # in the mock's call log and in each callback's own
            for registered in self.mock.registered():
                registered.calls.reset()
        self.tally["examples"] += 1
        return self.workdir / f"state-{next(self._states)}.sqlite"

    def engine(self, state_path: Path) -> Any:
        """An engine through the one factory (so ``TALKQA_ENGINE`` applies here too)."""
        return create_engine(
            EngineConfig(
                customerp_url=self.customerp_url,
                customerp_api_key=DEFAULT_API_KEY,
                webcrm_url=self.webcrm_url,
                webcrm_auth_code=DEFAULT_AUTH_CODE,
                state_path=state_path,
                checklist=CHECKLIST,
                clock=self.clock.now,
                sleep=self.sleep,
            )
        )

    def sleep(self, seconds: float) -> None:
        """The engine never really sleeps: its waits move the shared clock."""
        self.clock.advance(max(seconds, 0.0))

    def fake(self, system: str) -> Any:
        return self.customerp if system == "customerp" else self.webcrm


@contextmanager
def in_process(workdir: Path) -> Iterator[Systems]:
    """The fakes answer at their real addresses through one responses mock."""
    systems = Systems("in-process", workdir)
    with InProcess(systems.webcrm, systems.customerp) as mock:
        systems.mock = mock
        yield systems


@contextmanager
def served(workdir: Path) -> Iterator[Systems]:
    """The fakes served on loopback ports; the engine talks real HTTP to them."""
    systems = Systems("served", workdir)
    with serve_fakes(systems.webcrm, systems.customerp, host="127.0.0.1") as urls:
        systems.customerp_url, systems.webcrm_url = urls["customerp"], urls["webcrm"]
        yield systems
