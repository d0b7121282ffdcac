"""The mutant catalogue is well formed: enough distinct mutants, each with a one-line bug, a
selectable factory and checklist items that exist in the checklist in force."""

from __future__ import annotations

import pytest
from campaign import ROOT
from catalogue import MUTANTS, Mutant

from checklist import checklists_in_force, load_checklist
from talksync.factory import ENV, engine_factory

ITEMS = {item.id for item in load_checklist(checklists_in_force()).items}


def test_the_catalogue_holds_at_least_35_distinct_mutants():
    assert len(MUTANTS) >= 35
    assert len({m.name for m in MUTANTS}) == len(MUTANTS)
    assert len({m.factory for m in MUTANTS}) == len(MUTANTS)


@pytest.mark.parametrize("mutant", MUTANTS, ids=lambda m: m.name)
def test_each_mutant_names_its_bug_and_the_items_it_breaks(mutant: Mutant):
    assert mutant.bug and "\n" not in mutant.bug
    assert mutant.breaks
    assert set(mutant.breaks) <= ITEMS, set(mutant.breaks) - ITEMS


@pytest.mark.parametrize("mutant", MUTANTS, ids=lambda m: m.name)
def test_each_mutant_is_selectable_through_the_engine_switch(mutant: Mutant, monkeypatch):
    monkeypatch.syspath_prepend(str(ROOT))
    monkeypatch.setenv(ENV, mutant.spec)
    factory = engine_factory()
    assert factory.__name__ == mutant.factory
    assert factory.__module__ == mutant.module
