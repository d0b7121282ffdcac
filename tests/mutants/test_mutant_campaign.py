"""Conformance power: the suite (``pytest features/``) must fail against every mutant of the
catalogue, on the checklist items the mutant breaks, and pass against the reference engine.
Slow (one suite run per mutant): marked ``campaign``, run with ``--run-campaigns``."""

from __future__ import annotations

import pytest
from campaign import run_suite
from catalogue import MUTANTS, Mutant


@pytest.mark.campaign
def test_the_suite_passes_the_reference_engine(tmp_path):
    run = run_suite(None, tmp_path)
    assert run.returncode == 0, run.tail
    assert run.items and set(run.items.values()) == {"passed"}, run.items


@pytest.mark.campaign
@pytest.mark.parametrize("mutant", MUTANTS, ids=lambda m: m.name)
def test_the_suite_kills_the_mutant_on_the_items_it_breaks(mutant: Mutant, tmp_path, kill_board):
    kill_board[mutant.name] = None
    run = run_suite(mutant.spec, tmp_path)
    assert run.returncode == 1, f"{mutant.name} ({mutant.bug}) survived:\n{run.tail}"
    missing = set(mutant.breaks) - run.failed
    assert not missing, f"{mutant.name}: items not failed: {sorted(missing)}\n{run.tail}"
    kill_board[mutant.name] = sorted(run.failed)
