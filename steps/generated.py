"""Generated: a property over many generated entities, run inside one Then step.

``@hypothesis.given`` does not combine with pytest-bdd scenario functions, so the Given step
builds a ``Generated`` (what to generate), the When step arms it with the scenario's scene, and
the Then step runs it: every example gets fresh fakes and a fresh engine, is synchronized, and
must arrive unchanged; a failure is shrunk and hypothesis prints the smallest example.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from hypothesis import given, note, reject

from steps.mirror import differences
from steps.profiles import active
from steps.scene import Scene
from steps.strategies import entity_values
from steps.systems import SOURCE, TARGET, Kind, counterpart, id_field, kind

EXAMPLE = "generated example"
SHRINK_RUNS = {"dev": 20, "ci": 50}  # real runs while shrinking; thorough: no cap


@dataclass
class ShrinkBudget:
    """Caps the real runs while hypothesis shrinks a failure (``None``: no cap).

    Each run needs fresh fakes and an engine, so an uncapped shrink of a broken engine can
    take minutes. Once the cap is spent, only inputs already seen failing run again; the rest
    are rejected, so hypothesis stops early and prints the smallest failure found so far.
    """

    limit: int | None
    failed: set[str] = field(default_factory=set)
    runs_after_failure: int = 0

    def allows(self, key: str) -> bool:
        if self.limit is None or not self.failed or key in self.failed:
            return True
        self.runs_after_failure += 1
        return self.runs_after_failure <= self.limit


@dataclass
class Generated:
    """Entities of ``source`` kind, generated on ``side`` (SOURCE: created; TARGET: edited)."""

    source: Kind
    side: str
    scene: Scene | None = None

    def arm(self, scene: Scene) -> None:
        self.scene = scene

    def check(self, arrives_in: str) -> None:
        if self.scene is None:
            raise AssertionError("no When step armed the generated examples")
        expected = TARGET if self.side == SOURCE else SOURCE
        if arrives_in != expected:
            raise AssertionError(f"examples generated in {self.side} arrive in {expected}")
        scene = self.scene
        name, profile = active()
        scene.evidence_note(f"hypothesis profile {name}, {profile.max_examples} examples")
        budget = ShrinkBudget(SHRINK_RUNS.get(name))

        @profile
        @given(values=entity_values(self.source, self.side))
        def arrives_unchanged(values: dict[str, Any]) -> None:
            key = repr(values)
            if not budget.allows(key):
                reject()
            scene.fresh()
            note(f"faker {scene.data}")
            if self.side == SOURCE:
                self._create(scene, values)
            else:
                self._edit(scene, values)
            found = differences(scene, EXAMPLE)
            if found:
                budget.failed.add(key)
                raise scene.error("the example did not arrive unchanged:\n  " + "\n  ".join(found))

        arrives_unchanged()

    def _create(self, scene: Scene, values: dict[str, Any]) -> None:
        fields = dict(values)
        if self.source.name == "Contact":
            owner = scene.create(kind(SOURCE, "Customer"), "owner", scene.data.customer())
            fields["customer_id"] = owner.id
        scene.create(self.source, EXAMPLE, fields)
        scene.run_cycle()

    def _edit(self, scene: Scene, values: dict[str, Any]) -> None:
        if self.source.name == "Contact":
            owner = scene.create(kind(SOURCE, "Customer"), "owner", scene.data.customer())
            scene.create(self.source, EXAMPLE, scene.data.contact(owner.id))
        else:
            faker_fields = getattr(scene.data, self.source.name.lower())()
            scene.create(self.source, EXAMPLE, faker_fields)
        scene.run_cycle()
        target = counterpart(self.source)
        record = scene.require_record(EXAMPLE, TARGET)
        if values:
            scene.webcrm.ui_update(target.collection, record[id_field(target)], values)
        scene.run_cycle()
