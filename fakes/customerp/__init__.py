"""Customerp, a small ERP REST API designed by this project, as an in-memory fake.

Layout: ``schema.py`` (fields as data, validation), ``models.py`` (state and rules, no
HTTP), ``routes.py`` (routes as data), ``handlers.py`` (request -> store -> JSON),
``errors.py`` (one class per error code), ``fake.py`` (assembly and auth), and
``openapi.yaml`` (the API described in OpenAPI 3.0; the tests check the fake against it).

Every decision the contract leaves open (ids, versions, If-Match forms, cursor, limits,
bad input) is written down in one place: ``README.md`` next to this module.
"""

from __future__ import annotations

from fakes.customerp.fake import DEFAULT_API_KEY, DEFAULT_BASE_URL, CustomerpFake

__all__ = ["DEFAULT_API_KEY", "DEFAULT_BASE_URL", "CustomerpFake"]
