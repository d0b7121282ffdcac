"""The stateful sync test: the same state machine (sync_machine) runs against the fakes
in-process and served on loopback. Examples per profile (``TALKQA_PROFILE``, the feature
suite's own switch in steps/profiles.py; ``python3 run.py test``, and so CI, runs ``ci``):
dev 25, ci 200, thorough 5,000 in-process (10 / 200 / 1,000 served)."""

from __future__ import annotations

import hypothesis.internal.conjecture.engine as hypothesis_engine
import pytest
from hypothesis import settings
from hypothesis.stateful import run_state_machine_as_test
from sync_machine import SyncMachine
from sync_world import in_process, served

from steps.profiles import active

# (in-process examples, served examples, steps per example) per profile
EXAMPLES = {"dev": (25, 10, 12), "ci": (200, 200, 12), "thorough": (5000, 1000, 20)}
# Seconds hypothesis may spend shrinking a failure: every run needs fresh fakes and an engine,
# so shrinking a broken engine's failure could take hypothesis's own limit of five minutes.
# Past the budget it prints the smallest failing example found so far (with a warning that
# it stopped shrinking). thorough keeps hypothesis's own limit.
SHRINK_SECONDS = {"dev": 20, "ci": 60}
EXERCISED = (
    "cycles",
    "cycles that rode out faults",
    "creates through commit-then-fail",
    "edits in both systems",
    "deletes of products",
    "deletes of Products",
)


def machine_settings(mode: str) -> settings:
    """The active profile's settings with this test's example and step counts."""
    name, profile = active()
    in_proc, over_http, steps = EXAMPLES[name]
    examples = in_proc if mode == "in-process" else over_http
    return settings(profile, max_examples=examples, stateful_step_count=steps)


@pytest.fixture
def shrink_budget(monkeypatch: pytest.MonkeyPatch) -> None:
    """Caps shrinking in dev and ci (hypothesis documents the constant as monkeypatchable)."""
    seconds = SHRINK_SECONDS.get(active()[0])
    if seconds is not None:
        monkeypatch.setattr(hypothesis_engine, "MAX_SHRINKING_SECONDS", seconds)


@pytest.mark.usefixtures("shrink_budget")
@pytest.mark.parametrize("world", [in_process, served], ids=["in-process", "served"])
def test_sync_converges_to_the_model_under_edits_deletes_and_faults(world, tmp_path):
    with world(tmp_path) as systems:
        run_state_machine_as_test(
            lambda: SyncMachine(systems),  # type: ignore[arg-type,return-value]
            settings=machine_settings(systems.mode),
        )
    print(f"{systems.mode}: {dict(sorted(systems.tally.items()))}")
    # the examples did reach the behaviour under test (else this test would prove little)
    assert all(systems.tally[what] > 0 for what in EXERCISED), systems.tally
