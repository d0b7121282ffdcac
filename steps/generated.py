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

from checklist.systems import SOURCE, TARGET, EntityKind, counterpart
from steps.mirror import differences
from steps.profiles import active
from steps.scene import ScenarioError, Scene
from steps.strategies import entity_values
from steps.systems import kind

EXAMPLE = "generated example"
SHRINK_RUNS = {"dev": 20, "ci": 50}  # real runs while shrinking; thorough: no cap


@dataclass
class ExampleRuns:
    """The outcome of every example that really ran, and a cap on runs while shrinking.

    Each run needs fresh fakes and an engine, so a shrink of a broken engine could take
    minutes. An example seen before is not run again: its outcome (the same world, the same
    engine) is replayed. Once a failure is found, at most ``limit`` new examples run (``None``:
    no cap); the rest are rejected, so hypothesis stops early and prints the smallest failure
    found so far.
    """

    limit: int | None
    outcomes: dict[str, str | None] = field(default_factory=dict)  # example -> failure or None
    runs_after_failure: int = 0

    def seen(self, key: str) -> bool:
        return key in self.outcomes

    def allows(self, key: str) -> bool:
        if self.limit is None or not any(self.outcomes.values()):
            return True
        self.runs_after_failure += 1
        return self.runs_after_failure <= self.limit


@dataclass
class Generated:
    """Entities of ``source`` kind, generated on ``side`` (SOURCE: created; TARGET: edited)."""

    source: EntityKind
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
        name, profile = active()
        self.scene.evidence_note(f"hypothesis profile {name}, {profile.max_examples} examples")
        runs = ExampleRuns(SHRINK_RUNS.get(name))
        what = f"{self.side} {self.source.name if self.side == SOURCE else 'edit'}"

        @profile
        @given(values=entity_values(self.source, self.side))
        def arrives_unchanged(values: dict[str, Any]) -> None:
            key = repr(values)
            note(f"generated {what}: {key}")  # printed with the shrunk failing example
            if not runs.seen(key):
                if not runs.allows(key):
                    reject()
                runs.outcomes[key] = self._run(values)
            failure = runs.outcomes[key]
            if failure is not None:
                raise AssertionError(failure)

        arrives_unchanged()

    def _run(self, values: dict[str, Any]) -> str | None:
        """One example in a fresh world: why it did not arrive unchanged (None: it did)."""
        scene = self.scene
        assert scene is not None
        scene.fresh()
        note(f"faker {scene.data}")
        try:
            if self.side == SOURCE:
                self._create(scene, values)
            else:
                self._edit(scene, values)
            found = differences(scene, EXAMPLE)
        except ScenarioError as exc:  # no counterpart at all: say what the engine refused
            reason = str(exc).split("\n[faker ")[0]
            found = [reason, f"the engine's dead letters: {scene.driver.dead_letters()}"]
        if not found:
            return None
        return str(scene.error("the example did not arrive unchanged:\n  " + "\n  ".join(found)))

    def _create(self, scene: Scene, values: dict[str, Any]) -> None:
        fields = dict(values)
        if self.source.name == "Contact":
            owner = scene.create(kind(SOURCE, "Customer"), "owner", scene.data.customer())
            fields["customer_id"] = owner.id
        scene.create(self.source, EXAMPLE, fields)
        scene.run_cycle()
        scene.synchronize()

    def _edit(self, scene: Scene, values: dict[str, Any]) -> None:
        if self.source.name == "Contact":
            owner = scene.create(kind(SOURCE, "Customer"), "owner", scene.data.customer())
            scene.create(self.source, EXAMPLE, scene.data.contact(owner.id))
        else:
            faker_fields = getattr(scene.data, self.source.name.lower())()
            scene.create(self.source, EXAMPLE, faker_fields)
        scene.run_cycle()
        scene.synchronize()
        target = counterpart(self.source)
        record = scene.require_record(EXAMPLE, TARGET)
        if values:
            scene.webcrm.ui_update(target.collection, record[target.id_field], values)
        scene.run_cycle()
        scene.synchronize()
