"""When steps: the one action a scenario is about - the engine runs."""

from __future__ import annotations

from steps.generated import Generated
from steps.scene import Scene
from steps.vocabulary import FRESH_SYSTEMS, when


@when(r"the engine runs a sync cycle")
def engine_runs_a_cycle(scene: Scene) -> None:
    """One sync cycle of the engine against both fakes."""
    scene.run_cycle()


@when(r"the engine runs a sync cycle for each generated example", need=FRESH_SYSTEMS)
def engine_runs_per_example(scene: Scene, generated: Generated) -> None:
    """Arms the property: each generated example gets fresh fakes, its own engine and cycles.

    The examples run in the Then step, inside hypothesis, so a failure shrinks to the
    smallest example and hypothesis prints it.
    """
    generated.arm(scene)
