"""The faker seeds of the mutant campaign: a kill must not depend on luck (names that happen to
sort one way), so mutants also run under fixed seeds (``TALKQA_SEED``), where every kill must
hold too. CI runs a fixed sample; ``--campaign-seeds=all`` runs every mutant under every seed."""

from __future__ import annotations

from collections.abc import Iterable

# Besides None (each scenario's own seed, from its node id: the suite's default): the fixed
# seeds of --campaign-seeds=all, and the one CI's sample adds (CI has 30 minutes in all).
EXTRA_SEEDS = (1, 2, 3)
SAMPLE_SEEDS = (1,)
# Mutants whose kills rest on generated data (names, keys, values that must differ): in CI
# they run under every extra seed as well.
SAMPLE = ("swapped-properties", "merge-by-name", "merge-by-key", "dropped-property")


def campaign_seeds(mutant: str, mode: str) -> list[int | None]:
    """The seeds one mutant runs under in this mode ("sample" or "all")."""
    if mode == "all":
        return [None, *EXTRA_SEEDS]
    return [None, *SAMPLE_SEEDS] if mutant in SAMPLE else [None]


def seed_id(seed: int | None) -> str:
    return "own-seeds" if seed is None else f"seed-{seed}"


def reference_seeds(mode: str) -> Iterable[int | None]:
    """The reference engine must pass under every seed the campaign uses."""
    return [None, *(EXTRA_SEEDS if mode == "all" else SAMPLE_SEEDS)]
