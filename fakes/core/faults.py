"""FaultPlan: injected failures, matched by service, method and path, reproducible under a seed."""

from __future__ import annotations

import fnmatch
import random
import threading
from dataclasses import dataclass, field
from typing import Any

# ``expire_token``: the access token a matching request carries expires once it is answered
# (a cycle outliving its token); a system that authenticates with an API key ignores it.
ACTIONS = ("status", "throttle", "latency", "connection_error", "timeout", "commit_then_fail",
           "expire_token")  # fmt: skip
_KEYS = {"service", "method", "path", "action", "status", "retry_after", "seconds", "times"}
_KEYS |= {"probability", "seed"}
_MISSING = object()


class FaultRuleError(ValueError):
    """A rule dict that cannot be used; ``field`` names the offending key."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.index = 0


@dataclass(slots=True)
class FaultRule:
    """One rule; ``times`` None means forever; ``rng`` decides ``probability``."""

    action: str
    method: str = "*"
    path: str = "*"
    status: int | None = None
    retry_after: int = 14
    seconds: float = 0.05
    times: int | None = 1
    probability: float | None = None
    service: str | None = None
    seed: int | None = None
    rng: random.Random = field(default_factory=random.Random, repr=False)

    def matches(self, service: str, method: str, path: str) -> bool:
        return (
            (self.service is None or self.service == service)
            and (self.method == "*" or self.method == method)
            and fnmatch.fnmatchcase(path, self.path)
        )

    def as_dict(self) -> dict[str, Any]:
        keys = ("action", "method", "path", "status", "retry_after", "seconds", "times")
        out = {k: getattr(self, k) for k in keys}
        for optional in ("probability", "seed", "service"):
            if getattr(self, optional) is not None:
                out[optional] = getattr(self, optional)
        return out


class FaultPlan:
    """Ordered rules; the first matching rule that fires (probability roll) is consumed once.

    Each fake owns one plan named after it (``service``); a rule with a ``service`` key fires
    only in the plan of that name, so one rule list can be posted to both fakes unchanged.

    A rule without its own ``seed`` draws from ``Random(f"{plan seed}:{n}")`` where n counts
    rules added since the last clear, so a plan replays identically under the same seed.
    """

    def __init__(self, service: str = "", seed: int = 0) -> None:
        self.service = service
        self.seed = seed
        self._rules: list[FaultRule] = []
        self._added = 0
        self._lock = threading.Lock()

    @property
    def rules(self) -> list[FaultRule]:
        return list(self._rules)

    def add(self, rule: dict[str, Any]) -> FaultRule:
        """Validate and append a rule dict (format in CONTRACT.md); FaultRuleError if bad."""
        return self.extend([rule])[0]

    def extend(self, rules: list[Any]) -> list[FaultRule]:
        """Validate every rule, then append them all (none if any is bad)."""
        with self._lock:
            parsed = []
            for i, rule in enumerate(rules):
                try:
                    parsed.append(parse_rule(rule, f"{self.seed}:{self._added + i}"))
                except FaultRuleError as err:
                    err.index = i
                    raise
            self._added += len(parsed)
            self._rules.extend(parsed)
            return parsed

    def clear(self) -> None:
        with self._lock:
            self._rules.clear()
            self._added = 0

    def take(self, method: str, path: str) -> FaultRule | None:
        """The rule to apply to this request, if any; uses up one of its ``times``."""
        if not self._rules:
            return None
        with self._lock:
            for rule in self._rules:
                if not rule.matches(self.service, method, path):
                    continue
                if rule.probability is not None and rule.rng.random() >= rule.probability:
                    continue
                if rule.times is not None:
                    rule.times -= 1
                    if rule.times <= 0:
                        self._rules.remove(rule)
                return rule
        return None


def parse_rule(raw: Any, default_seed: str) -> FaultRule:
    """Build a FaultRule from its dict form, naming the first bad key."""
    if not isinstance(raw, dict):
        raise FaultRuleError("rule", "must be an object")
    for key in raw:
        if key not in _KEYS:
            raise FaultRuleError(str(key), "unknown key")
    action = raw.get("action")
    if action not in ACTIONS:
        raise FaultRuleError("action", f"must be one of {', '.join(ACTIONS)}")
    seed = raw.get("seed")
    if seed is not None and (not isinstance(seed, int) or isinstance(seed, bool)):
        raise FaultRuleError("seed", "must be an integer")
    return FaultRule(
        action=action,
        method=_text(raw, "method", "*").upper(),
        path=_text(raw, "path", "*"),
        status=_status(raw, action),
        retry_after=int(_number(raw, "retry_after", 14, 0, None)),
        seconds=_number(raw, "seconds", 0.05 if action == "latency" else 5.0, 0, 600),
        times=_times(raw),
        probability=_probability(raw),
        service=None if raw.get("service") is None else _text(raw, "service", ""),
        seed=seed,
        rng=random.Random(default_seed if seed is None else seed),
    )


def _text(raw: dict[str, Any], key: str, default: str) -> str:
    value = raw.get(key, default)
    if not isinstance(value, str) or not value:
        raise FaultRuleError(key, "must be a non-empty string")
    return value


def _number(raw: dict[str, Any], key: str, default: float, lo: float, hi: float | None) -> float:
    value = raw.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise FaultRuleError(key, "must be a number")
    if value < lo or (hi is not None and value > hi):
        raise FaultRuleError(key, f"must be between {lo} and {hi}")
    return float(value)


def _status(raw: dict[str, Any], action: str) -> int | None:
    if action == "throttle":
        return 429
    value = raw.get("status", _MISSING)
    if value is _MISSING:
        return 500 if action in ("status", "commit_then_fail") else None
    if value is None and action == "commit_then_fail":
        return None  # drop the connection after the write
    if isinstance(value, bool) or not isinstance(value, int) or not 400 <= value <= 599:
        raise FaultRuleError("status", "must be an HTTP error status 400..599")
    return value


def _times(raw: dict[str, Any]) -> int | None:
    value = raw.get("times", 1)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise FaultRuleError("times", "must be a positive integer or null (forever)")
    return value


def _probability(raw: dict[str, Any]) -> float | None:
    if raw.get("probability") is None:
        return None
    return _number(raw, "probability", 1.0, 0.0, 1.0)
