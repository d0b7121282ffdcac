"""Core shared by both fakes: routes, request pipeline, transports, clock, faults, control plane.

A fake is a ``FakeService`` subclass built from three parts (moto's split):

* ``models.py``: a store (state and rules, no HTTP) with ``collections``, ``reset()``,
  ``records(c)``, ``ui_create(c, fields)``, ``ui_update(c, id, fields)``, ``ui_delete(c, id)``;
* ``routes.py``: a tuple of ``Route(method, pattern, handler_name, fixed={...}, auth=True)``;
  patterns use ``{name}`` (string, URL-decoded) or ``{name:int}``;
* ``handlers.py``: an object whose methods ``handler(request: FakeRequest) -> FakeResponse``
  read ``request.params`` / ``request.query`` / ``request.json()`` / ``request.form()``,
  call the store and serialise; errors are raised as ``HttpError(status, code, message, field)``.

The pipeline (``FakeService.dispatch``), for API paths: body size (413) -> fault plan ->
route lookup (404/405) -> ``authorize(request, route)`` hook -> handler -> commit-then-fail
-> journal. Paths under ``/_fake/`` go to the control plane instead: no faults, no
``authorize`` (so no auth and no rate limit), no journal. ``render_error(err)`` and
``throttle_response(rule)`` are hooks for each API's own error bodies.

Control plane (``control.py``): ``POST /_fake/reset``, ``GET|POST /_fake/clock`` (``{"now"}``
1970..9000 or ``{"advance_seconds"}``, and/or ``{"frozen": bool}``; 422 naming the field
otherwise; GET answers ``{"now", "frozen"}``), ``/_fake/records/{c}``
(GET; POST; PATCH/DELETE ``/{id}``), ``GET|DELETE /_fake/journal``, ``GET|POST|DELETE
/_fake/faults`` (GET answers ``{"service", "seed", "rules"}``), and people at work
(``people.py``): ``POST /_fake/people/seed/{c}`` ``{"records": [...]}`` (1..20,000 created as
in the UI, answers ``{"ids"}``), ``POST /_fake/people/edit-after-read/{c}/{id}`` (fields: a
person's edit made right after the next API read that returns the record, or just before an
API write of it; ``GET /_fake/people/edits-after-read`` lists them with ``done``),
``POST /_fake/people/late-edit/{c}/{id}`` ``{"fields", "stamp"}`` (a slow commit stamped in the
past), ``POST /_fake/people/api-edit/{c}/{id}`` (another integration's API write) and
``POST /_fake/people/skew`` ``{"seconds"}`` (the system's stamps run ahead, or behind, the
shared clock; reset clears it). Fault rules (``faults.py``,
format in CONTRACT.md) match ``service`` (optional: the fake's name, so one list can be posted
to both fakes), ``method`` and an fnmatch ``path`` below the API root; ``probability`` rolls
come from the rule's ``seed`` or from the plan seed (``FakeService(seed=...)``, ``talkqa
fakes serve --seed``). Request bodies are strict JSON (no NaN/Infinity) up to ``max_body``.

Clocks (``clock.py``): ``FakeClock`` moves only when told (in-process: deterministic);
``WallClock`` follows wall time (served: ``talkqa fakes serve`` builds the fakes on one), so
rate-limit windows, ``Retry-After`` and token lifetimes end in wall time, while ``advance`` adds
an offset over wall time, ``set`` jumps, and ``freeze(True)`` stops it.

Transports: ``InProcess(*fakes)`` (``responses``, one callback per host and method) and
``serve_fakes(*fakes)`` / ``FakeServer``: ``FakeWSGIApp(fake)``, the route table as a WSGI
application on werkzeug (mount it in any WSGI server), served by cheroot on loopback
(HTTP/1.1 keep-alive, chunked request bodies).
"""

from __future__ import annotations

from fakes.core.clock import FakeClock, WallClock, format_iso_z, parse_iso
from fakes.core.faults import FaultPlan, FaultRule, FaultRuleError
from fakes.core.inprocess import InProcess
from fakes.core.journal import Journal
from fakes.core.messages import (
    MAX_BODY_BYTES,
    DropConnection,
    FakeRequest,
    FakeResponse,
    Headers,
    HttpError,
)
from fakes.core.routes import Route, RouteTable
from fakes.core.server import FakeServer, serve_fakes
from fakes.core.service import FakeService, FakeStore
from fakes.core.wsgi import FakeWSGIApp

__all__ = [
    "MAX_BODY_BYTES",
    "DropConnection",
    "FakeClock",
    "FakeRequest",
    "FakeResponse",
    "FakeServer",
    "FakeService",
    "FakeWSGIApp",
    "FakeStore",
    "FaultPlan",
    "FaultRule",
    "FaultRuleError",
    "Headers",
    "HttpError",
    "InProcess",
    "Journal",
    "Route",
    "RouteTable",
    "WallClock",
    "format_iso_z",
    "parse_iso",
    "serve_fakes",
]
