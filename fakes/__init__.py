"""In-memory fakes of the webCRM and Customerp REST APIs (see fakes/core for the shared parts).

``from fakes import FakeClock, WebcrmFake, CustomerpFake, InProcess, serve_fakes``; the
fakes' test credentials, the one place they are written: ``DEFAULT_API_KEY`` (Customerp) and
``DEFAULT_AUTH_CODE`` (webCRM);
``WebcrmFake`` is imported on first use, so this package imports even while it is absent.
The fakes' schemas are public too, for those who generate data the fakes accept:
``CUSTOMERP_FIELDS`` / ``CUSTOMERP_ADDRESS`` (Customerp's writable fields as data),
``ISO_3166_ALPHA2`` (the country codes Customerp accepts) and ``webcrm_schemas()`` (webCRM's
DTO fields, read from its swagger).
"""

from __future__ import annotations

from typing import Any

from fakes.core import FakeClock, InProcess, serve_fakes
from fakes.customerp import DEFAULT_API_KEY, CustomerpFake
from fakes.customerp.countries import ISO_3166_ALPHA2
from fakes.customerp.schema import ADDRESS as CUSTOMERP_ADDRESS
from fakes.customerp.schema import FIELDS as CUSTOMERP_FIELDS

__all__ = [
    "CUSTOMERP_ADDRESS",
    "DEFAULT_API_KEY",
    "DEFAULT_AUTH_CODE",
    "CUSTOMERP_FIELDS",
    "ISO_3166_ALPHA2",
    "CustomerpFake",
    "FakeClock",
    "InProcess",
    "WebcrmFake",
    "serve_fakes",
    "webcrm_schemas",
]


def __getattr__(name: str) -> Any:
    if name == "WebcrmFake":
        from fakes.webcrm import WebcrmFake

        return WebcrmFake
    if name == "DEFAULT_AUTH_CODE":
        from fakes.webcrm import DEFAULT_AUTH_CODE

        return DEFAULT_AUTH_CODE
    if name == "webcrm_schemas":
        from fakes.webcrm.schema import entity_schemas

        return entity_schemas
    raise AttributeError(f"module 'fakes' has no attribute {name!r}")
