"""What "equal in both systems" means for one linked pair, row by row of the checklist.

Each property row of the entity's flow compares the Customerp value at the row's source path
with the webCRM value of the row's target property, and checks both against the row's declared
data type. Empty is empty on both sides: webCRM has no null (an unset string is "", an unset
number 0), so None equals "" for strings and None equals 0 for numbers.
"""

from __future__ import annotations

import math
from typing import Any

from checklist.systems import SOURCE, TARGET
from steps.scene import Scene, checklist
from steps.systems import REFERENCES, get_path, modelled

JSON_TYPES: dict[str, tuple[type, ...]] = {
    "string": (str,),
    "integer": (int,),
    "float": (int, float),
    "decimal": (int, float),
    "boolean": (bool,),
}


def type_error(value: Any, declared: str) -> str | None:
    """Why ``value`` is not a JSON ``declared`` (None: it is, or it is empty)."""
    if value is None or declared not in JSON_TYPES:
        return None
    wanted = JSON_TYPES[declared]
    if isinstance(value, bool) and bool not in wanted:
        return f"{value!r} is a JSON boolean, not a JSON {declared}"
    if not isinstance(value, wanted):
        return f"{value!r} is a JSON {type(value).__name__}, not a JSON {declared}"
    return None


def same_value(a: Any, b: Any, declared: str) -> bool:
    """Equal as the declared type says, with empty equal to empty."""
    if declared in ("float", "decimal", "integer"):
        a, b = a or 0, b or 0
        if isinstance(a, int | float) and isinstance(b, int | float):
            return math.isclose(a, b, rel_tol=1e-12, abs_tol=0.0)
        return bool(a == b)
    if declared == "string":
        return (a or "") == (b or "")
    return bool(a == b)


def differences(scene: Scene, alias: str) -> list[str]:
    """Every mapped property where the linked pair disagrees (value or JSON type)."""
    source = scene.require_record(alias, SOURCE)
    target = scene.require_record(alias, TARGET)
    flow_id = scene.entity(alias).kind.flow_id
    found = []
    for row in modelled(flow_id, checklist().flow(flow_id).properties):
        left, right = get_path(source, row.source), get_path(target, row.target)
        for side, value in ((SOURCE, left), (TARGET, right)):
            problem = type_error(value, row.type)
            if problem:
                found.append(f"{side} {row.source if side == SOURCE else row.target}: {problem}")
        if (SOURCE, row.source) in REFERENCES:
            flow_of_reference = REFERENCES[SOURCE, row.source].flow_id
            left = scene.linked(flow_of_reference, SOURCE, left) if left is not None else None
        if not same_value(left, right, row.type):
            found.append(
                f"{row.source} -> {row.target}: Customerp {get_path(source, row.source)!r}"
                f" but Webcrm {right!r}"
            )
    return found


def synchronized(scene: Scene) -> None:
    """Every Customerp entity that can arrive has an equal Webcrm counterpart (waited for).

    Only what the flows synchronize is waited for: entities created in Customerp; one
    holding a value webCRM refuses (or whose Customer does) cannot arrive.
    """

    def check() -> None:
        for alias, entity in scene.entities.items():
            if entity.kind.system != SOURCE or scene.blocked(alias):
                continue
            found = differences(scene, alias)
            if found:
                raise scene.error(f'"{alias}" differs: ' + "; ".join(found))

    scene.propagation.eventually(check)
