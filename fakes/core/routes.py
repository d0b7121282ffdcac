"""Routes as data and a route table that finds one without scanning every route."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote

from fakes.core.messages import FakeRequest, FakeResponse, HttpError

Handler = Callable[[FakeRequest], FakeResponse]
_PARAM = re.compile(r"\{(\w+)(?::(int|str))?\}")


@dataclass(frozen=True, slots=True)
class Route:
    """One operation: ``Route("GET", "/customers/{id:int}", "get_record", {"collection": ...})``.

    ``handler`` names a method of the handler object the table is bound to; ``fixed``
    values are merged into ``request.params``; ``auth=False`` marks public routes
    (e.g. the login) for the fake's ``authorize`` hook; ``write=True`` marks routes
    that change state (informational, e.g. for commit-then-fail).
    """

    method: str
    pattern: str
    handler: str
    fixed: Mapping[str, Any] = field(default_factory=dict)
    auth: bool = True
    write: bool = False


@dataclass(slots=True)
class BoundRoute:
    """A route compiled and bound to its handler callable."""

    route: Route
    call: Handler
    regex: re.Pattern[str] | None
    ints: frozenset[str]


class RouteTable:
    """Method -> exact paths (dict) and method -> first segment -> few patterns."""

    def __init__(self, routes: Iterable[Route], target: object) -> None:
        self.routes = tuple(routes)
        self._static: dict[str, dict[str, BoundRoute]] = {}
        self._dynamic: dict[str, dict[str, list[BoundRoute]]] = {}
        for route in self.routes:
            self._add(route, getattr(target, route.handler))

    def _add(self, route: Route, call: Handler) -> None:
        method = route.method.upper()
        if not _PARAM.search(route.pattern):
            self._static.setdefault(method, {})[route.pattern] = BoundRoute(
                route, call, None, frozenset()
            )
            return
        ints = frozenset(m.group(1) for m in _PARAM.finditer(route.pattern) if m.group(2) == "int")
        regex = re.compile("^" + _PARAM.sub(_group, route.pattern) + "$")
        first = _first_segment(route.pattern)
        key = "{}" if "{" in first else first
        self._dynamic.setdefault(method, {}).setdefault(key, []).append(
            BoundRoute(route, call, regex, ints)
        )

    def find(self, method: str, path: str) -> tuple[BoundRoute, dict[str, Any]]:
        """The route for ``method path`` and its path parameters; HttpError 404/405 if none."""
        found = self._lookup(method, path)
        if found is not None:
            return found
        allowed = sorted(m for m in self._methods() if m != method and self._lookup(m, path))
        if allowed:
            msg = f"{method} is not allowed on {path}"
            raise HttpError(405, "method_not_allowed", msg, headers={"Allow": ", ".join(allowed)})
        raise HttpError(404, "not_found", f"no such resource: {path}")

    def _lookup(self, method: str, path: str) -> tuple[BoundRoute, dict[str, Any]] | None:
        static = self._static.get(method)
        if static is not None and path in static:
            return static[path], {}
        buckets = self._dynamic.get(method)
        if not buckets:
            return None
        for key in (_first_segment(path), "{}"):
            for bound in buckets.get(key, ()):
                assert bound.regex is not None
                match = bound.regex.match(path)
                if match:
                    return bound, _params(match.groupdict(), bound.ints)
        return None

    def _methods(self) -> set[str]:
        return set(self._static) | set(self._dynamic)


def _group(match: re.Match[str]) -> str:
    name, kind = match.group(1), match.group(2)
    return f"(?P<{name}>\\d+)" if kind == "int" else f"(?P<{name}>[^/]+)"


def _first_segment(path: str) -> str:
    return path.split("/", 2)[1] if path.startswith("/") and len(path) > 1 else ""


def _params(raw: dict[str, str], ints: frozenset[str]) -> dict[str, Any]:
    return {k: int(v) if k in ints else unquote(v) for k, v in raw.items()}
