"""Conformance power: the suite (``pytest features/``) must fail against every mutant of the
catalogue, on the checklist items the mutant breaks, and pass against the reference engine -
under the faker seeds of tests/mutants/seeds.py too, so that no kill rests on luck. Slow (one
suite run per mutant and seed): marked ``campaign``, run with ``--run-campaigns``
(``--campaign-seeds=all``: every mutant under every seed). A mutant only the large-volume
scenarios kill runs them (``--volume``)."""

from __future__ import annotations

import pytest
from campaign import run_suite
from catalogue import MUTANTS
from seeds import campaign_seeds, reference_seeds, seed_id


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    mode = metafunc.config.getoption("--campaign-seeds")
    if "mutant" in metafunc.fixturenames:
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
def test_the_suite_kills_the_mutant_on_the_items_it_breaks(mutant, seed, tmp_path, kill_board):
    key = f"{mutant.name} ({seed_id(seed)})"
    kill_board[key] = None
    run = run_suite(mutant.spec, tmp_path, *(["--volume"] if mutant.volume else []), seed=seed)
    assert run.returncode == 1, f"{key} ({mutant.bug}) survived:\n{run.tail}"
    missing = set(mutant.breaks) - run.failed
    assert not missing, f"{key}: items not failed: {sorted(missing)}\n{run.tail}"
    kill_board[key] = sorted(run.failed)
