"""Conformance power: the suite (``pytest features/``) must fail against every mutant of the
catalogue, on the checklist items the mutant breaks, and pass against the reference engine -
under the faker seeds of tests/mutants/seeds.py too, so that no kill rests on luck, and
in both bindings: in-process (``TALKQA_ENGINE``) and as a command against served fakes
(``python -m tests.mutants.command NAME``). Slow (one suite run per mutant and binding):
marked ``campaign``, run with ``--run-campaigns``. Through the command binding CI runs a fixed
sample of mutants (``campaign.COMMAND_SAMPLE``; all with ``--command-mutants=all``). In both
bindings each mutant runs only against the scenarios of the items it breaks
(``--checklist-item``), which must fail; the whole suite with ``--mutant-scenarios=all``."""

from __future__ import annotations

import pytest
from campaign import (
    COMMAND_SAMPLE,
    command_args,
    item_args,
    mutant_command,
    run_suite,
)
from catalogue import MUTANTS, Mutant
from seeds import campaign_seeds, reference_seeds, seed_id

SEEDED = ("test_the_suite_kills_the_mutant_on_the_items_it_breaks",)


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """In-process kills under the campaign's seeds (``--campaign-seeds``); the reference too."""
    mode = metafunc.config.getoption("--campaign-seeds")
    if metafunc.function.__name__ in SEEDED:
        cases = [(m, s) for m in MUTANTS for s in campaign_seeds(m.name, mode)]
        ids = [f"{m.name}-{seed_id(s)}" for m, s in cases]
        metafunc.parametrize(("mutant", "seed"), cases, ids=ids)
    elif "seed" in metafunc.fixturenames:
        seeds = list(reference_seeds(mode))
        metafunc.parametrize("seed", seeds, ids=[seed_id(s) for s in seeds])


@pytest.mark.campaign
def test_the_suite_passes_the_reference_engine(tmp_path, seed):
    run = run_suite(None, tmp_path, "--volume", seed=seed)
    assert run.returncode == 0, run.tail
    assert run.items and set(run.items.values()) == {"passed"}, run.items


@pytest.mark.campaign
def test_the_suite_kills_the_mutant_on_the_items_it_breaks(
    mutant, seed, tmp_path, kill_board, request
):
    key = f"{mutant.name} ({seed_id(seed)})"
    kill_board[key] = None
    run = run_suite(mutant.spec, tmp_path, *_scenarios(mutant, request), seed=seed)
    assert run.returncode == 1, f"{key} ({mutant.bug}) survived:\n{run.tail}"
    missing = set(mutant.breaks) - run.failed
    assert not missing, f"{key}: items not failed: {sorted(missing)}\n{run.tail}"
    kill_board[key] = sorted(run.failed)


@pytest.mark.campaign
@pytest.mark.parametrize("mutant", MUTANTS, ids=lambda m: m.name)
def test_the_command_binding_kills_the_mutant_on_the_items_it_breaks(
    mutant: Mutant, tmp_path, kill_board, request
):
    name = f"{mutant.name} (command)"
    if mutant.name not in COMMAND_SAMPLE and request.config.getoption("--command-mutants") != "all":
        pytest.skip("not in the command binding's CI sample: run with --command-mutants=all")
    kill_board[name] = None
    run = run_suite(None, tmp_path, *command_args(mutant_command(mutant.name)),
                    *_scenarios(mutant, request))  # fmt: skip
    assert run.returncode == 1, f"{name} ({mutant.bug}) survived:\n{run.tail}"
    missing = set(mutant.breaks) - run.failed
    assert not missing, f"{name}: items not failed: {sorted(missing)}\n{run.tail}"
    kill_board[name] = sorted(run.failed)


def _scenarios(mutant: Mutant, request: pytest.FixtureRequest) -> list[str]:
    """The scenarios of the items the mutant breaks (the default), or all of them; the
    ``@volume`` ones too for a mutant only they kill."""
    every = request.config.getoption("--mutant-scenarios") == "all"
    volume = ["--volume"] if mutant.volume else []
    return [*volume, *item_args(() if every else mutant.breaks)]
