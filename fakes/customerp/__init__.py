"""Customerp, a small ERP REST API designed by this project, as an in-memory fake.

Layout: ``schema.py`` (fields as data, validation), ``models.py`` (state and rules, no
HTTP), ``routes.py`` (routes as data), ``handlers.py`` (request -> store -> JSON),
``errors.py`` (one class per error code), ``fake.py`` (assembly and auth), and
``openapi.yaml`` (the API described in OpenAPI 3.0; the tests check the fake against it).

Decisions the contract leaves open, in one place:

* ids are server-assigned integers from disjoint ranges (customers 100001.., contacts
  500001.., products 900001..) so mixed-up ids are caught; ids are never reused;
* ``version`` starts at 1 and grows by 1 per write; ``ETag: "<version>"`` on single-record
  answers; ``If-Match`` takes ``"3"``, ``3``, ``W/"3"`` or ``*`` (any), on PUT and DELETE;
* the cursor is opaque (base64url of the last id); ``next_cursor`` is null exactly when no
  further record matches; unknown query parameters are 400 naming the parameter;
* ``updated_since`` is inclusive and rounded up to the millisecond (stamps have ms);
* sku uniqueness is case-sensitive; required texts (name, sku) must not be blank;
  unstated maximum lengths: customer_number 50, postal_code 20, sku 100, vat_code 20,
  description 4000, other texts 200, external_ref 100; numbers must be finite;
* ``address`` absent or null -> null; given -> all four keys (absent ones null);
* UI edits (control plane) change only the given fields (address fields merge), and bump
  version and updated_at like an API write.
"""

from __future__ import annotations

from fakes.customerp.fake import DEFAULT_API_KEY, DEFAULT_BASE_URL, CustomerpFake

__all__ = ["DEFAULT_API_KEY", "DEFAULT_BASE_URL", "CustomerpFake"]
