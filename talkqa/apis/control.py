"""The client of a served fake's control plane (``ROOT/_fake/``) with the in-process fakes' API.

``RemoteFake(base_url)`` offers what steps and tests use on a ``WebcrmFake`` or
``CustomerpFake`` in-process - ``records``, ``ui_create``/``ui_update``/``ui_delete``,
``journal``/``clear_journal``, ``faults.add``/``faults.clear``, ``reset`` - over HTTP, and
``RemoteClock(base_url)`` is the served fakes' shared ``FakeClock`` (``now``, ``advance``,
``set``). ``base_url`` is a fake's API root as ``talkqa fakes serve`` prints it.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import requests

from fakes.core import format_iso_z, parse_iso
from talkqa.apis.http import HttpApi


class ControlPlaneClient:
    """``call(method, path, json)`` against ``ROOT/_fake/<path>``; errors as ApiError."""

    def __init__(self, base_url: str, session: requests.Session | None = None) -> None:
        self.base_url = base_url.rstrip("/")
        self.http = HttpApi(f"{self.base_url}/_fake", session=session)

    @property
    def session(self) -> requests.Session:
        return self.http.session

    def call(self, method: str, path: str, body: Any = None) -> Any:
        response = self.http.call(method, f"/{path}", json=body)
        return response.json() if response.content else None


class RemoteFaults:
    """The served fake's FaultPlan: ``add(rule)``, ``clear()``, ``rules``."""

    def __init__(self, control: ControlPlaneClient) -> None:
        self._control = control

    def add(self, rule: dict[str, Any]) -> dict[str, Any]:
        """Append one rule (format in CONTRACT.md); returns it as the fake stored it."""
        return dict(self._control.call("POST", "faults", {"rules": [rule]})["rules"][-1])

    def clear(self) -> None:
        self._control.call("DELETE", "faults")

    @property
    def rules(self) -> list[dict[str, Any]]:
        return list(self._control.call("GET", "faults")["rules"])


class RemoteClock:
    """The served fakes' shared clock: ``now()``, ``advance(seconds)``, ``set(dt)``."""

    def __init__(self, base_url: str, session: requests.Session | None = None) -> None:
        self._control = ControlPlaneClient(base_url, session)

    def now(self) -> datetime:
        return parse_iso(self._control.call("GET", "clock")["now"])

    def advance(self, seconds: float) -> datetime:
        if seconds < 0:
            raise ValueError("the clock only advances; use set() to go back")
        return parse_iso(self._control.call("POST", "clock", {"advance_seconds": seconds})["now"])

    def set(self, dt: datetime) -> None:
        if dt.tzinfo is None:
            raise ValueError("the clock needs a timezone-aware datetime")
        self._control.call("POST", "clock", {"now": format_iso_z(dt)})

    def freeze(self, frozen: bool) -> None:
        """Stop the served clock (it then moves only when told) or let it run in wall time."""
        self._control.call("POST", "clock", {"frozen": frozen})

    def __repr__(self) -> str:
        return f"RemoteClock({self._control.base_url!r})"


class RemoteFake:
    """A served fake seen through its control plane, as the in-process fake's Python API."""

    def __init__(self, base_url: str, session: requests.Session | None = None) -> None:
        self._control = ControlPlaneClient(base_url, session)
        self.base_url = self._control.base_url
        self.faults = RemoteFaults(self._control)

    def reset(self) -> None:
        """Empty the state, the journal and the fault plan (the shared clock is left alone)."""
        self._control.call("POST", "reset")

    def clock(self) -> RemoteClock:
        """The served fakes' shared clock, on this client's connection."""
        return RemoteClock(self.base_url, self._control.session)

    def records(self, collection: str) -> list[dict[str, Any]]:
        return list(self._control.call("GET", f"records/{collection}"))

    def ui_create(self, collection: str, fields: dict[str, Any]) -> dict[str, Any]:
        return dict(self._control.call("POST", f"records/{collection}", fields))

    def ui_update(self, collection: str, id: int, fields: dict[str, Any]) -> dict[str, Any]:
        return dict(self._control.call("PATCH", f"records/{collection}/{int(id)}", fields))

    def ui_delete(self, collection: str, id: int) -> None:
        self._control.call("DELETE", f"records/{collection}/{int(id)}")

    @property
    def journal(self) -> list[dict[str, Any]]:
        return list(self._control.call("GET", "journal"))

    def clear_journal(self) -> None:
        self._control.call("DELETE", "journal")

    @property
    def people(self) -> RemotePeople:
        """People at work in the served fake (fakes/core/people.py)."""
        return RemotePeople(self._control)

    def __repr__(self) -> str:
        return f"RemoteFake({self.base_url!r})"


class RemotePeople:
    """The served fake's ``People``: seeding, edits after a read, late and API edits, skew."""

    def __init__(self, control: ControlPlaneClient) -> None:
        self._control = control

    def seed(self, collection: str, records: list[dict[str, Any]]) -> list[int]:
        return list(
            self._control.call("POST", f"people/seed/{collection}", {"records": records})["ids"]
        )

    def edit_after_read(self, collection: str, id: int, fields: dict[str, Any]) -> None:
        self._control.call("POST", f"people/edit-after-read/{collection}/{int(id)}", fields)

    @property
    def pending(self) -> list[dict[str, Any]]:
        return list(self._control.call("GET", "people/edits-after-read"))

    def late_edit(self, collection: str, id: int, fields: dict[str, Any], stamp: datetime) -> Any:
        body = {"fields": fields, "stamp": format_iso_z(stamp)}
        return self._control.call("POST", f"people/late-edit/{collection}/{int(id)}", body)

    def api_edit(self, collection: str, id: int, fields: dict[str, Any]) -> Any:
        return self._control.call("POST", f"people/api-edit/{collection}/{int(id)}", fields)

    def set_skew(self, seconds: float) -> None:
        self._control.call("POST", "people/skew", {"seconds": seconds})
