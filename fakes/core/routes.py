"""Routes as data, and the table that finds the one a request names (werkzeug's router)."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote

from werkzeug.exceptions import HTTPException, MethodNotAllowed, NotFound
from werkzeug.routing import Map, MapAdapter, Rule

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


@dataclass(frozen=True, slots=True)
class BoundRoute:
    """A route bound to its handler callable."""

    route: Route
    call: Handler


class RouteTable:
    """The routes of one fake, matched by werkzeug's router (a state machine, not a scan)."""

    def __init__(self, routes: Iterable[Route], target: object) -> None:
        self.routes = tuple(routes)
        self._bound = [BoundRoute(r, getattr(target, r.handler)) for r in self.routes]
        self._urls = _url_map(tuple((r.method.upper(), r.pattern) for r in self.routes))

    def find(self, method: str, path: str) -> tuple[BoundRoute, dict[str, Any]]:
        """The route for ``method path`` and its path parameters; HttpError 404/405 if none.

        ``path`` is as sent (percent-encoded): segments are split first, then decoded."""
        try:
            if path.startswith("//"):  # werkzeug strips leading slashes; any doubled one is a 404
                raise NotFound()
            index, raw = self._urls.match(path, method)
        except MethodNotAllowed as exc:
            allowed = ", ".join(sorted(exc.valid_methods or ()))
            msg = f"{method} is not allowed on {path}"
            raise HttpError(405, "method_not_allowed", msg, headers={"Allow": allowed}) from None
        except HTTPException:  # NotFound, or a redirect werkzeug would offer for a slash
            raise HttpError(404, "not_found", f"no such resource: {path}") from None
        params = {k: unquote(v) if isinstance(v, str) else v for k, v in raw.items()}
        return self._bound[index], params


@functools.cache
def _url_map(routes: tuple[tuple[str, str], ...]) -> MapAdapter:
    """The compiled router of ``(method, pattern)`` pairs, endpoints their indexes; compiled
    once per route list, as every fresh fake of a kind shares it (compiling costs ~0.1 s)."""
    rules = [_rule(method, pattern, index) for index, (method, pattern) in enumerate(routes)]
    return Map(rules, merge_slashes=False).bind("fake")


def _rule(method: str, pattern: str, index: int) -> Rule:
    """``/x/{id:int}/{name}`` as werkzeug's ``/x/<int:id>/<name>``, for ``method`` only."""
    path = _PARAM.sub(lambda m: f"<{m.group(2) or 'string'}:{m.group(1)}>", pattern)
    rule = Rule(path, methods=[method], endpoint=index)
    rule.methods = {method}  # werkzeug adds HEAD to GET; the systems do not
    return rule
