"""In-memory fakes of the webCRM and Customerp REST APIs (see fakes/core for the shared parts).

``from fakes import FakeClock, WebcrmFake, CustomerpFake, InProcess, serve_fakes``;
``WebcrmFake`` is imported on first use, so this package imports even while it is absent.
"""

from __future__ import annotations

from typing import Any

from fakes.core import FakeClock, InProcess, serve_fakes
from fakes.customerp import CustomerpFake

__all__ = ["CustomerpFake", "FakeClock", "InProcess", "WebcrmFake", "serve_fakes"]


def __getattr__(name: str) -> Any:
    if name == "WebcrmFake":
        from fakes.webcrm import WebcrmFake

        return WebcrmFake
    raise AttributeError(f"module 'fakes' has no attribute {name!r}")
